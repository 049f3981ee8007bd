package pdf

import (
	"fmt"
	"hash/fnv"
	"math"
	"strings"
	"sync"
	"unicode/utf16"

	"affiches/internal/deflate"
	"affiches/internal/pdfdoc"
	"affiches/internal/render/page"
	"affiches/internal/text"
	"affiches/internal/ttf"
)

// Fonts are embedded as Type 0 fonts over a TrueType CIDFont: each glyph a
// document uses gets the next character code (CID), which is also its glyph
// number in the embedded subset (CIDToGIDMap /Identity), and the ToUnicode
// map gives each code back its character.

// faceUse is the part of a font one document uses.
type faceUse struct {
	font *text.Font
	ttf  *ttf.Font
	name pdfdoc.Name // the resource name
	ref  pdfdoc.Ref
	cid  []uint16 // by glyph: its code, 0 when unused yet
	gids []uint16 // by code-1: the glyph
	uni  []rune   // by code-1: the character
}

// ttfs keeps each font's TrueType tables parsed for the process.
var ttfs sync.Map // *text.Font → *ttf.Font

func newFaceUse(font *text.Font, name pdfdoc.Name, ref pdfdoc.Ref) (*faceUse, error) {
	tf, ok := ttfs.Load(font)
	if !ok {
		parsed, err := ttf.Parse(font.Data)
		if err != nil {
			return nil, fmt.Errorf("pdf: font %s: %w", font.Name, err)
		}
		tf, _ = ttfs.LoadOrStore(font, parsed)
	}
	t := tf.(*ttf.Font)
	return &faceUse{font: font, ttf: t, name: name, ref: ref, cid: make([]uint16, t.NumGlyphs())}, nil
}

// code returns the character code of r's glyph g, giving it the next one
// on first use.
func (u *faceUse) code(g uint16, r rune) uint16 {
	c := u.cid[g]
	if c == 0 {
		u.gids = append(u.gids, g)
		u.uni = append(u.uni, r)
		c = uint16(len(u.gids))
		u.cid[g] = c
	} else if r < u.uni[c-1] {
		// A glyph drawn for two characters (a space and a no-break
		// space) reads as the plainer one.
		u.uni[c-1] = r
	}
	return c
}

// appendText appends a TJ (or Tj) operator that shows s, with the font's
// kerning as the text package measured it.
func (u *faceUse) appendText(b []byte, s string) ([]byte, error) {
	start := len(b)
	b = append(b, "[<"...)
	kerned := false
	var prev rune
	k := 1000 / u.font.UnitsPerEm()
	for i, r := range s {
		g, _ := u.font.Glyph(r)
		if g == 0 {
			return b[:start], fmt.Errorf("pdf: the font %s has no glyph for %q", u.font.Name, r)
		}
		if i > 0 {
			if kern := u.font.KernUnits(prev, r); kern != 0 {
				b = append(b, '>')
				b = pdfdoc.AppendNum(b, -kern*k, 3)
				b = append(b, '<')
				kerned = true
			}
		}
		c := u.code(uint16(g), r)
		b = append(b, hexDigits[c>>12], hexDigits[c>>8&15], hexDigits[c>>4&15], hexDigits[c&15])
		prev = r
	}
	if !kerned {
		// <...> Tj: drop the brackets.
		copy(b[start:], b[start+1:])
		b = b[:len(b)-1]
		return append(b, "> Tj\n"...), nil
	}
	return append(b, ">] TJ\n"...), nil
}

const hexDigits = "0123456789ABCDEF"

// write writes the font's objects: the Type 0 font at u.ref, its CIDFont,
// descriptor, subset program and ToUnicode map.
func (u *faceUse) write(f *pdfdoc.File) error {
	t := u.ttf
	z, err := u.compressed()
	if err != nil {
		return err
	}
	ps := t.PostScriptName
	if ps == "" {
		ps = strings.TrimSuffix(u.font.Name, ".ttf")
	}
	base := pdfdoc.Name(subsetTag(u.gids) + "+" + ps)
	scale := func(v int) pdfdoc.Object { return pdfdoc.Real(math.Round(float64(v) * 1000 / float64(t.UnitsPerEm))) }
	flags := 32 // nonsymbolic
	if t.FixedPitch {
		flags |= 1
	}
	if t.ItalicAngle != 0 {
		flags |= 64
	}
	stemV := 50 + math.Pow(float64(t.WeightClass)/65, 2) // the usual estimate from the weight
	file := &pdfdoc.Stream{Dict: pdfdoc.Dict{"Length1": pdfdoc.Int(z.length1), "Filter": pdfdoc.Name("FlateDecode")}, Data: z.program}
	descriptor := f.Add(pdfdoc.Dict{
		"Type":        pdfdoc.Name("FontDescriptor"),
		"FontName":    base,
		"Flags":       pdfdoc.Int(flags),
		"FontBBox":    pdfdoc.Array{scale(t.XMin), scale(t.YMin), scale(t.XMax), scale(t.YMax)},
		"ItalicAngle": pdfdoc.Real(t.ItalicAngle),
		"Ascent":      scale(t.Ascent),
		"Descent":     scale(t.Descent),
		"CapHeight":   scale(t.CapHeight),
		"StemV":       pdfdoc.Int(math.Round(stemV)),
		"FontFile2":   f.AddStream(file),
	})
	widths := make(pdfdoc.Array, len(u.gids))
	for i, g := range u.gids {
		widths[i] = scale(t.Advance(g))
	}
	cidFont := f.Add(pdfdoc.Dict{
		"Type":           pdfdoc.Name("Font"),
		"Subtype":        pdfdoc.Name("CIDFontType2"),
		"BaseFont":       base,
		"CIDSystemInfo":  pdfdoc.Dict{"Registry": pdfdoc.Text("Adobe"), "Ordering": pdfdoc.Text("Identity"), "Supplement": pdfdoc.Int(0)},
		"FontDescriptor": descriptor,
		"W":              pdfdoc.Array{pdfdoc.Int(1), widths},
		"CIDToGIDMap":    pdfdoc.Name("Identity"),
	})
	f.Set(u.ref, pdfdoc.Dict{
		"Type":            pdfdoc.Name("Font"),
		"Subtype":         pdfdoc.Name("Type0"),
		"BaseFont":        base,
		"Encoding":        pdfdoc.Name("Identity-H"),
		"DescendantFonts": pdfdoc.Array{cidFont},
		"ToUnicode":       f.AddStream(&pdfdoc.Stream{Dict: pdfdoc.Dict{"Filter": pdfdoc.Name("FlateDecode")}, Data: z.toUnicode}),
	})
	return nil
}

