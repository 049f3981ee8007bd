package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image/color"
	"io"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"affiches/internal/render/page"
	"affiches/internal/text"
)

// square is a distinct piece of art per n: a square of side n.
func square(n int) page.Art {
	s := float64(n)
	return page.Art{
		Name: fmt.Sprint("square", n),
		Box:  page.Rect{X: 10, Y: 10 + s, W: 20, H: 20},
		View: page.Point{X: 100, Y: 100},
		Paths: []page.Path{{Fill: color.RGBA{A: 0xFF}, Segs: []page.Seg{
			{Op: page.MoveTo, Pts: [3]page.Point{{X: 0, Y: 0}}},
			{Op: page.LineTo, Pts: [3]page.Point{{X: s, Y: 0}}},
			{Op: page.LineTo, Pts: [3]page.Point{{X: s, Y: s}}},
			{Op: page.Close},
		}}},
	}
}

// contentOf returns the decompressed content streams of a PDF.
func contentOf(t *testing.T, pdf []byte) string {
	t.Helper()
	var all strings.Builder
	for _, m := range regexp.MustCompile(`(?s)/Filter /FlateDecode\n/Length (\d+)\n>>\nstream\n`).FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(zr)
		all.Write(data)
	}
	return all.String()
}

// TestManyDistinctArts: every piece of art is put in the page content at
// its marker, none is left behind, and the output is deterministic.
func TestManyDistinctArts(t *testing.T) {
	p := &page.Page{W: 200, H: 300}
	const n = 40
	for i := 1; i <= n; i++ {
		p.Add(square(i))
		runtime.GC()
	}
	p.Add(square(1)) // the same art again
	var a, b bytes.Buffer
	if err := Write(&a, &page.Doc{Pages: []*page.Page{p}}, text.Fonts()); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, &page.Doc{Pages: []*page.Page{p}}, text.Fonts()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes differ")
	}
	content := contentOf(t, a.Bytes())
	if strings.Contains(content, "-7777") {
		t.Error("an art marker was left in the content")
	}
	if got := strings.Count(content, " cm\n"); got != n+1 {
		t.Errorf("%d pieces of art placed, want %d", got, n+1)
	}
	// The 40th square is placed at its box: x 10, y from the bottom 300-(10+40)-20.
	if !strings.Contains(content, "0.2 0 0 0.2 10 230 cm\n") {
		t.Errorf("the 40th square is not where its box says:\n%.300s", content)
	}
}

func TestBoxesAndLang(t *testing.T) {
	p := &page.Page{W: 200, H: 300, Trim: &page.Rect{X: 20, Y: 20, W: 160, H: 260}, Bleed: &page.Rect{X: 10, Y: 10, W: 180, H: 280}}
	p.Add(page.Text{X: 30, Y: 40, Face: page.Regular, Size: 12, Colour: color.RGBA{A: 0xFF}, S: "Größe €"})
	var buf bytes.Buffer
	if err := Write(&buf, &page.Doc{Info: page.Info{Title: "T", Lang: "de"}, Pages: []*page.Page{p}}, text.Fonts()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/TrimBox [ 20.00 20.00 180.00 280.00 ]", "/BleedBox [ 10 10 190 290 ]", "/Lang (de)", "/Info "} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

func TestMissingGlyphFails(t *testing.T) {
	p := &page.Page{W: 200, H: 300}
	p.Add(page.Text{X: 30, Y: 40, Face: page.Bold, Size: 12, S: "smile 😀"})
	err := Write(new(bytes.Buffer), &page.Doc{Pages: []*page.Page{p}}, text.Fonts())
	if err == nil {
		t.Fatal("a character the font lacks was written")
	}
}

// TestArtIsOneFormPerDocument: art drawn several times, on several pages,
// is one form XObject drawn by name; runs of fills are one path per
// colour.
func TestArtIsOneFormPerDocument(t *testing.T) {
	var pages []*page.Page
	for range 2 {
		p := &page.Page{W: 200, H: 300}
		p.Add(square(7))
		p.Add(page.Fill{Rect: page.Rect{X: 1, Y: 2, W: 3, H: 4}, Colour: color.RGBA{A: 0xFF}})
		p.Add(page.Fill{Rect: page.Rect{X: 5, Y: 2, W: 3, H: 4}, Colour: color.RGBA{A: 0xFF}})
		p.Add(page.Fill{Rect: page.Rect{X: 9, Y: 2, W: 3, H: 4}, Colour: color.RGBA{R: 0xFF, A: 0xFF}})
		p.Add(square(7))
		pages = append(pages, p)
	}
	var buf bytes.Buffer
	if err := Write(&buf, &page.Doc{Pages: pages}, text.Fonts()); err != nil {
		t.Fatal(err)
	}
	pdf := buf.String()
	if n := strings.Count(pdf, "/Subtype /Form"); n != 1 {
		t.Errorf("%d form XObjects, want 1", n)
	}
	m := regexp.MustCompile(`/(AffArt\d+) (\d+) 0 R`).FindStringSubmatch(pdf)
	if m == nil {
		t.Fatal("no form in the page resources")
	}
	if !strings.Contains(pdf, "\n"+m[2]+" 0 obj\n<<\n/Type /XObject\n/Subtype /Form\n") {
		t.Errorf("%s is not object %s", m[1], m[2])
	}
	content := contentOf(t, buf.Bytes())
	if n := strings.Count(content, "/"+m[1]+" Do\n"); n != 4 {
		t.Errorf("the form is drawn %d times, want 4", n)
	}
	if !strings.Contains(content, "0 0 0 rg\n1 294 3 4 re\n5 294 3 4 re\nf\n1 0 0 rg\n9 294 3 4 re\nf\n") {
		t.Errorf("fills are not one path per colour:\n%s", content)
	}
}

func TestNum(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{0, "0"}, {-0.0001, "0"}, {1, "1"}, {-2.5, "-2.5"}, {0.1234, "0.123"}, {0.0005, "0.001"}, {-0.05, "-0.05"}, {12.007, "12.007"}, {841.89, "841.89"}, {0.999999, "1"}} {
		if got := num(tt.v); got != tt.want {
			t.Errorf("num(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
