package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/golden"
	"affiches/internal/logo"
	"affiches/internal/render/layout"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

func poster(t testing.TB, opt PosterOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Poster(&buf, brand.Demo(), opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDeterministic(t *testing.T) {
	cases := map[string]func(io.Writer) error{
		"poster pdf": func(w io.Writer) error {
			_, err := Poster(w, brand.Demo(), PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Size: layout.A4, CropMarks: true}, Format: PDF})
			return err
		},
		"poster png": func(w io.Writer) error {
			_, err := Poster(w, brand.Demo(), PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Suggestion, Size: layout.A5}, Format: PNG, DPI: 72})
			return err
		},
		"logo svg": func(w io.Writer) error {
			_, err := Logo(w, LogoOptions{Channel: brand.Complaint, Lang: brand.DE, Version: logo.Colour, Format: SVG})
			return err
		},
		"logo pdf": func(w io.Writer) error {
			_, err := Logo(w, LogoOptions{Channel: brand.Suggestion, Lang: brand.NL, Version: logo.Black, Format: PDF, WidthMM: 40})
			return err
		},
	}
	for name, fn := range cases {
		var a, b bytes.Buffer
		if err := fn(&a); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := fn(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two renders differ", name)
		}
	}
}

// decodeQRs reads every QR code of an image with gozxing, masking each code
// found so the next one shows.
func decodeQRs(t *testing.T, img image.Image) []string {
	t.Helper()
	rgba := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			rgba.Set(x, y, img.At(x, y))
		}
	}
	var found []string
	for range 4 {
		bmp, err := gozxing.NewBinaryBitmapFromImage(rgba)
		if err != nil {
			t.Fatal(err)
		}
		res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true})
		if err != nil {
			break
		}
		found = append(found, res.GetText())
		pts := res.GetResultPoints()
		minX, minY, maxX, maxY := 1e9, 1e9, -1e9, -1e9
		for _, p := range pts {
			minX, minY = min(minX, p.GetX()), min(minY, p.GetY())
			maxX, maxY = max(maxX, p.GetX()), max(maxY, p.GetY())
		}
		pad := (maxX - minX) / 3
		for y := int(minY - pad); y < int(maxY+pad); y++ {
			for x := int(minX - pad); x < int(maxX+pad); x++ {
				rgba.Set(x, y, image.White.C)
			}
		}
	}
	return found
}

