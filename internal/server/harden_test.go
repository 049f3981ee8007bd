package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

// quiet sends the server's log of internal errors to the test log.
func quiet(t testing.TB) {
	prev := log.Writer()
	log.SetOutput(io.Discard)
	t.Cleanup(func() { log.SetOutput(prev) })
}

// slotsFree fails unless every render and parse slot is free again.
func slotsFree(t *testing.T, s *Server) {
	t.Helper()
	if n, m := len(s.renders), len(s.parses); n != 0 || m != 0 {
		t.Fatalf("%d render and %d parse slots still held after the requests ended", n, m)
	}
}

// TestNaNResolutionKeepsServing: dpi=NaN panicked inside a render slot
// that was released without defer, so four such requests left every later
// render at 503 until a restart.
func TestNaNResolutionKeepsServing(t *testing.T) {
	s := New(Options{MaxRenders: 4})
	for range 8 {
		rec := do(t, s, "POST", "/api/poster?format=png&dpi=NaN", strings.NewReader(demo))
		if rec.Code != 400 || !hasProblem(problems(t, rec), "dpi", "", `"NaN": want 36 to 300`) {
			t.Fatalf("api: %d %s", rec.Code, rec.Body.String())
		}
	}
	slotsFree(t, s)
	if rec := do(t, s, "POST", "/api/poster?format=png&dpi=40", strings.NewReader(demo)); rec.Code != 200 {
		t.Fatalf("a render after them: %d", rec.Code)
	}
}

// TestPanicReleasesSlot: whatever panics in a render gives the slot back,
// becomes a 500 that tells nothing of Go's internals, and the server goes on.
func TestPanicReleasesSlot(t *testing.T) {
	quiet(t)
	s := New(Options{MaxRenders: 1, QueueTimeout: 50 * time.Millisecond})
	for range 3 {
		err := s.render(context.Background(), func() error { panic("boom") })
		var ie internalError
		if !errors.As(err, &ie) || !strings.Contains(ie.detail, "boom") {
			t.Fatalf("err = %v", err)
		}
		rec := httptestRecorder()
		writeError(rec, err)
		if rec.Code != 500 || strings.Contains(rec.Body.String(), "boom") || strings.Contains(rec.Body.String(), "goroutine") {
			t.Fatalf("500 body: %s", rec.Body.String())
		}
	}
	slotsFree(t, s)
	// A handler panicking outside any slot is answered too.
	s.mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	rec := do(t, s, "GET", "/panic", nil)
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "boom") {
		t.Fatalf("handler panic: %d %s", rec.Code, rec.Body.String())
	}
}

// TestHostileProfilesBounded: the requests the hardening issue reproduced
// get a clear refusal within a second, with a small answer.
func TestHostileProfilesBounded(t *testing.T) {
	s := New(Options{})
	deep := defaultForm()
	deep.Set(strings.Repeat("a.", 45000)+"a", "x")
	var unknownYAML strings.Builder
	for i := 0; unknownYAML.Len() < 250_000; i++ {
		fmt.Fprintf(&unknownYAML, "k%d: 1\n", i)
	}
	var unknownFields strings.Builder
	unknownFields.WriteString(defaultForm().Encode())
	for i := 0; unknownFields.Len() < 1_000_000; i++ {
		fmt.Fprintf(&unknownFields, "&u%d=1", i)
	}
	tests := []struct {
		name, target, body, ct string
		status                 int
		want                   string
	}{
		// The page reads only the form's own fields: a deep unknown one is
		// ignored, at no cost.
		{"deep form field", "/form/poster", deep.Encode(), "application/x-www-form-urlencoded", 200, ""},
		{"deep field, no script", "/", deep.Encode(), "application/x-www-form-urlencoded", 200, ""},
		{"25 000 unknown keys", "/api/poster", unknownYAML.String(), "application/yaml", 422, "more than 4000 keys and values"},
		{"1 MB profile", "/api/poster", strings.Repeat(unknownYAML.String(), 4), "application/yaml", 422, "at most 262144 are read"},
		{"many unknown fields", "/form/poster", unknownFields.String(), "application/x-www-form-urlencoded", 400, "not a form"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			rec := do(t, s, "POST", tt.target, strings.NewReader(tt.body), "Content-Type", tt.ct)
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.want) {
				t.Fatalf("%d %.500s; want %d …%s…", rec.Code, rec.Body.String(), tt.status, tt.want)
			}
			if n := rec.Body.Len(); n > 100_000 && rec.Code != 200 {
				t.Errorf("answer of %d bytes", n)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	// An uploaded profile file is bounded the same way.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("profile_file", "org.yaml")
	fw.Write([]byte(strings.Repeat("# x\n", 200_000)))
	mw.Close()
	rec := do(t, s, "POST", "/import", &body, "Content-Type", mw.FormDataContentType())
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), "at most 262144 are read") {
		t.Errorf("import: %d %.300s", rec.Code, rec.Body.String())
	}
	slotsFree(t, s)
}

