package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"affiches/internal/brand"
)

func do(t *testing.T, h http.Handler, method, target string, body io.Reader, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func problems(t *testing.T, rec *httptest.ResponseRecorder) []problemJSON {
	t.Helper()
	var body errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("error body is not JSON: %v\n%s", err, rec.Body.String())
	}
	return body.Problems
}

func hasProblem(ps []problemJSON, field, rule, msg string) bool {
	for _, p := range ps {
		if p.Field == field && p.Rule == rule && strings.Contains(p.Message, msg) {
			return true
		}
	}
	return false
}

var demo = string(brand.ExampleYAML)

func TestEndpoints(t *testing.T) {
	s := New(Options{})
	tests := []struct {
		name, method, target, body string
		status                     int
		contentType                string
	}{
		{"health", "GET", "/healthz", "", 200, "text/plain"},
		{"page", "GET", "/", "", 200, "text/html"},
		{"page in german", "GET", "/?ui=de", "", 200, "text/html"},
		{"script", "GET", "/static/app.js", "", 200, "text/javascript"},
		{"style", "GET", "/static/app.css", "", 200, "text/css"},
		{"no other static file", "GET", "/static/..%2fserver.go", "", 404, ""},
		{"logo png", "GET", "/logos/complaint/fr/colour/web-small.png", "", 200, "image/png"},
		{"logo png 3x", "GET", "/logos/suggestion/de/white/web-large@3x.png", "", 200, "image/png"},
		{"logo svg", "GET", "/logos/complaint/nl/black/web-large.svg", "", 200, "image/svg+xml"},
		{"logo bad size", "GET", "/logos/complaint/fr/colour/web-medium.png", "", 404, "application/json"},
		{"logo svg scaled", "GET", "/logos/complaint/fr/colour/web-small@2x.svg", "", 404, "application/json"},
		{"logo bad scale", "GET", "/logos/complaint/fr/colour/web-small@4x.png", "", 404, "application/json"},
		{"logo bad language", "GET", "/logos/complaint/it/colour/web-small.png", "", 404, "application/json"},
		{"logo traversal", "GET", "/logos/complaint/fr/colour/..%2f..%2fetc%2fpasswd", "", 404, "application/json"},
		{"poster pdf", "POST", "/api/poster?lang=fr,nl&size=a4&format=pdf", demo, 200, "application/pdf"},
		{"poster png", "POST", "/api/poster?lang=nl&size=a5&format=png&dpi=50", demo, 200, "image/png"},
		{"poster json profile", "POST", "/api/poster?format=pdf", jsonProfile(t), 200, "application/pdf"},
		{"poster bad size", "POST", "/api/poster?size=a2", demo, 400, "application/json"},
		{"poster bad format", "POST", "/api/poster?format=svg", demo, 400, "application/json"},
		{"poster empty body", "POST", "/api/poster", "", 422, "application/json"},
		{"poster bad profile", "POST", "/api/poster", "name: [", 422, "application/json"},
		{"kit", "POST", "/api/kit", demo, 200, "application/zip"},
		{"wrong method", "GET", "/api/poster", "", 405, "application/json"},
		{"no such API", "GET", "/api/posters", "", 404, "application/json"},
		{"kit takes POST", "DELETE", "/api/kit", "", 405, "application/json"},
		{"logo print pdf", "GET", "/logos/complaint/fr/colour/print-60mm.pdf", "", 200, "application/pdf"},
		{"logo print svg", "GET", "/logos/suggestion/nl/black/print-60mm.svg", "", 200, "image/svg+xml"},
		{"logo print png", "GET", "/logos/suggestion/nl/black/print-60mm.png", "", 404, "application/json"},
		{"logos page", "GET", "/logos?ui=de", "", 200, "text/html"},
		{"signatures page", "GET", "/signatures", "", 200, "text/html"},
		{"letters page", "GET", "/letters?ui=en", "", 200, "text/html"},
		{"kit page", "GET", "/kit?ui=nl", "", 200, "text/html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, s, tt.method, tt.target, strings.NewReader(tt.body))
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %.300s", rec.Code, tt.status, rec.Body.String())
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, tt.contentType) {
				t.Errorf("Content-Type %q, want %s", ct, tt.contentType)
			}
			if rec.Header().Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(rec.Header().Get("Content-Security-Policy"), "default-src 'self'") {
				t.Error("security headers missing")
			}
		})
	}
}

func jsonProfile(t *testing.T) string {
	t.Helper()
	p := map[string]any{
		"name": map[string]string{"fr": "Service X", "nl": "Dienst X"}, "region": "brussels",
		"address":     "Rue X 1, 1000 Bruxelles",
		"complaint":   map[string]any{"form_url": map[string]string{"fr": "https://x.be/fr", "nl": "https://x.be/nl"}, "phone": "+32 2 000 00 00"},
		"second_line": "brussels-ombuds",
	}
	b, _ := json.Marshal(p)
	return string(b)
}

