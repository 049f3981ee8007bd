package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"affiches/internal/golden"
)

// small is a workbook with one of everything Write writes.
func small() *Workbook {
	wb := &Workbook{Title: "Registre – <Exemple> & co", Creator: "affiches", Language: "fr", Created: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), Active: 0}
	reg, lists := wb.AddSheet("Registre"), wb.AddSheet("Listes d'été")
	header := Style{Bold: true, Color: "FFFFFF", Fill: "0b4f8a", Wrap: true, VAlign: "top"}
	date := Style{NumFmt: "dd/mm/yyyy"}
	reg.SetString(Ref{1, 1}, "N°")
	reg.SetString(Ref{2, 1}, "Reçue le")
	reg.SetString(Ref{3, 1}, "Canal")
	reg.SetString(Ref{4, 1}, "Délai")
	reg.SetStyle(Range{Ref{1, 1}, Ref{4, 1}}, header)
	reg.SetRowHeight(1, 32)
	reg.SetColWidth(1, 3, 16)
	reg.SetColWidth(4, 4, 36)
	reg.SetString(Ref{1, 2}, "1")
	reg.SetDate(Ref{2, 2}, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	reg.SetString(Ref{3, 2}, "e-mail")
	reg.SetStyle(Range{Ref{2, 2}, Ref{2, 3}}, date)
	reg.SetFormula(Ref{4, 2}, `IF(COUNT(B2)=0,"",B2+30)`)
	reg.SetStyle(Range{Ref{4, 2}, Ref{4, 2}}, date)
	reg.Freeze(1, 1)
	reg.SetAutoFilter(Range{Ref{1, 1}, Ref{4, 1}})
	reg.AddValidation(Validation{Range: Range{Ref{3, 2}, Ref{3, 10}}, Type: "list", Formula1: Quote(lists.Name()) + "!$A$2:$A$3", AllowBlank: true, ErrorTitle: "Canal", Error: `Choisissez "e-mail" ou "lettre".`})
	reg.AddValidation(Validation{Range: Range{Ref{2, 2}, Ref{2, 10}}, Type: "date", Operator: "between", Formula1: "36526", Formula2: "73051", AllowBlank: true, ErrorTitle: "Reçue le", Error: "Une date, par exemple 20/11/2026."})
	reg.SetPage(Page{Paper: A4, Landscape: true, OverThenDown: true})
	reg.RepeatRows(1, 1)
	lists.SetString(Ref{1, 1}, "Canal")
	lists.SetString(Ref{1, 2}, "e-mail")
	lists.SetString(Ref{1, 3}, "lettre")
	lists.SetNumber(Ref{2, 1}, 2026)
	lists.SetNumber(Ref{2, 2}, 2.0/3)
	lists.SetStyle(Range{Ref{2, 2}, Ref{2, 2}}, Style{NumFmt: "0%"})
	lists.SetBool(Ref{2, 3}, true)
	lists.SetPage(Page{Paper: A4})
	return wb
}

