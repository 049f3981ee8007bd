package raster

import (
	"image"
	"math"

	"affiches/internal/render/page"
)

// A scanner fills paths. It cuts curves into lines, adds up the signed
// area each line covers in every pixel of the path's bounding box (the
// method of font-rs and golang.org/x/image/vector, exact for polygons), then
// turns each pixel's running sum into coverage under the path's fill rule
// and paints the colour over the image with that coverage.
//
// Work and memory follow the bounding box, not the page, and the buffers
// are kept from one path to the next, so a scanner allocates only while a
// render meets larger paths than before.
type scanner struct {
	pts  []vertex  // the current path, flattened, in image pixels
	acc  []float32 // the box's cells, row after row, stride w+1; zero between paths
	box  image.Rectangle
	dst  *image.RGBA
	clip image.Rectangle // dst's bounds
}

// A vertex is a point of a flattened path; move starts a new subpath.
type vertex struct {
	x, y float64
	move bool
}

// fill paints segs, mapped to pixels by x*k+dx, y*k+dy, in colour c.
func (s *scanner) fill(segs []page.Seg, k, dx, dy float64, evenOdd bool, c colour) {
	s.flatten(segs, k, dx, dy)
	if !s.bound() {
		return
	}
	w := s.box.Dx()
	stride := w + 1
	if n := stride * s.box.Dy(); cap(s.acc) < n {
		s.acc = make([]float32, n)
	} else {
		s.acc = s.acc[:n]
	}
	ox, oy := float64(s.box.Min.X), float64(s.box.Min.Y)
	var sx, sy, px, py float32 // subpath start and pen, in box cells
	for i, v := range s.pts {
		x, y := cell(v.x, ox), cell(v.y, oy)
		if v.move {
			if i > 0 {
				s.line(px, py, sx, sy, w)
			}
			sx, sy = x, y
		} else {
			s.line(px, py, x, y, w)
		}
		px, py = x, y
	}
	s.line(px, py, sx, sy, w)
	s.paint(evenOdd, c)
}

// cell returns the coordinate v relative to the box's edge o, on the grid
// of 1/64 pixel that freetype (through gg) put points on before, so edges
// fall where they fell; and within a few million pixels, so that the
// box's cells are counted in int32 whatever the input.
func cell(v, o float64) float32 {
	const far = 1 << 22
	return float32(min(max(math.Trunc(v*64)/64-o, -far), far))
}

// flatten turns segs into s.pts, cutting cubics into lines.
func (s *scanner) flatten(segs []page.Seg, k, dx, dy float64) {
	s.pts = s.pts[:0]
	var cx, cy, sx, sy float64 // the pen and the subpath's start
	started := false
	for _, sg := range segs {
		x, y := sg.Pts[0].X*k+dx, sg.Pts[0].Y*k+dy
		if sg.Op == page.MoveTo || !started { // a path may start without MoveTo
			if sg.Op == page.Close {
				continue
			}
			s.pts = append(s.pts, vertex{x, y, true})
			cx, cy, sx, sy, started = x, y, x, y, true
			if sg.Op == page.MoveTo {
				continue
			}
		}
		switch sg.Op {
		case page.LineTo:
			s.pts = append(s.pts, vertex{x: x, y: y})
			cx, cy = x, y
		case page.CubicTo:
			x2, y2 := sg.Pts[1].X*k+dx, sg.Pts[1].Y*k+dy
			x3, y3 := sg.Pts[2].X*k+dx, sg.Pts[2].Y*k+dy
			s.cubic(cx, cy, x, y, x2, y2, x3, y3)
			cx, cy = x3, y3
		case page.Close:
			// Back to the start: what follows without a MoveTo goes on
			// from there.
			s.pts = append(s.pts, vertex{x: sx, y: sy})
			cx, cy = sx, sy
		}
	}
}

// cubic appends the cubic Bézier from x0, y0 as lines, evenly in t: as
// many as its control polygon is long in pixels, at least three. That is
// how gg cut curves for the rasteriser this one replaced, so edges fall
// where they fell; it is finer than the eye needs, and cheap.
func (s *scanner) cubic(x0, y0, x1, y1, x2, y2, x3, y3 float64) {
	l := dist(x0, y0, x1, y1) + dist(x1, y1, x2, y2) + dist(x2, y2, x3, y3)
	if !(l < maxPieces) { // huge, infinite or NaN: far off the image anyway
		l = maxPieces
	}
	n := max(int(l+0.5), 4) // points, the start included
	for i := 1; i < n; i++ {
		t := float64(i) / float64(n-1)
		u := 1 - t
		a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
		s.pts = append(s.pts, vertex{x: a*x0 + b*x1 + c*x2 + d*x3, y: a*y0 + b*y1 + c*y2 + d*y3})
	}
}

// maxPieces bounds the lines one curve is cut into: an A4 page at 600 dpi
// is 7016 pixels high.
const maxPieces = 1 << 13

// dist returns the distance between two points.
func dist(x0, y0, x1, y1 float64) float64 { return math.Sqrt((x1-x0)*(x1-x0) + (y1-y0)*(y1-y0)) }

