package server

import (
	"image/color"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/render"
	"affiches/internal/render/layout"
	"affiches/internal/render/raster"
	"affiches/internal/text"
)

// The handlers' benchmarks: the page and a cached logo (which the page
// should cost about as much as), and the posters no cache holds, each
// request a profile of its own. bench/load measures the same over HTTP.
//
//	go test ./internal/server -run '^$' -bench . -cpuprofile cpu.out

// discard is a ResponseWriter that keeps the status and drops the body,
// so a benchmark measures the handler and not a recorder's copying.
type discard struct {
	header http.Header
	code   int
}

func (d *discard) Header() http.Header         { return d.header }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(code int)        { d.code = code }

func benchGet(b *testing.B, target string, header ...string) {
	s := New(Options{})
	req := httptest.NewRequest("GET", target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	serve := func() int {
		w := &discard{header: http.Header{}, code: http.StatusOK}
		s.ServeHTTP(w, req)
		return w.code
	}
	if code := serve(); code != http.StatusOK { // warm the caches
		b.Fatalf("GET %s: %d", target, code)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if code := serve(); code != http.StatusOK {
			b.Fatalf("GET %s: %d", target, code)
		}
	}
}

func BenchmarkLogoCached(b *testing.B) { benchGet(b, "/logos/complaint/fr/colour/web-small@2x.png") }
func BenchmarkPage(b *testing.B) {
	benchGet(b, "/", "Accept-Language", "nl-BE,nl;q=0.9,fr;q=0.8", "Accept-Encoding", "gzip, deflate, br")
}
func BenchmarkPageLogos(b *testing.B) { benchGet(b, "/logos", "Accept-Language", "fr-BE") }

// benchForm is the page's form for a profile of its own, numbered i.
func benchForm(i int) url.Values {
	v := url.Values{}
	for k, vals := range exampleForm() {
		v[k] = vals
	}
	n := " " + strconv.Itoa(i)
	v.Set("name.fr", v.Get("name.fr")+n)
	v.Set("name.nl", v.Get("name.nl")+n)
	v.Set("poster.lang", "fr,nl")
	v.Set("poster.size", "a4")
	return v
}

// benchProfile is the example profile file with a name of its own.
func benchProfile(i int) string {
	o := brand.Demo()
	n := " " + strconv.Itoa(i)
	return strings.NewReplacer(
		"fr: "+o.Name.In(brand.FR), "fr: "+o.Name.In(brand.FR)+n,
		"nl: "+o.Name.In(brand.NL), "nl: "+o.Name.In(brand.NL)+n,
	).Replace(demo)
}

func benchPost(b *testing.B, target, contentType string, body func(int) string) {
	s := New(Options{})
	b.ReportAllocs()
	for i := range b.N {
		req := httptest.NewRequest("POST", target, strings.NewReader(body(i)))
		req.Header.Set("Content-Type", contentType)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("POST %s: %d %s", target, rec.Code, rec.Body)
		}
	}
}

func BenchmarkPreviewUncached(b *testing.B) {
	benchPost(b, "/form/poster", "application/x-www-form-urlencoded", func(i int) string { return benchForm(i).Encode() })
}

func BenchmarkPosterPDFUncached(b *testing.B) {
	benchPost(b, "/api/poster?format=pdf&size=a4&lang=fr,nl", "application/yaml", benchProfile)
}

// BenchmarkPreviewStages splits the uncached preview into what the request
// does: read the form into a profile, hash the cache key, lay the poster
// out (with its rules' checks), rasterise, encode the PNG. The last two are
// package raster's; the others are the request's own.
func BenchmarkPreviewStages(b *testing.B) {
	s := New(Options{})
	v := benchForm(0)
	setToolDefaults(v)
	o, err := brand.Parse(profileYAML(v))
	if err != nil {
		b.Fatal(err)
	}
	st := &state{ui: brand.FR, v: v, onPoster: true}
	opt, ok := posterOptionsOf(st, o, render.PNG)
	if !ok {
		b.Fatal(st.problems, st.shown)
	}
	doc, err := layout.Poster(o, opt.PosterOptions)
	if err != nil {
		b.Fatal(err)
	}
	fonts := text.Fonts()
	img := raster.Render(doc.Pages[0], fonts, raster.Options{DPI: opt.DPI, Background: color.White})
	b.Run("form", func(b *testing.B) {
		body := v.Encode()
		for range b.N {
			req := httptest.NewRequest("POST", "/form/poster", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			v, err := s.readForm(req)
			if err != nil {
				b.Fatal(err)
			}
			setToolDefaults(v)
			if _, err := s.parseForm(req.Context(), v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("key", func(b *testing.B) {
		for range b.N {
			posterKey(o, opt)
		}
	})
	b.Run("layout", func(b *testing.B) {
		for range b.N {
			if _, err := layout.Poster(o, opt.PosterOptions); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rasterise", func(b *testing.B) {
		for range b.N {
			raster.Render(doc.Pages[0], fonts, raster.Options{DPI: opt.DPI, Background: color.White})
		}
	})
	b.Run("encode", func(b *testing.B) {
		for range b.N {
			if err := raster.WritePNG(io.Discard, img, opt.DPI); err != nil {
				b.Fatal(err)
			}
		}
	})
}
