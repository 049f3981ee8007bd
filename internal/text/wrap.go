package text

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"affiches/internal/render/page"

	"golang.org/x/image/font/sfnt"
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
	return height(f, b.Size, b.LineHeight, len(b.Lines))
}

func height(f *Font, size, lineHeight float64, lines int) float64 {
	if lines == 0 {
		return 0
	}
	return f.Ascent(size) + float64(lines-1)*lineHeight + f.Descent(size)
}

// Breaks says where a line may break.
//
// In both modes a line breaks at a plain space (U+0020) and at "\n", which
// forces a break, but never at a no-break space (U+00A0, U+202F, U+2007)
// nor at a plain space that binds two words into one unit (see FitSpans).
// The spaces at a break are dropped; every other character, bound spaces
// included, is in the lines as it was in the text.
type Breaks int

const (
	// AtSpaces breaks between words only.
	AtSpaces Breaks = iota
	// InURL also breaks inside a word that does not fit a line whole, the
	// Chicago Manual of Style's way. A URL breaks after "scheme://", before
	// a single "/" and before . - _ ? # % ~, before or after = and &, never
	// after a hyphen (so no break looks like hyphenation), and inside its
	// host (before . or -) only when the host alone does not fit a line.
	// An e-mail address breaks before "@" or before a "." of its domain. A
	// word that is neither (no "://", no "www.", no "@", not a domain such
	// as "example.org" or "example.org/fr") breaks after a hyphen or a
	// slash between two letters, as compound words do ("Sint-Pieters-" /
	// "Woluwe"). The sentence's punctuation around a word never ends up
	// alone.
	InURL
)

// Fit is what a text box asks of a paragraph.
type Fit struct {
	Max, Min  float64 // largest and smallest size, points
	Width     float64 // line width, points
	MaxLines  int     // 0: no limit on lines
	MaxHeight float64 // 0: no limit on height
	Leading   float64 // line height as a multiple of the size; 1.25 when 0
	Breaks    Breaks
	// Balance evens the lines, for names and headlines: the text is broken
	// at the narrowest width (within 0.05 pt) that needs no more lines than
	// the box's width, and when a paragraph of three words or more would
	// end with a single word on its own line, its last two words are kept
	// together if that still takes as many lines.
	Balance bool
}

// Span is a run of text in one face; Mark is carried through to the
// laid-out pieces (a field to fill in, say).
type Span struct {
	S    string
	Face page.FontFace
	Mark bool
}

// Piece is a span's part on one line, X from the line's start, W its
// advance width.
type Piece struct {
	X, W float64
	S    string
	Face page.FontFace
	Mark bool
}

// Line is one line of a SpanBlock: its pieces left to right and its width.
type Line struct {
	Pieces []Piece
	W      float64
}

// SpanBlock is a paragraph of styled runs broken into lines at one size.
type SpanBlock struct {
	Size       float64 // points
	LineHeight float64 // baseline to baseline, points
	Width      float64 // the widest line, points
	Lines      []Line
}

// Height returns the block's height from the first line's top (ascent) to
// the last baseline plus the descent, as Block.Height does; pass the
// Regular font.
func (b SpanBlock) Height(f *Font) float64 {
	return height(f, b.Size, b.LineHeight, len(b.Lines))
}

// Wrap breaks s into lines no wider than width at size, greedily, by the
// rules of FitSpans; "\n" forces a break. It fails when one unit alone is
// wider than width.
func Wrap(f *Font, s string, size, width float64, mode Breaks) ([]string, error) {
	p := prepare(s, []run{{start: 0, end: len(s), f: f}}, mode)
	defer p.release()
	ls, _, err := p.breakLines(size, width, width, false, nil)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = s[l.a:l.b]
	}
	return out, nil
}

// FitBlock finds the largest size, in steps of a quarter point from Max down
// to Min and then Min itself (only Max when Min is not below it), at which s
// fits the box, and breaks it there, by the rules of FitSpans. Text is
// shrunk, never clipped: when it does not fit at Min, the error says by how
// much.
//
// Results are remembered for the process: the same text in the same box
// comes back from a poster's three sizes (designed once at A4), from a
// kit's every poster and from a service's repeated requests. A Block's
// Lines are shared and must not be modified.
func FitBlock(f *Font, s string, fit Fit) (Block, error) {
	return fitted.get(fitKey{f, s, fit}, func() (Block, error) { return fitBlock(f, s, fit) })
}

