package render

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"affiches/internal/brand"
	"affiches/internal/casefile"
	"affiches/internal/golden"
	"affiches/internal/render/layout"
)

// bodies loads the profiles of real bodies: the repository's corpus and,
// when it lies beside the checkout, the shared one.
func bodies(t *testing.T) map[string]*brand.Org {
	return golden.Bodies(t, 30, "../../testdata/bodies/*.yaml", "../../../shared/realbodies/*.yaml")
}

// testCase reads the case the casefile tests use, written in l.
func testCase(t *testing.T, l brand.Lang) *casefile.Case {
	t.Helper()
	data, err := os.ReadFile("../casefile/testdata/case-" + string(l) + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := casefile.ParseCase(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// layoutCheck finds the reader's-eye layout check beside the checkout.
func layoutCheck(t *testing.T) (python, script string) {
	t.Helper()
	script = "../../../shared/tools/layoutcheck.py"
	if _, err := os.Stat(script); err != nil {
		if os.Getenv("AFFICHES_STRICT") != "" {
			t.Fatalf("%s is needed (AFFICHES_STRICT is set): %v", script, err)
		}
		t.Skipf("%s is not beside the checkout", script)
	}
	golden.Tool(t, "pdftotext")
	golden.Tool(t, "gs")
	return golden.Tool(t, "python3"), script
}

// TestRealBodiesReadWell renders, for every real body, its A4 complaint
// poster in its language pair (its first language when the pair does not
// fit or it has one) and its reply letter, and runs the reader's-eye layout
// check on each: nothing off the page, no overlap, no text across a band or
// over a drawing, phone numbers, "postcode town" and URLs never split badly.
func TestRealBodiesReadWell(t *testing.T) {
	python, script := layoutCheck(t)
	dir := t.TempDir()
	type job struct {
		name, path string
		args       []string
	}
	var jobs []job
	for name, o := range bodies(t) {
		con := o.Complaint
		args := []string{"--keep", con.Phone}
		for _, l := range o.Langs() {
			args = append(args, "--url", con.FormURL.In(l))
			if a := o.Address.In(l); a != "" {
				parts := strings.Split(a, ",")
				args = append(args, "--keep", strings.TrimSpace(parts[len(parts)-1]))
			}
		}
		add := func(what string, buf *bytes.Buffer) {
			path := filepath.Join(dir, name+"-"+what+".pdf")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs, job{name + " " + what, path, args})
		}
		var poster bytes.Buffer
		_, err := Poster(&poster, o, PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Langs: o.PosterLangs(), Size: layout.A4}, Format: PDF})
		if err != nil && strings.Contains(err.Error(), "pt too much") {
			// A pair that does not fit: the kit makes each language alone.
			poster.Reset()
			_, err = Poster(&poster, o, PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Langs: o.Langs()[:1], Size: layout.A4}, Format: PDF})
		}
		if err != nil {
			t.Errorf("%s poster: %v", name, err)
		} else {
			add("poster", &poster)
		}
		l := o.Langs()[0]
		d, err := casefile.Build(o, casefile.Reply, casefile.Options{Lang: l, Case: testCase(t, l), Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var letter bytes.Buffer
		if _, err := Letter(&letter, d); err != nil {
			t.Errorf("%s reply: %v", name, err)
		} else {
			add("reply", &letter)
		}
	}
	// Two checks at a time: each is mostly Ghostscript.
	results := make(chan string, len(jobs))
	sem := make(chan struct{}, 2)
	for _, j := range jobs {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			out, err := exec.Command(python, append([]string{script, j.path}, j.args...)...).CombinedOutput()
			if err != nil {
				results <- j.name + ": " + string(out)
				return
			}
			results <- ""
		}()
	}
	for range jobs {
		if msg := <-results; msg != "" {
			t.Error(msg)
		}
	}
}

// TestLettersPDF checks every letter and form, blank and filled, in every
// language, with qpdf, and that two renders give the same bytes.
func TestLettersPDF(t *testing.T) {
	qpdf := golden.Tool(t, "qpdf")
	dir := t.TempDir()
	kinds := []casefile.Kind{casefile.Registration, casefile.Acknowledgement, casefile.InformationRequest, casefile.Inadmissible, casefile.Reply}
	for _, l := range brand.Langs {
		for _, k := range kinds {
			for _, cc := range []*casefile.Case{nil, testCase(t, l)} {
				if k == casefile.Registration && cc != nil {
					continue
				}
				d, err := casefile.Build(brand.Demo(), k, casefile.Options{Lang: l, Case: cc, Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
				if err != nil {
					t.Fatal(err)
				}
				var a, b bytes.Buffer
				if _, err := Letter(&a, d); err != nil {
					t.Fatalf("%s %s: %v", k, l, err)
				}
				_, _ = Letter(&b, d)
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Errorf("%s %s: two renders differ", k, l)
				}
				path := filepath.Join(dir, "letter.pdf")
				os.WriteFile(path, a.Bytes(), 0o644)
				if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
					t.Errorf("%s %s: qpdf --check: %v\n%s", k, l, err, out)
				}
			}
		}
	}
}
