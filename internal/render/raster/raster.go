// Package raster draws display-list pages into images and PNG files. Text
// is drawn from the same glyph outlines and line breaks as the PDF and SVG,
// so a preview shows exactly what prints. Rectangles snap to whole pixels,
// which keeps QR modules crisp for scanners.
//
// Posters are large and the kit writes many, so both halves are its own:
// paths are filled by a small rasteriser (scan.go), over their bounding box
// only, under the non-zero or even-odd rule; PNGs are deflated fast with
// unfiltered rows (png.go). Buffers are kept between renders, safely for
// concurrent use, and every render is deterministic.
package raster

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"runtime"
	"sync"

	"affiches/internal/render/page"
	"affiches/internal/text"

	"golang.org/x/image/draw"
)

// Options control rasterisation.
type Options struct {
	DPI        float64     // pixels per inch; 72 when 0 (one pixel per point)
	Background color.Color // nil: transparent
}

// Render draws p into a new image.
func Render(p *page.Page, fonts *text.Set, opt Options) *image.RGBA {
	s := scale(opt)
	img := image.NewRGBA(image.Rect(0, 0, int(math.Round(p.W*s)), int(math.Round(p.H*s))))
	renderInto(img, p, fonts, opt)
	return img
}

// Write draws p and encodes it onto w as a PNG with its resolution (see
// WritePNG). The image is drawn into a buffer kept for the next call.
func Write(w io.Writer, p *page.Page, fonts *text.Set, opt Options) error {
	s := scale(opt)
	img := getImage(int(math.Round(p.W*s)), int(math.Round(p.H*s)))
	defer putImage(img)
	renderInto(img, p, fonts, opt)
	return WritePNG(w, img, opt.DPI)
}

func scale(opt Options) float64 {
	if opt.DPI == 0 {
		return 1
	}
	return opt.DPI / 72
}

// renderInto fills img with the background and draws p on it.
func renderInto(img *image.RGBA, p *page.Page, fonts *text.Set, opt Options) {
	if opt.Background != nil {
		fillPix(img.Pix, newColour(opt.Background))
	} else {
		clear(img.Pix)
	}
	r := renderers.Get().(*renderer)
	defer renderers.Put(r)
	r.s, r.fonts = scale(opt), fonts
	r.dst, r.clip = img, img.Bounds()
	p.Render(r)
	r.dst, r.fonts = nil, nil
}

// renderers keeps renderers, with their scanners' buffers, between pages.
var renderers = sync.Pool{New: func() any { return new(renderer) }}

type renderer struct {
	scanner
	s     float64
	fonts *text.Set
	segs  []page.Seg // a line of text's outline
}

// Modules paints a QR code's runs as Fill paints rectangles.
func (r *renderer) Modules(m page.Modules) {
	for _, run := range m.Runs {
		r.Fill(page.Fill{Rect: m.RunRect(run), Colour: m.Colour})
	}
}

// Fill paints the rectangle, snapped to whole pixels, straight into the
// image.
func (r *renderer) Fill(f page.Fill) {
	rect := image.Rect(int(math.Round(f.X*r.s)), int(math.Round(f.Y*r.s)),
		int(math.Round((f.X+f.W)*r.s)), int(math.Round((f.Y+f.H)*r.s))).Intersect(r.clip)
	if rect.Empty() {
		return
	}
	c := newColour(f.Colour)
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		row := r.dst.Pix[r.dst.PixOffset(rect.Min.X, y):r.dst.PixOffset(rect.Max.X, y)]
		if c.a == 0xffff {
			fillPix(row, c)
			continue
		}
		for i := 0; i < len(row); i += 4 {
			c.over(row[i:i+4:i+4], 0xffff)
		}
	}
}

// Art places an official raster as it is, or fills each path, then the
// outlines of each line of its text.
func (r *renderer) Art(a page.Art) {
	if a.Official != nil {
		src, err := png.Decode(bytes.NewReader(a.Official.PNG))
		if err != nil {
			return // the pack loader decoded it already
		}
		rect := image.Rect(int(math.Round(a.Box.X*r.s)), int(math.Round(a.Box.Y*r.s)), int(math.Round((a.Box.X+a.Box.W)*r.s)), int(math.Round((a.Box.Y+a.Box.H)*r.s)))
		draw.CatmullRom.Scale(r.dst, rect, src, src.Bounds(), draw.Over, nil)
		return
	}
	k := a.Scale() * r.s
	for _, p := range a.Paths {
		r.fill(p.Segs, k, a.Box.X*r.s, a.Box.Y*r.s, p.EvenOdd, newColour(p.Fill))
	}
	for _, t := range a.Text {
		r.fill(r.fonts.Face(t.Face).ArtOutline(t.S, t.Size, t.X, t.Y), k, a.Box.X*r.s, a.Box.Y*r.s, false, newColour(t.Colour))
	}
}

