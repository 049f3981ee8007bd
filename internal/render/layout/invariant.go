package layout

import (
	"fmt"

	"affiches/internal/render/page"
	"affiches/internal/rules"
	"affiches/internal/text"
)

// Invariants returns what is wrong with a laid-out page, one sentence a
// problem; nil when nothing is. Tests run it on every page they lay out:
//
//   - every element belongs to a block, and lies inside its block's box
//     (a text line measured with its font, ascent to descent);
//   - every block other than decoration lies inside the safe area (the
//     trim, or the page, less the safe margin);
//   - no two blocks that carry content overlap;
//   - no text crosses the edge of a band or a panel it starts on, and none
//     lies over a figure (a logo and its clear space, a QR code, an icon).
func Invariants(p *page.Page) []string {
	var out []string
	bad := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	owned := make([]bool, len(p.Elements))
	const eps = 0.05
	trim := page.Rect{W: p.W, H: p.H}
	if p.Trim != nil {
		trim = *p.Trim
	}
	m := rules.SafeMarginMM * MM
	safe := page.Rect{X: trim.X + m, Y: trim.Y + m, W: trim.W - 2*m, H: trim.H - 2*m}

	var texts []textBox
	for _, b := range p.Blocks {
		if b.From < 0 || b.To > len(p.Elements) || b.From >= b.To {
			bad("block %s has no elements (%d..%d)", b.Name, b.From, b.To)
			continue
		}
		if b.Role == page.Figure && b.Alt == "" {
			bad("figure %s has no alternative text", b.Name)
		}
		inner := page.Rect{X: b.Box.X + b.Pad, Y: b.Box.Y + b.Pad, W: b.Box.W - 2*b.Pad, H: b.Box.H - 2*b.Pad}
		if b.Role != page.Artifact && !safe.Contains(inner, eps) {
			bad("block %s %s %v leaves the safe area %v", b.Name, b.Lang, b.Box, safe)
		}
		for i := b.From; i < b.To; i++ {
			if owned[i] {
				bad("element %d is in two blocks (the second is %s)", i, b.Name)
			}
			owned[i] = true
			r := extent(p.Elements[i])
			if !b.Box.Contains(r, eps) {
				bad("block %s %s: %s %v leaves its box %v", b.Name, b.Lang, describe(p.Elements[i]), r, b.Box)
			}
			if t, ok := p.Elements[i].(page.Text); ok {
				texts = append(texts, textBox{r, t.S, b.Name})
			}
		}
	}
	for i, ok := range owned {
		if !ok {
			bad("%s belongs to no block", describe(p.Elements[i]))
		}
	}
	for i, a := range p.Blocks {
		if a.Role == page.Artifact {
			continue
		}
		for _, b := range p.Blocks[i+1:] {
			if b.Role != page.Artifact && a.Box.Overlaps(b.Box, eps) {
				bad("blocks %s %s %v and %s %s %v overlap", a.Name, a.Lang, a.Box, b.Name, b.Lang, b.Box)
			}
		}
	}
	// Text against what lies behind it: inside a band or off it, never
	// across its edge; never over a figure.
	for _, b := range p.Blocks {
		for i := b.From; i < b.To && i < len(p.Elements); i++ {
			var r page.Rect
			switch e := p.Elements[i].(type) {
			case page.Fill:
				if b.Role != page.Artifact {
					continue
				}
				r = e.Rect
			case page.Art:
				r = e.Box
			default:
				continue
			}
			for _, t := range texts {
				if t.block == b.Name || !t.r.Overlaps(r, eps) {
					continue
				}
				if b.Role == page.Artifact && r.Contains(t.r, eps) {
					continue
				}
				bad("text %q (%s) lies across or over %s %v", t.s, t.block, b.Name, r)
			}
		}
	}
	return out
}

type textBox struct {
	r     page.Rect
	s     string
	block string
}

// extent is the rectangle an element covers; a text line's runs from its
// font's ascent to its descent.
func extent(e page.Element) page.Rect {
	switch e := e.(type) {
	case page.Fill:
		return e.Rect
	case page.Modules:
		return e.Bounds()
	case page.Art:
		return e.Box
	case page.Link:
		return e.Rect
	case page.Text:
		f := text.Fonts().Face(e.Face)
		a, d := f.Ascent(e.Size), f.Descent(e.Size)
		return page.Rect{X: e.X, Y: e.Y - a, W: f.Width(e.S, e.Size), H: a + d}
	}
	return page.Rect{}
}

func describe(e page.Element) string {
	switch e := e.(type) {
	case page.Text:
		return fmt.Sprintf("text %q", e.S)
	case page.Art:
		return "art " + e.Name
	case page.Fill:
		return "fill"
	case page.Modules:
		return "QR modules"
	case page.Link:
		return "link " + e.URL
	}
	return "element"
}