func TestErrorsCarryFieldsAndRules(t *testing.T) {
	s := New(Options{})
	bad := strings.Replace(demo, `accent: "#0B4F8A"`, `accent: "#FFE600"`, 1)
	rec := do(t, s, "POST", "/api/poster?format=pdf", strings.NewReader(bad))
	if rec.Code != 422 || !hasProblem(problems(t, rec), "colours.accent", "COLOUR-CONTRAST", "contrast of 1.") {
		t.Errorf("%d %s", rec.Code, rec.Body.String())
	}
	rec = do(t, s, "POST", "/api/poster?format=pdf", strings.NewReader(demo+"\nlogo_pack: /etc\n"))
	if rec.Code != 422 || !hasProblem(problems(t, rec), "logo_pack", "", "cannot name files") {
		t.Errorf("logo_pack: %d %s", rec.Code, rec.Body.String())
	}
	rec = do(t, s, "POST", "/api/poster?lang=fr,nl,en&size=a4", strings.NewReader(demo))
	if rec.Code != 422 || !hasProblem(problems(t, rec), "", "TEXT-MIN-SIZE", "make one poster per language pair") {
		t.Errorf("three languages: %d %s", rec.Code, rec.Body.String())
	}
}

func TestBodyLimit(t *testing.T) {
	s := New(Options{})
	big := strings.Repeat("# padding\n", 120000) // 1.2 MB
	rec := do(t, s, "POST", "/api/poster", strings.NewReader(big))
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", rec.Code)
	}
	// Without a Content-Length the limit still holds while reading.
	req := httptest.NewRequest("POST", "/api/poster", io.MultiReader(strings.NewReader(big)))
	req.ContentLength = -1
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked: status %d, want 413", rec.Code)
	}
}

func TestETag(t *testing.T) {
	s := New(Options{})
	const path = "/logos/complaint/fr/colour/web-small@2x.png"
	rec := do(t, s, "GET", path, nil)
	etag := rec.Header().Get("ETag")
	if etag == "" || !strings.HasPrefix(etag, `"`) || rec.Header().Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("unversioned: ETag %q, Cache-Control %q", etag, rec.Header().Get("Cache-Control"))
	}
	// The versioned URL (the content hash, as the page links it) is kept
	// for good; a stale version is not.
	v := strings.Trim(etag, `"`)[:12]
	rec = do(t, s, "GET", path+"?v="+v, nil)
	if cc := rec.Header().Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
		t.Errorf("versioned: Cache-Control %q", cc)
	}
	rec = do(t, s, "GET", path+"?v=0123456789ab", nil)
	if cc := rec.Header().Get("Cache-Control"); cc != "public, max-age=300" {
		t.Errorf("old version: Cache-Control %q", cc)
	}
	for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag} {
		rec = do(t, s, "GET", path, nil, "If-None-Match", inm)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("If-None-Match %s: %d, %d bytes", inm, rec.Code, rec.Body.Len())
		}
	}
	a := do(t, s, "POST", "/api/poster?format=pdf", strings.NewReader(demo))
	b := do(t, s, "POST", "/api/poster?format=pdf", strings.NewReader(demo), "If-None-Match", a.Header().Get("ETag"))
	if a.Header().Get("ETag") == "" || b.Code != http.StatusNotModified {
		t.Errorf("poster ETag %q, revalidation %d", a.Header().Get("ETag"), b.Code)
	}
}

func TestAPIErrorsAreJSON(t *testing.T) {
	s := New(Options{})
	rec := do(t, s, "GET", "/api/poster", nil)
	if rec.Code != 405 || rec.Header().Get("Allow") != "POST" || len(problems(t, rec)) != 1 {
		t.Errorf("GET /api/poster: %d, Allow %q: %s", rec.Code, rec.Header().Get("Allow"), rec.Body.String())
	}
	rec = do(t, s, "POST", "/api/nothing", nil)
	if rec.Code != 404 || len(problems(t, rec)) != 1 {
		t.Errorf("POST /api/nothing: %d %s", rec.Code, rec.Body.String())
	}
}

func TestBusyGets503(t *testing.T) {
	s := New(Options{MaxRenders: 1, QueueTimeout: 50 * time.Millisecond})
	s.renders <- struct{}{} // the only slot is taken
	rec := do(t, s, "POST", "/api/poster?format=pdf", strings.NewReader(demo))
	<-s.renders
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Errorf("status %d, want 503 with Retry-After", rec.Code)
	}
}

func TestPageIsAccessible(t *testing.T) {
	s := New(Options{})
	page := do(t, s, "GET", "/?ui=nl", nil).Body.String()
	if !strings.Contains(page, `<html lang="nl">`) {
		t.Error("no lang on the page")
	}
	// Every input and select has a label.
	for _, tag := range []string{"<input id=\"", "<select id=\""} {
		rest := page
		for {
			i := strings.Index(rest, tag)
			if i < 0 {
				break
			}
			rest = rest[i+len(tag):]
			id := rest[:strings.IndexByte(rest, '"')]
			if !strings.Contains(page, `for="`+id+`"`) {
				t.Errorf("no label for %s", id)
			}
		}
	}
	for _, bad := range []string{"<script>", "style=", "http://", "https://cdn", "fonts.googleapis"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q (inline code or an external resource)", bad)
		}
	}
}
