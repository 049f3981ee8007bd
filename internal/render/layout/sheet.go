package layout

import (
	"image/color"

	"affiches/internal/brand"
	"affiches/internal/render/page"
	"affiches/internal/text"
)

// sheet stacks flows down pages inside a content area: the pages of a
// letter, a form, a report or the guide. A flow that does not fit the room
// left starts a new page; a paragraph taller than the room is split between
// its lines.
type sheet struct {
	doc       *page.Doc
	pg        *page.Page
	w, h      float64   // page size
	area      page.Rect // where flows go
	y         float64   // the next flow's top, page coordinates
	lang      brand.Lang
	problems  brand.Problems
	onNewPage func(s *sheet) // draws what every page carries (a running footer)
}

func newSheet(doc *page.Doc, w, h float64, area page.Rect, l brand.Lang, onNewPage func(*sheet)) *sheet {
	s := &sheet{doc: doc, w: w, h: h, area: area, lang: l, onNewPage: onNewPage}
	s.newPage()
	return s
}

func (s *sheet) newPage() {
	s.pg = &page.Page{W: s.w, H: s.h}
	s.doc.Pages = append(s.doc.Pages, s.pg)
	s.y = s.area.Y
	if s.onNewPage != nil {
		s.onNewPage(s)
	}
}

// flow returns an empty flow as wide as the content area.
func (s *sheet) flow() *Flow { return NewFlow(s.area.W, s.lang, &s.problems) }

// room is the height left on the page.
func (s *sheet) room() float64 { return s.area.Y + s.area.H - s.y }

// put places f at the current position, on a new page when it does not
// fit the room left (and the page holds something already).
func (s *sheet) put(f *Flow) {
	if f.Y > s.room()+1e-6 && s.y > s.area.Y {
		s.newPage()
	}
	Place(s.pg, f, s.area.X, s.y)
	s.y += f.Y
}

// gap moves down by h, or to the next page's top when h passes the end.
func (s *sheet) gap(h float64) {
	s.y += h
	if s.y > s.area.Y+s.area.H {
		s.newPage()
	}
}

// keep starts a new page unless h points are left: a heading stays with
// the start of what it heads.
func (s *sheet) keep(h float64) {
	if s.room() < h && s.y > s.area.Y {
		s.newPage()
	}
}

// para sets styled spans across the area as a paragraph named name, split
// between pages when it does not fit: a part never holds a single line of
// a paragraph of four or more (no orphan, no widow).
func (s *sheet) para(name string, role page.Role, st Style, spans []text.Span, field string) {
	fonts := text.Fonts()
	min := st.Min
	if min == 0 {
		min = st.Size
	}
	blk, err := text.FitSpans(fonts, spans, text.Fit{Max: st.Size, Min: min, Width: s.area.W, Leading: st.Lead, Breaks: st.Breaks, MaxLines: st.MaxLines, Balance: st.Balance})
	if err != nil {
		s.problems = append(s.problems, textProblem(field, err))
		return
	}
	reg := fonts.Regular
	asc, desc := reg.Ascent(blk.Size), reg.Descent(blk.Size)
	lines := blk.Lines
	for len(lines) > 0 {
		fit := 0
		for fit < len(lines) && asc+float64(fit)*blk.LineHeight+desc <= s.room()+1e-6 {
			fit++
		}
		if fit < len(lines) && len(blk.Lines) >= 4 {
			// Leave two lines at least on either side of the break.
			if fit < 2 {
				fit = 0
			} else if len(lines)-fit < 2 {
				fit = len(lines) - 2
			}
		}
		if fit == 0 {
			if s.y == s.area.Y {
				fit = 1 // a line taller than a page: set it all the same
			} else {
				s.newPage()
				continue
			}
		}
		f := s.flow()
		f.spanLines(name, role, 0, f.W, st, blk, lines[:fit])
		s.put(f)
		lines = lines[fit:]
	}
}

// fieldMark is the background of a field to fill in.
var fieldMark = color.RGBA{0xFF, 0xF1, 0xA8, 0xFF}

// spanLines sets lines of a span block as one block, from the flow's Y.
func (f *Flow) spanLines(name string, role page.Role, x, w float64, st Style, blk text.SpanBlock, lines []text.Line) {
	fonts := text.Fonts()
	reg := fonts.Regular
	asc, desc := reg.Ascent(blk.Size), reg.Descent(blk.Size)
	from := f.mark()
	y := f.Y + asc
	for _, ln := range lines {
		lx := x
		if st.Align == Right {
			lx = x + w - ln.W
		}
		for _, pc := range ln.Pieces {
			if pc.Mark {
				f.add(page.Fill{Rect: page.Rect{X: lx + pc.X, Y: y - asc, W: pc.W, H: asc + desc}, Colour: fieldMark})
			}
			f.add(page.Text{X: lx + pc.X, Y: y, Face: pc.Face, Size: blk.Size, Colour: st.Colour, S: pc.S})
		}
		y += blk.LineHeight
	}
	h := asc + float64(len(lines)-1)*blk.LineHeight + desc
	f.close(from, name, role, page.Rect{X: x, Y: f.Y, W: w, H: h}, "")
	f.Y += h
}

// Spans sets styled spans at x, w wide, as the block name, and moves down
// past them.
func (f *Flow) Spans(name string, role page.Role, x, w float64, st Style, spans []text.Span, field string) {
	min := st.Min
	if min == 0 {
		min = st.Size
	}
	blk, err := text.FitSpans(text.Fonts(), spans, text.Fit{Max: st.Size, Min: min, Width: w, Leading: st.Lead, Breaks: st.Breaks, MaxLines: st.MaxLines, Balance: st.Balance})
	if err != nil {
		f.Problem(textProblem(field, err))
		return
	}
	f.spanLines(name, role, x, w, st, blk, blk.Lines)
}
