// Package server is `affiches serve`: a web page for communication teams
// and an HTTP API for web teams over the same library as the command line.
// It is stateless and its outputs are content-addressed (strong ETags), so
// it scales out behind any load balancer or CDN.
package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"affiches/internal/brand"
	"affiches/internal/kit"
	"affiches/internal/limits"
	"affiches/internal/logo"
	"affiches/internal/render"
	"affiches/internal/render/layout"
	"affiches/internal/rules"
)

// Options configure a server. Zero values (and negative ones) take the
// defaults from package limits.
type Options struct {
	MaxBody          int64         // request body limit; limits.RequestBody
	MaxRenders       int           // concurrent renders, and concurrent profile parses; as many as CPUs
	QueueTimeout     time.Duration // how long a request waits for a slot; limits.QueueWait
	PosterCacheLen   int           // posters kept by request hash; limits.PosterCacheEntries
	PosterCacheBytes int           // bytes of posters kept; limits.PosterCacheBytes
}

// Server serves the page and the API.
type Server struct {
	opt     Options
	mux     *http.ServeMux
	renders chan struct{}
	parses  chan struct{}
	logos   sync.Map // path → *asset
	posters *lru
	pages   *lru                  // the views asked with GET, by view, language, year and (logos) origin
	example atomic.Pointer[asset] // the example profile's preview, once rendered
}

type asset struct {
	data        []byte
	etag        string
	contentType string
	gzip        *asset // the same gzipped, for clients that take it, or nil
}

// New returns a server with its routes.
func New(opt Options) *Server {
	if opt.MaxBody <= 0 {
		opt.MaxBody = limits.RequestBody
	}
	if opt.MaxRenders <= 0 {
		// A render is CPU work from start to end: more renders than CPUs
		// only share them, so each render in flight takes longer, more
		// images are held at once, and a request that waits behind them
		// waits as long. With as many as CPUs, the rest wait their turn
		// in order (a channel's waiting senders go first in, first out).
		opt.MaxRenders = runtime.NumCPU()
	}
	if opt.QueueTimeout <= 0 {
		opt.QueueTimeout = limits.QueueWait
	}
	if opt.PosterCacheLen <= 0 {
		opt.PosterCacheLen = limits.PosterCacheEntries
	}
	if opt.PosterCacheBytes <= 0 {
		opt.PosterCacheBytes = limits.PosterCacheBytes
	}
	s := &Server{
		opt: opt, mux: http.NewServeMux(),
		renders: make(chan struct{}, opt.MaxRenders), parses: make(chan struct{}, opt.MaxRenders),
		posters: newLRU(opt.PosterCacheLen, opt.PosterCacheBytes),
		pages:   newLRU(limits.PageCacheEntries, limits.PageCacheBytes),
	}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	s.mux.HandleFunc("GET /logos/{channel}/{lang}/{version}/{file}", s.logo)
	s.mux.HandleFunc("POST /api/poster", s.apiPoster)
	s.mux.HandleFunc("POST /api/kit", s.apiKit)
	s.mux.HandleFunc("/api/", apiNotFound)
	s.pageRoutes()
	return s
}

// ServeHTTP adds the security headers and the body limit to every request.
// A handler that panics gets a 500 without Go's internals (they go to the
// log), and the server goes on: render slots are released by render and
// parse whatever happens.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			log.Printf("affiches serve: %s %s: panic: %v\n%s", r.Method, r.URL.Path, p, debug.Stack())
			writeProblems(w, http.StatusInternalServerError, brand.Problems{{Message: internalMessage}})
		}
	}()
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if r.ContentLength > s.opt.MaxBody {
		if isPagePost(r) {
			s.pageTooLarge(w, r) // the page answers with the page
			return
		}
		writeProblems(w, http.StatusRequestEntityTooLarge, brand.Problems{{Message: fmt.Sprintf("the request body is %d bytes; at most %d are accepted", r.ContentLength, s.opt.MaxBody)}})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
	s.mux.ServeHTTP(w, r)
}

// HTTPServer wraps the handler with timeouts fit for the renders it does.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: limits.ReadHeaderTimeout,
		ReadTimeout:       limits.ReadTimeout,
		WriteTimeout:      limits.WriteTimeout,
		IdleTimeout:       limits.IdleTimeout,
		MaxHeaderBytes:    limits.HeaderBytes,
	}
}

// acquire takes a render slot, waiting up to the queue timeout.
func (s *Server) acquire(ctx context.Context) error { return take(ctx, s.renders, s.opt.QueueTimeout) }

func (s *Server) release() { <-s.renders }

