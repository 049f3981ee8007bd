package text

import (
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"affiches/internal/render/page"

	"golang.org/x/image/font/sfnt"
)

func TestKerningFromGPOS(t *testing.T) {
	f := Fonts().Regular
	plain := f.Width("A", 100) + f.Width("V", 100)
	if kerned := f.Width("AV", 100); kerned >= plain {
		t.Errorf("Width(AV) = %.2f, want less than A + V = %.2f (GPOS kerning)", kerned, plain)
	}
	if k := f.KernUnits('A', 'V'); k >= 0 {
		t.Errorf("KernUnits(A, V) = %v, want negative", k)
	}
}

func TestWrap(t *testing.T) {
	f := Fonts().Regular
	tests := []struct {
		name  string
		s     string
		width float64
		mode  Breaks
		want  []string
	}{
		{"fits", "Des plaintes", 500, AtSpaces, []string{"Des plaintes"}},
		{"breaks at spaces", "Des plaintes sur nos prestations", f.Width("Des plaintes sur", 10) + 0.01, AtSpaces, []string{"Des plaintes sur", "nos prestations"}},
		{"no-break space binds", "prestations\u00a0?", f.Width("prestations", 10) + 1, AtSpaces, nil},
		{"newline forces a break", "a\nb", 500, AtSpaces, []string{"a", "b"}},
		{"measured with kerning", "AVAVA WAVY", f.Width("AVAVA WAVY", 10), AtSpaces, []string{"AVAVA WAVY"}},
		{"url breaks before slash", "https://www.example.org/fr/plainte", f.Width("https://www.example.org/fr", 10) + 0.01, InURL, []string{"https://www.example.org/fr", "/plainte"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Wrap(f, tt.s, 10, tt.width, tt.mode)
			if tt.want == nil {
				var tw *TooWideError
				if !errors.As(err, &tw) {
					t.Fatalf("Wrap = %q, %v; want a TooWideError", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Wrap = %q, want %q", got, tt.want)
			}
			for _, l := range got {
				if w := f.Width(l, 10); w > tt.width+1e-9 {
					t.Errorf("line %q is %.2f wide, box %.2f", l, w, tt.width)
				}
			}
		})
	}
}

func TestFitBlockShrinksThenRefuses(t *testing.T) {
	f := Fonts().Bold
	word := "Klachtenmanagementcoördinator"
	w := f.Width(word, 20)
	b, err := FitBlock(f, word, Fit{Max: 24, Min: 12, Width: w})
	if err != nil || b.Size > 20 || b.Size < 19.5 {
		t.Errorf("FitBlock = size %v, %v; want about 20", b.Size, err)
	}
	_, err = FitBlock(f, word, Fit{Max: 24, Min: 12, Width: w / 3})
	var dnf *DoesNotFitError
	if !errors.As(err, &dnf) {
		t.Errorf("FitBlock in a third of the width = %v, want DoesNotFitError", err)
	}
	_, err = FitBlock(f, "one two three four five", Fit{Max: 10, Min: 10, Width: f.Width("one two", 10), MaxLines: 2})
	if !errors.As(err, &dnf) {
		t.Errorf("FitBlock over MaxLines = %v, want DoesNotFitError", err)
	}
}

func TestMissingGlyphIsAnError(t *testing.T) {
	f := Fonts().Regular
	_, err := FitBlock(f, "Service 😀 公共", Fit{Max: 10, Min: 10, Width: 500})
	var mg *MissingGlyphError
	if !errors.As(err, &mg) || len(mg.Runes) != 3 {
		t.Fatalf("FitBlock = %v, want the three missing characters", err)
	}
	if !strings.Contains(err.Error(), "U+1F600") {
		t.Errorf("message %q does not name U+1F600", err)
	}
}

func TestOutline(t *testing.T) {
	f := Fonts().Bold
	segs := f.Outline("Ab", 10, 0, 10)
	if len(segs) < 10 {
		t.Fatalf("Outline(Ab) has %d segments", len(segs))
	}
	for _, s := range segs {
		for _, p := range s.Pts {
			if p.Y > 12 || p.Y < -1 || p.X < -1 || p.X > f.Width("Ab", 10)+1 {
				t.Fatalf("outline point %v outside the text's box", p)
			}
		}
	}
	// AppendOutline adds the same path after what the slice holds.
	prefix := []page.Seg{{Op: page.MoveTo}}
	if got := f.AppendOutline(prefix, "Ab", 10, 0, 10); !slices.Equal(got[1:], segs) || got[0] != prefix[0] {
		t.Errorf("AppendOutline(%v, Ab) is not %v followed by Outline(Ab)", prefix, prefix)
	}
}

// FuzzFitBlock: layout never panics, never returns a line wider than its
// box or more lines than allowed, and loses or adds nothing but the spaces
// and newlines where lines break.
func FuzzFitBlock(f *testing.F) {
	f.Add("Des plaintes sur nos prestations ?", 100.0, 3)
	f.Add("https://www.example.org/fr/plainte?x=1&y=2", 40.0, 0)
	f.Add("Klachtenmanagementcoördinator", 10.0, 1)
	f.Add("a\nb\n\nc", 5.0, 2)
	f.Add("Tél. : +32 (0)2 549 67 00, Rue de la Loi 16, 1000 Bruxelles, le 1er mars 2026 à 9 h 30, 25 mm", 60.0, 0)
	f.Add("Voir https://www.klachten-wegen.example.be/nl/over-ons/klachtenformulier-wegen?bron=affiche&regio=antwerpen#top ou klachten@wegen.example.be.", 90.0, 0)
	f.Add("Office national de l'emploi / Rijksdienst voor Arbeidsvoorziening", 150.0, 3)
	f.Add("  « mot »  \n\u00a0n° 12 /  ", 30.0, 0)
	f.Fuzz(func(t *testing.T, s string, width float64, maxLines int) {
		if width <= 0 || width > 1e4 || maxLines < 0 || len(s) > 2000 {
			return
		}
		f := Fonts().Regular
		for _, mode := range []Breaks{AtSpaces, InURL} {
			for _, balance := range []bool{false, true} {
				b, err := FitBlock(f, s, Fit{Max: 12, Min: 8, Width: width, MaxLines: maxLines, Breaks: mode, Balance: balance})
				if err != nil {
					continue
				}
				if maxLines > 0 && len(b.Lines) > maxLines {
					t.Fatalf("%d lines, max %d", len(b.Lines), maxLines)
				}
				for _, l := range b.Lines {
					if w := f.Width(l, b.Size); w > width+1e-6 {
						t.Fatalf("line %q is %.2f wide, box %.2f", l, w, width)
					}
				}
				if got, want := dropBreaks(strings.Join(b.Lines, "")), dropBreaks(s); got != want {
					t.Fatalf("lines %q hold %q, want %q", b.Lines, got, want)
				}
			}
		}
	})
}

// dropBreaks returns s without its plain spaces and newlines.
func dropBreaks(s string) string {
	return strings.NewReplacer(" ", "", "\n", "").Replace(s)
}

// TestMetricsFromManyGoroutines: the lock-free caches fill under
// concurrent use (run with -race in CI) and give what a fresh, sequential
// lookup gives, for dense and rare runes alike.
func TestMetricsFromManyGoroutines(t *testing.T) {
	data := Fonts().Regular.Data
	sample := []string{"AVATAR Wé", "d’un « dossier » – 5 €", "Größe ŁÓDŹ", "日本 😀", "ﬁ"}
	fresh := func() *Font {
		f, err := Parse("regular", data)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	seq := fresh()
	want := make([]float64, len(sample))
	for i, s := range sample {
		want[i] = seq.Width(s, 12)
	}
	shared := fresh()
	var wg sync.WaitGroup
	got := make([][]float64, 8)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, s := range sample {
				got[g] = append(got[g], shared.Width(s, 12))
			}
		}()
	}
	wg.Wait()
	for g := range got {
		for i := range sample {
			if got[g][i] != want[i] {
				t.Errorf("goroutine %d: Width(%q) = %v, want %v", g, sample[i], got[g][i], want[i])
			}
		}
	}
	if k := shared.KernUnits('A', 'V'); k != seq.KernUnits('A', 'V') || k >= 0 {
		t.Errorf("KernUnits(A, V) = %v, want %v (negative)", k, seq.KernUnits('A', 'V'))
	}
	if shared.Has('😀') || !shared.Has('€') {
		t.Error("Has is wrong for 😀 or €")
	}
}

// TestKernCacheFull: with more pairs than the kerning cache has slots,
// from several goroutines, every pair still gets the font's own value,
// whether it was cached, found in the cache or looked up past a full
// neighbourhood.
func TestKernCacheFull(t *testing.T) {
	f, err := Parse("regular", Fonts().Regular.Data)
	if err != nil {
		t.Fatal(err)
	}
	var glyphs []sfnt.GlyphIndex
	for r := rune(0x21); r < 0x17f; r++ {
		if g := f.glyph(r).index; g != 0 {
			glyphs = append(glyphs, g)
		}
	}
	if n := len(glyphs) * len(glyphs); n < 2*kernSlots {
		t.Fatalf("only %d pairs: the test must overfill the cache's %d slots", n, kernSlots)
	}
	var wg sync.WaitGroup
	var kerned, wrong atomic.Int64
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for pass := range 2 {
				for i, a := range glyphs {
					for _, b := range glyphs[(i*w)%len(glyphs):] {
						want := float64(f.lookupKern(a, b)) / 64 / f.upem
						if got := f.kern(a, b); got != want {
							wrong.Add(1)
						} else if got != 0 && pass == 0 && w == 0 {
							kerned.Add(1)
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	if wrong.Load() > 0 {
		t.Errorf("%d kerning lookups differ from the font's table", wrong.Load())
	}
	if kerned.Load() < 100 {
		t.Errorf("only %d kerned pairs among Latin letters: the test does not exercise kerning", kerned.Load())
	}
}

// BenchmarkFitBlock: the poster's typical texts, as the layout asks for
// them.
func BenchmarkFitBlock(b *testing.B) {
	reg, bold := Fonts().Regular, Fonts().Bold
	benches := []struct {
		name string
		f    *Font
		s    string
		fit  Fit
	}{
		{"paragraph", reg, "Vous pouvez vous plaindre de la qualité d’un service, de l’accueil, d’un retard ou d’une erreur dans votre dossier.", Fit{Max: 14, Min: 14, Width: 250, Leading: 1.3}},
		{"name shrinks", bold, "Office national de l'emploi / Rijksdienst voor Arbeidsvoorziening", Fit{Max: 20, Min: 8, Width: 200, MaxLines: 2, Leading: 1.15}},
		{"url", bold, "https://www.example.org/nl/over-ons/contact/meldingen-en-klachten/klachtenformulier-wegen-en-verkeer?bron=affiche&regio=antwerpen", Fit{Max: 14, Min: 14, Width: 250, Leading: 1.2, Breaks: InURL}},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := FitBlock(bb.f, bb.s, bb.fit); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestFitBlockTriesMin: quarter points down from Max never land on a Min
// that is not a multiple of a quarter point below Max; Min is tried anyway.
func TestFitBlockTriesMin(t *testing.T) {
	f := Fonts().Bold
	s := "Service public fédéral Stratégie et Appui"
	width := f.Width(s, 7.9)
	tests := []struct {
		name     string
		max, min float64
		want     float64
	}{
		{"min between quarter points", 10, 7.9, 7.9},
		{"min on a quarter point", 10, 7.75, 7.75},
		{"min equals max", 7.9, 7.9, 7.9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := FitBlock(f, s, Fit{Max: tt.max, Min: tt.min, Width: width, MaxLines: 1})
			if err != nil {
				t.Fatalf("FitBlock(max %v, min %v) = %v, want size %v", tt.max, tt.min, err, tt.want)
			}
			if math.Abs(b.Size-tt.want) > 1e-9 {
				t.Errorf("FitBlock(max %v, min %v).Size = %v, want %v", tt.max, tt.min, b.Size, tt.want)
			}
		})
	}
}

// TestZeroIsOpen: the fonts' zero has one counter, not the slashed design
// that reads as "Ø" in addresses and phone numbers (assets/fonts/MODIFIED.md).
func TestZeroIsOpen(t *testing.T) {
	for _, f := range []*Font{Fonts().Regular, Fonts().Bold} {
		contours := 0
		for _, s := range f.Outline("0", 100, 0, 0) {
			if s.Op == page.MoveTo {
				contours++
			}
		}
		if contours != 2 {
			t.Errorf("%s: the zero has %d contours, want 2 (outline and one counter)", f.Name, contours)
		}
	}
}
