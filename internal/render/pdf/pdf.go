// Package pdf writes display-list pages as PDF through gopdf, the only
// importer of github.com/signintech/gopdf. Text is real text in subset
// TrueType fonts with GPOS kerning; vector art is placed as imported
// one-page PDFs (gopdf has no general path API), so curves and holes stay
// exact. Output is deterministic: no dates, no IDs.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"sync"
	"sync/atomic"

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
		err := r.gp.AddTTFFontDataWithOption(family(f.face), font.Data, gopdf.TtfOption{
			UseKerning: true,
			OnGlyphNotFound: func(c rune) {
				r.fail(fmt.Errorf("pdf: the font %s has no glyph for %q (U+%04X)", font.Name, c, c))
			},
			OnGlyphNotFoundSubstitute: func(c rune) rune { return c },
		})
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

// family names a face's font in the PDF. gopdf uses it as the BaseFont; the
// six-letter tag marks the font as a subset, which it is.
func family(f page.FontFace) string {
	if f == page.Bold {
		return "AFFBLD+AtkinsonHyperlegible-Bold"
	}
	return "AFFREG+AtkinsonHyperlegible-Regular"
}

type renderer struct {
	gp      *gopdf.GoPdf
	fonts   *text.Set
	placed  []placement // art to put in the page content, numbered from 1
	pageH   float64     // the current page's height
	streams []*io.ReadSeeker
	err     error // the first error; drawing stops reporting after it
}

func (r *renderer) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *renderer) Fill(f page.Fill) {
	r.gp.SetFillColor(f.Colour.R, f.Colour.G, f.Colour.B)
	r.gp.RectFromUpperLeftWithStyle(f.X, f.Y, f.W, f.H, "F")
}

func (r *renderer) Text(t page.Text) {
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
	if a.Official != nil {
		r.official(a)
		return
	}
	// gopdf has no path API, and importing art as forms through gofpdi
	// costs a parse and a compressor per form and per document. So the art
	// leaves a marker in the page's content, an empty rectangle far off the
	// page whose height numbers the placement, and the post-pass puts the
	// art's operators, written once per process, in its place.
	r.placed = append(r.placed, placement{ops: compiledOps(a), box: a.Box, view: a.View, pageH: r.pageH})
	r.gp.RectFromUpperLeftWithStyle(markerX, 0, 0, float64(len(r.placed)), "F")
}

// markerX is the x of art markers: no drawing of ours is ever there.
const markerX = -7777

// placement is a piece of art on a page, for the post-pass.
type placement struct {
	ops   []byte
	box   page.Rect
	view  page.Point
	pageH float64
}

// content returns the art's operators placed on the page: scaled into its
// box, in PDF coordinates (y up).
func (p placement) content() []byte {
	k := p.box.W / p.view.X
	var b bytes.Buffer
	fmt.Fprintf(&b, "q\n%s 0 0 %s %s %s cm\n", num(k), num(k), num(p.box.X), num(p.pageH-p.box.Y-p.box.H))
	b.Write(p.ops)
	b.WriteString("Q\n")
	return b.Bytes()
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
	var w, h float64
	var tpl int
	err := func() (err error) {
		// gofpdi panics on PDFs it cannot read.
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("%v", p)
			}
		}()
		rs := new(io.ReadSeeker)
		*rs = bytes.NewReader(o.PDF)
		r.streams = append(r.streams, rs)
		sizes := r.gp.GetStreamPageSizes(rs)
		box := sizes[1]["/MediaBox"]
		w, h = box["w"], box["h"]
		if w <= 0 || h <= 0 {
			return fmt.Errorf("no first page with a MediaBox")
		}
		tpl = r.gp.ImportPageStream(rs, 1, "/MediaBox")
		return nil
	}()
	if err != nil {
		r.fail(fmt.Errorf("pdf: logo pack %s.pdf: %v", o.File, err))
		return
	}
	// Fit, never stretch: the aspect ratio is the artwork's.
	k := min(a.Box.W/w, a.Box.H/h)
	x := a.Box.X + (a.Box.W-w*k)/2
	y := a.Box.Y + (a.Box.H-h*k)/2
	r.gp.UseImportedTemplate(tpl, x, y, w*k, h*k)
}

// artCache keeps the operators of art across documents: logos and icons
// recur in every poster, and writing their paths is a large part of a
// poster's cost. Keys hold the art's name and shape counts; names are made
// from everything that changes the art (channel, language, version,
// layout, colour).
var artCache sync.Map

type artKey struct {
	name        string
	view        page.Point
	paths, segs int
	first, last page.Point
}

func compiledOps(a page.Art) []byte {
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
		if v, ok := artCache.Load(k); ok {
			return v.([]byte)
		}
	}
	ops := artOps(a)
	if a.Name != "" && artCacheSize.Add(1) <= maxArtCache {
		artCache.Store(k, ops)
	}
	return ops
}

// maxArtCache bounds the cache for long-running processes that see many
// accent colours; past it, art is simply compiled each time.
const maxArtCache = 2048

var artCacheSize atomic.Int64

// artOps writes the art's paths as raw path operators (m l c h, f or f*
// for even-odd) in the art's own units, y up.
func artOps(a page.Art) []byte {
	var ops bytes.Buffer
	h := a.View.Y
	for _, p := range a.Paths {
		fmt.Fprintf(&ops, "%s %s %s rg\n", unit(p.Fill.R), unit(p.Fill.G), unit(p.Fill.B))
		for _, s := range p.Segs {
			switch s.Op {
			case page.MoveTo:
				fmt.Fprintf(&ops, "%s %s m\n", num(s.Pts[0].X), num(h-s.Pts[0].Y))
			case page.LineTo:
				fmt.Fprintf(&ops, "%s %s l\n", num(s.Pts[0].X), num(h-s.Pts[0].Y))
			case page.CubicTo:
				fmt.Fprintf(&ops, "%s %s %s %s %s %s c\n",
					num(s.Pts[0].X), num(h-s.Pts[0].Y), num(s.Pts[1].X), num(h-s.Pts[1].Y), num(s.Pts[2].X), num(h-s.Pts[2].Y))
			case page.Close:
				ops.WriteString("h\n")
			}
		}
		if p.EvenOdd {
			ops.WriteString("f*\n")
		} else {
			ops.WriteString("f\n")
		}
	}
	return ops.Bytes()
}

func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

func unit(c uint8) string { return num(float64(c) / 255) }

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
