package casefile

import (
	"fmt"
	"image/color"
	"io"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/logo"
	"affiches/internal/render/layout"
	"affiches/internal/render/page"
	"affiches/internal/render/pdf"
	"affiches/internal/rules"
	"affiches/internal/text"
)

// Page geometry of letters and forms: A4, 25 mm side margins.
var (
	a4W, a4H = 210 * layout.MM, 297 * layout.MM
	marginX  = 25 * layout.MM
	top      = 18 * layout.MM
	bottom   = 20 * layout.MM
	fieldBg  = color.RGBA{0xFF, 0xF1, 0xA8, 0xFF} // marks a field to fill in
	rule     = color.RGBA{0x9A, 0xA0, 0xA8, 0xFF}
)

// pager stacks blocks down A4 pages, starting a new page when one is full.
type pager struct {
	doc   *page.Doc
	pg    *page.Page
	y     float64
	fonts *text.Set
	d     *Doc
	err   error
}

func (p *pager) newPage() {
	p.pg = &page.Page{W: a4W, H: a4H}
	p.doc.Pages = append(p.doc.Pages, p.pg)
	p.y = top
	// A footer on every page: the body's name and its website.
	footer := p.d.Org.Name.In(p.d.Lang)
	if p.d.Org.Website != "" {
		footer += " · " + p.d.Org.Website
	}
	p.pg.Add(page.Text{X: marginX, Y: a4H - 10*layout.MM, Face: page.Regular, Size: 8, Colour: layout.Muted, S: footer})
}

// room makes sure h points fit on the page.
func (p *pager) room(h float64) {
	if p.y+h > a4H-bottom {
		p.newPage()
	}
}

// rich sets spans as a paragraph of width w at x, breaking lines between
// words; fields are marked with a background.
func (p *pager) rich(x, w float64, spans []Span, size float64, bold bool) {
	type word struct {
		s     string
		field bool
		bold  bool
		space bool // a space precedes it
	}
	var words []word
	pending := false // a space was seen since the last word, maybe in an earlier span
	for _, sp := range spans {
		for i, part := range strings.Split(sp.Text, " ") {
			if i > 0 {
				pending = true
			}
			if part == "" {
				continue
			}
			words = append(words, word{s: part, field: sp.Field, bold: bold || sp.Bold, space: pending})
			pending = false
		}
	}
	face := func(wd word) page.FontFace {
		if wd.bold {
			return page.Bold
		}
		return page.Regular
	}
	reg := p.fonts.Regular
	space := reg.Width(" ", size)
	lead := size * 1.4
	var line []word
	lineW := 0.0
	flush := func() {
		p.room(lead)
		baseline := p.y + reg.Ascent(size)
		cx := x
		for i, wd := range line {
			if i > 0 && wd.space {
				cx += space
			}
			f := p.fonts.Face(face(wd))
			ww := f.Width(wd.s, size)
			if wd.field {
				p.pg.Add(page.Fill{Rect: page.Rect{X: cx - 1, Y: baseline - reg.Ascent(size), W: ww + 2, H: reg.Ascent(size) + reg.Descent(size)}, Colour: fieldBg})
			}
			p.pg.Add(page.Text{X: cx, Y: baseline, Face: face(wd), Size: size, Colour: layout.Ink, S: wd.s})
			cx += ww
		}
		p.y += lead
		line, lineW = nil, 0
	}
	for _, wd := range words {
		f := p.fonts.Face(face(wd))
		if m := f.Missing(wd.s); len(m) > 0 && p.err == nil {
			p.err = brand.Problems{rules.TextGlyphs.Violation("", "%v", (&text.MissingGlyphError{Runes: m, Font: f.Name}).Error())}
		}
		ww := f.Width(wd.s, size)
		add := ww
		if len(line) > 0 && wd.space {
			add += space
		}
		if len(line) > 0 && lineW+add > w {
			flush()
			add = ww
		}
		line = append(line, wd)
		lineW += add
	}
	if len(line) > 0 {
		flush()
	}
}

func (p *pager) text(x float64, s string, face page.FontFace, size float64, c color.RGBA) {
	p.pg.Add(page.Text{X: x, Y: p.y + p.fonts.Regular.Ascent(size), Face: face, Size: size, Colour: c, S: s})
}

func (p *pager) hline(x, y, w float64) {
	p.pg.Add(page.Fill{Rect: page.Rect{X: x, Y: y, W: w, H: 0.6}, Colour: rule})
}