// memo remembers a function's results by key, within fittedEntries (a kit
// sets about 400 blocks; a line is some 60 bytes). Errors are not kept.
type memo[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

const fittedEntries = 4096

func (c *memo[K, V]) get(k K, compute func() (V, error)) (V, error) {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := compute()
	if err == nil {
		c.mu.Lock()
		if c.m == nil || len(c.m) >= fittedEntries {
			c.m = map[K]V{} // a new set of texts: start again
		}
		c.m[k] = v
		c.mu.Unlock()
	}
	return v, err
}

func (c *memo[K, V]) forget() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}

var (
	fitted      memo[fitKey, Block]
	fittedSpans memo[spansKey, SpanBlock]
	outlined    memo[outlineKey, []page.Seg]
)

// Forget drops every remembered fit and art outline, so that the next
// texts are set from scratch (benchmarks of a body's first poster use it).
func Forget() {
	fitted.forget()
	fittedSpans.forget()
	outlined.forget()
}

type fitKey struct {
	f   *Font
	s   string
	fit Fit
}

func fitBlock(f *Font, s string, fit Fit) (Block, error) {
	if missing := f.Missing(strings.ReplaceAll(s, "\n", "")); len(missing) > 0 {
		return Block{}, &MissingGlyphError{Runes: missing, Font: f.Name}
	}
	p := prepare(s, []run{{start: 0, end: len(s), f: f}}, fit.Breaks)
	defer p.release()
	size, lead, ls, err := p.fit(f, fit)
	if err != nil {
		return Block{}, err
	}
	b := Block{Size: size, LineHeight: lead, Lines: make([]string, len(ls))}
	for i, l := range ls {
		b.Lines[i] = s[l.a:l.b]
		b.Width = math.Max(b.Width, f.Width(b.Lines[i], size))
	}
	return b, nil
}

// FitSpans is FitBlock for styled runs: it finds the largest size at which
// the spans fit the box and breaks them there, each span in its face. A word
// may run across spans (a field followed by a comma, say); what binds words
// binds across spans too. Text is measured with kerning inside a span, not
// across spans, as backends draw each piece on its own.
//
// Lines never break inside these units, whose plain spaces bind:
//   - a phone number: a group starting with "+" or "0" ("+32", "02", "(0)2")
//     and the groups of digits that follow it ("+32 2 549 67 00",
//     "0800 12 345", "+32 (0)2 123 45 67"), and a number and its group of
//     thousands ("25 000");
//   - a Belgian postcode and the next word when it has a capital
//     ("1000 Bruxelles", "B-4700 Eupen");
//   - a number and its unit, one of mm cm m km m² pt px % € EUR kg g h min
//     ("25 mm", "1,5 m", "9 h 30", "€ 25"), and a number sign and its
//     number, after one of n° nº no. nr. art. ("n° 2026/0042");
//   - a day and its month, and the year of such a date, in French, Dutch,
//     German and English ("1er mars 2026", "1. März", "March 1");
//   - a word and the ; : ? ! » › that follow it, and « ‹ and the word that
//     follows them ("Tél. :", "plainte ?", "« mot »");
//   - a word and the separator / · | – — that follows it, so a separator
//     ends a line rather than starting the next.
//
// Units are found from the words themselves, not from their meaning: "2026
// Bruxelles" binds like a postcode, harmlessly. Breaking is linear in the
// text's length at each size tried.
//
// Results are remembered for the process, as FitBlock's are; a SpanBlock's
// lines and pieces are shared and must not be modified.
func FitSpans(fonts *Set, spans []Span, fit Fit) (SpanBlock, error) {
	var k strings.Builder
	for _, sp := range spans {
		k.WriteString(strconv.Itoa(len(sp.S)))
		k.WriteByte(':')
		k.WriteString(sp.S)
		k.WriteString(string(sp.Face))
		if sp.Mark {
			k.WriteByte('*')
		}
		k.WriteByte(0)
	}
	return fittedSpans.get(spansKey{fonts, k.String(), fit}, func() (SpanBlock, error) { return fitSpans(fonts, spans, fit) })
}

