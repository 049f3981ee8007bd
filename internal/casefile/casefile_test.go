package casefile

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/golden"
)

// testCase reads the test case written in l: what a coordinator of that
// language writes in the free fields.
func testCase(t *testing.T, l brand.Lang) *Case {
	t.Helper()
	data, err := os.ReadFile("testdata/case-" + string(l) + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseCase(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var letters = []Kind{Acknowledgement, InformationRequest, Inadmissible, Reply}

// TestGoldenTexts covers every kind in every language, blank and filled.
func TestGoldenTexts(t *testing.T) {
	o := brand.Demo()
	for _, l := range brand.Langs {
		c := testCase(t, l)
		for _, k := range append([]Kind{Registration}, letters...) {
			for _, filled := range []bool{false, true} {
				if k == Registration && filled {
					continue
				}
				opt := Options{Lang: l}
				name := string(k) + "-" + string(l) + "-blank.txt"
				if filled {
					opt.Case = c
					name = string(k) + "-" + string(l) + ".txt"
				}
				d, err := Build(o, k, opt)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				golden.Check(t, name, []byte(d.PlainText()))
			}
		}
	}
}

func TestFilledLetters(t *testing.T) {
	o := brand.Demo()
	d, err := Build(o, Acknowledgement, Options{Lang: brand.FR, Case: testCase(t, brand.FR)})
	if err != nil {
		t.Fatal(err)
	}
	txt := d.PlainText()
	for _, want := range []string{
		"PL-2026-0042", "20\u00a0novembre\u00a02026",
		"au plus tard le 21\u00a0décembre\u00a02026", // 20 Nov + 30 days = Sun 20 Dec → Mon 21 Dec
		"ne suspend pas les délais de recours", "protection des données", "Camille Dupont",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("acknowledgement lacks %q:\n%s", want, txt)
		}
	}
	if strings.Contains(txt, "[") {
		t.Errorf("a filled letter still has fields to fill in:\n%s", txt)
	}
	d, _ = Build(o, Reply, Options{Lang: brand.NL, Case: testCase(t, brand.NL)})
	for _, want := range []string{"deels gegrond", "Federale Ombudsman", "https://www.federaalombudsman.be", "0800\u00a099\u00a0962", "excuses"} {
		if !strings.Contains(d.PlainText(), want) {
			t.Errorf("reply lacks %q", want)
		}
	}
}

func TestBlankTemplatesMarkFields(t *testing.T) {
	d, err := Build(brand.Demo(), Acknowledgement, Options{Lang: brand.DE})
	if err != nil {
		t.Fatal(err)
	}
	fields := 0
	for _, b := range d.Body {
		for _, s := range b.Spans {
			if s.Field {
				fields++
			}
		}
	}
	if fields < 4 || !strings.Contains(d.PlainText(), "[Vorgangsnummer]") {
		t.Errorf("%d marked fields:\n%s", fields, d.PlainText())
	}
}

func TestMissingCaseField(t *testing.T) {
	c := testCase(t, brand.EN)
	c.Subject = ""
	c.Outcome = ""
	_, err := Build(brand.Demo(), Reply, Options{Lang: brand.EN, Case: c})
	var ps brand.Problems
	if !errors.As(err, &ps) || !strings.Contains(err.Error(), "case.subject: missing") || !strings.Contains(err.Error(), "case.outcome: missing") {
		t.Errorf("Build = %v", err)
	}
	if _, err := ParseCase([]byte("reference: X\nreceived: 20/11/2026\n")); err == nil || !strings.Contains(err.Error(), "not a date") {
		t.Errorf("bad date: %v", err)
	}
	if _, err := ParseCase([]byte("reference: X\ncolour: red\n")); err == nil || !strings.Contains(err.Error(), "colour") {
		t.Errorf("unknown key: %v", err)
	}
}

// filledDocs builds the blank registration form and every letter filled
// from the test case, in l.
func filledDocs(t *testing.T, l brand.Lang) map[Kind]*Doc {
	t.Helper()
	docs := map[Kind]*Doc{}
	for _, k := range append([]Kind{Registration}, letters...) {
		opt := Options{Lang: l}
		if k != Registration {
			opt.Case = testCase(t, l)
		}
		d, err := Build(brand.Demo(), k, opt)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		docs[k] = d
	}
	return docs
}

// docxText returns the text of a DOCX's body, read back from the package.
func docxText(t *testing.T, data []byte) string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(zipPart(t, data, "word/document.xml")))
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return b.String()
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b.Write(tok)
		case xml.EndElement:
			if tok.Name.Local == "p" {
				b.WriteByte('\n')
			}
		}
	}
}

func TestDOCXSameContent(t *testing.T) {
	for k, d := range filledDocs(t, brand.NL) {
		var a, b bytes.Buffer
		if err := WriteDOCX(&a, d, nil); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		WriteDOCX(&b, d, nil)
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two DOCX differ", k)
		}
		got := docxText(t, a.Bytes())
		// Every paragraph of the document is in the DOCX.
		for _, bl := range d.Body {
			var want string
			switch bl.Kind {
			case Para:
				for _, s := range bl.Spans {
					want += s.Text
				}
			default:
				want = bl.Label
			}
			if !strings.Contains(got, want) {
				t.Errorf("%s: the DOCX lacks %q", k, want)
			}
		}
		if os.Getenv("AFFICHES_KEEP") != "" {
			os.WriteFile(filepath.Join(os.Getenv("AFFICHES_KEEP"), string(k)+".docx"), a.Bytes(), 0o644)
		}
	}
}

// zipPart returns a part of a DOCX or XLSX package.
func zipPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("no %s", name)
	return ""
}

// TestDOCXAccessible: a DOCX letter is in its language (the default run
// language and the core properties), its headings are Word's heading
// styles (level 1 the subject or the form's title, level 2 the sections),
// and the logo has its alternative text.
func TestDOCXAccessible(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 4, 2))
	var logo bytes.Buffer
	png.Encode(&logo, img)
	for k, d := range filledDocs(t, brand.DE) {
		var buf bytes.Buffer
		if err := WriteDOCX(&buf, d, logo.Bytes()); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		doc := zipPart(t, buf.Bytes(), "word/document.xml")
		for _, want := range []string{`<w:pStyle w:val="Heading1"`, `descr="Logo Beschwerdemanagement: Beschwerden`} {
			if !strings.Contains(doc, want) {
				t.Errorf("%s: document.xml lacks %s", k, want)
			}
		}
		if (d.Kind == Registration || d.Kind == Reply) && !strings.Contains(doc, `<w:pStyle w:val="Heading2"`) {
			t.Errorf("%s: no level 2 heading", k)
		}
		if st := zipPart(t, buf.Bytes(), "word/styles.xml"); !strings.Contains(st, `<w:lang w:val="de-BE"`) {
			t.Errorf("%s: styles.xml does not set the language de-BE", k)
		}
		if core := zipPart(t, buf.Bytes(), "docProps/core.xml"); !strings.Contains(core, "<dc:language>de-BE</dc:language>") {
			t.Errorf("%s: core.xml lacks the language", k)
		}
	}
}
