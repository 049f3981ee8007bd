package layout

import (
	"fmt"
	"image/color"
	"math"

	"affiches/internal/brand"
	"affiches/internal/casefile"
	"affiches/internal/catalog"
	"affiches/internal/logo"
	"affiches/internal/render/page"
	"affiches/internal/rules"
	"affiches/internal/text"
)

// Letters, forms and reports are A4 with 25 mm side margins; the body's
// name and website run at the foot of every page.
var (
	docMarginX = 25 * MM
	docTop     = 18 * MM
	docBottom  = 22 * MM
	ruleGrey   = color.RGBA{0x9A, 0xA0, 0xA8, 0xFF}
)

// The type of letters and forms.
const (
	letterSize = 10.5
	formSize   = 9.5
	footerSize = 8.0
)

// newDocSheet starts the pages of a letter, form or report of o in l: the
// running footer on every page, the letterhead on the first.
func newDocSheet(o *brand.Org, l brand.Lang, info page.Info) *sheet {
	doc := &page.Doc{Info: info}
	w, h := A4.Points()
	area := page.Rect{X: docMarginX, Y: docTop, W: w - 2*docMarginX, H: h - docTop - docBottom}
	s := newSheet(doc, w, h, area, l, func(s *sheet) { s.runningFooter(o) })
	s.letterhead(o)
	return s
}

// runningFooter sets the body's name and website at the foot of the page,
// in the margin under the content area.
func (s *sheet) runningFooter(o *brand.Org) {
	f := s.flow()
	footer := joinNonEmpty(" · ", o.Name.In(s.lang), o.Website)
	f.Text("page-footer", page.Artifact, Style{Face: page.Regular, Size: footerSize, Min: 7, Lead: 1.2, Colour: Muted, MaxLines: 2, Balance: true}, footer, fieldFor("name", o.Name, s.lang))
	Place(s.pg, f, s.area.X, s.h-docBottom+6*MM)
}

// letterhead sets the logo at the left and, at the right, the body's name
// (up to three balanced lines), its address and website, then an accent
// rule. The name's column is what the logo leaves: a long name wraps
// instead of running over the logo.
func (s *sheet) letterhead(o *brand.Org) {
	l := s.lang
	lk, err := logo.Build(brand.Complaint, l, logo.Colour, logo.Print)
	if err != nil {
		s.problems = append(s.problems, textProblem("logo", err))
		return
	}
	f := s.flow()
	art := lk.Place(0, 0, 42*MM)
	k := art.Scale()
	art.Box.X -= lk.Clear * k
	art.Box.Y -= lk.Clear * k
	f.PaddedFigure("logo", catalog.T(l, "logo.complaint.alt"), art.Box, lk.Clear*k, art)
	logoRight := art.Box.X + art.Box.W
	x := logoRight + 4*MM
	w := f.W - x
	_, h := f.TextAt("letterhead-name", page.Paragraph, x, w, Style{Face: page.Bold, Size: 10.5, Min: 8.5, Lead: 1.2, Colour: Ink, MaxLines: 3, Balance: true, Align: Right}, o.Name.In(l), fieldFor("name", o.Name, l), "")
	f.Y += h + 1.5
	for i, a := range addressSpans(o.Address.In(l)) {
		_, h = f.TextAt(fmt.Sprintf("letterhead-address-%d", i+1), page.Paragraph, x, w, Style{Face: page.Regular, Size: 9, Min: 8, Lead: 1.3, Colour: Ink, Align: Right}, a, fieldFor("address", o.Address, l), "")
		f.Y += h
	}
	if o.Website != "" {
		_, h = f.TextAt("letterhead-website", page.Paragraph, x, w, Style{Face: page.Regular, Size: 9, Min: 8, Lead: 1.3, Colour: Ink, Breaks: text.InURL, Align: Right}, o.Website, "website", "")
		f.Y += h
	}
	f.Y = math.Max(f.Y, lk.Logo.H*k) + 4*MM
	f.Decor("letterhead-rule", page.Fill{Rect: page.Rect{Y: f.Y, W: f.W, H: 1.2}, Colour: o.Accent})
	f.Y += 1.2 + 8*MM
	s.put(f)
}