// spansKey is a set of fonts, the spans (each its text's length, a colon,
// its text, its face, * when marked, NUL) and the box.
type spansKey struct {
	fonts *Set
	spans string
	fit   Fit
}

func fitSpans(fonts *Set, spans []Span, fit Fit) (SpanBlock, error) {
	var sb strings.Builder
	runs := make([]run, 0, len(spans))
	var missing []rune
	missingFont := ""
	for _, sp := range spans {
		f := fonts.Face(sp.Face)
		for _, r := range f.Missing(strings.ReplaceAll(sp.S, "\n", "")) {
			if !slices.Contains(missing, r) {
				missing = append(missing, r)
				if missingFont == "" {
					missingFont = f.Name
				}
			}
		}
		if sp.S == "" {
			continue
		}
		runs = append(runs, run{start: sb.Len(), end: sb.Len() + len(sp.S), f: f, face: sp.Face, mark: sp.Mark})
		sb.WriteString(sp.S)
	}
	if len(missing) > 0 {
		return SpanBlock{}, &MissingGlyphError{Runes: missing, Font: missingFont}
	}
	s := sb.String()
	p := prepare(s, runs, fit.Breaks)
	defer p.release()
	size, lead, ls, err := p.fit(fonts.Regular, fit)
	if err != nil {
		return SpanBlock{}, err
	}
	b := SpanBlock{Size: size, LineHeight: lead, Lines: make([]Line, len(ls))}
	ri := 0 // the first run that may overlap the line
	for i, l := range ls {
		var line Line
		for ri < len(runs) && runs[ri].end <= l.a {
			ri++
		}
		for j := ri; j < len(runs) && runs[j].start < l.b; j++ {
			r := runs[j]
			a, e := max(r.start, l.a), min(r.end, l.b)
			if a >= e {
				continue
			}
			w := r.f.Width(s[a:e], size)
			line.Pieces = append(line.Pieces, Piece{X: line.W, W: w, S: s[a:e], Face: r.face, Mark: r.mark})
			line.W += w
		}
		b.Lines[i] = line
		b.Width = math.Max(b.Width, line.W)
	}
	return b, nil
}

// fit tries the sizes from Max down and returns the first at which the
// text fits, its line height and its lines; m gives the ascent and descent
// for MaxHeight.
func (p *prepared) fit(m *Font, fit Fit) (size, lineHeight float64, lines []lineRange, err error) {
	lead := fit.Leading
	if lead == 0 {
		lead = 1.25
	}
	// Why the last size tried failed: an error, or too many lines, or too
	// high; the message is made once, at the end.
	var last struct {
		err         error
		size, h     float64
		lines       int
		tooManyLine bool
	}
	for _, size := range sizes(fit.Max, fit.Min) {
		ls, lone, err := p.breakLines(size, fit.Width, fit.Width, false, lines[:0])
		last.err, last.size = err, size
		if err != nil {
			continue
		}
		lines = ls
		last.lines, last.tooManyLine = len(ls), true
		if fit.MaxLines > 0 && len(ls) > fit.MaxLines {
			continue
		}
		last.h, last.tooManyLine = height(m, size, size*lead, len(ls)), false
		if fit.MaxHeight > 0 && last.h > fit.MaxHeight+1e-9 {
			continue
		}
		if fit.Balance {
			ls = p.balance(size, fit.Width, ls, lone)
		}
		return size, size * lead, ls, nil
	}
	reason := last.err
	switch {
	case reason != nil:
	case last.tooManyLine:
		reason = fmt.Errorf("needs %d lines at %.1f pt; the box holds %d", last.lines, last.size, fit.MaxLines)
	default:
		reason = fmt.Errorf("is %.1f pt high at %.1f pt; the box holds %.1f pt", last.h, last.size, fit.MaxHeight)
	}
	return 0, 0, nil, &DoesNotFitError{Min: fit.Min, Reason: reason}
}

