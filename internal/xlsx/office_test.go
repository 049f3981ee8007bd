package xlsx

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"affiches/internal/golden"
)

// TestLibreOffice: LibreOffice opens a workbook as written, computes its
// formulas on opening, shows dates and percentages in their formats, and
// its own .xlsx of it (shared strings, cached values) reads back the
// same, the formula's value now in.
func TestLibreOffice(t *testing.T) {
	soffice := golden.Tool(t, "soffice")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "small.xlsx"), write(t, small()), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command(soffice, append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--norestore"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice %v: %v\n%s", args, err, out)
		}
	}
	os.Mkdir(filepath.Join(dir, "again"), 0o755)
	run("--convert-to", "xlsx", "--outdir", "again", "small.xlsx")
	// Every sheet to CSV, cells as shown.
	run("--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "small.xlsx")

	for file, want := range map[string]string{
		"small-Registre.csv":     "N°,Reçue le,Canal,Délai\n1,20/11/2026,e-mail,20/12/2026\n",
		"small-Listes d'été.csv": "Canal,2026\ne-mail,67%\nlettre,TRUE\n",
	} {
		got, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s =\n%s\nwant\n%s", file, got, want)
		}
	}

	data, err := os.ReadFile(filepath.Join(dir, "again", "small.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, data)
	if !strings.Contains(unzippedNames(t, data), "xl/sharedStrings.xml") {
		t.Error("LibreOffice's file has no shared strings: the test reads no shared strings")
	}
	tests := map[string][][]string{
		"Registre":     {{"N°", "Reçue le", "Canal", "Délai"}, {"1", "46346", "e-mail", "46376"}},
		"Listes d'été": {{"Canal", "2026"}, {"e-mail", "0.666666666666667"}, {"lettre", "1"}},
	}
	for sheet, want := range tests {
		got, err := f.Rows(sheet)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("LibreOffice's Rows(%q) = %q, %v, want %q", sheet, got, err, want)
		}
	}
}
