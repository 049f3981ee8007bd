package pdf

import (
	"math"
	"strconv"

	"affiches/internal/pdfdoc"
	"affiches/internal/render/page"
	"affiches/internal/text"
)

// content builds a page's content stream. Every painting operator lies in
// a marked-content sequence: one per block, tagged with the MCID of its
// structure element or marked /Artifact, opened before the block's first
// drawing and closed before the next block's. Inside, runs of fills of one
// colour are one path, and consecutive lines of text one text object; the
// fill colour and the font are set only when they change (both outlive a
// text object, and forms are drawn inside q ... Q).
type content struct {
	b     []byte
	pageH float64

	open      bool // a marked-content sequence is open
	seq       int  // the block of the open sequence
	want      int  // the block of the elements being drawn
	wantTag   string
	wantMCID  int // -1 for an artifact
	fillRun   bool
	inText    bool
	lineX     float64 // the start of the text line, in a text object
	lineY     float64
	colour    [3]uint8
	hasColour bool
	font      *faceUse
	size      float64
}

// block says that the elements that follow belong to block bi, whose
// content is marked tag with mcid (-1: an artifact). The sequence opens
// with the block's first drawing.
func (c *content) block(bi int, tag string, mcid int) {
	c.want, c.wantTag, c.wantMCID = bi, tag, mcid
}

// mark opens the wanted block's sequence if it is not the open one.
func (c *content) mark() {
	if c.open && c.seq == c.want {
		return
	}
	c.end()
	if c.wantMCID < 0 {
		c.b = append(c.b, "/Artifact BMC\n"...)
	} else {
		c.b = append(c.b, '/')
		c.b = append(c.b, c.wantTag...)
		c.b = append(c.b, " <</MCID "...)
		c.b = strconv.AppendInt(c.b, int64(c.wantMCID), 10)
		c.b = append(c.b, ">> BDC\n"...)
	}
	c.open, c.seq = true, c.want
}

// end closes what is open: a path, a text object, a sequence.
func (c *content) end() {
	c.endGraphics()
	if c.open {
		c.b = append(c.b, "EMC\n"...)
		c.open = false
	}
}

// endGraphics ends a run of fills or a text object.
func (c *content) endGraphics() {
	if c.fillRun {
		c.b = append(c.b, "f\n"...)
		c.fillRun = false
	}
	if c.inText {
		c.b = append(c.b, "ET\n"...)
		c.inText = false
	}
}

func (c *content) num(v float64) {
	c.b = pdfdoc.AppendNum(c.b, v, 3)
	c.b = append(c.b, ' ')
}

func (c *content) setColour(col [3]uint8) {
	if c.hasColour && col == c.colour {
		return
	}
	c.b = appendRGB(c.b, col)
	c.colour, c.hasColour = col, true
}

// modules draws a QR code's runs as one path in module units: a matrix
// scales a module to its size and flips y, so each run is four small
// integers instead of four decimals (a code has some 220 runs).
func (c *content) modules(m page.Modules) {
	c.mark()
	c.endGraphics()
	c.setColour([3]uint8{m.Colour.R, m.Colour.G, m.Colour.B}) // outside q: it outlives Q
	c.b = append(c.b, "q "...)
	c.b = pdfdoc.AppendNum(c.b, m.Module, 5)
	c.b = append(c.b, " 0 0 "...)
	c.b = pdfdoc.AppendNum(c.b, -m.Module, 5)
	c.b = append(c.b, ' ')
	c.num(m.At.X)
	c.num(c.pageH - m.At.Y)
	c.b = append(c.b, "cm\n"...)
	for _, r := range m.Runs {
		c.b = strconv.AppendInt(c.b, int64(r.X), 10)
		c.b = append(c.b, ' ')
		c.b = strconv.AppendInt(c.b, int64(r.Y), 10)
		c.b = append(c.b, ' ')
		c.b = strconv.AppendInt(c.b, int64(r.N), 10)
		c.b = append(c.b, " 1 re\n"...)
	}
	c.b = append(c.b, "f\nQ\n"...)
}

