// Package pdfin reads the first page of a PDF that affiches did not make (a
// logo pack's official artwork) so that it can be placed in affiches' own
// PDFs as a form XObject. It is the only code that parses such files.
//
// It replaces gofpdi, which could not be made safe: it looks for startxref
// forever in a file without one (100 % CPU on a garbage PDF), follows /Kids
// and /Prev without remembering where it has been (a page tree pointing to
// itself ran out of memory, an xref /Prev loop overflowed the stack),
// allocates whatever /Length or /Count says, and recurses without bound. A
// pre-check in front of it would have had to parse the file as carefully
// as a parser, and then trust gofpdi to parse it the same way.
//
// This reader parses only what placing a page needs: the cross-reference
// sections (tables and streams, with object streams), the catalog, the page
// tree down to the first page, its box, its content and the objects its
// resources reach. Every step is bounded by package limits: file size (the
// caller's), objects read, nesting depth, cross-reference sections and
// entries, decompressed stream bytes. Every reference is resolved at most
// once and loops are errors. Anything it does not understand is refused
// with the reason, never guessed at; anything that reaches outside the file
// or runs code (external streams, file specifications, JavaScript and other
// actions) is refused too.
package pdfin

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"affiches/internal/limits"
)

// The objects of a PDF file.
type (
	// Object is one of: nil (null), bool, int64, float64, Name, String,
	// Array, *Dict, Ref, *Stream.
	Object any
	// Name is a PDF name, without its slash, #xx escapes decoded.
	Name string
	// String is a PDF string's bytes, escapes decoded.
	String []byte
	// Array is a PDF array.
	Array []Object
	// Ref is an indirect reference.
	Ref struct{ Num, Gen int }
)

// Dict is a PDF dictionary; its keys keep the file's order.
type Dict struct {
	Keys []Name
	Vals []Object
}

// Get returns the value of key, or nil.
func (d *Dict) Get(key Name) Object {
	if d == nil {
		return nil
	}
	for i, k := range d.Keys {
		if k == key {
			return d.Vals[i]
		}
	}
	return nil
}

// Stream is a stream object: its dictionary and its data, still encoded.
type Stream struct {
	Dict *Dict
	Data []byte
}

// Page is the first page of a PDF, ready to be placed as a form.
type Page struct {
	Box       [4]float64 // the MediaBox: llx, lly, urx, ury
	Content   []byte     // the content stream(s), decoded and joined
	Resources Object     // the resource dictionary; references point into Objects
	Objects   map[int]Object
	Order     []int // the numbers of Objects in the order they were reached
}

// Width returns the width of the page box.
func (p *Page) Width() float64 { return p.Box[2] - p.Box[0] }

// Height returns the height of the page box.
func (p *Page) Height() float64 { return p.Box[3] - p.Box[1] }

// Error is why a PDF is refused.
type Error struct{ Reason string }

func (e *Error) Error() string { return e.Reason }

func fail(format string, args ...any) error { return &Error{fmt.Sprintf(format, args...)} }

// FirstPage reads the first page of the PDF in data.
func FirstPage(data []byte) (*Page, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, fail("not a PDF (it does not start with %%PDF-)")
	}
	r := &reader{data: data, xref: map[int]xrefEntry{}, cache: map[int]Object{}, resolving: map[int]bool{}, objStms: map[int]*objStm{}}
	if err := r.readXrefs(); err != nil {
		return nil, err
	}
	if r.trailer.Get("Encrypt") != nil {
		return nil, fail("an encrypted PDF: save it without a password or restrictions")
	}
	return r.firstPage()
}

type xrefEntry struct {
	kind int // 1: at an offset; 2: in an object stream
	a, b int // offset and generation, or object stream number and index
}

type objStm struct {
	data    []byte
	first   int
	offsets map[int]int // object number → offset after /First
}

type reader struct {
	data      []byte
	xref      map[int]xrefEntry
	trailer   *Dict
	cache     map[int]Object
	resolving map[int]bool
	objStms   map[int]*objStm
	objects   int // objects parsed, against limits.PDFObjects
	inflated  int // bytes decompressed, against limits.PDFStreamBytes
}

