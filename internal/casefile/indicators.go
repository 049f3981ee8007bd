package casefile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/csvin"
	"affiches/internal/limits"
	"affiches/internal/xlsx"
)

// Entry is one case read back from a register.
type Entry struct {
	Row                 int
	Received, ReplySent time.Time
	Closed              time.Time
	Channel             string // list keys: email, form…
	Type, Admissible    string // complaint, information…; yes, no
	Category, Outcome   string
	SecondLine          string
	Improvement         bool
}

// Filled is a register read back: its cases, its language, the year it
// reports on and the rows it could not read.
type Filled struct {
	Entries  []Entry
	Lang     brand.Lang
	Year     int // the indicators sheet's year, else the latest year a case was received
	Problems []RowProblem
}

// RowProblem is a register row that could not be read.
type RowProblem struct {
	Row            int
	Column, Reason string
}

func (p RowProblem) String() string { return fmt.Sprintf("row %d: %s: %s", p.Row, p.Column, p.Reason) }

// MaxRegisterRows bounds a register read back.
const MaxRegisterRows = limits.RegisterRows

// MaxRegisterBytes bounds the file a register is read from.
const MaxRegisterBytes = limits.RegisterBytes

// ReadRegister reads a register made by WriteRegister and filled in by a
// coordinator: the workbook (its first sheet), or that sheet saved as CSV
// by Excel or LibreOffice (comma, semicolon or tab; dates as they show).
// Rows it cannot read are reported with their numbers and left out.
func ReadRegister(r io.Reader) (*Filled, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxRegisterBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxRegisterBytes {
		return nil, fmt.Errorf("larger than %d MiB: not a register", MaxRegisterBytes>>20)
	}
	var rows [][]string
	sheet := "CSV"
	year := 0
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		// An OpenDocument file starts with its uncompressed mimetype.
		if bytes.Contains(data[:min(len(data), 256)], []byte("application/vnd.oasis.opendocument")) {
			return nil, fmt.Errorf("an OpenDocument file (.ods): save the register as Excel 2007-365 (.xlsx) or as CSV")
		}
		sheet, rows, year, err = workbookRows(data)
	} else {
		rows, err = csvRows(data)
		if err != nil && (len(rows) == 0 || registerLang(rows[0]) == "") {
			return nil, fmt.Errorf("not a register: neither a workbook (.xlsx) nor a CSV file with the register's columns")
		}
	}
	if err != nil {
		return nil, err
	}
	fl, err := readRows(sheet, rows)
	if err != nil {
		return nil, err
	}
	fl.Year = year
	if fl.Year == 0 {
		for _, e := range fl.Entries {
			fl.Year = max(fl.Year, e.Received.Year())
		}
	}
	return fl, nil
}

// workbookRows returns the first sheet's name and cells, raw (dates as
// serial numbers), and the year in the indicators sheet (0 if none).
//
// The workbook is read within bounds: at most limits.RegisterZipEntries
// parts declaring limits.RegisterUnzipped bytes unzipped, checked from
// the ZIP directory before anything is unzipped (a 3 MB zip bomb once
// made the reader write 3 GB to /tmp), a part that unzips to more than
// it declares is refused, and a sheet of more than limits.RegisterRows
// rows is refused as soon as its row past them is read. Only the
// register's columns are kept.
func workbookRows(data []byte) (string, [][]string, int, error) {
	f, err := xlsx.Open(bytes.NewReader(data), int64(len(data)), xlsx.Limits{
		Parts:    limits.RegisterZipEntries,
		Unzipped: limits.RegisterUnzipped,
		Rows:     MaxRegisterRows,
		Cols:     len(registerColumns),
		Cells:    MaxRegisterRows * len(registerColumns),
		Strings:  MaxRegisterRows * len(registerColumns),
	})
	if err != nil {
		return "", nil, 0, fmt.Errorf("not a register workbook: %w", err)
	}
	sheet := f.Sheets()[0]
	rows, err := f.Rows(sheet)
	if err != nil {
		return "", nil, 0, fmt.Errorf("not a register workbook: %w", err)
	}
	year := 0
	if len(rows) > 0 {
		if l := registerLang(rows[0]); l != "" {
			if ind, err := f.Rows(catalog.T(l, "reg.indicators")); err == nil && len(ind) > 0 {
				if y, err := strconv.Atoi(strings.TrimSpace(cell(ind[0], 1))); err == nil && y >= 2000 && y <= 2099 {
					year = y
				}
			}
		}
	}
	return sheet, rows, year, nil
}