// Text fills the line's glyph outlines as one path.
func (r *renderer) Text(t page.Text) {
	r.segs = r.fonts.Face(t.Face).AppendOutline(r.segs[:0], t.S, t.Size, t.X, t.Y)
	r.fill(r.segs, r.s, 0, 0, false, newColour(t.Colour))
}

// Link does nothing: an image has no links.
func (r *renderer) Link(page.Link) {}

// colour is a fill colour as image/draw and freetype's painters hold it:
// premultiplied, 16 bits a channel.
type colour struct{ r, g, b, a uint32 }

func newColour(c color.Color) colour {
	r, g, b, a := c.RGBA()
	return colour{r, g, b, a}
}

// over paints c with coverage ma (0 to 0xffff) over the pixel p, with
// the arithmetic of freetype's RGBAPainter, which drew before.
func (c colour) over(p []byte, ma uint32) {
	const m = 0xffff
	a := (m - c.a*ma/m) * 0x101
	p[0] = uint8((uint32(p[0])*a + c.r*ma) / m >> 8)
	p[1] = uint8((uint32(p[1])*a + c.g*ma) / m >> 8)
	p[2] = uint8((uint32(p[2])*a + c.b*ma) / m >> 8)
	p[3] = uint8((uint32(p[3])*a + c.a*ma) / m >> 8)
}

// fillPix sets every pixel of pix to c: the first 64 KB by doubling, then
// the rest 64 KB at a time from the start. Between pieces it yields: a
// loop of copies over megabytes is never preempted (memmove has no
// preemption point), and the collector's stop-the-world waited 40 ms on it
// while the other core spun.
func fillPix(pix []byte, c colour) {
	if len(pix) < 4 {
		return
	}
	pix[0], pix[1], pix[2], pix[3] = uint8(c.r>>8), uint8(c.g>>8), uint8(c.b>>8), uint8(c.a>>8)
	const piece = 64 << 10
	n := 4
	for ; n < len(pix) && n < piece; n *= 2 {
		copy(pix[n:], pix[:n])
	}
	for ; n < len(pix); n += piece {
		copy(pix[n:], pix[:piece])
		runtime.Gosched()
	}
}

// spare keeps page buffers between Write calls: a poster preview is
// megabytes and the kit writes dozens. A sync.Pool lost them at every
// collection, and filling a fresh buffer (its pages' first touch) was a
// fifth of the kit's CPU. At most spareBuffers buffers of at most
// spareBytes each are kept, so a process holds a bounded amount. They are
// mapped outside Go's heap where the system allows (pageAlloc): kept in
// the heap, they would double the collector's target.
var spare struct {
	sync.Mutex
	free   [][]byte
	mapped map[*byte]bool // buffers pageAlloc mapped and not yet unmapped
}

const (
	spareBuffers = 2        // a kit renders on two cores at a time
	spareBytes   = 24 << 20 // an A3 preview at 150 dpi is 17.4 MB
)

// getImage returns a w × h image, its pixels left as they were.
func getImage(w, h int) *image.RGBA {
	n := 4 * w * h
	spare.Lock()
	defer spare.Unlock()
	best := -1
	for i, b := range spare.free {
		if cap(b) >= n && (best < 0 || cap(b) < cap(spare.free[best])) {
			best = i
		}
	}
	var pix []byte
	switch {
	case best >= 0:
		pix = spare.free[best][:n]
		spare.free = append(spare.free[:best], spare.free[best+1:]...)
	case n > 0 && n <= spareBytes:
		if pix = pageAlloc(n); pix != nil {
			if spare.mapped == nil {
				spare.mapped = map[*byte]bool{}
			}
			spare.mapped[&pix[0]] = true
		}
	}
	if pix == nil {
		pix = make([]byte, n)
	}
	return &image.RGBA{Pix: pix, Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
}

// putImage offers img's buffer for a later image; the smallest buffer kept
// gives way to a larger one, and a mapped buffer not kept is unmapped.
// Buffers from Go's heap are left to the collector.
func putImage(img *image.RGBA) {
	b := img.Pix[:0]
	spare.Lock()
	defer spare.Unlock()
	if cap(b) == 0 || !spare.mapped[&b[:1][0]] {
		return
	}
	if len(spare.free) < spareBuffers {
		spare.free = append(spare.free, b)
		return
	}
	small := 0
	for i, f := range spare.free {
		if cap(f) < cap(spare.free[small]) {
			small = i
		}
	}
	if cap(b) > cap(spare.free[small]) {
		b, spare.free[small] = spare.free[small], b
	}
	delete(spare.mapped, &b[:1][0])
	pageFree(b)
}
