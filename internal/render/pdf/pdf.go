// Package pdf writes display-list pages as PDF through gopdf, the only
// importer of github.com/signintech/gopdf. Text is real text in subset
// TrueType fonts with GPOS kerning. gopdf has no general path API, so vector
// art becomes form XObjects and fills raw path operators, put in place by a
// post-pass over gopdf's output (art.go, boxes.go); curves and holes stay
// exact. A body's official PDF artwork is read by pdfin (bounded, never
// gofpdi) and placed as a form. Output is deterministic: no dates, no IDs.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sync"

	"affiches/internal/pdfin"
	"affiches/internal/render/page"
	"affiches/internal/text"

	"github.com/signintech/gopdf"
)

// Write renders doc as a PDF onto w.
func Write(w io.Writer, doc *page.Doc, fonts *text.Set) error {
	if len(doc.Pages) == 0 {
		return fmt.Errorf("pdf: no pages")
	}
	r := &renderer{gp: &gopdf.GoPdf{}, fonts: fonts}
	first := doc.Pages[0]
	r.gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: first.W, H: first.H}})
	// Content streams are compressed by the post-pass, which first puts the
	// vector art in them (see Art) and reuses its compressors.
	r.gp.SetNoCompression()
	for _, f := range []struct {
		face page.FontFace
		font *text.Font
	}{{page.Regular, fonts.Regular}, {page.Bold, fonts.Bold}} {
		if !uses(doc, f.face) {
			continue // an unused font would still be embedded
		}
		font := f.font
		fc, err := container(font, family(f.face))
		if err == nil {
			err = r.gp.AddTTFFontFromFontContainer(family(f.face), fc)
		}
		if err != nil {
			return fmt.Errorf("pdf: font %s: %w", font.Name, err)
		}
		// gopdf reads only the legacy kern table; feed it the GPOS pairs.
		err = r.gp.KernOverride(family(f.face), func(l, rr rune, _, _ uint, _ int16) int16 {
			return int16(math.Round(font.KernUnits(l, rr)))
		})
		if err != nil {
			return err
		}
	}
	r.gp.SetInfo(gopdf.PdfInfo{
		Title: doc.Info.Title, Author: doc.Info.Author, Subject: doc.Info.Subject,
		Creator: "affiches", Producer: "affiches",
	})
	for _, p := range doc.Pages {
		opt := gopdf.PageOption{PageSize: &gopdf.Rect{W: p.W, H: p.H}}
		if p.Trim != nil {
			t := p.Trim
			// gopdf writes the box verbatim as [llx lly urx ury].
			opt.TrimBox = &gopdf.Box{Left: t.X, Top: p.H - t.Y - t.H, Right: t.X + t.W, Bottom: p.H - t.Y}
		}
		r.gp.AddPageWithOption(opt)
		r.pageH = p.H
		p.Render(r)
		r.flushFills()
		if r.err != nil {
			return r.err
		}
	}
	var buf bytes.Buffer
	if _, err := r.gp.WriteTo(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	out := buf.Bytes()
	var err error
	if out, err = finish(out, doc, r.placed); err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// containers keeps gopdf's parse of each font for the process: gopdf
// copies it into every document, which otherwise parses the TTF again.
var containers sync.Map // *text.Font → *gopdf.FontContainer

func container(font *text.Font, family string) (*gopdf.FontContainer, error) {
	if fc, ok := containers.Load(font); ok {
		return fc.(*gopdf.FontContainer), nil
	}
	fc := new(gopdf.FontContainer)
	err := fc.AddTTFFontDataWithOption(family, font.Data, gopdf.TtfOption{
		UseKerning:                true,
		OnGlyphNotFoundSubstitute: func(c rune) rune { return c },
	})
	if err != nil {
		return nil, err
	}
	v, _ := containers.LoadOrStore(font, fc)
	return v.(*gopdf.FontContainer), nil
}

// family names a face's font in the PDF. gopdf uses it as the BaseFont; the
// six-letter tag marks the font as a subset, which it is.
func family(f page.FontFace) string {
	if f == page.Bold {
		return "AFFBLD+AtkinsonHyperlegible-Bold"
	}
	return "AFFREG+AtkinsonHyperlegible-Regular"
}

type renderer struct {
	gp         *gopdf.GoPdf
	fonts      *text.Set
	placed     []placement // what to put in the page content, numbered from 1
	fills      []byte      // the pending run of fills (see Fill)
	fillColour [3]uint8
	pageH      float64 // the current page's height
	imports    map[*page.Official]*form
	err        error // the first error; drawing stops reporting after it
}

func (r *renderer) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// Fill adds the rectangle to a run of fills written as raw operators, one
// path per colour: a QR code is hundreds of rectangles, which gopdf would
// write one by one, each in its own graphics state.
func (r *renderer) Fill(f page.Fill) {
	c := [3]uint8{f.Colour.R, f.Colour.G, f.Colour.B}
	if len(r.fills) > 0 && c != r.fillColour {
		r.fills = append(r.fills, "f\n"...)
	}
	if len(r.fills) == 0 || c != r.fillColour {
		r.fills = appendRGB(r.fills, c[0], c[1], c[2])
		r.fillColour = c
	}
	for _, v := range [4]float64{f.X, r.pageH - f.Y - f.H, f.W, f.H} {
		r.fills = appendNum(r.fills, v)
		r.fills = append(r.fills, ' ')
	}
	r.fills = append(r.fills, "re\n"...)
}

// flushFills marks the pending run of fills, before anything drawn over it.
func (r *renderer) flushFills() {
	if len(r.fills) == 0 {
		return
	}
	r.mark(placement{ops: append(r.fills, "f\n"...)})
	r.fills = nil
}

func (r *renderer) Text(t page.Text) {
	r.flushFills()
	// gopdf would put a blank glyph in silently; layouts refuse such text
	// first, this is the last guard.
	if font := r.fonts.Face(t.Face); len(font.Missing(t.S)) > 0 {
		r.fail(fmt.Errorf("pdf: the font %s has no glyph for %q", font.Name, string(font.Missing(t.S))))
		return
	}
	if err := r.gp.SetFont(family(t.Face), "", t.Size); err != nil {
		r.fail(err)
		return
	}
	r.gp.SetTextColor(t.Colour.R, t.Colour.G, t.Colour.B)
	r.gp.SetXY(t.X, t.Y)
	if err := r.gp.Text(t.S); err != nil {
		r.fail(fmt.Errorf("pdf: text %q: %w", t.S, err))
	}
}

func (r *renderer) Link(l page.Link) {
	r.gp.AddExternalLink(l.URL, l.X, l.Y, l.W, l.H)
}

func (r *renderer) Art(a page.Art) {
	r.flushFills()
	if a.Official != nil {
		r.official(a)
		return
	}
	r.mark(placement{form: formOf(a), box: a.Box, pageH: r.pageH})
}

// mark leaves a marker for p in the page content (see art.go).
func (r *renderer) mark(p placement) {
	r.placed = append(r.placed, p)
	r.gp.RectFromUpperLeftWithStyle(markerX, 0, 0, float64(len(r.placed)), "F")
}

// official places a body's own artwork as it is: the first page of its PDF
// as a form, else its PNG, fitted into the box with its aspect ratio kept.
func (r *renderer) official(a page.Art) {
	o := a.Official
	if o.PDF == nil {
		img, err := gopdf.ImageHolderByBytes(o.PNG)
		if err != nil {
			r.fail(fmt.Errorf("pdf: logo pack %s.png: %w", o.File, err))
			return
		}
		if err := r.gp.ImageByHolder(img, a.Box.X, a.Box.Y, &gopdf.Rect{W: a.Box.W, H: a.Box.H}); err != nil {
			r.fail(fmt.Errorf("pdf: logo pack %s.png: %w", o.File, err))
		}
		return
	}
	f := r.imports[o]
	if f == nil {
		p, err := pdfin.FirstPage(o.PDF)
		if err != nil {
			r.fail(fmt.Errorf("pdf: logo pack %s.pdf: %v", o.File, err))
			return
		}
		f = &form{view: page.Point{X: p.Width(), Y: p.Height()}, ops: p.Content, imported: p}
		if r.imports == nil {
			r.imports = map[*page.Official]*form{}
		}
		r.imports[o] = f // placed again, the page is one form in the document
	}
	w, h := f.view.X, f.view.Y
	// Fit, never stretch: the aspect ratio is the artwork's.
	k := min(a.Box.W/w, a.Box.H/h)
	box := page.Rect{X: a.Box.X + (a.Box.W-w*k)/2, Y: a.Box.Y + (a.Box.H-h*k)/2, W: w * k, H: h * k}
	r.mark(placement{form: f, box: box, pageH: r.pageH})
}

func num(v float64) string { return string(appendNum(nil, v)) }

func uses(doc *page.Doc, face page.FontFace) bool {
	for _, p := range doc.Pages {
		for _, e := range p.Elements {
			if t, ok := e.(page.Text); ok && t.Face == face {
				return true
			}
		}
	}
	return false
}