// readXrefs reads the cross-reference sections from the last startxref
// back along /Prev (and /XRefStm), each offset once.
func (r *reader) readXrefs() error {
	tail := r.data[max(0, len(r.data)-2048):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return fail("no startxref near the end: the file is damaged or not a whole PDF")
	}
	lx := &lexer{data: tail, pos: i + len("startxref")}
	off, err := lx.integer()
	if err != nil {
		return fail("startxref is not followed by an offset")
	}
	seen := map[int]bool{}
	todo := []int{off}
	for len(todo) > 0 {
		off, todo = todo[len(todo)-1], todo[:len(todo)-1]
		if seen[off] {
			return fail("the cross-reference sections loop (/Prev %d is read twice)", off)
		}
		seen[off] = true
		if len(seen) > limits.PDFXrefSections {
			return fail("more than %d cross-reference sections", limits.PDFXrefSections)
		}
		if off < 0 || off >= len(r.data) {
			return fail("a cross-reference offset (%d) is outside the file", off)
		}
		trailer, err := r.readXrefAt(off)
		if err != nil {
			return err
		}
		if r.trailer == nil {
			r.trailer = trailer
		}
		// Older sections come after the newer ones they are overridden by.
		if p, ok := trailer.Get("Prev").(int64); ok {
			todo = append(todo, int(p))
		}
		if x, ok := trailer.Get("XRefStm").(int64); ok {
			todo = append(todo, int(x))
		}
	}
	if r.trailer == nil {
		return fail("no trailer")
	}
	return nil
}

// add records an entry unless a newer section gave the object already.
func (r *reader) add(num int, e xrefEntry) error {
	if _, ok := r.xref[num]; ok {
		return nil
	}
	if len(r.xref) >= limits.PDFXrefEntries {
		return fail("more than %d objects in the cross-reference", limits.PDFXrefEntries)
	}
	r.xref[num] = e
	return nil
}

func (r *reader) readXrefAt(off int) (*Dict, error) {
	lx := &lexer{data: r.data, pos: off}
	if lx.keyword("xref") {
		return r.readXrefTable(lx)
	}
	// A cross-reference stream: "n g obj << /Type /XRef … >> stream".
	v, err := r.objectAt(off, -1)
	if err != nil {
		return nil, fail("cross-reference at %d: %v", off, err)
	}
	s, ok := v.(*Stream)
	if !ok || s.Dict.Get("Type") != Name("XRef") {
		return nil, fail("no cross-reference table or stream at offset %d", off)
	}
	return s.Dict, r.readXrefStream(s)
}

func (r *reader) readXrefTable(lx *lexer) (*Dict, error) {
	for {
		if lx.keyword("trailer") {
			v, err := lx.object(0)
			if err != nil {
				return nil, fail("trailer: %v", err)
			}
			d, ok := v.(*Dict)
			if !ok {
				return nil, fail("the trailer is not a dictionary")
			}
			return d, nil
		}
		start, err1 := lx.integer()
		count, err2 := lx.integer()
		if err1 != nil || err2 != nil || start < 0 || count < 0 {
			return nil, fail("a cross-reference table is malformed")
		}
		// An entry takes at least 18 bytes: a count the file cannot hold
		// is refused before any loop.
		if count > (len(lx.data)-lx.pos)/18+1 || start > math.MaxInt32-count {
			return nil, fail("a cross-reference table claims %d entries", count)
		}
		for i := range count {
			o, err1 := lx.integer()
			g, err2 := lx.integer()
			kw := lx.word()
			if err1 != nil || err2 != nil || kw != "n" && kw != "f" {
				return nil, fail("cross-reference entry %d is malformed", start+i)
			}
			if kw == "n" && o > 0 {
				if err := r.add(start+i, xrefEntry{1, o, g}); err != nil {
					return nil, err
				}
			} else if err := r.add(start+i, xrefEntry{}); err != nil {
				return nil, err
			}
		}
	}
}

