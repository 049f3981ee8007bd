package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Limits bound what Open and Rows read from a file that may be hostile:
// the ZIP file's parts, what they unzip to, and what a sheet's rows hold
// in memory. A zero field takes DefaultLimits' value.
type Limits struct {
	Parts    int   // parts (ZIP entries)
	Unzipped int64 // bytes of all parts together, as their sizes are declared; a part holding more is refused
	Rows     int   // rows of a sheet, up to the last that holds a value
	Cols     int   // columns read; cells past them are skipped
	Cells    int   // cells of a sheet kept in memory, empty ones between values counted
	Strings  int   // shared strings
}

// DefaultLimits are the limits Open applies where Limits leaves a zero.
var DefaultLimits = Limits{
	Parts:    1000,
	Unzipped: 256 << 20,
	Rows:     MaxRows,
	Cols:     MaxCols,
	Cells:    1 << 22,
	Strings:  1 << 22,
}

func (l Limits) orDefault() Limits {
	d := DefaultLimits
	if l.Parts > 0 {
		d.Parts = l.Parts
	}
	if l.Unzipped > 0 {
		d.Unzipped = l.Unzipped
	}
	if l.Rows > 0 {
		d.Rows = l.Rows
	}
	if l.Cols > 0 {
		d.Cols = min(l.Cols, MaxCols)
	}
	if l.Cells > 0 {
		d.Cells = l.Cells
	}
	if l.Strings > 0 {
		d.Strings = l.Strings
	}
	return d
}

// A File is a workbook opened for reading.
type File struct {
	parts   map[string]*zip.File // by lower-case name: part names ignore case
	sheets  []sheetPart
	sst     string // the shared strings' part, if any
	strings []string
	read    bool // strings read
	lim     Limits
}

type sheetPart struct{ name, part string }

// Open opens a workbook: the ZIP file of size bytes that r reads. It
// refuses a file of more than lim.Parts parts or whose parts declare more
// than lim.Unzipped bytes, before unzipping any, and reads the list of
// sheets.
func Open(r io.ReaderAt, size int64, lim Limits) (*File, error) {
	lim = lim.orDefault()
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, err
	}
	if n := len(zr.File); n > lim.Parts {
		return nil, fmt.Errorf("the workbook has %d parts, more than %d", n, lim.Parts)
	}
	f := &File{parts: map[string]*zip.File{}, lim: lim}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(lim.Unzipped) {
			return nil, fmt.Errorf("the workbook unzips to more than %d MiB", lim.Unzipped>>20)
		}
		name := strings.ToLower(strings.TrimPrefix(zf.Name, "/"))
		if _, dup := f.parts[name]; !dup {
			f.parts[name] = zf
		}
	}

	book := "xl/workbook.xml"
	root, err := f.rels("")
	if err != nil {
		return nil, err
	}
	for _, rel := range root {
		if strings.HasSuffix(rel.typ, "/officeDocument") {
			book = rel.target
			break
		}
	}
	rels, err := f.rels(book)
	if err != nil {
		return nil, err
	}
	byID := map[string]string{}
	for _, rel := range rels {
		byID[rel.id] = rel.target
		if strings.HasSuffix(rel.typ, "/sharedStrings") {
			f.sst = rel.target
		}
	}
	err = f.scan(book, func(t xml.Token) error {
		if se, ok := t.(xml.StartElement); ok && se.Name.Local == "sheet" {
			id := ""
			for _, a := range se.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					id = a.Value
				}
			}
			if len(f.sheets) == lim.Parts { // each sheet is a part
				return fmt.Errorf("%s: more sheets than the workbook has parts", book)
			}
			f.sheets = append(f.sheets, sheetPart{attr(se, "name"), byID[id]})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(f.sheets) == 0 {
		return nil, errors.New("the workbook has no sheet")
	}
	return f, nil
}

// Sheets returns the names of the workbook's sheets, in order.
func (f *File) Sheets() []string {
	names := make([]string, len(f.sheets))
	for i, s := range f.sheets {
		names[i] = s.name
	}
	return names
}

