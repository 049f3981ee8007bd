package render

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"affiches/internal/brand"
	"affiches/internal/logo"
	"affiches/internal/render/layout"
)

// TestResolutionAndSizeBounded: what the hardening issue reproduced is
// refused before any pixel is allocated: a NaN resolution panicked in
// image.NewRGBA, a NaN width wrote MediaBox [0 0 NaN NaN], and a 5 m logo
// at 1200 dpi ran out of memory.
func TestResolutionAndSizeBounded(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		run  func(*bytes.Buffer) error
		want string
	}{
		{"poster dpi NaN", func(b *bytes.Buffer) error {
			_, err := Poster(b, brand.Demo(), PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Size: layout.A4}, Format: PNG, DPI: nan})
			return err
		}, "dpi: NaN: want 36 to 1200"},
		{"poster dpi negative", func(b *bytes.Buffer) error {
			_, err := Poster(b, brand.Demo(), PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Size: layout.A4}, Format: PNG, DPI: -5})
			return err
		}, "want 36 to 1200"},
		{"poster too many pixels", func(b *bytes.Buffer) error {
			_, err := Poster(b, brand.Demo(), PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Size: layout.A3}, Format: PNG, DPI: 1200})
			return err
		}, "at most 36 million pixels"},
		{"logo width NaN", func(b *bytes.Buffer) error {
			_, err := Logo(b, LogoOptions{Channel: brand.Complaint, Lang: brand.FR, Version: logo.Colour, Format: PDF, WidthMM: nan})
			return err
		}, "width-mm: NaN mm: a print logo is at most 1000 mm wide"},
		{"logo width infinite", func(b *bytes.Buffer) error {
			_, err := Logo(b, LogoOptions{Channel: brand.Complaint, Lang: brand.FR, Version: logo.Colour, Format: SVG, WidthMM: inf})
			return err
		}, "at most 1000 mm"},
		{"logo 5 m at 1200 dpi", func(b *bytes.Buffer) error {
			_, err := Logo(b, LogoOptions{Channel: brand.Complaint, Lang: brand.FR, Version: logo.Colour, Format: PNG, WidthMM: 5000, DPI: 1200})
			return err
		}, "at most 1000 mm"},
		{"logo 1 m at 1200 dpi", func(b *bytes.Buffer) error {
			_, err := Logo(b, LogoOptions{Channel: brand.Complaint, Lang: brand.FR, Version: logo.Colour, Format: PNG, WidthMM: 1000, DPI: 1200})
			return err
		}, "at most 36 million pixels"},
		{"logo dpi NaN", func(b *bytes.Buffer) error {
			_, err := Logo(b, LogoOptions{Channel: brand.Complaint, Lang: brand.FR, Version: logo.Colour, Format: PNG, WidthMM: 60, DPI: nan})
			return err
		}, "dpi: NaN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			var buf bytes.Buffer
			err := tt.run(&buf)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want …%s…", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written", buf.Len())
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