func (r *reader) readXrefStream(s *Stream) error {
	data, err := r.decode(s)
	if err != nil {
		return fail("cross-reference stream: %v", err)
	}
	w, ok := s.Dict.Get("W").(Array)
	if !ok || len(w) != 3 {
		return fail("cross-reference stream: /W is not three numbers")
	}
	var widths [3]int
	row := 0
	for i, v := range w {
		n, ok := v.(int64)
		if !ok || n < 0 || n > 8 {
			return fail("cross-reference stream: /W holds %v", v)
		}
		widths[i] = int(n)
		row += int(n)
	}
	if row == 0 {
		return fail("cross-reference stream: empty rows")
	}
	size, _ := s.Dict.Get("Size").(int64)
	index := Array{int64(0), size}
	if ix, ok := s.Dict.Get("Index").(Array); ok {
		index = ix
	}
	if len(index)%2 != 0 {
		return fail("cross-reference stream: /Index has an odd length")
	}
	pos := 0
	for i := 0; i < len(index); i += 2 {
		start, ok1 := index[i].(int64)
		count, ok2 := index[i+1].(int64)
		if !ok1 || !ok2 || start < 0 || count < 0 || start > math.MaxInt32 {
			return fail("cross-reference stream: /Index is malformed")
		}
		for j := range int(count) {
			if pos+row > len(data) {
				return fail("cross-reference stream: shorter than its /Index")
			}
			var f [3]int
			for k := range 3 {
				for range widths[k] {
					f[k] = f[k]<<8 | int(data[pos])
					pos++
				}
			}
			if widths[0] == 0 {
				f[0] = 1
			}
			num := int(start) + j
			var e xrefEntry
			switch f[0] {
			case 1:
				e = xrefEntry{1, f[1], f[2]}
			case 2:
				e = xrefEntry{2, f[1], f[2]}
			}
			if err := r.add(num, e); err != nil {
				return err
			}
		}
	}
	return nil
}

// resolve returns the object ref points to (nil when it is free or
// missing, as the PDF specification says), parsing it at most once.
func (r *reader) resolve(ref Ref) (Object, error) {
	if v, ok := r.cache[ref.Num]; ok {
		return v, nil
	}
	if r.resolving[ref.Num] {
		return nil, fail("object %d refers to itself while it is read", ref.Num)
	}
	r.resolving[ref.Num] = true
	defer delete(r.resolving, ref.Num)
	r.objects++
	if r.objects > limits.PDFObjects {
		return nil, fail("more than %d objects to read", limits.PDFObjects)
	}
	e := r.xref[ref.Num]
	var v Object
	var err error
	switch e.kind {
	case 1:
		v, err = r.objectAt(e.a, ref.Num)
	case 2:
		v, err = r.inObjStm(e.a, e.b, ref.Num)
	}
	if err != nil {
		return nil, fail("object %d: %v", ref.Num, err)
	}
	r.cache[ref.Num] = v
	return v, nil
}

// objectAt parses "num gen obj value endobj" at off; num -1 accepts any.
func (r *reader) objectAt(off, num int) (Object, error) {
	if off < 0 || off >= len(r.data) {
		return nil, fail("offset %d is outside the file", off)
	}
	lx := &lexer{data: r.data, pos: off}
	n, err1 := lx.integer()
	_, err2 := lx.integer()
	if err1 != nil || err2 != nil || !lx.keyword("obj") {
		return nil, fail("no object at offset %d", off)
	}
	if num >= 0 && n != num {
		return nil, fail("object %d found where %d should be", n, num)
	}
	v, err := lx.object(0)
	if err != nil {
		return nil, err
	}
	if !lx.keyword("stream") {
		return v, nil
	}
	d, ok := v.(*Dict)
	if !ok {
		return nil, fail("a stream without a dictionary")
	}
	// The data starts after the end of line that follows "stream".
	if lx.pos < len(lx.data) && lx.data[lx.pos] == '\r' {
		lx.pos++
	}
	if lx.pos < len(lx.data) && lx.data[lx.pos] == '\n' {
		lx.pos++
	}
	var length int64
	switch l := d.Get("Length").(type) {
	case int64:
		length = l
	case Ref:
		lv, err := r.resolve(l)
		if err != nil {
			return nil, err
		}
		n, ok := lv.(int64)
		if !ok {
			return nil, fail("a stream's /Length is not a number")
		}
		length = n
	default:
		return nil, fail("a stream without /Length")
	}
	if length < 0 || length > int64(len(lx.data)-lx.pos) {
		return nil, fail("a stream's /Length (%d) runs past the end of the file", length)
	}
	s := &Stream{Dict: d, Data: lx.data[lx.pos : lx.pos+int(length)]}
	lx.pos += int(length)
	if !lx.keyword("endstream") {
		return nil, fail("a stream's /Length does not end at endstream")
	}
	return s, nil
}

