package raster

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"io"
	"math"
	"sync"

	"affiches/internal/deflate"
)

// WritePNG encodes img as a PNG with a pHYs chunk giving its resolution
// (none when dpi is 0), so print shops and image editors see the intended
// size. An opaque image is written as RGB, any other as RGBA.
//
// Rows go unfiltered, deflated at the fastest level: our pictures are flat
// colours and antialiased edges, where PNG's filters make the data larger,
// and image/png's trial of five filters a row was a quarter of a poster's
// cost.
func WritePNG(w io.Writer, img *image.RGBA, dpi float64) error {
	b := img.Bounds()
	if b.Empty() {
		return fmt.Errorf("png: %d × %d pixels: nothing to encode", b.Dx(), b.Dy())
	}
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	e.w, e.err = w, nil
	defer func() { e.w = nil }()

	opaque := isOpaque(img)
	ctype := byte(6) // RGBA
	if opaque {
		ctype = 2 // RGB
	}
	e.buf = append(e.buf[:0], pngHeader...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(b.Dx()))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(b.Dy()))
	ihdr[8], ihdr[9] = 8, ctype // bit depth; compression, filter and interlace methods stay 0
	e.chunk("IHDR", ihdr[:])
	if dpi > 0 {
		var phys [9]byte
		ppm := uint32(math.Round(dpi / 0.0254))
		binary.BigEndian.PutUint32(phys[0:], ppm)
		binary.BigEndian.PutUint32(phys[4:], ppm)
		phys[8] = 1 // unit: metre
		e.chunk("pHYs", phys[:])
	}
	e.flush()

	zw := deflate.NewWriter(idatWriter{e})
	row := e.row[:0]
	for y := b.Min.Y; y < b.Max.Y && e.err == nil; y++ {
		src := img.Pix[img.PixOffset(b.Min.X, y):img.PixOffset(b.Max.X, y)]
		row = append(row[:0], 0) // filter: none
		if opaque {
			row = appendRGB(row, src)
		} else {
			row = appendNRGBA(row, src)
		}
		if _, err := zw.Write(row); err != nil && e.err == nil {
			e.err = err
		}
	}
	e.row = row
	if err := zw.Close(); err != nil && e.err == nil {
		e.err = err
	}
	e.idat() // what the deflater wrote last
	e.chunk("IEND", nil)
	e.flush()
	return e.err
}

const pngHeader = "\x89PNG\r\n\x1a\n"

// isOpaque reports whether every pixel of img is opaque, like
// img.Opaque but two pixels at a time.
func isOpaque(img *image.RGBA) bool {
	const alphas = 0xff000000_ff000000
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):img.PixOffset(b.Max.X, y)]
		for ; len(row) >= 8; row = row[8:] {
			if binary.LittleEndian.Uint64(row)&alphas != alphas {
				return false
			}
		}
		if len(row) == 4 && row[3] != 0xff {
			return false
		}
	}
	return true
}

// appendRGB appends the RGB of each pixel of src (RGBA, opaque).
func appendRGB(dst, src []byte) []byte {
	for ; len(src) >= 4; src = src[4:] {
		dst = append(dst, src[0], src[1], src[2])
	}
	return dst
}

// appendNRGBA appends src's premultiplied pixels as PNG's straight alpha,
// with the arithmetic of image/png (which wrote before), so colours match
// to the bit.
func appendNRGBA(dst, src []byte) []byte {
	for ; len(src) >= 4; src = src[4:] {
		switch a := src[3]; a {
		case 0:
			dst = append(dst, 0, 0, 0, 0)
		case 0xff:
			dst = append(dst, src[0], src[1], src[2], 0xff)
		default:
			const m = 0x101 * 0xffff
			a := uint32(a) * 0x101
			dst = append(dst, uint8(uint32(src[0])*m/a>>8), uint8(uint32(src[1])*m/a>>8), uint8(uint32(src[2])*m/a>>8), src[3])
		}
	}
	return dst
}

// encoders keeps encoders' buffers between images (package deflate keeps
// the deflaters).
var encoders = sync.Pool{New: func() any { return new(encoder) }}

// An encoder gathers the PNG's bytes in buf and writes them to w in
// pieces; IDAT chunks are at most idatSize bytes of deflated data.
type encoder struct {
	w   io.Writer
	err error  // the first write error; later writes are skipped
	buf []byte // pending output: whole chunks, or deflated data for the next IDAT
	row []byte // one filtered row
}

const idatSize = 1 << 16

// chunk appends a chunk to e.buf.
func (e *encoder) chunk(name string, data []byte) {
	start := len(e.buf)
	e.buf = binary.BigEndian.AppendUint32(e.buf, uint32(len(data)))
	e.buf = append(e.buf, name...)
	e.buf = append(e.buf, data...)
	e.buf = binary.BigEndian.AppendUint32(e.buf, crc32.ChecksumIEEE(e.buf[start+4:]))
}

// flush writes out e.buf.
func (e *encoder) flush() {
	if e.err == nil {
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
}

// idatWriter takes the deflater's output and cuts it into IDAT chunks.
type idatWriter struct{ e *encoder }

func (iw idatWriter) Write(p []byte) (int, error) {
	e := iw.e
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), idatSize-len(e.buf))
		e.buf = append(e.buf, p[:k]...)
		p = p[k:]
		if len(e.buf) == idatSize {
			e.idat()
		}
	}
	return n, e.err
}

// idat writes the pending deflated data as one IDAT chunk.
func (e *encoder) idat() {
	if len(e.buf) == 0 {
		return
	}
	data := e.buf
	var head [8]byte
	binary.BigEndian.PutUint32(head[0:], uint32(len(data)))
	copy(head[4:], "IDAT")
	crc := crc32.Update(crc32.ChecksumIEEE(head[4:]), crc32.IEEETable, data)
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], crc)
	for _, part := range [][]byte{head[:], data, tail[:]} {
		if e.err == nil {
			_, e.err = e.w.Write(part)
		}
	}
	e.buf = e.buf[:0]
}
