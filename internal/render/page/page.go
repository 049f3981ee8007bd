// Package page is the display list every visual asset is built as: a page
// of rectangles, QR modules, vector art, single lines of text and links,
// in points with the origin at the top left. Layout code builds a Page
// once; the pdf, raster and svg backends replay it, so all three show the
// same thing.
package page

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"affiches/internal/qr"
)

// Point is a position in points (or in an Art's own units).
type Point struct{ X, Y float64 }

// Rect is an axis-aligned rectangle; X, Y is its top-left corner.
type Rect struct{ X, Y, W, H float64 }

// Op is a path operator.
type Op uint8

// The path operators; quadratic curves are turned into cubics when built.
const (
	MoveTo Op = iota
	LineTo
	CubicTo
	Close
)

// Seg is one path segment. MoveTo and LineTo use Pts[0]; CubicTo uses the two
// control points Pts[0], Pts[1] and the end point Pts[2].
type Seg struct {
	Op  Op
	Pts [3]Point
}

// Path is a filled shape.
type Path struct {
	Segs    []Seg
	EvenOdd bool // fill rule: even-odd (holes) instead of non-zero winding
	Fill    color.RGBA
}

// Art is a group of vector paths and lines of text drawn into Box. Both are
// in the art's own units, View wide and high; the group is scaled
// uniformly into Box (the aspect ratio is locked: Box must have View's
// proportions).
type Art struct {
	Name  string // what it is, for dumps and the PDF's form names
	Box   Rect
	View  Point // width and height of the paths' coordinate space
	Paths []Path

	// Text is lines drawn after the paths (a logo's baseline), each
	// starting at X on its baseline Y, in the art's units. They are part
	// of the picture, read by its alternative text: every backend draws
	// their glyphs' outlines, never text a reader would meet out of place.
	// The PDF one draws each glyph as a form, once per document, where
	// outlines made into paths were written out for every letter.
	Text []Text

	// Official, when set, is a body's own artwork, placed as it is instead
	// of the paths: never redrawn or recoloured.
	Official *Official
}

// Official is artwork taken from a logo pack. View is then the PNG's size.
type Official struct {
	File string // where it came from, for messages
	PDF  []byte // a PDF whose first page is placed in PDF output, or nil
	PNG  []byte // the raster, placed in PNG output (and in PDF without a PDF)
	SVG  []byte // an SVG passed through as is for SVG logo output, or nil
}

// Scale returns the factor from the Art's units to points.
func (a Art) Scale() float64 { return a.Box.W / a.View.X }

// FontFace names one of the fonts of the text package.
type FontFace string

// The faces every backend knows.
const (
	Regular FontFace = "regular"
	Bold    FontFace = "bold"
)

// Text is one line of text, already measured and broken by the text
// package; X is where it starts and Y its baseline.
type Text struct {
	X, Y   float64
	Face   FontFace
	Size   float64 // points
	Colour color.RGBA
	S      string
}

// Link makes a rectangle of the page open URL (PDF only).
type Link struct {
	Rect
	URL string
}

// Fill is a filled rectangle.
type Fill struct {
	Rect
	Colour color.RGBA
}

// Modules is the dark modules of a QR code, drawn in Colour: each run
// covers N squares of Module points from module X of row Y, counted from
// the module grid's top-left corner At. It is one element for a code's
// hundreds of runs, where a Fill each made every poster allocate, move
// and type-switch on them one by one.
type Modules struct {
	At     Point
	Module float64
	Runs   []qr.Run // shared with the code: never modified
	Colour color.RGBA
}

// RunRect returns the rectangle run r covers.
func (m Modules) RunRect(r qr.Run) Rect {
	return Rect{X: m.At.X + float64(r.X)*m.Module, Y: m.At.Y + float64(r.Y)*m.Module, W: float64(r.N) * m.Module, H: m.Module}
}

// Bounds returns the rectangle the runs cover together.
func (m Modules) Bounds() Rect {
	if len(m.Runs) == 0 {
		return Rect{X: m.At.X, Y: m.At.Y}
	}
	x0, y0, x1, y1 := m.Runs[0].X, m.Runs[0].Y, 0, 0
	for _, r := range m.Runs {
		x0, y0 = min(x0, r.X), min(y0, r.Y)
		x1, y1 = max(x1, r.X+r.N), max(y1, r.Y+1)
	}
	return Rect{X: m.At.X + float64(x0)*m.Module, Y: m.At.Y + float64(y0)*m.Module, W: float64(x1-x0) * m.Module, H: float64(y1-y0) * m.Module}
}

