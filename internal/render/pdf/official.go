package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"image/png"
	"io"
	"strconv"

	"affiches/internal/deflate"
	"affiches/internal/pdfdoc"
	"affiches/internal/pdfin"
	"affiches/internal/render/page"
)

// A body's official artwork is placed as it is: the first page of its PDF
// as a form, else its PNG as an image.
//
// Package pdfin reads the artwork's PDF within bounds (it is the only
// parser of PDFs from outside: a hostile file is refused, never looped on)
// and gives the page's content, resources and the objects they reach. Here
// they become a form and its objects, numbered in the order pdfin reached
// them, so the same artwork always makes the same bytes; the content of
// each form among them is marked as a whole, like our own art's.

// imported is a piece of official artwork drawn in a document.
type imported struct {
	ref        pdfdoc.Ref
	name       pdfdoc.Name
	w, h       float64 // its size in its own units (the MediaBox, or pixels)
	image      bool    // a PNG: an image, drawn into a unit square
	artifact   bool
	page       *pdfin.Page // the PDF's first page
	alreadySet bool
}

// writeImported adds the artwork's form, at im.ref, and the objects it
// reaches to f.
func writeImported(f *pdfdoc.File, im *imported) error {
	p := im.page
	refs := map[int]pdfdoc.Ref{}
	var queue []int
	ref := func(n int) pdfdoc.Ref {
		r, ok := refs[n]
		if !ok {
			r = f.Alloc()
			refs[n] = r
			queue = append(queue, n)
		}
		return r
	}
	// The form shows the page's MediaBox with its lower-left corner at the
	// origin, as the artwork is placed.
	d := pdfdoc.Dict{
		"Type": pdfdoc.Name("XObject"), "Subtype": pdfdoc.Name("Form"),
		"BBox":      pdfdoc.Array{pdfdoc.Real(p.Box[0]), pdfdoc.Real(p.Box[1]), pdfdoc.Real(p.Box[2]), pdfdoc.Real(p.Box[3])},
		"Matrix":    pdfdoc.Array{pdfdoc.Int(1), pdfdoc.Int(0), pdfdoc.Int(0), pdfdoc.Int(1), pdfdoc.Real(-p.Box[0]), pdfdoc.Real(-p.Box[1])},
		"Resources": fromPDFIn(p.Resources, ref),
	}
	data, err := markForm(d, p.Content, im.artifact)
	if err != nil {
		return err
	}
	f.SetStream(im.ref, &pdfdoc.Stream{Dict: d, Data: data})
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		st, ok := p.Objects[n].(*pdfin.Stream)
		if !ok {
			f.Set(refs[n], fromPDFIn(p.Objects[n], ref))
			continue
		}
		d, _ := fromPDFIn(st.Dict, ref).(pdfdoc.Dict)
		delete(d, "Length")
		data := st.Data
		if isName(d["Subtype"], "Form") {
			if data, err = markForm(d, data, im.artifact); err != nil {
				return fmt.Errorf("object %d: %w", n, err)
			}
		}
		f.SetStream(refs[n], &pdfdoc.Stream{Dict: d, Data: data})
	}
	return nil
}

// fromPDFIn turns a value read by pdfin into one to write, its references
// renumbered by ref.
func fromPDFIn(o pdfin.Object, ref func(int) pdfdoc.Ref) pdfdoc.Object {
	switch v := o.(type) {
	case bool:
		return pdfdoc.Bool(v)
	case int64:
		return pdfdoc.Int(v)
	case float64:
		return pdfdoc.Raw(strconv.FormatFloat(v, 'f', -1, 64))
	case pdfin.Name:
		return pdfdoc.Name(v)
	case pdfin.String:
		return pdfdoc.Raw(pdfdoc.AppendLiteral(nil, v))
	case pdfin.Array:
		out := make(pdfdoc.Array, len(v))
		for i, e := range v {
			out[i] = fromPDFIn(e, ref)
		}
		return out
	case *pdfin.Dict:
		d := make(pdfdoc.Dict, len(v.Keys))
		for i, k := range v.Keys {
			d[pdfdoc.Name(k)] = fromPDFIn(v.Vals[i], ref)
		}
		return d
	case pdfin.Ref:
		return ref(v.Num)
	}
	return pdfdoc.Null // null, and a stream where a value belongs (pdfin refuses those)
}

