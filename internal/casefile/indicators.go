package casefile

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"affiches/internal/brand"
	"affiches/internal/catalog"

	"github.com/xuri/excelize/v2"
)

// Entry is one case read back from a register.
type Entry struct {
	Row                 int
	Received, ReplySent time.Time
	Closed              time.Time
	Type, Admissible    string // list keys: complaint, information…; yes, no
	Category, Outcome   string
	SecondLine          string
	Improvement         bool
}

// RowProblem is a register row that could not be read.
type RowProblem struct {
	Row            int
	Column, Reason string
}

func (p RowProblem) String() string { return fmt.Sprintf("row %d: %s: %s", p.Row, p.Column, p.Reason) }

// MaxRegisterRows bounds a register read back.
const MaxRegisterRows = 100000

// ReadRegister reads the register sheet of a workbook made by
// WriteRegister and filled in by a coordinator. Rows it cannot read are
// reported with their numbers and left out.
func ReadRegister(r io.Reader) (entries []Entry, lang brand.Lang, problems []RowProblem, err error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, "", nil, fmt.Errorf("not a register workbook: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, "", nil, fmt.Errorf("the workbook has no sheet")
	}
	sheet := sheets[0]
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, "", nil, err
	}
	if len(rows) == 0 {
		return nil, "", nil, fmt.Errorf("%s: empty sheet", sheet)
	}
	for _, l := range brand.Langs {
		if len(rows[0]) > 0 && strings.TrimSpace(rows[0][0]) == catalog.T(l, "reg.id") {
			lang = l
		}
	}
	if lang == "" {
		return nil, "", nil, fmt.Errorf("%s: the first column is %q; not a register made by affiches", sheet, first(rows[0]))
	}
	for i, c := range registerColumns {
		want := catalog.T(lang, "reg."+c.key)
		if i >= len(rows[0]) || strings.TrimSpace(rows[0][i]) != want {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return nil, "", nil, fmt.Errorf("%s: column %s is %q, want %q: the columns were changed", sheet, name, cell(rows[0], i), want)
		}
	}
	if len(rows) > MaxRegisterRows+1 {
		return nil, "", nil, fmt.Errorf("%s: more than %d rows", sheet, MaxRegisterRows)
	}
	index := map[string]int{}
	for i, c := range registerColumns {
		index[c.key] = i
	}
	for n, row := range rows[1:] {
		rowNo := n + 2
		get := func(key string) string { return strings.TrimSpace(cell(row, index[key])) }
		if get("id") == "" && get("received") == "" && get("type") == "" {
			continue
		}
		e := Entry{Row: rowNo, Improvement: get("improvement") != ""}
		bad := false
		report := func(key, reason string) {
			problems = append(problems, RowProblem{rowNo, catalog.T(lang, "reg."+key), reason})
			bad = true
		}
		for key, dst := range map[string]*time.Time{"received": &e.Received, "reply_sent": &e.ReplySent, "closed": &e.Closed} {
			if s := get(key); s != "" {
				t, err := parseCellDate(s)
				if err != nil {
					report(key, err.Error())
				}
				*dst = t
			}
		}
		if e.Received.IsZero() && !bad {
			report("received", "missing: every case has a date of receipt")
		}
		for key, dst := range map[string]*string{"type": &e.Type, "admissible": &e.Admissible, "category": &e.Category, "outcome": &e.Outcome, "second_line": &e.SecondLine} {
			list := registerColumnList(key)
			if s := get(key); s != "" {
				k, ok := listKey(lang, list, s)
				if !ok {
					report(key, fmt.Sprintf("%q is not one of: %s", s, strings.Join(listValues(lang, list), ", ")))
				}
				*dst = k
			}
		}
		if !bad {
			entries = append(entries, e)
		}
	}
	// Problems in row order; the map walk above is not ordered.
	sortProblems(problems)
	return entries, lang, problems, nil
}

func sortProblems(ps []RowProblem) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && (ps[j].Row < ps[j-1].Row || ps[j].Row == ps[j-1].Row && ps[j].Column < ps[j-1].Column); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

func first(row []string) string { return cell(row, 0) }

func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

func registerColumnList(key string) string {
	for _, c := range registerColumns {
		if c.key == key {
			return c.list
		}
	}
	return ""
}

func listKey(l brand.Lang, list, value string) (string, bool) {
	for _, item := range Lists[list] {
		if strings.EqualFold(catalog.T(l, "list."+list+"."+item), value) {
			return item, true
		}
	}
	return "", false
}

