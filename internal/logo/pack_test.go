package logo

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"affiches/internal/brand"
)

func pngOf(w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	img.Set(0, 0, color.NRGBA{0xC0, 0x10, 0x20, 0xFF})
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// headerOnly is a PNG whose header claims w × h and which holds no pixels:
// what the hardening issue sent (100 000 × 60 000 in 5.8 MB).
func headerOnly(w, h int) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 6
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		c := append([]byte(typ), data...)
		b.Write(c)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(c))
	}
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

func TestCheckPNG(t *testing.T) {
	good := pngOf(400, 160)
	if cfg, err := CheckPNG(good); err != nil || cfg.Width != 400 {
		t.Fatalf("a good PNG: %v %v", cfg, err)
	}
	tests := map[string]struct {
		data []byte
		want string
	}{
		"huge header":    {headerOnly(100_000, 60_000), "100000 × 60000 px; a pack's PNG is at most 10000 px a side"},
		"many pixels":    {headerOnly(5000, 5000), "at most 10000 px a side and 12 million pixels"},
		"zero size":      {headerOnly(0, 10), "not a PNG"},
		"truncated":      {good[:len(good)/2], "a damaged or truncated PNG"},
		"not a PNG":      {[]byte("GIF89a"), "not a PNG"},
		"interlaced":     {interlaced(), "interlaced"},
		"header only ok": {headerOnly(100, 100), "a damaged or truncated PNG"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := CheckPNG(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want …%s…", err, tt.want)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func interlaced() []byte {
	b := pngOf(8, 8)
	b[28] = 1
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// TestReadFileRefuses: a FIFO hung the loader, a 3 GB sparse file was read
// before the size check, symbolic links led outside the pack.
func TestReadFileRefuses(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.png")
	os.WriteFile(outside, pngOf(4, 4), 0o644)
	os.Symlink(outside, filepath.Join(dir, "complaint-fr-colour.png"))
	if err := syscall.Mkfifo(filepath.Join(dir, "complaint-nl-colour.png"), 0o644); err != nil {
		t.Fatal(err)
	}
	sparse, _ := os.Create(filepath.Join(dir, "complaint-de-colour.png"))
	sparse.Truncate(3 << 30)
	sparse.Close()
	os.WriteFile(filepath.Join(dir, "complaint-en-colour.png"), pngOf(4, 4), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	p := Pack{FS: os.DirFS(dir)}
	tests := map[string]string{
		"complaint-fr-colour.png": "a symbolic link, not a regular file",
		"complaint-nl-colour.png": "a named pipe (FIFO), not a regular file",
		"complaint-de-colour.png": "3221225472 bytes; a pack's file is at most 16 MiB",
		"sub":                     "a folder, not a regular file",
		"../x.png":                "not a file name of a pack",
		"sub/x.png":               "not a file name of a pack",
	}
	for name, want := range tests {
		done := make(chan error, 1)
		go func() { _, err := p.ReadFile(name); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %v, want …%s…", name, err, want)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("%s: ReadFile hangs", name)
		}
	}
	if data, err := p.ReadFile("complaint-en-colour.png"); err != nil || len(data) == 0 {
		t.Errorf("a regular file: %v", err)
	}
	// Through Load, the refusal names the file.
	_, _, err := p.Load(brand.Complaint, brand.NL, Colour)
	if err == nil || !strings.Contains(err.Error(), "logo_pack: complaint-nl-colour.png: ") {
		t.Errorf("Load: %v", err)
	}
}

// TestFilesOnlyKnown: every pack file (any evil.html, a file in a folder)
// was copied into the kit; only the files a pack is made of are now, each
// checked.
func TestFilesOnlyKnown(t *testing.T) {
	fsys := fstest.MapFS{
		"complaint-fr-colour.png":           {Data: pngOf(40, 16)},
		"complaint-fr-colour-web-small.png": {Data: pngOf(140, 85)},
		"evil.html":                         {Data: []byte("<script>alert(1)</script>")},
		"sub/complaint-nl-colour.png":       {Data: pngOf(40, 16)},
		`logos\complaint-de-colour.png`:     {Data: pngOf(40, 16)},
		".hidden.png":                       {Data: pngOf(4, 4)},
	}
	files, err := Pack{FS: fsys}.Files()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "complaint-fr-colour-web-small.png complaint-fr-colour.png" {
		t.Errorf("files: %s", got)
	}
	fsys["suggestion-de-white.svg"] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)}
	if _, err := (Pack{FS: fsys}).Files(); err == nil || !strings.Contains(err.Error(), "suggestion-de-white.svg: the element <script> is not allowed") {
		t.Errorf("a bad SVG: %v", err)
	}
}

// FuzzPackPNG: no PNG makes the check panic or take more than its limits.
func FuzzPackPNG(f *testing.F) {
	f.Add(pngOf(40, 16))
	f.Add(headerOnly(100_000, 60_000))
	f.Add(headerOnly(100, 100))
	f.Add(interlaced())
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := CheckPNG(data)
		if err == nil && (cfg.Width*cfg.Height > 12_000_000 || cfg.Width < 1) {
			t.Fatalf("accepted %d × %d", cfg.Width, cfg.Height)
		}
	})
}
