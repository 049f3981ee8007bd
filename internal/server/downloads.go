package server

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"affiches/internal/brand"
	"affiches/internal/casefile"
	"affiches/internal/catalog"
	"affiches/internal/kit"
	"affiches/internal/logo"
	"affiches/internal/output"
	"affiches/internal/render"
	"affiches/internal/rules"
	"affiches/internal/signature"
)

// The downloads of the views beside the poster: the kit, the logos, the
// signatures, the letters and forms. Each answers with a file, or records
// its problems and lets the page show them.

func (s *Server) downloadKit(w http.ResponseWriter, st *state, o *brand.Org) bool {
	st.onPoster = false
	opt := kit.Options{Year: time.Now().Year()}
	if people, ok := s.people(st, false); !ok {
		return false
	} else if len(people) > 0 {
		opt.People, opt.ImageBaseURL = people, strings.TrimSpace(st.v.Get("sig.base_url"))
	}
	opt.Context = st.r.Context() // a client gone stops the build
	var buf bytes.Buffer
	err := s.render(st.r.Context(), func() error {
		files, err := kit.Build(o, opt)
		if err != nil {
			return err
		}
		return kit.Zip(&buf, files)
	})
	if err != nil {
		s.actionFailed(st, err)
		return false
	}
	sendFile(w, st.r, "kit-"+output.Slug(o.Name.In(o.Langs()[0]), "organisation")+".zip", "application/zip", buf.Bytes())
	return true
}

// logoFile is one logo file the server makes: its place in the URL space
// and in a ZIP.
type logoFile struct {
	Channel brand.Channel
	Lang    brand.Lang
	Version logo.Version
	File    string // web-small.png, web-large@3x.png, print-60mm.pdf…
}

func (f logoFile) path() string {
	return fmt.Sprintf("/logos/%s/%s/%s/%s", f.Channel, f.Lang, f.Version, f.File)
}

// logoFiles lists every file of a logo in a language and version.
func logoFiles(ch brand.Channel, l brand.Lang, v logo.Version) []logoFile {
	var out []logoFile
	for _, lay := range []logo.Layout{logo.WebSmall, logo.WebLarge} {
		out = append(out, logoFile{ch, l, v, string(lay) + ".png"}, logoFile{ch, l, v, string(lay) + "@2x.png"}, logoFile{ch, l, v, string(lay) + "@3x.png"}, logoFile{ch, l, v, string(lay) + ".svg"})
	}
	return append(out, logoFile{ch, l, v, "print-60mm.pdf"}, logoFile{ch, l, v, "print-60mm.svg"})
}

