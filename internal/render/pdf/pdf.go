// Package pdf writes display-list documents as tagged PDF (PDF/UA-1), and
// as PDF/A-2a too when asked, on the object layer of package pdfdoc.
//
// Text is real text in TrueType subsets (package ttf) with GPOS kerning and
// a complete ToUnicode map. Vector art is a form XObject, compressed once
// per process (art.go). A body's official artwork is its PDF's first page,
// read within bounds by package pdfin, placed as a form (official.go).
//
// The structure tree comes from the pages' blocks (tag.go): their reading
// order, roles, languages and alternative texts; every drawing is marked
// content of its block's structure element, or an artifact (content.go).
// Output is deterministic: no dates, and an ID made from the content.
package pdf

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"affiches/internal/pdfdoc"
	"affiches/internal/render/page"
	"affiches/internal/text"
)

// Options says what a PDF declares beyond PDF/UA-1. The zero value is a
// tagged PDF/UA-1 file.
type Options struct {
	// Archival makes the file PDF/A-2a as well, for documents that are
	// archived (letters, forms): an sRGB output intent and the PDF/A
	// declaration in the metadata.
	Archival bool
}

// Write renders doc as a PDF onto w.
func Write(w io.Writer, doc *page.Doc, fonts *text.Set, opt Options) error {
	if len(doc.Pages) == 0 {
		return fmt.Errorf("pdf: no pages")
	}
	t, err := buildTags(doc)
	if err != nil {
		return err
	}
	wr := &writer{
		f: &pdfdoc.File{ObjectStreams: true}, fonts: fonts, tags: t,
		forms:    map[formUse]pdfdoc.Ref{},
		glyphs:   map[glyphKey]glyphUse{},
		official: map[officialKey]*imported{},
	}
	f := wr.f
	catalog := f.Alloc()
	pagesRef := f.Alloc()
	pages := make([]pdfdoc.Ref, len(doc.Pages))
	for i := range pages {
		pages[i] = f.Alloc()
	}
	wr.pages = pages
	pageMCIDs := make([][]*elem, len(doc.Pages))
	for pi, p := range doc.Pages {
		mcids, err := wr.page(pi, p, pagesRef)
		if err != nil {
			return err
		}
		pageMCIDs[pi] = mcids
	}
	for _, u := range wr.faces {
		if u != nil {
			if err := u.write(f); err != nil {
				return err
			}
		}
	}
	for _, fu := range wr.formOrder {
		f.SetStream(wr.forms[fu], fu.form.object(fu.kind))
	}
	for _, g := range wr.glyphOrder {
		f.SetStream(wr.glyphs[g].ref, glyphForm(g))
	}
	for _, im := range wr.officialOrder {
		if im.alreadySet {
			continue
		}
		if err := writeImported(f, im); err != nil {
			return fmt.Errorf("pdf: logo pack: %w", err)
		}
	}
	kids := make(pdfdoc.Array, len(pages))
	for i, p := range pages {
		kids[i] = p
	}
	f.SetPlain(pagesRef, pdfdoc.Dict{"Type": pdfdoc.Name("Pages"), "Kids": kids, "Count": pdfdoc.Int(len(pages))})
	lang := doc.Info.Lang
	if lang == "" {
		lang = "en"
	}
	structRoot := writeTags(f, t, pages, pageMCIDs, wr.annots, len(doc.Pages), lang)

	info := doc.Info
	id := pdfdoc.Dict{"Title": pdfdoc.Text(info.Title), "Creator": pdfdoc.Text(producer), "Producer": pdfdoc.Text(producer)}
	if info.Author != "" {
		id["Author"] = pdfdoc.Text(info.Author)
	}
	if info.Subject != "" {
		id["Subject"] = pdfdoc.Text(info.Subject)
	}
	f.Info = f.Alloc()
	f.SetPlain(f.Info, id)
	cat := pdfdoc.Dict{
		"Type":              pdfdoc.Name("Catalog"),
		"Pages":             pagesRef,
		"Lang":              pdfdoc.Text(lang),
		"MarkInfo":          pdfdoc.Dict{"Marked": pdfdoc.Bool(true)},
		"StructTreeRoot":    structRoot,
		"ViewerPreferences": pdfdoc.Dict{"DisplayDocTitle": pdfdoc.Bool(true)},
		"Metadata": f.AddStream(&pdfdoc.Stream{
			Dict: pdfdoc.Dict{"Type": pdfdoc.Name("Metadata"), "Subtype": pdfdoc.Name("XML")},
			Data: xmp(info, lang, opt.Archival),
		}),
	}
	if opt.Archival {
		cat["OutputIntents"] = pdfdoc.Array{outputIntent(f)}
	}
	f.SetPlain(catalog, cat)
	f.Root = catalog
	_, err = f.WriteTo(w)
	return err
}

// producer names affiches as the creator and producer of every PDF.
const producer = "affiches"

