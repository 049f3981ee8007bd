package raster

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/golden"
	"affiches/internal/logo"
	"affiches/internal/render/layout"
	"affiches/internal/render/page"
	"affiches/internal/text"
)

// The reference PNGs in testdata were rendered by the gg-based renderer
// this package had before it drew paths itself (go test -update). The
// rasteriser changed, not the pictures: pixels may differ only where edges
// are antialiased, within each case's tolerance.
var cases = []struct {
	name string
	page func(t *testing.T) *page.Page
	opt  Options
	tol  golden.Tolerance
	rgba bool // the PNG keeps an alpha channel
}{
	{
		name: "poster-a4-fr-nl-150dpi.png",
		page: func(t *testing.T) *page.Page {
			doc, err := layout.Poster(brand.Demo(), layout.PosterOptions{Channel: brand.Complaint, Langs: []brand.Lang{brand.FR, brand.NL}, Size: layout.A4})
			if err != nil {
				t.Fatal(err)
			}
			return doc.Pages[0]
		},
		opt: Options{DPI: 150, Background: color.White},
		tol: golden.Tolerance{Max: 8, Share: 0.03},
	},
	{
		name: "logo-complaint-fr-colour-web-large-2x.png",
		page: func(t *testing.T) *page.Page {
			lk, err := logo.Build(brand.Complaint, brand.FR, logo.Colour, logo.WebLarge)
			if err != nil {
				t.Fatal(err)
			}
			w, h, _ := logo.WebLarge.WebSize()
			p := &page.Page{W: float64(w), H: float64(h)}
			p.Add(lk.Art)
			return p
		},
		opt:  Options{DPI: 144},
		tol:  golden.Tolerance{Max: 8, Share: 0.03},
		rgba: true,
	},
	{
		name: "fill-rules.png",
		page: func(*testing.T) *page.Page { return fillRules() },
		opt:  Options{DPI: 144},
		tol:  golden.Tolerance{Max: 8, Share: 0.03},
		rgba: true,
	},
}

// fillRules is a page of the shapes where the fill rules differ: a
// self-crossing star and a ring of two circles turning the same way, each
// even-odd and non-zero, some translucent, over rectangles that do not
// fall on whole pixels.
func fillRules() *page.Page {
	star := func(cx, cy, r float64) []page.Seg {
		var segs []page.Seg
		for i := range 5 {
			a := -math.Pi/2 + float64(i)*4*math.Pi/5
			op := page.LineTo
			if i == 0 {
				op = page.MoveTo
			}
			segs = append(segs, page.Seg{Op: op, Pts: [3]page.Point{{X: cx + r*math.Cos(a), Y: cy + r*math.Sin(a)}}})
		}
		return append(segs, page.Seg{Op: page.Close})
	}
	circle := func(cx, cy, r float64) []page.Seg {
		const k = 0.5523 // control-point distance of a quarter circle
		pt := func(x, y float64) page.Point { return page.Point{X: cx + x*r, Y: cy + y*r} }
		return []page.Seg{
			{Op: page.MoveTo, Pts: [3]page.Point{pt(1, 0)}},
			{Op: page.CubicTo, Pts: [3]page.Point{pt(1, k), pt(k, 1), pt(0, 1)}},
			{Op: page.CubicTo, Pts: [3]page.Point{pt(-k, 1), pt(-1, k), pt(-1, 0)}},
			{Op: page.CubicTo, Pts: [3]page.Point{pt(-1, -k), pt(-k, -1), pt(0, -1)}},
			{Op: page.CubicTo, Pts: [3]page.Point{pt(k, -1), pt(1, -k), pt(1, 0)}},
			{Op: page.Close},
		}
	}
	ring := func(cx, cy float64) []page.Seg { return append(circle(cx, cy, 20), circle(cx, cy, 11)...) }
	blue := color.RGBA{0x1F, 0x6F, 0xB2, 0xFF}
	green := color.RGBA{0x1E, 0x7D, 0x4F, 0xFF}
	half := color.RGBA{0x60, 0x10, 0x10, 0x80} // premultiplied, half opaque
	p := &page.Page{W: 200, H: 110}
	p.Add(
		page.Fill{Rect: page.Rect{X: 0.3, Y: 50.2, W: 199.4, H: 10.7}, Colour: color.RGBA{0xFF, 0xCC, 0x00, 0xFF}},
		page.Art{Name: "shapes", Box: page.Rect{W: 200, H: 110}, View: page.Point{X: 200, Y: 110}, Paths: []page.Path{
			{Segs: star(30, 30, 25), EvenOdd: true, Fill: blue},
			{Segs: star(80, 30, 25), Fill: blue},
			{Segs: ring(130, 30), EvenOdd: true, Fill: green},
			{Segs: ring(175, 30), Fill: green},
			{Segs: star(30, 80, 25), EvenOdd: true, Fill: half},
			{Segs: ring(80, 80), EvenOdd: true, Fill: half},
			{Segs: circle(130, 80, 0.2), Fill: blue}, // smaller than a pixel
		}},
		page.Fill{Rect: page.Rect{X: 150.4, Y: 65.6, W: 40.2, H: 30.3}, Colour: half},
	)
	return p
}

