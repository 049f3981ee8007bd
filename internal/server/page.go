package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"log"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/check"
	"affiches/internal/output"
	"affiches/internal/render"
	"affiches/internal/render/layout"
	"affiches/templates"
)

// The page is one form shown in five views, one per need: posters, logos,
// signatures, letters and forms, the whole kit. Every button posts the
// whole form, so nothing typed is lost between views, languages of the page
// or failed downloads, with or without JavaScript; the script only adds the
// live preview and keeps a draft in the browser.

// pageT and staticFiles are made on first use, not at package init: every
// command links this package, and only serve needs them (issue 18: a cold
// command ≤ 10 ms).
var pageT = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"T":     func(l brand.Lang, key string, args ...string) string { return catalog.T(l, key, args...) },
		"upper": strings.ToUpper,
	}).ParseFS(templates.FS, "server/*.html.tmpl"))
})

var white = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}

// view is one page of the form.
type view struct{ ID, Path, Label string }

var views = []view{
	{"poster", "/", "web.view.poster"},
	{"logos", "/logos", "web.view.logos"},
	{"signatures", "/signatures", "web.view.signatures"},
	{"letters", "/letters", "web.view.letters"},
	{"kit", "/kit", "web.view.kit"},
}

// pageRoutes adds the page's routes to the mux.
func (s *Server) pageRoutes() {
	for _, vw := range views {
		pattern := vw.Path
		if pattern == "/" {
			pattern = "/{$}"
		}
		s.mux.HandleFunc("GET "+pattern, func(w http.ResponseWriter, r *http.Request) { s.pageGET(w, r, vw.ID) })
		s.mux.HandleFunc("POST "+pattern, func(w http.ResponseWriter, r *http.Request) { s.pageSubmit(w, r, vw.ID) })
	}
	s.mux.HandleFunc("POST /import", func(w http.ResponseWriter, r *http.Request) { s.pageSubmit(w, r, "poster") })
	s.mux.HandleFunc("POST /form/poster", s.formPoster)
	s.mux.HandleFunc("GET /static/{file}", s.static)
}

// The page's own inputs, beside the profile's. Each view shows its own and
// carries the others' values as hidden inputs.
var toolInputs = map[string][]string{
	"poster":     {"poster.channel", "poster.lang", "poster.size", "poster.output"},
	"logos":      {"logo.channel", "logo.lang"},
	"signatures": {"sig.lang", "sig.channel", "sig.base_url", "sig.people"},
	"letters":    {"letters.lang", "letters.year"},
	"kit":        {},
}

// defaultForm is the example profile with the tools' defaults, so the page
// shows a poster at once.
func defaultForm() url.Values {
	v := url.Values{}
	for k, vals := range exampleForm() {
		v[k] = append([]string(nil), vals...)
	}
	setToolDefaults(v)
	return v
}

// setToolDefaults fills the page's own inputs left empty.
func setToolDefaults(v url.Values) {
	langs := formLangs(v)
	def := map[string]string{
		"poster.channel": "complaint", "poster.lang": commaLangs(langs), "poster.size": "a4", "poster.output": "office",
		"logo.channel": "complaint", "logo.lang": string(langs[0]),
		"sig.lang": string(langs[0]), "sig.channel": "complaint", "sig.people": strings.Join(signaturePeopleHeader, ",") + "\n",
		"letters.lang": string(langs[0]), "letters.year": strconv.Itoa(time.Now().Year()),
	}
	for k, d := range def {
		if _, ok := v[k]; !ok {
			v.Set(k, d)
		}
	}
}

// commaLangs writes languages as a person types them: "fr, nl".
func commaLangs(ls []brand.Lang) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = string(l)
	}
	return strings.Join(parts, ", ")
}

// uiLang is the page's language: a switch asked on the form, else the
// form's or the URL's ui, else the browser's languages, else French.
func uiLang(r *http.Request, v url.Values) brand.Lang {
	for _, s := range []string{v.Get("ui_to"), v.Get("ui"), r.URL.Query().Get("ui")} {
		if l := brand.Lang(s); l.Valid() {
			return l
		}
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		if l := brand.Lang(strings.SplitN(tag, "-", 2)[0]); l.Valid() {
			return l
		}
	}
	return brand.FR
}