// fill adds a rectangle to the run of fills of its colour.
func (c *content) fill(f page.Fill) {
	c.mark()
	col := [3]uint8{f.Colour.R, f.Colour.G, f.Colour.B}
	if c.inText {
		c.endGraphics()
	}
	if c.fillRun && (!c.hasColour || col != c.colour) {
		c.b = append(c.b, "f\n"...)
		c.fillRun = false
	}
	c.setColour(col)
	c.fillRun = true
	c.num(f.X)
	c.num(c.pageH - f.Y - f.H)
	c.num(f.W)
	c.num(f.H)
	c.b = append(c.b, "re\n"...)
}

// text shows a line of text in font u; space adds a space after it, which
// draws nothing but puts back, for readers, the space a line break took.
func (c *content) text(t page.Text, u *faceUse, space bool) error {
	c.mark()
	if c.fillRun {
		c.endGraphics()
	}
	if !c.inText {
		c.b = append(c.b, "BT\n"...)
		c.inText, c.lineX, c.lineY = true, 0, 0
	}
	if u != c.font || t.Size != c.size {
		c.b = append(c.b, '/')
		c.b = append(c.b, u.name...)
		c.b = append(c.b, ' ')
		c.num(t.Size)
		c.b = append(c.b, "Tf\n"...)
		c.font, c.size = u, t.Size
	}
	c.setColour([3]uint8{t.Colour.R, t.Colour.G, t.Colour.B})
	// Lines start at hundredths of a point, each line's move from the
	// previous one made from the rounded positions, so no error adds up.
	x, y := math.Round(t.X*100)/100, math.Round((c.pageH-t.Y)*100)/100
	c.num(x - c.lineX)
	c.num(y - c.lineY)
	c.b = append(c.b, "Td\n"...)
	c.lineX, c.lineY = x, y
	s := t.S
	if space {
		s += " "
	}
	var err error
	c.b, err = u.appendText(c.b, s)
	return err
}

// draw paints XObject name scaled by kx, ky with its origin at x, y (PDF
// coordinates).
func (c *content) draw(name pdfdoc.Name, kx, ky, x, y float64) {
	c.mark()
	c.endGraphics()
	c.b = append(c.b, "q\n"...)
	c.b = pdfdoc.AppendNum(c.b, kx, 6)
	c.b = append(c.b, " 0 0 "...)
	c.b = pdfdoc.AppendNum(c.b, ky, 6)
	c.b = append(c.b, ' ')
	c.num(x)
	c.num(y)
	c.b = append(c.b, "cm\n/"...)
	c.b = append(c.b, name...)
	c.b = append(c.b, " Do\nQ\n"...)
}

// outline draws the glyphs of t as forms (see glyphs.go): a line is
// scaled to font units once, then each glyph moves the origin by its
// advance and kerning, in whole font units.
func (c *content) outline(t page.Text, font *text.Font, glyph func(r rune) pdfdoc.Name) {
	c.mark()
	c.endGraphics()
	c.setColour([3]uint8{t.Colour.R, t.Colour.G, t.Colour.B})
	k := t.Size / font.UnitsPerEm()
	c.b = append(c.b, "q\n"...)
	c.b = pdfdoc.AppendNum(c.b, k, 6)
	c.b = append(c.b, " 0 0 "...)
	c.b = pdfdoc.AppendNum(c.b, k, 6)
	c.b = append(c.b, ' ')
	c.num(t.X)
	c.num(c.pageH - t.Y)
	c.b = append(c.b, "cm\n"...)
	var prev rune
	move := 0.0 // font units since the last glyph drawn
	for i, r := range t.S {
		if i > 0 {
			move += font.KernUnits(prev, r)
		}
		if name := glyph(r); name != "" {
			if move != 0 {
				c.b = append(c.b, "1 0 0 1 "...)
				c.num(move)
				c.b = append(c.b, "0 cm\n"...)
				move = 0
			}
			c.b = append(c.b, '/')
			c.b = append(c.b, name...)
			c.b = append(c.b, " Do\n"...)
		}
		_, adv := font.Glyph(r)
		move += adv * font.UnitsPerEm()
		prev = r
	}
	c.b = append(c.b, "Q\n"...)
}