// TestClientErrorsAre400: a request the server cannot read is the
// client's problem, told without Go's internals ("invalid URL escape",
// "multipart: NextPart: EOF").
func TestClientErrorsAre400(t *testing.T) {
	s := New(Options{})
	tests := []struct {
		name, target, body, ct string
	}{
		{"bad escape in form", "/form/poster", "name.fr=%zz", "application/x-www-form-urlencoded"},
		{"bad escape in page form", "/", "name.fr=%zz&action=pdf", "application/x-www-form-urlencoded"},
		{"bad escape in query", "/form/poster?format=%zz", "", "application/x-www-form-urlencoded"},
		{"bad escape in api query", "/api/poster?dpi=%zz", demo, "application/yaml"},
		{"truncated multipart", "/import", "--b\r\nContent-Disposition: form-data; name=\"profile\"; filename=\"a\"\r\n\r\nx", "multipart/form-data; boundary=b"},
		{"multipart without boundary", "/import", "x", "multipart/form-data"},
		{"import not multipart", "/import", "profile=x", "application/x-www-form-urlencoded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, s, "POST", tt.target, strings.NewReader(tt.body), "Content-Type", tt.ct)
			body := rec.Body.String()
			if rec.Code != 400 {
				t.Fatalf("status %d, want 400: %s", rec.Code, body)
			}
			for _, leak := range []string{"invalid URL escape", "multipart:", "NextPart", "EOF", "127.0.0.1", "boundary"} {
				if strings.Contains(body, leak) {
					t.Errorf("the answer tells %q: %s", leak, body)
				}
			}
			// The API and the live preview answer JSON; the page answers
			// with itself, the problem shown at the top.
			if strings.HasPrefix(tt.target, "/api/") || strings.HasPrefix(tt.target, "/form/") {
				problems(t, rec)
			} else if !strings.Contains(body, "the request is not a form") {
				t.Errorf("the page does not say what is wrong: %.300s", body)
			}
		})
	}
	slotsFree(t, s)
}

func TestWeakIfNoneMatch(t *testing.T) {
	s := New(Options{})
	rec := do(t, s, "GET", "/logos/complaint/fr/colour/web-small.png", nil)
	etag := rec.Header().Get("ETag")
	for _, h := range []string{"W/" + etag, `"other", W/` + etag, "*"} {
		if rec := do(t, s, "GET", "/logos/complaint/fr/colour/web-small.png", nil, "If-None-Match", h); rec.Code != 304 {
			t.Errorf("If-None-Match %s: %d, want 304", h, rec.Code)
		}
	}
	if rec := do(t, s, "GET", "/logos/complaint/fr/colour/web-small.png", nil, "If-None-Match", `W/"other"`); rec.Code != 200 {
		t.Errorf("another ETag: %d", rec.Code)
	}
}

// TestPosterCacheBoundedByBytes: 256 A3 PNGs at 300 dpi held 1.35 GB.
func TestPosterCacheBoundedByBytes(t *testing.T) {
	c := newLRU(256, 10_000)
	for i := range 100 {
		c.put(fmt.Sprint(i), &asset{data: make([]byte, 1000)})
	}
	if n, b := c.size(); n != 10 || b != 10_000 {
		t.Errorf("%d assets, %d bytes; want 10, 10000", n, b)
	}
	c.put("big", &asset{data: make([]byte, 3000)})
	if _, ok := c.get("big"); ok {
		t.Error("an asset over a quarter of the budget was kept")
	}
	if _, ok := c.get("99"); !ok {
		t.Error("the latest asset was evicted")
	}
}

// TestDownloadNameIsSafe: poster.lang reached Content-Disposition with its
// control characters.
func TestDownloadNameIsSafe(t *testing.T) {
	s := New(Options{})
	v := defaultForm()
	v.Set("action", "pdf")
	v.Set("poster.lang", "fr\v,\fnl")
	rec := do(t, s, "POST", "/", strings.NewReader(v.Encode()), "Content-Type", "application/x-www-form-urlencoded")
	cd := rec.Header().Get("Content-Disposition")
	if rec.Code != 200 || cd != `attachment; filename="poster-complaint-fr+nl-a4.pdf"` {
		t.Errorf("%d %q", rec.Code, cd)
	}
}

func TestNegativeOptionsTakeDefaults(t *testing.T) {
	s := New(Options{MaxRenders: -1, MaxBody: -1, QueueTimeout: -1, PosterCacheLen: -1, PosterCacheBytes: -1})
	if cap(s.renders) < 1 || s.opt.MaxBody != 1<<20 {
		t.Errorf("options %+v", s.opt)
	}
	if rec := do(t, s, "POST", "/api/poster?format=pdf", bytes.NewReader([]byte(demo))); rec.Code != 200 {
		t.Errorf("%d", rec.Code)
	}
}

func httptestRecorder() *recorder { return &recorder{header: http.Header{}, Code: 200} }

type recorder struct {
	header http.Header
	Code   int
	Body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.Body.Write(b) }
func (r *recorder) WriteHeader(code int)        { r.Code = code }
