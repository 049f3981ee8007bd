package rules

import (
	"image/color"

	"affiches/internal/brand"
	"math"
	"strings"
	"testing"
)

func TestContrast(t *testing.T) {
	white, black := color.RGBA{255, 255, 255, 255}, color.RGBA{0, 0, 0, 255}
	for _, tt := range []struct {
		a, b color.RGBA
		want float64
	}{{white, black, 21}, {white, white, 1}, {color.RGBA{0x0B, 0x4F, 0x8A, 255}, white, 8.40}, {color.RGBA{0x76, 0x76, 0x76, 255}, white, 4.54}} {
		if got := Contrast(tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Contrast(%v, %v) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
	if err := CheckContrast("colours.accent", color.RGBA{0x76, 0x76, 0x76, 255}, white, false); err != nil {
		t.Errorf("4.54:1 refused for normal text: %v", err)
	}
	err := CheckContrast("colours.accent", color.RGBA{0x99, 0x99, 0x99, 255}, white, false)
	if err == nil || !strings.Contains(err.Error(), "COLOUR-CONTRAST: colours.accent: #999999 on #FFFFFF has a contrast of 2.84:1; text of this size needs 4.5:1") {
		t.Errorf("CheckContrast = %v", err)
	}
}

func TestWebAndPrintChecks(t *testing.T) {
	if CheckWebSize(140, 85) != nil || CheckWebSize(165, 115) != nil {
		t.Error("a charter size refused")
	}
	if err := CheckWebSize(150, 90); err == nil || !strings.Contains(err.Error(), "LOGO-WEB-SIZE") {
		t.Errorf("CheckWebSize(150, 90) = %v", err)
	}
	if CheckPrintWidth(25) != nil {
		t.Error("25 mm refused")
	}
	if err := CheckPrintWidth(24.9); err == nil || !strings.Contains(err.Error(), "LOGO-MIN-PRINT") {
		t.Errorf("CheckPrintWidth(24.9) = %v", err)
	}
}

func TestRuleIDsUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range All {
		if seen[r.ID] || r.ID == "" || r.Statement == "" || r.Source == "" {
			t.Errorf("rule %+v duplicated or incomplete", r)
		}
		seen[r.ID] = true
	}
}

func TestEveryRuleStatedInEveryLanguage(t *testing.T) {
	for _, r := range All {
		for _, l := range []brand.Lang{brand.FR, brand.NL, brand.DE, brand.EN} {
			s := r.In(l)
			if s == "" || strings.Contains(s, "{") {
				t.Errorf("%s in %s: %q", r.ID, l, s)
			}
		}
	}
	if got := LogoWebSize.In(brand.NL); !strings.Contains(got, "140 × 85") {
		t.Errorf("the web sizes are not in the statement: %q", got)
	}
}

// TestEverySourceInEveryLanguage: the guide names each rule's source in
// its own language, never an English label.
func TestEverySourceInEveryLanguage(t *testing.T) {
	for _, r := range All {
		if _, ok := sourceKeys[r.Source]; !ok {
			t.Errorf("%s: source %q has no catalog key", r.ID, r.Source)
		}
		for _, l := range brand.Langs {
			if got := r.SourceIn(l); got == "" || l != brand.EN && got == r.Source && r.Source != "ISO/IEC 18004" {
				t.Errorf("%s in %s: source %q", r.ID, l, got)
			}
		}
	}
}