// letterhead draws the logo, and the body's name and address at the right.
func (p *pager) letterhead() {
	d := p.d
	lk, err := logo.Build(brand.Complaint, d.Lang, logo.Colour, logo.Print)
	if err != nil {
		p.err = err
		return
	}
	art := lk.Place(0, 0, 42*layout.MM)
	k := art.Scale()
	art.Box.X = marginX - lk.Clear*k
	art.Box.Y = p.y - lk.Clear*k
	p.pg.Add(art)
	right := a4W - marginX
	lines := []struct {
		s    string
		face page.FontFace
		size float64
	}{{d.Org.Name.In(d.Lang), page.Bold, 10.5}}
	for _, a := range addressLines(d.Org.Address.In(d.Lang)) {
		lines = append(lines, struct {
			s    string
			face page.FontFace
			size float64
		}{a.Text, page.Regular, 9})
	}
	if d.Org.Website != "" {
		lines = append(lines, struct {
			s    string
			face page.FontFace
			size float64
		}{d.Org.Website, page.Regular, 9})
	}
	y := p.y
	for _, l := range lines {
		f := p.fonts.Face(l.face)
		p.pg.Add(page.Text{X: right - f.Width(l.s, l.size), Y: y + f.Ascent(l.size), Face: l.face, Size: l.size, Colour: layout.Ink, S: l.s})
		y += l.size * 1.35
	}
	p.y = max(p.y+lk.Logo.H*k, y) + 4*layout.MM
	p.pg.Add(page.Fill{Rect: page.Rect{X: marginX, Y: p.y, W: a4W - 2*marginX, H: 1.2}, Colour: d.Org.Accent})
	p.y += 8 * layout.MM
}

// WritePDF sets the document on A4 pages, as real text, through the same
// renderer as the posters.
func WritePDF(w io.Writer, d *Doc) error {
	p := &pager{fonts: text.Fonts(), d: d, doc: &page.Doc{Info: page.Info{Title: d.Title, Author: d.Org.Name.In(d.Lang), Subject: string(d.Kind), Lang: string(d.Lang)}}}
	p.newPage()
	p.letterhead()
	textW := a4W - 2*marginX
	const size = 10.5
	if d.Kind == Registration {
		p.registration(textW)
	} else {
		for _, line := range d.Recipient {
			p.rich(marginX, textW, line, size, false)
		}
		p.y += 6 * layout.MM
		for _, line := range d.Meta {
			p.rich(marginX, textW, line, size, false)
		}
		p.y += 5 * layout.MM
		label := catalog.T(d.Lang, "letter.subject_label") + " "
		p.rich(marginX, textW, append([]Span{{Text: label, Bold: true}}, d.Subject...), size, true)
		p.y += 5 * layout.MM
		p.rich(marginX, textW, []Span{{Text: d.Greeting}}, size, false)
		for _, b := range d.Body {
			p.y += 2.5 * layout.MM
			switch b.Kind {
			case Heading:
				p.room(30)
				p.rich(marginX, textW, []Span{{Text: b.Label}}, size+0.5, true)
			case Para:
				p.rich(marginX, textW, b.Spans, size, false)
			}
		}
		p.y += 5 * layout.MM
		p.rich(marginX, textW, []Span{{Text: d.Closing}}, size, false)
		p.y += 12 * layout.MM
		for i, s := range d.Signature {
			if s != "" {
				p.rich(marginX, textW, []Span{{Text: s}}, size, i == 0)
			}
		}
	}
	if p.err != nil {
		return p.err
	}
	return pdf.Write(w, p.doc, p.fonts)
}

