package xlsx

import (
	"bufio"
	"strconv"
	"strings"
	"unicode/utf8"
)

// xmlWriter writes XML by hand: the parts are small and fixed in shape,
// and every text goes through one of its escaping methods.
type xmlWriter struct {
	*bufio.Writer
}

// raw writes markup as it is.
func (w xmlWriter) raw(s string) { w.WriteString(s) }

// text writes s as character data. Characters XML 1.0 cannot hold
// (control characters, U+FFFE, U+FFFF, invalid UTF-8) become U+FFFD; a
// carriage return is written as a reference so that it survives.
func (w xmlWriter) text(s string) { w.escape(s, false, false) }

// attr writes s as an attribute value between double quotes, the same
// way, with tabs and line breaks as references (a parser would turn them
// into spaces).
func (w xmlWriter) attr(s string) { w.escape(s, true, false) }

// cellText writes s as a cell's text: characters XML cannot hold are
// written as SpreadsheetML's _xHHHH_ escapes, which Excel and LibreOffice
// read back as the character, and an _xHHHH_ already in s has its
// underscore escaped (_x005F_) so that it reads back as written.
func (w xmlWriter) cellText(s string) { w.escape(s, false, true) }

func (w xmlWriter) escape(s string, attr, cell bool) {
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var rep string
		switch {
		case r == '&':
			rep = "&amp;"
		case r == '<':
			rep = "&lt;"
		case r == '>':
			rep = "&gt;"
		case r == '"' && attr:
			rep = "&quot;"
		case r == '\t' || r == '\n':
			if attr {
				rep = "&#" + strconv.Itoa(int(r)) + ";"
			}
		case r == '\r':
			if cell {
				rep = "_x000D_"
			} else {
				rep = "&#13;"
			}
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			if cell {
				rep = "_x" + hex4(r) + "_"
			} else {
				rep = "\uFFFD"
			}
		case r == utf8.RuneError && size == 1:
			rep = "\uFFFD"
		case r == '_' && cell && isEscape(s[i:]):
			rep = "_x005F_"
		}
		if rep != "" {
			w.WriteString(s[last:i])
			w.WriteString(rep)
			last = i + size
		}
		i += size
	}
	w.WriteString(s[last:])
}

// isEscape reports whether s starts with an _xHHHH_ escape.
func isEscape(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !isHex(c) {
			return false
		}
	}
	return true
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hex4(r rune) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[r>>12&15], digits[r>>8&15], digits[r>>4&15], digits[r&15]})
}

// unescape decodes SpreadsheetML's _xHHHH_ escapes in a cell's text.
func unescape(s string) string {
	i := indexEscape(s, 0)
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	last := 0
	for ; i >= 0; i = indexEscape(s, i) {
		v, _ := strconv.ParseUint(s[i+2:i+6], 16, 16)
		b = append(b, s[last:i]...)
		b = utf8.AppendRune(b, rune(v))
		i += 7
		last = i
	}
	return string(append(b, s[last:]...))
}

// indexEscape returns the index of the first _xHHHH_ escape in s from
// from on, or -1.
func indexEscape(s string, from int) int {
	for i := from; i < len(s); i++ {
		j := strings.Index(s[i:], "_x")
		if j < 0 {
			return -1
		}
		i += j
		if isEscape(s[i:]) {
			return i
		}
	}
	return -1
}
