package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"affiches/internal/brand"
	"affiches/internal/casefile"
	"affiches/internal/golden"
	"affiches/internal/logo"
	"affiches/internal/render/layout"
	"affiches/internal/render/page"
	"affiches/internal/text"
)

var black = color.RGBA{A: 0xFF}

// square is a distinct piece of art per n: a square of side n.
func square(n int) page.Art {
	s := float64(n)
	return page.Art{
		Name: fmt.Sprint("square", n),
		Box:  page.Rect{X: 10, Y: 10 + s, W: 20, H: 20},
		View: page.Point{X: 100, Y: 100},
		Paths: []page.Path{{Fill: black, Segs: []page.Seg{
			{Op: page.MoveTo, Pts: [3]page.Point{{X: 0, Y: 0}}},
			{Op: page.LineTo, Pts: [3]page.Point{{X: s, Y: 0}}},
			{Op: page.LineTo, Pts: [3]page.Point{{X: s, Y: s}}},
			{Op: page.Close},
		}}},
	}
}

// figures makes every element of p a figure of its own.
func figures(p *page.Page) *page.Page {
	for i := range p.Elements {
		p.Blocks = append(p.Blocks, page.Block{Name: fmt.Sprint("e", i), Role: page.Figure, Alt: fmt.Sprint("element ", i), From: i, To: i + 1})
	}
	return p
}

func write(t *testing.T, doc *page.Doc, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, doc, text.Fonts(), opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// contents returns the decoded content streams of the pages of a PDF.
func contents(t *testing.T, data []byte) string {
	t.Helper()
	f := readPDF(t, data)
	var all strings.Builder
	for _, o := range f.objs {
		if o.v.get("Type").name() == "Page" {
			all.Write(f.objs[o.v.get("Contents").ref].data)
		}
	}
	return all.String()
}

// TestManyDistinctArts: every piece of art is drawn into its box, and the
// output is deterministic.
func TestManyDistinctArts(t *testing.T) {
	p := &page.Page{W: 200, H: 300}
	const n = 40
	for i := 1; i <= n; i++ {
		p.Add(square(i))
		runtime.GC()
	}
	p.Add(square(1)) // the same art again
	doc := &page.Doc{Pages: []*page.Page{figures(p)}}
	a, b := write(t, doc, Options{}), write(t, doc, Options{})
	if !bytes.Equal(a, b) {
		t.Error("two writes differ")
	}
	checkTagged(t, a)
	content := contents(t, a)
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
	p.Add(page.Text{X: 30, Y: 40, Face: page.Regular, Size: 12, Colour: black, S: "Größe €"})
	p.Blocks = []page.Block{{Name: "t", Role: page.Paragraph, Lang: "de", To: 1}}
	f := readPDF(t, write(t, &page.Doc{Info: page.Info{Title: "T", Lang: "de"}, Pages: []*page.Page{p}}, Options{}))
	for _, o := range f.objs {
		if o.v.get("Type").name() == "Page" {
			if got := rawArray(o.v.get("TrimBox")) + " " + rawArray(o.v.get("BleedBox")); got != "[20 20 180 280] [10 10 190 290]" {
				t.Errorf("TrimBox and BleedBox: %s", got)
			}
		}
		if o.v.get("Type").name() == "Catalog" && o.v.get("Lang").text() != "de" {
			t.Errorf("catalog /Lang %q", o.v.get("Lang").text())
		}
	}
}

func rawArray(v *value) string {
	if v == nil {
		return "none"
	}
	var s []string
	for _, e := range v.arr {
		s = append(s, string(e.raw))
	}
	return "[" + strings.Join(s, " ") + "]"
}

func TestRefusals(t *testing.T) {
	tests := []struct {
		name string
		p    *page.Page
		want string
	}{
		{"missing glyph", &page.Page{W: 200, H: 300, Elements: []page.Element{page.Text{X: 30, Y: 40, Face: page.Bold, Size: 12, S: "smile 😀"}},
			Blocks: []page.Block{{Role: page.Paragraph, To: 1}}}, "no glyph"},
		{"element in no block", &page.Page{W: 200, H: 300, Elements: []page.Element{page.Fill{Rect: page.Rect{W: 1, H: 1}}}}, "belongs to no block"},
		{"figure without alt", &page.Page{W: 200, H: 300, Elements: []page.Element{square(3)},
			Blocks: []page.Block{{Name: "logo", Role: page.Figure, To: 1}}}, "no alternative text"},
		{"element in two blocks", &page.Page{W: 200, H: 300, Elements: []page.Element{page.Fill{Rect: page.Rect{W: 1, H: 1}}},
			Blocks: []page.Block{{Name: "a", Role: page.Artifact, To: 1}, {Name: "b", Role: page.Artifact, To: 1}}}, "in blocks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(new(bytes.Buffer), &page.Doc{Pages: []*page.Page{tt.p}}, text.Fonts(), Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write = %v, want an error with %q", err, tt.want)
			}
		})
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
		p.Add(page.Fill{Rect: page.Rect{X: 1, Y: 2, W: 3, H: 4}, Colour: black})
		p.Add(page.Fill{Rect: page.Rect{X: 5, Y: 2, W: 3, H: 4}, Colour: black})
		p.Add(page.Fill{Rect: page.Rect{X: 9, Y: 2, W: 3, H: 4}, Colour: color.RGBA{R: 0xFF, A: 0xFF}})
		p.Add(square(7))
		p.Blocks = []page.Block{{Name: "art", Role: page.Figure, Alt: "squares", To: 5}}
		pages = append(pages, p)
	}
	data := write(t, &page.Doc{Pages: pages}, Options{})
	f := checkTagged(t, data)
	forms := 0
	for _, o := range f.objs {
		if o.v.get("Subtype").name() == "Form" {
			forms++
		}
	}
	if forms != 1 {
		t.Errorf("%d form XObjects, want 1", forms)
	}
	content := contents(t, data)
	if n := len(regexp.MustCompile(`/AffArt\d+ Do\n`).FindAllString(content, -1)); n != 4 {
		t.Errorf("the form is drawn %d times, want 4", n)
	}
	if !strings.Contains(content, "0 0 0 rg\n1 294 3 4 re\n5 294 3 4 re\nf\n1 0 0 rg\n9 294 3 4 re\nf\n") {
		t.Errorf("fills are not one path per colour:\n%s", content)
	}
}

