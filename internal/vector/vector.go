// Package vector reads artwork kept in a restricted SVG subset: an svg root
// with a viewBox and path, rect and circle children carrying fill and
// fill-rule. No Go SVG library honours fill-rule, and logo holes need it,
// so the subset is parsed here; anything outside it is refused by name.
package vector

import (
	"encoding/xml"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/render/page"
)

// Source is vector artwork read from restricted SVG.
type Source struct {
	View  page.Point // viewBox width and height; its origin is moved to 0,0
	Paths []page.Path
}

// Parse reads restricted SVG. Anything outside the subset (transforms,
// styles, gradients, text, references) is refused by name.
func Parse(r io.Reader) (*Source, error) {
	dec := xml.NewDecoder(io.LimitReader(r, 1<<20))
	var src *Source
	var minX, minY float64
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("svg: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			attrs := map[string]string{}
			for _, a := range t.Attr {
				attrs[a.Name.Local] = a.Value
			}
			if depth == 1 {
				if t.Name.Local != "svg" {
					return nil, fmt.Errorf("svg: root element is <%s>, want <svg>", t.Name.Local)
				}
				vb := strings.Fields(strings.ReplaceAll(attrs["viewBox"], ",", " "))
				if len(vb) != 4 {
					return nil, fmt.Errorf("svg: viewBox %q must have 4 numbers", attrs["viewBox"])
				}
				var v [4]float64
				for i, s := range vb {
					if v[i], err = parseNum(s); err != nil {
						return nil, fmt.Errorf("svg: viewBox: %w", err)
					}
				}
				if v[2] <= 0 || v[3] <= 0 {
					return nil, fmt.Errorf("svg: viewBox %q has no area", attrs["viewBox"])
				}
				minX, minY = v[0], v[1]
				src = &Source{View: page.Point{X: v[2], Y: v[3]}}
				continue
			}
			if depth > 2 {
				return nil, fmt.Errorf("svg: nested element <%s>: groups are not in the subset", t.Name.Local)
			}
			p, err := element(t.Name.Local, attrs)
			if err != nil {
				return nil, err
			}
			src.Paths = append(src.Paths, page.Transform([]page.Path{p}, 1, -minX, -minY)[0])
		case xml.EndElement:
			depth--
		}
	}
	if src == nil {
		return nil, fmt.Errorf("svg: no <svg> element")
	}
	if len(src.Paths) == 0 {
		return nil, fmt.Errorf("svg: no shapes")
	}
	return src, nil
}

func element(name string, attrs map[string]string) (page.Path, error) {
	for _, a := range []string{"transform", "style", "clip-path", "mask", "filter", "href", "opacity", "fill-opacity", "stroke"} {
		if _, ok := attrs[a]; ok {
			return page.Path{}, fmt.Errorf("svg: <%s %s>: the attribute is not in the subset", name, a)
		}
	}
	p := page.Path{Fill: color.RGBA{A: 0xFF}}
	if f, ok := attrs["fill"]; ok {
		c, err := brand.ParseColour(f)
		if err != nil {
			return p, fmt.Errorf("svg: <%s fill>: %v", name, err)
		}
		p.Fill = c
	}
	switch attrs["fill-rule"] {
	case "", "nonzero":
	case "evenodd":
		p.EvenOdd = true
	default:
		return p, fmt.Errorf("svg: fill-rule %q: want nonzero or evenodd", attrs["fill-rule"])
	}
	num := func(k string) (float64, error) {
		v, err := parseNum(attrs[k])
		if err != nil {
			return 0, fmt.Errorf("svg: <%s %s>: %w", name, k, err)
		}
		return v, nil
	}
	var err error
	switch name {
	case "path":
		p.Segs, err = ParsePathData(attrs["d"])
		if err != nil {
			return p, fmt.Errorf("svg: <path d>: %w", err)
		}
	case "rect":
		var x, y, w, h float64
		for k, dst := range map[string]*float64{"x": &x, "y": &y, "width": &w, "height": &h} {
			if _, ok := attrs[k]; !ok && (k == "x" || k == "y") {
				continue
			}
			if *dst, err = num(k); err != nil {
				return p, err
			}
		}
		p.Segs = []page.Seg{
			{Op: page.MoveTo, Pts: [3]page.Point{{X: x, Y: y}}},
			{Op: page.LineTo, Pts: [3]page.Point{{X: x + w, Y: y}}},
			{Op: page.LineTo, Pts: [3]page.Point{{X: x + w, Y: y + h}}},
			{Op: page.LineTo, Pts: [3]page.Point{{X: x, Y: y + h}}},
			{Op: page.Close},
		}
	case "circle":
		cx, err := num("cx")
		if err != nil {
			return p, err
		}
		cy, err := num("cy")
		if err != nil {
			return p, err
		}
		r, err := num("r")
		if err != nil {
			return p, err
		}
		p.Segs = Circle(cx, cy, r)
	case "title", "desc":
		return p, fmt.Errorf("svg: <%s> inside shapes is not in the subset", name)
	default:
		return p, fmt.Errorf("svg: <%s> is not in the subset (path, rect, circle)", name)
	}
	return p, nil
}

