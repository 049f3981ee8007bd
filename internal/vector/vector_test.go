package vector

import (
	"math"
	"strings"
	"testing"

	"affiches/assets"
	"affiches/internal/render/page"
)

func TestParsePathData(t *testing.T) {
	tests := []struct {
		d    string
		ops  string // the operators, one letter each
		last page.Point
	}{
		{"M0 0L10 0L10 10Z", "MLLZ", page.Point{}},
		{"M1,2 h3 v4 H0 V0 z", "MLLLLZ", page.Point{}},
		{"m1 1 2 0 0 2", "MLL", page.Point{X: 3, Y: 3}},
		{"M0 0C1 2 3 4 5 6", "MC", page.Point{X: 5, Y: 6}},
		{"M0 0c1 2 3 4 5 6", "MC", page.Point{X: 5, Y: 6}},
		{"M0 0Q5 10 10 0", "MC", page.Point{X: 10, Y: 0}},
		{"M-1.5e1 .5L3-4", "ML", page.Point{X: 3, Y: -4}},
	}
	for _, tt := range tests {
		segs, err := ParsePathData(tt.d)
		if err != nil {
			t.Errorf("ParsePathData(%q): %v", tt.d, err)
			continue
		}
		var ops strings.Builder
		for _, s := range segs {
			ops.WriteByte("MLCZ"[s.Op])
		}
		if ops.String() != tt.ops {
			t.Errorf("ParsePathData(%q) ops = %s, want %s", tt.d, ops.String(), tt.ops)
		}
		l := segs[len(segs)-1]
		if l.Op != page.Close {
			p := l.Pts[0]
			if l.Op == page.CubicTo {
				p = l.Pts[2]
			}
			if math.Abs(p.X-tt.last.X) > 1e-9 || math.Abs(p.Y-tt.last.Y) > 1e-9 {
				t.Errorf("ParsePathData(%q) ends at %v, want %v", tt.d, p, tt.last)
			}
		}
	}
}

func TestParsePathDataRefuses(t *testing.T) {
	for _, d := range []string{"L0 0", "M0 0 A1 1 0 0 1 2 2", "M0 0 S1 1 2 2", "M0", "M0 0 L1 x", "M1e999 0", "10 10"} {
		if _, err := ParsePathData(d); err == nil {
			t.Errorf("ParsePathData(%q) = nil error", d)
		}
	}
}

func TestParseRefusesOutsideTheSubset(t *testing.T) {
	for _, svg := range []string{
		`<svg viewBox="0 0 10 10"><path transform="scale(2)" d="M0 0L1 1Z"/></svg>`,
		`<svg viewBox="0 0 10 10"><image href="x.png"/></svg>`,
		`<svg viewBox="0 0 10 10"><g><path d="M0 0L1 1Z"/></g></svg>`,
		`<svg viewBox="0 0 10"><path d="M0 0L1 1Z"/></svg>`,
		`<svg viewBox="0 0 10 10"></svg>`,
		`<html/>`,
		`<svg viewBox="0 0 10 10"><path fill="url(#g)" d="M0 0L1 1Z"/></svg>`,
	} {
		if _, err := Parse(strings.NewReader(svg)); err == nil {
			t.Errorf("Parse(%s) = nil error", svg)
		}
	}
}

func TestShippedArtworkParses(t *testing.T) {
	for _, name := range []string{"logos/complaint-balloon.svg", "logos/suggestion-balloon.svg", "icons/email.svg", "icons/phone.svg", "icons/post.svg"} {
		f, err := assets.FS.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		src, err := Parse(f)
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		b := page.Bounds(src.Paths)
		if b.X < -1e-9 || b.Y < -1e-9 || b.X+b.W > src.View.X+1e-9 || b.Y+b.H > src.View.Y+1e-9 {
			t.Errorf("%s: shapes %v outside the viewBox %v", name, b, src.View)
		}
	}
}

// FuzzParsePathData: path data never panics, and what parses starts with a
// MoveTo and holds only finite numbers.
func FuzzParsePathData(f *testing.F) {
	for _, s := range []string{"M0 0L10 0L10 10Z", "m1 1 2 0 0 2", "M0 0C1 2 3 4 5 6", "M1,2h3v4H0V0z", "M-1.5e1 .5L3-4Q1 1 2 2", "A", "M", "M1e309 0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, d string) {
		segs, err := ParsePathData(d)
		if err != nil {
			return
		}
		if len(segs) > 0 && segs[0].Op != page.MoveTo {
			t.Fatalf("%q: first segment %v", d, segs[0].Op)
		}
		for _, s := range segs {
			for _, p := range s.Pts {
				if math.IsNaN(p.X) || math.IsInf(p.X, 0) || math.IsNaN(p.Y) || math.IsInf(p.Y, 0) {
					t.Fatalf("%q: non-finite point", d)
				}
			}
		}
	})
}
