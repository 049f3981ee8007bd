package qr

import (
	"errors"
	"strconv"
	"strings"
	"testing"
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
