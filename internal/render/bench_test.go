package render

import (
	"io"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/logo"
	"affiches/internal/render/layout"
	"affiches/internal/text"
)

// The fonts are parsed once per process; benchmarks start after that, as a
// long-running process (the kit, the web service) would.
func warm() { text.Fonts() }

func BenchmarkLogoWebPNG(b *testing.B) {
	warm()
	opt := LogoOptions{Channel: brand.Complaint, Lang: brand.FR, Version: logo.Colour, Format: PNG, Web: logo.WebSmall, Scale: 1}
	for b.Loop() {
		if _, err := Logo(io.Discard, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLogoWebPNG2x(b *testing.B) {
	warm()
	opt := LogoOptions{Channel: brand.Complaint, Lang: brand.NL, Version: logo.Colour, Format: PNG, Web: logo.WebLarge, Scale: 2}
	for b.Loop() {
		if _, err := Logo(io.Discard, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPosterA4PDF(b *testing.B) {
	warm()
	o := brand.Demo()
	opt := PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Langs: []brand.Lang{brand.FR, brand.NL}, Size: layout.A4}, Format: PDF}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Poster(io.Discard, o, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPosterA4PNG150(b *testing.B) {
	warm()
	o := brand.Demo()
	opt := PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Langs: []brand.Lang{brand.FR, brand.NL}, Size: layout.A4}, Format: PNG, DPI: 150}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Poster(io.Discard, o, opt); err != nil {
			b.Fatal(err)
		}
	}
}
