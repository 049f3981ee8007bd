// Package csvin opens the CSV files people save from spreadsheets: UTF-8
// with or without a byte-order mark, or Windows-1252 (Excel's plain "CSV"
// on Windows), with commas, semicolons (Excel in Belgium) or tabs between
// the cells.
package csvin

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"unicode/utf8"

	"affiches/internal/limits"

	"golang.org/x/text/encoding/charmap"
)

// MaxBytes bounds a CSV file read whole.
const MaxBytes = limits.CSVBytes

// NewReader reads r whole and returns a csv.Reader over its text, decoded,
// with the separator the first line uses most (a comma when it has none)
// and no fixed number of fields per record.
func NewReader(r io.Reader) (*csv.Reader, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("larger than %d MiB", MaxBytes>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		// Every byte decodes in Windows-1252; what the file holds is for
		// the caller's header check to judge.
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			return nil, err
		}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = Separator(data)
	cr.FieldsPerRecord = -1
	return cr, nil
}

// Separator returns the one of comma, semicolon and tab that the first
// line of data holds most, a comma when it holds none.
func Separator(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	sep, most := ',', bytes.Count(first, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if n := bytes.Count(first, []byte(string(c))); n > most {
			sep, most = c, n
		}
	}
	return sep
}
