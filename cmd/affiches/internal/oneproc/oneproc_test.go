package oneproc

import (
	"strings"
	"testing"
)

func TestOneDocument(t *testing.T) {
	for _, tc := range []struct {
		args string
		want bool
	}{
		{"poster --lang fr,nl -o a.pdf", true},
		{"logo --format png -o l.png", true},
		{"guide -o g.pdf", true},
		{"casefile --kind reply -o r.docx", true},
		{"--org org.yaml poster -o a.pdf", true},
		{"--org=org.yaml poster -o a.pdf", true},
		{"--org poster kit -o kit", false}, // a profile named poster
		{"kit --org poster.yaml -o kit", false},
		{"serve --addr :8080", false},
		{"batch --bodies bodies", false},
		{"--help", false},
		{"", false},
		{"-- poster", false},
		{"posters", false},
	} {
		if got := OneDocument(strings.Fields(tc.args)); got != tc.want {
			t.Errorf("OneDocument(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