// inObjStm parses object num, the index-th of object stream stm.
func (r *reader) inObjStm(stm, index, num int) (Object, error) {
	st, ok := r.objStms[stm]
	if !ok {
		if e := r.xref[stm]; e.kind != 1 {
			return nil, fail("its object stream %d is not a plain object", stm)
		}
		v, err := r.resolve(Ref{stm, 0})
		if err != nil {
			return nil, err
		}
		s, ok := v.(*Stream)
		if !ok || s.Dict.Get("Type") != Name("ObjStm") {
			return nil, fail("object stream %d is not one", stm)
		}
		data, err := r.decode(s)
		if err != nil {
			return nil, fail("object stream %d: %v", stm, err)
		}
		n, _ := s.Dict.Get("N").(int64)
		first, _ := s.Dict.Get("First").(int64)
		if n < 0 || first < 0 || first > int64(len(data)) || n > int64(len(data))/4+1 {
			return nil, fail("object stream %d: /N or /First is out of range", stm)
		}
		st = &objStm{data: data, first: int(first), offsets: map[int]int{}}
		lx := &lexer{data: data[:first]}
		for range n {
			on, err1 := lx.integer()
			oo, err2 := lx.integer()
			if err1 != nil || err2 != nil || oo < 0 {
				return nil, fail("object stream %d: its header is malformed", stm)
			}
			if _, dup := st.offsets[on]; !dup {
				st.offsets[on] = oo
			}
		}
		r.objStms[stm] = st
	}
	off, ok := st.offsets[num]
	if !ok || st.first+off >= len(st.data) {
		return nil, fail("not found in its object stream %d", stm)
	}
	lx := &lexer{data: st.data, pos: st.first + off}
	v, err := lx.object(0)
	if err != nil {
		return nil, err
	}
	if _, isStream := v.(*Stream); isStream {
		return nil, fail("a stream inside an object stream")
	}
	return v, nil
}

// decode returns a stream's data decoded: no filter, or FlateDecode with
// or without a PNG predictor. It is bounded by limits.PDFStreamBytes, for
// this stream and for the whole file.
func (r *reader) decode(s *Stream) ([]byte, error) {
	var filters Array
	switch f := s.Dict.Get("Filter").(type) {
	case nil:
	case Name:
		filters = Array{f}
	case Array:
		filters = f
	default:
		return nil, fail("/Filter is not a name")
	}
	if s.Dict.Get("F") != nil {
		return nil, fail("its data is in another file (/F)")
	}
	data := s.Data
	for _, f := range filters {
		if f != Name("FlateDecode") && f != Name("Fl") {
			return nil, fail("the filter %v is not supported: save the PDF with Flate (zip) compression", f)
		}
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fail("damaged compressed data: %v", err)
		}
		budget := limits.PDFStreamBytes - r.inflated
		out, err := io.ReadAll(io.LimitReader(zr, int64(budget)+1))
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fail("damaged compressed data: %v", err)
		}
		if len(out) > budget {
			return nil, fail("decompresses to more than %d MiB", limits.PDFStreamBytes>>20)
		}
		r.inflated += len(out)
		data = out
	}
	if parms, ok := s.Dict.Get("DecodeParms").(*Dict); ok {
		pred, _ := parms.Get("Predictor").(int64)
		if pred >= 10 {
			cols, ok := parms.Get("Columns").(int64)
			if !ok {
				cols = 1
			}
			if cols < 1 || cols > 1<<16 {
				return nil, fail("/Columns is out of range")
			}
			return unpredict(data, int(cols))
		} else if pred > 1 {
			return nil, fail("the TIFF predictor is not supported")
		}
	}
	return data, nil
}