// Circle returns a circle as four cubic Béziers.
func Circle(cx, cy, r float64) []page.Seg {
	k := 0.5522847498 * r
	pt := func(x, y float64) page.Point { return page.Point{X: x, Y: y} }
	return []page.Seg{
		{Op: page.MoveTo, Pts: [3]page.Point{pt(cx+r, cy)}},
		{Op: page.CubicTo, Pts: [3]page.Point{pt(cx+r, cy+k), pt(cx+k, cy+r), pt(cx, cy+r)}},
		{Op: page.CubicTo, Pts: [3]page.Point{pt(cx-k, cy+r), pt(cx-r, cy+k), pt(cx-r, cy)}},
		{Op: page.CubicTo, Pts: [3]page.Point{pt(cx-r, cy-k), pt(cx-k, cy-r), pt(cx, cy-r)}},
		{Op: page.CubicTo, Pts: [3]page.Point{pt(cx+k, cy-r), pt(cx+r, cy-k), pt(cx+r, cy)}},
		{Op: page.Close},
	}
}

func parseNum(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e6 {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}

// ParsePathData reads SVG path data with the commands M L H V C Q Z, in
// absolute and relative forms. Arcs (A) and smooth curves (S, T) are not in
// the subset and are refused by name.
func ParsePathData(d string) ([]page.Seg, error) {
	sc := &scanner{s: d}
	var segs []page.Seg
	var cur, start page.Point
	var cmd byte
	for {
		sc.skipSpace()
		if sc.done() {
			break
		}
		if c := sc.peek(); isCommand(c) {
			cmd = c
			sc.i++
		} else if cmd == 0 {
			return nil, fmt.Errorf("path data must start with a command, found %q at %d", c, sc.i)
		}
		rel := cmd >= 'a' && cmd <= 'z'
		abs := func(p page.Point) page.Point {
			if rel {
				return page.Point{X: cur.X + p.X, Y: cur.Y + p.Y}
			}
			return p
		}
		switch cmd {
		case 'M', 'm':
			p, err := sc.point()
			if err != nil {
				return nil, err
			}
			cur = abs(p)
			start = cur
			segs = append(segs, page.Seg{Op: page.MoveTo, Pts: [3]page.Point{cur}})
			// Further pairs after M are implicit L.
			if rel {
				cmd = 'l'
			} else {
				cmd = 'L'
			}
		case 'L', 'l':
			p, err := sc.point()
			if err != nil {
				return nil, err
			}
			cur = abs(p)
			segs = append(segs, page.Seg{Op: page.LineTo, Pts: [3]page.Point{cur}})
		case 'H', 'h':
			x, err := sc.number()
			if err != nil {
				return nil, err
			}
			if rel {
				x += cur.X
			}
			cur = page.Point{X: x, Y: cur.Y}
			segs = append(segs, page.Seg{Op: page.LineTo, Pts: [3]page.Point{cur}})
		case 'V', 'v':
			y, err := sc.number()
			if err != nil {
				return nil, err
			}
			if rel {
				y += cur.Y
			}
			cur = page.Point{X: cur.X, Y: y}
			segs = append(segs, page.Seg{Op: page.LineTo, Pts: [3]page.Point{cur}})
		case 'C', 'c':
			var pts [3]page.Point
			for i := range pts {
				p, err := sc.point()
				if err != nil {
					return nil, err
				}
				pts[i] = abs(p)
			}
			cur = pts[2]
			segs = append(segs, page.Seg{Op: page.CubicTo, Pts: pts})
		case 'Q', 'q':
			c, err := sc.point()
			if err != nil {
				return nil, err
			}
			e, err := sc.point()
			if err != nil {
				return nil, err
			}
			c, e = abs(c), abs(e)
			segs = append(segs, page.Seg{Op: page.CubicTo, Pts: [3]page.Point{
				{X: cur.X + 2.0/3*(c.X-cur.X), Y: cur.Y + 2.0/3*(c.Y-cur.Y)},
				{X: e.X + 2.0/3*(c.X-e.X), Y: e.Y + 2.0/3*(c.Y-e.Y)},
				e,
			}})
			cur = e
		case 'Z', 'z':
			segs = append(segs, page.Seg{Op: page.Close})
			cur = start
			cmd = 0
		default:
			return nil, fmt.Errorf("path command %q is not in the subset (M L H V C Q Z)", cmd)
		}
		if len(segs) > 100000 {
			return nil, fmt.Errorf("path has more than 100000 segments")
		}
	}
	if len(segs) > 0 && segs[0].Op != page.MoveTo {
		return nil, fmt.Errorf("path data must start with M")
	}
	return segs, nil
}

func isCommand(c byte) bool {
	return strings.IndexByte("MmLlHhVvCcQqZzAaSsTt", c) >= 0
}

type scanner struct {
	s string
	i int
}

func (sc *scanner) done() bool { return sc.i >= len(sc.s) }
func (sc *scanner) peek() byte { return sc.s[sc.i] }

func (sc *scanner) skipSpace() {
	for !sc.done() && strings.IndexByte(" \t\r\n,", sc.s[sc.i]) >= 0 {
		sc.i++
	}
}

func (sc *scanner) number() (float64, error) {
	sc.skipSpace()
	start := sc.i
	if !sc.done() && (sc.peek() == '-' || sc.peek() == '+') {
		sc.i++
	}
	dot, exp := false, false
	for !sc.done() {
		c := sc.peek()
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && !exp:
			dot = true
		case (c == 'e' || c == 'E') && !exp && sc.i > start:
			exp = true
			if sc.i+1 < len(sc.s) && (sc.s[sc.i+1] == '-' || sc.s[sc.i+1] == '+') {
				sc.i++
			}
		default:
			goto end
		}
		sc.i++
	}
end:
	if sc.i == start {
		if sc.done() {
			return 0, fmt.Errorf("path data ends where a number is expected")
		}
		return 0, fmt.Errorf("expected a number at %d, found %q", start, sc.peek())
	}
	return parseNum(sc.s[start:sc.i])
}

func (sc *scanner) point() (page.Point, error) {
	x, err := sc.number()
	if err != nil {
		return page.Point{}, err
	}
	y, err := sc.number()
	if err != nil {
		return page.Point{}, err
	}
	return page.Point{X: x, Y: y}, nil
}

// Shipped returns the artwork of a file of assets (icons/NAME.svg,
// logos/NAME.svg) as Parse reads it, from Go data generated by the tests:
// a command does not parse the SVGs it ships each time it starts.
func Shipped(name string) (*Source, error) {
	if s := shipped(name); s != nil {
		return s, nil
	}
	return nil, fmt.Errorf("no artwork %s in assets", name)
}
