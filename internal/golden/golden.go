// Package golden holds test helpers: golden files in testdata/ rewritten
// with -update, image comparison with a tolerance and a diff image, and the
// switch that makes checks needing external tools mandatory in CI.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"affiches/internal/brand"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// Generated compares got with the Go file a test generates beside it, or
// rewrites the file with -update; regenerate says the command that does.
func Generated(t *testing.T, file string, got []byte, regenerate string) {
	t.Helper()
	if *update {
		if os.Getenv("CI") != "" {
			t.Fatal("-update is refused on CI")
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want, err := os.ReadFile(file); err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s is not what its sources say (%v): run %s", file, err, regenerate)
	}
}

// Check compares got with testdata/name, or rewrites the file with -update.
// A missing golden file fails: run go test -update to create it.
func Check(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if os.Getenv("CI") != "" {
			t.Fatal("-update is refused on CI: golden files change only by a developer's hand")
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n%s", name, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  - %s\n  + %s\n", i+1, wl, gl)
			if shown++; shown == 10 {
				b.WriteString("  …\n")
				break
			}
		}
	}
	return b.String()
}

// ImageClose reports whether two images have the same bounds and every
// channel of every pixel within tol. On failure it writes got and a diff
// image into a temporary folder and logs their paths.
func ImageClose(t *testing.T, name string, got, want image.Image, tol int) bool {
	t.Helper()
	if got.Bounds() != want.Bounds() {
		t.Errorf("%s: bounds %v, want %v", name, got.Bounds(), want.Bounds())
		return false
	}
	b := got.Bounds()
	diff := image.NewRGBA(b)
	bad := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, a1 := got.At(x, y).RGBA()
			r2, g2, b2, a2 := want.At(x, y).RGBA()
			d := max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2), absDiff(a1, a2)) >> 8
			if int(d) > tol {
				bad++
				diff.Set(x, y, color.RGBA{0xFF, 0, 0, 0xFF})
			} else {
				diff.Set(x, y, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF})
			}
		}
	}
	if bad == 0 {
		return true
	}
	dir := t.TempDir()
	for file, img := range map[string]image.Image{"got.png": got, "diff.png": diff} {
		f, err := os.Create(filepath.Join(dir, file))
		if err == nil {
			png.Encode(f, img)
			f.Close()
		}
	}
	t.Errorf("%s: %d pixels differ by more than %d; see %s/got.png and diff.png", name, bad, tol, dir)
	return false
}

// Tolerance bounds how far an image may drift from its golden file where
// two rasterisers antialias edges differently: no channel of any pixel off
// by more than Max (0 to 255), and at most Share of the pixels off at all.
type Tolerance struct {
	Max   int
	Share float64
}

// Drift returns the largest channel difference between two images of the
// same bounds (0 to 255, in premultiplied colour) and the share of pixels
// that differ at all.
func Drift(got, want image.Image) (maxDiff int, share float64) {
	b := got.Bounds()
	if b.Empty() {
		return 0, 0
	}
	differ := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, a1 := got.At(x, y).RGBA()
			r2, g2, b2, a2 := want.At(x, y).RGBA()
			d := int(max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2), absDiff(a1, a2)) >> 8)
			if d > 0 {
				differ++
				maxDiff = max(maxDiff, d)
			}
		}
	}
	return maxDiff, float64(differ) / float64(b.Dx()*b.Dy())
}

// CheckPNGWithin decodes got and compares it with the golden PNG
// testdata/name within tol, or rewrites it with -update. It logs the drift
// it measured, so a tolerance can be stated from a run.
func CheckPNGWithin(t *testing.T, name string, got []byte, tol Tolerance) {
	t.Helper()
	g, w, ok := pngPair(t, name, got)
	if !ok {
		return
	}
	if g.Bounds() != w.Bounds() {
		t.Errorf("%s: bounds %v, want %v", name, g.Bounds(), w.Bounds())
		return
	}
	d, share := Drift(g, w)
	t.Logf("%s: largest channel difference %d, %.3f %% of pixels differ", name, d, 100*share)
	if d > tol.Max || share > tol.Share {
		ImageClose(t, name, g, w, 0) // writes got.png and diff.png with every differing pixel
		t.Errorf("%s: largest channel difference %d, %.3f %% of pixels differ; want at most %d and %.3f %%", name, d, 100*share, tol.Max, 100*tol.Share)
	}
}

// pngPair decodes got and the golden PNG testdata/name; with -update it
// rewrites the golden instead and returns ok false.
func pngPair(t *testing.T, name string, got []byte) (g, w image.Image, ok bool) {
	t.Helper()
	if *update {
		Check(t, name, got)
		return nil, nil, false
	}
	wantBytes, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if g, err = png.Decode(bytes.NewReader(got)); err != nil {
		t.Fatal(err)
	}
	if w, err = png.Decode(bytes.NewReader(wantBytes)); err != nil {
		t.Fatal(err)
	}
	return g, w, true
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// CheckPNG decodes got and compares it with the golden PNG testdata/name
// within tol, or rewrites it with -update.
func CheckPNG(t *testing.T, name string, got []byte, tol int) {
	t.Helper()
	if g, w, ok := pngPair(t, name, got); ok {
		ImageClose(t, name, g, w, tol)
	}
}

// Tool returns the path of an external program a check needs. Without it,
// the test is skipped, unless AFFICHES_STRICT is set (as .ci/run does),
// which makes the check mandatory.
func Tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("AFFICHES_STRICT") != "" {
			t.Fatalf("%s is needed (AFFICHES_STRICT is set): %v", name, err)
		}
		t.Skipf("%s not installed; set AFFICHES_STRICT=1 to make this check mandatory", name)
	}
	return p
}

// UnwritableDir returns a folder that takes no new file: a read-only
// folder, or for root (who writes anywhere) /proc/self.
func UnwritableDir(t *testing.T) string {
	t.Helper()
	if os.Geteuid() == 0 {
		if runtime.GOOS != "linux" {
			t.Skip("no unwritable folder for root outside Linux")
		}
		return "/proc/self"
	}
	ro := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	return ro
}

// Bodies parses every profile matching the glob patterns (the corpus of
// real bodies in testdata/bodies, and the shared one beside the checkout),
// by file name without .yaml, and fails unless there are at least min.
func Bodies(t testing.TB, min int, patterns ...string) map[string]*brand.Org {
	t.Helper()
	orgs := map[string]*brand.Org{}
	for _, pattern := range patterns {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			o, err := brand.Parse(data)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			orgs[strings.TrimSuffix(filepath.Base(f), ".yaml")] = o
		}
	}
	if len(orgs) < min {
		t.Fatalf("%d real bodies in %v; want %d or more", len(orgs), patterns, min)
	}
	return orgs
}