// state is one answer of the page in the making.
type state struct {
	r            *http.Request
	view         string
	ui           brand.Lang
	v            url.Values
	problems     brand.Problems // the profile's and the action's, by field
	fileProblems brand.Problems // an imported file's
	shown        []shown        // problems already explained (a file, people rows)
	onPoster     bool           // field-less poster rules concern poster.lang
	notice       string
	fresh        bool // a GET: the script may restore the browser's draft
	preview      []byte
	previewURL   string // the preview's own URL (the example's), else it goes inline
	stale        bool
	sigs         []sigPreview
	styles       []string // inline styles the signature previews need, for the CSP
}

// pageGET answers a view asked with GET: the example profile, the tools'
// defaults and, in the poster view, the example's preview. Nothing in it
// comes from the request but the view, the page's language, the year (the
// register's default) and, in the logos view, the origin the snippets
// name: the page is made once for each and then sent as bytes, with an
// ETag to revalidate (it made the page cost 160 times a cached logo: the
// example parsed, its preview found again and the whole template run,
// base64 preview and all, on every request). A page that did not come out
// whole (a busy server, no preview) is sent but not kept.
func (s *Server) pageGET(w http.ResponseWriter, r *http.Request, viewID string) {
	ui := uiLang(r, url.Values{})
	year := strconv.Itoa(time.Now().Year())
	key := viewID + "|" + string(ui) + "|" + year
	if viewID == "logos" {
		key += "|" + origin(r)
	}
	a, ok := s.pages.get(key)
	if !ok {
		st := &state{r: r, view: viewID, ui: ui, v: defaultForm(), fresh: true, onPoster: true}
		if viewID == "poster" {
			s.previewInto(st)
		}
		whole := len(st.problems) == 0 && len(st.shown) == 0 && !st.stale && len(st.styles) == 0 &&
			(viewID != "poster" || st.preview != nil) && st.v.Get("letters.year") == year
		if !whole {
			s.writePage(w, st, http.StatusOK)
			return
		}
		body, err := s.pageHTML(st)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		a = withGzip(newAsset(body, "text/html; charset=utf-8"))
		s.pages.put(key, a)
	}
	w.Header().Set("Vary", "Accept-Language")
	serveAsset(w, r, a, "no-cache")
}

// isPagePost reports whether a request is a button of the page.
func isPagePost(r *http.Request) bool {
	if r.Method != http.MethodPost {
		return false
	}
	for _, vw := range views {
		if r.URL.Path == vw.Path {
			return true
		}
	}
	return r.URL.Path == "/import"
}

// pageTooLarge answers a form too large to read with the page and the
// limit; the browser's draft (with JavaScript) brings the values back.
func (s *Server) pageTooLarge(w http.ResponseWriter, r *http.Request) {
	st := &state{r: r, view: "poster", ui: uiLang(r, url.Values{}), v: defaultForm(), fresh: true}
	for _, vw := range views {
		if r.URL.Path == vw.Path {
			st.view = vw.ID
		}
	}
	st.shown = append(st.shown, shown{Text: catalog.T(st.ui, "web.p.too_large", "mib", strconv.FormatInt(s.opt.MaxBody>>20, 10))})
	s.writePage(w, st, http.StatusRequestEntityTooLarge)
}

// readForm parses the page's form, multipart (with files) or not.
func (s *Server) readForm(r *http.Request) (url.Values, error) {
	// ParseMultipartForm drops ParseForm's error for a body that is not
	// multipart (bad escapes, too many fields): each is parsed its own way.
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var err error
	switch {
	case mt == "multipart/form-data":
		err = r.ParseMultipartForm(s.opt.MaxBody)
	case r.URL.Path == "/import":
		err = errors.New("an import is multipart/form-data")
	default:
		err = r.ParseForm()
	}
	if err != nil {
		return nil, unreadable("the request is not a form: send application/x-www-form-urlencoded or multipart/form-data with well-formed names and values", err)
	}
	// Browsers send UTF-8; anything else would reach the profile as bytes
	// no text can hold (and YAML cannot write).
	for k, vals := range r.PostForm {
		for _, v := range append(vals, k) {
			if !utf8.ValidString(v) {
				return nil, unreadable("the form is not UTF-8 text: send it as a browser does", errors.New("invalid UTF-8"))
			}
		}
	}
	v := url.Values{}
	for k, vals := range r.PostForm {
		if k == "action" || k == "ui_to" {
			continue
		}
		v[k] = vals
	}
	return v, nil
}