// Rows returns the cells of a sheet (its name in any case) as text: rows[i][j] is row i+1,
// column j+1, as stored, not as shown: a number as written (dates are
// serial numbers), a boolean as 1 or 0, a formula's last computed value
// (nothing if it has none), an error as its code (#N/A). Rows and cells
// without a value are empty; rows end at their last value, and the
// sheet at its last row with one.
func (f *File) Rows(sheet string) ([][]string, error) {
	part := ""
	found := false
	for _, s := range f.sheets {
		if strings.EqualFold(s.name, sheet) { // as Excel names sheets
			part, found = s.part, true
			break
		}
	}
	if !found {
		return nil, fmt.Errorf("no sheet %q", sheet)
	}
	if err := f.readStrings(); err != nil {
		return nil, err
	}
	rows, err := f.readSheet(part)
	if err != nil {
		return nil, fmt.Errorf("sheet %s: %w", sheet, err)
	}
	return rows, nil
}

type rel struct{ id, typ, target string }

// rels reads the relationships of a part ("" for the package's), with
// their targets as part names. A part without relationships has none.
func (f *File) rels(part string) ([]rel, error) {
	name := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
	if part == "" {
		name = "_rels/.rels"
	}
	if f.part(name) == nil {
		return nil, nil
	}
	var out []rel
	err := f.scan(name, func(t xml.Token) error {
		if se, ok := t.(xml.StartElement); ok && se.Name.Local == "Relationship" && attr(se, "TargetMode") != "External" {
			target := attr(se, "Target")
			if strings.HasPrefix(target, "/") {
				target = path.Clean(target[1:])
			} else {
				target = path.Join(path.Dir(part), target)
			}
			if len(out) == f.lim.Parts { // each points to a part
				return fmt.Errorf("%s: more relationships than the workbook has parts", name)
			}
			out = append(out, rel{attr(se, "Id"), attr(se, "Type"), target})
		}
		return nil
	})
	return out, err
}

func (f *File) part(name string) *zip.File { return f.parts[strings.ToLower(name)] }

// scan reads a part's XML tokens as they come, without matching their
// names' prefixes to namespaces: elements are known by their local names,
// as in files in the strict variant of the format.
func (f *File) scan(name string, fn func(xml.Token) error) error {
	zf := f.part(name)
	if zf == nil {
		return fmt.Errorf("the workbook has no part %s", name)
	}
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	// RawToken does not check that elements close, in order: the stack
	// does, as deep as SpreadsheetML goes and a little more.
	var open []xml.Name
	for {
		t, err := d.RawToken()
		if err == io.EOF {
			if len(open) > 0 {
				return fmt.Errorf("%s: ends inside <%s>", name, open[len(open)-1].Local)
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			if len(open) == maxDepth {
				return fmt.Errorf("%s: elements nested more than %d deep", name, maxDepth)
			}
			open = append(open, t.Name)
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name {
				return fmt.Errorf("%s: </%s> closes no element", name, t.Name.Local)
			}
			open = open[:len(open)-1]
		}
		if err := fn(t); err != nil {
			return err
		}
	}
}

// maxDepth bounds how deep a part's elements nest: a cell's rich text
// is 6 deep.
const maxDepth = 64

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// readStrings reads the shared strings once: each the text of its runs,
// phonetic guides (rPh) left out.
func (f *File) readStrings() error {
	if f.read || f.sst == "" {
		return nil
	}
	f.read = true
	var t richText
	return f.scan(f.sst, func(tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			t.start()
			return nil
		}
		if ee, ok := tok.(xml.EndElement); ok && ee.Name.Local == "si" {
			if len(f.strings) == f.lim.Strings {
				return fmt.Errorf("%s: more than %d shared strings", f.sst, f.lim.Strings)
			}
			f.strings = append(f.strings, t.String())
			t.in = false
			return nil
		}
		t.token(tok)
		return nil
	})
}

