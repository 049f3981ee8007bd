package server

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/logo"
	"affiches/internal/rules"
)

// input is one input of the form as the template draws it.
type input struct {
	UI                                         brand.Lang
	Name, Label, Type, Value, Hint, Lang, Auto string
	Options                                    []option
	Required, Checked, Hidden, Example         bool
	Problems                                   []shown
}

type option struct {
	Value, Label, Langs string // Langs: a region's languages, for the script
	Selected            bool
}

type groupView struct {
	ID, Title, Hint string
	Open            bool
	Inputs          []input
}

type tab struct {
	ID, Path, Label string
	Current         bool
}

type uiChoice struct {
	Code, Name string
	Current    bool
}

type hidden struct{ Name, Value string }

type logoCard struct {
	Title, Version string
	Dark           bool
	Src, Srcset    string
	W, H           int
	Alt, Snippet   string
	Files          []fileLink
}

type fileLink struct{ Label, Href string }

type letterRow struct {
	Kind, Title, Hint string
}

// pageData is everything the page template draws.
type pageData struct {
	UI        brand.Lang
	View      string
	Title     string
	Path      string
	Tabs      []tab
	UIChoices []uiChoice
	Groups    []groupView
	Tools     map[string]input
	Hidden    []hidden
	Problems  []shown // every problem, for the summary at the top
	Warnings  []shown // values still the example's
	Notice    string
	Fresh     bool
	Preview   template.URL
	Stale     bool
	CSS, JS   string
	Langs     string // the profile's languages, for the script

	LogoRules    string // the web-size rule and what never to do
	PrintRule    string
	LogoCards    []logoCard
	LogoPrint    []fileLink
	Signatures   []sigPreview
	Letters      []letterRow
	ProfileLangs []brand.Lang
}

