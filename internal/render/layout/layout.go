// Package layout composes display-list pages from an organisation profile,
// a language set and a channel: posters and logo sheets. It is pure: no I/O,
// no clock; the same inputs always give the same page.
package layout

import (
	"image/color"
	"slices"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/render/page"
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

// appendMoved appends els to dst, each moved by dx, dy: the flows are
// put together by copying their elements once, into their final place.
func appendMoved(dst, els []page.Element, dx, dy float64) []page.Element {
	if dx == 0 && dy == 0 {
		return append(dst, els...) // nothing moves: no element is boxed again
	}
	dst = slices.Grow(dst, len(els))
	for _, e := range els {
		dst = append(dst, moved(e, dx, dy))
	}
	return dst
}

// moved returns e moved by dx, dy.
func moved(e page.Element, dx, dy float64) page.Element {
	switch e := e.(type) {
	case page.Fill:
		e.X += dx
		e.Y += dy
		return e
	case page.Modules:
		e.At.X += dx
		e.At.Y += dy
		return e
	case page.Text:
		e.X += dx
		e.Y += dy
		return e
	case page.Art:
		e.Box.X += dx
		e.Box.Y += dy
		return e
	case page.Link:
		e.X += dx
		e.Y += dy
		return e
	}
	return e
}

// movePage moves every element and block of the page by dx, dy.
func movePage(pg *page.Page, dx, dy float64) {
	if dx != 0 || dy != 0 {
		for i, e := range pg.Elements {
			pg.Elements[i] = moved(e, dx, dy)
		}
	}
	for i := range pg.Blocks {
		pg.Blocks[i].Box = pg.Blocks[i].Box.Moved(dx, dy)
	}
}

// scalePage scales every element and block of the page by k about the
// origin: text sizes, boxes and positions alike.
func scalePage(pg *page.Page, k float64) {
	if k == 1 {
		return // A4, as designed: rewriting every element would only cost
	}
	sr := func(r page.Rect) page.Rect { return page.Rect{X: r.X * k, Y: r.Y * k, W: r.W * k, H: r.H * k} }
	for i, e := range pg.Elements {
		switch e := e.(type) {
		case page.Fill:
			e.Rect = sr(e.Rect)
			pg.Elements[i] = e
		case page.Modules:
			e.At.X, e.At.Y, e.Module = e.At.X*k, e.At.Y*k, e.Module*k
			pg.Elements[i] = e
		case page.Text:
			e.X, e.Y, e.Size = e.X*k, e.Y*k, e.Size*k
			pg.Elements[i] = e
		case page.Art:
			e.Box = sr(e.Box)
			pg.Elements[i] = e
		case page.Link:
			e.Rect = sr(e.Rect)
			pg.Elements[i] = e
		}
	}
	for i := range pg.Blocks {
		pg.Blocks[i].Box = sr(pg.Blocks[i].Box)
		pg.Blocks[i].Pad *= k
	}
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