// richText gathers the text of a string item (si) or an inline string
// (is): its t elements, directly or in runs (r), but not those of
// phonetic guides (rPh).
type richText struct {
	in, inT bool
	rph     int
	b       []byte
}

func (t *richText) start() { *t = richText{in: true, b: t.b[:0]} }

func (t *richText) token(tok xml.Token) {
	if !t.in {
		return
	}
	switch tok := tok.(type) {
	case xml.StartElement:
		switch tok.Name.Local {
		case "rPh":
			t.rph++
		case "t":
			t.inT = t.rph == 0
		}
	case xml.EndElement:
		switch tok.Name.Local {
		case "rPh":
			t.rph--
		case "t":
			t.inT = false
		}
	case xml.CharData:
		if t.inT {
			t.b = append(t.b, tok...)
		}
	}
}

func (t *richText) String() string { return unescape(string(t.b)) }

// readSheet reads a worksheet's cells.
func (f *File) readSheet(part string) ([][]string, error) {
	if part == "" {
		return nil, errors.New("no worksheet part")
	}
	var (
		rows      [][]string
		cells     int
		inData    bool
		rowNum    int
		cur       []string // the row being read
		col       int      // the cell being read, from 1
		typ       string
		inV       bool
		v         strings.Builder
		is        richText
		lim       = f.lim
		errTooBig = fmt.Errorf("more than %d rows", lim.Rows)
	)
	err := f.scan(part, func(tok xml.Token) error {
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "sheetData":
				inData = true
			case "row":
				if !inData {
					return nil
				}
				n := rowNum + 1
				if r := attr(tok, "r"); r != "" {
					var err error
					if n, err = strconv.Atoi(r); err != nil || n < 1 || n > MaxRows {
						return fmt.Errorf("row number %q", r)
					}
				}
				rowNum, cur, col = n, nil, 0
			case "c":
				if !inData {
					return nil
				}
				col++
				if r := attr(tok, "r"); r != "" {
					ref, err := ParseRef(r)
					if err != nil {
						return err
					}
					col = ref.Col
				}
				if col > MaxCols {
					return fmt.Errorf("row %d: a cell past column %s", rowNum, ColName(MaxCols))
				}
				typ = attr(tok, "t")
				v.Reset()
			case "v":
				inV = inData
			case "is":
				is.start()
			default:
				is.token(tok)
			}
		case xml.CharData:
			if inV {
				v.Write(tok)
			}
			is.token(tok)
		case xml.EndElement:
			switch tok.Name.Local {
			case "sheetData":
				inData = false
			case "v":
				inV = false
			case "is":
				is.in = false
			case "c":
				if !inData {
					return nil
				}
				val, err := f.value(typ, v.String(), &is)
				if err != nil {
					return fmt.Errorf("cell %s: %w", Ref{col, max(rowNum, 1)}, err)
				}
				is.in = false
				is.b = is.b[:0]
				if val == "" || col > lim.Cols {
					return nil
				}
				if col > len(cur) {
					cur = append(cur, make([]string, col-len(cur))...)
				}
				cur[col-1] = val
			case "row":
				if !inData || len(cur) == 0 {
					return nil
				}
				if rowNum > lim.Rows {
					return errTooBig
				}
				if cells += len(cur); cells > lim.Cells {
					return fmt.Errorf("more than %d cells", lim.Cells)
				}
				if rowNum > len(rows) {
					rows = append(rows, make([][]string, rowNum-len(rows))...)
				}
				rows[rowNum-1] = cur
				cur = nil
			default:
				is.token(tok)
			}
		}
		return nil
	})
	return rows, err
}

// value returns a cell's text from its type, its v element and its
// inline string.
func (f *File) value(typ, v string, is *richText) (string, error) {
	switch typ {
	case "s":
		v = strings.TrimSpace(v)
		if v == "" {
			return "", nil
		}
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 || i >= len(f.strings) {
			return "", fmt.Errorf("shared string %q of %d", v, len(f.strings))
		}
		return f.strings[i], nil
	case "inlineStr":
		if len(is.b) > 0 {
			return is.String(), nil
		}
	}
	return v, nil
}
