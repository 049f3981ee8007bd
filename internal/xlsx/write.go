package xlsx

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A Workbook is a spreadsheet being built: its properties and sheets.
// The zero value is an empty workbook; add sheets with AddSheet.
//
// Mistakes such as a bad sheet name, a cell outside a sheet or a number
// that is not finite are kept, the first of them, and returned by Write.
type Workbook struct {
	Title    string    // the document's title
	Creator  string    // its author
	Language string    // its language, such as fr or nl-BE
	Created  time.Time // when it was made (also written as modified); zero leaves it out
	Active   int       // the sheet shown on opening, from 0

	sheets   []*Sheet
	styles   []Style // cellXfs from 1; 0 is the default
	styleIDs map[Style]int
	err      error
}

// A Sheet is one sheet of a Workbook.
type Sheet struct {
	wb          *Workbook
	name        string
	rows        []*row // rows[i] is row i+1, nil when it has nothing
	widths      map[int]float64
	freeze      Ref // columns and rows frozen
	filter      Range
	validations []Validation
	page        Page
	titleRows   [2]int
}

type row struct {
	height float64
	cells  []cell // by column
}

type cellKind uint8

const (
	blank cellKind = iota
	text
	number
	formula
	boolean
)

type cell struct {
	col   int
	kind  cellKind
	style int
	num   float64
	s     string // text or formula
}

// A Style is how cells look. Its zero value is the default look.
type Style struct {
	Bold   bool
	Color  string // text colour as RRGGBB hex; "" is automatic
	Fill   string // solid background colour as RRGGBB hex; "" is none
	Wrap   bool   // wrap the text on several lines
	VAlign string // vertical alignment: "top", "center" or "" (bottom)
	// NumFmt is the number format, such as "dd/mm/yyyy", "0.0" or "0%";
	// "" is General.
	NumFmt string
}

// A Validation restricts what may be typed in a range of cells, and with
// Type "list" offers the allowed values in a drop-down list.
type Validation struct {
	Range Range
	// Type is "list" (Formula1 is a range holding the values, such as
	// Lists!$A$2:$A$6), "date", "whole", "decimal", "time",
	// "textLength" or "custom".
	Type string
	// Operator compares the value with Formula1 (and Formula2): "between"
	// (the default), "notBetween", "equal", "notEqual", "lessThan",
	// "lessThanOrEqual", "greaterThan" or "greaterThanOrEqual".
	Operator           string
	Formula1, Formula2 string
	AllowBlank         bool
	// ErrorTitle (at most 32 characters) and Error (at most 255) are
	// shown when a value is refused; Excel reports a file with longer
	// ones as damaged, so Write refuses them.
	ErrorTitle, Error string
}

// Page is how a sheet prints.
type Page struct {
	Paper        int  // paper size code: A4 (9), Letter (1); 0 leaves it to the program
	Landscape    bool // landscape rather than portrait
	OverThenDown bool // number the pages across, then down, rather than down, then across
}

// Paper sizes for Page.Paper.
const (
	Letter = 1
	A4     = 9
)

// Excel's limits on texts it stores, in UTF-16 code units.
const (
	maxCellText   = 32767
	maxErrorTitle = 32
	maxError      = 255
	maxFormula    = 8192
	maxSheetName  = 31
)

func (wb *Workbook) fail(format string, args ...any) {
	if wb.err == nil {
		wb.err = fmt.Errorf(format, args...)
	}
}

// AddSheet adds a sheet at the end of the workbook. A name has 1 to 31
// characters, none of : \ / ? * [ ], does not start or end with an
// apostrophe and is not another sheet's, in any case.
func (wb *Workbook) AddSheet(name string) *Sheet {
	switch {
	case name == "" || utf16Len(name) > maxSheetName:
		wb.fail("sheet name %q: 1 to %d characters", name, maxSheetName)
	case strings.ContainsAny(name, `:\/?*[]`) || strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		wb.fail("sheet name %q: none of : \\ / ? * [ ], and no apostrophe first or last", name)
	case wb.Sheet(name) != nil:
		wb.fail("sheet name %q: two sheets of that name", name)
	}
	for _, r := range name {
		if r < 0x20 {
			wb.fail("sheet name %q: a control character", name)
			break
		}
	}
	sh := &Sheet{wb: wb, name: name, widths: map[int]float64{}}
	wb.sheets = append(wb.sheets, sh)
	return sh
}

