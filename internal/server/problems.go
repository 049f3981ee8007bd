package server

import (
	"fmt"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/rules"
)

// shown is a problem as the page shows it: next to its input, in the
// page's language, with the input's label and a plain explanation. The
// server's own message is kept as a detail where it carries something the
// explanation does not (the characters a font lacks, a parse error).
type shown struct {
	Input  string // the form input it is about; "" shows it at the top
	Label  string // the input's label, with its group
	Text   string // the explanation, in the page's language
	Detail string // the server's message, in English, or ""
	Rule   string // the charter rule's ID, or ""
}

// explainer turns problems into what the page shows.
type explainer struct {
	ui       brand.Lang
	langs    []brand.Lang // the languages of the form's per-language fields
	form     map[string]string
	onPoster bool // field-less poster rules are about the poster's options
}

func (e explainer) T(key string, args ...string) string { return catalog.T(e.ui, key, args...) }

// inputFor maps a problem's field path to the form input that shows it.
func (e explainer) inputFor(p brand.Problem) string {
	f := p.Field
	if i := strings.IndexByte(f, '['); i >= 0 {
		f = f[:i] // languages[1] → languages
	}
	switch f {
	case "":
		if e.onPoster && (p.Rule == rules.TextMinSize.ID || p.Rule == rules.LangSet.ID) {
			return "poster.lang"
		}
		return ""
	case "channel", "lang", "size", "format", "dpi":
		return "poster." + f
	case "--image-base-url":
		return "sig.base_url"
	case "second_line":
		return "second_line.id"
	case "colours":
		return "colours.accent"
	}
	if strings.HasPrefix(f, "poster.") || strings.HasPrefix(f, "sig.") || strings.HasPrefix(f, "letters.") || strings.HasPrefix(f, "logo.") || f == "profile_file" {
		return f
	}
	s, l, ok := specOf(f)
	if !ok {
		return ""
	}
	if s.PerLang && l == "" {
		return f + "." + string(e.langs[0])
	}
	return f
}

// label returns the label of an input with its group, as the list at the
// top shows it.
func (e explainer) label(input string) string {
	if tl, ok := toolLabels[input]; ok {
		return e.T(tl)
	}
	s, l, ok := specOf(input)
	if !ok {
		return ""
	}
	out := e.T(s.Label)
	if l != "" {
		out += " (" + strings.ToUpper(string(l)) + ")"
	}
	if g := groupOf(s.Path); g != "" {
		for _, gs := range profileForm {
			if gs.ID == g {
				out = e.T(gs.Title) + " › " + out
			}
		}
	}
	return out
}

// toolLabels are the catalog keys of the page's own inputs.
var toolLabels = map[string]string{
	"poster.channel": "web.f.channel", "poster.lang": "web.f.poster_langs", "poster.size": "web.f.size",
	"poster.output": "web.f.output", "sig.base_url": "web.f.sig_base", "sig.people": "web.f.sig_people",
	"sig.lang": "web.f.sig_lang", "letters.lang": "web.f.letters_lang", "letters.year": "web.f.year",
	"profile_file": "web.f.profile_file", "sig.file": "web.f.sig_file",
}