// formFile returns the bytes of an uploaded file, or nil when none was
// chosen.
func formFile(r *http.Request, name string) ([]byte, string, error) {
	if r.MultipartForm == nil || len(r.MultipartForm.File[name]) == 0 {
		return nil, "", nil
	}
	fh := r.MultipartForm.File[name][0]
	if fh.Size == 0 && fh.Filename == "" {
		return nil, "", nil
	}
	f, err := fh.Open()
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	return data, fh.Filename, err
}

// pageSubmit runs one button of the form. A download that cannot be made
// shows the page again, with every value as typed and the problems next to
// their inputs, in the page's language: never an error page.
func (s *Server) pageSubmit(w http.ResponseWriter, r *http.Request, viewID string) {
	v, err := s.readForm(r)
	st := &state{r: r, view: viewID, onPoster: true}
	if err != nil {
		st.ui, st.v = uiLang(r, url.Values{}), defaultForm()
		s.pageError(w, st, err)
		return
	}
	st.ui, st.v = uiLang(r, r.PostForm), v
	st.v.Set("ui", string(st.ui))
	action := r.PostForm.Get("action")
	if r.URL.Path == "/import" {
		action = "import"
	}
	if action == "import" {
		s.importInto(st)
	}
	setToolDefaults(st.v)
	o, err := s.parseForm(r.Context(), st.v)
	if err != nil && !errors.As(err, &st.problems) {
		s.pageError(w, st, err)
		return
	}
	if err != nil {
		o = nil
	}
	for _, p := range st.fileProblems {
		if !containsProblem(st.problems, p) {
			st.problems = append(st.problems, p)
		}
	}
	switch {
	case action == "pdf" || action == "png":
		if o != nil && s.downloadPoster(w, st, o, action) {
			return
		}
	case action == "profile":
		if o != nil && s.downloadProfile(w, st, o) {
			return
		}
	case action == "kit":
		if o != nil && s.downloadKit(w, st, o) {
			return
		}
	case action == "logos-zip":
		if s.downloadLogos(w, st) {
			return
		}
	case action == "signatures", action == "sig-preview":
		if o != nil && s.signatures(w, st, o, action == "signatures") {
			return
		}
	case action == "register" || strings.HasPrefix(action, "letter:"):
		if o != nil && s.downloadLetter(w, st, o, action) {
			return
		}
	}
	if st.view == "poster" && o != nil && action != "pdf" && action != "png" {
		s.previewPoster(st, o)
	}
	if st.view == "poster" && st.preview == nil {
		st.stale = true
	}
	status := http.StatusOK
	if len(st.problems) > 0 || len(st.shown) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.writePage(w, st, status)
}

// importInto replaces the form's profile with an uploaded one. A file that
// is not a profile leaves the form as it was and says why, with the
// parser's own message.
func (s *Server) importInto(st *state) {
	data, name, err := formFile(st.r, "profile_file")
	if err != nil {
		st.shown = append(st.shown, shown{Input: "profile_file", Text: catalog.T(st.ui, "web.p.unreadable"), Detail: err.Error()})
		return
	}
	if data == nil {
		st.shown = append(st.shown, shown{Input: "profile_file", Text: catalog.T(st.ui, "web.p.no_file")})
		return
	}
	// The file is parsed once, in a parse slot, like any profile a
	// request brings.
	var fo *brand.Org
	var fv url.Values
	var ok bool
	parseErr := s.parse(st.r.Context(), func() (err error) {
		if fv, ok = formFromYAML(data); ok {
			fo, err = brand.Parse(data)
			return err
		}
		_, err = brand.Parse(data)
		return err
	})
	if !ok {
		detail := "the file is empty"
		if parseErr != nil {
			detail = parseErr.Error()
		}
		st.shown = append(st.shown, shown{Input: "profile_file", Text: catalog.T(st.ui, "web.p.not_profile", "file", name), Detail: detail})
		return
	}
	for k := range st.v {
		if isProfileField(k) {
			delete(st.v, k)
		}
	}
	for k, vals := range fv {
		st.v[k] = vals
	}
	// The file's own problems are shown too, where the form's copy of the
	// profile does not repeat them (unknown keys, wrong kinds of value,
	// logo_pack, which a profile sent to a server cannot use).
	errors.As(parseErr, &st.fileProblems)
	if fo != nil && fo.LogoPack != "" {
		st.fileProblems = append(st.fileProblems, brand.Problem{Field: "logo_pack", Message: "an uploaded profile cannot name files on the server: remove logo_pack"})
	}
	st.notice = catalog.T(st.ui, "web.notice.imported", "file", name)
}

