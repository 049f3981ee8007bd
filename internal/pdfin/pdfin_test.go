package pdfin

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The test files: a logo and a poster by affiches (classic cross-reference
// table), the same turned by qpdf into a cross-reference stream with object
// streams, and a page written by Ghostscript's pdfwrite.
func testFiles(t testing.TB) map[string][]byte {
	t.Helper()
	names, _ := filepath.Glob("testdata/*.pdf")
	if len(names) < 4 {
		t.Fatalf("test files: %v", names)
	}
	out := map[string][]byte{}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(n)] = data
	}
	return out
}

func TestReadsRealPDFs(t *testing.T) {
	for name, data := range testFiles(t) {
		p, err := FirstPage(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if p.Width() < 10 || p.Height() < 10 || len(p.Content) < 20 {
			t.Errorf("%s: %g × %g, %d bytes of content", name, p.Width(), p.Height(), len(p.Content))
		}
		var b bytes.Buffer
		Write(&b, p.Resources, func(n int) int { return n })
		for _, n := range p.Order {
			Write(&b, p.Objects[n], func(n int) int { return n })
		}
		t.Logf("%s: %g × %g pt, %d objects, resources %.80q", name, p.Width(), p.Height(), len(p.Order), b.String())
	}
}

// pdf assembles a PDF from object bodies (object i+1 is objs[i]) with a
// correct cross-reference table and the given trailer entries.
func pdf(trailer string, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return b.Bytes()
}

func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

func deflated(n int) string {
	var b bytes.Buffer
	zw := zlib.NewWriter(&b)
	zw.Write(make([]byte, n))
	zw.Close()
	return b.String()
}

const (
	catalog = "<< /Type /Catalog /Pages 2 0 R >>"
	pages   = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
	page    = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 50] /Contents 4 0 R /Resources << >> >>"
	content = "0 0 1 rg 0 0 100 50 re f"
)

func TestMinimal(t *testing.T) {
	p, err := FirstPage(pdf("", catalog, pages, page, stream("", content)))
	if err != nil {
		t.Fatal(err)
	}
	if p.Width() != 100 || p.Height() != 50 || !strings.Contains(string(p.Content), "re f") {
		t.Errorf("page %+v", p)
	}
}