// unpredict undoes PNG predictors (/Predictor 10 to 15), one byte per
// sample, as cross-reference and object streams use them.
func unpredict(data []byte, cols int) ([]byte, error) {
	row := cols + 1
	if len(data)%row != 0 {
		data = data[:len(data)-len(data)%row]
	}
	out := make([]byte, 0, len(data)/row*cols)
	prev := make([]byte, cols)
	for i := 0; i < len(data); i += row {
		cur := data[i+1 : i+row]
		for j := range cur {
			var left, up, ul byte
			if j > 0 {
				left, ul = cur[j-1], prev[j-1]
			}
			up = prev[j]
			switch data[i] {
			case 0:
			case 1:
				cur[j] += left
			case 2:
				cur[j] += up
			case 3:
				cur[j] += byte((int(left) + int(up)) / 2)
			case 4:
				cur[j] += paeth(left, up, ul)
			default:
				return nil, fail("an unknown PNG predictor %d", data[i])
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// deref resolves v if it is a reference.
func (r *reader) deref(v Object) (Object, error) {
	if ref, ok := v.(Ref); ok {
		return r.resolve(ref)
	}
	return v, nil
}

func (r *reader) dict(v Object, what string) (*Dict, error) {
	v, err := r.deref(v)
	if err != nil {
		return nil, err
	}
	if s, ok := v.(*Stream); ok {
		return s.Dict, nil
	}
	d, ok := v.(*Dict)
	if !ok {
		return nil, fail("%s is not a dictionary", what)
	}
	return d, nil
}

// firstPage walks the page tree down to the first page, each node once,
// carrying the attributes pages inherit.
func (r *reader) firstPage() (*Page, error) {
	root, err := r.dict(r.trailer.Get("Root"), "the catalog (/Root)")
	if err != nil {
		return nil, err
	}
	node, err := r.dict(root.Get("Pages"), "the page tree (/Pages)")
	if err != nil {
		return nil, err
	}
	var resources, box, rotate Object
	seen := map[*Dict]bool{}
	for depth := 0; ; depth++ {
		if seen[node] {
			return nil, fail("the page tree loops")
		}
		seen[node] = true
		if depth > limits.PDFDepth {
			return nil, fail("the page tree is more than %d levels deep", limits.PDFDepth)
		}
		if v := node.Get("Resources"); v != nil {
			resources = v
		}
		if v := node.Get("MediaBox"); v != nil {
			box = v
		}
		if v := node.Get("Rotate"); v != nil {
			rotate = v
		}
		kids := node.Get("Kids")
		if node.Get("Type") == Name("Page") || kids == nil {
			break
		}
		kv, err := r.deref(kids)
		if err != nil {
			return nil, err
		}
		list, ok := kv.(Array)
		if !ok || len(list) == 0 {
			return nil, fail("the page tree has no pages")
		}
		if node, err = r.dict(list[0], "a page"); err != nil {
			return nil, err
		}
	}
	p := &Page{Objects: map[int]Object{}}
	if err := r.box(box, &p.Box); err != nil {
		return nil, err
	}
	if rv, err := r.deref(rotate); err != nil {
		return nil, err
	} else if n, ok := rv.(int64); ok && n%360 != 0 {
		return nil, fail("the page is rotated (/Rotate %d): save it unrotated", n)
	}
	if p.Content, err = r.content(node.Get("Contents")); err != nil {
		return nil, err
	}
	if err := r.collect(p, resources); err != nil {
		return nil, err
	}
	return p, nil
}

func (r *reader) box(v Object, out *[4]float64) error {
	v, err := r.deref(v)
	if err != nil {
		return err
	}
	a, ok := v.(Array)
	if !ok || len(a) != 4 {
		return fail("the first page has no /MediaBox of four numbers")
	}
	for i, x := range a {
		x, err := r.deref(x)
		if err != nil {
			return err
		}
		switch n := x.(type) {
		case int64:
			out[i] = float64(n)
		case float64:
			out[i] = n
		default:
			return fail("the /MediaBox holds %v", x)
		}
	}
	if out[0] > out[2] {
		out[0], out[2] = out[2], out[0]
	}
	if out[1] > out[3] {
		out[1], out[3] = out[3], out[1]
	}
	w, h := out[2]-out[0], out[3]-out[1]
	if !(w >= 1 && h >= 1 && w <= 14400 && h <= 14400) {
		return fail("the page is %g × %g pt; a page is 1 to 14 400 pt a side", w, h)
	}
	return nil
}

// content decodes and joins the page's content streams.
func (r *reader) content(v Object) ([]byte, error) {
	v, err := r.deref(v)
	if err != nil {
		return nil, err
	}
	var parts []Object
	switch c := v.(type) {
	case nil:
		return nil, fail("the first page is empty (no /Contents)")
	case *Stream:
		parts = []Object{c}
	case Array:
		parts = c
	default:
		return nil, fail("the page's /Contents is not a stream")
	}
	var out []byte
	for _, part := range parts {
		pv, err := r.deref(part)
		if err != nil {
			return nil, err
		}
		s, ok := pv.(*Stream)
		if !ok {
			return nil, fail("the page's /Contents holds %T, not a stream", pv)
		}
		if err := allowed(s.Dict); err != nil {
			return nil, err
		}
		data, err := r.decode(s)
		if err != nil {
			return nil, fail("the page content: %v", err)
		}
		out = append(out, data...)
		out = append(out, '\n')
	}
	return out, nil
}

// collect gathers the objects the resources reach, each once, in the order
// reached, without recursion: a chain of references as long as the object
// limit does not grow the stack.
func (r *reader) collect(p *Page, resources Object) error {
	res, err := r.deref(resources)
	if err != nil {
		return err
	}
	if res == nil {
		res = &Dict{}
	}
	if _, ok := res.(*Dict); !ok {
		return fail("the page's /Resources is not a dictionary")
	}
	p.Resources = res
	stack := []Object{res}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch v := v.(type) {
		case Ref:
			if _, ok := p.Objects[v.Num]; ok {
				continue
			}
			o, err := r.resolve(v)
			if err != nil {
				return err
			}
			if d, ok := o.(*Dict); ok && structural(d) {
				o = nil // a page or the catalog: not part of the art
			}
			p.Objects[v.Num] = o
			p.Order = append(p.Order, v.Num)
			stack = append(stack, o)
		case *Dict:
			if err := allowed(v); err != nil {
				return err
			}
			for i := len(v.Vals) - 1; i >= 0; i-- {
				stack = append(stack, v.Vals[i])
			}
		case *Stream:
			if err := allowed(v.Dict); err != nil {
				return err
			}
			// Write gives the stream its own /Length: a reference there
			// is not followed.
			for i := len(v.Dict.Vals) - 1; i >= 0; i-- {
				if v.Dict.Keys[i] != "Length" {
					stack = append(stack, v.Dict.Vals[i])
				}
			}
		case Array:
			for i := len(v) - 1; i >= 0; i-- {
				stack = append(stack, v[i])
			}
		}
	}
	return nil
}

// structural reports page-tree and catalog dictionaries, which art does not
// need and which would pull in the whole document.
func structural(d *Dict) bool {
	switch d.Get("Type") {
	case Name("Page"), Name("Pages"), Name("Catalog"):
		return true
	}
	return false
}

// allowed refuses what reaches outside the file or runs code.
func allowed(d *Dict) error {
	for _, k := range d.Keys {
		switch k {
		case "JS", "JavaScript", "Launch", "URI", "GoToR", "GoToE", "SubmitForm", "ImportData", "AA", "OpenAction", "EmbeddedFile", "EmbeddedFiles", "EF":
			return fail("it carries /%s: a logo must not run code or reach other files", k)
		case "F", "FFilter", "FDecodeParms":
			if d.Get("Length") != nil || d.Get("Type") == Name("Filespec") {
				return fail("it names another file (/%s): a logo must be whole in itself", k)
			}
		}
	}
	if t := d.Get("Type"); t == Name("Filespec") || t == Name("Action") {
		return fail("it carries a /%v: a logo must not run code or reach other files", t)
	}
	if s := d.Get("S"); s == Name("JavaScript") || s == Name("Launch") || s == Name("URI") {
		return fail("it carries a /%v action", s)
	}
	return nil
}

// Write writes v as PDF syntax, references renumbered by num.
func Write(b *bytes.Buffer, v Object, num func(int) int) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case float64:
		b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
	case Name:
		b.WriteByte('/')
		for i := 0; i < len(v); i++ {
			c := v[i]
			if c <= ' ' || c >= 0x7F || bytes.IndexByte([]byte("()<>[]{}/%#"), c) >= 0 {
				fmt.Fprintf(b, "#%02X", c)
			} else {
				b.WriteByte(c)
			}
		}
	case String:
		fmt.Fprintf(b, "<%X>", []byte(v))
	case Array:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			Write(b, e, num)
		}
		b.WriteByte(']')
	case *Dict:
		b.WriteString("<<")
		for i, k := range v.Keys {
			Write(b, k, num)
			b.WriteByte(' ')
			Write(b, v.Vals[i], num)
			b.WriteByte('\n')
		}
		b.WriteString(">>")
	case Ref:
		fmt.Fprintf(b, "%d 0 R", num(v.Num))
	case *Stream:
		d := &Dict{}
		for i, k := range v.Dict.Keys {
			if k != "Length" {
				d.Keys = append(d.Keys, k)
				d.Vals = append(d.Vals, v.Dict.Vals[i])
			}
		}
		d.Keys = append(d.Keys, "Length")
		d.Vals = append(d.Vals, int64(len(v.Data)))
		Write(b, d, num)
		b.WriteString("\nstream\n")
		b.Write(v.Data)
		b.WriteString("\nendstream")
	}
}