// sizes returns the sizes FitBlock tries, largest first: Max, then down in
// quarter points while above Min, then Min itself. Only Max when Min is not
// below it.
func sizes(max, min float64) []float64 {
	out := []float64{max}
	if !(min < max-1e-9) { // NaN too
		return out
	}
	for k := 1; k < 4000 && max-0.25*float64(k) > min+1e-9; k++ {
		out = append(out, max-0.25*float64(k))
	}
	return append(out, min)
}

// balance returns the text's lines at size broken at the narrowest width
// that takes as many lines as ls, broken at width, does; with the last two
// words of a paragraph kept together when ls leaves one alone on the last
// line (lone) and keeping them costs no line.
func (p *prepared) balance(size, width float64, ls []lineRange, lone bool) []lineRange {
	n := len(ls)
	if n < 2 {
		return ls
	}
	bindLast := false
	var spare []lineRange // breaks into it, swapped with ls when better
	if lone {
		if l, _, err := p.breakLines(size, width, width, true, spare); err == nil && len(l) == n {
			ls, spare, bindLast = l, ls, true
		}
	}
	// Whether a word fits a line whole is still judged at the box's width,
	// so balancing never breaks a URL that fits.
	lo, hi := 0.0, width
	for hi-lo > 0.05 {
		mid := (lo + hi) / 2
		l, _, err := p.breakLines(size, mid, width, bindLast, spare[:0])
		if err == nil && len(l) == n {
			ls, spare, hi = l, ls, mid
		} else {
			spare, lo = l, mid
		}
	}
	return ls
}

// lineRange is a line as the bytes [a, b) of the text.
type lineRange struct{ a, b int }

// breakLines breaks the text greedily at size into lines no wider than
// width: each line ends at the last break that fits. Breaks inside a word
// are taken only when the word does not fit a line of wordWidth. It is
// linear in the number of breaks: each is looked at once, or twice when it
// ends a line. lone reports whether a paragraph's last word is alone on its
// line; with bindLast, the breaks that would do that are not taken.
func (p *prepared) breakLines(size, width, wordWidth float64, bindLast bool, out []lineRange) (lines []lineRange, lone bool, err error) {
	const eps = 1e-9
	fits := func(a, b int) bool { return p.em(a, b)*size <= width+eps }
	s, last := 0, -1
	for j := 0; j < len(p.breaks); {
		b := &p.breaks[j]
		if b.kind == brkInner && b.need*size <= wordWidth+eps || bindLast && b.last {
			j++
			continue
		}
		if fits(s, b.end) {
			if b.kind == brkEnd {
				out = append(out, lineRange{s, b.end})
				s, last = b.next, -1
			} else {
				last = j
			}
			j++
			continue
		}
		if last < 0 {
			return out[:0], false, p.tooWide(s, b.end, size, width)
		}
		lb := &p.breaks[last]
		out = append(out, lineRange{s, lb.end})
		lone = lone || lb.last
		s, last = lb.next, -1
	}
	return out, lone, nil
}

func (p *prepared) tooWide(a, b int, size, width float64) error {
	var why []string
	for _, k := range p.bound {
		if k.pos >= a && k.pos < b && k.why != "" && !slices.Contains(why, k.why) {
			why = append(why, k.why)
		}
	}
	return &TooWideError{Word: p.text[a:b], Width: p.em(a, b) * size, Max: width, Bound: strings.Join(why, ", ")}
}

// TooWideError reports a word, or words kept together, that do not fit
// their line.
type TooWideError struct {
	Word       string
	Width, Max float64
	// Bound says why the spaces in Word do not break ("a phone number",
	// "a postcode and its town", ...); empty for a word.
	Bound string
}