// csvRows reads a register saved as CSV (see csvin for what it accepts).
func csvRows(data []byte) ([][]string, error) {
	cr, err := csvin.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, fmt.Errorf("CSV: %w", err)
		}
		if len(rows) > MaxRegisterRows+1 {
			return nil, fmt.Errorf("more than %d rows", MaxRegisterRows)
		}
		rows = append(rows, rec)
	}
}

// registerLang returns the language of a register's header row, or "" if
// the row is not one.
func registerLang(header []string) brand.Lang {
	for _, l := range brand.Langs {
		if len(header) > 0 && strings.TrimSpace(header[0]) == catalog.T(l, "reg.id") {
			return l
		}
	}
	return ""
}

// readRows reads the register from its cells, header first.
func readRows(sheet string, rows [][]string) (*Filled, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty sheet", sheet)
	}
	lang := registerLang(rows[0])
	if lang == "" {
		return nil, fmt.Errorf("%s: the first column is %q; not a register made by affiches", sheet, first(rows[0]))
	}
	for i, c := range registerColumns {
		if i >= len(rows[0]) || !isHeader(lang, c.key, rows[0][i]) {
			return nil, fmt.Errorf("%s: column %s is %q, want %q: the columns were changed", sheet, xlsx.ColName(i+1), cell(rows[0], i), catalog.T(lang, "reg."+c.key))
		}
	}
	if len(rows) > MaxRegisterRows+1 {
		return nil, fmt.Errorf("%s: more than %d rows", sheet, MaxRegisterRows)
	}
	index := map[string]int{}
	for i, c := range registerColumns {
		index[c.key] = i
	}
	monthFirst, err := dateOrder(rows, sheet)
	if err != nil {
		return nil, err
	}
	var entries []Entry
	var problems []RowProblem
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
				t, err := parseCellDate(s, monthFirst)
				if err != nil {
					report(key, err.Error())
				}
				*dst = t
			}
		}
		if e.Received.IsZero() && !bad {
			report("received", "missing: every case has a date of receipt")
		}
		for key, dst := range map[string]*string{"channel": &e.Channel, "type": &e.Type, "admissible": &e.Admissible, "category": &e.Category, "outcome": &e.Outcome, "second_line": &e.SecondLine} {
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
	return &Filled{Entries: entries, Lang: lang, Problems: problems}, nil
}

// sortProblems orders problems by row, then column. (It was an insertion
// sort: quadratic, seconds for a register of 10 000 bad rows.)
func sortProblems(ps []RowProblem) {
	sort.SliceStable(ps, func(i, j int) bool {
		return ps[i].Row < ps[j].Row || ps[i].Row == ps[j].Row && ps[i].Column < ps[j].Column
	})
}