// Element is one item of a page: Fill, Modules, Art, Text or Link.
type Element interface{ element() }

func (Fill) element()    {}
func (Modules) element() {}
func (Art) element()     {}
func (Text) element()    {}
func (Link) element()    {}

// Page is one page, W by H points. With Trim set, the page is a print-shop
// page whose finished size is Trim and whose background bleeds beyond it.
//
// Blocks name the parts of the page (headline, qr, footer-name...) and say
// what each is for: the guide, the rule checks and the PDF structure tree
// read a page's parts by name and role instead of guessing from colours.
type Page struct {
	W, H     float64
	Trim     *Rect // the finished page inside the media box, or nil
	Bleed    *Rect // the bleed box, or nil when it is the whole page
	Elements []Element
	Blocks   []Block // in reading order
}

// Add appends elements to the page.
func (p *Page) Add(e ...Element) { p.Elements = append(p.Elements, e...) }

// Role is what a block is for a reader: the structure types of tagged PDF.
type Role string

// The roles a block can have.
const (
	Heading1  Role = "H1"
	Heading2  Role = "H2"
	Paragraph Role = "P"
	ListItem  Role = "LI"
	Figure    Role = "Figure" // needs Alt
	LinkRole  Role = "Link"
	TableCell Role = "TD"
	TableHead Role = "TH"
	Artifact  Role = "Artifact" // decoration: bands, rules, icons beside labelled text
)

// Block is a named part of a page: the elements Elements[From:To], laid out
// inside Box. Group gathers blocks that read as one unit (a list, a column
// of one language).
type Block struct {
	Name     string
	Role     Role
	Lang     string
	Alt      string // alternative text of a figure
	Group    string
	Box      Rect
	Pad      float64 // empty space inside the box's edges (a logo's clear space)
	From, To int
}

// Block returns the first block named name, and whether there is one.
func (p *Page) Block(name string) (Block, bool) {
	for _, b := range p.Blocks {
		if b.Name == name {
			return b, true
		}
	}
	return Block{}, false
}

// BlockElements returns the elements of b.
func (p *Page) BlockElements(b Block) []Element { return p.Elements[b.From:b.To] }

// Info is a document's metadata.
type Info struct {
	Title, Author, Subject, Lang string
}

// Doc is a document of one or more pages.
type Doc struct {
	Info  Info
	Pages []*Page
	Rules []string // the IDs of the rules whose checks ran on the pages
}

// Renderer draws elements. The pdf, raster and svg packages implement it.
type Renderer interface {
	Fill(Fill)
	Modules(Modules)
	Art(Art)
	Text(Text)
	Link(Link)
}

// Render replays the page onto r.
func (p *Page) Render(r Renderer) {
	for _, e := range p.Elements {
		switch e := e.(type) {
		case Fill:
			r.Fill(e)
		case Modules:
			r.Modules(e)
		case Art:
			r.Art(e)
		case Text:
			r.Text(e)
		case Link:
			r.Link(e)
		}
	}
}

