// Package signature makes e-mail signatures that survive real mail clients:
// table layout, inline styles only, images at an https URL with explicit
// sizes and alt text (never base64, never SVG), the logo on a light plate so
// it stays visible in dark mode, the complaint form as a text link, and a
// plain-text twin. HTML is built with html/template, so any name is text.
package signature

import (
	"bytes"
	"fmt"
	"html/template"
	"image/color"
	"net/url"
	"sort"
	"strings"
	"sync"
	ttemplate "text/template"
	"unicode"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/logo"
	"affiches/internal/output"
	"affiches/internal/render"
	"affiches/internal/rules"
	"affiches/templates"
)

// MaxHTML is the most characters a signature's HTML may have: Gmail refuses
// signatures past about 10 000.
const MaxHTML = 10000

// Person is one member of staff.
type Person struct {
	Name, Title, Department, Email, Phone string
	Lang                                  brand.Lang // "" for the run's language
	Line                                  int        // the source line, for messages
}

// Options are a run's settings.
type Options struct {
	Lang         brand.Lang // the default language
	Channel      brand.Channel
	ImageBaseURL string // https URL where images/ will be published
}

// The templates are parsed on first use, not at package init: commands
// that write no signature should not pay for them (issue 18).
var (
	htmlT = sync.OnceValue(func() *template.Template {
		return template.Must(template.New("signature").Funcs(template.FuncMap{
			"T": func(l brand.Lang, key string, args ...string) string { return catalog.T(l, key, args...) },
		}).ParseFS(templates.FS, "signature/signature.html.tmpl", "signature/page.html.tmpl", "signature/index.html.tmpl"))
	})
	textT = sync.OnceValue(func() *ttemplate.Template {
		return ttemplate.Must(ttemplate.ParseFS(templates.FS, "signature/signature.txt.tmpl"))
	})
)

type data struct {
	Lang, Name, Title, Department, Org, Email, Phone, PhoneURI string
	FormURL, LogoURL, LogoAlt, Accent, CTA                     string
	EmailLine, PhoneLine, CTALine                              string // the text version's lines
	LogoW, LogoH                                               int
}

// Logo sizes: the charter's small web size shown, twice the pixels stored.
var logoW, logoH = rules.WebSizes[0][0], rules.WebSizes[0][1]

const logoScale = 2

// LogoFile returns the image file a signature in lang references.
func LogoFile(ch brand.Channel, lang brand.Lang) string {
	return fmt.Sprintf("images/%s-%s-colour-web-small@%dx.png", ch, lang, logoScale)
}

// Result is the output of a run: the files to write, in a stable order, and
// the people that could not be made.
type Result struct {
	Files    []output.File
	Problems []RowProblem
	Rules    []string // the IDs of the rules whose checks ran
}

// RowProblem is a person that could not be made, with the source line.
type RowProblem struct {
	Line  int
	Field string
	Msg   string
}

func (p RowProblem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("line %d: %s: %s", p.Line, p.Field, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.Field, p.Msg)
}

// Check runs the rules a signature of o meets: the accent colours 14 px
// text (the normal-text contrast applies) and the logo images have the
// charter's small web size. It returns the rules whose checks ran.
func Check(o *brand.Org) ([]string, brand.Problems) {
	w, h, _ := logo.WebSmall.WebSize()
	return rules.Run(&rules.Subject{Kind: rules.Signature, Web: [2]int{w, h},
		Colours: []rules.Colours{{Field: "colours.accent", Fg: o.Accent, Bg: color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, Size: 14 * 0.75}}})
}

