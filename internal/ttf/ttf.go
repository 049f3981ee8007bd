// Package ttf subsets TrueType fonts for embedding in PDF: it keeps the
// glyphs a document uses, renumbered from 1, and the tables a PDF viewer
// reads to draw them (head, hhea, maxp, hmtx, loca, glyf). Hinting is
// dropped (the fpgm, prep and cvt tables and every glyph's instructions):
// viewers scale outlines themselves, and the font is a third of the size.
package ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Font is a parsed TrueType font, ready to subset. It is read-only after
// Parse and safe for concurrent use.
type Font struct {
	tables    map[string][]byte
	loca      []uint32 // numGlyphs+1 offsets into glyf
	numGlyphs int
	advances  []uint16 // by glyph
	lsbs      []int16

	// Metrics of the whole font, in font units.
	UnitsPerEm       int
	Ascent, Descent  int // from hhea; Descent is negative
	CapHeight        int // from OS/2, or Ascent without one
	XMin, YMin       int // the bounding box of every glyph
	XMax, YMax       int
	ItalicAngle      float64
	Bold, FixedPitch bool
	PostScriptName   string // from the name table, or ""
	WeightClass      int    // from OS/2, 400 without one
	numberOfHMetrics int
	indexToLocFormat int16
}

// Parse reads a TrueType font (glyf outlines; not CFF).
func Parse(data []byte) (*Font, error) {
	if len(data) < 12 {
		return nil, errors.New("ttf: too short")
	}
	if v := binary.BigEndian.Uint32(data); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("ttf: not a TrueType font (version %#x)", v)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("ttf: truncated table directory")
	}
	f := &Font{tables: map[string][]byte{}}
	for i := range n {
		e := data[12+16*i:]
		tag := string(e[:4])
		off, l := binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])
		if uint64(off)+uint64(l) > uint64(len(data)) {
			return nil, fmt.Errorf("ttf: table %q past the end", tag)
		}
		f.tables[tag] = data[off : off+l]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("ttf: no %q table", t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("ttf: short head, hhea or maxp")
	}
	u16 := func(b []byte, o int) int { return int(binary.BigEndian.Uint16(b[o:])) }
	i16 := func(b []byte, o int) int { return int(int16(binary.BigEndian.Uint16(b[o:]))) }
	f.UnitsPerEm = u16(head, 18)
	f.XMin, f.YMin, f.XMax, f.YMax = i16(head, 36), i16(head, 38), i16(head, 40), i16(head, 42)
	f.Bold = u16(head, 44)&1 != 0
	f.indexToLocFormat = int16(i16(head, 50))
	f.Ascent, f.Descent = i16(hhea, 4), i16(hhea, 6)
	f.numberOfHMetrics = u16(hhea, 34)
	f.numGlyphs = u16(maxp, 4)
	f.CapHeight = f.Ascent
	f.WeightClass = 400
	if os2 := f.tables["OS/2"]; len(os2) >= 6 {
		f.WeightClass = u16(os2, 4)
		if u16(os2, 0) >= 2 && len(os2) >= 90 {
			f.CapHeight = i16(os2, 88)
		}
	}
	if post := f.tables["post"]; len(post) >= 16 {
		f.ItalicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
		f.FixedPitch = binary.BigEndian.Uint32(post[12:]) != 0
	}
	f.PostScriptName = postScriptName(f.tables["name"])
	if f.UnitsPerEm == 0 || f.numGlyphs == 0 || f.numberOfHMetrics == 0 || f.numberOfHMetrics > f.numGlyphs {
		return nil, errors.New("ttf: bad head, hhea or maxp")
	}

	// loca
	loca := f.tables["loca"]
	f.loca = make([]uint32, f.numGlyphs+1)
	for i := range f.loca {
		switch f.indexToLocFormat {
		case 0:
			if 2*i+2 > len(loca) {
				return nil, errors.New("ttf: short loca")
			}
			f.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		case 1:
			if 4*i+4 > len(loca) {
				return nil, errors.New("ttf: short loca")
			}
			f.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		default:
			return nil, fmt.Errorf("ttf: bad indexToLocFormat %d", f.indexToLocFormat)
		}
		if i > 0 && f.loca[i] < f.loca[i-1] || int(f.loca[i]) > len(f.tables["glyf"]) {
			return nil, errors.New("ttf: bad loca")
		}
	}

	// hmtx
	hmtx := f.tables["hmtx"]
	if len(hmtx) < 4*f.numberOfHMetrics+2*(f.numGlyphs-f.numberOfHMetrics) {
		return nil, errors.New("ttf: short hmtx")
	}
	f.advances = make([]uint16, f.numGlyphs)
	f.lsbs = make([]int16, f.numGlyphs)
	for g := range f.numGlyphs {
		if g < f.numberOfHMetrics {
			f.advances[g] = binary.BigEndian.Uint16(hmtx[4*g:])
			f.lsbs[g] = int16(binary.BigEndian.Uint16(hmtx[4*g+2:]))
		} else {
			f.advances[g] = f.advances[f.numberOfHMetrics-1]
			f.lsbs[g] = int16(binary.BigEndian.Uint16(hmtx[4*f.numberOfHMetrics+2*(g-f.numberOfHMetrics):]))
		}
	}
	return f, nil
}

