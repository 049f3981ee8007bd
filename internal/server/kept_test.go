package server

import (
	"bytes"
	"compress/gzip"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"affiches/internal/brand"
	"affiches/internal/catalog"
)

// The views asked with GET are made once and kept; these tests show that
// what is kept is what would have been made, for each language, host and
// encoding, and that a page that did not come out whole is not kept.

var previewSrc = regexp.MustCompile(`<img id="preview"[^>]* src="([^"]*)"`)

func TestPageKeptAndRevalidated(t *testing.T) {
	s := New(Options{})
	a := do(t, s, "GET", "/", nil)
	etag := a.Header().Get("ETag")
	if a.Code != 200 || etag == "" || a.Header().Get("Cache-Control") != "no-cache" || !strings.Contains(a.Header().Get("Vary"), "Accept-Language") {
		t.Fatalf("GET /: %d, ETag %q, Cache-Control %q, Vary %q", a.Code, etag, a.Header().Get("Cache-Control"), a.Header().Values("Vary"))
	}
	if b := do(t, s, "GET", "/", nil); b.Body.String() != a.Body.String() || b.Header().Get("ETag") != etag {
		t.Errorf("a second GET / differs from the first")
	}
	if b := do(t, s, "GET", "/", nil, "If-None-Match", etag); b.Code != http.StatusNotModified || b.Body.Len() != 0 {
		t.Errorf("revalidation: %d, %d bytes", b.Code, b.Body.Len())
	}
	for _, tt := range []struct {
		name, target, acceptLanguage string
		want                         brand.Lang
	}{
		{"default", "/", "", brand.FR},
		{"browser", "/", "nl-BE,nl;q=0.9", brand.NL},
		{"query over browser", "/?ui=de", "nl-BE", brand.DE},
		{"another view", "/kit", "en", brand.EN},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, s, "GET", tt.target, nil, "Accept-Language", tt.acceptLanguage)
			if !strings.Contains(rec.Body.String(), `<html lang="`+string(tt.want)+`">`) || !strings.Contains(rec.Body.String(), html.EscapeString(catalog.T(tt.want, "web.title"))) {
				t.Errorf("GET %s (Accept-Language %q): not the %s page", tt.target, tt.acceptLanguage, tt.want)
			}
			if tt.want != brand.FR && rec.Header().Get("ETag") == etag {
				t.Errorf("GET %s: the French page's ETag", tt.target)
			}
		})
	}
}

// TestPagePreviewIsTheExamples: the page links the preview rather than
// holding it, and the image there is the live preview of the same form.
func TestPagePreviewIsTheExamples(t *testing.T) {
	s := New(Options{})
	// Asked before any page was made, as after a restart.
	first := do(t, New(Options{}), "GET", examplePreviewPath, nil)
	page := do(t, s, "GET", "/", nil)
	m := previewSrc.FindStringSubmatch(page.Body.String())
	if m == nil || !strings.HasPrefix(m[1], examplePreviewPath+"?v=") {
		t.Fatalf("no preview linked from the page: %v", m)
	}
	img := do(t, s, "GET", html.UnescapeString(m[1]), nil)
	if img.Code != 200 || img.Header().Get("Content-Type") != "image/png" || img.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Fatalf("GET %s: %d %q %q", m[1], img.Code, img.Header().Get("Content-Type"), img.Header().Get("Cache-Control"))
	}
	if !bytes.Equal(first.Body.Bytes(), img.Body.Bytes()) {
		t.Errorf("the preview asked first differs from the one the page links")
	}
	live := do(t, s, "POST", "/form/poster", strings.NewReader(defaultForm().Encode()), "Content-Type", "application/x-www-form-urlencoded")
	if live.Code != 200 || !bytes.Equal(live.Body.Bytes(), img.Body.Bytes()) {
		t.Errorf("the live preview of the example form differs from the page's (%d)", live.Code)
	}
}

