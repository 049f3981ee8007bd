package qr

import (
	"errors"
	"image"
	"image/color"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

func TestRunsCoverTheMatrix(t *testing.T) {
	c, err := Encode("https://www.example.org/fr/plainte")
	if err != nil {
		t.Fatal(err)
	}
	if c.Size != 29 || c.Modules() != 37 {
		t.Errorf("size %d (%d with quiet zone), want version 3 at M: 29", c.Size, c.Modules())
	}
	got := make([][]bool, c.Size)
	for i := range got {
		got[i] = make([]bool, c.Size)
	}
	for _, r := range c.Runs() {
		for x := r.X; x < r.X+r.N; x++ {
			got[r.Y][x] = true
		}
	}
	for y := range c.Size {
		for x := range c.Size {
			if got[y][x] != c.Dark[y][x] {
				t.Fatalf("module %d,%d differs", x, y)
			}
		}
	}
	// No quiet zone inside the matrix: the finder pattern starts at 0,0.
	if !c.Dark[0][0] {
		t.Error("the matrix starts with a border")
	}
}

func TestTooLong(t *testing.T) {
	_, err := Encode(strings.Repeat("x", 3000))
	if !errors.Is(err, ErrTooLong) {
		t.Errorf("Encode(3000 bytes) = %v, want ErrTooLong", err)
	}
}

// BenchmarkEncode encodes a new link each time (Encode caches by content):
// what a body's first poster pays per code.
func BenchmarkEncode(b *testing.B) {
	i := 0
	for b.Loop() {
		i++
		if _, err := Encode("https://www.example.org/fr/plaintes/formulaire-de-plainte-en-ligne?" + strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
	}
}

// Capacities in bytes at level M, byte mode (ISO/IEC 18004 table 7).
var capacityM = map[int]int{1: 14, 2: 26, 3: 42, 4: 62, 5: 84, 6: 106, 7: 122, 8: 152, 9: 180, 10: 213, 11: 251, 20: 666, 23: 857, 27: 1125, 30: 1370, 40: 2331}

// TestVersionsAndCapacity: the smallest version that holds the text is
// chosen, and a byte more takes the next.
func TestVersionsAndCapacity(t *testing.T) {
	for v, n := range capacityM {
		if got := version(n); got != v {
			t.Errorf("%d bytes: version %d, want %d", n, got, v)
		}
		if got := version(n + 1); got != v+1 && !(v == 40 && got == 0) {
			t.Errorf("%d bytes: version %d, want %d", n+1, got, v+1)
		}
	}
}

// TestDecodes: codes of every size a reader takes back whole, read by an
// independent decoder (ZXing's port), at every version boundary.
func TestDecodes(t *testing.T) {
	texts := []string{"https://www.example.org/fr/plainte", "https://www.vlaanderen.be/klachtenmeldpunt?taal=nl&bron=affiche", "a"}
	for v, n := range capacityM {
		if v > 27 && testing.Short() {
			continue
		}
		var b strings.Builder
		b.WriteString("https://x.be/")
		for i := 0; b.Len() < n; i++ {
			b.WriteByte("abcdefghijklmnopqrstuvwxyz0123456789-_/?=&"[(i*7+v)%42])
		}
		texts = append(texts, b.String()[:n])
	}
	for _, s := range texts {
		c, err := Encode(s)
		if err != nil {
			t.Fatalf("%d bytes: %v", len(s), err)
		}
		if want := 4*version(len(s)) + 17; c.Size != want {
			t.Errorf("%d bytes: %d modules, want %d", len(s), c.Size, want)
		}
		got, err := decode(c)
		if err != nil || got != s {
			t.Errorf("%d bytes (version %d): read %q, %v", len(s), version(len(s)), clip(got), err)
		}
	}
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// decode reads c drawn at 3 pixels a module with its quiet zone.
func decode(c *Code) (string, error) {
	const px = 3
	side := c.Modules() * px
	img := image.NewGray(image.Rect(0, 0, side, side))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	for y, row := range c.Dark {
		for x, dark := range row {
			if !dark {
				continue
			}
			for dy := range px {
				for dx := range px {
					img.SetGray((x+QuietZone)*px+dx, (y+QuietZone)*px+dy, color.Gray{})
				}
			}
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", err
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}
