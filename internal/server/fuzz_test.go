package server

import (
	"bytes"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzHandlers sends arbitrary requests to every route but the kit (a
// whole kit per execution would be too slow to fuzz): no request panics,
// none gets a 500 (a fault of the server), and every render and parse
// slot is free again once it is answered.
func FuzzHandlers(f *testing.F) {
	quiet(f)
	routes := []struct{ method, path string }{
		{"POST", "/api/poster"}, {"POST", "/form/poster"}, {"POST", "/"}, {"POST", "/import"},
		{"GET", "/"}, {"GET", "/logos/complaint/fr/colour/"}, {"GET", "/static/"}, {"GET", "/healthz"},
	}
	types := []string{"application/yaml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b", "multipart/form-data", "application/json", ""}
	v := defaultForm()
	f.Add(uint8(0), "", "format=pdf&lang=fr", uint8(0), []byte(demo), "")
	f.Add(uint8(0), "", "format=png&dpi=NaN", uint8(0), []byte(demo), "")
	f.Add(uint8(1), "", "format=png&dpi=40", uint8(1), []byte(v.Encode()), "")
	f.Add(uint8(2), "", "", uint8(1), []byte(v.Encode()+"&action=pdf&poster.lang=fr%0b"), "")
	f.Add(uint8(2), "", "", uint8(1), []byte("a.a.a.a.a.a=1&name.fr=%zz"), "")
	f.Add(uint8(3), "", "", uint8(2), []byte("--b\r\nContent-Disposition: form-data; name=\"profile\"; filename=\"a\"\r\n\r\nname: x\r\n--b--\r\n"), "")
	f.Add(uint8(5), "web-small@2x.png", "", uint8(5), []byte(nil), `W/"x"`)
	f.Add(uint8(6), "app.js", "", uint8(5), []byte(nil), "*")
	f.Add(uint8(0), "", "size=a3&format=pdf&channel=suggestion", uint8(4), []byte(jsonProfileText), "")
	s := New(Options{MaxRenders: 2})
	f.Fuzz(func(t *testing.T, route uint8, path, query string, ct uint8, body []byte, inm string) {
		r := routes[int(route)%len(routes)]
		target := r.path + path
		if query != "" {
			target += "?" + query
		}
		if _, err := url.ParseRequestURI(target); err != nil || strings.ContainsAny(target, " \t\r\n#") {
			return // not a request line: net/http answers 400 before any handler
		}
		req := httptest.NewRequest(r.method, "http://x"+target, bytes.NewReader(body))
		req.Header.Set("Content-Type", types[int(ct)%len(types)])
		if inm != "" {
			req.Header.Set("If-None-Match", inm)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != 503 {
			t.Fatalf("%s %s: %d %s", r.method, target, rec.Code, rec.Body.String())
		}
		if len(s.renders) != 0 || len(s.parses) != 0 {
			t.Fatalf("%s %s: slots held after the answer", r.method, target)
		}
	})
}

const jsonProfileText = `{"name":{"fr":"Service X","nl":"Dienst X"},"region":"brussels","address":"Rue X 1, 1000 Bruxelles",
"complaint":{"form_url":{"fr":"https://x.be/fr","nl":"https://x.be/nl"},"phone":"+32 2 000 00 00"},"second_line":"brussels-ombuds"}`
