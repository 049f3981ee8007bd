package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var official = color.RGBA{0xC0, 0x10, 0x20, 0xFF}

func solidPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, official)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// packDir makes a profile whose logo_pack holds red rectangles, so the
// tests can see the official artwork was used as it is.
func packDir(t *testing.T, pack string) string {
	t.Helper()
	dir := t.TempDir()
	demo := string(mustRead(t, "../../internal/brand/demo.yaml"))
	os.WriteFile(filepath.Join(dir, "org.yaml"), []byte(demo+"\nlogo_pack: "+pack+"\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "pack"), 0o755)
	for _, name := range []string{"complaint-fr-colour", "complaint-nl-colour", "suggestion-fr-colour", "suggestion-nl-colour"} {
		os.WriteFile(filepath.Join(dir, "pack", name+".png"), solidPNG(t, 400, 160), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "pack", "complaint-fr-colour-web-small.png"), solidPNG(t, 140, 85), 0o644)
	os.WriteFile(filepath.Join(dir, "pack", "complaint-fr-colour.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 4"><rect width="10" height="4" fill="#C01020"/></svg>`), 0o644)
	return dir
}

func TestLogoPack(t *testing.T) {
	dir := packDir(t, "pack")
	code, _, stderr := runIn(t, dir, "logo", "--org", "org.yaml", "--web", "small", "-o", "w.png")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, want := mustRead(t, filepath.Join(dir, "w.png")), mustRead(t, filepath.Join(dir, "pack/complaint-fr-colour-web-small.png")); !bytes.Equal(got, want) {
		t.Error("the web PNG is not the pack's file as it is")
	}
	code, _, _ = runIn(t, dir, "logo", "--org", "org.yaml", "--format", "svg", "-o", "l.svg")
	if code != 0 || !bytes.Equal(mustRead(t, filepath.Join(dir, "l.svg")), mustRead(t, filepath.Join(dir, "pack/complaint-fr-colour.svg"))) {
		t.Error("the SVG is not passed through")
	}
	code, _, stderr = runIn(t, dir, "logo", "--org", "org.yaml", "--web", "large", "-o", "wl.png")
	if code != 1 || !strings.Contains(stderr, "complaint-fr-colour-web-large.png") {
		t.Errorf("missing web file: exit %d, %q", code, stderr)
	}
	code, _, stderr = runIn(t, dir, "logo", "--org", "org.yaml", "--format", "pdf", "--width-mm", "50", "-o", "p.pdf")
	if code != 0 {
		t.Fatalf("print pdf: exit %d: %s", code, stderr)
	}
	// A pack PDF is imported as a form, aspect kept, and the file stays valid.
	if code, _, stderr := runIn(t, dir, "logo", "--lang", "fr", "--version", "black", "--format", "pdf", "-o", "pack/complaint-fr-colour.pdf"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runIn(t, dir, "logo", "--org", "org.yaml", "--format", "pdf", "--width-mm", "50", "-o", "p2.pdf"); code != 0 {
		t.Fatalf("print pdf from the pack's pdf: %s", stderr)
	}
	if p, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command(p, "--check", filepath.Join(dir, "p2.pdf")).CombinedOutput(); err != nil {
			t.Errorf("qpdf: %v %s", err, out)
		}
	}
	if !bytes.Contains(mustRead(t, filepath.Join(dir, "p2.pdf")), []byte("/Matrix [1 0 0 1")) {
		t.Error("the pack's PDF was not imported as a form")
	}
	// The poster's logo is the red artwork.
	code, _, stderr = runIn(t, dir, "poster", "--org", "org.yaml", "--lang", "fr,nl", "--dpi", "50", "-o", "p.png")
	if code != 0 {
		t.Fatalf("poster: exit %d: %s", code, stderr)
	}
	f, _ := os.Open(filepath.Join(dir, "p.png"))
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	red := 0
	for y := 0; y < img.Bounds().Dy()/6; y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			if r, g, b, _ := img.At(x, y).RGBA(); r>>8 > 0xA0 && g>>8 < 0x40 && b>>8 < 0x50 {
				red++
			}
		}
	}
	if red < 200 {
		t.Errorf("%d red pixels at the top of the poster: the official logo is not there", red)
	}
	// A PDF poster holds the pack's logo (read by pdfin) and our icons (forms) in
	// one resource dictionary, and stays a valid PDF.
	code, _, stderr = runIn(t, dir, "poster", "--org", "org.yaml", "--lang", "fr,nl", "-o", "poster.pdf")
	if code != 0 {
		t.Fatalf("poster PDF: exit %d: %s", code, stderr)
	}
	poster := mustRead(t, filepath.Join(dir, "poster.pdf"))
	if !bytes.Contains(poster, []byte("/Matrix [1 0 0 1")) || !bytes.Contains(poster, []byte("/AffArt")) {
		t.Error("the poster lacks the pack's logo or the icons")
	}
	if p, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command(p, "--check", filepath.Join(dir, "poster.pdf")).CombinedOutput(); err != nil {
			t.Errorf("qpdf: %v %s", err, out)
		}
	}
}

func TestLogoPackRefused(t *testing.T) {
	tests := []struct{ pack, want string }{
		{"../elsewhere", "inside the profile's folder"},
		{"/etc", "inside the profile's folder"},
		{"missing", "does not exist"},
	}
	for _, tt := range tests {
		dir := packDir(t, tt.pack)
		code, _, stderr := runIn(t, dir, "poster", "--org", "org.yaml", "-o", "p.pdf")
		if code != 1 || !strings.Contains(stderr, "logo_pack") || !strings.Contains(stderr, tt.want) {
			t.Errorf("logo_pack %q: exit %d, %q", tt.pack, code, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "p.pdf")); err == nil {
			t.Errorf("logo_pack %q: a file was written", tt.pack)
		}
	}
	dir := packDir(t, "pack")
	os.Remove(filepath.Join(dir, "pack", "complaint-nl-colour.png"))
	code, _, stderr := runIn(t, dir, "check", "--org", "org.yaml")
	if code != 1 || !strings.Contains(stderr, "complaint-nl-colour.png") {
		t.Errorf("pack without a file: exit %d, %q", code, stderr)
	}
}