func TestPageGzip(t *testing.T) {
	s := New(Options{})
	plain := do(t, s, "GET", "/", nil)
	for _, tt := range []struct {
		acceptEncoding string
		gzipped        bool
	}{
		{"gzip, deflate, br", true},
		{"br;q=1.0, gzip;q=0.8", true},
		{"*", true},
		{"gzip;q=0", false},
		{"br", false},
		{"", false},
	} {
		rec := do(t, s, "GET", "/", nil, "Accept-Encoding", tt.acceptEncoding)
		if got := rec.Header().Get("Content-Encoding") == "gzip"; got != tt.gzipped {
			t.Errorf("Accept-Encoding %q: gzipped %v, want %v", tt.acceptEncoding, got, tt.gzipped)
			continue
		}
		if !strings.Contains(strings.Join(rec.Header().Values("Vary"), ","), "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: no Vary: Accept-Encoding", tt.acceptEncoding)
		}
		body := rec.Body.Bytes()
		if tt.gzipped {
			if rec.Header().Get("ETag") == plain.Header().Get("ETag") {
				t.Errorf("the gzipped page has the plain page's ETag")
			}
			z, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			if body, err = io.ReadAll(z); err != nil {
				t.Fatal(err)
			}
			if again := do(t, s, "GET", "/", nil, "Accept-Encoding", tt.acceptEncoding, "If-None-Match", rec.Header().Get("ETag")); again.Code != http.StatusNotModified {
				t.Errorf("revalidating the gzipped page: %d", again.Code)
			}
		}
		if !bytes.Equal(body, plain.Body.Bytes()) {
			t.Errorf("Accept-Encoding %q: another page", tt.acceptEncoding)
		}
	}
}

// TestLogosPageKeptPerOrigin: the logos view's snippets name the host the
// page was asked from; a page kept for one host is not sent to another.
func TestLogosPageKeptPerOrigin(t *testing.T) {
	s := New(Options{})
	for range 2 {
		for _, host := range []string{"a.example", "b.example"} {
			req := httptest.NewRequest("GET", "/logos", nil)
			req.Host = host
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			page := html.UnescapeString(rec.Body.String())
			if !strings.Contains(page, `<img src="http://`+host+`/logos/complaint/fr/colour/web-small.png?v=`) {
				t.Errorf("%s: no snippet with its own origin", host)
			}
		}
	}
	req := httptest.NewRequest("GET", "/logos", nil)
	req.Header.Set("X-Forwarded-Proto", "https")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if page := html.UnescapeString(rec.Body.String()); !strings.Contains(page, `<img src="https://example.com/logos/`) {
		t.Errorf("behind TLS: no https snippet")
	}
}

// TestBusyPageNotKept: a page made while every render slot was taken says
// so and is not kept; the next one has its preview.
func TestBusyPageNotKept(t *testing.T) {
	s := New(Options{MaxRenders: 1, QueueTimeout: time.Millisecond})
	s.renders <- struct{}{}
	busy := do(t, s, "GET", "/", nil)
	<-s.renders
	if !strings.Contains(busy.Body.String(), html.EscapeString(catalog.T(brand.FR, "web.p.busy"))) || busy.Header().Get("Cache-Control") != "no-store" || previewSrc.MatchString(busy.Body.String()) {
		t.Fatalf("busy: Cache-Control %q, no busy message or a preview", busy.Header().Get("Cache-Control"))
	}
	rec := do(t, s, "GET", "/", nil)
	if strings.Contains(rec.Body.String(), html.EscapeString(catalog.T(brand.FR, "web.p.busy"))) || !previewSrc.MatchString(rec.Body.String()) {
		t.Errorf("the busy page was kept")
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"gzip", true},
		{"GZIP", true},
		{"x-gzip", true},
		{"deflate, gzip;q=0.5", true},
		{"gzip; q=0.001", true},
		{"gzip;q=0", false},
		{"gzip;q=0.0, identity", false},
		{"*;q=0", false},
		{"identity", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := acceptsGzip(tt.header); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}