// writer is the state of one document being written.
type writer struct {
	f     *pdfdoc.File
	fonts *text.Set
	tags  *tags
	pages []pdfdoc.Ref
	faces [2]*faceUse // regular, bold, when used

	forms     map[formUse]pdfdoc.Ref
	formOrder []formUse

	official      map[officialKey]*imported
	officialOrder []*imported

	annots []*elem // by annotation: its Link element

	glyphs     map[glyphKey]glyphUse // glyphs drawn as forms
	glyphOrder []glyphKey
}

// formUse is a form marked one way.
type formUse struct {
	form *form
	kind int
}

// face returns the document's use of a font face.
func (w *writer) face(ff page.FontFace) (*faceUse, error) {
	i := 0
	if ff == page.Bold {
		i = 1
	}
	if w.faces[i] == nil {
		u, err := newFaceUse(w.fonts.Face(ff), fontName(ff), w.f.Alloc())
		if err != nil {
			return nil, err
		}
		w.faces[i] = u
	}
	return w.faces[i], nil
}

// page writes page pi and returns the structure element of each of its
// MCIDs.
func (w *writer) page(pi int, p *page.Page, parent pdfdoc.Ref) ([]*elem, error) {
	owner := make([]int, len(p.Elements))
	for i := range owner {
		owner[i] = -1
	}
	for bi, b := range p.Blocks {
		if b.From < 0 || b.To > len(p.Elements) || b.From > b.To {
			return nil, fmt.Errorf("pdf: page %d: block %q has elements %d:%d of %d", pi+1, b.Name, b.From, b.To, len(p.Elements))
		}
		for i := b.From; i < b.To; i++ {
			if owner[i] >= 0 {
				return nil, fmt.Errorf("pdf: page %d: element %d is in blocks %q and %q", pi+1, i, p.Blocks[owner[i]].Name, b.Name)
			}
			owner[i] = bi
		}
	}
	buf := contentBufs.Get().(*[]byte)
	c := &content{pageH: p.H, want: -1, b: (*buf)[:0]}
	var mcids []*elem
	seqElem := map[int]int{} // block → its MCID
	fonts := pdfdoc.Dict{}
	xobjects := pdfdoc.Dict{}
	var annots pdfdoc.Array
	cur := -1
	for i, e := range p.Elements {
		bi := owner[i]
		if bi < 0 {
			return nil, fmt.Errorf("pdf: page %d: element %d (%T) belongs to no block: a reader would not know what it is", pi+1, i, e)
		}
		content := w.tags.content[pi][bi]
		if bi != cur {
			cur = bi
			if content == nil {
				c.block(bi, "", -1)
			} else {
				mcid, ok := seqElem[bi]
				if !ok {
					mcid = len(mcids)
				}
				c.block(bi, content.typ, mcid)
			}
		}
		// The MCID belongs to the element once something is drawn.
		claim := func() {
			if content == nil {
				return
			}
			if _, ok := seqElem[bi]; !ok {
				seqElem[bi] = len(mcids)
				mcids = append(mcids, w.tags.claim(pi, bi, len(mcids)))
			}
		}
		switch e := e.(type) {
		case page.Fill:
			claim()
			c.fill(e)
		case page.Modules:
			claim()
			c.modules(e)
		case page.Text:
			if content != nil && content.typ == "Figure" {
				// A figure is a picture, read by its alternative text:
				// words drawn in it (the guide's small poster) are
				// outlines, not text a reader would meet out of place.
				claim()
				if err := w.outline(c, e, asContent, xobjects); err != nil {
					return nil, err
				}
				continue
			}
			u, err := w.face(e.Face)
			if err != nil {
				return nil, err
			}
			claim()
			if err := c.text(e, u, lineBreaksAtSpace(p.Elements, i, owner)); err != nil {
				return nil, err
			}
			fonts[u.name] = u.ref
		case page.Art:
			claim()
			kind := asContent
			if content == nil {
				kind = asArtifact
			}
			if e.Official != nil {
				im, err := w.officialOf(e, kind == asArtifact)
				if err != nil {
					return nil, err
				}
				// Fit, never stretch: the aspect ratio is the artwork's.
				k := min(e.Box.W/im.w, e.Box.H/im.h)
				x := e.Box.X + (e.Box.W-im.w*k)/2
				y := e.Box.Y + (e.Box.H-im.h*k)/2
				if im.image {
					c.draw(im.name, im.w*k, im.h*k, x, p.H-y-im.h*k)
				} else {
					c.draw(im.name, k, k, x, p.H-y-im.h*k)
				}
				xobjects[im.name] = im.ref
				continue
			}
			k := e.Box.W / e.View.X
			if len(e.Paths) > 0 {
				fu := formUse{formOf(e), kind}
				ref, ok := w.forms[fu]
				if !ok {
					ref = w.f.Alloc()
					w.forms[fu] = ref
					w.formOrder = append(w.formOrder, fu)
				}
				name := pdfdoc.Name(fmt.Sprintf("AffArt%d", ref))
				c.draw(name, k, k, e.Box.X, p.H-e.Box.Y-e.Box.H)
				xobjects[name] = ref
			}
			for _, t := range e.Text {
				t.X, t.Y, t.Size = e.Box.X+t.X*k, e.Box.Y+t.Y*k, t.Size*k
				if err := w.outline(c, t, kind, xobjects); err != nil {
					return nil, err
				}
			}
		case page.Link:
			link := w.tags.links[pi][bi]
			if link == nil {
				return nil, fmt.Errorf("pdf: page %d: a link in artifact %q", pi+1, p.Blocks[bi].Name)
			}
			ref := w.f.Add(pdfdoc.Dict{
				"Type":         pdfdoc.Name("Annot"),
				"Subtype":      pdfdoc.Name("Link"),
				"Rect":         pdfdoc.Array{pdfdoc.Real(e.X), pdfdoc.Real(p.H - e.Y - e.H), pdfdoc.Real(e.X + e.W), pdfdoc.Real(p.H - e.Y)},
				"Border":       pdfdoc.Array{pdfdoc.Int(0), pdfdoc.Int(0), pdfdoc.Int(0)},
				"F":            pdfdoc.Int(4), // print
				"A":            pdfdoc.Dict{"S": pdfdoc.Name("URI"), "URI": uri(e.URL)},
				"Contents":     pdfdoc.Text(strings.TrimPrefix(e.URL, "mailto:")),
				"StructParent": pdfdoc.Int(len(w.pages) + len(w.annots)),
			})
			link.kids = append(link.kids, kid{page: pi, annot: ref})
			w.annots = append(w.annots, link)
			annots = append(annots, ref)
		}
	}
	c.end()

	res := pdfdoc.Dict{}
	if len(fonts) > 0 {
		res["Font"] = fonts
	}
	if len(xobjects) > 0 {
		res["XObject"] = xobjects
	}
	box := func(r page.Rect) pdfdoc.Array {
		return pdfdoc.Array{pdfdoc.Real(r.X), pdfdoc.Real(p.H - r.Y - r.H), pdfdoc.Real(r.X + r.W), pdfdoc.Real(p.H - r.Y)}
	}
	d := pdfdoc.Dict{
		"Type":      pdfdoc.Name("Page"),
		"Parent":    parent,
		"MediaBox":  box(page.Rect{W: p.W, H: p.H}),
		"Resources": res,
		"Contents":  w.f.AddStream(pdfdoc.Flate(nil, c.b)),
	}
	*buf = c.b[:0] // compressed into the stream: the operators' buffer serves the next page
	contentBufs.Put(buf)
	if p.Trim != nil {
		d["TrimBox"] = box(*p.Trim)
	}
	if p.Bleed != nil {
		d["BleedBox"] = box(*p.Bleed)
	}
	if len(annots) > 0 {
		d["Annots"] = annots
		d["Tabs"] = pdfdoc.Name("S") // annotations in structure order
	}
	if len(mcids) > 0 {
		d["StructParents"] = pdfdoc.Int(pi)
	}
	w.f.SetPlain(w.pages[pi], d)
	return mcids, nil
}