func TestRenderGolden(t *testing.T) {
	fonts := text.Fonts()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.page(t), fonts, tt.opt); err != nil {
				t.Fatal(err)
			}
			golden.CheckPNGWithin(t, tt.name, buf.Bytes(), tt.tol)
		})
	}
}

// TestWritePNG checks what the file says besides its pixels: opaque
// pictures are RGB, others keep alpha, and pHYs gives the resolution.
func TestWritePNG(t *testing.T) {
	fonts := text.Fonts()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WritePNG(&buf, Render(tt.page(t), fonts, tt.opt), tt.opt.DPI); err != nil {
				t.Fatal(err)
			}
			b := buf.Bytes()
			// IHDR is the first chunk: 8-byte signature, length, "IHDR",
			// width, height, bit depth, colour type.
			if got := string(b[12:16]); got != "IHDR" {
				t.Fatalf("first chunk %q, want IHDR", got)
			}
			depth, ctype := b[24], b[25]
			wantType := byte(2) // RGB
			if tt.rgba {
				wantType = 6 // RGBA
			}
			if depth != 8 || ctype != wantType {
				t.Errorf("bit depth %d, colour type %d; want 8, %d", depth, ctype, wantType)
			}
			phys := bytes.Index(b, []byte("pHYs"))
			if phys < 0 {
				t.Fatal("no pHYs chunk")
			}
			ppm := binary.BigEndian.Uint32(b[phys+4:])
			if want := uint32(math.Round(tt.opt.DPI / 0.0254)); ppm != want || b[phys+12] != 1 {
				t.Errorf("pHYs %d px/unit, unit %d; want %d px/m", ppm, b[phys+12], want)
			}
		})
	}
}

// TestDeterministic renders each case twice through Write, with its kept
// buffers, and once through Render and WritePNG, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	fonts := text.Fonts()
	for _, tt := range cases {
		var out [3]bytes.Buffer
		for i := range out {
			var err error
			if i < 2 {
				err = Write(&out[i], tt.page(t), fonts, tt.opt)
			} else {
				err = WritePNG(&out[i], Render(tt.page(t), fonts, tt.opt), tt.opt.DPI)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) || !bytes.Equal(out[0].Bytes(), out[2].Bytes()) {
			t.Errorf("%s: three renders differ", tt.name)
		}
	}
}

// TestCoverage checks the scanner against coverage worked out by hand:
// each case fills paths in opaque white over a transparent 4×4 image and
// lists the alpha wanted in each pixel, row by row, as a share of 255.
func TestCoverage(t *testing.T) {
	rect := func(x0, y0, x1, y1 float64) []page.Seg {
		return []page.Seg{
			{Op: page.MoveTo, Pts: [3]page.Point{{X: x0, Y: y0}}},
			{Op: page.LineTo, Pts: [3]page.Point{{X: x1, Y: y0}}},
			{Op: page.LineTo, Pts: [3]page.Point{{X: x1, Y: y1}}},
			{Op: page.LineTo, Pts: [3]page.Point{{X: x0, Y: y1}}},
			{Op: page.Close},
		}
	}
	cat := func(ss ...[]page.Seg) []page.Seg { return slices.Concat(ss...) }
	tests := []struct {
		name    string
		segs    []page.Seg
		evenOdd bool
		want    [4][4]float64
	}{
		{"square on half pixels", rect(0.5, 0.5, 2.5, 2.5), false, [4][4]float64{
			{.25, .5, .25, 0}, {.5, 1, .5, 0}, {.25, .5, .25, 0}, {0, 0, 0, 0}}},
		{"off the left and top edges", rect(-10, -1e6, 2.5, 1), false, [4][4]float64{
			{1, 1, .5, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}},
		{"off the right and bottom edges", rect(3.25, 3, 1e9, 1e30), false, [4][4]float64{
			{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, .75}}},
		{"same turn, non-zero: no hole", cat(rect(0, 0, 4, 4), rect(1, 1, 3, 3)), false, [4][4]float64{
			{1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}}},
		{"same turn, even-odd: a hole", cat(rect(0, 0, 4, 4), rect(1, 1, 3, 3)), true, [4][4]float64{
			{1, 1, 1, 1}, {1, 0, 0, 1}, {1, 0, 0, 1}, {1, 1, 1, 1}}},
		{"even-odd hole on half pixels", cat(rect(0, 0, 4, 4), rect(1.5, 1.5, 2.5, 2.5)), true, [4][4]float64{
			{1, 1, 1, 1}, {1, .75, .75, 1}, {1, .75, .75, 1}, {1, 1, 1, 1}}},
		{"three layers, even-odd", cat(rect(0, 0, 4, 4), rect(0, 0, 4, 4), rect(0, 0, 2, 4)), true, [4][4]float64{
			{1, 1, 0, 0}, {1, 1, 0, 0}, {1, 1, 0, 0}, {1, 1, 0, 0}}},
		// After Close, lines go on from the subpath's start, 0,0: a
		// triangle under the diagonal, plus the square.
		{"lines after Close go on from the start", append(rect(0, 0, 1, 1),
			page.Seg{Op: page.LineTo, Pts: [3]page.Point{{X: 4, Y: 4}}},
			page.Seg{Op: page.LineTo, Pts: [3]page.Point{{X: 0, Y: 4}}},
		), false, [4][4]float64{
			{1, 0, 0, 0}, {1, .5, 0, 0}, {1, 1, .5, 0}, {1, 1, 1, .5}}},
		{"not a number", rect(math.NaN(), 0, 2, 2), false, [4][4]float64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, 4, 4))
			s := scanner{dst: img, clip: img.Bounds()}
			s.fill(tt.segs, 1, 0, 0, tt.evenOdd, newColour(color.White))
			for y, row := range tt.want {
				for x, want := range row {
					got := img.RGBAAt(x, y).A
					if d := int(got) - int(math.Round(want*255)); d < -1 || d > 1 {
						t.Errorf("pixel %d,%d: alpha %d, want %.0f", x, y, got, want*255)
					}
				}
			}
		})
	}
}

