package pdf

import (
	"fmt"
	"math"
	"strconv"

	"affiches/internal/pdfdoc"
	"affiches/internal/render/page"
)

// The structure tree is built from the pages' blocks, which come in reading
// order with a role each:
//
//	Document
//	  Sect (a group: one language's column of a poster, the footer)
//	    H1, H2, P, Figure (with Alt)
//	    L > LI > LBody       consecutive list items of a group; a paragraph
//	                         between two items continues the first (a
//	                         phone number's opening hours)
//	    Table > TR > TH, TD  consecutive cells, a row per line of cells
//	    P > Link             a link block; any block with a link annotation
//	                         puts its content and the annotation in a Link
//	                         (a figure inside it: Link > Figure)
//
// Artifacts stay out of the tree. Every element whose language is not the
// one it inherits carries /Lang; a group whose blocks share a language
// carries it once.

// elem is a structure element.
type elem struct {
	typ    string
	lang   string // the language of its block, or a group's common language
	alt    string
	scope  string // TH: the header's scope
	parent *elem
	kids   []kid
	group  string  // Sect: the group it gathers
	rowY   float64 // TR: the top of its cells
	rowPg  int     // TR: their page
	mixed  bool    // Sect: its blocks have several languages
	ref    pdfdoc.Ref
}

// kid is a child of an element: an element, a marked-content sequence on a
// page, or an annotation.
type kid struct {
	e     *elem
	page  int
	mcid  int        // when e is nil and annot is 0
	annot pdfdoc.Ref // an annotation (OBJR)
}

func (e *elem) add(k *elem) *elem {
	k.parent = e
	e.kids = append(e.kids, kid{e: k})
	return k
}

// last returns the last child element of e, or nil.
func (e *elem) last() *elem {
	if len(e.kids) == 0 {
		return nil
	}
	return e.kids[len(e.kids)-1].e
}

// tags is the structure of a document and where each block's content and
// links go in it.
type tags struct {
	root    *elem
	content [][]*elem // by page and block: the element of its marked content, nil for artifacts
	slot    [][]int   // by page and block: where its MCID goes among the element's kids
	links   [][]*elem // by page and block: the element of its annotations
}

// blockRef names a block of a document.
type blockRef struct{ page, block int }

func buildTags(doc *page.Doc) (*tags, error) {
	n := len(doc.Pages)
	t := &tags{root: &elem{typ: "Document"}, content: make([][]*elem, n), slot: make([][]int, n), links: make([][]*elem, n)}
	var flat []blockRef
	for pi, p := range doc.Pages {
		t.content[pi] = make([]*elem, len(p.Blocks))
		t.slot[pi] = make([]int, len(p.Blocks))
		t.links[pi] = make([]*elem, len(p.Blocks))
		for bi, b := range p.Blocks {
			if b.Role != page.Artifact {
				flat = append(flat, blockRef{pi, bi})
			}
		}
	}
	block := func(r blockRef) page.Block { return doc.Pages[r.page].Blocks[r.block] }
	for k, r := range flat {
		b := block(r)
		container := t.root
		if b.Group != "" {
			if s := t.root.last(); s != nil && s.typ == "Sect" && s.group == b.Group {
				container = s
			} else {
				container = t.root.add(&elem{typ: "Sect", group: b.Group, lang: b.Lang})
			}
			if b.Lang != container.lang {
				container.mixed = true
			}
		}
		var e *elem
		switch b.Role {
		case page.Heading1, page.Heading2, page.Paragraph:
			// A paragraph between two items of a list continues the first.
			if l := container.last(); b.Role == page.Paragraph && l != nil && l.typ == "L" && k > 0 && k+1 < len(flat) &&
				block(flat[k-1]).Role == page.ListItem && block(flat[k+1]).Role == page.ListItem && block(flat[k+1]).Group == b.Group {
				body := l.last().last()
				e = body.add(&elem{typ: "P", lang: b.Lang})
				break
			}
			e = container.add(&elem{typ: string(b.Role), lang: b.Lang})
		case page.ListItem:
			l := container.last()
			if l == nil || l.typ != "L" {
				l = container.add(&elem{typ: "L"})
			}
			li := l.add(&elem{typ: "LI", lang: b.Lang})
			e = li.add(&elem{typ: "LBody"})
		case page.TableHead, page.TableCell:
			tb := container.last()
			if tb == nil || tb.typ != "Table" {
				tb = container.add(&elem{typ: "Table"})
			}
			tr := tb.last()
			if tr == nil || tr.rowPg != r.page || math.Abs(tr.rowY-b.Box.Y) > 1 {
				tr = tb.add(&elem{typ: "TR", rowY: b.Box.Y, rowPg: r.page})
			}
			e = tr.add(&elem{typ: string(b.Role), lang: b.Lang})
			if b.Role == page.TableHead {
				e.scope = "Row"
			}
		case page.Figure:
			if b.Alt == "" {
				return nil, fmt.Errorf("pdf: figure %q has no alternative text", b.Name)
			}
			e = &elem{typ: "Figure", lang: b.Lang, alt: b.Alt}
			if hasLink(doc.Pages[r.page], b) {
				link := container.add(&elem{typ: "Link"})
				t.place(r, link.add(e))
				t.links[r.page][r.block] = link
				continue
			}
			container.add(e)
		case page.LinkRole:
			e = container.add(&elem{typ: "P", lang: b.Lang})
		default:
			return nil, fmt.Errorf("pdf: block %q has no role a reader knows (%q)", b.Name, b.Role)
		}
		if hasLink(doc.Pages[r.page], b) {
			e = e.add(&elem{typ: "Link"})
			t.links[r.page][r.block] = e
		}
		t.place(r, e)
	}
	return t, nil
}

