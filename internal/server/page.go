package server

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/render"
	"affiches/templates"
)

var pageT = template.Must(template.New("page.html.tmpl").Funcs(template.FuncMap{
	"T": func(l brand.Lang, key string) string { return catalog.T(l, key) },
}).ParseFS(templates.FS, "server/page.html.tmpl"))

// field is one input of the page's form: its name is the profile's field
// path, so a problem's field finds its input.
type field struct {
	Name, Label, Type, Value, Hint, Problem string
	Options                                 []option
	Required                                bool
}

type option struct {
	Value, Label string
	Selected     bool
}

type group struct {
	Title  string
	Fields []field
}

type pageData struct {
	UI       brand.Lang
	UILangs  []option
	Groups   []group
	Poster   []field
	Problems brand.Problems // problems without a field of the form
	Preview  string         // a data URL of the last preview, without JavaScript
}

// defaultForm is the demo body, so the page shows a poster at once.
func defaultForm() url.Values {
	v := url.Values{}
	o := brand.Demo()
	for _, l := range []brand.Lang{brand.FR, brand.NL, brand.DE, brand.EN} {
		v.Set("name."+string(l), o.Name.In(l))
		v.Set("address."+string(l), o.Address.In(l))
		v.Set("complaint.form_url."+string(l), o.Complaint.FormURL.In(l))
		v.Set("complaint.hours."+string(l), o.Complaint.Hours.In(l))
	}
	v.Set("region", "federal")
	v.Set("website", o.Website)
	v.Set("colours.accent", "#0B4F8A")
	v.Set("complaint.email", o.Complaint.Email)
	v.Set("complaint.phone", o.Complaint.Phone)
	v.Set("complaint.acknowledgement_days", "5")
	v.Set("complaint.reply_days", "30")
	v.Set("second_line", "federal-ombudsman")
	v.Set("poster.channel", "complaint")
	v.Set("poster.lang", "fr,nl")
	v.Set("poster.size", "a4")
	return v
}

func uiLang(r *http.Request) brand.Lang {
	if l := brand.Lang(r.URL.Query().Get("ui")); l.Valid() {
		return l
	}
	if l := brand.Lang(r.FormValue("ui")); l.Valid() {
		return l
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		if l := brand.Lang(strings.SplitN(tag, "-", 2)[0]); l.Valid() {
			return l
		}
	}
	return brand.FR
}

func buildPage(ui brand.Lang, v url.Values, ps brand.Problems) pageData {
	byField := map[string][]string{}
	var loose brand.Problems
	known := map[string]bool{}
	d := pageData{UI: ui}
	for _, l := range brand.Langs {
		d.UILangs = append(d.UILangs, option{Value: string(l), Label: catalog.T(l, "ui.lang_name"), Selected: l == ui})
	}
	T := func(k string) string { return catalog.T(ui, k) }
	f := func(name, label, typ, hint string, required bool) field {
		known[name] = true
		return field{Name: name, Label: label, Type: typ, Value: v.Get(name), Hint: hint, Required: required}
	}
	perLang := func(path, label, typ, hint string) []field {
		var out []field
		for _, l := range brand.Langs {
			out = append(out, f(path+"."+string(l), fmt.Sprintf("%s (%s)", label, l), typ, hint, false))
		}
		return out
	}
	body := group{Title: T("ui.section.body")}
	body.Fields = append(body.Fields, perLang("name", T("ui.name"), "text", "")...)
	region := f("region", T("ui.region"), "select", "", true)
	for _, r := range brand.Regions {
		region.Options = append(region.Options, option{Value: string(r), Label: string(r) + " (" + brand.JoinLangs(r.Languages()) + ")", Selected: v.Get("region") == string(r)})
	}
	body.Fields = append(body.Fields, region, f("website", T("ui.website"), "url", "", false))
	body.Fields = append(body.Fields, perLang("address", T("ui.address"), "text", "")...)
	body.Fields = append(body.Fields, f("colours.accent", T("ui.accent"), "color", T("ui.rule.accent"), false))
	second := f("second_line", T("ui.second_line"), "select", "", true)
	for _, id := range brand.DirectoryIDs() {
		second.Options = append(second.Options, option{Value: id, Label: brand.Directory()[id].Name.In(ui) + " (" + id + ")", Selected: v.Get("second_line") == id})
	}
	body.Fields = append(body.Fields, second)

	reach := group{Title: T("ui.section.complaint")}
	reach.Fields = append(reach.Fields, perLang("complaint.form_url", T("ui.form_url"), "url", T("ui.rule.url"))...)
	reach.Fields = append(reach.Fields,
		f("complaint.email", T("ui.email"), "email", "", false),
		f("complaint.phone", T("ui.phone"), "tel", "", true))
	reach.Fields = append(reach.Fields, perLang("complaint.hours", T("ui.hours"), "text", "")...)
	reach.Fields = append(reach.Fields,
		f("complaint.acknowledgement_days", T("ui.ack_days"), "number", "", false),
		f("complaint.reply_days", T("ui.reply_days"), "number", "", false))

	ch := f("poster.channel", T("ui.channel"), "select", "", true)
	for _, c := range brand.Channels {
		ch.Options = append(ch.Options, option{Value: string(c), Label: T("ui.channel." + string(c)), Selected: v.Get("poster.channel") == string(c)})
	}
	size := f("poster.size", T("ui.size"), "select", T("ui.rule.size"), true)
	for _, z := range []string{"a5", "a4", "a3"} {
		size.Options = append(size.Options, option{Value: z, Label: strings.ToUpper(z), Selected: v.Get("poster.size") == z})
	}
	d.Poster = []field{ch, f("poster.lang", T("ui.poster_langs"), "text", "", true), size}
	d.Groups = []group{body, reach}

	for _, p := range ps {
		name := p.Field
		// complaint.form_url (one value for all languages) shows on the first.
		if !known[name] && known[name+".fr"] {
			name += ".fr"
		}
		if known[name] {
			byField[name] = append(byField[name], p.String())
		} else {
			loose = append(loose, p)
		}
	}
	for gi := range d.Groups {
		for fi := range d.Groups[gi].Fields {
			fl := &d.Groups[gi].Fields[fi]
			fl.Problem = strings.Join(byField[fl.Name], "; ")
		}
	}
	for fi := range d.Poster {
		d.Poster[fi].Problem = strings.Join(byField[d.Poster[fi].Name], "; ")
	}
	d.Problems = loose
	return d
}

