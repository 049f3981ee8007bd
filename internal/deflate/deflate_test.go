package deflate

import (
	"bytes"
	"compress/zlib"
	"io"
	"strings"
	"testing"
)

var inputs = map[string][]byte{
	"empty":    nil,
	"one byte": {0x42},
	"text":     []byte(strings.Repeat("Des plaintes sur nos prestations ? ", 300)),
	// Past the stateless encoder's 32 KB block, so later blocks refer back
	// into the previous one.
	"long text": []byte(strings.Repeat("Klachten over onze dienstverlening? 0800 99 962 ", 4000)),
	"binary": func() []byte {
		b := make([]byte, 70000)
		for i := range b {
			b[i] = byte(i * 7919 >> 3)
		}
		return b
	}(),
}

func inflate(t *testing.T, name string, z []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(z)) // checks the header's check bits
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out, err := io.ReadAll(r) // checks the Adler-32 trailer
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}

// TestBytes: the standard library's reader takes every stream back whole,
// and the same input gives the same bytes (PDFs are deterministic).
func TestBytes(t *testing.T) {
	for name, in := range inputs {
		z := Bytes(in)
		if out := inflate(t, name, z); !bytes.Equal(out, in) {
			t.Errorf("%s: round trip gave %d bytes, want %d", name, len(out), len(in))
		}
		if again := Bytes(in); !bytes.Equal(again, z) {
			t.Errorf("%s: two runs differ", name)
		}
		if len(in) > 1000 && len(z) > len(in)/2 {
			t.Errorf("%s: %d bytes compressed to %d", name, len(in), len(z))
		}
	}
}

// TestWriter: a stream written row by row round-trips, and a compressor
// taken back from the pool starts clean.
func TestWriter(t *testing.T) {
	for range 2 {
		for name, in := range inputs {
			var b bytes.Buffer
			w := NewWriter(&b)
			for p := in; len(p) > 0; {
				n := min(len(p), 997)
				if _, err := w.Write(p[:n]); err != nil {
					t.Fatal(err)
				}
				p = p[n:]
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if out := inflate(t, name, b.Bytes()); !bytes.Equal(out, in) {
				t.Errorf("%s: round trip gave %d bytes, want %d", name, len(out), len(in))
			}
		}
	}
}

func BenchmarkBytes(b *testing.B) {
	for _, name := range []string{"text", "long text", "binary"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(inputs[name])))
			for b.Loop() {
				Bytes(inputs[name])
			}
		})
	}
}
