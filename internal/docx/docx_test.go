package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// sample builds a document using every feature.
func sample(text string) *Document {
	d := New("nl-BE", "Arial", 11)
	d.Title, d.Subject, d.Creator = "Antwoord op uw klacht", "reply", "FOD <Voorbeeld> & co"
	d.Picture([]byte("\x89PNG fake"), 1.5, 0.5, "Logo", `Logo "klachten"`)
	d.Para(Paragraph{Align: Right, Tight: true, Runs: []Run{{Text: "FOD Voorbeeld", Bold: true}}})
	d.Para(Paragraph{Style: Heading1, Runs: []Run{{Text: "Betreft: "}, {Text: "[onderwerp]", Highlight: true}}})
	d.Para(Paragraph{Runs: []Run{{Text: text, Size: 9}}})
	d.Empty()
	d.Table(Table{Widths: []float64{1, 2}, Rows: [][][]Paragraph{
		{{{Runs: []Run{{Text: "Naam", Bold: true}}}}, nil},
		{{{Runs: []Run{{Text: "Taal"}}}}, {{}, {}}},
	}})
	return d
}

func unzip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(b)
	}
	return parts
}

// TestPartsWellFormed: every XML part parses, every relationship points
// at a part of the package, and text comes back as written, with the
// characters XML forbids dropped.
func TestPartsWellFormed(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a < b & c > d 'e' \"f\"", "a < b & c > d 'e' \"f\""},
		{"bell\x07 and nul\x00 dropped", "bell and nul dropped"},
		{"bad utf-8 \xff here", "bad utf-8  here"},
		{"ëé ☐\u00a0oui", "ëé ☐\u00a0oui"},
	} {
		var buf bytes.Buffer
		if _, err := sample(tc.in).WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		parts := unzip(t, buf.Bytes())
		for name, body := range parts {
			if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
				continue
			}
			dec := xml.NewDecoder(strings.NewReader(body))
			for {
				_, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%q: %s is not well-formed: %v", tc.in, name, err)
				}
			}
		}
		for _, rels := range []struct{ file, dir string }{{"_rels/.rels", ""}, {"word/_rels/document.xml.rels", "word/"}} {
			for _, m := range strings.Split(parts[rels.file], `Target="`)[1:] {
				target := rels.dir + m[:strings.IndexByte(m, '"')]
				if _, ok := parts[target]; !ok {
					t.Errorf("%s points at %s, which is not in the package", rels.file, target)
				}
			}
		}
		if got := text(t, parts["word/document.xml"]); !strings.Contains(got, tc.want) {
			t.Errorf("text %q: document reads %q", tc.want, got)
		}
	}
}

// text returns the character data of a document part.
func text(t *testing.T, body string) string {
	var b strings.Builder
	dec := xml.NewDecoder(strings.NewReader(body))
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
	return b.String()
}

func TestDeterministicAndContents(t *testing.T) {
	var a, b bytes.Buffer
	sample("x").WriteTo(&a)
	sample("x").WriteTo(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same document gave different bytes")
	}
	parts := unzip(t, a.Bytes())
	for part, wants := range map[string][]string{
		"word/document.xml":            {`<w:pgSz w:w="11906" w:h="16838"`, `<w:pStyle w:val="Heading1"/>`, `<w:highlight w:val="yellow"/>`, `<w:jc w:val="right"/>`, `descr="Logo &quot;klachten&quot;"`, `r:embed="rId4"`, `<w:tblStyle w:val="TableGrid"/>`, `<w:sz w:val="18"/>`},
		"word/_rels/document.xml.rels": {`Id="rId4"`, `Target="media/image1.png"`},
		"word/styles.xml":              {`<w:lang w:val="nl-BE"`, `w:ascii="Arial"`, `<w:sz w:val="22"/>`, `w:styleId="Heading2"`, `<w:outlineLvl w:val="1"/>`},
		"docProps/core.xml":            {"<dc:creator>FOD &lt;Voorbeeld&gt; &amp; co</dc:creator>", "<dc:language>nl-BE</dc:language>"},
		"[Content_Types].xml":          {`Extension="png"`},
	} {
		for _, w := range wants {
			if !strings.Contains(parts[part], w) {
				t.Errorf("%s lacks %s", part, w)
			}
		}
	}
	if parts["word/media/image1.png"] != "\x89PNG fake" {
		t.Error("the picture is not stored as given")
	}
}

func BenchmarkLetter(b *testing.B) {
	body := strings.Repeat("Wij hebben uw klacht goed ontvangen. ", 20)
	for b.Loop() {
		d := sample(body)
		for range 20 {
			d.Para(Paragraph{Runs: []Run{{Text: body}, {Text: "[veld]", Highlight: true}}})
		}
		if _, err := d.WriteTo(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