// parseForm reads the profile the form holds, in a parse slot.
func (s *Server) parseForm(ctx context.Context, v url.Values) (*brand.Org, error) {
	var o *brand.Org
	err := s.parse(ctx, func() (err error) {
		o, err = brand.Parse(profileYAML(v))
		return err
	})
	return o, err
}

func containsProblem(ps brand.Problems, p brand.Problem) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// pageError shows an error that is not about the profile at the top of the
// page: a busy server (503, try again), a body too large, a failure.
func (s *Server) pageError(w http.ResponseWriter, st *state, err error) {
	var mbe *http.MaxBytesError
	status := http.StatusInternalServerError
	sh := shown{Text: catalog.T(st.ui, "web.p.error")}
	switch {
	case errors.Is(err, errBusy):
		status = http.StatusServiceUnavailable
		w.Header().Set("Retry-After", "5")
		sh = shown{Text: catalog.T(st.ui, "web.p.busy")}
	case errors.As(err, &mbe):
		status = http.StatusRequestEntityTooLarge
		sh = shown{Text: catalog.T(st.ui, "web.p.too_large", "mib", strconv.FormatInt(mbe.Limit>>20, 10))}
		st.fresh = true // nothing was read: the browser's draft has the values
	case errors.Is(err, context.Canceled):
		return
	case errors.As(err, new(requestError)):
		status = http.StatusBadRequest
		sh = shown{Text: err.Error()}
	default:
		// The server's fault: told in full to the log only.
		log.Printf("affiches serve: %s %s: %v", st.r.Method, st.r.URL.Path, err)
	}
	if st.v == nil {
		st.v = defaultForm()
	}
	setToolDefaults(st.v)
	st.shown = append(st.shown, sh)
	s.writePage(w, st, status)
}

// actionFailed records why a download could not be made; problems about
// the profile go next to their inputs, anything else at the top.
func (s *Server) actionFailed(st *state, err error) {
	var ps brand.Problems
	switch {
	case errors.As(err, &ps):
		st.problems = append(st.problems, ps...)
	case errors.Is(err, errBusy):
		st.shown = append(st.shown, shown{Text: catalog.T(st.ui, "web.p.busy")})
	default:
		log.Printf("affiches serve: %s %s: %v", st.r.Method, st.r.URL.Path, err)
		st.shown = append(st.shown, shown{Text: catalog.T(st.ui, "web.p.error")})
	}
}

// posterOptionsOf reads the poster's options from the form, checking its
// languages against the profile's first, so asking German of a French and
// Dutch profile says so at the poster's languages, not at address.de.
func posterOptionsOf(st *state, o *brand.Org, format render.Format) (render.PosterOptions, bool) {
	q := url.Values{}
	q.Set("channel", st.v.Get("poster.channel"))
	q.Set("lang", strings.Join(langWords(st.v.Get("poster.lang")), ","))
	q.Set("size", st.v.Get("poster.size"))
	q.Set("format", string(format))
	opt, ps := posterOptions(q)
	for i := range ps {
		ps[i].Field = "poster." + ps[i].Field
	}
	st.problems = append(st.problems, ps...)
	if len(ps) > 0 {
		return opt, false
	}
	if o != nil {
		for _, l := range opt.Langs {
			if len(o.NeedLangs(opt.Channel, []brand.Lang{l})) > 0 && !inLangs(o.Langs(), l) {
				st.shown = append(st.shown, shown{Input: "poster.lang", Text: catalog.T(st.ui, "web.p.not_in_profile", "lang", catalog.T(st.ui, "web.lang."+string(l)), "langs", langNames(st.ui, o.Langs()))})
				return opt, false
			}
		}
	}
	switch st.v.Get("poster.output") {
	case "print-shop":
		opt.PrintShop = true
	case "print-shop-marks":
		opt.CropMarks = true
	}
	if format == render.PNG {
		opt.DPI = previewDPI(opt.Size)
	}
	return opt, true
}

func inLangs(ls []brand.Lang, l brand.Lang) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

// posterKey is the cache key of a poster: the parsed profile and the
// options, so equal requests share one render whatever their form (YAML or
// JSON, the page or the API).
func posterKey(o *brand.Org, opt render.PosterOptions) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%#v|%#v", *o, opt))
	return string(sum[:])
}