// pageHTML draws the page for a state.
func (s *Server) pageHTML(st *state) ([]byte, error) {
	var buf bytes.Buffer
	if err := pageT().ExecuteTemplate(&buf, "page.html.tmpl", s.pageData(st)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writePage draws and sends the page for a state, never to be stored: it
// holds what was typed.
func (s *Server) writePage(w http.ResponseWriter, st *state, status int) {
	body, err := s.pageHTML(st)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	if len(st.styles) > 0 {
		sort.Strings(st.styles)
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-hashes' "+strings.Join(dedupe(st.styles), " ")+"; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Accept-Language")
	w.WriteHeader(status)
	w.Write(body)
}

// capital starts a text with a capital letter (the names of languages are
// written in small letters within a French sentence, not in a list).
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// uniqueShown drops a problem said twice in the same words (the kit's
// check meets one colour on every poster).
func uniqueShown(all []shown) []shown {
	seen := map[shown]bool{}
	out := all[:0]
	for _, sh := range all {
		if !seen[sh] {
			seen[sh] = true
			out = append(out, sh)
		}
	}
	return out
}

func dedupe(ss []string) []string {
	var out []string
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func (s *Server) pageData(st *state) pageData {
	T := func(k string, args ...string) string { return catalog.T(st.ui, k, args...) }
	v := st.v
	langs := formLangs(v)
	d := pageData{UI: st.ui, View: st.view, Notice: st.notice, Fresh: st.fresh, Stale: st.stale,
		CSS: staticURL("app.css"), JS: staticURL("app.js"), Langs: commaLangs(langs), ProfileLangs: langs}
	for _, vw := range views {
		t := tab{ID: vw.ID, Path: vw.Path, Label: T(vw.Label), Current: vw.ID == st.view}
		if t.Current {
			d.Path = vw.Path
			d.Title = t.Label
		}
		d.Tabs = append(d.Tabs, t)
	}
	for _, l := range brand.Langs {
		d.UIChoices = append(d.UIChoices, uiChoice{Code: string(l), Name: catalog.T(l, "web.lang_self"), Current: l == st.ui})
	}
	if st.previewURL != "" {
		d.Preview = template.URL(st.previewURL)
	} else if st.preview != nil {
		d.Preview = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(st.preview))
	}

	// Problems: each next to its input, all in the summary.
	ex := st.explainer()
	all := append([]shown(nil), st.shown...)
	for _, p := range st.problems {
		all = append(all, ex.explain(p))
	}
	for i := range all {
		if all[i].Input != "" && all[i].Label == "" {
			all[i].Label = ex.label(all[i].Input)
		}
	}
	all = uniqueShown(all)
	byInput := map[string][]shown{}
	for _, sh := range all {
		if sh.Input != "" {
			byInput[sh.Input] = append(byInput[sh.Input], sh)
		}
	}
	d.Problems = all
	examples := map[string]bool{}
	for _, name := range exampleLeft(v) {
		examples[name] = true
		d.Warnings = append(d.Warnings, shown{Input: name, Label: ex.label(name)})
	}

	// The profile's groups.
	for _, g := range profileForm {
		gv := groupView{ID: g.ID, Title: T(g.Title), Open: g.ID == "details" || g.ID == "complaint"}
		if g.Hint != "" {
			gv.Hint = T(g.Hint)
		}
		for _, sp := range g.Fields {
			names := []string{sp.Path}
			if sp.PerLang {
				names = nil
				for _, l := range brand.Langs {
					names = append(names, sp.Path+"."+string(l))
				}
			}
			for _, name := range names {
				in := input{UI: st.ui, Name: name, Label: T(sp.Label), Type: sp.Type, Value: v.Get(name), Required: sp.Need, Auto: sp.Auto,
					Problems: byInput[name], Example: examples[name]}
				if sp.Hint != "" {
					in.Hint = T(sp.Hint)
				}
				if sp.PerLang {
					l := brand.Lang(name[len(sp.Path)+1:])
					in.Lang = string(l)
					in.Label += " (" + strings.ToUpper(string(l)) + ")"
					in.Hidden = !inLangs(langs, l)
					if in.Hidden && in.Value == "" {
						in.Required = false
					}
				}
				switch sp.Path {
				case "region":
					in.Options = append(in.Options, option{Value: "", Label: "—"})
					for _, r := range brand.Regions {
						in.Options = append(in.Options, option{Value: string(r), Label: T("web.region."+string(r)) + " (" + strings.ToUpper(commaLangs(r.Languages())) + ")", Langs: commaLangs(r.Languages()), Selected: in.Value == string(r)})
					}
				case "second_line.id":
					in.Options = append(in.Options, option{Value: "", Label: T("web.sl.other")})
					for _, id := range brand.DirectoryIDs() {
						in.Options = append(in.Options, option{Value: id, Label: brand.Directory()[id].Name.In(st.ui), Selected: in.Value == id})
					}
				case "second_line.verify":
					in.Checked = in.Value == "true" || in.Value == "on"
					in.Value = "true"
				case "colours.accent":
					in.Hint = T(sp.Hint, "rule", rules.ColourContrast.In(st.ui))
				}
				if len(in.Problems) > 0 {
					in.Hidden = false
				}
				if len(in.Problems) > 0 {
					gv.Open = true
				}
				gv.Inputs = append(gv.Inputs, in)
			}
		}
		d.Groups = append(d.Groups, gv)
	}

	// The views' own inputs.
	d.Tools = map[string]input{}
	channels := func(name string) input {
		in := input{Name: name, Label: T("web.f.channel"), Type: "select", Value: v.Get(name)}
		for _, c := range brand.Channels {
			in.Options = append(in.Options, option{Value: string(c), Label: T("web.channel." + string(c)), Selected: in.Value == string(c)})
		}
		return in
	}
	langSelect := func(name, label string) input {
		in := input{Name: name, Label: T(label), Type: "select", Value: v.Get(name)}
		for _, l := range brand.Langs {
			in.Options = append(in.Options, option{Value: string(l), Label: capital(T("web.lang." + string(l))), Selected: in.Value == string(l)})
		}
		return in
	}
	tools := map[string]input{
		"poster.channel": channels("poster.channel"),
		"poster.lang":    {Name: "poster.lang", Label: T("web.f.poster_langs"), Type: "text", Value: v.Get("poster.lang"), Hint: T("web.h.poster_langs"), Required: true},
		"poster.size":    {Name: "poster.size", Label: T("web.f.size"), Type: "select", Value: v.Get("poster.size"), Hint: T("web.h.size")},
		"poster.output":  {Name: "poster.output", Label: T("web.f.output"), Type: "select", Value: v.Get("poster.output")},
		"logo.channel":   channels("logo.channel"),
		"logo.lang":      langSelect("logo.lang", "web.f.logo_lang"),
		"sig.lang":       langSelect("sig.lang", "web.f.sig_lang"),
		"sig.channel":    channels("sig.channel"),
		"sig.base_url":   {Name: "sig.base_url", Label: T("web.f.sig_base"), Type: "url", Value: v.Get("sig.base_url"), Hint: T("web.h.sig_base")},
		"sig.people":     {Name: "sig.people", Label: T("web.f.sig_people"), Type: "textarea", Value: v.Get("sig.people"), Hint: T("web.h.sig_people", "columns", strings.Join(signaturePeopleHeader, ","))},
		"sig.file":       {Name: "sig.file", Label: T("web.f.sig_file"), Type: "file"},
		"letters.lang":   langSelect("letters.lang", "web.f.letters_lang"),
		"letters.year":   {Name: "letters.year", Label: T("web.f.year"), Type: "number", Value: v.Get("letters.year")},
		"profile_file":   {Name: "profile_file", Label: T("web.f.profile_file"), Type: "file", Hint: T("web.h.profile_file")},
	}
	for _, z := range []string{"a5", "a4", "a3"} {
		in := tools["poster.size"]
		in.Options = append(in.Options, option{Value: z, Label: strings.ToUpper(z), Selected: v.Get("poster.size") == z})
		tools["poster.size"] = in
	}
	for _, o := range []string{"office", "print-shop", "print-shop-marks"} {
		in := tools["poster.output"]
		in.Options = append(in.Options, option{Value: o, Label: T("web.output." + o), Selected: v.Get("poster.output") == o})
		tools["poster.output"] = in
	}
	for name, in := range tools {
		in.UI = st.ui
		in.Problems = byInput[name]
		d.Tools[name] = in
	}
	for _, name := range sortedToolNames() {
		shownHere := false
		for _, n := range toolInputs[st.view] {
			shownHere = shownHere || n == name
		}
		if !shownHere {
			d.Hidden = append(d.Hidden, hidden{name, v.Get(name)})
		}
	}

	switch st.view {
	case "logos":
		d.LogoCards, d.LogoPrint = s.logoCards(st)
		d.LogoRules = rules.LogoWebSize.In(st.ui) + " " + T("web.logos.rules")
		d.PrintRule = rules.LogoMinPrint.In(st.ui)
	case "signatures":
		d.Signatures = st.sigs
	case "letters":
		for _, k := range letterKinds {
			d.Letters = append(d.Letters, letterRow{Kind: string(k), Title: T("web.kind." + string(k)), Hint: T("web.kind." + string(k) + ".hint")})
		}
	}
	return d
}

func sortedToolNames() []string {
	var names []string
	for _, ns := range toolInputs {
		names = append(names, ns...)
	}
	sort.Strings(names)
	return names
}

// origin is the scheme and host a request was sent to, as the logos'
// embed snippets name them.
func origin(r *http.Request) string {
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// logoCards lists the logo's web variants with their versioned URLs and
// embed snippets, and its print files.
func (s *Server) logoCards(st *state) ([]logoCard, []fileLink) {
	T := func(k string, args ...string) string { return catalog.T(st.ui, k, args...) }
	ch, err := brand.ParseChannel(st.v.Get("logo.channel"))
	if err != nil {
		ch = brand.Complaint
	}
	l := brand.Lang(st.v.Get("logo.lang"))
	if !l.Valid() {
		l = brand.FR
	}
	origin := origin(st.r)
	url := func(f logoFile) string {
		a, err := s.logoAsset(f)
		if err != nil {
			return f.path()
		}
		return f.path() + "?v=" + version(a)
	}
	alt := catalog.T(l, "logo."+string(ch)+".alt")
	var cards []logoCard
	var print []fileLink
	for _, ver := range logo.Versions {
		for _, lay := range []logo.Layout{logo.WebSmall, logo.WebLarge} {
			w, h, _ := lay.WebSize()
			f1 := logoFile{ch, l, ver, string(lay) + ".png"}
			f2 := logoFile{ch, l, ver, string(lay) + "@2x.png"}
			f3 := logoFile{ch, l, ver, string(lay) + "@3x.png"}
			fs := logoFile{ch, l, ver, string(lay) + ".svg"}
			c := logoCard{
				Title:   T("web.logo.card", "version", T("web.version."+string(ver)), "size", fmt.Sprintf("%d × %d", w, h)),
				Version: string(ver), Dark: ver == logo.White,
				Src: url(f1), Srcset: url(f2) + " 2x, " + url(f3) + " 3x", W: w, H: h, Alt: alt,
			}
			c.Snippet = fmt.Sprintf(`<img src="%s%s" srcset="%s%s 2x, %s%s 3x" width="%d" height="%d" alt="%s">`,
				origin, url(f1), origin, url(f2), origin, url(f3), w, h, template.HTMLEscapeString(alt))
			c.Files = []fileLink{{"PNG 1×", url(f1)}, {"PNG 2×", url(f2)}, {"PNG 3×", url(f3)}, {"SVG", url(fs)}}
			cards = append(cards, c)
		}
		print = append(print,
			fileLink{T("web.logo.print", "version", T("web.version."+string(ver)), "format", "PDF"), url(logoFile{ch, l, ver, "print-60mm.pdf"})},
			fileLink{T("web.logo.print", "version", T("web.version."+string(ver)), "format", "SVG"), url(logoFile{ch, l, ver, "print-60mm.svg"})})
	}
	return cards, print
}