// markForm returns a form's content marked as a whole (see art.go),
// compressed. Content with a filter other than Flate is left as it is.
func markForm(d pdfdoc.Dict, data []byte, artifact bool) ([]byte, error) {
	_, params := d["DecodeParms"]
	switch fl := d["Filter"]; {
	case fl == nil:
	case isName(fl, "FlateDecode") && !params:
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		if data, err = io.ReadAll(zr); err != nil {
			return nil, err
		}
	default:
		return data, nil
	}
	tag := "/Figure BMC\n"
	if artifact {
		tag = "/Artifact BMC\n"
	}
	d["Filter"] = pdfdoc.Name("FlateDecode")
	return deflate.Bytes(append(append([]byte(tag), untag(data)...), "\nEMC\n"...)), nil
}

// untag returns content with its MCIDs taken out: artwork exported from a
// tagged PDF (affiches' own print logo) marks its content for a structure
// tree that is not imported, and an MCID inside the figure's would be
// tagged content inside tagged content. "/Tag <</MCID n>> BDC" becomes
// "/Tag BMC"; other marked content (layers) stays as it is. Content that
// does not parse is returned as it is.
func untag(data []byte) []byte {
	if !bytes.Contains(data, []byte("MCID")) {
		return data
	}
	var out []byte
	p := &parser{b: data}
	kept := 0     // data[:kept] is in out
	runStart := 0 // where the current operator's operands start
	var operands []*value
	for {
		p.space()
		if p.i >= len(data) {
			return append(out, data[kept:]...)
		}
		if len(operands) == 0 {
			runStart = p.i
		}
		v, err := p.value()
		if err != nil {
			return data
		}
		if v.kind != 'r' || !isOperator(v.raw) {
			operands = append(operands, v)
			continue
		}
		switch string(v.raw) {
		case "BDC":
			if len(operands) == 2 && operands[1].kind == 'd' && operands[1].dict["MCID"] != nil && operands[0].kind == 'r' {
				out = append(out, data[kept:runStart]...)
				out = append(append(out, operands[0].raw...), " BMC"...)
				kept = p.i
			}
		case "ID":
			// Inline image data, up to "EI" between white space.
			for p.i++; ; p.i++ {
				if p.i+2 > len(data) {
					return data
				}
				if isSpace(data[p.i-1]) && data[p.i] == 'E' && data[p.i+1] == 'I' && (p.i+2 == len(data) || isSpace(data[p.i+2])) {
					p.i += 2
					break
				}
			}
		}
		operands = operands[:0]
	}
}

// isOperator says whether a word of a content stream is an operator.
func isOperator(w []byte) bool {
	if len(w) == 0 || string(w) == "true" || string(w) == "false" || string(w) == "null" {
		return false
	}
	c := w[0]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '\'' || c == '"'
}

// unescapeName decodes the #xx escapes of a name.
func unescapeName(n []byte) string {
	if bytes.IndexByte(n, '#') < 0 {
		return string(n)
	}
	var b []byte
	for i := 0; i < len(n); i++ {
		if n[i] == '#' && i+2 < len(n) {
			if v, err := strconv.ParseUint(string(n[i+1:i+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				i += 2
				continue
			}
		}
		b = append(b, n[i])
	}
	return string(b)
}

// isName says whether a parsed value is the name n.
func isName(o pdfdoc.Object, n string) bool {
	raw, ok := o.(pdfdoc.Raw)
	return ok && string(raw) == "/"+n
}

// pngImage returns a PNG as an image XObject (and its alpha as a soft
// mask), and its size in pixels.
func pngImage(f *pdfdoc.File, data []byte) (*pdfdoc.Stream, int, int, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, err
	}
	b := img.Bounds()
	rgb := make([]byte, 0, 3*b.Dx()*b.Dy())
	alpha := make([]byte, 0, b.Dx()*b.Dy())
	opaque := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a != 0 {
				// Colours without their premultiplied alpha.
				r, g, bl = r*0xFFFF/a, g*0xFFFF/a, bl*0xFFFF/a
			}
			rgb = append(rgb, byte(r>>8), byte(g>>8), byte(bl>>8))
			alpha = append(alpha, byte(a>>8))
			opaque = opaque && a == 0xFFFF
		}
	}
	dict := func(cs string) pdfdoc.Dict {
		return pdfdoc.Dict{
			"Type": pdfdoc.Name("XObject"), "Subtype": pdfdoc.Name("Image"),
			"Width": pdfdoc.Int(b.Dx()), "Height": pdfdoc.Int(b.Dy()),
			"ColorSpace": pdfdoc.Name(cs), "BitsPerComponent": pdfdoc.Int(8),
		}
	}
	s := pdfdoc.Flate(dict("DeviceRGB"), rgb)
	if !opaque {
		s.Dict["SMask"] = f.AddStream(pdfdoc.Flate(dict("DeviceGray"), alpha))
	}
	return s, b.Dx(), b.Dy(), nil
}

