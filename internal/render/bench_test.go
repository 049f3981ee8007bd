package render

import (
	"io"
	"maps"
	"slices"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/golden"
	"affiches/internal/logo"
	"affiches/internal/render/layout"
	"affiches/internal/render/pdf"
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

// BenchmarkPosterA4PDFNewBody renders each time the A4 poster of another
// real body, in its own language pair or language, with the process's
// remembered line breaks and font subsets forgotten first, so that nothing
// made for one poster serves the next: the cost of a body's first poster
// (QR codes and logos stay cached: forgetting them is not possible).
func BenchmarkPosterA4PDFNewBody(b *testing.B) {
	warm()
	bodies := golden.Bodies(b, 30, "../../testdata/bodies/*.yaml")
	names := slices.Sorted(maps.Keys(bodies))
	type job struct {
		o   *brand.Org
		opt PosterOptions
	}
	var jobs []job
	for _, n := range names {
		o := bodies[n]
		opt := PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Langs: o.Langs(), Size: layout.A4}, Format: PDF}
		if len(opt.Langs) > layout.MaxPosterLangs {
			opt.Langs = opt.Langs[:layout.MaxPosterLangs]
		}
		if _, err := Poster(io.Discard, o, opt); err != nil {
			opt.Langs = opt.Langs[:1] // the pair does not fit: its first language alone
		}
		jobs = append(jobs, job{o, opt})
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		j := jobs[i%len(jobs)]
		i++
		text.Forget()
		pdf.ForgetSubsets()
		if _, err := Poster(io.Discard, j.o, j.opt); err != nil {
			b.Fatal(err)
		}
	}
}