// lineBreaksAtSpace says whether text element i is a line that ended at a
// space the line break took: the next text is the next line of the same
// block, and neither this line ends nor that one starts where the text
// package breaks words without a space (URLs, e-mail addresses and
// compound words: after a hyphen or a slash, before . / - _ ? # % ~ = & @).
// A reader then needs the space back, or the two words run together.
func lineBreaksAtSpace(els []page.Element, i int, owner []int) bool {
	t := els[i].(page.Text)
	var next page.Text
	for j := i + 1; ; j++ {
		if j >= len(els) || owner[j] != owner[i] {
			return false
		}
		var ok bool
		if next, ok = els[j].(page.Text); ok {
			break // (a field's highlight comes before its text)
		}
	}
	if next.Y == t.Y || t.S == "" || next.S == "" {
		return false
	}
	if strings.ContainsRune("-/=&", rune(t.S[len(t.S)-1])) {
		return false
	}
	return !strings.ContainsRune("/.-_?#%~=&@", rune(next.S[0]))
}

// uri returns a URL as the ASCII string a URI action holds, other bytes
// percent-encoded.
func uri(u string) pdfdoc.Object {
	b := make([]byte, 0, len(u))
	for i := 0; i < len(u); i++ {
		if c := u[i]; c <= ' ' || c >= 0x7F {
			b = append(b, '%', hexDigits[c>>4], hexDigits[c&15])
		} else {
			b = append(b, c)
		}
	}
	return pdfdoc.Raw(pdfdoc.AppendLiteral(nil, b))
}

// contentBufs keeps content streams' buffers between pages: a poster's
// operators are some 60 KB, grown by doubling each time otherwise.
var contentBufs = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}