// TestArtTextIsGlyphForms: the lines of text in art (a logo's baseline)
// are outlines, not text: each glyph a form written once per document and
// per marking, drawn wherever the letter recurs, in art drawn as a figure
// or as an artifact.
func TestArtTextIsGlyphForms(t *testing.T) {
	art := func(y float64) page.Art {
		a := square(3)
		a.Box.Y = y
		a.Text = []page.Text{
			{X: 10, Y: 60, Face: page.Bold, Size: 20, Colour: black, S: "abba"},
			{X: 10, Y: 90, Face: page.Bold, Size: 20, Colour: black, S: "a b"},
		}
		return a
	}
	p := &page.Page{W: 200, H: 300, Elements: []page.Element{art(10), art(100), art(200)},
		Blocks: []page.Block{
			{Name: "logo", Role: page.Figure, Alt: "Logo", To: 1},
			{Name: "again", Role: page.Figure, Alt: "Logo", From: 1, To: 2},
			{Name: "decoration", Role: page.Artifact, From: 2, To: 3},
		}}
	data := write(t, &page.Doc{Pages: []*page.Page{p}}, Options{})
	f := checkTagged(t, data)
	marks := map[string]int{}
	for _, o := range f.objs {
		// A glyph's form has its origin at the centre of its box.
		if bb := o.v.get("BBox"); o.v.get("Subtype").name() == "Form" && strings.HasPrefix(string(bb.arr[0].raw), "-") {
			mark, _, _ := strings.Cut(string(o.data), " BMC")
			marks[mark]++
		}
	}
	// a and b, once as the figures' content and once as an artifact's.
	if want := map[string]int{"/Figure": 2, "/Artifact": 2}; !maps.Equal(marks, want) {
		t.Errorf("glyph forms by marking %v, want %v", marks, want)
	}
	content := contents(t, data)
	if strings.Contains(content, "BT") {
		t.Errorf("art text is drawn as text:\n%s", content)
	}
	if n := len(regexp.MustCompile(`/G\d+ Do\n`).FindAllString(content, -1)); n != 3*6 {
		t.Errorf("%d glyphs drawn, want 18 (six letters in each of three arts)", n)
	}
}