// addressSpans splits a postal address written on one line with commas.
func addressSpans(s string) []string {
	var out []string
	for _, sp := range casefile.AddressLines(s) {
		out = append(out, sp.Text)
	}
	return out
}

// spans turns a document's spans into the text engine's: bold where asked,
// marked where a field is to be filled in.
func spans(ss []casefile.Span, bold bool) []text.Span {
	out := make([]text.Span, len(ss))
	for i, s := range ss {
		face := page.Regular
		if bold || s.Bold {
			face = page.Bold
		}
		out[i] = text.Span{S: s.Text, Face: face, Mark: s.Field}
	}
	return out
}

// Letter lays out a letter or the registration form on A4 pages, through
// the same flows as the posters. A text that does not fit is refused.
func Letter(d *casefile.Doc) (*page.Doc, error) {
	s := newDocSheet(d.Org, d.Lang, page.Info{Title: d.Title, Author: d.Org.Name.In(d.Lang), Subject: string(d.Kind), Lang: string(d.Lang)})
	if d.Kind == casefile.Registration {
		s.registration(d)
	} else {
		s.letter(d)
	}
	if len(s.problems) > 0 {
		s.problems.Sort()
		return nil, s.problems
	}
	return checked(s.doc, &rules.Subject{Kind: rules.Letter})
}

func (s *sheet) letter(d *casefile.Doc) {
	body := Style{Face: page.Regular, Size: letterSize, Lead: 1.4, Colour: Ink}
	for i, line := range d.Recipient {
		s.para(fmt.Sprintf("recipient-%d", i+1), page.Paragraph, body, spans(line, false), "case.recipient")
	}
	s.gap(6 * MM)
	for i, line := range d.Meta {
		s.para(fmt.Sprintf("meta-%d", i+1), page.Paragraph, body, spans(line, false), "case")
	}
	s.gap(5 * MM)
	label := casefile.Span{Text: catalog.T(d.Lang, "letter.subject_label") + " ", Bold: true}
	s.para("subject", page.Heading1, body, spans(append([]casefile.Span{label}, d.Subject...), true), "case.subject")
	s.gap(5 * MM)
	s.para("salutation", page.Paragraph, body, []text.Span{{S: d.Greeting, Face: page.Regular}}, "catalog")
	for i, b := range d.Body {
		s.gap(2.5 * MM)
		switch b.Kind {
		case casefile.Heading:
			s.keep(4 * letterSize * 1.4)
			hs := body
			hs.Size += 0.5
			s.para(fmt.Sprintf("heading-%d", i+1), page.Heading2, hs, []text.Span{{S: b.Label, Face: page.Bold}}, "catalog")
		case casefile.Para:
			s.para(fmt.Sprintf("para-%d", i+1), page.Paragraph, body, spans(b.Spans, false), "case")
		}
	}
	s.gap(5 * MM)
	s.para("closing", page.Paragraph, body, []text.Span{{S: d.Closing, Face: page.Regular}}, "catalog")
	s.gap(12 * MM)
	s.keep(3 * letterSize * 1.4)
	for i, line := range d.Signature {
		if line == "" {
			continue
		}
		face := page.Regular
		if i == 0 {
			face = page.Bold
		}
		s.para(fmt.Sprintf("signature-%d", i+1), page.Paragraph, body, []text.Span{{S: line, Face: face}}, "coordinator")
	}
}

