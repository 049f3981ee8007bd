package text

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Block is a paragraph broken into lines at one size.
type Block struct {
	Size       float64 // points
	LineHeight float64 // baseline to baseline, points
	Lines      []string
	Width      float64 // the widest line, points
}

// Height returns the block's height from the first line's top (ascent) to
// the last baseline plus the descent.
func (b Block) Height(f *Font) float64 {
	if len(b.Lines) == 0 {
		return 0
	}
	return f.Ascent(b.Size) + float64(len(b.Lines)-1)*b.LineHeight + f.Descent(b.Size)
}

// Breaks says where a line may break.
type Breaks int

const (
	// AtSpaces breaks between words only (a no-break space binds).
	AtSpaces Breaks = iota
	// InURL breaks a URL or an e-mail address after / ? & = - . _ # @ as well
	// as at spaces.
	InURL
)

// Wrap breaks s into lines no wider than width at size, greedily; "\n"
// forces a break. It fails when one word alone is wider than width.
func Wrap(f *Font, s string, size, width float64, mode Breaks) ([]string, error) {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		ls, err := wrapPara(f, para, size, width, mode)
		if err != nil {
			return nil, err
		}
		lines = append(lines, ls...)
	}
	return lines, nil
}

// pieces splits a paragraph into breakable units: each keeps what follows it
// (a trailing space, or the URL punctuation it breaks after).
func pieces(s string, mode Breaks) []string {
	var out []string
	start := 0
	for i, r := range s {
		brk := r == ' ' || mode == InURL && strings.ContainsRune("/?&=-._#@", r)
		if brk {
			end := i + utf8.RuneLen(r)
			out = append(out, s[start:end])
			start = end
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func wrapPara(f *Font, s string, size, width float64, mode Breaks) ([]string, error) {
	ps := pieces(s, mode)
	if len(ps) == 0 {
		return []string{""}, nil
	}
	const eps = 1e-9
	var lines []string
	// The line is measured as it grows, piece by piece, so breaking is
	// linear in the paragraph's length.
	line := ""       // the current line, trailing spaces included
	lineW := 0.0     // its width without the trailing spaces
	last := rune(-1) // its last rune before them, -1 while it has none
	spaces := ""     // its trailing spaces
	for _, p := range ps {
		word := strings.TrimRight(p, " ")
		trail := p[len(word):]
		if word == "" { // spaces only: they trail the line
			line += p
			spaces += trail
			continue
		}
		var cand float64
		if last < 0 {
			cand = f.Width(line+word, size)
		} else {
			cand = lineW + f.widthAfter(last, spaces+word, size)
		}
		if cand <= width+eps {
			line, lineW, spaces = line+p, cand, trail
			last, _ = utf8.DecodeLastRuneInString(word)
			continue
		}
		ww := f.Width(word, size)
		if ww > width+eps {
			return nil, &TooWideError{Word: word, Width: ww, Max: width}
		}
		if line != "" {
			lines = append(lines, strings.TrimRight(line, " "))
		}
		line, lineW, spaces = p, ww, trail
		last, _ = utf8.DecodeLastRuneInString(word)
	}
	lines = append(lines, strings.TrimRight(line, " "))
	return lines, nil
}

// TooWideError reports a word that does not fit its line.
type TooWideError struct {
	Word       string
	Width, Max float64
}

func (e *TooWideError) Error() string {
	return fmt.Sprintf("%q is %.1f pt wide; the line holds %.1f pt", e.Word, e.Width, e.Max)
}

// Fit is what a text box asks of a paragraph.
type Fit struct {
	Max, Min  float64 // largest and smallest size, points
	Width     float64 // line width, points
	MaxLines  int     // 0: no limit on lines
	MaxHeight float64 // 0: no limit on height
	Leading   float64 // line height as a multiple of the size; 1.25 when 0
	Breaks    Breaks
}

// FitBlock finds the largest size, in steps of a quarter point from Max down
// to Min and then Min itself, at which s fits the box, and breaks it there. Text is shrunk, never
// clipped: when it does not fit at Min, the error says by how much.
func FitBlock(f *Font, s string, fit Fit) (Block, error) {
	lead := fit.Leading
	if lead == 0 {
		lead = 1.25
	}
	if missing := f.Missing(strings.ReplaceAll(s, "\n", "")); len(missing) > 0 {
		return Block{}, &MissingGlyphError{Runes: missing, Font: f.Name}
	}
	var lastErr error
	for _, size := range sizes(fit.Max, fit.Min) {
		lines, err := Wrap(f, s, size, fit.Width, fit.Breaks)
		if err != nil {
			lastErr = err
			continue
		}
		b := Block{Size: size, LineHeight: size * lead, Lines: lines}
		for _, l := range lines {
			b.Width = math.Max(b.Width, f.Width(l, size))
		}
		if fit.MaxLines > 0 && len(lines) > fit.MaxLines {
			lastErr = fmt.Errorf("needs %d lines at %.1f pt; the box holds %d", len(lines), size, fit.MaxLines)
			continue
		}
		if fit.MaxHeight > 0 && b.Height(f) > fit.MaxHeight+1e-9 {
			lastErr = fmt.Errorf("is %.1f pt high at %.1f pt; the box holds %.1f pt", b.Height(f), size, fit.MaxHeight)
			continue
		}
		return b, nil
	}
	return Block{}, &DoesNotFitError{Min: fit.Min, Reason: lastErr}
}

// sizes returns the sizes FitBlock tries, largest first: Max, then down in
// quarter points while above Min, then Min itself. Only Max when Min is not
// below it.
func sizes(max, min float64) []float64 {
	out := []float64{max}
	for k := 1; ; k++ {
		s := max - 0.25*float64(k)
		if s <= min+1e-9 {
			break
		}
		out = append(out, s)
	}
	if min < max-1e-9 {
		out = append(out, min)
	}
	return out
}

// DoesNotFitError reports text that does not fit its box even at the
// smallest size allowed.
type DoesNotFitError struct {
	Min    float64
	Reason error
}

func (e *DoesNotFitError) Error() string {
	return fmt.Sprintf("does not fit even at the smallest size allowed (%.1f pt): %v", e.Min, e.Reason)
}

// MissingGlyphError reports characters the font cannot draw.
type MissingGlyphError struct {
	Runes []rune
	Font  string
}

func (e *MissingGlyphError) Error() string {
	parts := make([]string, len(e.Runes))
	for i, r := range e.Runes {
		parts[i] = fmt.Sprintf("%q (U+%04X)", r, r)
	}
	return fmt.Sprintf("the font %s has no glyph for %s", e.Font, strings.Join(parts, ", "))
}