// downloadLogos sends every logo of both channels in the profile's
// languages as a ZIP, laid out as the URLs are.
func (s *Server) downloadLogos(w http.ResponseWriter, st *state) bool {
	var files []output.File
	for _, ch := range brand.Channels {
		for _, l := range formLangs(st.v) {
			for _, v := range logo.Versions {
				for _, f := range logoFiles(ch, l, v) {
					a, err := s.logoAsset(f)
					if err != nil {
						s.actionFailed(st, err)
						return false
					}
					files = append(files, output.File{Name: strings.TrimPrefix(f.path(), "/"), Data: a.data})
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := kit.Zip(&buf, files); err != nil {
		s.actionFailed(st, err)
		return false
	}
	sendFile(w, st.r, "logos.zip", "application/zip", buf.Bytes())
	return true
}

// signaturePeopleHeader is the first line of a staff list.
var signaturePeopleHeader = append(append([]string(nil), signature.Columns...), "lang")

// people reads the staff list: the uploaded file, else the text pasted on
// the page. An empty list is no error unless one is needed.
func (s *Server) people(st *state, need bool) ([]signature.Person, bool) {
	data, _, err := formFile(st.r, "sig.file")
	if err != nil {
		st.shown = append(st.shown, shown{Input: "sig.file", Text: catalog.T(st.ui, "web.p.unreadable"), Detail: err.Error()})
		return nil, false
	}
	input := "sig.file"
	if data == nil {
		data, input = []byte(st.v.Get("sig.people")), "sig.people"
	} else if utf8.Valid(data) {
		// The list loaded stays on the page, where it can be corrected and
		// is sent again by the next button (a chosen file is not).
		st.v.Set("sig.people", string(data))
	}
	if strings.TrimSpace(string(data)) == "" || strings.TrimSpace(string(data)) == strings.Join(signaturePeopleHeader, ",") {
		if need {
			st.shown = append(st.shown, shown{Input: "sig.people", Text: catalog.T(st.ui, "web.p.no_people")})
			return nil, false
		}
		return nil, true
	}
	people, _, err := signature.ReadCSV(bytes.NewReader(data))
	if err != nil {
		st.shown = append(st.shown, shown{Input: input, Text: catalog.T(st.ui, "web.p.people_csv", "columns", strings.Join(signature.Columns, ",")), Detail: err.Error()})
		return nil, false
	}
	if len(people) == 0 && need {
		st.shown = append(st.shown, shown{Input: input, Text: catalog.T(st.ui, "web.p.no_people")})
		return nil, false
	}
	return people, true
}

// sigPreview is one signature shown on the page.
type sigPreview struct {
	Name, Lang string
	HTML       template.HTML
	Size       int
}

// previewBase is the image address signatures are previewed with: the
// page swaps it for the server's own logo URLs, so the preview shows the
// logos before they are published.
const previewBase = "https://preview.affiches.invalid"

// signatures previews the staff's signatures on the page, or sends them
// as a ZIP with instructions for each mail client in the chosen language.
func (s *Server) signatures(w http.ResponseWriter, st *state, o *brand.Org, download bool) bool {
	st.onPoster = false
	people, ok := s.people(st, true)
	if !ok {
		return false
	}
	lang := brand.Lang(st.v.Get("sig.lang"))
	if !lang.Valid() {
		lang = o.Langs()[0]
	}
	ch, err := brand.ParseChannel(st.v.Get("sig.channel"))
	if err != nil {
		ch = brand.Complaint
	}
	base := strings.TrimSpace(st.v.Get("sig.base_url"))
	if !download {
		base = previewBase
	}
	res, err := signature.Make(o, people, signature.Options{Lang: lang, Channel: ch, ImageBaseURL: base})
	if err != nil {
		s.actionFailed(st, err)
		return false
	}
	ex := st.explainer()
	for _, p := range res.Problems {
		sh := ex.explain(brand.Problem{Field: "sig.people", Message: p.Msg})
		col := p.Field
		if catalog.Has(st.ui, "web.col."+col) {
			col = catalog.T(st.ui, "web.col."+col)
		}
		sh.Text = catalog.T(st.ui, "web.p.people_row", "line", strconv.Itoa(p.Line), "column", col) + " " + sh.Text
		st.shown = append(st.shown, sh)
	}
	if len(res.Problems) > 0 {
		return false
	}
	if download {
		files := res.Files
		for _, l := range o.Langs() {
			var buf bytes.Buffer
			err := pageT().ExecuteTemplate(&buf, "instructions.html.tmpl", struct {
				UI             brand.Lang
				Org, ImageBase string
				Images         []string
			}{l, o.Name.In(l), base, sigImages(res.Files)})
			if err != nil {
				s.actionFailed(st, err)
				return false
			}
			files = append(files, output.File{Name: catalog.T(l, "web.sig.instructions_file") + ".html", Data: buf.Bytes()})
		}
		var buf bytes.Buffer
		if err := kit.Zip(&buf, files); err != nil {
			s.actionFailed(st, err)
			return false
		}
		sendFile(w, st.r, "signatures.zip", "application/zip", buf.Bytes())
		return true
	}
	// The preview: each person's signature, its images swapped for this
	// server's versioned logo URLs.
	swap := map[string]string{}
	for _, l := range brand.Langs {
		a, err := s.logoAsset(logoFile{ch, l, logo.Colour, "web-small@2x.png"})
		if err == nil {
			swap[previewBase+"/"+signature.LogoFile(ch, l)] = logoFile{ch, l, logo.Colour, "web-small@2x.png"}.path() + "?v=" + version(a)
		}
	}
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Name, ".html") || f.Name == "index.html" {
			continue
		}
		html := bodyOf(string(f.Data))
		for from, to := range swap {
			html = strings.ReplaceAll(html, from, to)
		}
		st.sigs = append(st.sigs, sigPreview{Name: strings.TrimSuffix(f.Name, ".html"), HTML: template.HTML(html), Size: len(html)})
		st.styles = append(st.styles, styleHashes(html)...)
	}
	for i, p := range people {
		if i < len(st.sigs) {
			st.sigs[i].Name = p.Name
			st.sigs[i].Lang = string(p.Lang)
			if p.Lang == "" {
				st.sigs[i].Lang = string(lang)
			}
		}
	}
	st.notice = catalog.T(st.ui, "web.sig.previewed", "n", strconv.Itoa(len(st.sigs)))
	return false
}

func sigImages(files []output.File) []string {
	var out []string
	for _, f := range files {
		if strings.HasPrefix(f.Name, "images/") {
			out = append(out, f.Name)
		}
	}
	return out
}

// bodyOf returns what lies inside an HTML page's body element.
func bodyOf(page string) string {
	i := strings.Index(page, "<body")
	if i < 0 {
		return page
	}
	j := strings.IndexByte(page[i:], '>')
	k := strings.LastIndex(page, "</body>")
	if j < 0 || k < i+j {
		return page
	}
	return strings.TrimSpace(page[i+j+1 : k])
}

// letterKinds are the case-file documents of the letters view, in the
// order a complaint meets them.
var letterKinds = []casefile.Kind{casefile.Registration, casefile.Acknowledgement, casefile.InformationRequest, casefile.Inadmissible, casefile.Reply}

// downloadLetter sends a blank letter or form ("letter:reply:docx") or the
// register, in the chosen language.
func (s *Server) downloadLetter(w http.ResponseWriter, st *state, o *brand.Org, action string) bool {
	st.onPoster = false
	l := brand.Lang(st.v.Get("letters.lang"))
	if !l.Valid() {
		l = o.Langs()[0]
	}
	if !o.Name.Has(l) {
		st.shown = append(st.shown, shown{Input: "letters.lang", Text: catalog.T(st.ui, "web.p.not_in_profile", "lang", catalog.T(st.ui, "web.lang."+string(l)), "langs", langNames(st.ui, o.Langs()))})
		return false
	}
	var buf bytes.Buffer
	if action == "register" {
		year, err := strconv.Atoi(strings.TrimSpace(st.v.Get("letters.year")))
		if err != nil || year < 2000 || year > 2100 {
			st.shown = append(st.shown, shown{Input: "letters.year", Text: catalog.T(st.ui, "web.p.year")})
			return false
		}
		if err := casefile.WriteRegister(&buf, o, l, year); err != nil {
			s.actionFailed(st, err)
			return false
		}
		sendFile(w, st.r, fmt.Sprintf("register-%d-%s.xlsx", year, l), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
		return true
	}
	parts := strings.Split(action, ":")
	if len(parts) != 3 {
		return false
	}
	k, err := casefile.ParseKind(parts[1])
	if err != nil || k == casefile.Register || parts[2] != "pdf" && parts[2] != "docx" {
		return false
	}
	d, err := casefile.Build(o, k, casefile.Options{Lang: l, Date: time.Now()})
	if err != nil {
		s.actionFailed(st, err)
		return false
	}
	ct := "application/pdf"
	if parts[2] == "docx" {
		ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		err = render.LetterDOCX(&buf, d)
	} else {
		_, err = render.Letter(&buf, d)
	}
	if err != nil {
		s.actionFailed(st, err)
		return false
	}
	sendFile(w, st.r, fmt.Sprintf("%s-%s.%s", k, l, parts[2]), ct, buf.Bytes())
	return true
}

// logoAsset renders a logo file, or finds it among those made already.
func (s *Server) logoAsset(f logoFile) (*asset, error) {
	key := f.path()
	if a, ok := s.logos.Load(key); ok {
		return a.(*asset), nil
	}
	opt := render.LogoOptions{Channel: f.Channel, Lang: f.Lang, Version: f.Version}
	ext := f.File[strings.LastIndexByte(f.File, '.')+1:]
	base := strings.TrimSuffix(f.File, "."+ext)
	switch ext {
	case "png":
		opt.Format = render.PNG
	case "svg":
		opt.Format = render.SVG
	case "pdf":
		opt.Format = render.PDF
	default:
		return nil, errNoLogo
	}
	if base == "print-60mm" {
		if opt.Format == render.PNG {
			return nil, errNoLogo
		}
		opt.WidthMM = rules.DefaultPrintWidthMM
	} else {
		opt.Scale = 1
		if i := strings.IndexByte(base, '@'); i >= 0 {
			switch base[i:] {
			case "@2x":
				opt.Scale = 2
			case "@3x":
				opt.Scale = 3
			default:
				return nil, errNoLogo
			}
			base = base[:i]
		}
		opt.Web = logo.Layout(base)
		if _, _, ok := opt.Web.WebSize(); !ok || opt.Format == render.PDF || opt.Format == render.SVG && opt.Scale != 1 {
			return nil, errNoLogo
		}
	}
	var buf bytes.Buffer
	if _, err := render.Logo(&buf, opt); err != nil {
		return nil, err
	}
	ct := map[render.Format]string{render.PNG: "image/png", render.SVG: "image/svg+xml", render.PDF: "application/pdf"}[opt.Format]
	a, _ := s.logos.LoadOrStore(key, newAsset(buf.Bytes(), ct))
	return a.(*asset), nil
}