// profileFromForm turns the form's field paths into a profile, parsed with
// the same rules as a YAML file, so problems carry the same paths.
func profileFromForm(v url.Values) (*brand.Org, error) {
	fields := map[string]string{}
	for k := range v {
		if strings.HasPrefix(k, "poster.") || k == "ui" || k == "action" {
			continue
		}
		fields[k] = v.Get(k)
	}
	o, err := brand.FromFields(fields)
	if err != nil {
		return nil, err
	}
	if o.LogoPack != "" {
		return nil, brand.Problems{{Field: "logo_pack", Message: "an uploaded profile cannot name files on the server: remove logo_pack"}}
	}
	return o, nil
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	s.renderPage(w, uiLang(r), defaultForm(), nil, "")
}

// pageOrError shows the page again with the profile's problems next to
// their fields, or answers with the error when it is not about the profile.
func (s *Server) pageOrError(w http.ResponseWriter, ui brand.Lang, v url.Values, err error) {
	var ps brand.Problems
	if !errors.As(err, &ps) {
		writeError(w, err)
		return
	}
	s.renderPage(w, ui, v, ps, "")
}

func (s *Server) renderPage(w http.ResponseWriter, ui brand.Lang, v url.Values, ps brand.Problems, preview string) {
	d := buildPage(ui, v, ps)
	d.Preview = preview
	var buf bytes.Buffer
	if err := pageT.Execute(&buf, d); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if len(ps) > 0 {
		w.WriteHeader(http.StatusUnprocessableEntity)
	}
	w.Write(buf.Bytes())
}

// pageSubmit handles the form without JavaScript: the buttons download the
// PDF, the PNG or the kit, or show the page again with the problems next to
// their fields.
func (s *Server) pageSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeError(w, err)
		return
	}
	ui := uiLang(r)
	o, err := profileFromForm(r.PostForm)
	if err != nil {
		s.pageOrError(w, ui, r.PostForm, err)
		return
	}
	action := r.PostForm.Get("action")
	if action == "kit" {
		s.serveKit(w, r, o)
		return
	}
	format, dpi := action, ""
	if action != "pdf" && action != "png" {
		format, dpi = "png", "60"
	}
	q := posterQuery(r.PostForm, format, dpi)
	opt, ps := posterOptions(q)
	if len(ps) > 0 {
		s.renderPage(w, ui, r.PostForm, renameFields(ps), "")
		return
	}
	if action == "pdf" || action == "png" {
		s.servePoster(w, r, o, opt, fmt.Sprintf("poster-%s-%s-%s.%s", opt.Channel, strings.ReplaceAll(q.Get("lang"), ",", "+"), opt.Size, opt.Format))
		return
	}
	// "preview": the page again, with the poster inline.
	var buf bytes.Buffer
	if err := s.render(r.Context(), func() error { _, err := render.Poster(&buf, o, opt); return err }); err != nil {
		s.pageOrError(w, ui, r.PostForm, err)
		return
	}
	s.renderPage(w, ui, r.PostForm, nil, "data:image/png;base64,"+base64.StdEncoding.EncodeToString(buf.Bytes()))
}