// dumpTags writes a PDF's structure tree, an element a line: its type,
// its /Lang, its alternative text, and the text of its marked content.
func dumpTags(t *testing.T, data []byte) string {
	t.Helper()
	f := readPDF(t, data)
	cat := f.objs[f.root].v
	var b strings.Builder
	var walk func(ref, depth int)
	walk = func(ref, depth int) {
		e := f.objs[ref].v
		fmt.Fprintf(&b, "%s%s", strings.Repeat("  ", depth), e.get("S").name())
		if l := e.get("Lang"); l != nil {
			fmt.Fprintf(&b, " lang=%s", l.text())
		}
		if a := e.get("Alt"); a != nil {
			fmt.Fprintf(&b, " alt=%q", a.text())
		}
		if a := f.resolve(e.get("A")); a != nil {
			fmt.Fprintf(&b, " scope=%s", a.get("Scope").name())
		}
		b.WriteByte('\n')
		k := e.get("K")
		list := []*value{k}
		if k != nil && k.kind == 'a' {
			list = k.arr
		}
		for _, k := range list {
			switch {
			case k == nil:
			case k.kind == 'R':
				walk(k.ref, depth+1)
			case k.kind == 'd' && k.get("Type").name() == "OBJR":
				fmt.Fprintf(&b, "%s(annotation)\n", strings.Repeat("  ", depth+1))
			}
		}
	}
	walk(f.resolve(cat.get("StructTreeRoot")).get("K").ref, 0)
	return b.String()
}

// TestStructure: blocks become the structure a reader needs: groups as
// sections with their language, lists (a paragraph between two items
// continuing the first), tables a row per line, links with their
// annotation, figures with their alternative text; artifacts stay out.
func TestStructure(t *testing.T) {
	txt := func(y float64, s string) page.Text {
		return page.Text{X: 10, Y: y, Face: page.Regular, Size: 10, Colour: black, S: s}
	}
	p := &page.Page{W: 300, H: 400}
	blocks := []struct {
		b  page.Block
		el []page.Element
	}{
		{page.Block{Name: "band", Role: page.Artifact}, []page.Element{page.Fill{Rect: page.Rect{W: 300, H: 5}, Colour: black}}},
		{page.Block{Name: "title", Role: page.Heading1, Lang: "fr", Group: "column-fr"}, []page.Element{txt(20, "Un titre sur"), txt(32, "deux lignes")}},
		{page.Block{Name: "qr", Role: page.Figure, Lang: "fr", Group: "column-fr", Alt: "Code QR"}, []page.Element{square(5), page.Link{Rect: page.Rect{X: 10, Y: 40, W: 20, H: 20}, URL: "https://example.org/fr"}}},
		{page.Block{Name: "icon", Role: page.Artifact, Lang: "fr", Group: "column-fr"}, []page.Element{square(2)}},
		{page.Block{Name: "email", Role: page.ListItem, Lang: "fr", Group: "column-fr"}, []page.Element{txt(70, "a@example.org"), page.Link{Rect: page.Rect{X: 10, Y: 60, W: 50, H: 12}, URL: "mailto:a@example.org"}}},
		{page.Block{Name: "phone", Role: page.ListItem, Lang: "fr", Group: "column-fr"}, []page.Element{txt(82, "02 123 45 67")}},
		{page.Block{Name: "hours", Role: page.Paragraph, Lang: "fr", Group: "column-fr"}, []page.Element{txt(94, "de 9 h à 16 h")}},
		{page.Block{Name: "post", Role: page.ListItem, Lang: "fr", Group: "column-fr"}, []page.Element{txt(106, "Rue 1")}},
		{page.Block{Name: "title", Role: page.Heading1, Lang: "nl", Group: "column-nl"}, []page.Element{txt(130, "Een titel")}},
		{page.Block{Name: "url", Role: page.LinkRole, Lang: "nl", Group: "column-nl"}, []page.Element{txt(142, "https://"), txt(154, "example.org/nl"), page.Link{Rect: page.Rect{X: 10, Y: 132, W: 80, H: 24}, URL: "https://example.org/nl"}}},
		{page.Block{Name: "row-1-label", Role: page.TableHead, Lang: "fr", Box: page.Rect{Y: 200}}, []page.Element{txt(210, "Reçues")}},
		{page.Block{Name: "row-1-value", Role: page.TableCell, Lang: "fr", Box: page.Rect{X: 100, Y: 200}}, []page.Element{txt(210, "23")}},
		{page.Block{Name: "row-2-band", Role: page.Artifact}, []page.Element{page.Fill{Rect: page.Rect{Y: 218, W: 300, H: 14}, Colour: black}}},
		{page.Block{Name: "row-2-label", Role: page.TableHead, Lang: "fr", Box: page.Rect{Y: 220}}, []page.Element{txt(230, "Fondées")}},
		{page.Block{Name: "row-2-value", Role: page.TableCell, Lang: "fr", Box: page.Rect{X: 100, Y: 220}}, []page.Element{txt(230, "5")}},
		{page.Block{Name: "footer-name", Role: page.Paragraph, Lang: "fr", Group: "footer"}, []page.Element{txt(380, "Service public")}},
		{page.Block{Name: "footer-name", Role: page.Paragraph, Lang: "nl", Group: "footer"}, []page.Element{txt(392, "Overheidsdienst")}},
	}
	for _, bl := range blocks {
		b := bl.b
		b.From = len(p.Elements)
		p.Add(bl.el...)
		b.To = len(p.Elements)
		p.Blocks = append(p.Blocks, b)
	}
	data := write(t, &page.Doc{Info: page.Info{Title: "Titre", Lang: "fr"}, Pages: []*page.Page{p}}, Options{})
	checkTagged(t, data)
	want := `Document
  Sect
    H1
    Link
      Figure alt="Code QR"
      (annotation)
    L
      LI
        LBody
          Link
            (annotation)
      LI
        LBody
          P
      LI
        LBody
  Sect lang=nl
    H1
    P
      Link
        (annotation)
  Table
    TR
      TH scope=Row
      TD
    TR
      TH scope=Row
      TD
  Sect
    P
    P lang=nl
`
	if got := dumpTags(t, data); got != want {
		t.Errorf("structure:\n%s\nwant:\n%s", got, want)
	}
	if _, err := exec.LookPath("pdfinfo"); err == nil || os.Getenv("AFFICHES_STRICT") != "" {
		out := structText(t, data)
		for _, w := range []string{`"Un titre sur deux lignes"`, `"https://example.org/nl"`, `"02 123 45 67"`} {
			if !strings.Contains(out, w) {
				t.Errorf("pdfinfo -struct-text lacks %s:\n%s", w, out)
			}
		}
	}
}