func (e *TooWideError) Error() string {
	if e.Bound != "" {
		return fmt.Sprintf("%q is kept on one line (%s) and is %.1f pt wide; the line holds %.1f pt", e.Word, e.Bound, e.Width, e.Max)
	}
	return fmt.Sprintf("%q is %.1f pt wide; the line holds %.1f pt", e.Word, e.Width, e.Max)
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

// Unwrap returns the reason, so that errors.As finds a TooWideError in it.
func (e *DoesNotFitError) Unwrap() error { return e.Reason }

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

// run is a span as the bytes [start, end) of the text, with its font.
type run struct {
	start, end int
	f          *Font
	face       page.FontFace
	mark       bool
}

type brkKind uint8

const (
	brkSpace brkKind = iota // plain spaces between two units
	brkEnd                  // a newline or the end of the text: the line ends here
	brkInner                // inside a word: taken only when the word does not fit a line
)

// brk is a place where a line may end.
type brk struct {
	end, next int     // the line ends at end, the next one starts at next
	need      float64 // brkInner: taken only when this width, in em, does not fit a line
	kind      brkKind
	last      bool // the last breakable space of a paragraph of three words or more
}

// bind is a plain space that does not break, and why.
type bind struct {
	pos int
	why string
}

// prepared is a text measured once and its breaks found once, for every
// size and width tried: widths scale with the size, and which inner breaks
// are taken depends only on the width of the words they are in.
type prepared struct {
	text   string
	pre    []float64 // pre[i]: the width of text[:i] in em, without kerning across runs
	kern   []float64 // kern[i]: the kerning in em between the characters either side of i, in one run
	breaks []brk     // in order
	bound  []bind

	toks []tok  // scratch, one paragraph's words
	brkb []bool // scratch: the gap after toks[i] breaks
}

// prepPool keeps prepared texts' slices for the next text: a poster fits
// dozens of paragraphs, a batch thousands.
var prepPool = sync.Pool{New: func() any { return new(prepared) }}

// release returns p to the pool; nothing may use it after.
func (p *prepared) release() {
	if cap(p.pre) > 1<<16 {
		return // a very long text: let its slices go
	}
	p.text = ""
	prepPool.Put(p)
}

// grow returns s with length n, reusing its array when large enough.
func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// tok is a word: the bytes [a, b) of the text between separators.
type tok struct{ a, b int }

// em returns the width of text[a:b] in em, as Font.Width measures it run by
// run.
func (p *prepared) em(a, b int) float64 { return p.pre[b] - p.pre[a] - p.kern[a] }

// prepare measures s, whose runs cover it in order, and finds its breaks.
func prepare(s string, runs []run, mode Breaks) *prepared {
	p := prepPool.Get().(*prepared)
	p.text = s
	p.pre = grow(p.pre, len(s)+1)
	p.kern = grow(p.kern, len(s)+1)
	p.pre[0], p.kern[len(s)] = 0, 0
	n := 1 // breaks: about one a space, newline or URL punctuation
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\n', '/', '.', '-', '_', '?', '#', '%', '~', '@':
			n++
		case '=', '&':
			n += 2
		}
	}
	p.breaks = slices.Grow(p.breaks[:0], n)
	p.bound = p.bound[:0]
	for _, r := range runs {
		var prev sfnt.GlyphIndex
		for i := r.start; i < r.end; {
			c, n := utf8.DecodeRuneInString(s[i:r.end])
			g := r.f.glyph(c)
			k := r.f.kern(prev, g.index)
			p.kern[i] = k
			for j := i + 1; j < i+n; j++ {
				p.pre[j], p.kern[j] = p.pre[i], 0 // inside a character: as at its start
			}
			p.pre[i+n] = p.pre[i] + k + g.advance
			prev = g.index
			i += n
		}
	}
	for ps := 0; ; {
		pe, next := len(s), len(s)
		if i := strings.IndexByte(s[ps:], '\n'); i >= 0 {
			pe, next = ps+i, ps+i+1
		}
		p.paragraph(ps, pe, next, mode)
		if pe == len(s) {
			return p
		}
		ps = next
	}
}