// formPoster is the page's live preview: the form, form-encoded, in; a PNG
// (or JSON problems) out.
func (s *Server) formPoster(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeError(w, err)
		return
	}
	o, err := profileFromForm(r.PostForm)
	if err != nil {
		writeError(w, err)
		return
	}
	opt, ps := posterOptions(posterQuery(r.PostForm, r.URL.Query().Get("format"), r.URL.Query().Get("dpi")))
	if len(ps) > 0 {
		writeProblems(w, http.StatusBadRequest, renameFields(ps))
		return
	}
	s.servePoster(w, r, o, opt, "")
}

// posterQuery turns the form's poster fields into the API's query.
func posterQuery(form url.Values, format, dpi string) url.Values {
	q := url.Values{}
	q.Set("channel", form.Get("poster.channel"))
	q.Set("lang", form.Get("poster.lang"))
	q.Set("size", form.Get("poster.size"))
	q.Set("format", format)
	q.Set("dpi", dpi)
	return q
}

// renameFields points poster-option problems at the form's inputs.
func renameFields(ps brand.Problems) brand.Problems {
	out := make(brand.Problems, len(ps))
	for i, p := range ps {
		if p.Field == "channel" || p.Field == "lang" || p.Field == "size" {
			p.Field = "poster." + p.Field
		}
		out[i] = p
	}
	return out
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	types := map[string]string{"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
	ct, ok := types[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	data, err := templates.FS.ReadFile("server/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	serveAsset(w, r, newAsset(data, ct), "public, max-age=3600")
}

// importProfile loads an uploaded profile into the form.
func (s *Server) importProfile(w http.ResponseWriter, r *http.Request) {
	ui := uiLang(r)
	if err := r.ParseMultipartForm(s.opt.MaxBody); err != nil {
		writeError(w, err)
		return
	}
	f, _, err := r.FormFile("profile")
	if err != nil {
		s.renderPage(w, ui, defaultForm(), brand.Problems{{Field: "profile", Message: "choose a profile file (YAML or JSON) to load"}}, "")
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, s.opt.MaxBody+1))
	if err != nil || int64(len(data)) > s.opt.MaxBody {
		writeProblems(w, http.StatusRequestEntityTooLarge, brand.Problems{{Field: "profile", Message: "the profile is over 1 MiB"}})
		return
	}
	o, err := s.parseUploaded(r.Context(), data)
	var ps brand.Problems
	if err != nil && !errors.As(err, &ps) {
		writeError(w, err)
		return
	}
	if o == nil {
		o = &brand.Org{}
	}
	s.renderPage(w, ui, orgToForm(o), ps, "")
}

// orgToForm fills the form from a profile.
func orgToForm(o *brand.Org) url.Values {
	v := url.Values{}
	for _, l := range brand.Langs {
		set := func(key string, t brand.Text) {
			if s := t.In(l); s != "" {
				v.Set(key+"."+string(l), s)
			}
		}
		set("name", o.Name)
		set("address", o.Address)
		set("complaint.form_url", o.Complaint.FormURL)
		set("complaint.hours", o.Complaint.Hours)
	}
	v.Set("region", string(o.Region))
	v.Set("website", o.Website)
	if o.Accent != (color.RGBA{}) {
		v.Set("colours.accent", fmt.Sprintf("#%02X%02X%02X", o.Accent.R, o.Accent.G, o.Accent.B))
	}
	v.Set("complaint.email", o.Complaint.Email)
	v.Set("complaint.phone", o.Complaint.Phone)
	if o.Complaint.AcknowledgementDays > 0 {
		v.Set("complaint.acknowledgement_days", strconv.Itoa(o.Complaint.AcknowledgementDays))
	}
	if o.Complaint.ReplyDays > 0 {
		v.Set("complaint.reply_days", strconv.Itoa(o.Complaint.ReplyDays))
	}
	v.Set("second_line", o.SecondLine.ID)
	v.Set("poster.channel", "complaint")
	v.Set("poster.size", "a4")
	if o.Region != "" {
		langs := make([]string, 0, 2)
		for _, l := range o.Langs() {
			langs = append(langs, string(l))
		}
		v.Set("poster.lang", strings.Join(langs, ","))
	}
	return v
}