// TestConcurrent writes the cases from several goroutines at once, as the
// web service does, and wants the bytes of one writer alone: pooled
// buffers must not leak from one render into another.
func TestConcurrent(t *testing.T) {
	fonts := text.Fonts()
	pages := make([]*page.Page, len(cases))
	want := make([][]byte, len(cases))
	for i, tt := range cases {
		pages[i] = tt.page(t)
		var buf bytes.Buffer
		if err := Write(&buf, pages[i], fonts, tt.opt); err != nil {
			t.Fatal(err)
		}
		want[i] = buf.Bytes()
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 6 {
				i := (g + k) % len(cases)
				var buf bytes.Buffer
				if err := Write(&buf, pages[i], fonts, cases[i].opt); err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(buf.Bytes(), want[i]) {
					t.Errorf("%s: a concurrent render differs", cases[i].name)
				}
			}
		})
	}
	wg.Wait()
}

// TestPosterQRScans reads the poster's QR codes back from the PNG with
// zbarimg: antialiasing must not cost a scanner a module.
func TestPosterQRScans(t *testing.T) {
	zbarimg := golden.Tool(t, "zbarimg")
	tt := cases[0]
	var buf bytes.Buffer
	if err := Write(&buf, tt.page(t), text.Fonts(), tt.opt); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), tt.name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(zbarimg, "--quiet", "--raw", path).Output()
	if err != nil {
		t.Fatalf("zbarimg %s: %v", path, err)
	}
	got := strings.Fields(string(out))
	slices.Sort(got)
	want := []string{"https://www.example.org/fr/plainte", "https://www.example.org/nl/klacht"}
	if !slices.Equal(got, want) {
		t.Errorf("zbarimg read %q, want %q", got, want)
	}
}

// TestSpareBuffers: at most two page buffers are kept, the larger ones;
// a mapped buffer that is not kept is unmapped, and a buffer too large to
// keep comes from Go's heap.
func TestSpareBuffers(t *testing.T) {
	spare.Lock()
	for _, f := range spare.free { // what earlier tests left
		delete(spare.mapped, &f[:1][0])
		pageFree(f)
	}
	spare.free = nil
	spare.Unlock()
	a, b, c := getImage(100, 100), getImage(300, 300), getImage(200, 200)
	big := getImage(3000, 3000) // 36 MB: over spareBytes
	for _, img := range []*image.RGBA{a, b, c, big} {
		putImage(img)
	}
	spare.Lock()
	defer spare.Unlock()
	if len(spare.free) != spareBuffers {
		t.Fatalf("%d buffers kept, want %d", len(spare.free), spareBuffers)
	}
	for _, f := range spare.free {
		if cap(f) < 4*200*200 {
			t.Errorf("a %d-byte buffer kept over a larger one", cap(f))
		}
	}
	canMap := false
	if m := pageAlloc(16); m != nil {
		pageFree(m)
		canMap = true
	}
	if canMap && len(spare.mapped) != len(spare.free) {
		t.Errorf("%d buffers mapped, %d kept: a dropped buffer was not unmapped", len(spare.mapped), len(spare.free))
	}
}