func take(ctx context.Context, slots chan struct{}, wait time.Duration) error {
	select {
	case slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case slots <- struct{}{}:
		return nil
	case <-t.C:
		return errBusy
	case <-ctx.Done():
		return ctx.Err()
	}
}

// render runs fn in a render slot. The slot is released however fn ends,
// a panic included, which becomes an error: four requests that panicked
// between acquire and release used to leave every later render at 503.
func (s *Server) render(ctx context.Context, fn func() error) error {
	if err := s.acquire(ctx); err != nil {
		return err
	}
	defer s.release()
	return guard(fn)
}

// parse runs fn, which reads a profile, in a parse slot: parsing is bounded
// like rendering, so a flood of large bodies waits its turn instead of
// being parsed all at once (40 bodies of 100 000 keys in parallel used to
// exhaust memory before any render slot was taken).
func (s *Server) parse(ctx context.Context, fn func() error) error {
	if err := take(ctx, s.parses, s.opt.QueueTimeout); err != nil {
		return err
	}
	defer func() { <-s.parses }()
	return guard(fn)
}

// guard runs fn and turns a panic into an internal error.
func guard(fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = internalError{fmt.Sprintf("panic: %v\n%s", p, debug.Stack())}
		}
	}()
	return fn()
}

var errBusy = errors.New("the server is busy rendering; try again in a moment")

// internalError is a fault of the server, told in full to the log only.
type internalError struct{ detail string }

func (e internalError) Error() string { return e.detail }

const internalMessage = "the server failed to make this; the fault is logged"

// requestError is a request the server cannot read (a body that is not a
// form, a malformed query, a client gone while sending): 400, with a
// message written for the client rather than Go's ("invalid URL escape",
// "multipart: NextPart: EOF", socket addresses).
type requestError struct {
	message string
	err     error
}

func (e requestError) Error() string { return e.message }
func (e requestError) Unwrap() error { return e.err }

// unreadable wraps an error met while reading a request.
func unreadable(what string, err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || errors.Is(err, errBusy) || errors.Is(err, context.Canceled) {
		return err
	}
	return requestError{what, err}
}

// errorBody is the JSON of every API error: the same field paths and rule
// IDs as the command line.
type errorBody struct {
	Error    string        `json:"error"`
	Problems []problemJSON `json:"problems,omitempty"`
}

type problemJSON struct {
	Field   string `json:"field,omitempty"`
	Rule    string `json:"rule,omitempty"`
	Message string `json:"message"`
}

