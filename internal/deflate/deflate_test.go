package deflate

import (
	"bytes"
	"compress/zlib"
	"io"
	"strings"
	"testing"
)

// TestRoundTrip: every level makes a stream the standard library's reader
// takes back whole, and the same input gives the same bytes (PDFs and PNGs
// are deterministic).
func TestRoundTrip(t *testing.T) {
	inputs := map[string][]byte{
		"empty": nil,
		"text":  []byte(strings.Repeat("Des plaintes sur nos prestations ? ", 300)),
		"binary": func() []byte {
			b := make([]byte, 70000)
			for i := range b {
				b[i] = byte(i * 7919 >> 3)
			}
			return b
		}(),
		"one byte": {0x42},
	}
	for name, in := range inputs {
		for _, level := range []int{Fastest, 2, Default, Best, 0, 42} {
			z := Bytes(in, level)
			r, err := zlib.NewReader(bytes.NewReader(z))
			if err != nil {
				t.Fatalf("%s level %d: %v", name, level, err)
			}
			out, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(out, in) {
				t.Fatalf("%s level %d: round trip failed (%v)", name, level, err)
			}
			if again := Bytes(in, level); !bytes.Equal(again, z) {
				t.Errorf("%s level %d: two runs differ", name, level)
			}
		}
	}
}

func BenchmarkBytes(b *testing.B) {
	in := []byte(strings.Repeat("Klachten over onze dienstverlening? 0800 99 962 ", 200))
	for _, level := range []int{Fastest, Default, Best} {
		b.Run(string(rune('0'+level)), func(b *testing.B) {
			for b.Loop() {
				Bytes(in, level)
			}
		})
	}
}