// bound sets s.box to the pixels the path may touch inside the image, and
// reports whether there are any.
func (s *scanner) bound() bool {
	if len(s.pts) == 0 {
		return false
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, v := range s.pts {
		minX, maxX = min(minX, v.x), max(maxX, v.x)
		minY, maxY = min(minY, v.y), max(maxY, v.y)
	}
	if !(minX <= maxX && minY <= maxY) { // NaN
		return false
	}
	c := s.clip
	// Clamp before converting: a coordinate far outside the image must
	// not overflow int.
	clamp := func(v float64, lo, hi int) int { return int(min(max(v, float64(lo)), float64(hi))) }
	s.box = image.Rect(clamp(math.Floor(minX), c.Min.X, c.Max.X), clamp(math.Floor(minY), c.Min.Y, c.Max.Y),
		clamp(math.Ceil(maxX), c.Min.X, c.Max.X), clamp(math.Ceil(maxY), c.Min.Y, c.Max.Y))
	return !s.box.Empty()
}

// line adds the signed area the line from a to b covers to each cell it
// crosses, and the cell after it: once the row's cells are summed from
// the left, every pixel right of the line holds the line's full height
// there. This is floatingLineTo of golang.org/x/image/vector, with rows
// w+1 cells long so that what falls right of the box stays in its row.
// Cells left of the box add up in its first column, those right of it in
// the spare last one; rows above and below are skipped, so the work is
// bounded by the box whatever the line.
func (s *scanner) line(ax, ay, bx, by float32, w int) {
	dir := float32(1)
	if ay > by {
		dir, ax, ay, bx, by = -1, bx, by, ax, ay
	}
	// Horizontal lines change no coverage; nearly horizontal ones would
	// divide by almost nothing.
	if by-ay <= 0.000001 {
		return
	}
	dxdy := (bx - ax) / (by - ay)
	h := int32(s.box.Dy())
	stride := w + 1
	clampX := func(i int32) int { return int(min(max(i, 0), int32(w))) }

	if ay < 0 { // start at the box's top
		ax += float32(-ay * dxdy)
		ay = 0
	}
	x := ax
	y := int32(math.Floor(float64(ay)))
	yMax := min(int32(math.Ceil(float64(by))), h)
	for ; y < yMax; y++ {
		dy := min(float32(y+1), by) - max(float32(y), ay)
		// float32(…) around products keeps the compiler from fusing
		// multiply-adds, so results are the same on every architecture.
		xNext := x + float32(dy*dxdy)
		row := s.acc[int(y)*stride : int(y+1)*stride]
		d := float32(dy * dir)
		x0, x1 := x, xNext
		if x > xNext {
			x0, x1 = x1, x0
		}
		x0i := int32(math.Floor(float64(x0)))
		x0Floor := float32(x0i)
		x1i := int32(math.Ceil(float64(x1)))
		x1Ceil := float32(x1i)

		if x1i <= x0i+1 {
			// Within one pixel: split d by where the line's middle lies.
			xmf := float32(0.5*(x+xNext)) - x0Floor
			row[clampX(x0i)] += d - float32(d*xmf)
			row[clampX(x0i+1)] += float32(d * xmf)
		} else {
			s := 1 / (x1 - x0)
			x0f := x0 - x0Floor
			oneMinusX0f := 1 - x0f
			a0 := float32(0.5 * s * oneMinusX0f * oneMinusX0f)
			x1f := x1 - x1Ceil + 1
			am := float32(0.5 * s * x1f * x1f)
			row[clampX(x0i)] += float32(d * a0)
			if x1i == x0i+2 {
				row[clampX(x0i+1)] += float32(d * (1 - a0 - am))
			} else {
				a1 := float32(s * (1.5 - x0f))
				row[clampX(x0i+1)] += float32(d * (a1 - a0))
				dTimesS := float32(d * s)
				// The cells between get dTimesS each; those off the
				// box's sides pile up in its edge cells.
				lo, hi := x0i+2, x1i-1
				if n := min(hi, 0) - lo; n > 0 {
					row[0] += float32(dTimesS * float32(n))
					lo = 0
				}
				if n := hi - max(lo, int32(w)); n > 0 {
					row[w] += float32(dTimesS * float32(n))
					hi = int32(w)
				}
				for xi := lo; xi < hi; xi++ {
					row[xi] += dTimesS
				}
				a2 := a1 + float32(s*float32(x1i-x0i-3))
				row[clampX(x1i-1)] += float32(d * (1 - a2 - am))
			}
			row[clampX(x1i)] += float32(d * am)
		}
		x = xNext
	}
}

// almost65536 turns coverage in [0, 1] into alpha in [0, 0xffff]; 65536
// would overflow at 1, and 65535 would turn 1-ε into 0xfffe.
const almost65536 = 65535.996

// paint sums each row of cells into coverage, paints c over the image
// with it, and clears the cells for the next path.
func (s *scanner) paint(evenOdd bool, c colour) {
	w := s.box.Dx()
	stride := w + 1
	for y := range s.box.Dy() {
		row := s.acc[y*stride : (y+1)*stride]
		pix := s.dst.Pix[s.dst.PixOffset(s.box.Min.X, s.box.Min.Y+y):]
		var sum float32
		for x, v := range row[:w] {
			if v == 0 && sum == 0 {
				continue
			}
			sum += v
			row[x] = 0
			a := sum
			if a < 0 {
				a = -a
			}
			if evenOdd {
				// Fold the winding area: 0, 2, 4… are outside, 1, 3… inside.
				a -= 2 * float32(int32(a*0.5))
				if a > 1 {
					a = 2 - a
				}
			} else if a > 1 {
				a = 1
			}
			ma := uint32(almost65536 * a)
			switch p := pix[4*x : 4*x+4 : 4*x+4]; {
			case ma == 0xffff && c.a == 0xffff: // inside an opaque path
				p[0], p[1], p[2], p[3] = uint8(c.r>>8), uint8(c.g>>8), uint8(c.b>>8), 0xff
			case ma != 0:
				c.over(p, ma)
			}
		}
		row[w] = 0
	}
}
