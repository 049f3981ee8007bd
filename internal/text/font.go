// Package text measures and breaks text once, for every backend: glyph
// advances and kerning come from the fonts' own tables (x/image/font/sfnt),
// lines are broken here and handed to the PDF, PNG and SVG backends as they
// are, so all three break identically. It also turns text into outlines and
// refuses characters the fonts lack.
package text

import (
	"fmt"
	"sync"
	"sync/atomic"

	"affiches/assets"
	"affiches/internal/render/page"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Font is a parsed TrueType font with cached metrics.
type Font struct {
	Name string // file name, for messages
	Data []byte // the TTF, for backends that embed or rasterise it
	SFNT *sfnt.Font

	upem    float64
	ascent  float64 // in em
	descent float64

	// Metrics are looked up for every character a layout tries, from
	// every goroutine of a batch, so the caches are read without locks:
	// glyphs of the runes below denseRunes in an array, kerning pairs in
	// a small open-addressed table, both filled on first use. Only rarer
	// runes take the mutex.
	dense  [denseRunes]atomic.Uint64
	kerns  *[kernSlots]atomic.Uint64
	mu     sync.Mutex
	glyphs map[rune]glyph
}

// kernSlots is the size of a font's kerning cache (32 KB): a bilingual
// poster looks up about 270 pairs in a face, a bilingual kit 700. A row
// of every right glyph per left glyph, as before, touched a fresh page of
// memory for each left glyph, which cost a cold command more than the
// lookups themselves.
const (
	kernBits  = 12
	kernSlots = 1 << kernBits
)

// denseRunes covers Latin, Greek, Cyrillic, general punctuation (’ … –)
// and currency signs (€).
const denseRunes = 0x2200

type glyph struct {
	index   sfnt.GlyphIndex
	advance float64 // in em
}

var bufs = sync.Pool{New: func() any { return new(sfnt.Buffer) }}

// Parse reads a TrueType font.
func Parse(name string, data []byte) (*Font, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	upem := float64(f.UnitsPerEm())
	buf := bufs.Get().(*sfnt.Buffer)
	defer bufs.Put(buf)
	m, err := f.Metrics(buf, fixed.I(int(upem)), font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	return &Font{
		Name: name, Data: data, SFNT: f, upem: upem,
		ascent:  float64(m.Ascent) / 64 / upem,
		descent: float64(m.Descent) / 64 / upem,
		glyphs:  map[rune]glyph{},
		kerns:   newKernCache(),
	}, nil
}

// UnitsPerEm returns the font's design units per em.
func (f *Font) UnitsPerEm() float64 { return f.upem }

// Ascent returns the height above the baseline at size, in points.
func (f *Font) Ascent(size float64) float64 { return f.ascent * size }

// Descent returns the depth below the baseline at size, in points (positive).
func (f *Font) Descent(size float64) float64 { return f.descent * size }

func (f *Font) glyph(r rune) glyph {
	if r >= 0 && r < denseRunes {
		// known bit, glyph index, advance in 26.6 font units.
		e := f.dense[r].Load()
		if e == 0 {
			index, adv := f.lookup(r)
			e = 1<<48 | uint64(index)<<32 | uint64(uint32(adv))
			f.dense[r].Store(e)
		}
		return glyph{index: sfnt.GlyphIndex(e >> 32), advance: float64(int32(uint32(e))) / 64 / f.upem}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	g, ok := f.glyphs[r]
	if !ok {
		index, adv := f.lookup(r)
		g = glyph{index: index, advance: float64(adv) / 64 / f.upem}
		f.glyphs[r] = g
	}
	return g
}

// lookup reads r's glyph and advance from the font; index 0 is no glyph.
func (f *Font) lookup(r rune) (sfnt.GlyphIndex, fixed.Int26_6) {
	buf := bufs.Get().(*sfnt.Buffer)
	defer bufs.Put(buf)
	gi, err := f.SFNT.GlyphIndex(buf, r)
	if err != nil || gi == 0 {
		return 0, 0
	}
	adv, err := f.SFNT.GlyphAdvance(buf, gi, fixed.I(int(f.upem)), font.HintingNone)
	if err != nil {
		return 0, 0
	}
	return gi, adv
}

// Glyph returns the font's glyph for r (0 when it has none) and its
// advance in em, for backends that write glyphs rather than characters.
func (f *Font) Glyph(r rune) (sfnt.GlyphIndex, float64) {
	g := f.glyph(r)
	return g.index, g.advance
}

// Has reports whether the font has a glyph for r.
func (f *Font) Has(r rune) bool { return f.glyph(r).index != 0 }

// KernUnits returns the kerning between two characters in font units, from
// GPOS or kern.
func (f *Font) KernUnits(l, r rune) float64 {
	return f.kern(f.glyph(l).index, f.glyph(r).index) * f.upem
}

// newKernCache returns an empty kerning cache whose pages have been
// written: were a lookup's read the first touch of a fresh page, the
// kernel would map its shared zero page, and the first pair stored there
// would fault again to copy it, flushing every CPU's TLB.
func newKernCache() *[kernSlots]atomic.Uint64 {
	c := new([kernSlots]atomic.Uint64)
	for i := 0; i < kernSlots; i += 4096 / 8 {
		c[i].Store(0)
	}
	return c
}

// kern returns the kerning between two glyphs, in em.
func (f *Font) kern(a, b sfnt.GlyphIndex) float64 {
	if a == 0 || b == 0 {
		return 0
	}
	// A slot holds the pair in its top 32 bits and the 26.6 kerning in
	// the low 32; 0 is empty (glyph 0 never kerns). Linear probing from
	// the pair's hash; a full neighbourhood only means no caching.
	pair := uint64(a)<<16 | uint64(b)
	i := uint32(pair * 0x9E3779B97F4A7C15 >> (64 - kernBits)) // Fibonacci hashing
	for range 8 {
		e := f.kerns[i].Load()
		if e == 0 {
			v := f.lookupKern(a, b)
			if f.kerns[i].CompareAndSwap(0, pair<<32|uint64(uint32(v))) || f.kerns[i].Load()>>32 == pair {
				return float64(v) / 64 / f.upem
			}
			continue // another pair took the slot first
		}
		if e>>32 == pair {
			return float64(int32(uint32(e))) / 64 / f.upem
		}
		i = (i + 1) & (kernSlots - 1)
	}
	return float64(f.lookupKern(a, b)) / 64 / f.upem
}

// lookupKern reads the kerning of a pair from the font's GPOS or kern
// table, in 26.6 font units.
func (f *Font) lookupKern(a, b sfnt.GlyphIndex) int32 {
	buf := bufs.Get().(*sfnt.Buffer)
	v, err := f.SFNT.Kern(buf, a, b, fixed.I(int(f.upem)), font.HintingNone)
	bufs.Put(buf)
	if err != nil {
		return 0
	}
	return int32(v)
}

// Width returns the advance width of s at size points, kerning included.
func (f *Font) Width(s string, size float64) float64 {
	var w float64
	var prev sfnt.GlyphIndex
	for _, r := range s {
		g := f.glyph(r)
		w += f.kern(prev, g.index) + g.advance
		prev = g.index
	}
	return w * size
}

// Missing returns the characters of s the font has no glyph for, in order,
// each once.
func (f *Font) Missing(s string) []rune {
	var out []rune
	var seen map[rune]bool // made on the first missing character: text is checked on every layout
	for _, r := range s {
		if f.Has(r) || seen[r] {
			continue
		}
		if seen == nil {
			seen = map[rune]bool{}
		}
		seen[r] = true
		out = append(out, r)
	}
	return out
}

// ArtOutline is Outline remembered for the process: the lines of text in
// art (a logo's baseline) are outlined again for every PNG and SVG of it.
// The segments are shared and must not be modified.
func (f *Font) ArtOutline(s string, size, x, y float64) []page.Seg {
	segs, _ := outlined.get(outlineKey{f, s, size, x, y}, func() ([]page.Seg, error) { return f.Outline(s, size, x, y), nil })
	return segs
}

type outlineKey struct {
	f          *Font
	s          string
	size, x, y float64
}

// Outline returns the glyphs of s as one path at size points, starting at x
// with its baseline at y (y grows downwards).
func (f *Font) Outline(s string, size, x, y float64) []page.Seg {
	return f.AppendOutline(nil, s, size, x, y)
}

// AppendOutline appends the path Outline returns to segs, so that a caller
// drawing many lines can reuse one slice.
func (f *Font) AppendOutline(segs []page.Seg, s string, size, x, y float64) []page.Seg {
	buf := bufs.Get().(*sfnt.Buffer)
	defer bufs.Put(buf)
	ppem := fixed.I(int(f.upem))
	k := size / f.upem
	var prev sfnt.GlyphIndex
	pen := x
	pt := func(p fixed.Point26_6) page.Point {
		return page.Point{X: pen + float64(p.X)/64*k, Y: y + float64(p.Y)/64*k}
	}
	// Room for a heavy glyph's segments per character, so that segs
	// does not grow (and copy) a line of them several times over. Made,
	// not grown: append and slices.Grow clear the spare capacity, which
	// touches every page of it, and most of it is never used.
	if need := 40 * len(s); cap(segs)-len(segs) < need {
		segs = append(make([]page.Seg, 0, len(segs)+need), segs...)
	}
	for _, r := range s {
		g := f.glyph(r)
		pen += f.kern(prev, g.index) * size
		prev = g.index
		gs, err := f.SFNT.LoadGlyph(buf, g.index, ppem, nil)
		if err == nil {
			var cur page.Point
			open := false
			for _, s := range gs {
				switch s.Op {
				case sfnt.SegmentOpMoveTo:
					if open {
						segs = append(segs, page.Seg{Op: page.Close})
					}
					cur = pt(s.Args[0])
					segs = append(segs, page.Seg{Op: page.MoveTo, Pts: [3]page.Point{cur}})
					open = true
				case sfnt.SegmentOpLineTo:
					cur = pt(s.Args[0])
					segs = append(segs, page.Seg{Op: page.LineTo, Pts: [3]page.Point{cur}})
				case sfnt.SegmentOpQuadTo:
					c, e := pt(s.Args[0]), pt(s.Args[1])
					segs = append(segs, page.Seg{Op: page.CubicTo, Pts: [3]page.Point{
						{X: cur.X + 2.0/3*(c.X-cur.X), Y: cur.Y + 2.0/3*(c.Y-cur.Y)},
						{X: e.X + 2.0/3*(c.X-e.X), Y: e.Y + 2.0/3*(c.Y-e.Y)},
						e,
					}})
					cur = e
				case sfnt.SegmentOpCubeTo:
					cur = pt(s.Args[2])
					segs = append(segs, page.Seg{Op: page.CubicTo, Pts: [3]page.Point{pt(s.Args[0]), pt(s.Args[1]), cur}})
				}
			}
			if open {
				segs = append(segs, page.Seg{Op: page.Close})
			}
		}
		pen += g.advance * size
	}
	return segs
}

// Set is the fonts of affiches by face.
type Set struct {
	Regular, Bold *Font
}

// Face returns the font of a face.
func (s *Set) Face(f page.FontFace) *Font {
	if f == page.Bold {
		return s.Bold
	}
	return s.Regular
}

var defaultSet = sync.OnceValues(func() (*Set, error) {
	reg, err := Parse("AtkinsonHyperlegible-Regular.ttf", assets.RegularTTF)
	if err != nil {
		return nil, err
	}
	bold, err := Parse("AtkinsonHyperlegible-Bold.ttf", assets.BoldTTF)
	if err != nil {
		return nil, err
	}
	return &Set{Regular: reg, Bold: bold}, nil
})

// Fonts returns the built-in fonts, parsed once per process.
func Fonts() *Set {
	s, err := defaultSet()
	if err != nil {
		panic(err) // embedded fonts: a test loads them
	}
	return s
}
