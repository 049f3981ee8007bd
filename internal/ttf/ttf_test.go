package ttf

import (
	"testing"

	"affiches/assets"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

func load(t testing.TB, name string) ([]byte, *Font) {
	t.Helper()
	data, err := assets.FS.ReadFile("fonts/" + name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return data, f
}

// TestSubsetKeepsOutlines: every glyph of a subset has the outline and the
// advance of the glyph it came from, composite glyphs (accented letters)
// included, and the subset is much smaller than the font.
func TestSubsetKeepsOutlines(t *testing.T) {
	for _, name := range []string{"AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf"} {
		t.Run(name, func(t *testing.T) {
			data, f := load(t, name)
			orig, err := sfnt.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			var buf sfnt.Buffer
			var gids []uint16
			for _, r := range "Une plainte n’est pas un recours : élève, Größe € Ÿ ç œ" {
				g, err := orig.GlyphIndex(&buf, r)
				if err != nil || g == 0 {
					t.Fatalf("no glyph for %q", r)
				}
				dup := false
				for _, h := range gids {
					dup = dup || h == uint16(g)
				}
				if !dup {
					gids = append(gids, uint16(g))
				}
			}
			sub, err := f.Subset(gids)
			if err != nil {
				t.Fatal(err)
			}
			if len(sub) > len(data)/3 {
				t.Errorf("subset of %d glyphs is %d bytes, the font %d", len(gids), len(sub), len(data))
			}
			got, err := sfnt.Parse(sub)
			if err != nil {
				t.Fatalf("the subset does not parse: %v", err)
			}
			if again, err := Parse(sub); err != nil || again.NumGlyphs() < len(gids)+1 {
				t.Fatalf("the subset does not parse again: %v", err)
			}
			ppem := fixed.I(f.UnitsPerEm)
			var buf2 sfnt.Buffer
			for i, g := range gids {
				want, err := orig.LoadGlyph(&buf, sfnt.GlyphIndex(g), ppem, nil)
				if err != nil {
					t.Fatal(err)
				}
				have, err := got.LoadGlyph(&buf2, sfnt.GlyphIndex(i+1), ppem, nil)
				if err != nil {
					t.Fatalf("glyph %d (was %d): %v", i+1, g, err)
				}
				if len(have) != len(want) {
					t.Fatalf("glyph %d (was %d): %d segments, want %d", i+1, g, len(have), len(want))
				}
				for j := range want {
					if have[j] != want[j] {
						t.Fatalf("glyph %d (was %d): segment %d differs", i+1, g, j)
					}
				}
				wa, _ := orig.GlyphAdvance(&buf, sfnt.GlyphIndex(g), ppem, font.HintingNone)
				ga, _ := got.GlyphAdvance(&buf2, sfnt.GlyphIndex(i+1), ppem, font.HintingNone)
				if wa != ga || f.Advance(g) != int(wa.Round()) {
					t.Errorf("glyph %d: advance %v, want %v (hmtx %d)", g, ga, wa, f.Advance(g))
				}
			}
		})
	}
}

func TestSubsetRefuses(t *testing.T) {
	_, f := load(t, "AtkinsonHyperlegible-Regular.ttf")
	if _, err := f.Subset([]uint16{5, 5}); err == nil {
		t.Error("a glyph asked twice was accepted")
	}
	if _, err := f.Subset([]uint16{60000}); err == nil {
		t.Error("a glyph out of range was accepted")
	}
	if _, err := Parse([]byte("OTTO0000000000000000")); err == nil {
		t.Error("a CFF font was accepted")
	}
}

func TestMetrics(t *testing.T) {
	_, f := load(t, "AtkinsonHyperlegible-Bold.ttf")
	if f.UnitsPerEm != 1000 || f.PostScriptName != "AtkinsonHyperlegible-Bold" || f.Ascent <= 0 || f.Descent >= 0 || f.CapHeight <= 0 {
		t.Errorf("metrics: %+v", f)
	}
}

func BenchmarkSubset(b *testing.B) {
	_, f := load(b, "AtkinsonHyperlegible-Regular.ttf")
	var gids []uint16
	for g := uint16(3); g < 80; g++ {
		gids = append(gids, g)
	}
	for b.Loop() {
		if _, err := f.Subset(gids); err != nil {
			b.Fatal(err)
		}
	}
}
