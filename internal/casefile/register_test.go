package casefile

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"affiches/internal/brand"
	"affiches/internal/catalog"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// filledRegister writes a register and fills rows as a coordinator would.
func filledRegister(t *testing.T, l brand.Lang, rows [][]any) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteRegister(&buf, brand.Demo(), l, 2026); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sheet := catalog.T(l, "reg.sheet")
	for i, r := range rows {
		for j, v := range r {
			if v == nil {
				continue
			}
			c, _ := excelize.CoordinatesToCellName(j+1, i+2)
			f.SetCellValue(sheet, c, v)
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
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

func TestRegisterRoundTrip(t *testing.T) {
	for _, l := range brand.Langs {
		t.Run(string(l), func(t *testing.T) {
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
			data := filledRegister(t, l, rows)
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
			// The sheet's formulas say the same, as excelize computes them.
			f, _ := excelize.OpenReader(bytes.NewReader(data))
			ind := catalog.T(l, "reg.indicators")
			sheet := []float64{4, 2, 1, 0, 0, 0, 1, 1, 2, 3, 2, 1, 1, 0, 0, 2, 23, 2.0 / 3, 1, 1}
			if n := len(in.Lines(l)); n != len(sheet) {
				t.Fatalf("%d indicator lines, the sheet test checks %d", n, len(sheet))
			}
			for i, w := range sheet {
				v, err := f.CalcCellValue(ind, fmt.Sprintf("B%d", i+3), excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatalf("line %d: %v", i+3, err)
				}
				got, err := strconv.ParseFloat(v, 64)
				if err != nil || math.Abs(got-w) > 0.01 {
					t.Errorf("sheet line %d (%s) = %q, want %g", i+3, in.Lines(l)[i][0], v, w)
				}
			}
		})
	}
}

func TestRegisterStructure(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteRegister(&buf, brand.Demo(), brand.FR, 2026); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	dvs, err := f.GetDataValidations("Registre")
	if err != nil {
		t.Fatal(err)
	}
	lists := 0
	for _, dv := range dvs {
		if dv.Type == "list" {
			lists++
		}
	}
	if lists != 7 { // channel, language, type, admissibility, category, outcome, second line
		t.Errorf("%d drop-down lists, want 7", lists)
	}
	panes, err := f.GetPanes("Registre")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("headers not frozen: %+v %v", panes, err)
	}
	style, _ := f.GetCellStyle("Registre", "B2")
	st, _ := f.GetStyle(style)
	if st == nil || st.CustomNumFmt == nil || !strings.Contains(*st.CustomNumFmt, "yyyy") {
		t.Errorf("received dates are not formatted as dates: %+v", st)
	}
	// The Lists sheet speaks French, and lists the federal closure days
	// for WORKDAY.
	for cell, want := range map[string]string{"A1": "Canal", "B1": "Langue", "B2": "français", "H1": "Jours de fermeture"} {
		if got, _ := f.GetCellValue("Listes", cell); got != want {
			t.Errorf("Listes!%s = %q, want %q", cell, got, want)
		}
	}
	days, _ := f.GetCols("Listes", excelize.Options{RawCellValue: true})
	found := false
	for _, v := range days[7] {
		if v == "46328" { // 2 November 2026
			found = true
		}
	}
	if !found {
		t.Errorf("2 November 2026 is not among the closure days: %v", days[7])
	}
	layout, err := f.GetPageLayout("Registre")
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 {
		t.Errorf("the register does not print on A4 landscape: %+v %v", layout, err)
	}
	names := f.GetDefinedName()
	titles := false
	for _, n := range names {
		if n.Name == "_xlnm.Print_Titles" && strings.Contains(n.RefersTo, "$1:$1") {
			titles = true
		}
	}
	if !titles {
		t.Errorf("the header row is not repeated on every printed page: %+v", names)
	}
	for _, dv := range dvs {
		if dv.Type == "date" && !strings.Contains(*dv.Error, "20/11/2026") {
			t.Errorf("date message %q", *dv.Error)
		}
	}
	var again bytes.Buffer
	WriteRegister(&again, brand.Demo(), brand.FR, 2026)
	var first bytes.Buffer
	WriteRegister(&first, brand.Demo(), brand.FR, 2026)
	if !bytes.Equal(first.Bytes(), again.Bytes()) {
		t.Error("two registers differ")
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
// cells as they show (dates formatted), sep between them, a byte-order mark
// first for semicolons (Excel's "CSV UTF-8" in Belgium).
func asCSV(t *testing.T, xlsx []byte, sep rune) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
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
