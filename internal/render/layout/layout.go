// Package layout composes display-list pages from an organisation profile,
// a language set and a channel: posters and logo sheets. It is pure: no I/O,
// no clock; the same inputs always give the same page.
package layout

import (
	"errors"
	"image/color"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/render/page"
	"affiches/internal/rules"
	"affiches/internal/text"
)

// MM is one millimetre in points.
const MM = 72 / 25.4

// Colours used on every asset besides the body's accent.
var (
	White = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	Ink   = color.RGBA{0x1A, 0x1A, 0x1A, 0xFF} // body text: 17.4:1 on white
	Muted = color.RGBA{0x4A, 0x4A, 0x4A, 0xFF} // labels and captions: 8.9:1 on white
)

// Tint mixes c with white, keeping share of c.
func Tint(c color.RGBA, share float64) color.RGBA {
	mix := func(v uint8) uint8 { return uint8(float64(v)*share + 255*(1-share) + 0.5) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), 0xFF}
}

// translate moves elements by dx, dy.
func translate(els []page.Element, dx, dy float64) []page.Element {
	out := make([]page.Element, len(els))
	for i, e := range els {
		switch e := e.(type) {
		case page.Fill:
			e.X += dx
			e.Y += dy
			out[i] = e
		case page.Text:
			e.X += dx
			e.Y += dy
			out[i] = e
		case page.Art:
			e.Box.X += dx
			e.Box.Y += dy
			out[i] = e
		case page.Link:
			e.X += dx
			e.Y += dy
			out[i] = e
		}
	}
	return out
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

// cell stacks blocks of text and art down a column of width w.
type cell struct {
	w        float64
	y        float64
	els      []page.Element
	problems *brand.Problems
}

func (c *cell) add(e ...page.Element) { c.els = append(c.els, e...) }

// para sets s in lines of width w (or the cell's), starting at x, c.y; it
// shrinks down to minSize when a word or the line count needs it, and
// reports the field otherwise.
type paraStyle struct {
	face     page.FontFace
	size     float64
	min      float64 // smallest size allowed; size when 0
	lead     float64
	colour   color.RGBA
	breaks   text.Breaks
	maxLines int
}

func (c *cell) para(x, w float64, st paraStyle, s, field string) (height float64, lines []string) {
	f := text.Fonts().Face(st.face)
	min := st.min
	if min == 0 {
		min = st.size
	}
	blk, err := text.FitBlock(f, s, text.Fit{Max: st.size, Min: min, Width: w, Leading: st.lead, Breaks: st.breaks, MaxLines: st.maxLines})
	if err != nil {
		*c.problems = append(*c.problems, textProblem(field, err))
		return 0, nil
	}
	y := c.y + f.Ascent(blk.Size)
	for _, line := range blk.Lines {
		c.add(page.Text{X: x, Y: y, Face: st.face, Size: blk.Size, Colour: st.colour, S: line})
		y += blk.LineHeight
	}
	return blk.Height(f), blk.Lines
}

// block sets a paragraph across the whole cell and moves down past it.
func (c *cell) block(st paraStyle, s, field string) {
	h, _ := c.para(0, c.w, st, s, field)
	c.y += h
}

func fieldFor(path string, t brand.Text, l brand.Lang) string {
	if _, ok := t.By[l]; ok {
		return path + "." + string(l)
	}
	return path
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