// paragraph finds the breaks of text[ps:pe], whose next paragraph starts at
// next. Leading spaces stay with the first word; trailing spaces are dropped.
func (p *prepared) paragraph(ps, pe, next int, mode Breaks) {
	s := p.text
	end := pe
	for end > ps && s[end-1] == ' ' {
		end--
	}
	p.toks = p.toks[:0]
	for i := ps; i < end; {
		c, n := utf8.DecodeRuneInString(s[i:end])
		if isSep(c) {
			i += n
			continue
		}
		j := i + n
		for j < end {
			c, n := utf8.DecodeRuneInString(s[j:end])
			if isSep(c) {
				break
			}
			j += n
		}
		p.toks = append(p.toks, tok{i, j})
		i = j
	}
	// Which gaps break: plain spaces only, unless a rule binds them.
	p.brkb = p.brkb[:0]
	var st binder
	nb, lastGap := 0, -1
	for k := 0; k+1 < len(p.toks); k++ {
		g0, g1 := p.toks[k].b, p.toks[k+1].a
		brk := strings.Count(s[g0:g1], " ") == g1-g0
		if why := st.why(s[p.toks[k].a:g0], s[g1:p.toks[k+1].b]); brk && why != "" {
			p.bound = append(p.bound, bind{g0, why})
			brk = false
		}
		if brk {
			nb, lastGap = nb+1, k
		}
		p.brkb = append(p.brkb, brk)
	}
	// The words between breaking gaps, their inner breaks, and the gaps.
	first := 0 // the first tok of the current word
	for k := range p.toks {
		if k+1 < len(p.toks) && !p.brkb[k] {
			continue
		}
		if mode == InURL {
			wa, wb := p.toks[first].a, p.toks[k].b
			if first == 0 {
				wa = ps
			}
			if k+1 == len(p.toks) {
				wb = end
			}
			w := p.em(wa, wb)
			for _, t := range p.toks[first : k+1] {
				p.inner(t.a, t.b, w)
			}
		}
		if k+1 < len(p.toks) {
			p.breaks = append(p.breaks, brk{end: p.toks[k].b, next: p.toks[k+1].a, kind: brkSpace, last: nb >= 2 && k == lastGap})
		}
		first = k + 1
	}
	p.breaks = append(p.breaks, brk{end: end, next: next, kind: brkEnd})
}

// isSep reports whether r separates words: a space or a no-break space.
func isSep(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2007'
}

type urlKind int

const (
	plainWord urlKind = iota
	urlWord
	emailWord
)

// inner adds the breaks inside the word text[a:b] for InURL: a URL's, an
// e-mail address's, or a compound word's; w is the width in em of the unit
// it is in, which must not fit a line for them to be taken.
func (p *prepared) inner(a, b int, w float64) {
	t := p.text[a:b]
	ca, cb := trimPunct(t)
	c := t[ca:cb]
	base := a + ca
	firstAl, lastAl := -1, -1 // the first and last letter or digit of c
	for i, r := range c {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if firstAl < 0 {
				firstAl = i
			}
			lastAl = i
		}
	}
	if firstAl < 0 {
		return
	}
	// add breaks before c[pos] when the part of the word on either side
	// holds a letter or a digit, and the line would not end with a hyphen
	// (unless afterHyphen).
	add := func(pos int, need float64, afterHyphen bool) {
		if pos <= firstAl || pos > lastAl || c[pos-1] == '-' && !afterHyphen {
			return
		}
		at := base + pos
		if n := len(p.breaks); n > 0 && p.breaks[n-1].end >= at {
			return
		}
		p.breaks = append(p.breaks, brk{end: at, next: at, need: need, kind: brkInner})
	}
	kind, hs, he := classify(c)
	switch kind {
	case urlWord:
		if hs > 0 {
			add(hs, w, false) // after "scheme://"
		}
		host := p.em(base+hs, base+he)
		for i := hs + 1; i < he; i++ {
			if c[i] == '.' || c[i] == '-' {
				add(i, host, false)
			}
		}
		for i := he; i < len(c); i++ {
			switch c[i] {
			case '/':
				if (i == 0 || c[i-1] != '/') && (i+1 == len(c) || c[i+1] != '/') {
					add(i, w, false)
				}
			case '.', '-', '_', '?', '#', '%', '~':
				add(i, w, false)
			case '=', '&':
				add(i, w, false)
				add(i+1, w, false)
			}
		}
	case emailWord:
		add(hs, w, false) // before "@"
		for i := hs + 1; i < len(c); i++ {
			if c[i] == '.' {
				add(i, w, false)
			}
		}
	default:
		// A compound word: after a hyphen or a slash between letters.
		prev := rune(-1)
		for i, r := range c {
			if prev == '-' || prev == '/' {
				if q, _ := utf8.DecodeLastRuneInString(c[:i-1]); unicode.IsLetter(q) && unicode.IsLetter(r) {
					add(i, w, true)
				}
			}
			prev = r
		}
	}
}