// Sheet returns the sheet of that name (in any case), or nil.
func (wb *Workbook) Sheet(name string) *Sheet {
	for _, sh := range wb.sheets {
		if strings.EqualFold(sh.name, name) {
			return sh
		}
	}
	return nil
}

// Name returns the sheet's name.
func (sh *Sheet) Name() string { return sh.name }

func (sh *Sheet) cell(r Ref) *cell {
	if !r.valid() {
		sh.wb.fail("sheet %s: cell %d,%d is outside a sheet", sh.name, r.Col, r.Row)
		return &cell{}
	}
	rw := sh.row(r.Row)
	n := len(rw.cells)
	if n == 0 || rw.cells[n-1].col < r.Col { // cells are mostly set in order
		rw.cells = append(rw.cells, cell{col: r.Col})
		return &rw.cells[n]
	}
	i, found := slices.BinarySearchFunc(rw.cells, r.Col, func(c cell, col int) int { return c.col - col })
	if !found {
		rw.cells = slices.Insert(rw.cells, i, cell{col: r.Col})
	}
	return &rw.cells[i]
}

func (sh *Sheet) row(n int) *row {
	if n > len(sh.rows) {
		sh.rows = append(sh.rows, make([]*row, n-len(sh.rows))...)
	}
	if sh.rows[n-1] == nil {
		sh.rows[n-1] = &row{}
	}
	return sh.rows[n-1]
}

// SetString sets a cell's text (at most 32 767 characters).
func (sh *Sheet) SetString(r Ref, s string) {
	if utf16Len(s) > maxCellText {
		sh.wb.fail("sheet %s: cell %s: text longer than %d characters", sh.name, r, maxCellText)
	}
	c := sh.cell(r)
	c.kind, c.s = text, s
}

// SetNumber sets a cell's number, which must be finite.
func (sh *Sheet) SetNumber(r Ref, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		sh.wb.fail("sheet %s: cell %s: %v is not a number a spreadsheet holds", sh.name, r, v)
	}
	c := sh.cell(r)
	c.kind, c.num = number, v
}

// SetDate sets a cell to t's date and time as a serial number; give the
// cell a date format with SetStyle for it to show as a date.
func (sh *Sheet) SetDate(r Ref, t time.Time) { sh.SetNumber(r, Serial(t)) }

// SetBool sets a cell to TRUE or FALSE.
func (sh *Sheet) SetBool(r Ref, v bool) {
	c := sh.cell(r)
	c.kind, c.num = boolean, 0
	if v {
		c.num = 1
	}
}

// SetFormula sets a cell's formula, written without the leading =, such
// as SUM(A1:A9). Its value is left for the spreadsheet program to compute
// when it opens the file.
func (sh *Sheet) SetFormula(r Ref, f string) {
	f = strings.TrimPrefix(f, "=")
	if utf16Len(f) > maxFormula {
		sh.wb.fail("sheet %s: cell %s: formula longer than %d characters", sh.name, r, maxFormula)
	}
	c := sh.cell(r)
	c.kind, c.s = formula, f
}

// SetStyle sets the style of every cell of a range, keeping their values.
func (sh *Sheet) SetStyle(rg Range, st Style) {
	if !rg.valid() {
		sh.wb.fail("sheet %s: range %d,%d:%d,%d is not one", sh.name, rg.From.Col, rg.From.Row, rg.To.Col, rg.To.Row)
		return
	}
	id := sh.wb.styleID(st)
	for row := rg.From.Row; row <= rg.To.Row; row++ {
		for col := rg.From.Col; col <= rg.To.Col; col++ {
			sh.cell(Ref{col, row}).style = id
		}
	}
}