func write(t testing.TB, wb *Workbook) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t testing.TB, data []byte) *File {
	t.Helper()
	f, err := Open(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// unzipped returns a ZIP file's parts, in order, each after a line with
// its name, its XML a tag a line: the golden file's form.
func unzipped(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		rc, _ := f.Open()
		part, _ := io.ReadAll(rc)
		fmt.Fprintf(&b, "== %s (%s)\n%s\n", f.Name, f.Modified.UTC().Format(time.DateOnly), strings.ReplaceAll(string(part), "><", ">\n<"))
	}
	return b.String()
}

func unzippedNames(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	return strings.Join(names, "\n")
}

// TestWriteGolden: the parts of a small workbook, as written, with every
// part well-formed XML.
func TestWriteGolden(t *testing.T) {
	data := write(t, small())
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	for _, f := range zr.File {
		rc, _ := f.Open()
		d := xml.NewDecoder(rc)
		for {
			_, err := d.Token() // Token, unlike RawToken, checks that elements close
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
	}
	golden.Check(t, "small.golden", []byte(unzipped(t, data)))
}

// TestDeterministic: the same workbook gives the same bytes.
func TestDeterministic(t *testing.T) {
	a, b := write(t, small()), write(t, small())
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same workbook differ")
	}
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		set  func(*Sheet, Ref)
		want string
	}{
		{"text", func(s *Sheet, r Ref) { s.SetString(r, "plainte") }, "plainte"},
		{"markup", func(s *Sheet, r Ref) { s.SetString(r, `<a href="x">&amp;</a> 'q'`) }, `<a href="x">&amp;</a> 'q'`},
		{"spaces kept", func(s *Sheet, r Ref) { s.SetString(r, "  two\nlines\t ") }, "  two\nlines\t "},
		{"carriage return", func(s *Sheet, r Ref) { s.SetString(r, "a\r\nb") }, "a\r\nb"},
		{"control characters", func(s *Sheet, r Ref) { s.SetString(r, "a\x00b\x01c\x1f\uFFFEd") }, "a\x00b\x01c\x1f\uFFFEd"},
		{"an escape as text", func(s *Sheet, r Ref) { s.SetString(r, "_x0041_ and _x00") }, "_x0041_ and _x00"},
		{"invalid UTF-8", func(s *Sheet, r Ref) { s.SetString(r, "caf\xe9") }, "caf\uFFFD"},
		{"non-Latin", func(s *Sheet, r Ref) { s.SetString(r, "Ελληνικά 日本語 🙂") }, "Ελληνικά 日本語 🙂"},
		{"empty text", func(s *Sheet, r Ref) { s.SetString(r, "") }, ""},
		{"integer", func(s *Sheet, r Ref) { s.SetNumber(r, 2026) }, "2026"},
		{"negative", func(s *Sheet, r Ref) { s.SetNumber(r, -1.5) }, "-1.5"},
		{"third", func(s *Sheet, r Ref) { s.SetNumber(r, 1.0/3) }, "0.3333333333333333"},
		{"large", func(s *Sheet, r Ref) { s.SetNumber(r, 1e21) }, "1e+21"},
		{"date", func(s *Sheet, r Ref) { s.SetDate(r, time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)) }, "46328"},
		{"date and time", func(s *Sheet, r Ref) { s.SetDate(r, time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)) }, "46328.5"},
		{"true", func(s *Sheet, r Ref) { s.SetBool(r, true) }, "1"},
		{"false", func(s *Sheet, r Ref) { s.SetBool(r, false) }, "0"},
		{"formula, no value yet", func(s *Sheet, r Ref) { s.SetFormula(r, `IF(A1<>"",1,0)`) }, ""},
		{"style only", func(s *Sheet, r Ref) { s.SetStyle(Range{r, r}, Style{Bold: true}) }, ""},
		{"far cell", func(s *Sheet, r Ref) { s.SetString(Ref{MaxCols, MaxRows}, "XFD1048576") }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wb := &Workbook{}
			sh := wb.AddSheet("S")
			sh.SetString(Ref{1, 1}, "first")
			tt.set(sh, Ref{3, 2})
			rows, err := open(t, write(t, wb)).Rows("S")
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if len(rows) > 1 && len(rows[1]) > 2 {
				got = rows[1][2]
			}
			if got != tt.want || rows[0][0] != "first" {
				t.Errorf("C2 = %q, want %q (rows %q)", got, tt.want, rows)
			}
		})
	}
}

// TestRoundTripSheets: a whole workbook reads back as written, sheet by
// sheet, gaps included.
func TestRoundTripSheets(t *testing.T) {
	f := open(t, write(t, small()))
	if got, want := f.Sheets(), []string{"Registre", "Listes d'été"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Sheets() = %q, want %q", got, want)
	}
	tests := map[string][][]string{
		"Registre":     {{"N°", "Reçue le", "Canal", "Délai"}, {"1", "46346", "e-mail"}},
		"Listes d'été": {{"Canal", "2026"}, {"e-mail", "0.6666666666666666"}, {"lettre", "1"}},
	}
	for sheet, want := range tests {
		got, err := f.Rows(sheet)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Rows(%q) = %q, %v, want %q", sheet, got, err, want)
		}
	}
	if _, err := f.Rows("Sheet1"); err == nil {
		t.Error("Rows of a missing sheet: no error")
	}
}

