package pdfin

import (
	"bytes"
	"math"
	"strconv"
	"strings"

	"affiches/internal/limits"
)

// lexer reads PDF tokens and objects from data at pos. Every call moves
// pos forward or fails: no input makes it loop.
type lexer struct {
	data []byte
	pos  int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// skip passes white space and comments.
func (l *lexer) skip() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// word returns the regular characters at pos (a number, a keyword).
func (l *lexer) word() string {
	l.skip()
	start := l.pos
	for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
		l.pos++
	}
	return string(l.data[start:l.pos])
}

// keyword consumes kw if it is the next word.
func (l *lexer) keyword(kw string) bool {
	save := l.pos
	if l.word() == kw {
		return true
	}
	l.pos = save
	return false
}

func (l *lexer) integer() (int, error) {
	w := l.word()
	n, err := strconv.Atoi(w)
	if err != nil || len(w) > 10 {
		return 0, fail("%q is not a whole number", w)
	}
	return n, nil
}

// object reads one object; depth counts the arrays and dictionaries it
// is inside.
func (l *lexer) object(depth int) (Object, error) {
	if depth > limits.PDFDepth {
		return nil, fail("arrays and dictionaries nest more than %d deep", limits.PDFDepth)
	}
	l.skip()
	if l.pos >= len(l.data) {
		return nil, fail("the file ends inside an object")
	}
	switch c := l.data[l.pos]; c {
	case '/':
		l.pos++
		return l.name(), nil
	case '(':
		l.pos++
		return l.literal()
	case '<':
		if l.pos+1 < len(l.data) && l.data[l.pos+1] == '<' {
			l.pos += 2
			return l.dict(depth)
		}
		l.pos++
		return l.hex()
	case '[':
		l.pos++
		var a Array
		for {
			l.skip()
			if l.pos < len(l.data) && l.data[l.pos] == ']' {
				l.pos++
				return a, nil
			}
			v, err := l.object(depth + 1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case ')', '>', ']', '{', '}':
		return nil, fail("an unexpected %q at offset %d", c, l.pos)
	}
	w := l.word()
	switch w {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	case "":
		return nil, fail("an unexpected byte at offset %d", l.pos)
	}
	if n, err := strconv.ParseInt(w, 10, 64); err == nil {
		// "num gen R" is a reference.
		save := l.pos
		if g := l.word(); g != "" {
			if gen, err := strconv.ParseInt(g, 10, 32); err == nil && l.keyword("R") {
				if n < 0 || n > 1<<31 || gen < 0 {
					return nil, fail("a reference %d %d R is out of range", n, gen)
				}
				return Ref{int(n), int(gen)}, nil
			}
		}
		l.pos = save
		return n, nil
	}
	if f, err := strconv.ParseFloat(w, 64); err == nil && len(w) < 40 && !math.IsInf(f, 0) && !math.IsNaN(f) && !strings.ContainsAny(w, "xXpP") {
		return f, nil
	}
	return nil, fail("%.20q is not a PDF object (offset %d)", w, l.pos)
}

func (l *lexer) name() Name {
	var b []byte
	for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
		c := l.data[l.pos]
		if c == '#' && l.pos+2 < len(l.data) {
			if v, err := strconv.ParseUint(string(l.data[l.pos+1:l.pos+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				l.pos += 3
				continue
			}
		}
		b = append(b, c)
		l.pos++
	}
	return Name(b)
}

func (l *lexer) literal() (Object, error) {
	var b []byte
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return String(b), nil
			}
		case '\\':
			if l.pos >= len(l.data) {
				return nil, fail("the file ends inside a string")
			}
			e := l.data[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '7'; k++ {
						v = v*8 + int(l.data[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		b = append(b, c)
	}
	return nil, fail("the file ends inside a string")
}

func (l *lexer) hex() (Object, error) {
	end := bytes.IndexByte(l.data[l.pos:], '>')
	if end < 0 {
		return nil, fail("the file ends inside a hex string")
	}
	var digits []byte
	for _, c := range l.data[l.pos : l.pos+end] {
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f', c >= 'A' && c <= 'F':
			digits = append(digits, c)
		case isSpace(c):
		default:
			return nil, fail("a hex string holds %q", c)
		}
	}
	l.pos += end + 1
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, len(digits)/2)
	for i := range out {
		v, _ := strconv.ParseUint(string(digits[2*i:2*i+2]), 16, 8)
		out[i] = byte(v)
	}
	return String(out), nil
}

func (l *lexer) dict(depth int) (Object, error) {
	d := &Dict{}
	for {
		l.skip()
		if l.pos+1 < len(l.data) && l.data[l.pos] == '>' && l.data[l.pos+1] == '>' {
			l.pos += 2
			return d, nil
		}
		if l.pos >= len(l.data) || l.data[l.pos] != '/' {
			return nil, fail("a dictionary key is not a name (offset %d)", l.pos)
		}
		l.pos++
		k := l.name()
		v, err := l.object(depth + 1)
		if err != nil {
			return nil, err
		}
		d.Keys = append(d.Keys, k)
		d.Vals = append(d.Vals, v)
	}
}