// SetColWidth sets the width of columns from to to, in characters.
func (sh *Sheet) SetColWidth(from, to int, width float64) {
	if from < 1 || to > MaxCols || from > to || !(width >= 0 && width <= 255) {
		sh.wb.fail("sheet %s: width %v of columns %d to %d: columns 1 to %d, widths 0 to 255", sh.name, width, from, to, MaxCols)
		return
	}
	for c := from; c <= to; c++ {
		sh.widths[c] = width
	}
}

// SetRowHeight sets a row's height, in points.
func (sh *Sheet) SetRowHeight(n int, height float64) {
	if n < 1 || n > MaxRows || !(height >= 0 && height <= 409) {
		sh.wb.fail("sheet %s: height %v of row %d: rows 1 to %d, heights 0 to 409", sh.name, height, n, MaxRows)
		return
	}
	sh.row(n).height = height
}

// Freeze keeps the first cols columns and rows rows in view when the
// rest scrolls (0, 0 unfreezes).
func (sh *Sheet) Freeze(cols, rows int) {
	if cols < 0 || rows < 0 || cols >= MaxCols || rows >= MaxRows {
		sh.wb.fail("sheet %s: freeze %d columns, %d rows", sh.name, cols, rows)
		return
	}
	sh.freeze = Ref{cols, rows}
}

// SetAutoFilter puts filter buttons on the range's first row.
func (sh *Sheet) SetAutoFilter(rg Range) {
	if !rg.valid() {
		sh.wb.fail("sheet %s: autofilter %d,%d:%d,%d is not a range", sh.name, rg.From.Col, rg.From.Row, rg.To.Col, rg.To.Row)
		return
	}
	sh.filter = rg
}

// AddValidation adds a data validation; see Validation.
func (sh *Sheet) AddValidation(v Validation) {
	switch {
	case !v.Range.valid():
		sh.wb.fail("sheet %s: validation range %d,%d:%d,%d is not one", sh.name, v.Range.From.Col, v.Range.From.Row, v.Range.To.Col, v.Range.To.Row)
	case !slices.Contains([]string{"list", "date", "whole", "decimal", "time", "textLength", "custom"}, v.Type):
		sh.wb.fail("sheet %s: validation of %s: unknown type %q", sh.name, v.Range, v.Type)
	case !slices.Contains([]string{"", "between", "notBetween", "equal", "notEqual", "lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual"}, v.Operator):
		sh.wb.fail("sheet %s: validation of %s: unknown operator %q", sh.name, v.Range, v.Operator)
	case utf16Len(v.ErrorTitle) > maxErrorTitle:
		sh.wb.fail("sheet %s: validation of %s: error title %q is longer than %d characters", sh.name, v.Range, v.ErrorTitle, maxErrorTitle)
	case utf16Len(v.Error) > maxError:
		sh.wb.fail("sheet %s: validation of %s: error message is longer than %d characters", sh.name, v.Range, maxError)
	case utf16Len(v.Formula1) > 255 || utf16Len(v.Formula2) > 255:
		sh.wb.fail("sheet %s: validation of %s: a formula is longer than 255 characters", sh.name, v.Range)
	}
	sh.validations = append(sh.validations, v)
}

// SetPage sets how the sheet prints.
func (sh *Sheet) SetPage(p Page) {
	if p.Paper < 0 || p.Paper > 118 {
		sh.wb.fail("sheet %s: paper size %d", sh.name, p.Paper)
	}
	sh.page = p
}

// RepeatRows prints rows from to to at the top of every printed page.
func (sh *Sheet) RepeatRows(from, to int) {
	if from < 1 || to > MaxRows || from > to {
		sh.wb.fail("sheet %s: repeat rows %d to %d", sh.name, from, to)
		return
	}
	sh.titleRows = [2]int{from, to}
}

func (wb *Workbook) styleID(st Style) int {
	if st == (Style{}) {
		return 0
	}
	for _, c := range []string{st.Color, st.Fill} {
		if c != "" && !isRGB(c) {
			wb.fail("style: colour %q is not RRGGBB", c)
		}
	}
	if !slices.Contains([]string{"", "top", "center", "bottom"}, st.VAlign) {
		wb.fail("style: vertical alignment %q is not top, center or bottom", st.VAlign)
	}
	if id, ok := wb.styleIDs[st]; ok {
		return id
	}
	if wb.styleIDs == nil {
		wb.styleIDs = map[Style]int{}
	}
	wb.styles = append(wb.styles, st)
	wb.styleIDs[st] = len(wb.styles)
	return len(wb.styles)
}

