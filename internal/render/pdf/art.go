package pdf

import (
	"math"
	"sync"
	"sync/atomic"

	"affiches/internal/deflate"
	"affiches/internal/pdfdoc"
	"affiches/internal/render/page"
)

// Art's paths become a form XObject, drawn into its box by the page (its
// lines of text are glyph forms, glyphs.go). Logos and icons recur in
// every poster, so a form's operators are written and compressed once per
// process and every document copies the compressed bytes.
//
// A form's content is marked as a whole: /Artifact when the form is drawn
// as decoration, else a plain marked-content sequence; the page's
// marked-content sequence around the Do operator (tagged with the figure's
// MCID, or an artifact) is what places it in the structure, and a form has
// no MCID of its own, so the same form can be drawn twice.

// form is art as a form XObject: its path operators in the art's own
// units, y up, and their compressed streams (one per marking), made on
// first use.
type form struct {
	view page.Point
	ops  []byte
	once [2]sync.Once
	z    [2][]byte
}

// The markings of a form's content.
const (
	asContent  = 0
	asArtifact = 1
)

// deflated returns the form's stream data marked as kind.
func (f *form) deflated(kind int) []byte {
	f.once[kind].Do(func() {
		tag := "/Figure BMC\n"
		if kind == asArtifact {
			tag = "/Artifact BMC\n"
		}
		data := make([]byte, 0, len(tag)+len(f.ops)+4)
		data = append(append(append(data, tag...), f.ops...), "EMC\n"...)
		f.z[kind] = deflate.Bytes(data)
	})
	return f.z[kind]
}

// object returns the form as a stream object marked as kind.
func (f *form) object(kind int) *pdfdoc.Stream {
	return &pdfdoc.Stream{
		Dict: pdfdoc.Dict{
			"Type":    pdfdoc.Name("XObject"),
			"Subtype": pdfdoc.Name("Form"),
			"BBox":    pdfdoc.Array{pdfdoc.Int(0), pdfdoc.Int(0), pdfdoc.Real(f.view.X), pdfdoc.Real(f.view.Y)},
			"Filter":  pdfdoc.Name("FlateDecode"),
		},
		Data: f.deflated(kind),
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

// appendPath appends segs as path operators (m l c h) with y flipped
// about h (PDF's y goes up) and coordinates to decimals.
func appendPath(b []byte, segs []page.Seg, h float64, decimals int) []byte {
	pt := func(p page.Point) {
		b = pdfdoc.AppendNum(b, p.X, decimals)
		b = append(b, ' ')
		b = pdfdoc.AppendNum(b, h-p.Y, decimals)
		b = append(b, ' ')
	}
	for _, s := range segs {
		switch s.Op {
		case page.MoveTo:
			pt(s.Pts[0])
			b = append(b, "m\n"...)
		case page.LineTo:
			pt(s.Pts[0])
			b = append(b, "l\n"...)
		case page.CubicTo:
			pt(s.Pts[0])
			pt(s.Pts[1])
			pt(s.Pts[2])
			b = append(b, "c\n"...)
		case page.Close:
			b = append(b, "h\n"...)
		}
	}
	return b
}

// artOps writes the art's paths as raw path operators (m l c h, f or f*
// for even-odd) in the art's own units, y up. Coordinates keep the
// decimals that matter at 1/4000 of the art's width: a logo's outlines,
// hundreds of units wide, are written to a tenth of a unit (a twentieth of
// a point on a poster), which halves them.
func artOps(a page.Art) []byte {
	decimals := 3
	if a.View.X > 0 {
		decimals = int(math.Max(0, math.Min(3, math.Ceil(math.Log10(40000/a.View.X)))))
	}
	// Sized for the longest segment (three points of two numbers): the
	// slice then never grows, and the pages it does not use are never
	// touched.
	n := 0
	for _, p := range a.Paths {
		n += 16 + len(p.Segs)*(6*(decimals+6)+3)
	}
	ops := make([]byte, 0, n)
	var fill [3]uint8
	for i, p := range a.Paths {
		if c := [3]uint8{p.Fill.R, p.Fill.G, p.Fill.B}; i == 0 || c != fill {
			ops = appendRGB(ops, c)
			fill = c
		}
		ops = appendPath(ops, p.Segs, a.View.Y, decimals)
		if p.EvenOdd {
			ops = append(ops, "f*\n"...)
		} else {
			ops = append(ops, "f\n"...)
		}
	}
	return ops
}

// appendRGB appends a fill colour operator.
func appendRGB(b []byte, c [3]uint8) []byte {
	for _, v := range c {
		b = pdfdoc.AppendNum(b, float64(v)/255, 3)
		b = append(b, ' ')
	}
	return append(b, "rg\n"...)
}