// hostile are the PDFs the hardening issue reproduced against gofpdi, and
// their kin: each is refused, with its reason, at once.
func hostile() map[string]struct {
	data []byte
	want string
} {
	chain := []string{catalog, pages, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 50] /Contents 4 0 R /Resources << /XObject << /X 5 0 R >> >> >>", stream("", content)}
	for i := 5; i < 5+20000; i++ {
		chain = append(chain, fmt.Sprintf("<< /Next %d 0 R >>", i+1))
	}
	chain = append(chain, "null")
	prevLoop := pdf("", catalog, pages, page, stream("", content))
	start := bytes.LastIndex(prevLoop, []byte("startxref\n")) + len("startxref\n")
	xrefAt := string(prevLoop[start : start+bytes.IndexByte(prevLoop[start:], '\n')])
	prevLoop = bytes.Replace(prevLoop, []byte("/Root 1 0 R "), []byte("/Root 1 0 R /Prev "+xrefAt+" "), 1)
	return map[string]struct {
		data []byte
		want string
	}{
		"garbage":                 {append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("garbage 1 2 R << [ ( "), 5000)...), "no startxref"},
		"no header":               {[]byte("hello"), "not a PDF"},
		"kids point to itself":    {pdf("", catalog, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"), "the page tree loops"},
		"kids loop":               {pdf("", catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Pages /Kids [2 0 R] >>"), "the page tree loops"},
		"prev loop":               {prevLoop, "cross-reference sections loop"},
		"huge length":             {pdf("", catalog, pages, page, "<< /Length 999999999 >>\nstream\nxx\nendstream"), "runs past the end"},
		"length refers to itself": {pdf("", catalog, pages, page, "<< /Length 4 0 R >>\nstream\nxx\nendstream"), "refers to itself"},
		"huge count":              {pdf("", catalog, "<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>", page, stream("", content)), ""},
		"negative count":          {pdf("", catalog, "<< /Type /Pages /Kids [3 0 R] /Count -5 >>", page, stream("", content)), ""},
		"deep nesting":            {pdf("", catalog, pages, page, stream("", content), strings.Repeat("[", 100000)+strings.Repeat("]", 100000)), ""},
		"deep nesting reached":    {pdf("", catalog, pages, strings.Replace(page, "<< >>", "<< /X "+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+" >>", 1), stream("", content)), "nest more than 32 deep"},
		"zip bomb":                {pdf("", catalog, pages, page, stream("/Filter /FlateDecode", deflated(100<<20))), "decompresses to more than 32 MiB"},
		"encrypted":               {pdf("/Encrypt 5 0 R", catalog, pages, page, stream("", content), "<< /Filter /Standard >>"), "encrypted"},
		"javascript":              {pdf("", catalog, pages, strings.Replace(page, "<< >>", "<< /XObject << /X 5 0 R >> >>", 1), stream("", content), "<< /S /JavaScript /JS (app.alert(1)) >>"), "/JS"},
		"external stream":         {pdf("", catalog, pages, page, "<< /Length 0 /F (/etc/passwd) >>\nstream\n\nendstream"), "/F"},
		"external image":          {pdf("", catalog, pages, strings.Replace(page, "<< >>", "<< /XObject << /X 5 0 R >> >>", 1), stream("", content), stream("/Type /XObject /Subtype /Image /F (http://example.org/x.png)", "")), "names another file"},
		"huge xref count":         {[]byte("%PDF-1.4\nxref\n0 99999999\ntrailer << >>\nstartxref\n9\n%%EOF\n"), "claims 99999999 entries"},
		"rotated":                 {pdf("", catalog, pages, strings.Replace(page, "/Type /Page ", "/Type /Page /Rotate 90 ", 1), stream("", content)), "rotated"},
		"startxref outside":       {[]byte("%PDF-1.4\nstartxref\n99999999\n%%EOF\n"), "outside the file"},
		"long reference chain":    {pdf("", chain...), "more than 10000 objects"},
		"no media box":            {pdf("", catalog, pages, strings.Replace(page, "/MediaBox [0 0 100 50] ", "", 1), stream("", content)), "no /MediaBox"},
		"NaN media box":           {pdf("", catalog, pages, strings.Replace(page, "[0 0 100 50]", "[0 0 NaN 50]", 1), stream("", content)), "not a PDF object"},
		"huge page":               {pdf("", catalog, pages, strings.Replace(page, "[0 0 100 50]", "[0 0 1e300 50]", 1), stream("", content)), "1 to 14 400 pt"},
		"unknown filter":          {pdf("", catalog, pages, page, stream("/Filter /LZWDecode", "xx")), "LZWDecode"},
	}
}

func TestHostile(t *testing.T) {
	for name, tt := range hostile() {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := FirstPage(tt.data)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			if tt.want == "" {
				return // what matters is that it ends
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want …%s…", err, tt.want)
			}
		})
	}
}

// FuzzFirstPage: no file makes the reader panic, loop or allocate past its
// limits, and what it accepts can be written out.
func FuzzFirstPage(f *testing.F) {
	for _, data := range testFiles(f) {
		f.Add(data)
	}
	for _, tt := range hostile() {
		if len(tt.data) < 64<<10 {
			f.Add(tt.data)
		}
	}
	f.Add(pdf("", catalog, pages, page, stream("", content)))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := FirstPage(data)
		if err != nil {
			return
		}
		if !(p.Width() >= 1 && p.Height() >= 1) {
			t.Fatalf("accepted a page of %g × %g", p.Width(), p.Height())
		}
		var b bytes.Buffer
		Write(&b, p.Resources, func(n int) int { return n })
		for _, n := range p.Order {
			Write(&b, p.Objects[n], func(n int) int { return n })
		}
	})
}