func isRGB(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := range len(s) {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

// modified is the time every part of the ZIP file carries: a fixed one,
// so that the same workbook gives the same bytes.
var modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes the workbook as an .xlsx file, or returns the first
// mistake made building it.
func (wb *Workbook) Write(w io.Writer) error {
	if wb.err != nil {
		return wb.err
	}
	if len(wb.sheets) == 0 {
		return errors.New("a workbook needs a sheet")
	}
	if wb.Active < 0 || wb.Active >= len(wb.sheets) {
		return fmt.Errorf("active sheet %d of %d", wb.Active, len(wb.sheets))
	}
	zw := zip.NewWriter(w)
	bw := bufio.NewWriterSize(nil, 32<<10)
	part := func(name string, write func(xmlWriter)) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		bw.Reset(f)
		x := xmlWriter{bw}
		x.raw(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
		write(x)
		return bw.Flush()
	}
	parts := []struct {
		name  string
		write func(xmlWriter)
	}{
		{"[Content_Types].xml", wb.contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", wb.core},
		{"docProps/app.xml", wb.app},
		{"xl/workbook.xml", wb.workbook},
		{"xl/_rels/workbook.xml.rels", wb.workbookRels},
		{"xl/styles.xml", wb.stylesheet},
	}
	for i, sh := range wb.sheets {
		parts = append(parts, struct {
			name  string
			write func(xmlWriter)
		}{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), func(x xmlWriter) { sh.write(x, i == wb.Active) }})
	}
	for _, p := range parts {
		if err := part(p.name, p.write); err != nil {
			return err
		}
	}
	return zw.Close()
}

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg  = "http://schemas.openxmlformats.org/package/2006/relationships"
	ctSML  = "application/vnd.openxmlformats-officedocument.spreadsheetml."
)

func (wb *Workbook) contentTypes(x xmlWriter) {
	x.raw(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	x.raw(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	x.raw(`<Default Extension="xml" ContentType="application/xml"/>`)
	x.raw(`<Override PartName="/xl/workbook.xml" ContentType="` + ctSML + `sheet.main+xml"/>`)
	for i := range wb.sheets {
		x.raw(`<Override PartName="/xl/worksheets/sheet` + strconv.Itoa(i+1) + `.xml" ContentType="` + ctSML + `worksheet+xml"/>`)
	}
	x.raw(`<Override PartName="/xl/styles.xml" ContentType="` + ctSML + `styles+xml"/>`)
	x.raw(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	x.raw(`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	x.raw(`</Types>`)
}

func rootRels(x xmlWriter) {
	x.raw(`<Relationships xmlns="` + nsPkg + `">`)
	x.raw(`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/>`)
	x.raw(`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`)
	x.raw(`<Relationship Id="rId3" Type="` + nsRel + `/extended-properties" Target="docProps/app.xml"/>`)
	x.raw(`</Relationships>`)
}

func (wb *Workbook) core(x xmlWriter) {
	x.raw(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem := func(name, v string) {
		if v != "" {
			x.raw("<" + name + ">")
			x.text(v)
			x.raw("</" + name + ">")
		}
	}
	elem("dc:title", wb.Title)
	elem("dc:creator", wb.Creator)
	elem("dc:language", wb.Language)
	if !wb.Created.IsZero() {
		t := wb.Created.UTC().Format("2006-01-02T15:04:05Z")
		x.raw(`<dcterms:created xsi:type="dcterms:W3CDTF">` + t + `</dcterms:created>`)
		x.raw(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + t + `</dcterms:modified>`)
	}
	x.raw(`</cp:coreProperties>`)
}

func (wb *Workbook) app(x xmlWriter) {
	x.raw(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>affiches</Application></Properties>`)
}

func (wb *Workbook) workbook(x xmlWriter) {
	x.raw(`<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	x.raw(`<workbookPr/><bookViews><workbookView activeTab="` + strconv.Itoa(wb.Active) + `"/></bookViews><sheets>`)
	for i, sh := range wb.sheets {
		x.raw(`<sheet name="`)
		x.attr(sh.name)
		x.raw(`" sheetId="` + strconv.Itoa(i+1) + `" r:id="rId` + strconv.Itoa(i+1) + `"/>`)
	}
	x.raw(`</sheets>`)
	type name struct {
		name   string
		sheet  int
		hidden bool
		ref    string
	}
	var names []name
	for i, sh := range wb.sheets {
		if sh.filter != (Range{}) {
			names = append(names, name{"_xlnm._FilterDatabase", i, true, Quote(sh.name) + "!" + sh.filter.Abs()})
		}
		if sh.titleRows != [2]int{} {
			names = append(names, name{"_xlnm.Print_Titles", i, false, fmt.Sprintf("%s!$%d:$%d", Quote(sh.name), sh.titleRows[0], sh.titleRows[1])})
		}
	}
	if len(names) > 0 {
		x.raw(`<definedNames>`)
		for _, n := range names {
			x.raw(`<definedName name="` + n.name + `" localSheetId="` + strconv.Itoa(n.sheet) + `"`)
			if n.hidden {
				x.raw(` hidden="1"`)
			}
			x.raw(`>`)
			x.text(n.ref)
			x.raw(`</definedName>`)
		}
		x.raw(`</definedNames>`)
	}
	// fullCalcOnLoad: the formulas have no cached values; Excel and
	// LibreOffice compute them all on opening.
	x.raw(`<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`)
}

func (wb *Workbook) workbookRels(x xmlWriter) {
	x.raw(`<Relationships xmlns="` + nsPkg + `">`)
	for i := range wb.sheets {
		n := strconv.Itoa(i + 1)
		x.raw(`<Relationship Id="rId` + n + `" Type="` + nsRel + `/worksheet" Target="worksheets/sheet` + n + `.xml"/>`)
	}
	x.raw(`<Relationship Id="rId` + strconv.Itoa(len(wb.sheets)+1) + `" Type="` + nsRel + `/styles" Target="styles.xml"/>`)
	x.raw(`</Relationships>`)
}

// builtinFormats are the number formats every spreadsheet program knows
// by number whatever its language; the others are written out.
var builtinFormats = map[string]int{
	"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4,
	"0%": 9, "0.00%": 10, "0.00E+00": 11, "@": 49,
}

func (wb *Workbook) stylesheet(x xmlWriter) {
	// Number formats, fonts and fills, each once, in order of first use.
	type font struct {
		bold  bool
		color string
	}
	var formats []string
	fonts := []font{{}}
	fills := []string{"", "gray125"} // the two fills every stylesheet starts with
	numFmt := func(code string) int {
		if id, ok := builtinFormats[code]; ok || code == "" {
			return id
		}
		i := slices.Index(formats, code)
		if i < 0 {
			i = len(formats)
			formats = append(formats, code)
		}
		return 164 + i
	}
	index := func(list []string, v string) ([]string, int) {
		if i := slices.Index(list, v); i >= 0 {
			return list, i
		}
		return append(list, v), len(list)
	}
	type xf struct{ numFmt, font, fill int }
	xfs := make([]xf, len(wb.styles))
	for i, st := range wb.styles {
		f := font{st.Bold, st.Color}
		fi := slices.Index(fonts, f)
		if fi < 0 {
			fi = len(fonts)
			fonts = append(fonts, f)
		}
		fill := 0
		if st.Fill != "" {
			fills, fill = index(fills, strings.ToUpper(st.Fill))
		}
		xfs[i] = xf{numFmt(st.NumFmt), fi, fill}
	}

	x.raw(`<styleSheet xmlns="` + nsMain + `">`)
	if len(formats) > 0 {
		x.raw(`<numFmts count="` + strconv.Itoa(len(formats)) + `">`)
		for i, code := range formats {
			x.raw(`<numFmt numFmtId="` + strconv.Itoa(164+i) + `" formatCode="`)
			x.attr(code)
			x.raw(`"/>`)
		}
		x.raw(`</numFmts>`)
	}
	x.raw(`<fonts count="` + strconv.Itoa(len(fonts)) + `">`)
	for _, f := range fonts {
		x.raw(`<font>`)
		if f.bold {
			x.raw(`<b/>`)
		}
		x.raw(`<sz val="11"/>`)
		if f.color != "" {
			x.raw(`<color rgb="FF` + strings.ToUpper(f.color) + `"/>`)
		}
		x.raw(`<name val="Calibri"/><family val="2"/></font>`)
	}
	x.raw(`</fonts><fills count="` + strconv.Itoa(len(fills)) + `">`)
	for i, f := range fills {
		switch i {
		case 0:
			x.raw(`<fill><patternFill patternType="none"/></fill>`)
		case 1:
			x.raw(`<fill><patternFill patternType="gray125"/></fill>`)
		default:
			x.raw(`<fill><patternFill patternType="solid"><fgColor rgb="FF` + f + `"/><bgColor indexed="64"/></patternFill></fill>`)
		}
	}
	x.raw(`</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`)
	x.raw(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	x.raw(`<cellXfs count="` + strconv.Itoa(len(xfs)+1) + `"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`)
	for i, v := range xfs {
		st := wb.styles[i]
		x.raw(fmt.Sprintf(`<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="0" xfId="0"`, v.numFmt, v.font, v.fill))
		if v.numFmt != 0 {
			x.raw(` applyNumberFormat="1"`)
		}
		if v.font != 0 {
			x.raw(` applyFont="1"`)
		}
		if v.fill != 0 {
			x.raw(` applyFill="1"`)
		}
		if !st.Wrap && st.VAlign == "" {
			x.raw(`/>`)
			continue
		}
		x.raw(` applyAlignment="1"><alignment`)
		if st.VAlign != "" {
			x.raw(` vertical="` + st.VAlign + `"`)
		}
		if st.Wrap {
			x.raw(` wrapText="1"`)
		}
		x.raw(`/></xf>`)
	}
	x.raw(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>`)
	x.raw(`<dxfs count="0"/><tableStyles count="0"/></styleSheet>`)
}

func (sh *Sheet) write(x xmlWriter, active bool) {
	x.raw(`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	x.raw(`<dimension ref="` + sh.dimension().String() + `"/>`)

	x.raw(`<sheetViews><sheetView`)
	if active {
		x.raw(` tabSelected="1"`)
	}
	x.raw(` workbookViewId="0"`)
	if fr := sh.freeze; fr != (Ref{}) {
		topLeft := Ref{fr.Col + 1, fr.Row + 1}.String()
		pane := "bottomRight"
		switch {
		case fr.Col == 0:
			pane = "bottomLeft"
		case fr.Row == 0:
			pane = "topRight"
		}
		x.raw(`><pane`)
		if fr.Col > 0 {
			x.raw(` xSplit="` + strconv.Itoa(fr.Col) + `"`)
		}
		if fr.Row > 0 {
			x.raw(` ySplit="` + strconv.Itoa(fr.Row) + `"`)
		}
		x.raw(` topLeftCell="` + topLeft + `" activePane="` + pane + `" state="frozen"/>`)
		x.raw(`<selection pane="` + pane + `" activeCell="` + topLeft + `" sqref="` + topLeft + `"/></sheetView>`)
	} else {
		x.raw(`/>`)
	}
	x.raw(`</sheetViews><sheetFormatPr defaultRowHeight="15"/>`)

	if len(sh.widths) > 0 {
		cols := make([]int, 0, len(sh.widths))
		for c := range sh.widths {
			cols = append(cols, c)
		}
		slices.Sort(cols)
		x.raw(`<cols>`)
		for i := 0; i < len(cols); {
			j := i
			for j+1 < len(cols) && cols[j+1] == cols[j]+1 && sh.widths[cols[j+1]] == sh.widths[cols[i]] {
				j++
			}
			x.raw(`<col min="` + strconv.Itoa(cols[i]) + `" max="` + strconv.Itoa(cols[j]) + `" width="` + num(sh.widths[cols[i]]) + `" customWidth="1"/>`)
			i = j + 1
		}
		x.raw(`</cols>`)
	}

	x.raw(`<sheetData>`)
	for i, rw := range sh.rows {
		if rw == nil {
			continue
		}
		n := strconv.Itoa(i + 1)
		x.raw(`<row r="` + n + `"`)
		if rw.height > 0 {
			x.raw(` ht="` + num(rw.height) + `" customHeight="1"`)
		}
		x.raw(`>`)
		for _, c := range rw.cells {
			x.raw(`<c r="` + ColName(c.col) + n + `"`)
			if c.style != 0 {
				x.raw(` s="` + strconv.Itoa(c.style) + `"`)
			}
			switch c.kind {
			case blank:
				x.raw(`/>`)
			case text:
				x.raw(` t="inlineStr"><is><t`)
				if c.s != strings.TrimSpace(c.s) {
					x.raw(` xml:space="preserve"`)
				}
				x.raw(`>`)
				x.cellText(c.s)
				x.raw(`</t></is></c>`)
			case number:
				x.raw(`><v>` + num(c.num) + `</v></c>`)
			case boolean:
				x.raw(` t="b"><v>` + num(c.num) + `</v></c>`)
			case formula:
				x.raw(`><f>`)
				x.text(c.s)
				x.raw(`</f></c>`)
			}
		}
		x.raw(`</row>`)
	}
	x.raw(`</sheetData>`)

	if sh.filter != (Range{}) {
		x.raw(`<autoFilter ref="` + sh.filter.String() + `"/>`)
	}
	if len(sh.validations) > 0 {
		x.raw(`<dataValidations count="` + strconv.Itoa(len(sh.validations)) + `">`)
		for _, v := range sh.validations {
			x.raw(`<dataValidation type="` + v.Type + `"`)
			if v.Operator != "" {
				x.raw(` operator="` + v.Operator + `"`)
			}
			if v.AllowBlank {
				x.raw(` allowBlank="1"`)
			}
			if v.Error != "" || v.ErrorTitle != "" {
				x.raw(` showErrorMessage="1" errorTitle="`)
				x.attr(v.ErrorTitle)
				x.raw(`" error="`)
				x.attr(v.Error)
				x.raw(`"`)
			}
			x.raw(` sqref="` + v.Range.String() + `">`)
			for i, f := range []string{v.Formula1, v.Formula2} {
				if f != "" {
					tag := "formula" + strconv.Itoa(i+1)
					x.raw("<" + tag + ">")
					x.text(f)
					x.raw("</" + tag + ">")
				}
			}
			x.raw(`</dataValidation>`)
		}
		x.raw(`</dataValidations>`)
	}
	x.raw(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`)
	if p := sh.page; p != (Page{}) {
		x.raw(`<pageSetup`)
		if p.Paper != 0 {
			x.raw(` paperSize="` + strconv.Itoa(p.Paper) + `"`)
		}
		if p.OverThenDown {
			x.raw(` pageOrder="overThenDown"`)
		}
		if p.Landscape {
			x.raw(` orientation="landscape"`)
		} else {
			x.raw(` orientation="portrait"`)
		}
		x.raw(`/>`)
	}
	x.raw(`</worksheet>`)
}

// dimension returns the range the sheet's cells take, A1 for none.
func (sh *Sheet) dimension() Range {
	d := Range{Ref{MaxCols, MaxRows}, Ref{1, 1}}
	empty := true
	for i, rw := range sh.rows {
		if rw == nil || len(rw.cells) == 0 {
			continue
		}
		empty = false
		d.From.Row = min(d.From.Row, i+1)
		d.To.Row = i + 1
		d.From.Col = min(d.From.Col, rw.cells[0].col)
		d.To.Col = max(d.To.Col, rw.cells[len(rw.cells)-1].col)
	}
	if empty {
		return Range{Ref{1, 1}, Ref{1, 1}}
	}
	return d
}

// num writes a number as XML Schema's double: the shortest form that
// reads back the same.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