// registration sets the form: labels, lines to write on, boxes to tick.
func (s *sheet) registration(d *casefile.Doc) {
	s.para("title", page.Heading1, Style{Face: page.Bold, Size: 16, Lead: 1.25, Colour: Ink}, []text.Span{{S: d.Title, Face: page.Bold}}, "catalog")
	s.gap(2 * MM)
	labelW := 62 * MM
	label := Style{Face: page.Bold, Size: formSize, Min: 8, Lead: 1.25, Colour: Ink}
	for i, b := range d.Body {
		name := fmt.Sprintf("field-%d", i+1)
		switch b.Kind {
		case casefile.Para:
			s.para(name, page.Paragraph, Style{Face: page.Regular, Size: formSize, Lead: 1.4, Colour: Ink}, spans(b.Spans, false), "catalog")
			s.gap(2 * MM)
		case casefile.Section:
			s.gap(3 * MM)
			s.keep(60)
			f := s.flow()
			f.Text(name, page.Heading2, Style{Face: page.Bold, Size: 11.5, Lead: 1.3, Colour: Ink}, b.Label, "catalog")
			f.Y += 1
			f.Decor(name+"-rule", page.Fill{Rect: page.Rect{Y: f.Y, W: f.W, H: 0.6}, Colour: ruleGrey})
			f.Y += 0.6 + 2*MM
			s.put(f)
		case casefile.Line:
			// The label in its column, then a line to write on beside it.
			f := s.flow()
			_, h := f.TextAt(name, page.Paragraph, 0, labelW-3*MM, label, b.Label, "catalog", "")
			f.Y = math.Max(h, 13) + 2
			f.Decor(name+"-line", page.Fill{Rect: page.Rect{X: labelW, Y: f.Y, W: f.W - labelW, H: 0.6}, Colour: ruleGrey})
			f.Y += 0.6 + 8
			s.put(f)
		case casefile.Box:
			f := s.flow()
			f.Text(name, page.Paragraph, label, b.Label, "catalog")
			f.Y += 4
			h := float64(b.Lines) * 20
			f.Decor(name+"-box", frame(page.Rect{Y: f.Y, W: f.W, H: h}, 0.6, ruleGrey)...)
			f.Y += h + 8
			s.put(f)
		case casefile.Choices:
			s.choices(name, labelW, label, b)
		}
	}
}

// choices sets a label and, beside it, a box to tick before each choice,
// wrapping to further rows when the choices need them.
func (s *sheet) choices(name string, labelW float64, label Style, b casefile.Block) {
	f := s.flow()
	_, lh := f.TextAt(name, page.Paragraph, 0, labelW-3*MM, label, b.Label, "catalog", "")
	reg := text.Fonts().Regular
	const box, gap = 9.0, 4.0
	x, y, rowH := labelW, 0.0, box
	for i, c := range b.Choices {
		cw := box + gap + reg.Width(c, formSize)
		if x > labelW && x+cw > f.W {
			x, y, rowH = labelW, y+rowH+5, box
		}
		f.Y = y + 1
		f.Decor(fmt.Sprintf("%s-box-%d", name, i+1), frame(page.Rect{X: x, Y: f.Y, W: box, H: box}, 0.7, Ink)...)
		f.Y = y
		_, h := f.TextAt(fmt.Sprintf("%s-choice-%d", name, i+1), page.Paragraph, x+box+gap, math.Min(cw-box-gap, f.W-x-box-gap), Style{Face: page.Regular, Size: formSize, Min: 7.5, Lead: 1.2, Colour: Ink}, c, "catalog", "")
		rowH = math.Max(rowH, h)
		x += cw + 12
	}
	lh = math.Max(lh, y+rowH)
	f.Y = lh + 10
	s.put(f)
}

// frame returns the four sides of r as fills lw thick, inside r.
func frame(r page.Rect, lw float64, c color.RGBA) []page.Fill {
	return []page.Fill{
		{Rect: page.Rect{X: r.X, Y: r.Y, W: r.W, H: lw}, Colour: c},
		{Rect: page.Rect{X: r.X, Y: r.Y + r.H - lw, W: r.W, H: lw}, Colour: c},
		{Rect: page.Rect{X: r.X, Y: r.Y, W: lw, H: r.H}, Colour: c},
		{Rect: page.Rect{X: r.X + r.W - lw, Y: r.Y, W: lw, H: r.H}, Colour: c},
	}
}

