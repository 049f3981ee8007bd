package casefile

import (
	"fmt"
	"io"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/catalog"

	"github.com/xuri/excelize/v2"
)

// column is one column of the register: its label key, what it holds and,
// for closed lists, the list.
type column struct {
	key  string // reg.<key>
	kind colKind
	list string // for lists: the key of Lists
}

type colKind int

const (
	textCol colKind = iota
	dateCol
	listCol
	formulaCol
)

// registerColumns is the registration record, one column a field, then
// the two helper columns the indicators use. Its order is the file's
// contract with `affiches indicators`.
var registerColumns = []column{
	{"id", textCol, ""}, {"received", dateCol, ""}, {"channel", listCol, "channel"},
	{"name", textCol, ""}, {"address", textCol, ""}, {"email", textCol, ""}, {"phone", textCol, ""},
	{"language", listCol, "language"}, {"representative", textCol, ""}, {"service", textCol, ""}, {"facts", textCol, ""},
	{"file", textCol, ""}, {"description", textCol, ""}, {"remedy", textCol, ""}, {"attachments", textCol, ""},
	{"type", listCol, "type"}, {"admissible", listCol, "admissible"}, {"reason", textCol, ""},
	{"category", listCol, "category"}, {"handler", textCol, ""}, {"ack_sent", dateCol, ""}, {"reply_due", formulaCol, ""},
	{"reply_sent", dateCol, ""}, {"outcome", listCol, "outcome"}, {"improvement", textCol, ""},
	{"second_line", listCol, "yesno"}, {"closed", dateCol, ""}, {"days", formulaCol, ""}, {"on_time", formulaCol, ""},
}

// RegisterRows is how many rows are prepared with formulas and drop-downs.
const RegisterRows = 1000

func colName(key string) string {
	for i, c := range registerColumns {
		if c.key == key {
			n, _ := excelize.ColumnNumberToName(i + 1)
			return n
		}
	}
	panic("no register column " + key)
}

func dateFormat(l brand.Lang) string {
	switch l {
	case brand.NL:
		return "dd-mm-yyyy"
	case brand.DE:
		return "dd.mm.yyyy"
	case brand.EN:
		return "dd/mm/yyyy"
	}
	return "dd/mm/yyyy"
}