// explain turns one problem into what the page shows.
func (e explainer) explain(p brand.Problem) shown {
	in := e.inputFor(p)
	sh := shown{Input: in, Label: e.label(in), Rule: p.Rule}
	if p.Rule != "" {
		sh.Text, sh.Detail = e.rule(p)
		if sh.Label == "" && p.Field != "" {
			sh.Label = p.Field
		}
		return sh
	}
	m := p.Message
	key := func() string {
		switch {
		case strings.HasPrefix(m, "missing"):
			switch {
			case p.Field == "region":
				return "web.p.missing_region"
			case strings.HasPrefix(p.Field, "name"):
				return "web.p.missing_name"
			case strings.HasPrefix(p.Field, "complaint.form_url"), strings.HasPrefix(p.Field, "suggestion.form_url"):
				return "web.p.missing_form_url"
			case p.Field == "address" || strings.HasPrefix(p.Field, "address."):
				return "web.p.missing_address"
			case p.Field == "complaint.phone":
				return "web.p.missing_phone"
			case p.Field == "second_line":
				return "web.p.missing_second_line"
			case strings.HasPrefix(p.Field, "second_line.name"):
				return "web.p.missing_sl_name"
			}
			return "web.p.missing"
		case strings.Contains(m, "not an e-mail address"):
			return "web.p.email"
		case strings.Contains(m, "at most 200 fit"):
			return "web.p.url_long"
		case strings.Contains(m, "https URL"), strings.Contains(m, "user name or password"), strings.Contains(m, "contains spaces"):
			return "web.p.url"
		case strings.Contains(m, "not a phone number"):
			return "web.p.phone"
		case strings.Contains(m, "is not a colour"):
			return "web.p.colour"
		case strings.Contains(m, "must be a whole number"):
			return "web.p.number"
		case strings.Contains(m, "working days: must be between"):
			return "web.p.range_ack"
		case strings.Contains(m, "days: must be between"):
			return "web.p.range_reply"
		case strings.HasPrefix(m, "unknown region"), strings.HasPrefix(m, "unknown second-line"):
			return "web.p.choice"
		case strings.HasPrefix(m, "unknown language"), strings.HasPrefix(m, "language") && strings.Contains(m, "given twice"):
			return "web.p.languages"
		case strings.Contains(m, "control character"), strings.Contains(m, "not valid UTF-8"):
			return "web.p.control"
		case strings.Contains(m, "characters long; at most"):
			return "web.p.too_long"
		case strings.HasPrefix(m, "unknown key"):
			return "web.p.unknown_key"
		case strings.HasPrefix(m, "given twice"):
			return "web.p.twice"
		case strings.HasPrefix(m, "must be "):
			return "web.p.type"
		case p.Field == "logo_pack":
			return "web.p.logo_pack"
		}
		return ""
	}()
	switch key {
	case "":
		sh.Text = e.T("web.p.other")
		sh.Detail = m
	case "web.p.unknown_key", "web.p.type", "web.p.twice":
		sh.Text = e.T(key, "key", p.Field)
		if key == "web.p.unknown_key" {
			sh.Detail = m
		}
	case "web.p.missing_name", "web.p.missing_form_url":
		sh.Text = e.T(key, "langs", langNames(e.ui, e.langs))
	default:
		sh.Text = e.T(key)
	}
	if sh.Label == "" && p.Field != "" && key != "web.p.logo_pack" {
		sh.Label = p.Field
	}
	return sh
}

// rule explains a charter rule broken: the rule's statement from the
// catalog, and what to do about it.
func (e explainer) rule(p brand.Problem) (text, detail string) {
	statement := ""
	for _, r := range rules.All {
		if r.ID == p.Rule {
			statement = r.In(e.ui)
		}
	}
	switch p.Rule {
	case rules.ColourContrast.ID:
		ratio := "?"
		if c, err := brand.ParseColour(strings.TrimSpace(e.form["colours.accent"])); err == nil {
			ratio = fmt.Sprintf("%.2f", rules.Contrast(c, white))
			if e.ui == brand.FR || e.ui == brand.DE || e.ui == brand.NL {
				ratio = strings.Replace(ratio, ".", ",", 1)
			}
		}
		return e.T("web.fix.COLOUR-CONTRAST", "ratio", ratio) + " " + statement, ""
	case rules.TextMinSize.ID:
		return e.T("web.fix.TEXT-MIN-SIZE") + " " + statement, ""
	case rules.TextFit.ID:
		return e.T("web.fix.TEXT-FIT") + " " + statement, p.Message
	case rules.TextGlyphs.ID:
		return e.T("web.fix.TEXT-GLYPHS") + " " + statement, p.Message
	case rules.QRModuleSize.ID, rules.QRURLMatch.ID:
		return e.T("web.fix.QR") + " " + statement, p.Message
	}
	if statement == "" {
		return e.T("web.p.other"), p.Message
	}
	return statement, p.Message
}

// langNames lists languages by their names in ui ("français, néerlandais").
func langNames(ui brand.Lang, ls []brand.Lang) string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = catalog.T(ui, "web.lang."+string(l))
	}
	return strings.Join(names, ", ")
}
