package pdf

import (
	"math"
	"sync"

	"affiches/internal/deflate"
	"affiches/internal/pdfdoc"
	"affiches/internal/text"
)

// Words drawn inside a figure (the guide's small poster) are part of a
// picture, read by the figure's alternative text: they are drawn as
// outlines, not as text that a reader or a search would meet out of place.
// Each glyph is a form XObject of its outline in font units, made once per
// process, and a line draws its glyphs one after the other.

type glyphKey struct {
	font *text.Font
	r    rune
}

// glyph returns the form of r's glyph in font for this document, or 0 when
// the glyph draws nothing (a space).
func (w *writer) glyph(font *text.Font, r rune) pdfdoc.Ref {
	k := glyphKey{font, r}
	if ref, ok := w.glyphs[k]; ok {
		return ref
	}
	var ref pdfdoc.Ref
	if len(glyphOps(k)) > 0 {
		ref = w.f.Alloc()
		w.glyphOrder = append(w.glyphOrder, k)
	}
	w.glyphs[k] = ref
	return ref
}

// glyphCache keeps each glyph's compressed outline for the process.
var glyphCache sync.Map // glyphKey → []byte

// glyphOps returns the compressed content of a glyph's form, nil when the
// glyph has no outline.
func glyphOps(k glyphKey) []byte {
	if z, ok := glyphCache.Load(k); ok {
		return z.([]byte)
	}
	upem := k.font.UnitsPerEm()
	segs := k.font.Outline(string(k.r), upem, 0, 0)
	var z []byte
	if len(segs) > 0 {
		b := []byte("/Figure BMC\n")
		b = appendPath(b, segs, 0, 1)
		b = append(b, "f\nEMC\n"...)
		z = deflate.Bytes(b)
	}
	v, _ := glyphCache.LoadOrStore(k, z)
	return v.([]byte)
}

// glyphForm returns a glyph's form XObject.
func glyphForm(k glyphKey) *pdfdoc.Stream {
	e := math.Ceil(2 * k.font.UnitsPerEm())
	return &pdfdoc.Stream{
		Dict: pdfdoc.Dict{
			"Type":    pdfdoc.Name("XObject"),
			"Subtype": pdfdoc.Name("Form"),
			"BBox":    pdfdoc.Array{pdfdoc.Real(-e), pdfdoc.Real(-e), pdfdoc.Real(e), pdfdoc.Real(e)},
			"Filter":  pdfdoc.Name("FlateDecode"),
		},
		Data: glyphOps(k),
	}
}
