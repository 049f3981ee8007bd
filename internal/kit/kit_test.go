package kit

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/golden"
	"affiches/internal/output"
)

func build(t *testing.T) []output.File {
	t.Helper()
	files, err := Build(brand.Demo(), Options{Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestManifestMatchesFiles(t *testing.T) {
	files := build(t)
	byName := map[string][]byte{}
	var manifest []byte
	for _, f := range files {
		byName[f.Name] = f.Data
		if f.Name == "manifest.json" {
			manifest = f.Data
		}
	}
	var m Manifest
	if err := json.Unmarshal(manifest, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != len(files)-2 {
		t.Errorf("manifest lists %d files, kit has %d besides manifest and index", len(m.Files), len(files)-2)
	}
	kinds := map[string]int{}
	for _, e := range m.Files {
		data, ok := byName[e.Path]
		if !ok {
			t.Errorf("manifest lists %s, not in the kit", e.Path)
			continue
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != e.SHA256 || len(data) != e.Bytes {
			t.Errorf("%s: manifest hash or size does not match the file", e.Path)
		}
		// Exactly the rules whose checks ran: none on what Word or a
		// spreadsheet sets, the QR rules on posters, the web size on web
		// logos.
		drawn := e.Kind != "register" && !strings.HasSuffix(e.Path, ".docx")
		if drawn != (len(e.Rules) > 0) {
			t.Errorf("%s: rules recorded %v", e.Path, e.Rules)
		}
		for kind, id := range map[string]string{"poster": "QR-ECC", "logo-web": "LOGO-WEB-SIZE", "logo-print": "LOGO-MIN-PRINT", "guide": "TEXT-FIT"} {
			if e.Kind == kind && !slices.Contains(e.Rules, id) {
				t.Errorf("%s: %s did not run (%v)", e.Path, id, e.Rules)
			}
		}
		kinds[e.Kind]++
	}
	// 2 channels × 2 languages × 3 versions × (6 PNG + 2 SVG + print PDF and SVG);
	// 2 channels × 3 language sets × 3 sizes for each poster kind.
	want := map[string]int{"logo-web": 2 * 2 * 3 * 8, "logo-print": 2 * 2 * 3 * 2, "poster": 18, "poster-print-shop": 18, "poster-preview": 18,
		"register": 2, "casefile-registration": 4, "casefile-reply": 4, "guide": 2}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d files of kind %s, want %d", kinds[k], k, n)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := build(t), build(t)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two builds", a[i].Name)
		}
	}
	var za, zb bytes.Buffer
	Zip(&za, a)
	Zip(&zb, b)
	if !bytes.Equal(za.Bytes(), zb.Bytes()) {
		t.Error("the ZIPs differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(za.Bytes()), int64(za.Len()))
	if err != nil || len(zr.File) != len(a) {
		t.Errorf("zip: %v, %d entries", err, len(zr.File))
	}
}

func TestBadProfileGivesNoKit(t *testing.T) {
	o := brand.Demo()
	o.Accent, _ = brand.ParseColour("#FFFF00")
	_, err := Build(o, Options{Year: 2026})
	if err == nil || !strings.Contains(err.Error(), "COLOUR-CONTRAST") {
		t.Errorf("Build = %v, want COLOUR-CONTRAST", err)
	}
}

// TestEveryPDFPassesTwoEngines: every PDF of the kit passes qpdf --check and
// renders in Ghostscript without an error or a repair warning.
func TestEveryPDFPassesTwoEngines(t *testing.T) {
	qpdf := golden.Tool(t, "qpdf")
	gs := golden.Tool(t, "gs")
	dir := t.TempDir()
	n := 0
	for _, f := range build(t) {
		if !strings.HasSuffix(f.Name, ".pdf") {
			continue
		}
		n++
		path := filepath.Join(dir, strings.ReplaceAll(f.Name, "/", "_"))
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
			t.Errorf("%s: qpdf --check: %v\n%s", f.Name, err, out)
		}
		out, err := exec.Command(gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", path).CombinedOutput()
		if err != nil || len(bytes.TrimSpace(out)) > 0 {
			t.Errorf("%s: Ghostscript: %v\n%s", f.Name, err, out)
		}
	}
	if n < 50 {
		t.Errorf("%d PDFs checked, want the kit's 50 or more", n)
	}
}
