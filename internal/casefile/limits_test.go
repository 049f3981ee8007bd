package casefile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"affiches/internal/brand"
)

// rezip copies a workbook, replacing or adding parts; a part given with a
// declared size is written raw with that size in the directory.
func rezip(t *testing.T, xlsx []byte, parts map[string][]byte, declared map[string]uint64) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	write := func(name string, data []byte) {
		if size, ok := declared[name]; ok {
			var z bytes.Buffer
			fw, _ := flate.NewWriter(&z, flate.BestSpeed)
			fw.Write(data)
			fw.Close()
			w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: uint64(z.Len()), UncompressedSize64: size})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(z.Bytes())
			return
		}
		w, _ := zw.Create(name)
		w.Write(data)
	}
	for _, f := range zr.File {
		if _, ok := parts[f.Name]; ok {
			continue
		}
		r, _ := f.Open()
		data, _ := io.ReadAll(r)
		write(f.Name, data)
	}
	for name, data := range parts {
		write(name, data)
	}
	zw.Close()
	return out.Bytes()
}

func blankRegister(t *testing.T) []byte {
	var buf bytes.Buffer
	if err := WriteRegister(&buf, brand.Demo(), brand.FR, 2026); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sheetOf(rows int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i := 1; i <= rows; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, i, i, i)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.Bytes()
}

// TestRegisterReadingBounded: a zip bomb (3 MB that unzipped to 3 GB in
// /tmp), a part that unzips to more than it declares, a workbook of ten
// thousand parts and a sheet of a million rows are refused at once.
func TestRegisterReadingBounded(t *testing.T) {
	blank := blankRegister(t)
	many := map[string][]byte{}
	for i := range 1200 {
		many[fmt.Sprintf("x/%d.xml", i)] = []byte("x")
	}
	tests := map[string]struct {
		data []byte
		want string
	}{
		"zip bomb":   {rezip(t, blank, map[string][]byte{"xl/worksheets/sheet1.xml": sheetOf(10)}, map[string]uint64{"xl/worksheets/sheet1.xml": 3 << 30}), "unzips to more than 256 MiB"},
		"lying size": {rezip(t, blank, map[string][]byte{"xl/worksheets/sheet1.xml": bytes.Repeat([]byte("<row/>"), 5<<20)}, map[string]uint64{"xl/worksheets/sheet1.xml": 1000}), "not a register"},
		"many parts": {rezip(t, blank, many, nil), "the workbook has 12"},
		"many rows":  {rezip(t, blank, map[string][]byte{"xl/worksheets/sheet1.xml": sheetOf(150_000)}, nil), "more than 100000 rows"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := ReadRegister(bytes.NewReader(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want …%s…", err, tt.want)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestManyBadRowsReported: the error for 10 000 bad rows took 147 s; it is
// now made at once and lists the first 100 rows.
func TestManyBadRowsReported(t *testing.T) {
	csv := asCSV(t, blankRegister(t), ';')
	head := string(csv[:bytes.IndexByte(csv, '\n')+1])
	var b strings.Builder
	b.WriteString(head)
	cols := strings.Count(head, ";")
	for i := range 10_000 {
		fmt.Fprintf(&b, "%d;le %d mars;plainte%s\r\n", i, i, strings.Repeat(";", cols-2))
	}
	start := time.Now()
	fl, err := ReadRegister(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	problems := fl.Problems
	msg := Report("registre.csv: ", problems)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v", d)
	}
	if len(problems) < 10_000 || strings.Count(msg, "\n") != 101 || !strings.Contains(msg, "registre.csv: row 2: ") || !strings.Contains(msg, "more") {
		t.Errorf("%d problems, message of %d lines:\n%.500s", len(problems), strings.Count(msg, "\n"), msg)
	}
}
