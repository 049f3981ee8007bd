package casefile

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/golden"
)

// TestLibreOffice proves the files open in an office suite: LibreOffice
// converts a DOCX letter to PDF, and recalculates the register's
// indicators to the same values as affiches.
func TestLibreOffice(t *testing.T) {
	soffice := golden.Tool(t, "soffice")
	dir := t.TempDir()
	d, err := Build(brand.Demo(), Reply, Options{Lang: brand.NL, Case: testCase(t, brand.NL)})
	if err != nil {
		t.Fatal(err)
	}
	var docx bytes.Buffer
	if err := WriteDOCX(&docx, d, nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "reply.docx"), docx.Bytes(), 0o644)
	var z time.Time
	l := brand.FR
	data := filledRegister(t, l, [][]any{
		row(l, "1", date("2026-01-05"), "complaint", "yes", "staff", "founded", date("2026-01-20"), date("2026-01-21"), "training", "no"),
		row(l, "2", date("2026-02-10"), "complaint", "yes", "quality", "partly-founded", date("2026-03-20"), date("2026-03-21"), "", "yes"),
		row(l, "3", date("2026-03-01"), "complaint", "no", "", "", z, z, "", ""),
	})
	os.WriteFile(filepath.Join(dir, "register.xlsx"), data, 0o644)
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile")
	run := func(args ...string) {
		cmd := exec.Command(soffice, append([]string{profile, "--headless", "--norestore"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice %v: %v\n%s", args, err, out)
		}
	}
	run("--convert-to", "pdf", "reply.docx")
	if fi, err := os.Stat(filepath.Join(dir, "reply.pdf")); err != nil || fi.Size() < 1000 {
		t.Errorf("LibreOffice did not convert the DOCX: %v", err)
	}
	// -1: every sheet to its own file, the register and the indicators.
	run("--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "register.xlsx")
	csv, err := os.ReadFile(filepath.Join(dir, "register-Indicateurs.csv"))
	if err != nil {
		t.Fatalf("LibreOffice did not export the indicators: %v", err)
	}
	fl, err := ReadRegister(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	entries := fl.Entries
	// Saved again by LibreOffice as XLSX, the register reads the same; as
	// ODS it is refused with what to do.
	os.Mkdir(filepath.Join(dir, "again"), 0o755)
	run("--convert-to", "xlsx", "--outdir", "again", "register.xlsx")
	run("--convert-to", "ods", "--outdir", "again", "register.xlsx")
	again, err := os.ReadFile(filepath.Join(dir, "again", "register.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ReadRegister(bytes.NewReader(again)); err != nil || len(got.Problems) > 0 || fmt.Sprint(got.Entries) != fmt.Sprint(entries) || got.Year != 2026 {
		t.Errorf("the register saved again by LibreOffice: %v, %+v", err, got)
	}
	ods, _ := os.ReadFile(filepath.Join(dir, "again", "register.ods"))
	if _, err := ReadRegister(bytes.NewReader(ods)); err == nil || !strings.Contains(err.Error(), "save the register as Excel 2007-365 (.xlsx) or as CSV") {
		t.Errorf("ODS: %v", err)
	}
	// The register saved as CSV by LibreOffice reads as the workbook does.
	saved, err := os.ReadFile(filepath.Join(dir, "register-Registre.csv"))
	if err != nil {
		t.Fatalf("LibreOffice did not export the register: %v", err)
	}
	fromCSV, err := ReadRegister(bytes.NewReader(saved))
	if err != nil || len(fromCSV.Problems) > 0 || fmt.Sprint(fromCSV.Entries) != fmt.Sprint(entries) {
		t.Errorf("LibreOffice's CSV of the register: %v, %+v\nwant\n%v\n%s", err, fromCSV, entries, saved)
	}
	in := Compute(entries, 2026, brand.Demo())
	for _, line := range in.Lines(l)[:9] {
		if !strings.Contains(string(csv), line[0]+","+line[1]+"\n") {
			t.Errorf("LibreOffice's %q differs from %s:\n%s", line[0], line[1], csv)
		}
	}
}

// TestRegisterFormulas: LibreOffice opens the register in every language
// and its formulas (the reply due date with WORKDAY, the processing days,
// the indicators) compute what affiches computes.
func TestRegisterFormulas(t *testing.T) {
	soffice := golden.Tool(t, "soffice")
	dir := t.TempDir()
	var files []string
	for _, l := range brand.Langs {
		name := "register-" + string(l) + ".xlsx"
		if err := os.WriteFile(filepath.Join(dir, name), filledRegister(t, l, sampleRows(l)), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	cmd := exec.Command(soffice, append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"), "--headless", "--norestore",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"}, files...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, l := range brand.Langs {
		data, err := os.ReadFile(filepath.Join(dir, "register-"+string(l)+"-"+catalog.T(l, "reg.indicators")+".csv"))
		if err != nil {
			t.Fatalf("%s: LibreOffice did not export the indicators: %v", l, err)
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil || len(recs) < 2+len(sampleSheet) {
			t.Fatalf("%s: %d lines, %v:\n%s", l, len(recs), err, data)
		}
		for i, want := range sampleSheet {
			rec := recs[i+2]
			v := cell(rec, 1)
			got, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
			if strings.HasSuffix(v, "%") { // the share, in its format even unformatted
				got /= 100
			}
			if err != nil || math.Abs(got-want) > 0.01 {
				t.Errorf("%s: %s = %q, want %g", l, cell(rec, 0), cell(rec, 1), want)
			}
		}
	}
}
