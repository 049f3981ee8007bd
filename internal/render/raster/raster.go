// Package raster draws display-list pages into images and PNG files through
// gg, the only importer of github.com/fogleman/gg. Text is drawn from the
// same glyph outlines and line breaks as the PDF and SVG, so a preview shows
// exactly what prints. Rectangles snap to whole pixels, which keeps QR
// modules crisp for scanners.
package raster

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"

	"affiches/internal/render/page"
	"affiches/internal/text"

	"github.com/fogleman/gg"
	"golang.org/x/image/draw"
)

// Options control rasterisation.
type Options struct {
	DPI        float64     // pixels per inch; 72 when 0 (one pixel per point)
	Background color.Color // nil: transparent
}

// Render draws p into a new image.
func Render(p *page.Page, fonts *text.Set, opt Options) *image.RGBA {
	dpi := opt.DPI
	if dpi == 0 {
		dpi = 72
	}
	s := dpi / 72
	w, h := int(math.Round(p.W*s)), int(math.Round(p.H*s))
	dc := gg.NewContext(w, h)
	if opt.Background != nil {
		dc.SetColor(opt.Background)
		dc.Clear()
	}
	r := &renderer{dc: dc, s: s, fonts: fonts}
	p.Render(r)
	return dc.Image().(*image.RGBA)
}

type renderer struct {
	dc    *gg.Context
	s     float64
	fonts *text.Set
}

func (r *renderer) Fill(f page.Fill) {
	x0, y0 := math.Round(f.X*r.s), math.Round(f.Y*r.s)
	x1, y1 := math.Round((f.X+f.W)*r.s), math.Round((f.Y+f.H)*r.s)
	if x1 <= x0 || y1 <= y0 {
		return
	}
	r.dc.DrawRectangle(x0, y0, x1-x0, y1-y0)
	r.dc.SetColor(f.Colour)
	r.dc.Fill()
}

func (r *renderer) Art(a page.Art) {
	if a.Official != nil {
		src, err := png.Decode(bytes.NewReader(a.Official.PNG))
		if err != nil {
			return // the pack loader decoded it already
		}
		dst := r.dc.Image().(*image.RGBA)
		rect := image.Rect(int(math.Round(a.Box.X*r.s)), int(math.Round(a.Box.Y*r.s)), int(math.Round((a.Box.X+a.Box.W)*r.s)), int(math.Round((a.Box.Y+a.Box.H)*r.s)))
		draw.CatmullRom.Scale(dst, rect, src, src.Bounds(), draw.Over, nil)
		return
	}
	k := a.Scale() * r.s
	for _, p := range a.Paths {
		r.path(p.Segs, k, a.Box.X*r.s, a.Box.Y*r.s, p.EvenOdd, p.Fill)
	}
}

func (r *renderer) Text(t page.Text) {
	segs := r.fonts.Face(t.Face).Outline(t.S, t.Size, t.X, t.Y)
	r.path(segs, r.s, 0, 0, false, t.Colour)
}

// Link does nothing: an image has no links.
func (r *renderer) Link(page.Link) {}

func (r *renderer) path(segs []page.Seg, k, dx, dy float64, evenOdd bool, fill color.RGBA) {
	if len(segs) == 0 {
		return
	}
	dc := r.dc
	x := func(p page.Point) float64 { return p.X*k + dx }
	y := func(p page.Point) float64 { return p.Y*k + dy }
	for _, s := range segs {
		switch s.Op {
		case page.MoveTo:
			dc.NewSubPath()
			dc.MoveTo(x(s.Pts[0]), y(s.Pts[0]))
		case page.LineTo:
			dc.LineTo(x(s.Pts[0]), y(s.Pts[0]))
		case page.CubicTo:
			dc.CubicTo(x(s.Pts[0]), y(s.Pts[0]), x(s.Pts[1]), y(s.Pts[1]), x(s.Pts[2]), y(s.Pts[2]))
		case page.Close:
			dc.ClosePath()
		}
	}
	if evenOdd {
		dc.SetFillRuleEvenOdd()
	} else {
		dc.SetFillRuleWinding()
	}
	dc.SetColor(fill)
	dc.Fill()
}

// WritePNG encodes img as a PNG with a pHYs chunk giving its resolution, so
// print shops and image editors see the intended size.
func WritePNG(w io.Writer, img image.Image, dpi float64) error {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return err
	}
	b := buf.Bytes()
	if dpi <= 0 {
		_, err := w.Write(b)
		return err
	}
	// Insert pHYs right after IHDR (8-byte signature + 25-byte IHDR chunk).
	const ihdrEnd = 8 + 25
	ppm := uint32(math.Round(dpi / 0.0254))
	chunk := make([]byte, 0, 21)
	chunk = binary.BigEndian.AppendUint32(chunk, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = append(chunk, 1) // unit: metre
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	for _, part := range [][]byte{b[:ihdrEnd], chunk, b[ihdrEnd:]} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}
