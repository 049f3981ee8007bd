package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"affiches/cmd/affiches/internal/oneproc"
)

// runIn runs the command line in dir and returns the exit code and output.
func runIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of the message
		files  []string
	}{
		{"help", []string{"--help"}, 0, "", nil},
		{"check the demo", []string{"check"}, 0, "demo profile", nil},
		{"check --strict refuses the example", []string{"check", "--strict"}, 1, "still the example's: name.fr", nil},
		{"rules", []string{"rules", "--lang", "nl", "--json"}, 0, "", nil},
		{"rules in a language we lack", []string{"rules", "--lang", "es"}, 2, "--lang", nil},
		{"version", []string{"--version"}, 0, "", nil},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command", nil},
		{"unknown flag", []string{"logo", "--bogus"}, 2, "unknown flag", nil},
		{"no output", []string{"logo"}, 2, "output", nil},
		{"format from extension", []string{"logo", "-o", "l.svg"}, 0, "", []string{"l.svg"}},
		{"format needed", []string{"logo", "-o", "l.txt"}, 2, "--format is needed", nil},
		{"format against extension", []string{"logo", "--format", "pdf", "-o", "l.png"}, 2, "does not match", nil},
		{"bad channel", []string{"logo", "--channel", "praise", "-o", "l.png"}, 2, "unknown channel", nil},
		{"web small", []string{"logo", "--channel", "complaint", "--lang", "nl", "--version", "colour", "--format", "png", "--web", "small", "-o", "klacht.png"}, 0, "", []string{"klacht.png"}},
		{"web 140x85 at 2x", []string{"logo", "--web", "140x85", "--scale", "2", "-o", "l2.png"}, 0, "", []string{"l2.png"}},
		{"web size refused", []string{"logo", "--web", "150x90", "-o", "l.png"}, 1, "LOGO-WEB-SIZE: web logos are 140×85 or 165×115 px; asked 150×90", nil},
		{"print too small", []string{"logo", "--format", "pdf", "--width-mm", "20", "-o", "l.pdf"}, 1, "LOGO-MIN-PRINT", nil},
		{"web and width", []string{"logo", "--web", "small", "--width-mm", "40", "-o", "l.png"}, 2, "exclude each other", nil},
		{"white svg", []string{"logo", "--channel", "suggestion", "--lang", "de", "--version", "white", "--format", "svg", "-o", "lob.svg"}, 0, "", []string{"lob.svg"}},
		{"print pdf", []string{"logo", "--channel", "complaint", "--lang", "fr", "--format", "pdf", "--width-mm", "60", "-o", "plainte.pdf"}, 0, "", []string{"plainte.pdf"}},
		{"poster", []string{"poster", "--lang", "fr,nl", "--size", "a4", "-o", "affiche.pdf"}, 0, "demo profile", []string{"affiche.pdf"}},
		{"poster png preview", []string{"poster", "--lang", "nl", "--size", "a5", "--dpi", "72", "-o", "p.png"}, 0, "", []string{"p.png"}},
		{"poster three languages on a5", []string{"poster", "--lang", "fr,nl,en", "--size", "a5", "-o", "p3.pdf"}, 1, "TEXT-MIN-SIZE", nil},
		{"poster svg refused", []string{"poster", "-o", "p.svg"}, 2, "not available", nil},
		{"missing profile", []string{"check", "--org", "nope.yaml"}, 1, "no such file", nil},
		{"init", []string{"init", "-o", "org.yaml"}, 0, "", []string{"org.yaml"}},
		{"check demo", []string{"check"}, 0, "", nil},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runIn(t, dir, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.stderr)
			}
			for _, f := range tt.files {
				if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
					t.Errorf("%s not written: %v", f, err)
				}
			}
		})
	}
}

func TestNoOverwriteWithoutForce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "l.png")
	os.WriteFile(path, []byte("precious"), 0o644)
	code, _, stderr := runIn(t, dir, "logo", "-o", "l.png")
	if code != 1 || !strings.Contains(stderr, "--force") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if data, _ := os.ReadFile(path); string(data) != "precious" {
		t.Error("the existing file was replaced")
	}
	if code, _, _ := runIn(t, dir, "logo", "-o", "l.png", "--force"); code != 0 {
		t.Errorf("--force: exit %d", code)
	}
	if data, _ := os.ReadFile(path); string(data) == "precious" {
		t.Error("--force did not replace the file")
	}
}

func TestFailedRunLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "org.yaml"), []byte(strings.Replace(string(mustRead(t, "../../internal/brand/demo.yaml")), "#0B4F8A", "#FFE000", 1)), 0o644)
	code, _, stderr := runIn(t, dir, "poster", "--org", "org.yaml", "-o", "p.pdf")
	if code != 1 || !strings.Contains(stderr, "COLOUR-CONTRAST: colours.accent: #FFE000 on #FFFFFF has a contrast of 1.") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestProfileProblemsListed(t *testing.T) {
	dir := t.TempDir()
	bad := "name: {fr: X}\nregion: brussels\nfoo: 1\ncomplaint: {form_url: 'javascript:alert(1)', email: nope, phone: '1'}\n"
	os.WriteFile(filepath.Join(dir, "org.yaml"), []byte(bad), 0o644)
	code, _, stderr := runIn(t, dir, "check", "--org", "org.yaml")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"foo: unknown key", "name.nl: missing", "complaint.form_url: \"javascript:alert(1)\" must be an https URL", "complaint.email", "second_line: missing", "address: missing"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestStdout(t *testing.T) {
	code, out, _ := runIn(t, t.TempDir(), "logo", "--format", "svg", "-o", "-")
	if code != 0 || !strings.HasPrefix(out, "<svg") {
		t.Errorf("exit %d, stdout %.40q", code, out)
	}
}

func TestSignatureCommand(t *testing.T) {
	dir := t.TempDir()
	csv := "name,title,department,email,phone\nAnn Peeters,Adviseur,Klantendienst,ann@example.org,+32 2 123 45 01\nBob,,,bad-email,\n"
	os.WriteFile(filepath.Join(dir, "staff.csv"), []byte(csv), 0o644)
	code, _, stderr := runIn(t, dir, "signature", "--lang", "nl", "--people", "staff.csv", "--image-base-url", "https://www.example.org/affiches", "-o", "sig")
	if code != 1 || !strings.Contains(stderr, "staff.csv: line 3: email") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	for _, f := range []string{"sig/ann-peeters.html", "sig/ann-peeters.txt", "sig/index.html", "sig/images/complaint-nl-colour-web-small@2x.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	os.WriteFile(filepath.Join(dir, "person.yaml"), []byte("name: Ann Peeters\nemail: ann@example.org\n"), 0o644)
	code, _, stderr = runIn(t, dir, "signature", "--person", "person.yaml", "--image-base-url", "https://www.example.org/affiches", "-o", "sig")
	if code != 1 || !strings.Contains(stderr, "exists already") {
		t.Errorf("second run into the same folder: exit %d, %q", code, stderr)
	}
}

func TestKitCommand(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runIn(t, dir, "kit", "-o", "kit", "--zip")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"kit/manifest.json", "kit/index.html", "kit/posters/complaint/fr+nl/a4.pdf", "kit/logos/suggestion/nl/white/web-large@3x.png", "kit.zip"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestCasefileCommands(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "case.yaml"), mustRead(t, "../../internal/casefile/testdata/case-de.yaml"), 0o644)
	os.WriteFile(filepath.Join(dir, "thin.yaml"), []byte("reference: X-1\nreceived: 2026-11-20\ncomplainant: {name: A}\n"), 0o644)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
		file   string
	}{
		{"registration form", []string{"casefile", "--lang", "fr", "--kind", "registration", "--format", "pdf", "-o", "fiche.pdf"}, 0, "", "fiche.pdf"},
		{"acknowledgement", []string{"casefile", "--lang", "de", "--kind", "acknowledgement", "--case", "case.yaml", "--format", "pdf", "-o", "ack.pdf"}, 0, "", "ack.pdf"},
		{"reply docx", []string{"casefile", "--lang", "nl", "--kind", "reply", "--case", "case.yaml", "--format", "docx", "-o", "antwoord.docx"}, 0, "", "antwoord.docx"},
		{"register", []string{"casefile", "--lang", "fr", "--kind", "register", "--format", "xlsx", "--date", "2026-11-27", "-o", "registre.xlsx"}, 0, "", "registre.xlsx"},
		{"blank letter", []string{"casefile", "--lang", "en", "--kind", "inadmissible", "-o", "blank.docx"}, 0, "", "blank.docx"},
		{"missing case field", []string{"casefile", "--lang", "fr", "--kind", "reply", "--case", "thin.yaml", "-o", "no.pdf"}, 1, "case.subject: missing", ""},
		{"register as pdf", []string{"casefile", "--kind", "register", "-o", "r.pdf"}, 2, "spreadsheet", ""},
		{"unknown kind", []string{"casefile", "--kind", "memo", "-o", "m.pdf"}, 2, "unknown kind", ""},
		{"indicators", []string{"indicators", "--register", "registre.xlsx", "--year", "2026", "-o", "ind.csv"}, 0, "", "ind.csv"},
		{"indicators pdf, the register's year", []string{"indicators", "--register", "registre.xlsx", "-o", "ind.pdf"}, 0, "", "ind.pdf"},
		{"indicators not a register", []string{"indicators", "--register", "case.yaml", "--year", "2026"}, 1, "not a register", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runIn(t, dir, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d, …%s…", code, stderr, tt.code, tt.stderr)
			}
			if tt.file != "" {
				if _, err := os.Stat(filepath.Join(dir, tt.file)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "no.pdf")); err == nil {
		t.Error("a refused letter left a file")
	}
}

// The commands oneproc puts on one processor at start-up are commands.
func TestOneDocumentCommandsExist(t *testing.T) {
	root := newRootCmd(strings.NewReader(""), io.Discard, io.Discard)
	for _, name := range oneproc.Commands {
		if c, _, err := root.Find([]string{name}); err != nil || c.Name() != name {
			t.Errorf("oneproc lists %q, which is not a command", name)
		}
	}
}