// classify tells a URL (with where its host starts and ends), an e-mail
// address (with its "@") and a plain word apart.
func classify(c string) (kind urlKind, hs, he int) {
	if i := strings.Index(c, "://"); i > 0 {
		hs = i + 3
		he = hs + indexOrLen(c[hs:], "/?#")
		return urlWord, hs, he
	}
	if at := strings.IndexByte(c, '@'); at > 0 && strings.IndexByte(c[at+1:], '.') > 0 && !strings.ContainsRune(c, '/') {
		return emailWord, at, len(c)
	}
	he = indexOrLen(c, "/?#")
	if len(c) > 4 && strings.EqualFold(c[:4], "www.") || isDomain(c[:he]) {
		return urlWord, 0, he
	}
	return plainWord, 0, 0
}

func indexOrLen(s, chars string) int {
	if i := strings.IndexAny(s, chars); i >= 0 {
		return i
	}
	return len(s)
}

// isDomain reports whether h is a host name such as "example.org": ASCII
// labels, the last of two letters or more.
func isDomain(h string) bool {
	dot := strings.LastIndexByte(h, '.')
	if dot < 0 {
		return false
	}
	for l := range strings.SplitSeq(h, ".") {
		if l == "" || strings.Trim(l, letters+digits+"-") != "" {
			return false
		}
	}
	tld := h[dot+1:]
	return len(tld) >= 2 && strings.Trim(tld, letters) == ""
}

const (
	letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	digits  = "0123456789"
)