// parseCellDate reads a date cell: a spreadsheet serial number, or a date
// typed as text in a common form.
func parseCellDate(s string) (time.Time, error) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if v < 1 || v > 2958465 {
			return time.Time{}, fmt.Errorf("%q is not a date", s)
		}
		t, err := excelize.ExcelDateToTime(v, false)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is not a date", s)
		}
		return day(t), nil
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02-01-2006", "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (write it as 20/11/2026)", s)
}

// Indicators are the yearly figures BOSA collects.
type Indicators struct {
	Year       int
	Received   int
	Info       int
	Admissible int
	Founded    int
	FoundedBy  []int // in the order of Lists["category"]
	InProgress int
	AvgDays    float64 // NaN when no complaint was answered
	OnTime     float64 // share, NaN when no complaint was answered
	Actions    int
	SecondLine int
}

// Compute works the indicators of a year out of a register's entries, the
// same way as the indicators sheet's formulas; the reply is due replyDays
// after receipt, moved to the next working day.
func Compute(entries []Entry, year, replyDays int) Indicators {
	in := Indicators{Year: year, FoundedBy: make([]int, len(Lists["category"])), AvgDays: math.NaN(), OnTime: math.NaN()}
	var days, onTime, answered float64
	for _, e := range entries {
		if e.Received.Year() != year {
			continue
		}
		if e.Type == "information" {
			in.Info++
		}
		if e.Type != "complaint" {
			continue
		}
		in.Received++
		if e.Admissible == "yes" {
			in.Admissible++
		}
		if e.Outcome == "founded" || e.Outcome == "partly-founded" {
			in.Founded++
			for i, c := range Lists["category"] {
				if e.Category == c {
					in.FoundedBy[i]++
				}
			}
		}
		if e.Closed.IsZero() {
			in.InProgress++
		}
		if !e.ReplySent.IsZero() {
			answered++
			days += e.ReplySent.Sub(e.Received).Hours() / 24
			if !e.ReplySent.After(nextWorkingDay(AddDays(e.Received, replyDays))) {
				onTime++
			}
		}
		if e.Improvement {
			in.Actions++
		}
		if e.SecondLine == "yes" {
			in.SecondLine++
		}
	}
	if answered > 0 {
		in.AvgDays = days / answered
		in.OnTime = onTime / answered
	}
	return in
}

// Lines returns the indicators as label and value, in the sheet's order.
func (in Indicators) Lines(l brand.Lang) [][2]string {
	T := func(k string) string { return catalog.T(l, k) }
	n := strconv.Itoa
	out := [][2]string{
		{T("ind.received"), n(in.Received)}, {T("ind.info"), n(in.Info)}, {T("ind.admissible"), n(in.Admissible)}, {T("ind.founded"), n(in.Founded)},
	}
	for i, c := range Lists["category"] {
		out = append(out, [2]string{catalog.T(l, "ind.founded_by", "category", T("list.category."+c)), n(in.FoundedBy[i])})
	}
	avg, share := "–", "–"
	if !math.IsNaN(in.AvgDays) {
		avg = strconv.FormatFloat(in.AvgDays, 'f', 1, 64)
		share = strconv.FormatFloat(in.OnTime*100, 'f', 0, 64) + " %"
	}
	return append(out, [2]string{T("ind.in_progress"), n(in.InProgress)}, [2]string{T("ind.avg_days"), avg},
		[2]string{T("ind.on_time"), share}, [2]string{T("ind.actions"), n(in.Actions)}, [2]string{T("ind.second_line"), n(in.SecondLine)})
}

// WriteTable writes the indicators as an aligned text table.
func (in Indicators) WriteTable(w io.Writer, l brand.Lang) error {
	lines := in.Lines(l)
	width := 0
	for _, line := range lines {
		width = max(width, len([]rune(line[0])))
	}
	fmt.Fprintln(w, catalog.T(l, "ind.title", "year", strconv.Itoa(in.Year)))
	for _, line := range lines {
		fmt.Fprintf(w, "  %s%s  %s\n", line[0], strings.Repeat(" ", width-len([]rune(line[0]))), line[1])
	}
	return nil
}

// WriteCSV writes the indicators as CSV: indicator, value.
func (in Indicators) WriteCSV(w io.Writer, l brand.Lang) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{catalog.T(l, "ind.indicator"), catalog.T(l, "ind.value")})
	for _, line := range in.Lines(l) {
		cw.Write(line[:])
	}
	cw.Flush()
	return cw.Error()
}
