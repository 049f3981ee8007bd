package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"affiches/internal/golden"
	"affiches/internal/render/page"
	"affiches/internal/text"
)

// TestImportedPages places the first page of PDFs written by affiches,
// by qpdf (cross-reference and object streams) and by Ghostscript as a
// logo pack's artwork, twice on a page beside our own art: the page is one
// form with its resources renumbered, the file is the same bytes every
// time, and qpdf and Ghostscript read it without a complaint.
func TestImportedPages(t *testing.T) {
	names, _ := filepath.Glob("../../pdfin/testdata/*.pdf")
	if len(names) < 4 {
		t.Fatalf("test files: %v", names)
	}
	dir := t.TempDir()
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		off := &page.Official{File: filepath.Base(name), PDF: data}
		pg := &page.Page{W: 300, H: 300}
		pg.Add(page.Art{Name: "official", Box: page.Rect{X: 10, Y: 10, W: 200, H: 80}, View: page.Point{X: 400, Y: 160}, Official: off})
		pg.Add(square(7))
		pg.Add(page.Art{Name: "official", Box: page.Rect{X: 10, Y: 150, W: 100, H: 40}, View: page.Point{X: 400, Y: 160}, Official: off})
		pg.Blocks = []page.Block{
			{Name: "logo", Role: page.Figure, Alt: "logo", Box: page.Rect{X: 10, Y: 10, W: 200, H: 80}, From: 0, To: 1},
			{Name: "square", Role: page.Artifact, From: 1, To: 2},
			{Name: "logo", Role: page.Figure, Alt: "logo", Box: page.Rect{X: 10, Y: 150, W: 100, H: 40}, From: 2, To: 3},
		}
		doc := &page.Doc{Pages: []*page.Page{pg}}
		var a, b bytes.Buffer
		if err := Write(&a, doc, text.Fonts(), Options{}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		Write(&b, doc, text.Fonts(), Options{})
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two writes differ", name)
		}
		if n := bytes.Count(a.Bytes(), []byte("/Matrix [1 0 0 1")); n != 1 {
			t.Errorf("%s: %d imported forms, want one placed twice", name, n)
		}
		path := filepath.Join(dir, filepath.Base(name))
		os.WriteFile(path, a.Bytes(), 0o644)
	}
	qpdf := golden.Tool(t, "qpdf")
	gs := golden.Tool(t, "gs")
	for _, name := range names {
		path := filepath.Join(dir, filepath.Base(name))
		if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
			t.Errorf("%s: qpdf --check: %v\n%s", name, err, out)
		}
		out, err := exec.Command(gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", path).CombinedOutput()
		// Ghostscript notes a font the file does not embed (Helvetica in
		// its own test file): that is the artwork's, not a fault.
		if err != nil || len(bytes.TrimSpace(out)) > 0 && !strings.Contains(string(out), "Loading font") {
			t.Errorf("%s: Ghostscript: %v\n%s", name, err, out)
		}
	}
}

// TestImportRefused: a pack PDF the reader refuses fails the document
// with the file and the reason.
func TestImportRefused(t *testing.T) {
	pg := &page.Page{W: 300, H: 300}
	pg.Add(page.Art{Name: "official", Box: page.Rect{W: 200, H: 80}, View: page.Point{X: 400, Y: 160}, Official: &page.Official{File: "complaint-fr-colour", PDF: []byte("%PDF-1.4\ngarbage")}})
	pg.Blocks = []page.Block{{Name: "logo", Role: page.Figure, Alt: "logo", Box: page.Rect{W: 200, H: 80}, From: 0, To: 1}}
	err := Write(&bytes.Buffer{}, &page.Doc{Pages: []*page.Page{pg}}, text.Fonts(), Options{})
	if err == nil || !strings.Contains(err.Error(), "logo pack complaint-fr-colour.pdf: no startxref") {
		t.Errorf("err = %v", err)
	}
}