// place makes e the element of block r's content, its MCID next among e's
// kids (in reading order: before what later blocks add to e). The MCID is
// given when the content is written (claim).
func (t *tags) place(r blockRef, e *elem) {
	t.content[r.page][r.block] = e
	t.slot[r.page][r.block] = len(e.kids)
	e.kids = append(e.kids, kid{page: r.page, mcid: -1})
}

// claim gives block bi of page pi its MCID; it returns the block's
// element, nil for an artifact.
func (t *tags) claim(pi, bi, mcid int) *elem {
	e := t.content[pi][bi]
	if e != nil {
		e.kids[t.slot[pi][bi]].mcid = mcid
	}
	return e
}

func hasLink(p *page.Page, b page.Block) bool {
	for _, e := range p.BlockElements(b) {
		if _, ok := e.(page.Link); ok {
			return true
		}
	}
	return false
}

// setLangs puts /Lang where an element's language differs from the one it
// inherits: on a group whose blocks share one, else on each element.
func setLangs(e *elem, inherited string) {
	l := e.lang
	if e.typ == "Sect" && e.mixed {
		l = ""
	}
	if l == inherited {
		l = ""
	}
	e.lang = l
	if l != "" {
		inherited = l
	}
	for _, k := range e.kids {
		if k.e != nil {
			setLangs(k.e, inherited)
		}
	}
}

// writeTags writes the structure tree: every element, the tree root with
// its parent tree (each page's marked-content sequences and each
// annotation, to their element), and returns the root.
func writeTags(f *pdfdoc.File, t *tags, pages []pdfdoc.Ref, pageMCIDs [][]*elem, annots []*elem, firstAnnotKey int, lang string) pdfdoc.Ref {
	setLangs(t.root, lang)
	root := f.Alloc()
	var number func(e *elem)
	number = func(e *elem) {
		e.ref = f.Alloc()
		for _, k := range e.kids {
			if k.e != nil {
				number(k.e)
			}
		}
	}
	number(t.root)
	// Each element's dictionary is written straight to bytes, its keys in
	// the order a Dict sorts them (A Alt K Lang P Pg S Type): a tagged page
	// has a few hundred elements, and a Dict of boxed values was a sixth of
	// a poster's allocations. The bytes are those a Dict gives.
	var buf []byte
	var write func(e *elem, parent pdfdoc.Ref)
	write = func(e *elem, parent pdfdoc.Ref) {
		pg, nKids := -1, 0
		for _, k := range e.kids {
			switch {
			case k.e != nil:
				write(k.e, e.ref)
				nKids++
			case k.annot != 0:
				nKids++
			case k.mcid >= 0:
				if pg < 0 {
					pg = k.page
				}
				nKids++
			}
		}
		start := len(buf)
		buf = append(buf, "<<"...)
		if e.scope != "" {
			buf = append(buf, "/A "...)
			buf = pdfdoc.Append(buf, pdfdoc.Dict{"O": pdfdoc.Name("Table"), "Scope": pdfdoc.Name(e.scope)})
		}
		if e.alt != "" {
			buf = append(buf, "/Alt "...)
			buf = pdfdoc.Append(buf, pdfdoc.Text(e.alt))
		}
		if nKids > 0 {
			buf = append(buf, "/K "...)
			if nKids > 1 {
				buf = append(buf, '[')
			}
			first := true
			for _, k := range e.kids {
				if k.e == nil && k.annot == 0 && k.mcid < 0 {
					continue // a block that drew nothing
				}
				if !first {
					buf = append(buf, ' ')
				}
				first = false
				switch {
				case k.e != nil:
					buf = pdfdoc.Append(buf, k.e.ref)
				case k.annot != 0:
					buf = pdfdoc.Append(buf, pdfdoc.Dict{"Type": pdfdoc.Name("OBJR"), "Obj": k.annot, "Pg": pages[k.page]})
				case k.page == pg:
					buf = strconv.AppendInt(buf, int64(k.mcid), 10)
				default:
					buf = pdfdoc.Append(buf, pdfdoc.Dict{"Type": pdfdoc.Name("MCR"), "Pg": pages[k.page], "MCID": pdfdoc.Int(k.mcid)})
				}
			}
			if nKids > 1 {
				buf = append(buf, ']')
			}
		}
		if e.lang != "" {
			buf = append(buf, "/Lang "...)
			buf = pdfdoc.Append(buf, pdfdoc.Text(e.lang))
		}
		buf = append(buf, "/P "...)
		buf = pdfdoc.Append(buf, parent)
		if pg >= 0 {
			buf = append(buf, "/Pg "...)
			buf = pdfdoc.Append(buf, pages[pg])
		}
		buf = append(buf, "/S "...)
		buf = pdfdoc.Append(buf, pdfdoc.Name(e.typ))
		buf = append(buf, "/Type /StructElem>>"...)
		f.Set(e.ref, pdfdoc.Raw(buf[start:len(buf):len(buf)]))
	}
	write(t.root, root)

	var nums pdfdoc.Array
	for pi, mcids := range pageMCIDs {
		if len(mcids) == 0 {
			continue
		}
		a := make(pdfdoc.Array, len(mcids))
		for i, e := range mcids {
			a[i] = e.ref
		}
		nums = append(nums, pdfdoc.Int(pi), a)
	}
	for i, e := range annots {
		nums = append(nums, pdfdoc.Int(firstAnnotKey+i), e.ref)
	}
	f.Set(root, pdfdoc.Dict{
		"Type":              pdfdoc.Name("StructTreeRoot"),
		"K":                 t.root.ref,
		"ParentTree":        f.Add(pdfdoc.Dict{"Nums": nums}),
		"ParentTreeNextKey": pdfdoc.Int(firstAnnotKey + len(annots)),
	})
	return root
}
