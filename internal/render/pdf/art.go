package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math"
	"strconv"
	"sync"
	"sync/atomic"

	"affiches/internal/pdfin"
	"affiches/internal/render/page"
)

// gopdf has no path API, so vector art and plain fills do not go through
// it. Each leaves a marker in the page's content, an empty rectangle far off
// the page whose height numbers a placement, and the post-pass (finish)
// puts the placement's operators in its place.
//
// Art becomes a form XObject. Logos and icons recur in every poster and
// their paths are most of a poster's content, so a form's operators are
// written and compressed once per process and every document copies the
// compressed bytes.

// markerX is the x of markers: no drawing of ours is ever there.
const markerX = -7777

// placement is what a marker stands for: a form drawn into a box, or raw
// operators in page coordinates (a run of fills).
type placement struct {
	form  *form
	box   page.Rect
	pageH float64
	ops   []byte
}

// content returns the operators that replace the placement's marker. A form
// is scaled into its box, in PDF coordinates (y up); name is its resource
// name on the page.
func (p placement) content(name string) []byte {
	var b bytes.Buffer
	b.WriteString("q\n")
	if p.form == nil {
		b.Write(p.ops)
	} else {
		// The scale keeps six decimals: three would move the far edge of a
		// wide piece of art by up to half a point.
		k := strconv.FormatFloat(math.Round(p.box.W/p.form.view.X*1e6)/1e6, 'f', -1, 64)
		fmt.Fprintf(&b, "%s 0 0 %s %s %s cm\n/%s Do\n", k, k, num(p.box.X), num(p.pageH-p.box.Y-p.box.H), name)
	}
	b.WriteString("Q\n")
	return b.Bytes()
}

// form is art as a form XObject: its path operators in the art's own
// units, y up, and their compressed stream, made on first use.
type form struct {
	view page.Point
	ops  []byte
	once sync.Once
	z    []byte

	// imported, when set, is the first page of another PDF (a logo
	// pack's), read by pdfin: its content is ops, its box and resources
	// are written with the form, and its objects after it.
	imported *pdfin.Page
}

func (f *form) deflated() []byte {
	f.once.Do(func() { f.z = deflate(f.ops) })
	return f.z
}

// object writes the form as PDF object n. An imported page's objects are
// numbered from n+1 in the order pdfin reached them (objNum), and written
// by objects.
func (f *form) object(w *bytes.Buffer, n int) {
	z := f.deflated()
	if p := f.imported; p != nil {
		fmt.Fprintf(w, "%d 0 obj\n<<\n/Type /XObject\n/Subtype /Form\n/BBox [%s %s %s %s]\n/Matrix [1 0 0 1 %s %s]\n/Resources ",
			n, num(p.Box[0]), num(p.Box[1]), num(p.Box[2]), num(p.Box[3]), num(-p.Box[0]), num(-p.Box[1]))
		pdfin.Write(w, p.Resources, f.objNum(n))
		fmt.Fprintf(w, "\n/Filter /FlateDecode\n/Length %d\n>>\nstream\n", len(z))
	} else {
		fmt.Fprintf(w, "%d 0 obj\n<<\n/Type /XObject\n/Subtype /Form\n/BBox [0 0 %s %s]\n/Filter /FlateDecode\n/Length %d\n>>\nstream\n",
			n, num(f.view.X), num(f.view.Y), len(z))
	}
	w.Write(z)
	w.WriteString("\nendstream\nendobj\n")
}

// objects is the number of objects an imported page adds after its form.
func (f *form) objects() int {
	if f.imported == nil {
		return 0
	}
	return len(f.imported.Order)
}

// objNum maps an imported page's object numbers to the document's, for
// the form numbered n.
func (f *form) objNum(n int) func(int) int {
	index := make(map[int]int, len(f.imported.Order))
	for i, o := range f.imported.Order {
		index[o] = n + 1 + i
	}
	return func(o int) int {
		if m, ok := index[o]; ok {
			return m
		}
		return 0 // not reached: pdfin collects every reference
	}
}

// writeImported writes the imported page's objects, numbered from n+1, and
// records their offsets.
func (f *form) writeImported(w *bytes.Buffer, n int, offsets []int) {
	if f.imported == nil {
		return
	}
	renum := f.objNum(n)
	for i, o := range f.imported.Order {
		offsets[n+1+i] = w.Len()
		fmt.Fprintf(w, "%d 0 obj\n", n+1+i)
		pdfin.Write(w, f.imported.Objects[o], renum)
		w.WriteString("\nendobj\n")
	}
}

