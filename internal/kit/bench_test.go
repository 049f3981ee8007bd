package kit

import (
	"testing"

	"affiches/internal/brand"
)

// BenchmarkKit builds the demo body's whole bilingual kit (the issue's
// target: 2 s on 2 cores).
func BenchmarkKit(b *testing.B) {
	o := brand.Demo()
	for b.Loop() {
		if _, err := Build(o, Options{Year: 2026}); err != nil {
			b.Fatal(err)
		}
	}
}
