package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"affiches/internal/golden"
)

// TestBadInputCorpus runs every bad profile of testdata/bad through the
// command line: each is refused with its exact field path or rule ID, exit
// status 1, and no output file is left behind.
func TestBadInputCorpus(t *testing.T) {
	tests := []struct {
		file string
		cmd  string // poster (default) or check
		want string
	}{
		{"malformed.yaml", "", "not valid YAML: line 1: did not find expected ',' or '}'"},
		{"wrong-type.yaml", "", `complaint.acknowledgement_days: must be a whole number, not "five"`},
		{"wrong-type-region.yaml", "", "region: must be a text (line"},
		{"unknown-key.yaml", "", "favourite_colour: unknown key (line"},
		{"javascript-url.yaml", "", `complaint.form_url.fr: "javascript:alert(document.cookie)" must be an https URL`},
		{"data-url.yaml", "", `complaint.form_url.nl: "data:text/html;base64,`},
		{"url-too-long.yaml", "", "complaint.form_url.fr: is 267 characters long; at most 200 fit a printed line and a readable QR code"},
		{"control-character.yaml", "", "name.fr: contains the control character U+0007"},
		{"bidi-override.yaml", "", "name.nl: contains the bidirectional control character U+202E"},
		{"emoji.yaml", "", "TEXT-GLYPHS: address.fr: the font AtkinsonHyperlegible-Regular.ttf has no glyph for '😀' (U+1F600)"},
		{"cjk.yaml", "", "TEXT-GLYPHS: address.nl: the font AtkinsonHyperlegible-Regular.ttf has no glyph for '公' (U+516C)"},
		{"invalid-colour.yaml", "", `colours.accent: "blue" is not a colour: write #RRGGBB`},
		{"low-contrast-colour.yaml", "", "COLOUR-CONTRAST: colours.accent: #FFD400 on #FFFFFF has a contrast of 1.43:1; text of this size needs 3:1"},
		{"mid-contrast-colour.yaml", "check", "COLOUR-CONTRAST: colours.accent: #6C8EBF on #FFFFFF has a contrast of 3.3"},
		{"missing-language.yaml", "", "name.de: missing: the profile is shown in de+fr"},
		{"logo-pack-escapes.yaml", "", `logo_pack: "../../../etc" must be a folder inside the profile's folder`},
		{"logo-pack-missing.yaml", "", "logo_pack: testdata/bad/official-logos: the folder does not exist"},
	}
	wd, _ := os.Getwd()
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.pdf")
			args := []string{"poster", "--org", filepath.Join("testdata/bad", tt.file), "-o", out}
			if tt.cmd == "check" {
				args = []string{"check", "--org", filepath.Join("testdata/bad", tt.file)}
			}
			code, _, stderr := runIn(t, wd, args...)
			if code != 1 {
				t.Errorf("exit %d, want 1; stderr:\n%s", code, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, stderr)
			}
			if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
				t.Errorf("left behind: %v", entries)
			}
		})
	}
}

func TestBadInputGenerated(t *testing.T) {
	dir := t.TempDir()
	demo := string(mustRead(t, "../../internal/brand/demo.yaml"))
	long := strings.Replace(demo, "  fr: Rue de l'Exemple 1, 1000 Bruxelles", "  fr: "+strings.Repeat("x", 100_000), 1)
	os.WriteFile(filepath.Join(dir, "long.yaml"), []byte(long), 0o644)
	huge := strings.Replace(demo, "  fr: Rue de l'Exemple 1, 1000 Bruxelles", "  fr: "+strings.Repeat("x", 10<<20), 1)
	os.WriteFile(filepath.Join(dir, "huge.yaml"), []byte(huge), 0o644)
	os.WriteFile(filepath.Join(dir, "taken.pdf"), []byte("keep me"), 0o644)
	os.WriteFile(filepath.Join(dir, "a-file"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "person.yaml"), []byte("name: Ann Peeters\nemail: ann@example.org\n"), 0o644)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"100 KB field", []string{"poster", "--org", "long.yaml", "-o", "out.pdf"}, "address.fr: is 100000 characters long; at most 400 are allowed"},
		{"10 MB profile", []string{"poster", "--org", "huge.yaml", "-o", "out.pdf"}, "huge.yaml: over 262144 bytes; a profile is at most 256 KiB"},
		{"output exists", []string{"poster", "-o", "taken.pdf"}, "taken.pdf: exists already (use --force to replace it)"},
		{"output folder is a file", []string{"poster", "-o", "a-file/out.pdf"}, "a-file is not a folder"},
		{"output folder missing", []string{"poster", "-o", "nowhere/out.pdf"}, "the folder nowhere does not exist"},
		{"kit into a file", []string{"kit", "-o", "a-file"}, "a-file: is a file, not a folder"},
		{"kit into an unwritable folder", []string{"kit", "-o", golden.UnwritableDir(t) + "/kit"}, "cannot write in"},
		{"poster into an unwritable folder", []string{"poster", "-o", golden.UnwritableDir(t) + "/p.pdf"}, "p.pdf: cannot write in"},
		{"batch into an unwritable folder", []string{"batch", "--orgs", ".", "-o", golden.UnwritableDir(t) + "/kits"}, "cannot write in"},
		{"signatures into an unwritable folder", []string{"signature", "--person", "person.yaml", "--image-base-url", "https://www.example.org/affiches", "-o", golden.UnwritableDir(t) + "/sig"}, "cannot write in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadDir(dir)
			code, _, stderr := runIn(t, dir, tt.args...)
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 1, …%s…", code, stderr, tt.want)
			}
			if after, _ := os.ReadDir(dir); len(after) != len(before) {
				t.Errorf("files changed: %v → %v", before, after)
			}
		})
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "taken.pdf")); string(data) != "keep me" {
		t.Error("an existing output was replaced")
	}
}