// formCache keeps forms across documents. Keys hold the art's name and
// shape counts; names are made from everything that changes the art
// (channel, language, version, layout, colour).
var formCache sync.Map

type artKey struct {
	name        string
	view        page.Point
	paths, segs int
	first, last page.Point
}

func formOf(a page.Art) *form {
	k := artKey{name: a.Name, view: a.View, paths: len(a.Paths)}
	for _, p := range a.Paths {
		k.segs += len(p.Segs)
	}
	if len(a.Paths) > 0 && len(a.Paths[0].Segs) > 0 {
		k.first = a.Paths[0].Segs[0].Pts[0]
		last := a.Paths[len(a.Paths)-1]
		k.last = last.Segs[len(last.Segs)/2].Pts[0]
	}
	if a.Name != "" {
		if v, ok := formCache.Load(k); ok {
			return v.(*form)
		}
	}
	f := &form{view: a.View, ops: artOps(a)}
	if a.Name != "" && formCacheSize.Add(1) <= maxFormCache {
		v, _ := formCache.LoadOrStore(k, f)
		return v.(*form)
	}
	return f
}

// maxFormCache bounds the cache for long-running processes that see many
// accent colours; past it, art is simply compiled each time.
const maxFormCache = 2048

var formCacheSize atomic.Int64

// artOps writes the art's paths as raw path operators (m l c h, f or f*
// for even-odd) in the art's own units, y up.
func artOps(a page.Art) []byte {
	var ops []byte
	h := a.View.Y
	pt := func(p page.Point) {
		ops = appendNum(ops, p.X)
		ops = append(ops, ' ')
		ops = appendNum(ops, h-p.Y)
		ops = append(ops, ' ')
	}
	for _, p := range a.Paths {
		ops = appendRGB(ops, p.Fill.R, p.Fill.G, p.Fill.B)
		for _, s := range p.Segs {
			switch s.Op {
			case page.MoveTo:
				pt(s.Pts[0])
				ops = append(ops, "m\n"...)
			case page.LineTo:
				pt(s.Pts[0])
				ops = append(ops, "l\n"...)
			case page.CubicTo:
				pt(s.Pts[0])
				pt(s.Pts[1])
				pt(s.Pts[2])
				ops = append(ops, "c\n"...)
			case page.Close:
				ops = append(ops, "h\n"...)
			}
		}
		if p.EvenOdd {
			ops = append(ops, "f*\n"...)
		} else {
			ops = append(ops, "f\n"...)
		}
	}
	return ops
}

// appendRGB appends a fill colour operator.
func appendRGB(b []byte, r, g, bl uint8) []byte {
	for _, c := range [3]uint8{r, g, bl} {
		b = appendNum(b, float64(c)/255)
		b = append(b, ' ')
	}
	return append(b, "rg\n"...)
}

// appendNum appends v rounded to three decimals, trailing zeros dropped:
// in fixed point, as strconv would print it but faster (a poster has
// thousands of numbers).
func appendNum(b []byte, v float64) []byte {
	m := int64(math.Round(v * 1000))
	if m < 0 {
		b = append(b, '-')
		m = -m
	}
	b = strconv.AppendInt(b, m/1000, 10)
	frac := m % 1000
	if frac == 0 {
		return b
	}
	b = append(b, '.', byte('0'+frac/100))
	if frac %= 100; frac != 0 {
		b = append(b, byte('0'+frac/10))
		if frac %= 10; frac != 0 {
			b = append(b, byte('0'+frac))
		}
	}
	return b
}

// deflaters keeps compressors across documents. A sync.Pool would drop
// them at every collection, and rendering a poster allocates enough to
// start about one; a compressor costs more to make than to use.
var deflaters = make(chan *zlib.Writer, 16)

func deflate(data []byte) []byte {
	var z bytes.Buffer
	z.Grow(len(data)/3 + 64)
	var zw *zlib.Writer
	select {
	case zw = <-deflaters:
		zw.Reset(&z)
	default:
		zw, _ = zlib.NewWriterLevel(&z, zlib.BestSpeed)
	}
	zw.Write(data) // into a bytes.Buffer: cannot fail
	zw.Close()
	select {
	case deflaters <- zw:
	default:
	}
	return z.Bytes()
}