// previewDPI gives every size a preview about 600 pixels wide.
func previewDPI(z layout.Size) float64 {
	w, _ := z.Points()
	return float64(int(600 / (w / 72)))
}

// posterAsset renders a poster or finds it in the cache, which the page
// and the API share.
func (s *Server) posterAsset(ctx context.Context, o *brand.Org, opt render.PosterOptions) (*asset, error) {
	key := posterKey(o, opt)
	if a, ok := s.posters.get(key); ok {
		return a, nil
	}
	var buf bytes.Buffer
	if err := s.render(ctx, func() error { _, err := render.Poster(&buf, o, opt); return err }); err != nil {
		return nil, err
	}
	ct := "application/pdf"
	if opt.Format == render.PNG {
		ct = "image/png"
	}
	a := newAsset(buf.Bytes(), ct)
	s.posters.put(key, a)
	return a, nil
}

// previewInto puts the example's preview on a page asked with GET, by its
// own URL: it is the same on every such page, so the page stays small and
// a browser keeps the image (as base64 inside the page it was 270 kB of
// the page's 306 kB, sent again with every page).
func (s *Server) previewInto(st *state) {
	a, err := s.examplePreview(st.r.Context())
	if err != nil {
		s.actionFailed(st, err)
		return
	}
	st.preview = a.data
	st.previewURL = examplePreviewPath + "?v=" + version(a)
}

// examplePreviewPath is where the example profile's preview is served.
const examplePreviewPath = "/static/example-poster.png"

// examplePreview returns the preview of the example profile with the
// tools' defaults, rendered once.
func (s *Server) examplePreview(ctx context.Context) (*asset, error) {
	if a := s.example.Load(); a != nil {
		return a, nil
	}
	o, err := exampleOrg()
	if err != nil {
		return nil, err
	}
	st := &state{ui: brand.FR, v: defaultForm(), onPoster: true}
	opt, ok := posterOptionsOf(st, o, render.PNG)
	if !ok {
		return nil, internalError{fmt.Sprintf("the example's poster options: %v %v", st.problems, st.shown)}
	}
	opt.PrintShop, opt.CropMarks = false, false
	a, err := s.posterAsset(ctx, o, opt)
	if err != nil {
		return nil, err
	}
	s.example.Store(a)
	return a, nil
}

func (s *Server) previewPoster(st *state, o *brand.Org) {
	opt, ok := posterOptionsOf(st, o, render.PNG)
	if !ok {
		return
	}
	opt.PrintShop, opt.CropMarks = false, false
	a, err := s.posterAsset(st.r.Context(), o, opt)
	if err != nil {
		s.actionFailed(st, err)
		return
	}
	st.preview = a.data
}

func (s *Server) downloadPoster(w http.ResponseWriter, st *state, o *brand.Org, action string) bool {
	format := render.PDF
	if action == "png" {
		format = render.PNG
	}
	opt, ok := posterOptionsOf(st, o, format)
	if !ok {
		return false
	}
	if format == render.PNG {
		opt.DPI = render.DefaultDPI
	}
	a, err := s.posterAsset(st.r.Context(), o, opt)
	if err != nil {
		s.actionFailed(st, err)
		return false
	}
	langs := opt.Langs
	if len(langs) == 0 {
		langs = o.Langs()
	}
	name := fmt.Sprintf("poster-%s-%s-%s", opt.Channel, brand.JoinLangs(langs), opt.Size)
	if opt.CropMarks || opt.PrintShop {
		name += "-print-shop"
	}
	attach(w, name+"."+string(format))
	serveAsset(w, st.r, a, "private, max-age=86400")
	return true
}

func attach(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
}

// sendFile sends a made file as a download.
func sendFile(w http.ResponseWriter, r *http.Request, name, contentType string, data []byte) {
	attach(w, name)
	serveAsset(w, r, newAsset(data, contentType), "private, no-cache")
}

// downloadProfile sends the form's profile as YAML once it passes
// everything `affiches check` checks.
func (s *Server) downloadProfile(w http.ResponseWriter, st *state, o *brand.Org) bool {
	if r := check.Org(o, nil); len(r.Problems) > 0 {
		st.problems = append(st.problems, r.Problems...)
		st.onPoster = false
		return false
	}
	name := output.Slug(o.Name.In(o.Langs()[0]), "organisation") + ".yaml"
	sendFile(w, st.r, name, "application/yaml; charset=utf-8", profileYAML(st.v))
	return true
}