// Make builds the signatures of people, the images they reference and an
// index page. A person with a problem is reported and left out; the others
// are still made.
func Make(o *brand.Org, people []Person, opt Options) (*Result, error) {
	base, err := checkBase(opt.ImageBaseURL)
	if err != nil {
		return nil, err
	}
	if opt.Channel == "" {
		opt.Channel = brand.Complaint
	}
	ran, ps := Check(o)
	if len(ps) > 0 {
		return nil, ps
	}
	res := &Result{Rules: ran}
	slugs := map[string]int{}
	langs := map[brand.Lang]bool{}
	type indexEntry struct {
		Name, Slug, Lang string
		Signature        template.HTML
		Size             int
	}
	var index []indexEntry
	for _, p := range people {
		lang := p.Lang
		if lang == "" {
			lang = opt.Lang
		}
		if ps := validate(o, p, lang, opt.Channel); len(ps) > 0 {
			res.Problems = append(res.Problems, ps...)
			continue
		}
		d := fill(o, p, lang, opt.Channel, base)
		var sig bytes.Buffer
		if err := htmlT().ExecuteTemplate(&sig, "signature.html.tmpl", d); err != nil {
			return nil, err
		}
		if n := sig.Len(); n > MaxHTML {
			res.Problems = append(res.Problems, RowProblem{p.Line, "name", fmt.Sprintf("the signature is %d characters; mail clients take at most %d", n, MaxHTML)})
			continue
		}
		var pageBuf, txt bytes.Buffer
		if err := htmlT().ExecuteTemplate(&pageBuf, "page.html.tmpl", struct {
			Lang, Name string
			Signature  template.HTML
		}{string(lang), p.Name, template.HTML(sig.String())}); err != nil {
			return nil, err
		}
		if err := textT().Execute(&txt, d); err != nil {
			return nil, err
		}
		slug := Slug(p.Name)
		slugs[slug]++
		if n := slugs[slug]; n > 1 {
			// Two people with one name: neither file replaces the other.
			slug = fmt.Sprintf("%s-%d", slug, n)
			for slugs[slug] > 0 {
				n++
				slug = fmt.Sprintf("%s-%d", Slug(p.Name), n)
			}
			slugs[slug]++
		}
		res.Files = append(res.Files, output.File{Name: slug + ".html", Data: pageBuf.Bytes()}, output.File{Name: slug + ".txt", Data: txt.Bytes()})
		langs[lang] = true
		index = append(index, indexEntry{p.Name, slug, string(lang), template.HTML(sig.String()), sig.Len()})
	}
	var ls []brand.Lang
	for l := range langs {
		ls = append(ls, l)
	}
	sort.Slice(ls, func(i, j int) bool { return ls[i] < ls[j] })
	for _, l := range ls {
		var png bytes.Buffer
		_, err := render.Logo(&png, render.LogoOptions{Channel: opt.Channel, Lang: l, Version: logo.Colour, Format: render.PNG, Web: logo.WebSmall, Scale: logoScale})
		if err != nil {
			return nil, err
		}
		res.Files = append(res.Files, output.File{Name: LogoFile(opt.Channel, l), Data: png.Bytes()})
	}
	// The index page is in the command's language, else the profile's first.
	pageLang := opt.Lang
	if !pageLang.Valid() {
		pageLang = o.Langs()[0]
	}
	var idx bytes.Buffer
	err = htmlT().ExecuteTemplate(&idx, "index.html.tmpl", struct {
		Lang           brand.Lang
		Org, ImageBase string
		People         []indexEntry
	}{pageLang, o.Name.In(pageLang), base, index})
	if err != nil {
		return nil, err
	}
	res.Files = append(res.Files, output.File{Name: "index.html", Data: idx.Bytes()})
	return res, nil
}

func checkBase(s string) (string, error) {
	u, err := url.Parse(s)
	if s == "" || err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", brand.Problems{{Field: "--image-base-url", Message: fmt.Sprintf("%q must be an https URL such as https://www.example.org/affiches (mail clients block other images)", s)}}
	}
	return strings.TrimRight(s, "/"), nil
}

func validate(o *brand.Org, p Person, lang brand.Lang, ch brand.Channel) []RowProblem {
	var ps []RowProblem
	add := func(field, format string, args ...any) {
		ps = append(ps, RowProblem{p.Line, field, fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(p.Name) == "" {
		add("name", "missing")
	}
	for _, f := range []struct{ field, v string }{{"name", p.Name}, {"title", p.Title}, {"department", p.Department}, {"email", p.Email}, {"phone", p.Phone}} {
		if len([]rune(f.v)) > 200 {
			add(f.field, "is %d characters long; at most 200", len([]rune(f.v)))
		}
		for _, r := range f.v {
			if unicode.IsControl(r) || brand.BidiControl(r) {
				add(f.field, "contains the control character U+%04X", r)
				break
			}
		}
	}
	if p.Email != "" && !brand.ValidEmail(p.Email) {
		add("email", "%q is not an e-mail address", p.Email)
	}
	if p.Phone != "" && !brand.ValidPhone(p.Phone) {
		add("phone", "%q is not a phone number", p.Phone)
	}
	if !lang.Valid() {
		add("lang", "%q is not a language (fr, nl, de, en)", lang)
		return ps
	}
	if !o.Name.Has(lang) {
		add("lang", "the profile has no name in %s (name.%s)", lang, lang)
	}
	if !o.Channel(ch).FormURL.Has(lang) {
		add("lang", "the profile has no form URL in %s (%s.form_url.%s)", lang, ch, lang)
	}
	return ps
}

func fill(o *brand.Org, p Person, lang brand.Lang, ch brand.Channel, base string) data {
	return data{
		Lang: string(lang), Name: p.Name, Title: p.Title, Department: p.Department,
		Org: o.Name.In(lang), Email: p.Email, Phone: p.Phone, PhoneURI: phoneURI(p.Phone),
		FormURL: o.Channel(ch).FormURL.In(lang),
		LogoURL: base + "/" + LogoFile(ch, lang),
		LogoAlt: catalog.T(lang, "logo."+string(ch)+".alt"),
		Accent:  fmt.Sprintf("#%02X%02X%02X", o.Accent.R, o.Accent.G, o.Accent.B),
		CTA:     catalog.T(lang, "signature."+string(ch)+".cta"),
		LogoW:   logoW, LogoH: logoH,
		// "Tél. : …" in French, with its no-break space; "Tel.: …" elsewhere.
		EmailLine: catalog.T(lang, "signature.line", "label", catalog.T(lang, "signature.email"), "value", p.Email),
		PhoneLine: catalog.T(lang, "signature.line", "label", catalog.T(lang, "signature.phone"), "value", p.Phone),
		CTALine:   catalog.T(lang, "signature.line", "label", catalog.T(lang, "signature."+string(ch)+".cta"), "value", o.Channel(ch).FormURL.In(lang)),
	}
}

// phoneURI keeps the digits and a leading + for a tel: link.
func phoneURI(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= '0' && r <= '9' || r == '+' && i == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Slug turns a name into a file name ("Élodie Van den Broeck" →
// "elodie-van-den-broeck").
func Slug(name string) string { return output.Slug(name, "person") }