// postScriptName returns name ID 6 from a name table, or "".
func postScriptName(name []byte) string {
	if len(name) < 6 {
		return ""
	}
	count := int(binary.BigEndian.Uint16(name[2:]))
	strings := int(binary.BigEndian.Uint16(name[4:]))
	for i := range count {
		r := name[6+12*i:]
		if len(r) < 12 {
			return ""
		}
		platform, id := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[6:])
		l, off := int(binary.BigEndian.Uint16(r[8:])), int(binary.BigEndian.Uint16(r[10:]))
		if id != 6 || strings+off+l > len(name) {
			continue
		}
		s := name[strings+off : strings+off+l]
		switch platform {
		case 1: // Macintosh Roman: the name is ASCII
			return string(s)
		case 3: // Windows: UTF-16BE
			b := make([]byte, 0, l/2)
			for j := 0; j+1 < len(s); j += 2 {
				b = append(b, s[j+1])
			}
			return string(b)
		}
	}
	return ""
}

// NumGlyphs returns the number of glyphs of the font.
func (f *Font) NumGlyphs() int { return f.numGlyphs }

// Advance returns the advance width of glyph g in font units, as the hmtx
// table gives it (and a PDF's widths must repeat it).
func (f *Font) Advance(g uint16) int {
	if int(g) >= f.numGlyphs {
		return 0
	}
	return int(f.advances[g])
}

// glyph returns the outline data of glyph g.
func (f *Font) glyph(g uint16) []byte {
	return f.tables["glyf"][f.loca[g]:f.loca[g+1]]
}

// Composite glyph flags.
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
	haveInstr      = 0x0100
)

// components calls fn with the offset of each component's glyph index in a
// composite glyph, and returns the offset just past the last component.
func components(data []byte, fn func(at int)) (int, error) {
	at := 10
	for {
		if at+4 > len(data) {
			return 0, errors.New("ttf: truncated composite glyph")
		}
		flags := binary.BigEndian.Uint16(data[at:])
		fn(at + 2)
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&haveTwoByTwo != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			if at > len(data) {
				return 0, errors.New("ttf: truncated composite glyph")
			}
			return at, nil
		}
	}
}