// registration sets the form: labels, lines to write on, boxes to tick.
func (p *pager) registration(textW float64) {
	d := p.d
	p.rich(marginX, textW, []Span{{Text: d.Title}}, 16, true)
	p.y += 2 * layout.MM
	labelW := 62 * layout.MM
	const size = 9.5
	for _, b := range d.Body {
		switch b.Kind {
		case Para:
			p.rich(marginX, textW, b.Spans, size, false)
			p.y += 2 * layout.MM
		case Section:
			p.y += 3 * layout.MM
			p.room(24)
			p.rich(marginX, textW, []Span{{Text: b.Label}}, 11.5, true)
			p.hline(marginX, p.y, textW)
			p.y += 2 * layout.MM
		case Line:
			p.room(22)
			p.text(marginX, b.Label, page.Bold, size, layout.Ink)
			p.y += 13
			p.hline(marginX+labelW, p.y, textW-labelW)
			p.y += 9
		case Box:
			h := float64(b.Lines) * 20
			p.room(h + 18)
			p.text(marginX, b.Label, page.Bold, size, layout.Ink)
			p.y += 14
			x, w := marginX, textW
			for _, r := range []page.Rect{{X: x, Y: p.y, W: w, H: 0.6}, {X: x, Y: p.y + h, W: w, H: 0.6}, {X: x, Y: p.y, W: 0.6, H: h}, {X: x + w - 0.6, Y: p.y, W: 0.6, H: h}} {
				p.pg.Add(page.Fill{Rect: r, Colour: rule})
			}
			p.y += h + 8
		case Choices:
			p.room(22)
			p.text(marginX, b.Label, page.Bold, size, layout.Ink)
			x := marginX + labelW
			reg := p.fonts.Regular
			for _, c := range b.Choices {
				cw := 9 + 4 + reg.Width(c, size) + 12
				if x+cw > marginX+textW {
					p.y += 15
					p.room(16)
					x = marginX + labelW
				}
				sq := p.y + 1
				for _, r := range []page.Rect{{X: x, Y: sq, W: 9, H: 0.7}, {X: x, Y: sq + 9, W: 9, H: 0.7}, {X: x, Y: sq, W: 0.7, H: 9}, {X: x + 8.3, Y: sq, W: 0.7, H: 9.7}} {
					p.pg.Add(page.Fill{Rect: r, Colour: layout.Ink})
				}
				p.text(x+13, c, page.Regular, size, layout.Ink)
				x += cw
			}
			p.y += 20
		}
	}
}

// WriteIndicatorsPDF writes a one-page report of the year's indicators: a
// table and a bar chart of the founded complaints by category.
func WriteIndicatorsPDF(w io.Writer, o *brand.Org, l brand.Lang, in Indicators) error {
	title := catalog.T(l, "ind.title", "year", fmt.Sprint(in.Year))
	d := &Doc{Org: o, Lang: l, Kind: Register, Title: title}
	p := &pager{fonts: text.Fonts(), d: d, doc: &page.Doc{Info: page.Info{Title: title, Author: o.Name.In(l), Subject: "indicators", Lang: string(l)}}}
	p.newPage()
	p.letterhead()
	textW := a4W - 2*marginX
	p.rich(marginX, textW, []Span{{Text: title}}, 16, true)
	p.y += 4 * layout.MM
	const size = 10
	for i, line := range in.Lines(l) {
		if i%2 == 0 {
			p.pg.Add(page.Fill{Rect: page.Rect{X: marginX, Y: p.y - 2, W: textW, H: size * 1.6}, Colour: layout.Tint(o.Accent, 0.08)})
		}
		p.text(marginX+4, line[0], page.Regular, size, layout.Ink)
		f := p.fonts.Bold
		p.pg.Add(page.Text{X: marginX + textW - 4 - f.Width(line[1], size), Y: p.y + p.fonts.Regular.Ascent(size), Face: page.Bold, Size: size, Colour: layout.Ink, S: line[1]})
		p.y += size * 1.6
	}
	p.y += 8 * layout.MM
	p.rich(marginX, textW, []Span{{Text: catalog.T(l, "ind.chart")}}, 12, true)
	p.y += 2 * layout.MM
	maxV := 1
	for _, v := range in.FoundedBy {
		maxV = max(maxV, v)
	}
	labelW := 70 * layout.MM
	barW := textW - labelW - 15*layout.MM
	for i, c := range Lists["category"] {
		label := catalog.T(l, "list.category."+c)
		h, err := p.fitLabel(label, labelW, size)
		if err != nil && p.err == nil {
			p.err = err
		}
		bar := barW * float64(in.FoundedBy[i]) / float64(maxV)
		p.pg.Add(page.Fill{Rect: page.Rect{X: marginX + labelW, Y: p.y, W: max(bar, 0.8), H: 14}, Colour: o.Accent})
		v := fmt.Sprint(in.FoundedBy[i])
		p.pg.Add(page.Text{X: marginX + labelW + bar + 4, Y: p.y + 10.5, Face: page.Bold, Size: size, Colour: layout.Ink, S: v})
		p.y += max(h, 14) + 8
	}
	if p.err != nil {
		return p.err
	}
	return pdf.Write(w, p.doc, p.fonts)
}

// fitLabel sets a chart label in a column of width w, at the current y,
// without moving down; it returns the height it took.
func (p *pager) fitLabel(s string, w, size float64) (float64, error) {
	f := p.fonts.Regular
	lines, err := text.Wrap(f, s, size, w-6, text.AtSpaces)
	if err != nil {
		return 0, err
	}
	y := p.y + f.Ascent(size)
	for _, line := range lines {
		p.pg.Add(page.Text{X: marginX, Y: y, Face: page.Regular, Size: size, Colour: layout.Ink, S: line})
		y += size * 1.2
	}
	return float64(len(lines)) * size * 1.2, nil
}