func writeProblems(w http.ResponseWriter, status int, ps brand.Problems) {
	body := errorBody{Error: http.StatusText(status)}
	for _, p := range ps.Capped(limits.Problems) {
		body.Problems = append(body.Problems, problemJSON{p.Field, p.Rule, p.Message})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(body)
}

// writeError maps an error to its status: problems with the input are 422
// (400 for malformed requests), a full queue 503, a too-large body 413.
//
// Anything else is the server's fault: 500 with a message that gives
// nothing away, the error itself in the log (standard error).
func writeError(w http.ResponseWriter, err error) {
	var ps brand.Problems
	var mbe *http.MaxBytesError
	var re requestError
	switch {
	case errors.As(err, &mbe):
		writeProblems(w, http.StatusRequestEntityTooLarge, brand.Problems{{Message: fmt.Sprintf("the request body is over %d bytes", mbe.Limit)}})
	case errors.Is(err, errBusy):
		w.Header().Set("Retry-After", "5")
		writeProblems(w, http.StatusServiceUnavailable, brand.Problems{{Message: err.Error()}})
	case errors.As(err, &ps):
		writeProblems(w, http.StatusUnprocessableEntity, ps)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		// the client went away
	case errors.As(err, &re):
		writeProblems(w, http.StatusBadRequest, brand.Problems{{Message: re.message}})
	default:
		log.Printf("affiches serve: %v", err)
		writeProblems(w, http.StatusInternalServerError, brand.Problems{{Message: internalMessage}})
	}
}

// serveAsset writes a content-addressed response: a strong ETag from the
// bytes, a long cache life, and 304 for a matching If-None-Match. An asset
// with a gzipped form is sent gzipped to clients that take it.
func serveAsset(w http.ResponseWriter, r *http.Request, a *asset, cacheControl string) {
	h := w.Header()
	if a.gzip != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			a = a.gzip
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", cacheControl)
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatch(match, a.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", a.contentType)
	h.Set("Content-Length", strconv.Itoa(len(a.data)))
	w.Write(a.data)
}

// etagMatch compares If-None-Match with an ETag the weak way (RFC 9110
// 13.1.2): a W/ tag a cache or CDN weakened still revalidates.
func etagMatch(header, etag string) bool {
	for _, part := range strings.Split(header, ",") {
		if p := strings.TrimPrefix(strings.TrimSpace(part), "W/"); p == etag || p == "*" {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header takes gzip
// (RFC 9110 12.5.3): named, or *, with a weight above 0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		switch strings.ToLower(strings.TrimSpace(coding)) {
		case "gzip", "x-gzip", "*":
		default:
			continue
		}
		name, value, _ := strings.Cut(strings.TrimSpace(params), "=")
		if q, err := strconv.ParseFloat(strings.TrimSpace(value), 64); strings.TrimSpace(name) == "q" && err == nil && q <= 0 {
			continue
		}
		return true
	}
	return false
}

// withGzip adds a gzipped form to an asset made once and sent often.
func withGzip(a *asset) *asset {
	var buf bytes.Buffer
	z, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // a valid level: no error
	z.Write(a.data)
	z.Close()
	a.gzip = newAsset(buf.Bytes(), a.contentType)
	return a
}

func newAsset(data []byte, contentType string) *asset {
	sum := sha256.Sum256(data)
	return &asset{data: data, etag: `"` + hex.EncodeToString(sum[:16]) + `"`, contentType: contentType}
}

// logo serves /logos/{channel}/{lang}/{version}/{file}: web-small or
// web-large, @2x or @3x, .png or .svg, and print-60mm.pdf or .svg. Every
// part is checked against a closed list: nothing from the path reaches the
// file system. With ?v= and the file's content hash (the page and its
// snippets link that way) it is cached for good; without, briefly, so a
// changed logo reaches browsers, and the ETag revalidates it.
func (s *Server) logo(w http.ResponseWriter, r *http.Request) {
	ch, err := brand.ParseChannel(r.PathValue("channel"))
	if err != nil {
		notFound(w, "channel", err)
		return
	}
	lang := brand.Lang(r.PathValue("lang"))
	if !lang.Valid() {
		notFound(w, "lang", fmt.Errorf("unknown language %q", lang))
		return
	}
	v, err := logo.ParseVersion(r.PathValue("version"))
	if err != nil {
		notFound(w, "version", err)
		return
	}
	file := r.PathValue("file")
	a, err := s.logoAsset(logoFile{ch, lang, v, file})
	if errors.Is(err, errNoLogo) {
		writeProblems(w, http.StatusNotFound, brand.Problems{{Field: "file", Rule: "LOGO-WEB-SIZE", Message: fmt.Sprintf("%q: web logos are web-small (%d×%d) or web-large (%d×%d), @2x or @3x, .png or .svg (.svg at 1× only); print logos are print-60mm.pdf or print-60mm.svg", file, rules.WebSizes[0][0], rules.WebSizes[0][1], rules.WebSizes[1][0], rules.WebSizes[1][1])}})
		return
	}
	if err != nil {
		writeError(w, err)
		return
	}
	cc := "public, max-age=300"
	if r.URL.Query().Get("v") == version(a) {
		cc = "public, max-age=31536000, immutable"
	}
	serveAsset(w, r, a, cc)
}

var errNoLogo = errors.New("no such logo file")

// apiNotFound answers, in JSON like every API error, a path under /api/
// that no route takes, or a method the path does not take (405, with
// Allow).
func apiNotFound(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/api/poster", "/api/kit":
		w.Header().Set("Allow", "POST")
		writeProblems(w, http.StatusMethodNotAllowed, brand.Problems{{Message: fmt.Sprintf("%s takes POST with a profile as the body, not %s", r.URL.Path, r.Method)}})
		return
	}
	writeProblems(w, http.StatusNotFound, brand.Problems{{Message: fmt.Sprintf("no API at %s: the API is POST /api/poster and POST /api/kit", r.URL.Path)}})
}

func notFound(w http.ResponseWriter, field string, err error) {
	writeProblems(w, http.StatusNotFound, brand.Problems{{Field: field, Message: err.Error()}})
}

// readProfile parses a profile from a request body (YAML or JSON). A
// profile sent over the network cannot name files on the server.
// The body is read within the body limit, then parsed in a parse slot.
func (s *Server) readProfile(r *http.Request) (*brand.Org, error) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, unreadable("the request body could not be read to its end", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, brand.Problems{{Message: "the request body must be a profile (YAML or JSON)"}}
	}
	return s.parseUploaded(r.Context(), data)
}

