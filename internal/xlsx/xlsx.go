// Package xlsx writes and reads the part of Office Open XML spreadsheets
// (.xlsx, SpreadsheetML) that affiches needs: the complaint register and
// its indicators.
//
// A Workbook is built in memory (sheets, cells, styles, column widths,
// frozen panes, an autofilter, drop-down lists and other data
// validations, page setup) and written with Write: the same workbook
// gives the same bytes. Open reads a workbook back, as affiches wrote it
// or as Excel or LibreOffice saved it again, as the raw text of its
// cells, within limits on what it unzips and holds.
//
// It replaces github.com/xuri/excelize, whose package initialisation
// cost every command of affiches about 2 ms.
package xlsx

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// MaxRows and MaxCols are the size of a sheet: rows 1 to 1 048 576,
// columns A to XFD.
const (
	MaxRows = 1 << 20
	MaxCols = 1 << 14
)

// A Ref is a cell's column and row, both from 1: Ref{2, 1} is B1.
type Ref struct{ Col, Row int }

// String returns the cell's name, such as B1.
func (r Ref) String() string { return ColName(r.Col) + strconv.Itoa(r.Row) }

func (r Ref) valid() bool { return r.Col >= 1 && r.Col <= MaxCols && r.Row >= 1 && r.Row <= MaxRows }

// A Range is the rectangle of cells from From to To, corners included.
type Range struct{ From, To Ref }

// String returns the range's name, such as A1:AC1, or B2 for one cell.
func (r Range) String() string {
	if r.From == r.To {
		return r.From.String()
	}
	return r.From.String() + ":" + r.To.String()
}

// Abs returns the range's absolute name, such as $A$1:$AC$1.
func (r Range) Abs() string {
	abs := func(c Ref) string { return "$" + ColName(c.Col) + "$" + strconv.Itoa(c.Row) }
	if r.From == r.To {
		return abs(r.From)
	}
	return abs(r.From) + ":" + abs(r.To)
}

func (r Range) valid() bool {
	return r.From.valid() && r.To.valid() && r.From.Col <= r.To.Col && r.From.Row <= r.To.Row
}

// ColName returns a column's letters: 1 is A, 27 is AA. It returns "" for
// a column outside 1 to MaxCols.
func ColName(col int) string {
	if col < 1 || col > MaxCols {
		return ""
	}
	var b [3]byte
	i := len(b)
	for col > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// ParseRef reads a cell's name, such as B2 or $B$2.
func ParseRef(s string) (Ref, error) {
	var r Ref
	i := 0
	if i < len(s) && s[i] == '$' {
		i++
	}
	letters := 0
	for ; i < len(s); i++ {
		c := s[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		if letters++; letters > 3 {
			return Ref{}, fmt.Errorf("cell reference %q: column past XFD", s)
		}
		r.Col = r.Col*26 + int(c-'a') + 1
	}
	if i < len(s) && s[i] == '$' {
		i++
	}
	digits := s[i:]
	if len(digits) > 7 || len(digits) == 0 || digits[0] == '+' || digits[0] == '-' {
		return Ref{}, fmt.Errorf("cell reference %q: no row", s)
	}
	n, err := strconv.Atoi(digits)
	if err != nil || letters == 0 {
		return Ref{}, fmt.Errorf("cell reference %q: not a cell", s)
	}
	r.Row = n
	if !r.valid() {
		return Ref{}, fmt.Errorf("cell reference %q: outside a sheet", s)
	}
	return r, nil
}

// Quote returns a sheet's name as a formula refers to it: as it is when
// it is letters, digits and underscores, else between single quotes.
func Quote(sheet string) string {
	plain := sheet != "" && !(sheet[0] >= '0' && sheet[0] <= '9')
	for _, r := range sheet {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			plain = false
		}
	}
	if _, err := ParseRef(sheet); err == nil {
		plain = false // a sheet named like a cell, such as Q1
	}
	if plain {
		return sheet
	}
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
}

// Dates are serial numbers, days since 30 December 1899 (the 1900 date
// system), as in Excel, which counts a 29 February 1900 that never was:
// serial 60. Serials 1 to 59 are therefore a day off from the rest, and
// 60 is read as 28 February.
var epoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// Serial returns t's wall-clock date and time as a serial number.
func Serial(t time.Time) float64 {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	days := float64((d.Unix() - epoch.Unix()) / 86400)
	if d.Before(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)) && !d.Before(time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)) {
		days-- // before Excel's 29 February 1900
	}
	clock := t.Sub(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location()))
	return days + clock.Seconds()/86400
}

// Date returns the date and time (UTC, to the second) of a serial
// number. NaN, infinities and serials past 31 December 9999 give the zero
// time.
func Date(serial float64) time.Time {
	if math.IsNaN(serial) || serial < 0 || serial >= 2958466 {
		return time.Time{}
	}
	days := math.Floor(serial)
	clock := time.Duration((serial - days) * 86400 * float64(time.Second)).Round(time.Second)
	n := int(days)
	if n >= 1 && n < 60 {
		n++ // before Excel's 29 February 1900; 60 itself is 28 February
	}
	return epoch.AddDate(0, 0, n).Add(clock)
}

// utf16Len returns how many UTF-16 code units s takes: Excel's limits
// are counted in them.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