// build makes a ZIP file of parts, in the order given (name, content, …).
func build(parts ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, _ := zw.Create(parts[i])
		w.Write([]byte(parts[i+1]))
	}
	zw.Close()
	return buf.Bytes()
}

const (
	relsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	bookXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><fileVersion appName="xl"/><mc:AlternateContent><mc:Choice Requires="x15"/></mc:AlternateContent><sheets><sheet name="Registre" sheetId="1" r:id="rId1"/><sheet name="Vide" sheetId="2" r:id="rId2"/></sheets></workbook>`
	bookRelsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/../worksheets/sheet2.xml"/></Relationships>`
	// sstXML is shared strings as Excel writes them: plain, rich text in
	// runs, a phonetic guide (left out), escaped characters.
	sstXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5"><si><t>N°</t></si><si><r><rPr><b/><sz val="11"/></rPr><t>Reçue</t></r><r><rPr><sz val="11"/></rPr><t xml:space="preserve"> le</t></r></si><si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si><si><t>a_x000D_
b _x005F_x0041_ &amp; &lt;</t></si><si><t/></si></sst>`
	sheetXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:E5"/><sheetData>` +
		`<row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c></row>` +
		`<row r="3"><c r="A3"><v>46328</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="str"><f>A3+1</f><v>46329</v></c><c r="D3" t="e"><v>#N/A</v></c><c r="E3" t="s"><v>4</v></c></row>` +
		`<row r="4"><c t="inlineStr"><is><t>inline</t></is></c><c t="inlineStr"><is><r><t>rich</t></r><r><rPr><i/></rPr><t xml:space="preserve"> inline</t></r></is></c><c r="E4" s="2"/></row>` +
		`<row><c r="B5" t="str"><f>""</f><v></v></c><c r="C5"><f>1/0</f></c><c r="D5" t="n"><v>-1.5E-3</v></c></row>` +
		`<row r="6" ht="30" customHeight="1"/>` +
		`</sheetData><mergeCells count="1"><mergeCell ref="A7:B7"/></mergeCells></worksheet>`
	emptySheetXML = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`
)

// TestReadExcel reads a workbook as Excel saves one: shared strings with
// rich text, phonetic guides and escapes, absolute and roundabout part
// names, cells without references, gaps, every cell type.
func TestReadExcel(t *testing.T) {
	data := build("[Content_Types].xml", "<Types/>", "_rels/.rels", relsXML, "xl/workbook.xml", bookXML,
		"xl/_rels/workbook.xml.rels", bookRelsXML, "xl/sharedStrings.xml", sstXML,
		"xl/worksheets/sheet1.xml", sheetXML, "xl/worksheets/sheet2.xml", emptySheetXML)
	f := open(t, data)
	got, err := f.Rows("Registre")
	want := [][]string{
		{"N°", "Reçue le", "漢字", "", "a\r\nb _x0041_ & <"},
		nil,
		{"46328", "1", "46329", "#N/A"},
		{"inline", "rich inline"},
		{"", "", "", "-1.5E-3"},
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Rows = %q, %v\nwant %q", got, err, want)
	}
	if got, err := f.Rows("Vide"); err != nil || len(got) != 0 {
		t.Errorf("empty sheet: %q, %v", got, err)
	}
}

// TestReadStrict reads the strict variant of the format, whose namespaces
// differ, with prefixes on every element.
func TestReadStrict(t *testing.T) {
	strict := func(s string) string {
		s = strings.ReplaceAll(s, "http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships")
		return strings.ReplaceAll(s, "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
	}
	sheet := `<x:worksheet xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`
	data := build("_rels/.rels", strict(relsXML), "xl/workbook.xml", strict(bookXML), "xl/_rels/workbook.xml.rels", strict(bookRelsXML),
		"xl/sharedStrings.xml", sstXML, "xl/worksheets/sheet1.xml", sheet, "xl/worksheets/sheet2.xml", emptySheetXML)
	got, err := open(t, data).Rows("Registre")
	if want := [][]string{{"Reçue le", "7"}}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Rows = %q, %v, want %q", got, err, want)
	}
}

// TestReadBounded: broken and hostile files are refused with a clear
// error, at once.
func TestReadBounded(t *testing.T) {
	bookWith := func(sheet, sst string) []byte {
		return build("_rels/.rels", relsXML, "xl/workbook.xml", bookXML, "xl/_rels/workbook.xml.rels", bookRelsXML,
			"xl/sharedStrings.xml", sst, "xl/worksheets/sheet1.xml", sheet, "xl/worksheets/sheet2.xml", emptySheetXML)
	}
	book := func(sheet string) []byte { return bookWith(sheet, sstXML) }
	rows := func(n int, cell string) string {
		var b strings.Builder
		b.WriteString(`<worksheet><sheetData>`)
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, `<row r="%d">%s</row>`, i, cell)
		}
		return b.String() + `</sheetData></worksheet>`
	}
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store, CompressedSize64: 3, UncompressedSize64: 3 << 30})
	w.Write([]byte("<a>"))
	zw.Close()
	var liar bytes.Buffer
	zw = zip.NewWriter(&liar)
	for _, p := range [][2]string{{"_rels/.rels", relsXML}, {"xl/workbook.xml", bookXML}, {"xl/_rels/workbook.xml.rels", bookRelsXML}, {"xl/sharedStrings.xml", sstXML}} {
		w, _ := zw.Create(p[0])
		w.Write([]byte(p[1]))
	}
	big := rows(1000, `<c t="inlineStr"><is><t>x</t></is></c>`)
	w, _ = zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store, CompressedSize64: uint64(len(big)), UncompressedSize64: 100})
	w.Write([]byte(big))
	zw.Close()
	var many []string
	for i := range 1001 {
		many = append(many, fmt.Sprintf("p%d", i), "")
	}
	var sst strings.Builder
	for range 11 {
		sst.WriteString("<si><t>s</t></si>")
	}

	tests := []struct {
		name string
		data []byte
		lim  Limits
		want string // "" for no error
	}{
		{"not a zip", []byte("PK\x03\x04 not really"), Limits{}, "zip: not a valid zip file"},
		{"empty", nil, Limits{}, "zip: not a valid zip file"},
		{"truncated", write(t, small())[:500], Limits{}, "zip: not a valid zip file"},
		{"no workbook", build("a.xml", "<a/>"), Limits{}, "the workbook has no part xl/workbook.xml"},
		{"no sheet", build("xl/workbook.xml", `<workbook><sheets/></workbook>`), Limits{}, "the workbook has no sheet"},
		{"broken XML", book(`<worksheet><sheetData><row><c><v>1</v></row>`), Limits{}, "xl/worksheets/sheet1.xml: </row> closes no element"},
		{"cut short", book(`<worksheet><sheetData><row><c><v>1</v></c>`), Limits{}, "xl/worksheets/sheet1.xml: ends inside <row>"},
		{"not XML", book(`<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet`), Limits{}, "xl/worksheets/sheet1.xml: XML syntax error"},
		{"deep", book(strings.Repeat("<a>", 100_000)), Limits{}, "nested more than 64 deep"},
		{"zip bomb", bomb.Bytes(), Limits{}, "the workbook unzips to more than 256 MiB"},
		{"part larger than declared", liar.Bytes(), Limits{}, "zip: not a valid zip file"},
		{"many parts", build(many...), Limits{}, "the workbook has 1001 parts, more than 1000"},
		{"many rows", book(rows(2000, `<c><v>1</v></c>`)), Limits{Rows: 1000}, "sheet Registre: more than 1000 rows"},
		{"many empty rows", book(rows(2000, `<c s="1"/>`)), Limits{Rows: 1000}, ""},
		{"many cells", book(rows(100, `<c r="Z1"><v>1</v></c>`)), Limits{Cells: 1000}, "sheet Registre: more than 1000 cells"},
		{"cells past the columns read", book(rows(100, `<c r="Z1"><v>1</v></c>`)), Limits{Cells: 1000, Cols: 10}, ""},
		{"many shared strings", bookWith(rows(1, ``), "<sst>"+sst.String()+"</sst>"), Limits{Strings: 10}, "xl/sharedStrings.xml: more than 10 shared strings"},
		{"shared string out of range", book(`<worksheet><sheetData><row><c t="s"><v>99</v></c></row></sheetData></worksheet>`), Limits{}, `sheet Registre: cell A1: shared string "99" of 5`},
		{"bad row number", book(`<worksheet><sheetData><row r="0"/></sheetData></worksheet>`), Limits{}, `sheet Registre: row number "0"`},
		{"row past the sheet", book(`<worksheet><sheetData><row r="1048577"/></sheetData></worksheet>`), Limits{}, `sheet Registre: row number "1048577"`},
		{"bad cell reference", book(`<worksheet><sheetData><row><c r="1A"/></row></sheetData></worksheet>`), Limits{}, `sheet Registre: cell reference "1A"`},
		{"cell past XFD", book(`<worksheet><sheetData><row><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`), Limits{}, `sheet Registre: cell reference "XFE1": outside a sheet`},
		{"many sheets", build("xl/workbook.xml", "<workbook><sheets>"+strings.Repeat(`<sheet name="s"/>`, 20)+"</sheets></workbook>"), Limits{Parts: 10}, "xl/workbook.xml: more sheets than the workbook has parts"},
		{"entity", book(`<!DOCTYPE w [<!ENTITY a "aaaa">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>`), Limits{}, "invalid character entity &a;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			f, err := Open(bytes.NewReader(tt.data), int64(len(tt.data)), tt.lim)
			if err == nil {
				_, err = f.Rows(f.Sheets()[0])
			}
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("err = %v, want none", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("err = %v, want …%s…", err, tt.want)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name  string
		build func(*Workbook)
		want  string
	}{
		{"no sheet", func(wb *Workbook) {}, "a workbook needs a sheet"},
		{"long sheet name", func(wb *Workbook) { wb.AddSheet(strings.Repeat("x", 32)) }, "1 to 31 characters"},
		{"sheet name with /", func(wb *Workbook) { wb.AddSheet("a/b") }, "none of"},
		{"sheet name with a quote first", func(wb *Workbook) { wb.AddSheet("'a") }, "no apostrophe first or last"},
		{"two sheets of a name", func(wb *Workbook) { wb.AddSheet("Liste"); wb.AddSheet("LISTE") }, "two sheets"},
		{"control character in a sheet name", func(wb *Workbook) { wb.AddSheet("a\nb") }, "control character"},
		{"active sheet", func(wb *Workbook) { wb.AddSheet("a"); wb.Active = 1 }, "active sheet 1 of 1"},
		{"cell outside", func(wb *Workbook) { wb.AddSheet("a").SetString(Ref{0, 1}, "x") }, "outside a sheet"},
		{"NaN", func(wb *Workbook) { wb.AddSheet("a").SetNumber(Ref{1, 1}, math.NaN()) }, "NaN is not a number"},
		{"text too long", func(wb *Workbook) { wb.AddSheet("a").SetString(Ref{1, 1}, strings.Repeat("é", 32768)) }, "longer than 32767"},
		{"bad colour", func(wb *Workbook) { wb.AddSheet("a").SetStyle(Range{Ref{1, 1}, Ref{1, 1}}, Style{Fill: "blue"}) }, `colour "blue"`},
		{"bad alignment", func(wb *Workbook) { wb.AddSheet("a").SetStyle(Range{Ref{1, 1}, Ref{1, 1}}, Style{VAlign: "middle"}) }, `alignment "middle"`},
		{"backwards range", func(wb *Workbook) { wb.AddSheet("a").SetStyle(Range{Ref{2, 1}, Ref{1, 1}}, Style{Bold: true}) }, "is not one"},
		{"long error title", func(wb *Workbook) {
			wb.AddSheet("a").AddValidation(Validation{Range: Range{Ref{1, 1}, Ref{1, 9}}, Type: "list", Formula1: "$B$1:$B$2", ErrorTitle: strings.Repeat("x", 33)})
		}, "longer than 32"},
		{"long error", func(wb *Workbook) {
			wb.AddSheet("a").AddValidation(Validation{Range: Range{Ref{1, 1}, Ref{1, 9}}, Type: "list", Formula1: "$B$1:$B$2", Error: strings.Repeat("x", 256)})
		}, "longer than 255"},
		{"unknown validation", func(wb *Workbook) {
			wb.AddSheet("a").AddValidation(Validation{Range: Range{Ref{1, 1}, Ref{1, 9}}, Type: "dropdown"})
		}, `unknown type "dropdown"`},
		{"width", func(wb *Workbook) { wb.AddSheet("a").SetColWidth(1, 1, 300) }, "widths 0 to 255"},
		{"first mistake kept", func(wb *Workbook) { s := wb.AddSheet("a"); s.SetRowHeight(0, 1); s.SetColWidth(0, 1, 1) }, "height 1 of row 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wb := &Workbook{}
			tt.build(wb)
			err := wb.Write(io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write: %v, want …%s…", err, tt.want)
			}
		})
	}
}

func TestRefs(t *testing.T) {
	for col := 1; col <= MaxCols; col++ {
		r := Ref{col, 7}
		got, err := ParseRef(r.String())
		if err != nil || got != r {
			t.Fatalf("ParseRef(%q) = %v, %v, want %v", r.String(), got, err, r)
		}
	}
	tests := []struct {
		in   string
		want Ref
		err  bool
	}{
		{"A1", Ref{1, 1}, false}, {"Z9", Ref{26, 9}, false}, {"AA10", Ref{27, 10}, false}, {"ac1", Ref{29, 1}, false},
		{"$B$2", Ref{2, 2}, false}, {"XFD1048576", Ref{MaxCols, MaxRows}, false},
		{"XFE1", Ref{}, true}, {"A0", Ref{}, true}, {"A1048577", Ref{}, true}, {"AAAA1", Ref{}, true},
		{"1", Ref{}, true}, {"A", Ref{}, true}, {"A+1", Ref{}, true}, {"A-1", Ref{}, true}, {"", Ref{}, true}, {"A1:B2", Ref{}, true},
	}
	for _, tt := range tests {
		got, err := ParseRef(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("ParseRef(%q) = %v, %v, want %v (error %v)", tt.in, got, err, tt.want, tt.err)
		}
	}
	if got := (Range{Ref{1, 1}, Ref{29, 1}}).Abs(); got != "$A$1:$AC$1" {
		t.Errorf("Abs = %q", got)
	}
	for name, want := range map[string]string{"Registre": "Registre", "Listes_2": "Listes_2", "Liste d'été": "'Liste d''été'", "Indicadores": "Indicadores", "Q1": "'Q1'", "2026": "'2026'", "Übersicht": "'Übersicht'"} {
		if got := Quote(name); got != want {
			t.Errorf("Quote(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestDates: the serial numbers Excel gives dates (those of its 1900 date
// system, as excelize read them too).
func TestDates(t *testing.T) {
	d := func(y int, m time.Month, day, h int) time.Time { return time.Date(y, m, day, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		serial float64
		date   time.Time
	}{
		{1, d(1900, 1, 1, 0)}, {2, d(1900, 1, 2, 0)}, {59, d(1900, 2, 28, 0)}, {61, d(1900, 3, 1, 0)}, {62, d(1900, 3, 2, 0)},
		{36526, d(2000, 1, 1, 0)}, {45658, d(2025, 1, 1, 0)}, {46328.5, d(2026, 11, 2, 12)}, {73050, d(2099, 12, 31, 0)},
		{2958465, d(9999, 12, 31, 0)},
	}
	for _, tt := range tests {
		if got := Date(tt.serial); !got.Equal(tt.date) {
			t.Errorf("Date(%v) = %v, want %v", tt.serial, got, tt.date)
		}
		if got := Serial(tt.date); got != tt.serial {
			t.Errorf("Serial(%v) = %v, want %v", tt.date, got, tt.serial)
		}
	}
	if got := Date(60); !got.Equal(d(1900, 2, 28, 0)) {
		t.Errorf("Date(60) = %v, want 28 February 1900", got)
	}
	if got := Date(46328.99999); !got.Equal(time.Date(2026, 11, 2, 23, 59, 59, 0, time.UTC)) {
		t.Errorf("Date(46328.99999) = %v", got)
	}
	for _, bad := range []float64{-1, math.NaN(), math.Inf(1), 2958466} {
		if got := Date(bad); !got.IsZero() {
			t.Errorf("Date(%v) = %v, want zero", bad, got)
		}
	}
	brussels, _ := time.LoadLocation("Europe/Brussels")
	if got := Serial(time.Date(2026, 11, 2, 0, 0, 0, 0, brussels)); got != 46328 {
		t.Errorf("Serial of a Brussels midnight = %v, want 46328 (the wall clock counts)", got)
	}
}

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		"plain": "plain", "a_x000D_b": "a\rb", "_x005F_x0041_": "_x0041_", "_x00": "_x00", "_x00zz_": "_x00zz_",
		"_x0041__x0042_": "AB", "x_x263A_": "x☺",
	} {
		if got := unescape(in); got != want {
			t.Errorf("unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzOpen: no file, however broken, makes the reader panic or hold more
// rows than its limits.
func FuzzOpen(f *testing.F) {
	f.Add(write(f, small()))
	f.Add(build("_rels/.rels", relsXML, "xl/workbook.xml", bookXML, "xl/_rels/workbook.xml.rels", bookRelsXML,
		"xl/sharedStrings.xml", sstXML, "xl/worksheets/sheet1.xml", sheetXML, "xl/worksheets/sheet2.xml", emptySheetXML))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Open(bytes.NewReader(data), int64(len(data)), Limits{Rows: 50, Cols: 10, Cells: 200})
		if err != nil {
			return
		}
		for _, s := range file.Sheets() {
			rows, err := file.Rows(s)
			if err != nil {
				continue
			}
			if len(rows) > 50 {
				t.Fatalf("%d rows", len(rows))
			}
			for _, r := range rows {
				if len(r) > 10 {
					t.Fatalf("%d columns", len(r))
				}
			}
		}
	})
}

// BenchmarkWrite writes a sheet of 10 000 rows of 10 cells.
func BenchmarkWrite(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		wb := &Workbook{}
		sh := wb.AddSheet("S")
		for r := 1; r <= 10_000; r++ {
			for c := 1; c <= 5; c++ {
				sh.SetString(Ref{c, r}, "text & more")
				sh.SetNumber(Ref{c + 5, r}, float64(r*c))
			}
		}
		if err := wb.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead reads that sheet back.
func BenchmarkRead(b *testing.B) {
	wb := &Workbook{}
	sh := wb.AddSheet("S")
	for r := 1; r <= 10_000; r++ {
		for c := 1; c <= 5; c++ {
			sh.SetString(Ref{c, r}, "text & more")
			sh.SetNumber(Ref{c + 5, r}, float64(r*c))
		}
	}
	data := write(b, wb)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := open(b, data).Rows("S"); err != nil {
			b.Fatal(err)
		}
	}
}
