package pdf

import (
	"cmp"
	"fmt"
	"math"
	"slices"
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
	z, ok := shippedGlyphData(k)
	if !ok {
		if content := glyphContent(k); content != nil {
			z = deflate.Bytes(content)
		}
	}
	var form *pdfdoc.Stream
	if z != nil {
		e := math.Ceil(2 * k.font.UnitsPerEm())
		form = &pdfdoc.Stream{
			Dict: pdfdoc.Dict{
				"Type":    pdfdoc.Name("XObject"),
				"Subtype": pdfdoc.Name("Form"),
				"BBox":    pdfdoc.Array{pdfdoc.Real(-e), pdfdoc.Real(-e), pdfdoc.Real(e), pdfdoc.Real(e)},
				"Filter":  pdfdoc.Name("FlateDecode"),
			},
			Data: z,
		}
	}
	f, _ := glyphForms.LoadOrStore(k, form)
	return f.(*pdfdoc.Stream)
}

// glyphContent returns the content of a glyph's form: its outline in font
// units, marked as k says, or nil for a glyph that draws nothing.
func glyphContent(k glyphKey) []byte {
	segs := k.font.Outline(string(k.r), k.font.UnitsPerEm(), 0, 0)
	if len(segs) == 0 {
		return nil
	}
	b := []byte("/Figure BMC\n")
	if k.kind == asArtifact {
		b = []byte("/Artifact BMC\n")
	}
	b = appendPath(b, segs, 0, 1)
	return append(b, "f\nEMC\n"...)
}

// shippedGlyphData returns the compressed content of a glyph's form as
// glyphs_gen.go ships it (made by TestShippedGlyphs): the glyphs of the
// logos' baselines, in the built-in bold face, marked as a figure's. A
// cold poster's two logos then cost no outline, and no compression of 22
// small streams, which was a tenth of its instructions and a third of a
// millisecond. The data is nil for a glyph that draws nothing.
func shippedGlyphData(k glyphKey) ([]byte, bool) {
	if k.kind != asContent || k.font != text.Fonts().Bold {
		return nil, false
	}
	i, ok := slices.BinarySearchFunc(shippedGlyphs[:], k.r, func(g shippedGlyph, r rune) int { return cmp.Compare(g.r, r) })
	if !ok {
		return nil, false
	}
	if z := shippedGlyphs[i].z; z != "" {
		return []byte(z), true
	}
	return nil, true
}

// shippedGlyph is a glyph's compressed form content, "" when the glyph
// draws nothing.
type shippedGlyph struct {
	r rune
	z string
}
