package pdf

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"affiches/internal/render/page"
)

// finish adds to gopdf's output what gopdf cannot write, and fixes what it
// writes in map order (the XObject names of imported art), so the same
// document is always the same bytes. It puts the placements (art as forms,
// runs of fills) at their markers in the page content and compresses it,
// adds the forms as objects and to the resources, the document language
// (/Lang in the catalog), a BleedBox on print-shop pages with crop marks,
// and the Info dictionary as an indirect object (gopdf writes it inline in
// the trailer, which the spec does not allow). It rebuilds the
// cross-reference table so the offsets stay right.
func finish(b []byte, doc *page.Doc, placed []placement) ([]byte, error) {
	objs, trailerAt, err := objects(b)
	if err != nil {
		return nil, fmt.Errorf("pdf: rewrite: %w", err)
	}
	// New objects follow gopdf's: the Info dictionary out of the trailer,
	// then the forms, numbered in the order they are first drawn.
	next := objs[len(objs)-1].num + 1
	trailer := b[trailerAt:]
	var info []byte
	infoNum := 0
	if i := bytes.Index(trailer, []byte("/Info <<")); i >= 0 {
		j := bytes.Index(trailer[i:], []byte(">>\n"))
		if j < 0 {
			return nil, fmt.Errorf("pdf: rewrite: unterminated Info dictionary")
		}
		info = trailer[i+len("/Info ") : i+j+2]
		infoNum = next
		next++
	}
	var forms []*form
	formNum := map[*form]int{}
	names := make([]string, len(placed))
	for i, p := range placed {
		if p.form == nil {
			continue
		}
		n, ok := formNum[p.form]
		if !ok {
			n = next
			next += 1 + p.form.objects()
			formNum[p.form] = n
			forms = append(forms, p.form)
		}
		names[i] = fmt.Sprintf("AffArt%d", n)
	}

	pageNo := 0
	for i := range objs {
		o := &objs[i]
		switch {
		case bytes.Contains(o.body, []byte("/Type /Catalog\n")) && doc.Info.Lang != "":
			o.body = insertBeforeDictEnd(o.body, fmt.Sprintf("  /Lang (%s)\n", doc.Info.Lang))
		case bytes.Contains(o.body, []byte("<<\n/Length ")) && bytes.Contains(o.body, []byte(">>\nstream\n")):
			body, err := compressStream(o.body, placed, names)
			if err != nil {
				return nil, fmt.Errorf("pdf: rewrite: object %d: %w", o.num, err)
			}
			o.body = body
		case bytes.Contains(o.body, []byte("/ProcSet [")):
			var refs strings.Builder
			for _, f := range forms {
				fmt.Fprintf(&refs, "\t\t/AffArt%d %d 0 R\n", formNum[f], formNum[f])
			}
			o.body = sortXObjects(addXObjects(o.body, refs.String()))
		case bytes.Contains(o.body, []byte("/Type /Page\n")):
			if pageNo < len(doc.Pages) {
				p := doc.Pages[pageNo]
				if bl := p.Bleed; bl != nil {
					o.body = insertBeforeDictEnd(o.body, fmt.Sprintf(" /BleedBox [ %s %s %s %s ]\n",
						num(bl.X), num(p.H-bl.Y-bl.H), num(bl.X+bl.W), num(p.H-bl.Y)))
				}
			}
			pageNo++
		}
	}
	if pageNo != len(doc.Pages) {
		return nil, fmt.Errorf("pdf: rewrite: found %d pages, want %d", pageNo, len(doc.Pages))
	}

	var out bytes.Buffer
	out.Grow(len(b) + len(b)/2)
	out.Write(b[:objs[0].start])
	offsets := make([]int, next)
	for _, o := range objs {
		offsets[o.num] = out.Len()
		out.Write(o.body)
	}
	if info != nil {
		offsets[infoNum] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", infoNum, info)
	}
	for _, f := range forms {
		offsets[formNum[f]] = out.Len()
		f.object(&out, formNum[f])
		f.writeImported(&out, formNum[f], offsets)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", next)
	for n := 1; n < next; n++ {
		if offsets[n] == 0 {
			out.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root 1 0 R\n", next)
	if info != nil {
		fmt.Fprintf(&out, "/Info %d 0 R\n", infoNum)
	}
	fmt.Fprintf(&out, ">>\nstartxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

type object struct {
	num   int
	start int
	body  []byte
}

// objects reads the classic xref table gopdf writes and returns the objects
// in file order, each with its bytes, and where the xref table starts.
func objects(b []byte) ([]object, int, error) {
	sx := bytes.LastIndex(b, []byte("startxref\n"))
	if sx < 0 {
		return nil, 0, fmt.Errorf("no startxref")
	}
	rest := b[sx+len("startxref\n"):]
	end := bytes.IndexByte(rest, '\n')
	xref, err := strconv.Atoi(string(rest[:end]))
	if err != nil || xref >= len(b) || !bytes.HasPrefix(b[xref:], []byte("xref\n")) {
		return nil, 0, fmt.Errorf("bad startxref")
	}
	lines := bytes.Split(b[xref:], []byte("\n"))
	var first, count int
	if _, err := fmt.Sscanf(string(lines[1]), "%d %d", &first, &count); err != nil {
		return nil, 0, fmt.Errorf("bad xref header %q", lines[1])
	}
	var objs []object
	for i := 0; i < count; i++ {
		l := lines[2+i]
		if len(l) < 18 || l[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(l[:10]))
		if err != nil {
			return nil, 0, fmt.Errorf("bad xref entry %q", l)
		}
		objs = append(objs, object{num: first + i, start: off})
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].start < objs[j].start })
	for i := range objs {
		stop := xref
		if i+1 < len(objs) {
			stop = objs[i+1].start
		}
		objs[i].body = b[objs[i].start:stop]
		want := fmt.Sprintf("%d 0 obj", objs[i].num)
		if !bytes.HasPrefix(objs[i].body, []byte(want)) {
			return nil, 0, fmt.Errorf("object %d not at its offset", objs[i].num)
		}
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].num < objs[j].num })
	if len(objs) == 0 {
		return nil, 0, fmt.Errorf("no objects")
	}
	return objs, xref, nil
}

// insertBeforeDictEnd inserts s before the ">>\nendobj" closing an object
// whose body is a dictionary.
func insertBeforeDictEnd(body []byte, s string) []byte {
	i := bytes.LastIndex(body, []byte(">>\nendobj"))
	if i < 0 {
		return body
	}
	out := make([]byte, 0, len(body)+len(s))
	out = append(out, body[:i]...)
	out = append(out, s...)
	return append(out, body[i:]...)
}

// addXObjects adds entries to a resource dictionary's /XObject entry.
func addXObjects(body []byte, entries string) []byte {
	if entries == "" {
		return body
	}
	i := bytes.Index(body, []byte("/XObject <<\n"))
	if i < 0 {
		return insertBeforeDictEnd(body, "\t/XObject <<\n"+entries+"\t>>\n")
	}
	i += len("/XObject <<\n")
	out := make([]byte, 0, len(body)+len(entries))
	out = append(out, body[:i]...)
	out = append(out, entries...)
	return append(out, body[i:]...)
}

// sortXObjects sorts the lines of the resource dictionary's /XObject entry:
// gopdf writes imported templates in Go map order.
func sortXObjects(body []byte) []byte {
	start := bytes.Index(body, []byte("/XObject <<\n"))
	if start < 0 {
		return body
	}
	start += len("/XObject <<\n")
	end := bytes.Index(body[start:], []byte(">>"))
	if end < 0 {
		return body
	}
	// The closing >> sits on its own line after a tab.
	block := body[start : start+end]
	nl := bytes.LastIndexByte(block, '\n')
	if nl < 0 {
		return body
	}
	lines := bytes.Split(block[:nl], []byte("\n"))
	sort.Slice(lines, func(i, j int) bool { return bytes.Compare(lines[i], lines[j]) < 0 })
	out := append([]byte{}, body[:start]...)
	out = append(out, bytes.Join(lines, []byte("\n"))...)
	return append(out, body[start+nl:]...)
}

// compressStream takes an uncompressed stream object as gopdf writes it,
// puts the placements in place of their markers, and compresses it with a
// reused compressor. names[i] is the resource name of placement i's form.
func compressStream(body []byte, placed []placement, names []string) ([]byte, error) {
	lenAt := bytes.Index(body, []byte("<<\n/Length "))
	start := bytes.Index(body, []byte(">>\nstream\n"))
	if lenAt < 0 || start < lenAt {
		return body, nil
	}
	n, err := strconv.Atoi(string(bytes.TrimSpace(body[lenAt+len("<<\n/Length ") : start])))
	if err != nil {
		return body, nil // not a plain gopdf stream dictionary
	}
	data := start + len(">>\nstream\n")
	if data+n > len(body) {
		return nil, fmt.Errorf("stream past its object")
	}
	content, err := replaceMarkers(body[data:data+n], placed, names)
	if err != nil {
		return nil, err
	}
	z := deflate(content)
	var out bytes.Buffer
	out.Grow(lenAt + len(z) + 64 + len(body) - data - n)
	out.Write(body[:lenAt])
	fmt.Fprintf(&out, "<<\n/Filter /FlateDecode\n/Length %d\n>>\nstream\n", len(z))
	out.Write(z)
	out.Write(body[data+n:])
	return out.Bytes(), nil
}

// A marker as gopdf writes the empty rectangle mark draws: its height
// numbers the placement.
var (
	markerStart = []byte("q\n-7777.00 ")
	markerEnd   = []byte(".00 re f\nQ\n")
)

// replaceMarkers returns content with each marker replaced by its
// placement's operators.
func replaceMarkers(content []byte, placed []placement, names []string) ([]byte, error) {
	if len(placed) == 0 {
		return content, nil
	}
	out := make([]byte, 0, len(content)+len(placed)*48)
	for {
		i := bytes.Index(content, markerStart)
		if i < 0 {
			return append(out, content...), nil
		}
		out = append(out, content[:i]...)
		rest := content[i+len(markerStart):]
		// y, then the width 0.00, then the height: the placement's number.
		j := bytes.Index(rest, []byte(" 0.00 "))
		k := bytes.Index(rest, markerEnd)
		if j < 0 || k < j {
			return nil, fmt.Errorf("malformed art marker %.40q", content[i:])
		}
		id, err := strconv.Atoi(string(rest[j+len(" 0.00 ") : k]))
		if err != nil || id < 1 || id > len(placed) {
			return nil, fmt.Errorf("art marker %q of %d", rest[j+len(" 0.00 "):k], len(placed))
		}
		out = append(out, placed[id-1].content(names[id-1])...)
		content = rest[k+len(markerEnd):]
	}
}
