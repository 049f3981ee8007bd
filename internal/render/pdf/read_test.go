package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
	"testing"
)

// A reader of the PDFs this package writes, for tests: it walks the file's
// objects in order (and those of its object streams) with the parser of
// official.go.

type pdfObj struct {
	v    *value
	data []byte // a stream's data, decoded
}

type pdfFile struct {
	objs map[int]*pdfObj
	root int
}

func readPDF(t *testing.T, b []byte) *pdfFile {
	t.Helper()
	f := &pdfFile{objs: map[int]*pdfObj{}}
	p := &parser{b: b}
	for {
		p.space()
		if p.i >= len(b) {
			break
		}
		w := p.word()
		if string(w) == "startxref" {
			break
		}
		num, err := strconv.Atoi(string(w))
		if err != nil {
			t.Fatalf("at %d: %q is not an object number", p.i, w)
		}
		p.space()
		p.word() // generation
		p.space()
		if string(p.word()) != "obj" {
			t.Fatalf("object %d: no obj keyword", num)
		}
		v, err := p.value()
		if err != nil {
			t.Fatalf("object %d: %v", num, err)
		}
		o := &pdfObj{v: v}
		p.space()
		if bytes.HasPrefix(b[p.i:], []byte("stream\n")) {
			p.i += len("stream\n")
			n := v.dict["Length"].int(t)
			o.data = b[p.i : p.i+n]
			p.i += n
			p.space()
			if string(p.word()) != "endstream" {
				t.Fatalf("object %d: stream not at its length", num)
			}
			if f := v.dict["Filter"]; f != nil && string(f.raw) == "/FlateDecode" {
				zr, err := zlib.NewReader(bytes.NewReader(o.data))
				if err != nil {
					t.Fatalf("object %d: %v", num, err)
				}
				if o.data, err = io.ReadAll(zr); err != nil {
					t.Fatalf("object %d: %v", num, err)
				}
			}
			p.space()
		}
		if string(p.word()) != "endobj" {
			t.Fatalf("object %d: no endobj", num)
		}
		f.objs[num] = o
		if ty := v.get("Type"); ty != nil && string(ty.raw) == "/XRef" {
			f.root = v.dict["Root"].ref
		}
	}
	// Objects in object streams.
	for _, o := range f.objs {
		if ty := o.v.get("Type"); ty == nil || string(ty.raw) != "/ObjStm" {
			continue
		}
		n, first := o.v.dict["N"].int(t), o.v.dict["First"].int(t)
		hp := &parser{b: o.data[:first]}
		for range n {
			hp.space()
			num, _ := strconv.Atoi(string(hp.word()))
			hp.space()
			off, _ := strconv.Atoi(string(hp.word()))
			vp := &parser{b: o.data[first+off:]}
			v, err := vp.value()
			if err != nil {
				t.Fatalf("object %d in a stream: %v", num, err)
			}
			f.objs[num] = &pdfObj{v: v}
		}
	}
	if f.root == 0 {
		if i := bytes.LastIndex(b, []byte("/Root ")); i >= 0 {
			p := &parser{b: b[i+len("/Root "):]}
			v, _ := p.value()
			f.root = v.ref
		}
	}
	return f
}

// get returns a dictionary's entry, or nil.
func (v *value) get(k string) *value {
	if v == nil || v.kind != 'd' {
		return nil
	}
	return v.dict[k]
}

func (v *value) int(t *testing.T) int {
	t.Helper()
	n, err := strconv.Atoi(string(v.raw))
	if err != nil {
		t.Fatalf("%q is not an integer", v.raw)
	}
	return n
}

func (v *value) name() string {
	if v == nil || len(v.raw) == 0 || v.raw[0] != '/' {
		return ""
	}
	return string(v.raw[1:])
}

// resolve follows a reference.
func (f *pdfFile) resolve(v *value) *value {
	for v != nil && v.kind == 'R' {
		o := f.objs[v.ref]
		if o == nil {
			return nil
		}
		v = o.v
	}
	return v
}

// text decodes a text string (literal ASCII, or UTF-16BE hex).
func (v *value) text() string {
	if v == nil || len(v.raw) < 2 {
		return ""
	}
	r := v.raw
	if r[0] == '(' {
		return string(r[1 : len(r)-1])
	}
	h := r[1 : len(r)-1]
	var b []byte
	for i := 0; i+1 < len(h); i += 2 {
		x, _ := strconv.ParseUint(string(h[i:i+2]), 16, 8)
		b = append(b, byte(x))
	}
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		var rs []rune
		for i := 2; i+1 < len(b); i += 2 {
			rs = append(rs, rune(b[i])<<8|rune(b[i+1]))
		}
		return string(rs)
	}
	return string(b)
}

// op is an operator of a content stream with its operands.
type op struct {
	name string
	args []*value
}

// ops reads a content stream.
func ops(t *testing.T, data []byte) []op {
	t.Helper()
	var out []op
	var args []*value
	p := &parser{b: data}
	for {
		p.space()
		if p.i >= len(data) {
			return out
		}
		v, err := p.value()
		if err != nil {
			t.Fatalf("content at %d: %v", p.i, err)
		}
		if v.kind == 'r' && isOperator(v.raw) {
			out = append(out, op{string(v.raw), args})
			args = nil
			continue
		}
		args = append(args, v)
	}
}

func (o op) String() string { return fmt.Sprintf("%s %d args", o.name, len(o.args)) }