func TestPosterQRCodesScan(t *testing.T) {
	for _, size := range layout.Sizes {
		for _, langs := range [][]brand.Lang{{brand.NL}, {brand.FR, brand.NL}} {
			name := fmt.Sprintf("%s %s", size, brand.JoinLangs(langs))
			t.Run(name, func(t *testing.T) {
				data := poster(t, PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Langs: langs, Size: size}, Format: PNG, DPI: 100})
				img, err := png.Decode(bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				got := strings.Join(sorted(decodeQRs(t, img)), " ")
				var want []string
				for _, l := range langs {
					want = append(want, brand.Demo().Complaint.FormURL.In(l))
				}
				if w := strings.Join(sorted(want), " "); got != w {
					t.Errorf("QR codes read %q, want %q", got, w)
				}
			})
		}
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestLogoRules(t *testing.T) {
	tests := []struct {
		name string
		opt  LogoOptions
		rule string
	}{
		{"print below minimum", LogoOptions{Format: PDF, WidthMM: 20}, "LOGO-MIN-PRINT"},
		{"web layout as pdf", LogoOptions{Format: PDF, Web: logo.WebSmall}, "LOGO-WEB-SIZE"},
	}
	for _, tt := range tests {
		tt.opt.Channel, tt.opt.Lang, tt.opt.Version = brand.Complaint, brand.FR, logo.Colour
		_, err := Logo(io.Discard, tt.opt)
		var ps brand.Problems
		if !errors.As(err, &ps) || ps[0].Rule != tt.rule {
			t.Errorf("%s: Logo = %v, want %s", tt.name, err, tt.rule)
		}
	}
}

func TestWebLogoSizes(t *testing.T) {
	for _, tt := range []struct {
		web   logo.Layout
		scale int
		w, h  int
	}{{logo.WebSmall, 1, 140, 85}, {logo.WebSmall, 2, 280, 170}, {logo.WebLarge, 1, 165, 115}, {logo.WebLarge, 3, 495, 345}} {
		var buf bytes.Buffer
		if _, err := Logo(&buf, LogoOptions{Channel: brand.Suggestion, Lang: brand.EN, Version: logo.Colour, Format: PNG, Web: tt.web, Scale: tt.scale}); err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Width != tt.w || cfg.Height != tt.h {
			t.Errorf("%s @%dx = %d×%d, want %d×%d", tt.web, tt.scale, cfg.Width, cfg.Height, tt.w, tt.h)
		}
	}
}

func TestLogoPNGGolden(t *testing.T) {
	for _, v := range logo.Versions {
		for _, ch := range brand.Channels {
			name := fmt.Sprintf("logo-%s-fr-%s-web-large.png", ch, v)
			var buf bytes.Buffer
			if _, err := Logo(&buf, LogoOptions{Channel: ch, Lang: brand.FR, Version: v, Format: PNG, Web: logo.WebLarge}); err != nil {
				t.Fatal(err)
			}
			golden.CheckPNG(t, name, buf.Bytes(), 8)
		}
	}
}

func TestLogoSVGGolden(t *testing.T) {
	var buf bytes.Buffer
	if _, err := Logo(&buf, LogoOptions{Channel: brand.Complaint, Lang: brand.NL, Version: logo.Colour, Format: SVG, Web: logo.WebSmall}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "logo-complaint-nl-colour-web-small.svg", buf.Bytes())
	// Well-formed XML, no references to the outside.
	if err := xml.Unmarshal(buf.Bytes(), new(struct{})); err != nil {
		t.Errorf("SVG is not well-formed: %v", err)
	}
	for _, bad := range []string{"href", "<image", "<text", "font-family", "<style"} {
		if bytes.Contains(buf.Bytes(), []byte(bad)) {
			t.Errorf("SVG contains %q", bad)
		}
	}
	if !bytes.Contains(buf.Bytes(), []byte(`role="img"`)) || !bytes.Contains(buf.Bytes(), []byte("<title")) {
		t.Error("SVG lacks role=img or a title")
	}
}

// writeTemp writes data to a file for the external tools.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPDFWithPoppler(t *testing.T) {
	qpdf := golden.Tool(t, "qpdf")
	pdffonts := golden.Tool(t, "pdffonts")
	pdftoppm := golden.Tool(t, "pdftoppm")
	zbarimg := golden.Tool(t, "zbarimg")
	pdfinfo := golden.Tool(t, "pdfinfo")
	pdftotext := golden.Tool(t, "pdftotext")
	gs := golden.Tool(t, "gs")
	for _, size := range layout.Sizes {
		for _, langs := range [][]brand.Lang{{brand.FR}, {brand.FR, brand.NL}} {
			for _, shop := range []bool{false, true} {
				name := fmt.Sprintf("%s-%s-shop=%v", size, brand.JoinLangs(langs), shop)
				t.Run(name, func(t *testing.T) {
					data := poster(t, PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Langs: langs, Size: size, PrintShop: shop, CropMarks: shop}, Format: PDF})
					path := writeTemp(t, "poster.pdf", data)
					if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
						t.Errorf("qpdf --check: %v\n%s", err, out)
					}
					out, err := exec.Command(pdffonts, path).Output()
					if err != nil {
						t.Fatal(err)
					}
					for _, line := range strings.Split(string(out), "\n")[2:] {
						if f := strings.Fields(line); len(f) > 5 && (f[len(f)-5] != "yes" || f[len(f)-4] != "yes") {
							t.Errorf("font not embedded and subset: %s", line)
						}
					}
					info, _ := exec.Command(pdfinfo, "-box", path).Output()
					if shop && (!bytes.Contains(info, []byte("TrimBox")) || !bytes.Contains(info, []byte("BleedBox"))) {
						t.Errorf("pdfinfo -box:\n%s", info)
					}
					txt, _ := exec.Command(pdftotext, path, "-").Output()
					if !bytes.Contains(txt, []byte("Médiateur")) {
						t.Errorf("pdftotext lacks the second-line body:\n%s", txt)
					}
					prefix := filepath.Join(t.TempDir(), "page")
					if out, err := exec.Command(pdftoppm, "-r", "150", "-png", path, prefix).CombinedOutput(); err != nil {
						t.Fatalf("pdftoppm: %v %s", err, out)
					}
					// A second engine: Ghostscript renders it without a complaint
					// ("**** Error", "**** Warning" when it repairs a file).
					gsPNG := filepath.Join(t.TempDir(), "gs.png")
					out, err = exec.Command(gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=png16m", "-r150", "-dFirstPage=1", "-dLastPage=1", "-sOutputFile="+gsPNG, path).CombinedOutput()
					if err != nil || bytes.Contains(out, []byte("****")) {
						t.Errorf("Ghostscript: %v\n%s", err, out)
					}
					for _, png := range []string{prefix + "-1.png", gsPNG} {
						scan, _ := exec.Command(zbarimg, "--quiet", "--raw", png).Output()
						for _, l := range langs {
							if u := brand.Demo().Complaint.FormURL.In(l); !bytes.Contains(scan, []byte(u+"\n")) {
								t.Errorf("zbarimg read %q in %s, want %s", scan, filepath.Base(png), u)
							}
						}
					}
				})
			}
		}
	}
}
