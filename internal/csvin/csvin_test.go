package csvin

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestNewReader(t *testing.T) {
	ansi, _ := charmap.Windows1252.NewEncoder().String("name;title\r\nÉlodie Dupré;Coördinator’s aide\r\n")
	tests := []struct {
		name, in, want string
	}{
		{"commas", "name,title\nAnn,Chef\n", "name|title/Ann|Chef"},
		{"semicolons and a byte-order mark", "\ufeffname;title\r\nAnn;Chef, service\r\n", "name|title/Ann|Chef, service"},
		{"tabs", "name\ttitle\nAnn\tChef\n", "name|title/Ann|Chef"},
		{"Windows-1252", ansi, "name|title/Élodie Dupré|Coördinator’s aide"},
		{"one column", "name\nAnn\n", "name/Ann"},
		{"a separator quoted in a cell", "languages,name\n\"fr;nl\",A\n", "languages|name/fr;nl|A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cr, err := NewReader(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			recs, err := cr.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, r := range recs {
				lines = append(lines, strings.Join(r, "|"))
			}
			if got := strings.Join(lines, "/"); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	if _, err := NewReader(strings.NewReader(strings.Repeat("x", MaxBytes+1))); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("err = %v", err)
	}
}