// WriteRegister writes the complaint register: a sheet with one row per
// case (drop-down lists, dates as dates, frozen headers), the lists, and an
// indicators sheet whose formulas compute the yearly indicators for the
// year in its first row.
func WriteRegister(w io.Writer, o *brand.Org, l brand.Lang, year int) error {
	T := func(k string) string { return catalog.T(l, k) }
	f := excelize.NewFile()
	defer f.Close()
	reg, lists, ind := T("reg.sheet"), T("reg.lists"), T("reg.indicators")
	if err := f.SetSheetName("Sheet1", reg); err != nil {
		return err
	}
	if _, err := f.NewSheet(ind); err != nil {
		return err
	}
	if _, err := f.NewSheet(lists); err != nil {
		return err
	}
	fixed := "2000-01-01T00:00:00Z" // a fixed date: same inputs, same bytes
	f.SetDocProps(&excelize.DocProperties{Title: T("reg.sheet") + " – " + o.Name.In(l), Creator: "affiches", Created: fixed, Modified: fixed, Language: string(l)})

	header, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fmt.Sprintf("%02X%02X%02X", o.Accent.R, o.Accent.G, o.Accent.B)}}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	date, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(dateFormat(l))})
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 9})
	one, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.0")})

	// The lists: one column each, headed like the register's column, and
	// last the days the body is closed (public holidays and its own closure
	// days), for WORKDAY.
	listCols := map[string]string{}
	names := []string{"channel", "language", "type", "admissible", "category", "outcome", "yesno"}
	heads := map[string]string{"channel": "channel", "language": "language", "type": "type", "admissible": "admissible", "category": "category", "outcome": "outcome", "yesno": "second_line"}
	for i, name := range names {
		c, _ := excelize.ColumnNumberToName(i + 1)
		listCols[name] = c
		f.SetCellValue(lists, c+"1", T("reg."+heads[name]))
		for j, item := range Lists[name] {
			f.SetCellValue(lists, fmt.Sprintf("%s%d", c, j+2), T("list."+name+"."+item))
		}
		f.SetColWidth(lists, c, c, 30)
	}
	hc, _ := excelize.ColumnNumberToName(len(names) + 1)
	f.SetCellValue(lists, hc+"1", T("reg.closure_days"))
	f.SetColWidth(lists, hc, hc, 16)
	f.SetCellStyle(lists, "A1", hc+"1", header)
	row := 2
	for y := year - 1; y <= year+5; y++ {
		for _, h := range DaysOff(o.ClosureDays, y) {
			f.SetCellValue(lists, fmt.Sprintf("%s%d", hc, row), h)
			f.SetCellStyle(lists, fmt.Sprintf("%s%d", hc, row), fmt.Sprintf("%s%d", hc, row), date)
			row++
		}
	}
	holidays := fmt.Sprintf("%s!$%s$2:$%s$%d", quoteSheet(lists), hc, hc, row-1)

	last := RegisterRows + 1
	for i, c := range registerColumns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetCellValue(reg, col+"1", T("reg."+c.key))
		width := 16.0
		if c.kind == textCol && (c.key == "description" || c.key == "remedy" || c.key == "address" || c.key == "improvement") {
			width = 36
		}
		f.SetColWidth(reg, col, col, width)
		rng := fmt.Sprintf("%s2:%s%d", col, col, last)
		switch c.kind {
		case dateCol:
			f.SetCellStyle(reg, col+"2", fmt.Sprintf("%s%d", col, last), date)
			dv := excelize.NewDataValidation(true)
			dv.Sqref = rng
			dv.SetRange(36526, 73051, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween) // 2000–2099
			dv.SetError(excelize.DataValidationErrorStyleStop, T("reg."+c.key), T("reg.date_error"))
			if err := f.AddDataValidation(reg, dv); err != nil {
				return err
			}
		case listCol:
			lc := listCols[c.list]
			dv := excelize.NewDataValidation(true)
			dv.Sqref = rng
			dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$2:$%s$%d", quoteSheet(lists), lc, lc, len(Lists[c.list])+1))
			dv.SetError(excelize.DataValidationErrorStyleStop, T("reg."+c.key), catalog.T(l, "reg.list_error", "values", strings.Join(listValues(l, c.list), ", ")))
			if err := f.AddDataValidation(reg, dv); err != nil {
				return err
			}
		}
	}
	B, V, W := colName("received"), colName("reply_due"), colName("reply_sent")
	for r := 2; r <= last; r++ {
		f.SetCellFormula(reg, fmt.Sprintf("%s%d", V, r), fmt.Sprintf(`IF(COUNT(%s%d)=0,"",WORKDAY(%s%d+%d-1,1,%s))`, B, r, B, r, o.Complaint.ReplyDays, holidays))
		f.SetCellFormula(reg, fmt.Sprintf("%s%d", colName("days"), r), fmt.Sprintf(`IF(COUNT(%s%d,%s%d)<2,"",%s%d-%s%d)`, B, r, W, r, W, r, B, r))
		f.SetCellFormula(reg, fmt.Sprintf("%s%d", colName("on_time"), r), fmt.Sprintf(`IF(COUNT(%s%d,%s%d)<2,"",IF(%s%d<=%s%d,1,0))`, W, r, V, r, W, r, V, r))
	}
	f.SetCellStyle(reg, V+"2", fmt.Sprintf("%s%d", V, last), date)
	endCol, _ := excelize.ColumnNumberToName(len(registerColumns))
	f.SetCellStyle(reg, "A1", endCol+"1", header)
	f.SetRowHeight(reg, 1, 32)
	if err := f.SetPanes(reg, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	f.AutoFilter(reg, "A1:"+endCol+"1", nil)
	// Printed on A4 landscape, one page wide is too small for 29 columns:
	// pages follow across, each with the header row.
	if err := f.SetPageLayout(reg, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr("landscape"), PageOrder: ptr("overThenDown")}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(reg) + "!$1:$1", Scope: reg}); err != nil {
		return err
	}
	for _, sh := range []string{ind, lists} {
		if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr("portrait")}); err != nil {
			return err
		}
	}

	// The indicators: the year in B1, one formula a line.
	f.SetCellValue(ind, "A1", T("reg.year"))
	f.SetCellValue(ind, "B1", year)
	f.SetCellStyle(ind, "A1", "B1", header)
	f.SetColWidth(ind, "A", "A", 62)
	f.SetColWidth(ind, "B", "B", 14)
	for i, it := range indicatorFormulas(l, quoteSheet(reg)) {
		r := i + 3
		f.SetCellValue(ind, fmt.Sprintf("A%d", r), it.label)
		f.SetCellFormula(ind, fmt.Sprintf("B%d", r), it.formula)
		switch it.format {
		case "pct":
			f.SetCellStyle(ind, fmt.Sprintf("B%d", r), fmt.Sprintf("B%d", r), pct)
		case "one":
			f.SetCellStyle(ind, fmt.Sprintf("B%d", r), fmt.Sprintf("B%d", r), one)
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func ptr[T any](v T) *T { return &v }

func listValues(l brand.Lang, list string) []string {
	var out []string
	for _, item := range Lists[list] {
		out = append(out, catalog.T(l, "list."+list+"."+item))
	}
	return out
}

type indicatorFormula struct {
	label, formula, format string
}

// indicatorFormulas are the yearly indicators as spreadsheet formulas over
// the register, in the order of Indicators.Lines; `affiches indicators`
// computes the same in Go.
func indicatorFormulas(l brand.Lang, reg string) []indicatorFormula {
	T := func(k string) string { return catalog.T(l, k) }
	col := func(key string) string {
		c := colName(key)
		return fmt.Sprintf("%s!$%s$2:$%s$%d", reg, c, c, RegisterRows+1)
	}
	v := func(list, item string) string { return `"` + catalog.T(l, "list."+list+"."+item) + `"` }
	of := func(list, item string) string {
		return catalog.T(l, "ind.of_which", "item", catalog.T(l, "list."+list+"."+item))
	}
	year := fmt.Sprintf(`%s,">="&DATE($B$1,1,1),%s,"<="&DATE($B$1,12,31)`, col("received"), col("received"))
	ofType := func(t string) string { return year + "," + col("type") + "," + v("type", t) }
	complaints := ofType("complaint")
	founded := func(extra string) string {
		return fmt.Sprintf("COUNTIFS(%s,%s,%s%s)+COUNTIFS(%s,%s,%s%s)", complaints, col("outcome"), v("outcome", "founded"), extra, complaints, col("outcome"), v("outcome", "partly-founded"), extra)
	}
	out := []indicatorFormula{{T("ind.received"), fmt.Sprintf("COUNTIFS(%s)", complaints), ""}}
	for _, ch := range Lists["channel"] {
		out = append(out, indicatorFormula{of("channel", ch), fmt.Sprintf("COUNTIFS(%s,%s,%s)", complaints, col("channel"), v("channel", ch)), ""})
	}
	out = append(out,
		indicatorFormula{T("ind.info"), fmt.Sprintf("COUNTIFS(%s)", ofType("information")), ""},
		indicatorFormula{T("ind.suggestions"), fmt.Sprintf("COUNTIFS(%s)", ofType("suggestion")), ""},
		indicatorFormula{T("ind.compliments"), fmt.Sprintf("COUNTIFS(%s)", ofType("compliment")), ""},
		indicatorFormula{T("ind.admissible"), fmt.Sprintf("COUNTIFS(%s,%s,%s)", complaints, col("admissible"), v("admissible", "yes")), ""},
		indicatorFormula{T("ind.founded"), founded(""), ""},
	)
	for _, cat := range Lists["category"] {
		out = append(out, indicatorFormula{of("category", cat), founded("," + col("category") + "," + v("category", cat)), ""})
	}
	out = append(out,
		// Open complaints: received minus closed (a criterion matching
		// blank cells is read differently by spreadsheet programs).
		indicatorFormula{T("ind.in_progress"), fmt.Sprintf(`COUNTIFS(%s)-COUNTIFS(%s,%s,"<>")`, complaints, complaints, col("closed")), ""},
		indicatorFormula{T("ind.avg_days"), fmt.Sprintf(`IFERROR(AVERAGEIFS(%s,%s),"")`, col("days"), complaints), "one"},
		indicatorFormula{T("ind.on_time"), fmt.Sprintf(`IFERROR(AVERAGEIFS(%s,%s),"")`, col("on_time"), complaints), "pct"},
		indicatorFormula{T("ind.actions"), fmt.Sprintf(`COUNTIFS(%s,%s,"<>")`, complaints, col("improvement")), ""},
		indicatorFormula{T("ind.second_line"), fmt.Sprintf(`COUNTIFS(%s,%s,%s)`, complaints, col("second_line"), v("yesno", "yes")), ""},
	)
	return out
}

// quoteSheet quotes a sheet name for a formula when it needs it.
func quoteSheet(name string) string {
	for _, r := range name {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return "'" + strings.ReplaceAll(name, "'", "''") + "'"
		}
	}
	return name
}
