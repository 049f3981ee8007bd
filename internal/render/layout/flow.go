package layout

import (
	"errors"
	"image/color"
	"slices"

	"affiches/internal/brand"
	"affiches/internal/render/page"
	"affiches/internal/rules"
	"affiches/internal/text"
)

// Style is how a paragraph is set: its face, its size and the smallest size
// it may shrink to, its line height as a multiple of the size, its colour,
// where its lines may break, and at most how many lines it may take.
type Style struct {
	Face     page.FontFace
	Size     float64
	Min      float64 // smallest size allowed; Size when 0
	Lead     float64 // 1.25 when 0
	Colour   color.RGBA
	Breaks   text.Breaks
	MaxLines int
	Balance  bool // balanced lines, no lone last word (names, headlines)
	Align    Align
}

// Align says where a paragraph's lines start.
type Align uint8

// The alignments.
const (
	Left  Align = iota
	Right       // each line ends at the box's right edge
)

// Flow is the one way every page is built: named blocks stacked down a
// column W wide from Y = 0. A flow is laid out at the origin, measured, and
// then placed on a page (Place) or inside another flow (Put), which moves
// its elements and blocks together, so a block always knows its box.
type Flow struct {
	W, Y     float64
	Lang     brand.Lang
	Group    string // the group of every block of the flow (a language column)
	els      []page.Element
	blocks   []page.Block
	problems *brand.Problems
}

// NewFlow returns an empty flow w wide whose problems go to ps.
func NewFlow(w float64, l brand.Lang, ps *brand.Problems) *Flow {
	return &Flow{W: w, Lang: l, problems: ps}
}

// Problem records a problem of the flow's content.
func (f *Flow) Problem(p brand.Problem) { *f.problems = append(*f.problems, p) }

// mark returns the index the next element gets.
func (f *Flow) mark() int { return len(f.els) }

// add appends elements that belong to no block yet.
func (f *Flow) add(e ...page.Element) { f.els = append(f.els, e...) }

// close makes the elements added since from one block; it says whether
// there were any.
func (f *Flow) close(from int, name string, role page.Role, box page.Rect, alt string) bool {
	if from == len(f.els) {
		return false
	}
	f.blocks = append(f.blocks, page.Block{Name: name, Role: role, Lang: string(f.Lang), Alt: alt, Group: f.Group, Box: box, From: from, To: len(f.els)})
	return true
}

// Decor adds fills that only decorate (bands, rules, tints) as an artifact.
func (f *Flow) Decor(name string, fills ...page.Fill) {
	from := f.mark()
	box := fills[0].Rect
	for _, fl := range fills {
		f.add(fl)
		box = union(box, fl.Rect)
	}
	f.close(from, name, page.Artifact, box, "")
}

// Figure adds art as a block of its own: a figure with its alternative
// text, or an artifact when alt is empty.
func (f *Flow) Figure(name, alt string, box page.Rect, e ...page.Element) {
	f.PaddedFigure(name, alt, box, 0, e...)
}

// PaddedFigure is Figure for art whose box holds pad points of clear space
// on every side.
func (f *Flow) PaddedFigure(name, alt string, box page.Rect, pad float64, e ...page.Element) {
	from := f.mark()
	f.add(e...)
	role := page.Figure
	if alt == "" {
		role = page.Artifact
	}
	if f.close(from, name, role, box, alt) {
		f.blocks[len(f.blocks)-1].Pad = pad
	}
}

// TextAt sets s at x, w wide, with its top at the flow's Y, as the block
// name; it returns the laid-out text and its height, without moving Y. A
// text that does not fit is a problem naming field; nothing is drawn then.
// A non-empty link makes the text a link to it.
func (f *Flow) TextAt(name string, role page.Role, x, w float64, st Style, s, field, link string) (text.Block, float64) {
	fn := text.Fonts().Face(st.Face)
	min := st.Min
	if min == 0 {
		min = st.Size
	}
	blk, err := text.FitBlock(fn, s, text.Fit{Max: st.Size, Min: min, Width: w, Leading: st.Lead, Breaks: st.Breaks, MaxLines: st.MaxLines, Balance: st.Balance})
	if err != nil {
		f.Problem(textProblem(field, err))
		return text.Block{}, 0
	}
	h := blk.Height(fn)
	from := f.mark()
	y := f.Y + fn.Ascent(blk.Size)
	for _, line := range blk.Lines {
		lx := x
		if st.Align == Right {
			lx = x + w - fn.Width(line, blk.Size)
		}
		f.add(page.Text{X: lx, Y: y, Face: st.Face, Size: blk.Size, Colour: st.Colour, S: line})
		y += blk.LineHeight
	}
	box := page.Rect{X: x, Y: f.Y, W: w, H: h}
	if link != "" {
		f.add(page.Link{Rect: page.Rect{X: x, Y: f.Y, W: blk.Width, H: h}, URL: link})
		if role == page.Paragraph {
			role = page.LinkRole
		}
	}
	f.close(from, name, role, box, "")
	return blk, h
}

// Text sets s across the flow's width and moves down past it.
func (f *Flow) Text(name string, role page.Role, st Style, s, field string) float64 {
	_, h := f.TextAt(name, role, 0, f.W, st, s, field, "")
	f.Y += h
	return h
}

// Put places the flow g inside f with its origin at x, y.
func (f *Flow) Put(g *Flow, x, y float64) {
	n := len(f.els)
	f.els = appendMoved(f.els, g.els, x, y)
	f.blocks = slices.Grow(f.blocks, len(g.blocks))
	for _, b := range g.blocks {
		b.Box = b.Box.Moved(x, y)
		b.From += n
		b.To += n
		f.blocks = append(f.blocks, b)
	}
}

// Place puts the flow on the page with its origin at x, y.
func Place(pg *page.Page, f *Flow, x, y float64) {
	n := len(pg.Elements)
	pg.Elements = appendMoved(pg.Elements, f.els, x, y)
	pg.Blocks = slices.Grow(pg.Blocks, len(f.blocks))
	for _, b := range f.blocks {
		b.Box = b.Box.Moved(x, y)
		b.From += n
		b.To += n
		pg.Blocks = append(pg.Blocks, b)
	}
}

// union returns the smallest rectangle holding a and b.
func union(a, b page.Rect) page.Rect {
	x0, y0 := min(a.X, b.X), min(a.Y, b.Y)
	x1, y1 := max(a.X+a.W, b.X+b.W), max(a.Y+a.H, b.Y+b.H)
	return page.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// textProblem turns an error of the text package into a problem naming the
// field the text came from and the rule it breaks.
func textProblem(field string, err error) brand.Problem {
	var mg *text.MissingGlyphError
	if errors.As(err, &mg) {
		return rules.TextGlyphs.Violation(field, "%v", err)
	}
	return rules.TextFit.Violation(field, "%v", err)
}