// IndicatorsReport lays out the year's indicators of o in l: a table of
// the figures and a bar chart of the well-founded complaints by category.
func IndicatorsReport(o *brand.Org, l brand.Lang, in casefile.Indicators) (*page.Doc, error) {
	title := catalog.T(l, "ind.title", "year", fmt.Sprint(in.Year))
	s := newDocSheet(o, l, page.Info{Title: title, Author: o.Name.In(l), Subject: "indicators", Lang: string(l)})
	s.para("title", page.Heading1, Style{Face: page.Bold, Size: 16, Lead: 1.25, Colour: Ink}, []text.Span{{S: title, Face: page.Bold}}, "catalog")
	s.gap(4 * MM)
	const size = 10.0
	valueW := 30 * MM
	for i, line := range in.Lines(l) {
		f := s.flow()
		_, h := f.TextAt(fmt.Sprintf("row-%d-label", i+1), page.TableHead, 4, f.W-valueW-8, Style{Face: page.Regular, Size: size, Lead: 1.3, Colour: Ink}, line[0], "catalog", "")
		_, vh := f.TextAt(fmt.Sprintf("row-%d-value", i+1), page.TableCell, f.W-valueW, valueW-4, Style{Face: page.Bold, Size: size, Lead: 1.3, Colour: Ink, Align: Right}, line[1], "register", "")
		rowH := math.Max(h, vh) + 6
		if i%2 == 0 {
			band := NewFlow(f.W, l, &s.problems)
			band.Decor(fmt.Sprintf("row-%d-band", i+1), page.Fill{Rect: page.Rect{Y: -3, W: f.W, H: rowH}, Colour: Tint(o.Accent, 0.08)})
			band.Put(f, 0, 0)
			f = band
		}
		f.Y = rowH
		s.put(f)
	}
	s.gap(8 * MM)
	s.keep(120)
	s.para("chart-title", page.Heading2, Style{Face: page.Bold, Size: 12, Lead: 1.25, Colour: Ink}, []text.Span{{S: catalog.T(l, "ind.chart"), Face: page.Bold}}, "catalog")
	s.gap(2 * MM)
	maxV := 1
	for _, v := range in.FoundedBy {
		maxV = max(maxV, v)
	}
	labelW := 70 * MM
	for i, c := range casefile.Lists["category"] {
		f := s.flow()
		barW := f.W - labelW - 15*MM
		_, h := f.TextAt(fmt.Sprintf("bar-%d-label", i+1), page.Paragraph, 0, labelW-6, Style{Face: page.Regular, Size: size, Min: 8, Lead: 1.2, Colour: Ink}, catalog.T(l, "list.category."+c), "catalog", "")
		bar := barW * float64(in.FoundedBy[i]) / float64(maxV)
		f.Figure(fmt.Sprintf("bar-%d", i+1), "", page.Rect{X: labelW, W: max(bar, 0.8), H: 14}, page.Fill{Rect: page.Rect{X: labelW, W: max(bar, 0.8), H: 14}, Colour: o.Accent})
		_, vh := f.TextAt(fmt.Sprintf("bar-%d-value", i+1), page.Paragraph, labelW+bar+4, 15*MM, Style{Face: page.Bold, Size: size, Lead: 1.2, Colour: Ink}, fmt.Sprint(in.FoundedBy[i]), "register", "")
		f.Y = math.Max(math.Max(h, vh), 14) + 8
		s.put(f)
	}
	if len(s.problems) > 0 {
		s.problems.Sort()
		return nil, s.problems
	}
	return checked(s.doc, &rules.Subject{Kind: rules.Report})
}