// formPoster is the page's live preview: the form, form-encoded, in; a PNG
// out, or the problems as JSON, already explained in the page's language
// and pointed at their inputs.
func (s *Server) formPoster(w http.ResponseWriter, r *http.Request) {
	v, err := s.readForm(r)
	if err != nil {
		writeError(w, err)
		return
	}
	st := &state{r: r, view: "poster", ui: uiLang(r, r.PostForm), v: v, onPoster: true}
	setToolDefaults(st.v)
	o, err := s.parseForm(r.Context(), st.v)
	if err != nil && !errors.As(err, &st.problems) {
		writeError(w, err)
		return
	}
	if err == nil {
		opt, ok := posterOptionsOf(st, o, render.PNG)
		if ok {
			opt.PrintShop, opt.CropMarks = false, false
			a, err := s.posterAsset(r.Context(), o, opt)
			if err == nil {
				serveAsset(w, r, a, "private, max-age=86400")
				return
			}
			var ps brand.Problems
			if !errors.As(err, &ps) {
				writeError(w, err)
				return
			}
			st.problems = append(st.problems, ps...)
		}
	}
	type item struct {
		Field   string `json:"field,omitempty"`
		Rule    string `json:"rule,omitempty"`
		Message string `json:"message"`
		Input   string `json:"input,omitempty"`
		Label   string `json:"label,omitempty"`
		Text    string `json:"text"`
		Detail  string `json:"detail,omitempty"`
	}
	body := struct {
		Error    string `json:"error"`
		Problems []item `json:"problems"`
	}{Error: http.StatusText(http.StatusUnprocessableEntity)}
	ex := st.explainer()
	for _, p := range st.problems {
		sh := ex.explain(p)
		body.Problems = append(body.Problems, item{p.Field, p.Rule, p.Message, sh.Input, sh.Label, sh.Text, sh.Detail})
	}
	for _, sh := range st.shown {
		body.Problems = append(body.Problems, item{Message: sh.Text, Input: sh.Input, Label: ex.label(sh.Input), Text: sh.Text, Detail: sh.Detail})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusUnprocessableEntity)
	json.NewEncoder(w).Encode(body)
}

func (st *state) explainer() explainer {
	form := map[string]string{}
	for k := range st.v {
		form[k] = st.v.Get(k)
	}
	return explainer{ui: st.ui, langs: formLangs(st.v), form: form, onPoster: st.onPoster}
}

// The static files, each with a content hash in its URL so it can be
// cached for good.
var staticFiles = sync.OnceValue(func() map[string]*asset {
	m := map[string]*asset{}
	for name, ct := range map[string]string{"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"} {
		data, err := templates.FS.ReadFile("server/" + name)
		if err != nil {
			panic(err) // embedded: the tests load them
		}
		m[name] = withGzip(newAsset(data, ct))
	}
	return m
})

func staticURL(name string) string {
	a := staticFiles()[name]
	return "/static/" + name + "?v=" + version(a)
}

// version is the short content hash versioned URLs carry.
func version(a *asset) string { return strings.Trim(a.etag, `"`)[:12] }

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	a, ok := staticFiles()[name]
	if "/static/"+name == examplePreviewPath {
		var err error
		if a, err = s.examplePreview(r.Context()); err != nil {
			writeError(w, err)
			return
		}
		ok = true
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	cc := "public, max-age=300"
	if r.URL.Query().Get("v") == version(a) {
		cc = "public, max-age=31536000, immutable"
	}
	serveAsset(w, r, a, cc)
}

// styleHashes returns the CSP sources that allow exactly the inline style
// attributes of some HTML (the signatures' previews): the page keeps
// default-src 'self' and no 'unsafe-inline'.
func styleHashes(html string) []string {
	var out []string
	seen := map[string]bool{}
	for rest := html; ; {
		i := strings.Index(rest, ` style="`)
		if i < 0 {
			break
		}
		rest = rest[i+8:]
		j := strings.IndexByte(rest, '"')
		if j < 0 {
			break
		}
		val := unescapeAttr(rest[:j])
		sum := sha256.Sum256([]byte(val))
		src := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !seen[src] {
			seen[src] = true
			out = append(out, src)
		}
		rest = rest[j:]
	}
	return out
}

func unescapeAttr(s string) string {
	return strings.NewReplacer("&#34;", `"`, "&#39;", "'", "&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(s)
}