// trimPunct returns where t is left once the punctuation of the sentence
// around it is trimmed: ( « “ before it, ) » ” , . ; : ! ? after it.
func trimPunct(t string) (a, b int) {
	b = len(t)
	for a < b {
		r, n := utf8.DecodeRuneInString(t[a:b])
		if !isLeadPunct(r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(t[a:b])
		if !isTrailPunct(r) {
			break
		}
		b -= n
	}
	return a, b
}

func isLeadPunct(r rune) bool {
	switch r {
	case '(', '«', '‹', '“', '‘', '"', '\'', '<', '[':
		return true
	}
	return false
}

func isTrailPunct(r rune) bool {
	switch r {
	case ')', '»', '›', '”', '’', '"', '\'', '>', ']', ',', '.', ';', ':', '!', '?':
		return true
	}
	return false
}

// binder decides which plain spaces bind two words, from the words on
// either side and whether the previous space bound a phone number or a day
// to its month.
type binder struct{ phone, date, townArticle bool }

// townArticles open towns' names of more than one word ("La Calamine",
// "Le Roeulx", "Den Haag").
var townArticles = map[string]bool{"La": true, "Le": true, "Les": true, "De": true, "Den": true, "Het": true, "'s": true, "Sankt": true}

// why returns why the space between the words a and b binds, or "".
func (st *binder) why(a, b string) string {
	ca, cb := trimPunct(b)
	bc := b[:cb] // b without the punctuation after it
	fa, _ := utf8.DecodeRuneInString(b)
	la, _ := utf8.DecodeLastRuneInString(a)
	why, dayMonth := "", false
	switch {
	case fa == ';' || fa == ':' || fa == '?' || fa == '!' || fa == '»' || fa == '›' || la == '«' || la == '‹':
		why = "punctuation and its word"
	case b == "/" || b == "·" || b == "|" || b == "-" || b == "–" || b == "—":
		why = "a separator and the word before it"
	case (st.phone || isPhoneStart(a)) && isPhoneGroup(a) && isPhoneGroup(bc):
		why = "a phone number"
	case st.townArticle && startsUpper(b):
		// "4720 La Calamine", "1000 Den Haag": the town's article and
		// its name.
		why = "a postcode and its town"
	case ca > 0 || !hasDigit(a) && !hasDigit(bc) && a != "€" && a != "EUR":
		// b opens with punctuation: not a number or a name; and every
		// other rule has a number on one side.
	case startsDigit(bc) && numberSigns[a]:
		why = "a number sign and its number"
	case isNumber(a) && isThousands(bc):
		why = "a number"
	case isPostcode(a) && startsUpper(b):
		why = "a postcode and its town"
	case startsDigit(a) && isDay(a) && isMonth(bc):
		why, dayMonth = "a date", true
	case st.date && isDigits(bc, 4, 4) && isMonth(a),
		startsDigit(bc) && isDay(bc) && isMonth(a):
		why = "a date"
	case isNumber(a) && units[bc],
		(a == "€" || a == "EUR") && isNumber(bc),
		a == "h" && isDigits(bc, 2, 2):
		why = "a number and its unit"
	}
	st.phone, st.date = why == "a phone number", dayMonth
	st.townArticle = why == "a postcode and its town" && isPostcode(a) && townArticles[bc]
	return why
}

func startsDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// isMonth reports whether s is a month's name, in any case.
func isMonth(s string) bool {
	var b [12]byte
	if len(s) > len(b) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return months[string(b[:len(s)])]
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// numberSigns are the abbreviations that bind to the number after them.
var numberSigns = map[string]bool{
	"n°": true, "N°": true, "nº": true, "Nº": true, "no.": true, "No.": true,
	"nr.": true, "Nr.": true, "art.": true, "Art.": true,
}

// units are the units a number binds to.
var units = map[string]bool{
	"mm": true, "cm": true, "m": true, "km": true, "m²": true, "pt": true, "px": true,
	"%": true, "€": true, "EUR": true, "kg": true, "g": true, "h": true, "min": true,
}

// months are the months' names in French, Dutch, German and English, in
// lower case.
var months = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Fields(`
		janvier février mars avril mai juin juillet août septembre octobre novembre décembre
		januari februari maart april mei juni juli augustus september oktober november december
		januar jänner februar märz april mai juni juli august september oktober november dezember
		january february march april may june july august september october november december`) {
		m[s] = true
	}
	return m
}()

// isDigits reports whether s is min to max ASCII digits.
func isDigits(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isNumber reports whether s is a number: digits, with . or , between them.
func isNumber(s string) bool {
	if s == "" || !isDigits(s[:1], 1, 1) || !isDigits(s[len(s)-1:], 1, 1) {
		return false
	}
	return strings.Trim(s, digits+".,") == ""
}

// isThousands reports whether s is a group of thousands: three digits,
// maybe with decimals ("250", "250,50").
func isThousands(s string) bool {
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		return i == 3 && isDigits(s[:3], 3, 3) && isDigits(s[4:], 1, 10)
	}
	return isDigits(s, 3, 3)
}

// isPhoneGroup reports whether s is a group of a phone number: digits, + ( )
// . / -, with a digit, "+" first if at all, ending with a digit or ")".
func isPhoneGroup(s string) bool {
	if s == "" || strings.Trim(s, digits+"+()./-") != "" || strings.LastIndexByte(s, '+') > 0 ||
		!hasDigit(s) {
		return false
	}
	l := s[len(s)-1]
	return l == ')' || l >= '0' && l <= '9'
}

// isPhoneStart reports whether s starts a phone number: "+32", "02",
// "0800", "(0)2".
func isPhoneStart(s string) bool {
	s = strings.TrimPrefix(s, "(")
	if len(s) < 2 {
		return false
	}
	return s[0] == '+' && isDigits(s[1:2], 1, 1) || s[0] == '0' && (s[1] == ')' || isDigits(s[1:2], 1, 1))
}

// isPostcode reports whether s is a Belgian postcode: "1000", "B-4700".
func isPostcode(s string) bool {
	s = strings.TrimPrefix(s, "B-")
	return isDigits(s, 4, 4) && s[0] != '0'
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isDay reports whether s is a day of the month: "1", "1er", "1.", "1st",
// "21ste".
func isDay(s string) bool {
	for _, suf := range []string{"ste", "er", "re", "de", "st", "nd", "rd", "th", "e", "."} {
		if t, ok := strings.CutSuffix(s, suf); ok && t != "" {
			s = t
			break
		}
	}
	if !isDigits(s, 1, 2) {
		return false
	}
	d := int(s[0] - '0')
	if len(s) == 2 {
		d = d*10 + int(s[1]-'0')
	}
	return d >= 1 && d <= 31
}
