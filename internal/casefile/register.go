package casefile

import (
	"fmt"
	"io"
	"strings"
	"time"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/xlsx"
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

// colNumber returns the number of a register column, from 1.
func colNumber(key string) int {
	for i, c := range registerColumns {
		if c.key == key {
			return i + 1
		}
	}
	panic("no register column " + key)
}

// colName returns the letters of a register column.
func colName(key string) string { return xlsx.ColName(colNumber(key)) }

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
	return register(o, l, year).Write(w)
}

// register builds the register's workbook.
func register(o *brand.Org, l brand.Lang, year int) *xlsx.Workbook {
	T := func(k string) string { return catalog.T(l, k) }
	wb := &xlsx.Workbook{
		Title:    T("reg.sheet") + " – " + o.Name.In(l),
		Creator:  "affiches",
		Language: string(l),
		Created:  time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), // a fixed date: same inputs, same bytes
	}
	reg, ind, lists := wb.AddSheet(T("reg.sheet")), wb.AddSheet(T("reg.indicators")), wb.AddSheet(T("reg.lists"))

	header := xlsx.Style{Bold: true, Color: "FFFFFF", Fill: fmt.Sprintf("%02X%02X%02X", o.Accent.R, o.Accent.G, o.Accent.B), Wrap: true, VAlign: "top"}
	date := xlsx.Style{NumFmt: dateFormat(l)}
	pct := xlsx.Style{NumFmt: "0%"}
	one := xlsx.Style{NumFmt: "0.0"}
	cell := func(col, row int) xlsx.Ref { return xlsx.Ref{Col: col, Row: row} }
	span := func(col1, row1, col2, row2 int) xlsx.Range {
		return xlsx.Range{From: cell(col1, row1), To: cell(col2, row2)}
	}

	// The lists: one column each, headed like the register's column, and
	// last the days the body is closed (public holidays and its own closure
	// days), for WORKDAY.
	listCols := map[string]string{}
	names := []string{"channel", "language", "type", "admissible", "category", "outcome", "yesno"}
	heads := map[string]string{"channel": "channel", "language": "language", "type": "type", "admissible": "admissible", "category": "category", "outcome": "outcome", "yesno": "second_line"}
	for i, name := range names {
		listCols[name] = xlsx.ColName(i + 1)
		lists.SetString(cell(i+1, 1), T("reg."+heads[name]))
		for j, item := range Lists[name] {
			lists.SetString(cell(i+1, j+2), T("list."+name+"."+item))
		}
		lists.SetColWidth(i+1, i+1, 30)
	}
	h := len(names) + 1
	hc := xlsx.ColName(h)
	lists.SetString(cell(h, 1), T("reg.closure_days"))
	lists.SetColWidth(h, h, 16)
	lists.SetStyle(span(1, 1, h, 1), header)
	row := 2
	for y := year - 1; y <= year+5; y++ {
		for _, d := range DaysOff(o.ClosureDays, y) {
			lists.SetDate(cell(h, row), d)
			lists.SetStyle(span(h, row, h, row), date)
			row++
		}
	}
	holidays := fmt.Sprintf("%s!$%s$2:$%s$%d", xlsx.Quote(lists.Name()), hc, hc, row-1)

	last := RegisterRows + 1
	for i, c := range registerColumns {
		col := i + 1
		reg.SetString(cell(col, 1), T("reg."+c.key))
		width := 16.0
		if c.kind == textCol && (c.key == "description" || c.key == "remedy" || c.key == "address" || c.key == "improvement") {
			width = 36
		}
		reg.SetColWidth(col, col, width)
		rng := span(col, 2, col, last)
		switch c.kind {
		case dateCol:
			reg.SetStyle(rng, date)
			reg.AddValidation(xlsx.Validation{
				Range: rng, Type: "date", Operator: "between", Formula1: "36526", Formula2: "73051", // 2000–2099
				AllowBlank: true, ErrorTitle: clip(T("reg."+c.key), 32), Error: T("reg.date_error"),
			})
		case listCol:
			lc := listCols[c.list]
			reg.AddValidation(xlsx.Validation{
				Range: rng, Type: "list", Formula1: fmt.Sprintf("%s!$%s$2:$%s$%d", xlsx.Quote(lists.Name()), lc, lc, len(Lists[c.list])+1),
				AllowBlank: true, ErrorTitle: clip(T("reg."+c.key), 32), Error: catalog.T(l, "reg.list_error", "values", strings.Join(listValues(l, c.list), ", ")),
			})
		}
	}
	B, V, W := colName("received"), colName("reply_due"), colName("reply_sent")
	for r := 2; r <= last; r++ {
		reg.SetFormula(cell(colNumber("reply_due"), r), fmt.Sprintf(`IF(COUNT(%s%d)=0,"",WORKDAY(%s%d+%d-1,1,%s))`, B, r, B, r, o.Complaint.ReplyDays, holidays))
		reg.SetFormula(cell(colNumber("days"), r), fmt.Sprintf(`IF(COUNT(%s%d,%s%d)<2,"",%s%d-%s%d)`, B, r, W, r, W, r, B, r))
		reg.SetFormula(cell(colNumber("on_time"), r), fmt.Sprintf(`IF(COUNT(%s%d,%s%d)<2,"",IF(%s%d<=%s%d,1,0))`, W, r, V, r, W, r, V, r))
	}
	reg.SetStyle(span(colNumber("reply_due"), 2, colNumber("reply_due"), last), date)
	end := len(registerColumns)
	reg.SetStyle(span(1, 1, end, 1), header)
	reg.SetRowHeight(1, 32)
	reg.Freeze(1, 1)
	reg.SetAutoFilter(span(1, 1, end, 1))
	// Printed on A4 landscape, one page wide is too small for 29 columns:
	// pages follow across, each with the header row.
	reg.SetPage(xlsx.Page{Paper: xlsx.A4, Landscape: true, OverThenDown: true})
	reg.RepeatRows(1, 1)
	ind.SetPage(xlsx.Page{Paper: xlsx.A4})
	lists.SetPage(xlsx.Page{Paper: xlsx.A4})

	// The indicators: the year in B1, one formula a line.
	ind.SetString(cell(1, 1), T("reg.year"))
	ind.SetNumber(cell(2, 1), float64(year))
	ind.SetStyle(span(1, 1, 2, 1), header)
	ind.SetColWidth(1, 1, 62)
	ind.SetColWidth(2, 2, 14)
	for i, it := range indicatorFormulas(l, xlsx.Quote(reg.Name())) {
		r := i + 3
		ind.SetString(cell(1, r), it.label)
		ind.SetFormula(cell(2, r), it.formula)
		switch it.format {
		case "pct":
			ind.SetStyle(span(2, r, 2, r), pct)
		case "one":
			ind.SetStyle(span(2, r, 2, r), one)
		}
	}
	return wb
}

// clip shortens s to n characters, the last an ellipsis, when it is
// longer: Excel refuses a data validation's error title past 32.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

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
