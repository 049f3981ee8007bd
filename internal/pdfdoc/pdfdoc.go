// Package pdfdoc writes PDF files by structure: numbered objects made of
// typed values, streams, and the cross-reference table that locates them.
// It knows nothing of pages or fonts; the pdf backend builds those from its
// values. Output is deterministic: dictionary keys are written sorted,
// numbers in fixed point, and the file identifier is a hash of the file's
// own bytes.
package pdfdoc

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"unicode/utf16"

	"affiches/internal/deflate"
)

// Object is a PDF value.
type Object interface {
	appendTo(b []byte) []byte
}

// The values.
type (
	// Ref refers to the indirect object of that number.
	Ref int
	// Name is a name, written with a slash (/Type).
	Name string
	// Int is an integer.
	Int int
	// Real is a number, written in fixed point with at most four
	// decimals.
	Real float64
	// Bool is true or false.
	Bool bool
	// Text is a text string: literal when it is printable ASCII, else
	// UTF-16BE with a byte-order mark.
	Text string
	// Array is an array.
	Array []Object
	// Dict is a dictionary; its keys are written sorted.
	Dict map[Name]Object
	// Raw is written as it is: an operator-ready value made elsewhere.
	Raw []byte
)

// Stream is a stream object: its dictionary (without Length, which the
// writer adds) and its data, as they are to be written.
type Stream struct {
	Dict Dict
	Data []byte
}

// Append appends o in PDF syntax, as a dictionary or array holding it
// would: for values written straight into a Raw.
func Append(b []byte, o Object) []byte { return o.appendTo(b) }

// Null is the null object.
var Null = Raw("null")

func (r Ref) appendTo(b []byte) []byte {
	b = strconv.AppendInt(b, int64(r), 10)
	return append(b, " 0 R"...)
}

// nameDelimiter marks the characters a name writes as #xx besides spaces,
// controls and non-ASCII: PDF's delimiters and the number sign.
var nameDelimiter = [256]bool{'(': true, ')': true, '<': true, '>': true, '[': true, ']': true, '{': true, '}': true, '/': true, '%': true, '#': true}

func (n Name) appendTo(b []byte) []byte {
	b = append(b, '/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c <= ' ' || c >= 0x7F || nameDelimiter[c] {
			b = append(b, '#', "0123456789ABCDEF"[c>>4], "0123456789ABCDEF"[c&15])
			continue
		}
		b = append(b, c)
	}
	return b
}

func (i Int) appendTo(b []byte) []byte { return strconv.AppendInt(b, int64(i), 10) }

func (r Real) appendTo(b []byte) []byte { return AppendNum(b, float64(r), 4) }

func (v Bool) appendTo(b []byte) []byte { return strconv.AppendBool(b, bool(v)) }

func (t Text) appendTo(b []byte) []byte {
	ascii := true
	for i := 0; i < len(t); i++ {
		if t[i] < 0x20 || t[i] >= 0x7F {
			ascii = false
			break
		}
	}
	if ascii {
		return AppendLiteral(b, []byte(t))
	}
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(string(t))) {
		b = append(b, "0123456789ABCDEF"[u>>12], "0123456789ABCDEF"[u>>8&15], "0123456789ABCDEF"[u>>4&15], "0123456789ABCDEF"[u&15])
	}
	return append(b, '>')
}