// compressedSubset is what a subset costs to make: its program and its
// ToUnicode map, compressed.
type compressedSubset struct {
	program   []byte
	length1   int // the program's length before compression
	toUnicode []byte
}

// subsets keeps the last subsets made. The same text gives the same codes
// in the same order, so a kit's A3, A4 and A5 posters, or a service asked
// the same poster in PDF and as a preview, share their fonts' subsets: they
// are cut and compressed once ("compress once, share what repeats").
var subsets = struct {
	sync.Mutex
	m     map[subsetKey]*compressedSubset
	order []subsetKey // oldest first, for eviction
}{m: map[subsetKey]*compressedSubset{}}

// subsetKey is a font and its codes: glyph and character of each, in order.
type subsetKey struct {
	font  *text.Font
	codes string
}

const subsetCacheEntries = 128 // about 1 MB: subsets are 3 to 8 KB compressed

// ForgetSubsets drops the subsets made so far, so that the next document
// cuts and compresses its own (benchmarks of a body's first poster use it).
func ForgetSubsets() {
	subsets.Lock()
	clear(subsets.m)
	subsets.order = nil
	subsets.Unlock()
}

func (u *faceUse) compressed() (*compressedSubset, error) {
	codes := make([]byte, 0, 6*len(u.gids))
	for i, g := range u.gids {
		r := u.uni[i]
		codes = append(codes, byte(g>>8), byte(g), byte(r>>24), byte(r>>16), byte(r>>8), byte(r))
	}
	key := subsetKey{u.font, string(codes)}
	subsets.Lock()
	z, ok := subsets.m[key]
	subsets.Unlock()
	if ok {
		return z, nil
	}
	sub, err := u.ttf.Subset(u.gids)
	if err != nil {
		return nil, fmt.Errorf("pdf: font %s: %w", u.font.Name, err)
	}
	z = &compressedSubset{program: deflate.Bytes(sub), length1: len(sub), toUnicode: deflate.Bytes(toUnicode(u.uni))}
	subsets.Lock()
	defer subsets.Unlock()
	if _, ok := subsets.m[key]; !ok {
		if len(subsets.order) >= subsetCacheEntries {
			delete(subsets.m, subsets.order[0])
			subsets.order = subsets.order[1:]
		}
		subsets.m[key] = z
		subsets.order = append(subsets.order, key)
	}
	return z, nil
}

// subsetTag is the six capital letters that name a subset (ISO 32000 9.9.2),
// made from the glyphs it holds so that the same subset has the same name.
func subsetTag(gids []uint16) string {
	h := fnv.New64a()
	for _, g := range gids {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	v := h.Sum64()
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(tag[:])
}

// toUnicode returns the CMap that maps each code (from 1) to its character.
func toUnicode(uni []rune) []byte {
	b := []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 0; start < len(uni); start += 100 {
		end := min(start+100, len(uni))
		b = fmt.Appendf(b, "%d beginbfchar\n", end-start)
		for i := start; i < end; i++ {
			c := i + 1
			b = append(b, '<', hexDigits[c>>12], hexDigits[c>>8&15], hexDigits[c>>4&15], hexDigits[c&15], '>', ' ', '<')
			for _, u := range utf16.Encode([]rune{uni[i]}) {
				b = append(b, hexDigits[u>>12], hexDigits[u>>8&15], hexDigits[u>>4&15], hexDigits[u&15])
			}
			b = append(b, '>', '\n')
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}

// fontName is the resource name of a face.
func fontName(f page.FontFace) pdfdoc.Name {
	if f == page.Bold {
		return "F2"
	}
	return "F1"
}