// Dump writes the page as readable text, one element a line, for golden
// tests. Elements of a block are written under the block's line, relative
// to its box, so a line inserted in one block changes that block and the
// positions of the blocks after it, not every element below.
func (p *Page) Dump() string {
	var b strings.Builder
	fmt.Fprintf(&b, "page %s x %s\n", num(p.W), num(p.H))
	if p.Trim != nil {
		fmt.Fprintf(&b, "trim %s\n", rect(*p.Trim))
	}
	if p.Bleed != nil {
		fmt.Fprintf(&b, "bleed %s\n", rect(*p.Bleed))
	}
	owner := make([]int, len(p.Elements))
	for i := range owner {
		owner[i] = -1
	}
	for bi, bl := range p.Blocks {
		for i := bl.From; i < bl.To && i < len(owner); i++ {
			owner[i] = bi
		}
	}
	for i, e := range p.Elements {
		dx, dy, indent := 0.0, 0.0, ""
		if bi := owner[i]; bi >= 0 {
			bl := p.Blocks[bi]
			if i == bl.From {
				fmt.Fprintf(&b, "block %s %s", bl.Name, bl.Role)
				if bl.Lang != "" {
					fmt.Fprintf(&b, " lang=%s", bl.Lang)
				}
				if bl.Group != "" {
					fmt.Fprintf(&b, " group=%s", bl.Group)
				}
				fmt.Fprintf(&b, " %s", rect(bl.Box))
				if bl.Alt != "" {
					fmt.Fprintf(&b, " alt=%q", bl.Alt)
				}
				b.WriteByte('\n')
			}
			dx, dy, indent = -bl.Box.X, -bl.Box.Y, "  "
		}
		b.WriteString(indent)
		switch e := e.(type) {
		case Fill:
			fmt.Fprintf(&b, "fill %s %s\n", rect(e.Rect.Moved(dx, dy)), hex(e.Colour))
		case Modules:
			fmt.Fprintf(&b, "modules %s module=%s runs=%d %s\n", rect(e.Bounds().Moved(dx, dy)), num(e.Module), len(e.Runs), hex(e.Colour))
		case Art:
			if e.Official != nil {
				fmt.Fprintf(&b, "art %q %s official=%s\n", e.Name, rect(e.Box.Moved(dx, dy)), e.Official.File)
			} else {
				fmt.Fprintf(&b, "art %q %s paths=%d", e.Name, rect(e.Box.Moved(dx, dy)), len(e.Paths))
				for _, t := range e.Text {
					fmt.Fprintf(&b, " text(%s)", textFields(t, 0, 0))
				}
				b.WriteByte('\n')
			}
		case Text:
			fmt.Fprintf(&b, "text %s\n", textFields(e, dx, dy))
		case Link:
			fmt.Fprintf(&b, "link %s %s\n", rect(e.Rect.Moved(dx, dy)), e.URL)
		}
	}
	return b.String()
}

// Moved returns r moved by dx, dy.
func (r Rect) Moved(dx, dy float64) Rect { return Rect{r.X + dx, r.Y + dy, r.W, r.H} }

// Contains says whether s lies inside r, give or take eps points.
func (r Rect) Contains(s Rect, eps float64) bool {
	return s.X >= r.X-eps && s.Y >= r.Y-eps && s.X+s.W <= r.X+r.W+eps && s.Y+s.H <= r.Y+r.H+eps
}

// Overlaps says whether r and s share more than eps points in both directions.
func (r Rect) Overlaps(s Rect, eps float64) bool {
	return math.Min(r.X+r.W, s.X+s.W)-math.Max(r.X, s.X) > eps && math.Min(r.Y+r.H, s.Y+s.H)-math.Max(r.Y, s.Y) > eps
}

func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	return fmt.Sprintf("%g", v)
}

func rect(r Rect) string {
	return fmt.Sprintf("%s,%s %sx%s", num(r.X), num(r.Y), num(r.W), num(r.H))
}

// textFields writes a line of text for a dump, moved by dx, dy.
func textFields(t Text, dx, dy float64) string {
	return fmt.Sprintf("%s,%s %s %s %s %q", num(t.X+dx), num(t.Y+dy), t.Face, num(t.Size), hex(t.Colour), t.S)
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// Bounds returns the smallest rectangle holding every segment's points
// (control points included).
func Bounds(paths []Path) Rect {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, p := range paths {
		for _, s := range p.Segs {
			n := 1
			if s.Op == CubicTo {
				n = 3
			} else if s.Op == Close {
				n = 0
			}
			for _, pt := range s.Pts[:n] {
				minX, minY = math.Min(minX, pt.X), math.Min(minY, pt.Y)
				maxX, maxY = math.Max(maxX, pt.X), math.Max(maxY, pt.Y)
			}
		}
	}
	if math.IsInf(minX, 1) {
		return Rect{}
	}
	return Rect{minX, minY, maxX - minX, maxY - minY}
}

// Transform returns the paths moved by dx, dy and scaled by k about the
// origin (x' = x*k + dx).
func Transform(paths []Path, k, dx, dy float64) []Path {
	out := make([]Path, len(paths))
	for i, p := range paths {
		q := p
		q.Segs = make([]Seg, len(p.Segs))
		for j, s := range p.Segs {
			for n := range s.Pts {
				s.Pts[n] = Point{s.Pts[n].X*k + dx, s.Pts[n].Y*k + dy}
			}
			q.Segs[j] = s
		}
		out[i] = q
	}
	return out
}
