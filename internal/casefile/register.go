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
	{"language", textCol, ""}, {"representative", textCol, ""}, {"service", textCol, ""}, {"facts", textCol, ""},
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

	// The lists: one column each, the holidays last (for WORKDAY).
	listCols := map[string]string{}
	names := []string{"channel", "type", "admissible", "category", "outcome", "yesno"}
	for i, name := range names {
		c, _ := excelize.ColumnNumberToName(i + 1)
		listCols[name] = c
		f.SetCellValue(lists, c+"1", name)
		for j, item := range Lists[name] {
			f.SetCellValue(lists, fmt.Sprintf("%s%d", c, j+2), T("list."+name+"."+item))
		}
		f.SetColWidth(lists, c, c, 30)
	}
	hc, _ := excelize.ColumnNumberToName(len(names) + 1)
	f.SetCellValue(lists, hc+"1", "holidays")
	row := 2
	for y := year - 1; y <= year+5; y++ {
		for _, h := range Holidays(y) {
			f.SetCellValue(lists, fmt.Sprintf("%s%d", hc, row), h)
			f.SetCellStyle(lists, fmt.Sprintf("%s%d", hc, row), fmt.Sprintf("%s%d", hc, row), date)
			row++
		}
	}
	holidays := fmt.Sprintf("%s!$%s$2:$%s$%d", lists, hc, hc, row-1)

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
			dv.SetError(excelize.DataValidationErrorStyleStop, T("reg."+c.key), dateFormat(l))
			if err := f.AddDataValidation(reg, dv); err != nil {
				return err
			}
		case listCol:
			lc := listCols[c.list]
			dv := excelize.NewDataValidation(true)
			dv.Sqref = rng
			dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$2:$%s$%d", lists, lc, lc, len(Lists[c.list])+1))
			dv.SetError(excelize.DataValidationErrorStyleStop, T("reg."+c.key), strings.Join(listValues(l, c.list), ", "))
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

	// The indicators: the year in B1, one formula a line.
	f.SetCellValue(ind, "A1", T("reg.year"))
	f.SetCellValue(ind, "B1", year)
	f.SetCellStyle(ind, "A1", "B1", header)
	f.SetColWidth(ind, "A", "A", 62)
	f.SetColWidth(ind, "B", "B", 14)
	for i, it := range indicatorFormulas(l, reg) {
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
// the register; `affiches indicators` computes the same in Go.
func indicatorFormulas(l brand.Lang, reg string) []indicatorFormula {
	T := func(k string) string { return catalog.T(l, k) }
	col := func(key string) string {
		c := colName(key)
		return fmt.Sprintf("%s!$%s$2:$%s$%d", reg, c, c, RegisterRows+1)
	}
	v := func(list, item string) string { return `"` + catalog.T(l, "list."+list+"."+item) + `"` }
	year := fmt.Sprintf(`%s,">="&DATE($B$1,1,1),%s,"<="&DATE($B$1,12,31)`, col("received"), col("received"))
	complaints := year + "," + col("type") + "," + v("type", "complaint")
	founded := func(extra string) string {
		return fmt.Sprintf("COUNTIFS(%s,%s,%s%s)+COUNTIFS(%s,%s,%s%s)", complaints, col("outcome"), v("outcome", "founded"), extra, complaints, col("outcome"), v("outcome", "partly-founded"), extra)
	}
	out := []indicatorFormula{
		{T("ind.received"), fmt.Sprintf("COUNTIFS(%s)", complaints), ""},
		{T("ind.info"), fmt.Sprintf("COUNTIFS(%s,%s,%s)", year, col("type"), v("type", "information")), ""},
		{T("ind.admissible"), fmt.Sprintf("COUNTIFS(%s,%s,%s)", complaints, col("admissible"), v("admissible", "yes")), ""},
		{T("ind.founded"), founded(""), ""},
	}
	for _, cat := range Lists["category"] {
		out = append(out, indicatorFormula{catalog.T(l, "ind.founded_by", "category", catalog.T(l, "list.category."+cat)), founded("," + col("category") + "," + v("category", cat)), ""})
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