// Subset returns a TrueType font holding glyph 0 (.notdef) and the glyphs
// gids, which become glyphs 1, 2, ... in that order; glyphs that composite
// glyphs are built from follow them. Its hmtx gives the same advances as
// the font's.
func (f *Font) Subset(gids []uint16) ([]byte, error) {
	newID := make(map[uint16]uint16, len(gids)+8)
	order := make([]uint16, 0, len(gids)+8)
	add := func(g uint16) {
		if _, ok := newID[g]; !ok {
			newID[g] = uint16(len(order))
			order = append(order, g)
		}
	}
	add(0)
	for _, g := range gids {
		if int(g) >= f.numGlyphs {
			return nil, fmt.Errorf("ttf: no glyph %d (the font has %d)", g, f.numGlyphs)
		}
		if _, ok := newID[g]; ok {
			return nil, fmt.Errorf("ttf: glyph %d asked twice", g)
		}
		add(g)
	}
	// Components of composite glyphs, and theirs (order grows as we go).
	for i := 0; i < len(order); i++ {
		d := f.glyph(order[i])
		if len(d) < 10 || int16(binary.BigEndian.Uint16(d)) >= 0 {
			continue
		}
		var bad error
		_, err := components(d, func(at int) {
			c := binary.BigEndian.Uint16(d[at:])
			if int(c) >= f.numGlyphs {
				bad = fmt.Errorf("ttf: component glyph %d out of range", c)
				return
			}
			add(c)
		})
		if err != nil {
			return nil, err
		}
		if bad != nil {
			return nil, bad
		}
		if len(order) > 0xFFFF {
			return nil, errors.New("ttf: too many glyphs")
		}
	}

	// glyf and loca, instructions dropped.
	glyf := make([]byte, 0, len(order)*96)
	loca := make([]uint32, 0, len(order)+1)
	for _, g := range order {
		loca = append(loca, uint32(len(glyf)))
		d := f.glyph(g)
		if len(d) >= 10 {
			var err error
			if glyf, err = appendGlyph(glyf, d, newID); err != nil {
				return nil, fmt.Errorf("ttf: glyph %d: %w", g, err)
			}
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	loca = append(loca, uint32(len(glyf)))
	short := len(glyf) < 0x20000
	var locaB []byte
	for _, o := range loca {
		if short {
			locaB = binary.BigEndian.AppendUint16(locaB, uint16(o/2))
		} else {
			locaB = binary.BigEndian.AppendUint32(locaB, o)
		}
	}

	// hmtx: a full metric for every glyph.
	hmtx := make([]byte, 0, 4*len(order))
	for _, g := range order {
		hmtx = binary.BigEndian.AppendUint16(hmtx, f.advances[g])
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(f.lsbs[g]))
	}

	head := append([]byte(nil), f.tables["head"][:54]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	if short {
		binary.BigEndian.PutUint16(head[50:], 0)
	} else {
		binary.BigEndian.PutUint16(head[50:], 1)
	}
	hhea := append([]byte(nil), f.tables["hhea"][:36]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(order)))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(order)))
	if len(maxp) >= 32 {
		// No hinting left: no twilight zone, functions, instructions or stack.
		for _, o := range []int{16, 18, 20, 22, 24, 26} {
			binary.BigEndian.PutUint16(maxp[o:], 0)
		}
		binary.BigEndian.PutUint16(maxp[14:], 1) // maxZones
	}

	// post format 3: no glyph names.
	post := make([]byte, 32)
	if p := f.tables["post"]; len(p) >= 32 {
		copy(post, p[:32])
	}
	binary.BigEndian.PutUint32(post, 0x00030000)

	tables := []struct {
		tag  string
		data []byte
	}{{"cmap", emptyCmap}, {"glyf", glyf}, {"head", head}, {"hhea", hhea}, {"hmtx", hmtx}, {"loca", locaB}, {"maxp", maxp}, {"post", post}} // sorted by tag
	n := len(tables)
	size := 12 + 16*n
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	es := int(math.Floor(math.Log2(float64(n))))
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<es))
	headAt := 0
	for i, t := range tables {
		e := out[12+16*i:]
		copy(e, t.tag)
		binary.BigEndian.PutUint32(e[4:], checksum(t.data))
		binary.BigEndian.PutUint32(e[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(e[12:], uint32(len(t.data)))
		if t.tag == "head" {
			headAt = len(out)
		}
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out, nil
}

// emptyCmap maps no character: a PDF reaches glyphs by number, but font
// parsers want the table. It is one (3,1) format 4 subtable with only the
// closing segment.
var emptyCmap = []byte{
	0, 0, 0, 1, // version, one subtable
	0, 3, 0, 1, 0, 0, 0, 12, // Windows Unicode BMP, at 12
	0, 4, 0, 24, 0, 0, // format 4, length, language
	0, 2, 0, 2, 0, 0, 0, 0, // segCountX2, searchRange, entrySelector, rangeShift
	0xFF, 0xFF, 0, 0, // endCode, reservedPad
	0xFF, 0xFF, 0, 1, 0, 0, // startCode, idDelta, idRangeOffset
}

// appendGlyph appends glyph data d without its instructions, its component
// glyph indices renumbered.
func appendGlyph(dst, d []byte, newID map[uint16]uint16) ([]byte, error) {
	contours := int16(binary.BigEndian.Uint16(d))
	if contours >= 0 {
		at := 10 + 2*int(contours)
		if at+2 > len(d) {
			return nil, errors.New("truncated simple glyph")
		}
		il := int(binary.BigEndian.Uint16(d[at:]))
		if at+2+il > len(d) {
			return nil, errors.New("truncated instructions")
		}
		dst = append(dst, d[:at]...)
		dst = append(dst, 0, 0)
		return append(dst, d[at+2+il:]...), nil
	}
	start := len(dst)
	end, err := components(d, func(int) {})
	if err != nil {
		return nil, err
	}
	dst = append(dst, d[:end]...)
	g := dst[start:]
	_, err = components(g, func(at int) {
		flags := binary.BigEndian.Uint16(g[at-2:])
		binary.BigEndian.PutUint16(g[at-2:], flags&^haveInstr)
		binary.BigEndian.PutUint16(g[at:], newID[binary.BigEndian.Uint16(g[at:])])
	})
	return dst, err
}

// checksum is the TrueType table checksum: the sum of big-endian uint32s,
// the data padded with zeros.
func checksum(b []byte) uint32 {
	var s uint32
	for len(b) >= 4 {
		s += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var t [4]byte
		copy(t[:], b)
		s += binary.BigEndian.Uint32(t[:])
	}
	return s
}