// AppendLiteral appends s as a literal string, escaping what must be.
func AppendLiteral(b, s []byte) []byte {
	b = append(b, '(')
	for _, c := range s {
		switch c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

func (a Array) appendTo(b []byte) []byte {
	b = append(b, '[')
	for i, o := range a {
		if i > 0 {
			b = append(b, ' ')
		}
		b = o.appendTo(b)
	}
	return append(b, ']')
}

func (d Dict) appendTo(b []byte) []byte {
	var small [16]Name // most dictionaries: no allocation for the keys
	keys := small[:0]
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, "<<"...)
	for _, k := range keys {
		b = k.appendTo(b)
		b = append(b, ' ')
		b = d[k].appendTo(b)
	}
	return append(b, ">>"...)
}

func (r Raw) appendTo(b []byte) []byte { return append(b, r...) }

// AppendNum appends v in fixed point, rounded to decimals (at most 6)
// decimals, trailing zeros dropped, never "-0".
func AppendNum(b []byte, v float64, decimals int) []byte {
	scale := [...]float64{1, 10, 100, 1000, 1e4, 1e5, 1e6}[decimals]
	m := int64(math.Round(v * scale))
	if m < 0 {
		b = append(b, '-')
		m = -m
	}
	div := int64(scale)
	b = strconv.AppendInt(b, m/div, 10)
	frac := m % div
	if frac == 0 {
		return b
	}
	b = append(b, '.')
	for div /= 10; frac != 0; div /= 10 {
		b = append(b, byte('0'+frac/div))
		frac %= div
	}
	return b
}

// File is a PDF file being built: objects are numbered from 1 as they are
// allocated, given their value, and written in number order.
type File struct {
	objs  []any  // Object or *Stream, by number-1; nil until set
	plain []bool // by number-1: kept out of object streams
	// Root and Info are the trailer's document catalog and information
	// dictionary.
	Root, Info Ref
	// ObjectStreams packs the objects that are not streams, and not set
	// with SetPlain, into compressed object streams, located by a
	// cross-reference stream (PDF 1.5). Without it the file has a
	// cross-reference table and every object is plain.
	ObjectStreams bool
}

// Alloc returns the number of a new object, to be set with Set.
func (f *File) Alloc() Ref {
	f.objs = append(f.objs, nil)
	f.plain = append(f.plain, false)
	return Ref(len(f.objs))
}

// Set gives object r its value.
func (f *File) Set(r Ref, o Object) { f.objs[r-1] = o }

// SetPlain gives object r its value and keeps it out of object streams,
// readable in the file as it is (the catalog, pages).
func (f *File) SetPlain(r Ref, o Object) {
	f.objs[r-1] = o
	f.plain[r-1] = true
}

// SetStream makes object r a stream.
func (f *File) SetStream(r Ref, s *Stream) { f.objs[r-1] = s }

// Add allocates an object with value o and returns its reference.
func (f *File) Add(o Object) Ref {
	r := f.Alloc()
	f.Set(r, o)
	return r
}

// AddStream allocates a stream object and returns its reference.
func (f *File) AddStream(s *Stream) Ref {
	r := f.Alloc()
	f.SetStream(r, s)
	return r
}

// objectsPerStream bounds an object stream: readers parse one whole to
// reach any object in it.
const objectsPerStream = 200

// WriteTo writes the file: the header, every object, the cross-reference
// table (or stream) and the trailer, whose ID is a digest of everything
// before it.
func (f *File) WriteTo(w io.Writer) (int64, error) {
	for i, o := range f.objs {
		if o == nil {
			return 0, fmt.Errorf("pdfdoc: object %d allocated and never set", i+1)
		}
	}
	// Where each object goes: written plain (stream -1), or as the
	// index-th object of an object stream.
	n := len(f.objs)
	type place struct{ stream, index int }
	where := make([]place, n)
	var packs [][]int // object numbers-1 per object stream
	for i, o := range f.objs {
		where[i] = place{-1, 0}
		if _, isStream := o.(*Stream); !f.ObjectStreams || isStream || f.plain[i] {
			continue
		}
		if len(packs) == 0 || len(packs[len(packs)-1]) == objectsPerStream {
			packs = append(packs, nil)
		}
		where[i] = place{len(packs) - 1, len(packs[len(packs)-1])}
		packs[len(packs)-1] = append(packs[len(packs)-1], i)
	}
	total := n + len(packs) // the object streams follow the objects
	if f.ObjectStreams {
		total++ // and the cross-reference stream
	}
	// The file's size, about: a plain object's dictionary is some 100
	// bytes, a packed one a third of that once its stream is compressed.
	// Too large an estimate costs as much as growing: a large buffer is
	// cleared whole when it is made.
	size := 1024
	for i, o := range f.objs {
		switch s, ok := o.(*Stream); {
		case ok:
			size += len(s.Data) + 128
		case where[i].stream >= 0:
			size += 40
		default:
			size += 128
		}
	}
	b := make([]byte, 0, size)
	// The comment of bytes over 127 says the file is binary (PDF/A asks
	// for it).
	b = append(b, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"...)
	offsets := make([]int, total)
	for i, o := range f.objs {
		if where[i].stream >= 0 {
			continue
		}
		offsets[i] = len(b)
		b = appendObject(b, i+1, o)
	}
	var body []byte
	for k, pack := range packs {
		head := make([]byte, 0, 8*len(pack))
		objs := make([]byte, 0, 96*len(pack)) // a structure element's dictionary, about
		for j, i := range pack {
			if j > 0 {
				head = append(head, ' ')
				objs = append(objs, '\n')
			}
			head = strconv.AppendInt(head, int64(i+1), 10)
			head = append(head, ' ')
			head = strconv.AppendInt(head, int64(len(objs)), 10)
			objs = f.objs[i].(Object).appendTo(objs)
		}
		head = append(head, '\n')
		body = append(append(body[:0], head...), objs...)
		s := Flate(Dict{"Type": Name("ObjStm"), "N": Int(len(pack)), "First": Int(len(head))}, body)
		offsets[n+k] = len(b)
		b = appendObject(b, n+k+1, s)
	}
	// The file's identifier: a digest of its bytes (SHA-256, which the CPU
	// computes faster than MD5, cut to MD5's 16 bytes).
	sum := sha256.Sum256(b)
	id := Raw("<" + hex.EncodeToString(sum[:16]) + ">")
	trailer := Dict{"Size": Int(total + 1), "ID": Array{id, id}}
	if f.Root != 0 {
		trailer["Root"] = f.Root
	}
	if f.Info != 0 {
		trailer["Info"] = f.Info
	}
	xref := len(b)
	if !f.ObjectStreams {
		b = append(b, "xref\n0 "...)
		b = strconv.AppendInt(b, int64(total+1), 10)
		b = append(b, "\n0000000000 65535 f \n"...)
		for _, off := range offsets {
			b = fmt.Appendf(b, "%010d 00000 n \n", off)
		}
		b = append(b, "trailer\n"...)
		b = trailer.appendTo(b)
	} else {
		// A cross-reference stream: type, then offset or object stream,
		// then generation or index, big-endian in the fewest bytes.
		offsets[total-1] = xref
		w2 := 1
		for max := xref; max > 0xFF; max >>= 8 {
			w2++
		}
		rows := make([]byte, 0, (total+1)*(w2+3))
		put := func(typ byte, v, g int) {
			rows = append(rows, typ)
			for k := w2 - 1; k >= 0; k-- {
				rows = append(rows, byte(v>>(8*k)))
			}
			rows = append(rows, byte(g>>8), byte(g))
		}
		put(0, 0, 0xFFFF)
		for i := range total {
			if i < n && where[i].stream >= 0 {
				put(2, n+where[i].stream+1, where[i].index)
			} else {
				put(1, offsets[i], 0)
			}
		}
		trailer["Type"] = Name("XRef")
		trailer["W"] = Array{Int(1), Int(w2), Int(2)}
		b = appendObject(b, total, Flate(trailer, rows))
	}
	b = append(b, "\nstartxref\n"...)
	b = strconv.AppendInt(b, int64(xref), 10)
	b = append(b, "\n%%EOF\n"...)
	written, err := w.Write(b)
	return int64(written), err
}

// appendObject appends indirect object num with value o (an Object or a
// *Stream).
func appendObject(b []byte, num int, o any) []byte {
	b = strconv.AppendInt(b, int64(num), 10)
	b = append(b, " 0 obj\n"...)
	switch o := o.(type) {
	case *Stream:
		d := make(Dict, len(o.Dict)+1)
		for k, v := range o.Dict {
			d[k] = v
		}
		d["Length"] = Int(len(o.Data))
		b = d.appendTo(b)
		b = append(b, "\nstream\n"...)
		b = append(b, o.Data...)
		b = append(b, "\nendstream"...)
	case Object:
		b = o.appendTo(b)
	}
	return append(b, "\nendobj\n"...)
}

// Flate returns a stream of data compressed, with its filter.
func Flate(d Dict, data []byte) *Stream {
	if d == nil {
		d = Dict{}
	}
	d["Filter"] = Name("FlateDecode")
	return &Stream{Dict: d, Data: deflate.Bytes(data)}
}