// parseUploaded parses an uploaded profile in a parse slot.
func (s *Server) parseUploaded(ctx context.Context, data []byte) (*brand.Org, error) {
	var o *brand.Org
	err := s.parse(ctx, func() (err error) {
		o, err = parseUploaded(data)
		return err
	})
	return o, err
}

func parseUploaded(data []byte) (*brand.Org, error) {
	o, err := brand.Parse(data)
	if err != nil {
		return nil, err
	}
	if o.LogoPack != "" {
		return nil, brand.Problems{{Field: "logo_pack", Message: "an uploaded profile cannot name files on the server: remove logo_pack"}}
	}
	return o, nil
}

// posterOptions reads channel, lang, size, format and dpi from a query.
func posterOptions(q interface{ Get(string) string }) (render.PosterOptions, brand.Problems) {
	var opt render.PosterOptions
	var ps brand.Problems
	var err error
	ch := q.Get("channel")
	if ch == "" {
		ch = "complaint"
	}
	if opt.Channel, err = brand.ParseChannel(ch); err != nil {
		ps = append(ps, brand.Problem{Field: "channel", Message: err.Error()})
	}
	if l := q.Get("lang"); l != "" {
		if opt.Langs, err = brand.ParseLangs(l); err != nil {
			ps = append(ps, brand.Problem{Field: "lang", Message: err.Error()})
		}
	}
	size := q.Get("size")
	if size == "" {
		size = "a4"
	}
	if opt.Size, err = layout.ParseSize(size); err != nil {
		ps = append(ps, brand.Problem{Field: "size", Message: err.Error()})
	}
	format := q.Get("format")
	if format == "" {
		format = "pdf"
	}
	if opt.Format, err = render.ParseFormat(format); err != nil || opt.Format == render.SVG {
		ps = append(ps, brand.Problem{Field: "format", Message: fmt.Sprintf("%q: want pdf or png", format)})
	}
	if d := q.Get("dpi"); d != "" {
		// Written so that NaN fails: it passed v < 36 || v > 300.
		v, err := strconv.ParseFloat(d, 64)
		if err != nil || !(v >= limits.MinDPI && v <= limits.ServerMaxDPI) {
			ps = append(ps, brand.Problem{Field: "dpi", Message: fmt.Sprintf("%q: want %d to %d", d, limits.MinDPI, limits.ServerMaxDPI)})
		}
		opt.DPI = v
	}
	return opt, ps
}

func (s *Server) apiPoster(w http.ResponseWriter, r *http.Request) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, requestError{"the query is not well-formed: write it as channel=complaint&lang=fr,nl&size=a4&format=pdf", err})
		return
	}
	opt, ps := posterOptions(q)
	if len(ps) > 0 {
		writeProblems(w, http.StatusBadRequest, ps)
		return
	}
	o, err := s.readProfile(r)
	if err != nil {
		writeError(w, err)
		return
	}
	s.servePoster(w, r, o, opt, "")
}

// servePoster renders (or finds in the cache) a poster and sends it.
func (s *Server) servePoster(w http.ResponseWriter, r *http.Request, o *brand.Org, opt render.PosterOptions, filename string) {
	a, err := s.posterAsset(r.Context(), o, opt)
	if err != nil {
		writeError(w, err)
		return
	}
	if filename != "" {
		w.Header().Set("Content-Disposition", `attachment; filename="`+safeFilename(filename)+`"`)
	}
	serveAsset(w, r, a, "private, max-age=86400")
}

// safeFilename keeps a download's name to letters, digits and . _ + -: a
// name made from the request (poster.lang) cannot put control characters
// or quotes into a header.
func safeFilename(name string) string {
	b := []byte(name)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '+' || c == '-') {
			b[i] = '-'
		}
	}
	return string(b)
}

func (s *Server) apiKit(w http.ResponseWriter, r *http.Request) {
	o, err := s.readProfile(r)
	if err != nil {
		writeError(w, err)
		return
	}
	s.serveKit(w, r, o)
}

func (s *Server) serveKit(w http.ResponseWriter, r *http.Request, o *brand.Org) {
	// A kit renders on as many goroutines as there are CPUs but holds one
	// slot: kits are rare next to previews.
	var buf bytes.Buffer
	err := s.render(r.Context(), func() error {
		files, err := kit.Build(o, kit.Options{Year: time.Now().Year(), Context: r.Context()})
		if err != nil {
			return err
		}
		return kit.Zip(&buf, files)
	})
	if err != nil {
		writeError(w, err)
		return
	}
	a := newAsset(buf.Bytes(), "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="kit.zip"`)
	serveAsset(w, r, a, "private, max-age=86400")
}