func structText(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(golden.Tool(t, "pdfinfo"), "-struct-text", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// kinds returns every kind of PDF affiches makes, laid out for the demo
// body.
func kinds(t *testing.T) map[string]struct {
	doc *page.Doc
	opt Options
} {
	t.Helper()
	o := brand.Demo()
	out := map[string]struct {
		doc *page.Doc
		opt Options
	}{}
	add := func(name string, doc *page.Doc, err error, opt Options) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = struct {
			doc *page.Doc
			opt Options
		}{doc, opt}
	}
	for _, size := range layout.Sizes {
		doc, err := layout.Poster(o, layout.PosterOptions{Channel: brand.Complaint, Langs: []brand.Lang{brand.FR, brand.NL}, Size: size})
		add("poster-fr+nl-"+string(size), doc, err, Options{})
	}
	doc, err := layout.Poster(o, layout.PosterOptions{Channel: brand.Suggestion, Langs: []brand.Lang{brand.DE}, Size: layout.A4, PrintShop: true, CropMarks: true})
	add("poster-de-a4-crop-marks", doc, err, Options{})
	for _, k := range casefile.Kinds {
		if k == casefile.Register {
			continue
		}
		d, err := casefile.Build(o, k, casefile.Options{Lang: brand.FR, Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := layout.Letter(d)
		add("letter-"+string(k), doc, err, Options{Archival: true})
	}
	doc, err = layout.Guide(o, brand.NL)
	add("guide-nl", doc, err, Options{})
	doc, err = layout.IndicatorsReport(o, brand.DE, casefile.Compute(nil, 2026, o))
	add("indicators-de", doc, err, Options{})
	lk, err := logo.Build(brand.Complaint, brand.FR, logo.Colour, logo.Print)
	if err != nil {
		t.Fatal(err)
	}
	art := lk.Place(0, 0, 60*layout.MM)
	p := &page.Page{W: art.Box.W, H: art.Box.H, Elements: []page.Element{art},
		Blocks: []page.Block{{Name: "logo", Role: page.Figure, Lang: "fr", Alt: lk.Alt, Box: art.Box, To: 1}}}
	add("logo-print", &page.Doc{Info: page.Info{Title: lk.Alt, Lang: "fr"}, Pages: []*page.Page{p}}, nil, Options{})
	return out
}

// TestEveryKindIsTagged: every kind of PDF passes the structure checks,
// and, when the shared tools are beside the checkout, pdfuacheck.py.
func TestEveryKindIsTagged(t *testing.T) {
	script := "../../../../shared/tools/pdfuacheck.py"
	haveScript := true
	if _, err := os.Stat(script); err != nil {
		if os.Getenv("AFFICHES_STRICT") != "" {
			t.Fatalf("%s is needed (AFFICHES_STRICT is set): %v", script, err)
		}
		haveScript = false
	}
	for name, k := range kinds(t) {
		t.Run(name, func(t *testing.T) {
			data := write(t, k.doc, k.opt)
			checkTagged(t, data)
			if !bytes.Equal(data, write(t, k.doc, k.opt)) {
				t.Error("two writes differ")
			}
			if a := bytes.Contains(data, []byte("<pdfaid:part>2</pdfaid:part>")); a != k.opt.Archival {
				t.Errorf("declares PDF/A-2: %v, want %v", a, k.opt.Archival)
			}
			if !haveScript {
				return
			}
			path := filepath.Join(t.TempDir(), name+".pdf")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{script, path}
			if strings.HasPrefix(name, "poster-fr+nl") {
				// The French column whole, then the Dutch one.
				args = append(args, "--lang-elem", "nl", "--order", "Médiateur fédéral", "Niet tevreden over")
			}
			out, err := exec.Command(golden.Tool(t, "python3"), args...).CombinedOutput()
			if err != nil {
				t.Errorf("pdfuacheck.py: %v\n%s", err, out)
			}
		})
	}
}

// TestOfficialArtwork: a body's own artwork, a PDF (here affiches' own
// tagged print logo) or a PNG with transparency, is placed as it is, its
// content marked as the figure's and its MCIDs taken out, with the same
// bytes every time.
func TestOfficialArtwork(t *testing.T) {
	kinds := kinds(t)
	logoPDF := write(t, kinds["logo-print"].doc, Options{})
	var buf bytes.Buffer
	img := image.NewNRGBA(image.Rect(0, 0, 40, 16))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	p := &page.Page{W: 300, H: 200}
	p.Add(
		page.Art{Name: "pdf", Box: page.Rect{X: 10, Y: 10, W: 200, H: 80}, Official: &page.Official{File: "logo", PDF: logoPDF}},
		page.Art{Name: "png", Box: page.Rect{X: 10, Y: 100, W: 100, H: 40}, Official: &page.Official{File: "logo", PNG: buf.Bytes()}},
		page.Art{Name: "pdf", Box: page.Rect{X: 220, Y: 10, W: 50, H: 20}, Official: &page.Official{File: "logo", PDF: logoPDF}},
	)
	p.Blocks = []page.Block{
		{Name: "a", Role: page.Figure, Alt: "Logo", To: 1},
		{Name: "b", Role: page.Figure, Alt: "Logo", From: 1, To: 2},
		{Name: "c", Role: page.Artifact, From: 2, To: 3},
	}
	doc := &page.Doc{Info: page.Info{Title: "T", Lang: "fr"}, Pages: []*page.Page{p}}
	data := write(t, doc, Options{Archival: true})
	if !bytes.Equal(data, write(t, doc, Options{Archival: true})) {
		t.Error("two writes differ")
	}
	f := checkTagged(t, data)
	images, forms := 0, 0
	for _, o := range f.objs {
		switch o.v.get("Subtype").name() {
		case "Image":
			images++
		case "Form":
			forms++
			if bytes.Contains(o.data, []byte("MCID")) {
				t.Errorf("an imported form keeps its MCIDs:\n%.200s", o.data)
			}
		}
	}
	// The logo as a figure and as an artifact, the mask of the PNG.
	if forms < 2 || images != 2 {
		t.Errorf("%d forms and %d images, want 2 imported forms or more and an image with its mask", forms, images)
	}
	if _, err := exec.LookPath("qpdf"); err == nil || os.Getenv("AFFICHES_STRICT") != "" {
		path := filepath.Join(t.TempDir(), "o.pdf")
		os.WriteFile(path, data, 0o644)
		if out, err := exec.Command(golden.Tool(t, "qpdf"), "--check", path).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	}
}

func TestUntag(t *testing.T) {
	in := "/P <</MCID 3>> BDC\nq 1 0 0 1 0 0 cm\nBI /W 1 /H 1 /BPC 8 /CS /G ID \x00EMC EI\nQ\nEMC\n/OC /MC0 BDC 0 0 m f EMC\n"
	want := "/P BMC\nq 1 0 0 1 0 0 cm\nBI /W 1 /H 1 /BPC 8 /CS /G ID \x00EMC EI\nQ\nEMC\n/OC /MC0 BDC 0 0 m f EMC\n"
	if got := string(untag([]byte(in))); got != want {
		t.Errorf("untag:\n%q\nwant\n%q", got, want)
	}
}

func BenchmarkWritePoster(b *testing.B) {
	doc, err := layout.Poster(brand.Demo(), layout.PosterOptions{Channel: brand.Complaint, Langs: []brand.Lang{brand.FR, brand.NL}, Size: layout.A4})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, doc, text.Fonts(), Options{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
	}
}