// officialOf returns the artwork of a, read for this document.
func (w *writer) officialOf(a page.Art, artifact bool) (*imported, error) {
	o := a.Official
	key := officialKey{o, artifact}
	if im, ok := w.official[key]; ok {
		return im, nil
	}
	im := &imported{ref: w.f.Alloc(), artifact: artifact}
	im.name = pdfdoc.Name("GOFPDITPL" + strconv.Itoa(len(w.official)+1)) // the name the pack tests look for
	if o.PDF == nil {
		s, pw, ph, err := pngImage(w.f, o.PNG)
		if err != nil {
			return nil, fmt.Errorf("pdf: logo pack %s.png: %w", o.File, err)
		}
		w.f.SetStream(im.ref, s)
		im.image, im.w, im.h, im.alreadySet = true, float64(pw), float64(ph), true
	} else {
		p, err := pdfin.FirstPage(o.PDF)
		if err != nil {
			return nil, fmt.Errorf("pdf: logo pack %s.pdf: %w", o.File, err)
		}
		im.page, im.w, im.h = p, p.Width(), p.Height()
	}
	w.official[key] = im
	w.officialOrder = append(w.officialOrder, im)
	return im, nil
}

type officialKey struct {
	o        *page.Official
	artifact bool
}

// A parsed value of a content stream's operands (untag reads them).
type value struct {
	raw  []byte // a number, string, name, keyword, as written
	ref  int
	arr  []*value
	dict map[string]*value
	kind byte // 'r'aw, 'R'ef, 'a'rray, 'd'ict
}

// parser reads the values of a content stream.
type parser struct {
	b []byte
	i int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

func (p *parser) space() {
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case isSpace(c):
			p.i++
		case c == '%':
			for p.i < len(p.b) && p.b[p.i] != '\n' && p.b[p.i] != '\r' {
				p.i++
			}
		default:
			return
		}
	}
}

// word reads a run of regular characters.
func (p *parser) word() []byte {
	s := p.i
	for p.i < len(p.b) && !isSpace(p.b[p.i]) && !isDelim(p.b[p.i]) {
		p.i++
	}
	return p.b[s:p.i]
}

func (p *parser) value() (*value, error) {
	p.space()
	if p.i >= len(p.b) {
		return nil, errors.New("unexpected end")
	}
	s := p.i
	switch c := p.b[p.i]; {
	case c == '/':
		p.i++
		p.word()
		return &value{kind: 'r', raw: p.b[s:p.i]}, nil
	case c == '(':
		depth := 0
		for ; p.i < len(p.b); p.i++ {
			switch p.b[p.i] {
			case '\\':
				p.i++
			case '(':
				depth++
			case ')':
				if depth--; depth == 0 {
					p.i++
					return &value{kind: 'r', raw: p.b[s:p.i]}, nil
				}
			}
		}
		return nil, errors.New("unterminated string")
	case c == '<' && p.i+1 < len(p.b) && p.b[p.i+1] == '<':
		p.i += 2
		d := map[string]*value{}
		for {
			p.space()
			if bytes.HasPrefix(p.b[p.i:], []byte(">>")) {
				p.i += 2
				return &value{kind: 'd', dict: d}, nil
			}
			if p.i >= len(p.b) || p.b[p.i] != '/' {
				return nil, fmt.Errorf("dictionary key expected at %d", p.i)
			}
			p.i++
			k := unescapeName(p.word())
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			d[k] = v
		}
	case c == '<':
		e := bytes.IndexByte(p.b[p.i:], '>')
		if e < 0 {
			return nil, errors.New("unterminated hex string")
		}
		p.i += e + 1
		return &value{kind: 'r', raw: p.b[s:p.i]}, nil
	case c == '[':
		p.i++
		var a []*value
		for {
			p.space()
			if p.i < len(p.b) && p.b[p.i] == ']' {
				p.i++
				return &value{kind: 'a', arr: a}, nil
			}
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case isDelim(c):
		return nil, fmt.Errorf("unexpected %q", c)
	}
	w := p.word()
	// An integer followed by 0 R is a reference.
	if n, err := strconv.Atoi(string(w)); err == nil {
		save := p.i
		p.space()
		if g := p.word(); len(g) > 0 {
			if _, err := strconv.Atoi(string(g)); err == nil {
				p.space()
				if p.i < len(p.b) && p.b[p.i] == 'R' && (p.i+1 == len(p.b) || isSpace(p.b[p.i+1]) || isDelim(p.b[p.i+1])) {
					p.i++
					return &value{kind: 'R', ref: n}, nil
				}
			}
		}
		p.i = save
	}
	return &value{kind: 'r', raw: w}, nil
}
