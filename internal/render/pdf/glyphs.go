package pdf

import (
	"fmt"
	"math"
	"sync"

	"affiches/internal/deflate"
	"affiches/internal/pdfdoc"
	"affiches/internal/render/page"
	"affiches/internal/text"
)

// Words drawn inside a figure (the guide's small poster) or in art (a
// logo's baseline) are part of a picture, read by the figure's alternative
// text: they are drawn as outlines, not as text that a reader or a search
// would meet out of place. Each glyph is a form XObject of its outline in
// font units, made once per process, and a line draws its glyphs one after
// the other. A logo's baseline repeats its letters, and a poster's two
// logos share most of them: as forms, each outline is written once.

type glyphKey struct {
	font *text.Font
	r    rune
	kind int // how the form's content is marked: asContent or asArtifact
}

// outline draws t's glyphs as forms marked as kind, adding them to the
// page's XObjects.
func (w *writer) outline(c *content, t page.Text, kind int, xobjects pdfdoc.Dict) error {
	font := w.fonts.Face(t.Face)
	if m := font.Missing(t.S); len(m) > 0 {
		return fmt.Errorf("pdf: the font %s has no glyph for %q", font.Name, string(m))
	}
	c.outline(t, font, func(r rune) pdfdoc.Name {
		g := w.glyph(glyphKey{font, r, kind})
		if g.ref != 0 {
			xobjects[g.name] = g.ref
		}
		return g.name
	})
	return nil
}

// glyphUse is a glyph's form in one document: its object and resource
// name, or none when the glyph draws nothing (a space).
type glyphUse struct {
	ref  pdfdoc.Ref
	name pdfdoc.Name
}

// glyph returns the form of a glyph for this document.
func (w *writer) glyph(k glyphKey) glyphUse {
	if g, ok := w.glyphs[k]; ok {
		return g
	}
	var g glyphUse
	if glyphForm(k) != nil {
		g.ref = w.f.Alloc()
		g.name = pdfdoc.Name(fmt.Sprintf("G%d", g.ref))
		w.glyphOrder = append(w.glyphOrder, k)
	}
	w.glyphs[k] = g
	return g
}

// glyphForms keeps each glyph's form for the process: documents share the
// stream, which writing does not change.
var glyphForms sync.Map // glyphKey → *pdfdoc.Stream, nil for a blank glyph

// glyphForm returns a glyph's form XObject, nil when the glyph has no
// outline.
func glyphForm(k glyphKey) *pdfdoc.Stream {
	if f, ok := glyphForms.Load(k); ok {
		return f.(*pdfdoc.Stream)
	}
	upem := k.font.UnitsPerEm()
	segs := k.font.Outline(string(k.r), upem, 0, 0)
	var form *pdfdoc.Stream
	if len(segs) > 0 {
		b := []byte("/Figure BMC\n")
		if k.kind == asArtifact {
			b = []byte("/Artifact BMC\n")
		}
		b = appendPath(b, segs, 0, 1)
		b = append(b, "f\nEMC\n"...)
		e := math.Ceil(2 * upem)
		form = &pdfdoc.Stream{
			Dict: pdfdoc.Dict{
				"Type":    pdfdoc.Name("XObject"),
				"Subtype": pdfdoc.Name("Form"),
				"BBox":    pdfdoc.Array{pdfdoc.Real(-e), pdfdoc.Real(-e), pdfdoc.Real(e), pdfdoc.Real(e)},
				"Filter":  pdfdoc.Name("FlateDecode"),
			},
			Data: deflate.Bytes(b),
		}
	}
	f, _ := glyphForms.LoadOrStore(k, form)
	return f.(*pdfdoc.Stream)
}