// Report writes problems one a line, each prefixed, at most
// limits.RowProblems of them and then how many more there are: the
// message for 10 000 bad rows stays a screen, and is built in linear time
// (it was concatenated in a loop, 147 s).
func Report(prefix string, ps []RowProblem) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d rows could not be read and were not counted:", len(ps))
	for i, p := range ps {
		if i == limits.RowProblems {
			fmt.Fprintf(&b, "\n  … and %d more", len(ps)-i)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(prefix)
		b.WriteString(p.String())
	}
	return b.String()
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

// listKey returns the key of a list value as the register shows it, or as
// an earlier version of affiches wrote it (legacyValues).
func listKey(l brand.Lang, list, value string) (string, bool) {
	for _, item := range Lists[list] {
		if strings.EqualFold(catalog.T(l, "list."+list+"."+item), value) {
			return item, true
		}
	}
	for _, old := range legacyValues[l] {
		if old.key == "list."+list && strings.EqualFold(old.text, strings.TrimSpace(value)) {
			return old.item, true
		}
	}
	return "", false
}

// isHeader reports whether s is the register column key's header, as this
// version or an earlier one wrote it.
func isHeader(l brand.Lang, key, s string) bool {
	s = strings.TrimSpace(s)
	if s == catalog.T(l, "reg."+key) {
		return true
	}
	for _, old := range legacyValues[l] {
		if old.key == "reg" && old.item == key && old.text == s {
			return true
		}
	}
	return false
}

// legacyValues are headers and list values earlier versions wrote, so that
// a register started with one is still read: key is "reg" (a header) or
// "list.<name>", item the column or the value's key.
var legacyValues = map[brand.Lang][]struct{ key, item, text string }{
	brand.FR: {
		{"reg", "days", "Jours de traitement"},
		{"list.category", "staff", "comportement du personnel"},
		{"list.category", "quality", "qualité du produit ou du service"},
		{"list.category", "procedure", "traitement du dossier (procédure)"},
		{"list.category", "complaint-handling", "traitement d’une plainte"},
		{"list.type", "compliment", "félicitation"},
	},
	brand.NL: {
		{"list.category", "staff", "gedrag van het personeel"},
		{"list.category", "quality", "kwaliteit van het product of de dienst"},
		{"list.category", "procedure", "behandeling van het dossier (procedure)"},
	},
	brand.DE: {
		{"reg", "ack_sent", "Empfangsbestätigung gesendet am"},
		{"reg", "second_line", "An die zweite Instanz verwiesen"},
		{"reg", "days", "Bearbeitungstage"},
		{"list.category", "staff", "Verhalten des Personals"},
		{"list.category", "quality", "Qualität des Produkts oder der Dienstleistung"},
		{"list.category", "procedure", "Bearbeitung der Akte (Verfahren)"},
		{"list.category", "complaint-handling", "Bearbeitung einer Beschwerde"},
	},
	brand.EN: {
		{"reg", "days", "Processing days"},
		{"list.category", "staff", "staff behaviour"},
		{"list.category", "quality", "quality of the product or service"},
		{"list.category", "procedure", "handling of the file (procedure)"},
		{"list.outcome", "founded", "founded"},
		{"list.outcome", "partly-founded", "partly founded"},
	},
}

// parseCellDate reads a date cell: a spreadsheet serial number, an ISO
// date, or a date as a spreadsheet shows it, day first unless the file's
// dates are month first (see dateOrder).
func parseCellDate(s string, monthFirst bool) (time.Time, error) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if v < 1 || v > 2958465 {
			return time.Time{}, fmt.Errorf("%q is not a date", s)
		}
		return day(xlsx.Date(v)), nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if m := shownDate().FindStringSubmatch(s); m != nil {
		d, mo := m[1], m[2]
		if monthFirst {
			d, mo = mo, d
		}
		if t, err := time.Parse("2-1-2006", d+"-"+mo+"-"+m[3]); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (write it as 20/11/2026)", s)
}

// shownDate is a date as spreadsheets show it: 20/11/2026, 20-11-2026,
// 20.11.2026, or month first.
var shownDate = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`) })

// dateOrder tells whether the register's dates are month first. The
// register shows dates day first, as Belgian spreadsheets do, but a CSV
// saved by a program set to US English writes them month first (01/20/2026).
// A date whose first number is past 12 proves day first, one whose second
// number is, month first; a file with both is refused, and one with
// neither is read day first.
func dateOrder(rows [][]string, sheet string) (monthFirst bool, err error) {
	var dayRow, monthRow int
	var dayCell, monthCell string
	for n, row := range rows[1:] {
		for i, c := range registerColumns {
			if c.kind != dateCol && c.kind != formulaCol {
				continue
			}
			m := shownDate().FindStringSubmatch(strings.TrimSpace(cell(row, i)))
			if m == nil {
				continue
			}
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			switch {
			case a > 12 && b > 12:
				// Not a date either way; the row reports it.
			case a > 12 && dayRow == 0:
				dayRow, dayCell = n+2, m[0]
			case b > 12 && monthRow == 0:
				monthRow, monthCell = n+2, m[0]
			}
		}
	}
	if dayRow > 0 && monthRow > 0 {
		return false, fmt.Errorf("%s: dates are written day first (row %d: %s) and month first (row %d: %s): save the register with one date format", sheet, dayRow, dayCell, monthRow, monthCell)
	}
	return monthRow > 0, nil
}

// Indicators are the yearly figures BOSA collects from federal bodies:
// complaints by channel, information requests, suggestions and
// compliments apart, admissible and (partly) well-founded complaints by
// BOSA's four subject categories, and how they were handled.
type Indicators struct {
	Year        int
	Received    int
	ByChannel   []int // in the order of Lists["channel"]
	Info        int
	Suggestions int
	Compliments int
	Admissible  int
	Founded     int
	FoundedBy   []int // in the order of Lists["category"]
	InProgress  int
	AvgDays     float64 // NaN when no complaint was answered
	OnTime      float64 // share, NaN when no complaint was answered
	Actions     int
	SecondLine  int
}

// Compute works the indicators of a year out of a register's entries, the
// same way as the indicators sheet's formulas; a reply is due the
// profile's reply days after receipt, moved to the body's next working day.
func Compute(entries []Entry, year int, o *brand.Org) Indicators {
	in := Indicators{Year: year, ByChannel: make([]int, len(Lists["channel"])), FoundedBy: make([]int, len(Lists["category"])), AvgDays: math.NaN(), OnTime: math.NaN()}
	var days, onTime, answered float64
	for _, e := range entries {
		if e.Received.Year() != year {
			continue
		}
		switch e.Type {
		case "information":
			in.Info++
		case "suggestion":
			in.Suggestions++
		case "compliment":
			in.Compliments++
		}
		if e.Type != "complaint" {
			continue
		}
		in.Received++
		for i, c := range Lists["channel"] {
			if e.Channel == c {
				in.ByChannel[i]++
			}
		}
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
			if !e.ReplySent.After(ReplyDue(o, e.Received)) {
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

// indicatorLine is one line of the indicators: its label, and its value as
// a count, days or a share.
type indicatorLine struct {
	label string
	count int
	value float64 // days or share, NaN when none
	kind  string  // "", "days", "share"
}

func (in Indicators) lines(l brand.Lang) []indicatorLine {
	T := func(k string) string { return catalog.T(l, k) }
	of := func(list, key string) string {
		return catalog.T(l, "ind.of_which", "item", T("list."+list+"."+key))
	}
	out := []indicatorLine{{label: T("ind.received"), count: in.Received}}
	for i, c := range Lists["channel"] {
		out = append(out, indicatorLine{label: of("channel", c), count: in.ByChannel[i]})
	}
	out = append(out,
		indicatorLine{label: T("ind.info"), count: in.Info},
		indicatorLine{label: T("ind.suggestions"), count: in.Suggestions},
		indicatorLine{label: T("ind.compliments"), count: in.Compliments},
		indicatorLine{label: T("ind.admissible"), count: in.Admissible},
		indicatorLine{label: T("ind.founded"), count: in.Founded})
	for i, c := range Lists["category"] {
		out = append(out, indicatorLine{label: of("category", c), count: in.FoundedBy[i]})
	}
	return append(out,
		indicatorLine{label: T("ind.in_progress"), count: in.InProgress},
		indicatorLine{label: T("ind.avg_days"), value: in.AvgDays, kind: "days"},
		indicatorLine{label: T("ind.on_time"), value: in.OnTime, kind: "share"},
		indicatorLine{label: T("ind.actions"), count: in.Actions},
		indicatorLine{label: T("ind.second_line"), count: in.SecondLine})
}

// Lines returns the indicators as label and value, in the sheet's order,
// numbers written the way l writes them (23,0; 67 %).
func (in Indicators) Lines(l brand.Lang) [][2]string {
	var out [][2]string
	for _, line := range in.lines(l) {
		v := catalog.Number(l, float64(line.count), 0)
		switch {
		case line.kind != "" && math.IsNaN(line.value):
			v = "–"
		case line.kind == "days":
			v = catalog.Number(l, line.value, 1)
		case line.kind == "share":
			v = catalog.Percent(l, line.value, 0)
		}
		out = append(out, [2]string{line.label, v})
	}
	return out
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

// WriteCSV writes the indicators as CSV that Excel set up for Belgium
// opens as it is: UTF-8 with a byte-order mark, semicolons, CRLF, numbers
// with a decimal comma and no thousands separator, the share in percent.
func (in Indicators) WriteCSV(w io.Writer, l brand.Lang) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	cw.Comma = ';'
	cw.UseCRLF = true
	cw.Write([]string{catalog.T(l, "ind.indicator"), catalog.T(l, "ind.value")})
	for _, line := range in.lines(l) {
		v := strconv.Itoa(line.count)
		switch {
		case line.kind != "" && math.IsNaN(line.value):
			v = ""
		case line.kind == "days":
			v = strings.Replace(strconv.FormatFloat(line.value, 'f', 1, 64), ".", ",", 1)
		case line.kind == "share":
			v = strings.Replace(strconv.FormatFloat(line.value*100, 'f', 1, 64), ".", ",", 1)
			line.label += " (%)"
		}
		cw.Write([]string{line.label, v})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
