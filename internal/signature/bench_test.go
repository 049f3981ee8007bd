package signature

import (
	"fmt"
	"strings"
	"testing"

	"affiches/internal/brand"
)

func staffCSV(n int) string {
	var b strings.Builder
	b.WriteString("name,title,department,email,phone,lang\n")
	langs := []string{"fr", "nl"}
	for i := range n {
		fmt.Fprintf(&b, "Person %d Van den Broeck,Conseiller,Service %d,person%d@example.org,+32 2 123 %02d %02d,%s\n", i, i%20, i, i/100%100, i%100, langs[i%2])
	}
	return b.String()
}

// BenchmarkThousandPeople reads 1 000 people from CSV and makes their
// signatures, images and index (the target: under 2 s).
func BenchmarkThousandPeople(b *testing.B) {
	csv := staffCSV(1000)
	o := brand.Demo()
	for b.Loop() {
		people, _, err := ReadCSV(strings.NewReader(csv))
		if err != nil {
			b.Fatal(err)
		}
		r, err := Make(o, people, Options{Lang: brand.FR, ImageBaseURL: "https://www.example.org/affiches"})
		if err != nil || len(r.Problems) > 0 || len(r.Files) != 2000+2+1 {
			b.Fatalf("%v %v %d", err, r.Problems, len(r.Files))
		}
	}
}
