package casefile

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"affiches/internal/brand"
	"affiches/internal/catalog"

	"affiches/internal/xlsx"

	"golang.org/x/text/encoding/charmap"
)

// filledRegister writes a register with rows filled as a coordinator
// would: texts, and dates as dates in the date columns' format.
func filledRegister(t testing.TB, l brand.Lang, rows [][]any) []byte {
	t.Helper()
	wb := register(brand.Demo(), l, 2026)
	sheet := wb.Sheet(catalog.T(l, "reg.sheet"))
	for i, r := range rows {
		for j, v := range r {
			ref := xlsx.Ref{Col: j + 1, Row: i + 2}
			switch v := v.(type) {
			case nil:
			case string:
				sheet.SetString(ref, v)
			case time.Time:
				sheet.SetDate(ref, v)
			default:
				t.Fatalf("cell %s: a %T", ref, v)
			}
		}
	}
	var out bytes.Buffer
	if err := wb.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// row builds a register row from the few columns the indicators use.
func row(l brand.Lang, id string, received time.Time, typ, adm, cat, outcome string, replySent, closed time.Time, action, second string) []any {
	r := make([]any, len(registerColumns))
	v := func(list, key string) any {
		if key == "" {
			return nil
		}
		return catalog.T(l, "list."+list+"."+key)
	}
	at := func(key string) int {
		for i, c := range registerColumns {
			if c.key == key {
				return i
			}
		}
		panic(key)
	}
	r[at("id")] = id
	r[at("received")] = received
	r[at("type")] = v("type", typ)
	r[at("admissible")] = v("admissible", adm)
	r[at("category")] = v("category", cat)
	r[at("outcome")] = v("outcome", outcome)
	if !replySent.IsZero() {
		r[at("reply_sent")] = replySent
	}
	if !closed.IsZero() {
		r[at("closed")] = closed
	}
	if action != "" {
		r[at("improvement")] = action
	}
	r[at("second_line")] = v("yesno", second)
	return r
}

// sampleRows are nine cases of 2025 and 2026 of every type, answered in
// time or late, open or closed; the indicators of 2026 are sampleSheet.
func sampleRows(l brand.Lang) [][]any {
	var z time.Time
	rows := [][]any{
		row(l, "1", date("2026-01-05"), "complaint", "yes", "staff", "founded", date("2026-01-20"), date("2026-01-21"), "training", "no"),
		row(l, "2", date("2026-02-10"), "complaint", "yes", "quality", "partly-founded", date("2026-03-20"), date("2026-03-21"), "", "yes"),
		row(l, "3", date("2026-03-01"), "complaint", "no", "", "", z, z, "", ""),
		row(l, "4", date("2026-04-01"), "information", "", "", "", z, z, "", ""),
		row(l, "5", date("2025-12-30"), "complaint", "yes", "staff", "founded", date("2026-01-10"), date("2026-01-10"), "", ""),
		row(l, "6", date("2026-05-04"), "complaint", "yes", "procedure", "unfounded", date("2026-05-20"), z, "", "no"),
		row(l, "7", date("2026-06-01"), "suggestion", "", "", "", z, z, "", ""),
		row(l, "8", date("2026-06-02"), "compliment", "", "", "", z, z, "", ""),
		row(l, "9", date("2026-06-03"), "compliment", "", "", "", z, z, "", ""),
	}
	// Channels: two complaints by e-mail, one by the form, one left blank.
	for i, ch := range []string{"email", "form", "email"} {
		rows[i][colIndex("channel")] = catalog.T(l, "list.channel."+ch)
	}
	return rows
}

// sampleSheet is what the indicators sheet's formulas compute for
// sampleRows, line by line (LibreOffice computes them in
// TestRegisterFormulas).
var sampleSheet = []float64{4, 2, 1, 0, 0, 0, 1, 1, 2, 3, 2, 1, 1, 0, 0, 2, 23, 2.0 / 3, 1, 1}

func TestRegisterRoundTrip(t *testing.T) {
	for _, l := range brand.Langs {
		t.Run(string(l), func(t *testing.T) {
			data := filledRegister(t, l, sampleRows(l))
			if keep := os.Getenv("AFFICHES_KEEP"); keep != "" {
				os.WriteFile(filepath.Join(keep, "register-"+string(l)+".xlsx"), data, 0o644)
			}
			fl, err := ReadRegister(bytes.NewReader(data))
			if err != nil || fl.Lang != l || len(fl.Problems) > 0 || fl.Year != 2026 {
				t.Fatalf("ReadRegister: %v, %+v", err, fl)
			}
			entries := fl.Entries
			// The sheet saved as CSV, as Excel in Belgium (semicolons, a
			// byte-order mark) or elsewhere (commas) would, reads the same.
			for _, sep := range []rune{';', ','} {
				got, err := ReadRegister(bytes.NewReader(asCSV(t, data, sep)))
				if err != nil || len(got.Problems) > 0 || fmt.Sprint(got.Entries) != fmt.Sprint(entries) {
					t.Errorf("CSV with %q: %v, %+v\nwant\n%v", sep, err, got, entries)
				}
			}
			// Excel's plain "CSV" on Windows: semicolons in Windows-1252.
			ansi, err := charmap.Windows1252.NewEncoder().Bytes(bytes.TrimPrefix(asCSV(t, data, ';'), []byte("\ufeff")))
			if err != nil {
				t.Fatal(err)
			}
			if got, err := ReadRegister(bytes.NewReader(ansi)); err != nil || len(got.Problems) > 0 || fmt.Sprint(got.Entries) != fmt.Sprint(entries) {
				t.Errorf("Windows-1252 CSV: %v, %+v", err, got)
			}
			in := Compute(entries, 2026, brand.Demo())
			got := fmt.Sprintf("received %d by channel %v info %d suggestions %d compliments %d admissible %d founded %d by %v in-progress %d actions %d second %d avg %.1f on-time %.2f",
				in.Received, in.ByChannel, in.Info, in.Suggestions, in.Compliments, in.Admissible, in.Founded, in.FoundedBy, in.InProgress, in.Actions, in.SecondLine, in.AvgDays, in.OnTime)
			// Answered after 15, 38 and 16 days; complaint 2 past its due date (12 March).
			want := "received 4 by channel [2 1 0 0 0] info 1 suggestions 1 compliments 2 admissible 3 founded 2 by [1 1 0 0] in-progress 2 actions 1 second 1 avg 23.0 on-time 0.67"
			if got != want {
				t.Errorf("Compute =\n  %s\nwant\n  %s", got, want)
			}
			if n := len(in.Lines(l)); n != len(sampleSheet) {
				t.Fatalf("%d indicator lines, sampleSheet has %d", n, len(sampleSheet))
			}
		})
	}
}

// TestRegisterStructure reads the register's parts as written: its
// drop-downs, frozen header, date format, lists, page setup and print
// titles.
func TestRegisterStructure(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteRegister(&buf, brand.Demo(), brand.FR, 2026); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	var ws struct {
		Pane struct {
			XSplit int    `xml:"xSplit,attr"`
			YSplit int    `xml:"ySplit,attr"`
			State  string `xml:"state,attr"`
		} `xml:"sheetViews>sheetView>pane"`
		Cells []struct {
			R string `xml:"r,attr"`
			S int    `xml:"s,attr"`
		} `xml:"sheetData>row>c"`
		Validations []struct {
			Type  string `xml:"type,attr"`
			Error string `xml:"error,attr"`
		} `xml:"dataValidations>dataValidation"`
		Page struct {
			Orientation string `xml:"orientation,attr"`
			PaperSize   int    `xml:"paperSize,attr"`
		} `xml:"pageSetup"`
	}
	var styles struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	var book struct {
		Names []struct {
			Name     string `xml:"name,attr"`
			RefersTo string `xml:",chardata"`
		} `xml:"definedNames>definedName"`
	}
	unmarshalPart(t, data, "xl/worksheets/sheet1.xml", &ws)
	unmarshalPart(t, data, "xl/styles.xml", &styles)
	unmarshalPart(t, data, "xl/workbook.xml", &book)

	lists := 0
	for _, dv := range ws.Validations {
		if dv.Type == "list" {
			lists++
		}
		if dv.Type == "date" && !strings.Contains(dv.Error, "20/11/2026") {
			t.Errorf("date message %q", dv.Error)
		}
	}
	if lists != 7 { // channel, language, type, admissibility, category, outcome, second line
		t.Errorf("%d drop-down lists, want 7", lists)
	}
	if ws.Pane.State != "frozen" || ws.Pane.YSplit != 1 {
		t.Errorf("headers not frozen: %+v", ws.Pane)
	}
	format := ""
	for _, c := range ws.Cells {
		if c.R == "B2" && c.S < len(styles.Xfs) {
			for _, f := range styles.NumFmts {
				if f.ID == styles.Xfs[c.S].NumFmt {
					format = f.Code
				}
			}
		}
	}
	if !strings.Contains(format, "yyyy") {
		t.Errorf("received dates are not formatted as dates: %q", format)
	}
	if ws.Page.Orientation != "landscape" || ws.Page.PaperSize != 9 {
		t.Errorf("the register does not print on A4 landscape: %+v", ws.Page)
	}
	titles := false
	for _, n := range book.Names {
		if n.Name == "_xlnm.Print_Titles" && strings.Contains(n.RefersTo, "$1:$1") {
			titles = true
		}
	}
	if !titles {
		t.Errorf("the header row is not repeated on every printed page: %+v", book.Names)
	}

	// The Lists sheet speaks French, and lists the federal closure days
	// for WORKDAY.
	f, err := xlsx.Open(bytes.NewReader(data), int64(len(data)), xlsx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.Rows("Listes")
	if err != nil {
		t.Fatal(err)
	}
	for ref, want := range map[xlsx.Ref]string{{Col: 1, Row: 1}: "Canal", {Col: 2, Row: 1}: "Langue", {Col: 2, Row: 2}: "français", {Col: 8, Row: 1}: "Jours de fermeture"} {
		if got := at(rows, ref); got != want {
			t.Errorf("Listes!%s = %q, want %q", ref, got, want)
		}
	}
	found := false
	for _, r := range rows {
		if cell(r, 7) == "46328" { // 2 November 2026
			found = true
		}
	}
	if !found {
		t.Errorf("2 November 2026 is not among the closure days: %q", rows)
	}

	var again bytes.Buffer
	WriteRegister(&again, brand.Demo(), brand.FR, 2026)
	if !bytes.Equal(data, again.Bytes()) {
		t.Error("two registers differ")
	}
}

// TestRegisterErrorTitles: every language's register is written (a German
// header past Excel's 32 characters for an error title is clipped).
func TestRegisterErrorTitles(t *testing.T) {
	for _, l := range brand.Langs {
		if err := WriteRegister(io.Discard, brand.Demo(), l, 2026); err != nil {
			t.Errorf("%s: %v", l, err)
		}
	}
	if got := clip("An den Ombudsdienst (zweite Linie) verwiesen", 32); got != "An den Ombudsdienst (zweite Lin…" {
		t.Errorf("clip = %q", got)
	}
}

// at returns a cell of rows as xlsx.File.Rows returns them.
func at(rows [][]string, r xlsx.Ref) string {
	if r.Row > len(rows) {
		return ""
	}
	return cell(rows[r.Row-1], r.Col-1)
}

// unmarshalPart decodes a part of a workbook into v.
func unmarshalPart(t *testing.T, data []byte, name string, v any) {
	t.Helper()
	if err := xml.Unmarshal([]byte(zipPart(t, data, name)), v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func TestRegisterRowProblems(t *testing.T) {
	l := brand.FR
	good := row(l, "1", date("2026-01-05"), "complaint", "yes", "staff", "founded", date("2026-01-20"), date("2026-01-21"), "", "no")
	badList := row(l, "2", date("2026-01-05"), "complaint", "yes", "staff", "founded", time.Time{}, time.Time{}, "", "no")
	badList[16] = "peut-être" // admissibility
	badDate := row(l, "3", time.Time{}, "complaint", "yes", "", "", time.Time{}, time.Time{}, "", "")
	badDate[1] = "le 3 mars"
	data := filledRegister(t, l, [][]any{good, badList, badDate})
	fl, err := ReadRegister(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	entries, problems := fl.Entries, fl.Problems
	if len(entries) != 1 || len(problems) != 2 || problems[0].Row != 3 || problems[1].Row != 4 {
		t.Fatalf("entries %d, problems %v", len(entries), problems)
	}
	if !strings.Contains(problems[0].String(), "row 3: Recevabilité: \"peut-être\" is not one of: recevable, irrecevable") {
		t.Errorf("problem: %s", problems[0])
	}
}

// asCSV saves a register's first sheet as CSV the way a spreadsheet does:
// cells as they show (dates in the register's format), sep between them,
// a byte-order mark first for semicolons (Excel's "CSV UTF-8" in Belgium).
func asCSV(t *testing.T, data []byte, sep rune) []byte {
	t.Helper()
	f, err := xlsx.Open(bytes.NewReader(data), int64(len(data)), xlsx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.Rows(f.Sheets()[0])
	if err != nil {
		t.Fatal(err)
	}
	shown := strings.NewReplacer("dd", "02", "mm", "01", "yyyy", "2006").Replace(dateFormat(registerLang(rows[0])))
	for _, r := range rows[1:] {
		for i, c := range registerColumns {
			if v, err := strconv.ParseFloat(cell(r, i), 64); err == nil && c.kind == dateCol {
				r[i] = xlsx.Date(v).Format(shown)
			}
		}
	}
	var buf bytes.Buffer
	if sep == ';' {
		buf.WriteString("\ufeff")
	}
	w := csv.NewWriter(&buf)
	w.Comma = sep
	w.UseCRLF = true
	w.WriteAll(rows)
	return buf.Bytes()
}

// FuzzReadRegister: no workbook or CSV file, however broken, makes the register reader
// panic; what it reads has dates and a row number past the header.
func FuzzReadRegister(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteRegister(&buf, brand.Demo(), brand.FR, 2026); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04not really a zip"))
	var header []string
	for _, c := range registerColumns {
		header = append(header, catalog.T(brand.NL, "reg."+c.key))
	}
	f.Add([]byte("\ufeff" + strings.Join(header, ";") + "\r\n1;05/01/2026;;klacht\r\n2;31.02.2026\r\n"))
	f.Add([]byte(strings.Join(header, ",") + "\n1,2026-01-05\n"))
	f.Add([]byte("\"unclosed,quote\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		fl, err := ReadRegister(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, e := range fl.Entries {
			if e.Row < 2 || e.Received.IsZero() {
				t.Fatalf("entry %+v", e)
			}
		}
	})
}

// TestRegisterCSVDateOrder: a CSV's dates are read day first, as the
// register shows them, unless they prove month first (a US-English export);
// a file with both orders is refused.
func TestRegisterCSVDateOrder(t *testing.T) {
	var header []string
	for _, c := range registerColumns {
		header = append(header, catalog.T(brand.FR, "reg."+c.key))
	}
	B, W := colIndex("received"), colIndex("reply_sent")
	csvOf := func(dates ...[2]string) []byte {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write(header)
		for i, d := range dates {
			rec := make([]string, len(header))
			rec[0], rec[B], rec[W] = fmt.Sprint(i+1), d[0], d[1]
			rec[colIndex("type")] = "plainte"
			w.Write(rec)
		}
		w.Flush()
		return buf.Bytes()
	}
	tests := []struct {
		name  string
		dates [][2]string
		want  string // the first case's dates, or the error
	}{
		{"day first", [][2]string{{"05/01/2026", "20/01/2026"}}, "2026-01-05 2026-01-20"},
		{"month first, proved by another row", [][2]string{{"01/05/2026", ""}, {"02/03/2026", "02/19/2026"}}, "2026-01-05 0001-01-01"},
		{"ambiguous: day first", [][2]string{{"01/05/2026", "02/05/2026"}}, "2026-05-01 2026-05-02"},
		{"ISO", [][2]string{{"2026-01-05", "2026-01-20"}}, "2026-01-05 2026-01-20"},
		{"dots and dashes", [][2]string{{"5.1.2026", "20-01-2026"}}, "2026-01-05 2026-01-20"},
		{"both orders", [][2]string{{"25/01/2026", ""}, {"01/25/2026", ""}}, "dates are written day first (row 2: 25/01/2026) and month first (row 3: 01/25/2026)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fl, err := ReadRegister(bytes.NewReader(csvOf(tt.dates...)))
			var entries []Entry
			var problems []RowProblem
			if fl != nil {
				entries, problems = fl.Entries, fl.Problems
			}
			var got string
			switch {
			case err != nil:
				got = err.Error()
			case len(problems) > 0 || len(entries) == 0:
				t.Fatalf("problems %v, %d entries", problems, len(entries))
			default:
				got = entries[0].Received.Format("2006-01-02") + " " + entries[0].ReplySent.Format("2006-01-02")
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func colIndex(key string) int {
	for i, c := range registerColumns {
		if c.key == key {
			return i
		}
	}
	panic(key)
}

// BenchmarkWriteRegister writes a blank register.
func BenchmarkWriteRegister(b *testing.B) {
	o := brand.Demo()
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteRegister(io.Discard, o, brand.FR, 2026); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadRegister reads a register of nine cases.
func BenchmarkReadRegister(b *testing.B) {
	data := filledRegister(b, brand.FR, sampleRows(brand.FR))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadRegister(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
