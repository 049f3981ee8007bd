// Package docx writes WordprocessingML (.docx) documents: paragraphs of
// styled runs, Word's heading styles, plain tables and inline pictures with
// alternative text. It is what affiches' letters and forms need and no more.
//
// It replaces a general DOCX library whose template carried 850 KB of styles
// that every document parsed, marshalled and shipped again (30 ms and 60 KB
// a letter). The package writes only the parts Word, LibreOffice and Google
// Docs need: the body, a small style sheet, settings, the pictures, and the
// core and application properties. Output is deterministic: same document,
// same bytes.
package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Twips per point, and the A4 page in twips with 25 mm margins: what a
// Belgian letter uses.
const (
	TwipsPerPoint = 20
	A4Width       = 11906 // 210 mm
	A4Height      = 16838 // 297 mm
	margin25mm    = 1417
	margin12mm5   = 709
)

// EMUPerInch: DrawingML measures pictures in English Metric Units.
const EMUPerInch = 914400

// Document is a document being built. The zero value is not usable: call
// New.
type Document struct {
	Lang     string  // BCP 47 tag for the spelling checker and screen readers, e.g. "fr-BE"
	Title    string  // core property dc:title
	Subject  string  // core property dc:subject
	Creator  string  // the body: dc:creator and the application's Company
	Font     string  // default font of every run
	FontSize float64 // default size in points

	body   bytes.Buffer
	images [][]byte // PNG files, word/media/image<i+1>.png
	tables int
}

// New returns an empty A4 document in lang, set in font at size points.
func New(lang, font string, size float64) *Document {
	return &Document{Lang: lang, Font: font, FontSize: size}
}

// Align is a paragraph's alignment.
type Align string

// Alignments; the zero value is the style's (left).
const (
	Left  Align = ""
	Right Align = "right"
)

// Paragraph is one paragraph. Style is a style ID of the style sheet
// (Heading1, Heading2) or empty for Normal.
type Paragraph struct {
	Style Style
	Align Align
	// Tight sets no space before or after (lines of an address). Otherwise
	// the style's spacing applies: 10 pt after a Normal paragraph.
	Tight bool
	Runs  []Run
}

// Style names a paragraph style of the style sheet.
type Style string

// Paragraph styles of the style sheet.
const (
	Normal   Style = ""
	Heading1 Style = "Heading1"
	Heading2 Style = "Heading2"
)

// Run is text with one set of character properties. Size 0 is the
// document's size.
type Run struct {
	Text      string
	Bold      bool
	Size      float64
	Highlight bool // yellow: a field to fill in
}

// Para appends a paragraph.
func (d *Document) Para(p Paragraph) {
	d.writePara(&d.body, p)
}

// Empty appends an empty paragraph (a blank line).
func (d *Document) Empty() { d.body.WriteString("<w:p/>") }

func (d *Document) writePara(b *bytes.Buffer, p Paragraph) {
	b.WriteString("<w:p>")
	if p.Style != Normal || p.Align != Left || p.Tight {
		b.WriteString("<w:pPr>")
		if p.Style != Normal {
			b.WriteString(`<w:pStyle w:val="` + string(p.Style) + `"/>`)
		}
		if p.Tight {
			b.WriteString(`<w:spacing w:before="0" w:after="0"/>`)
		}
		if p.Align != Left {
			b.WriteString(`<w:jc w:val="` + string(p.Align) + `"/>`)
		}
		b.WriteString("</w:pPr>")
	}
	for _, r := range p.Runs {
		d.writeRun(b, r)
	}
	b.WriteString("</w:p>")
}

func (d *Document) writeRun(b *bytes.Buffer, r Run) {
	b.WriteString("<w:r>")
	if r.Bold || r.Highlight || (r.Size != 0 && r.Size != d.FontSize) {
		b.WriteString("<w:rPr>")
		if r.Bold {
			b.WriteString("<w:b/><w:bCs/>")
		}
		if r.Size != 0 && r.Size != d.FontSize {
			hp := strconv.Itoa(int(r.Size*2 + 0.5)) // half-points
			b.WriteString(`<w:sz w:val="` + hp + `"/><w:szCs w:val="` + hp + `"/>`)
		}
		if r.Highlight {
			b.WriteString(`<w:highlight w:val="yellow"/>`)
		}
		b.WriteString("</w:rPr>")
	}
	// A line break inside a run is <w:br/>; a tab is <w:tab/>.
	for i, line := range strings.Split(r.Text, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString("<w:tab/>")
			}
			if part == "" {
				continue
			}
			b.WriteString(`<w:t xml:space="preserve">`)
			escape(b, part)
			b.WriteString("</w:t>")
		}
	}
	b.WriteString("</w:r>")
}

// Table is a bordered table (Word's "Table Grid") across the text width.
// Widths are the columns' shares of that width; every row has one cell per
// column, each cell a list of paragraphs (none: one empty paragraph, as
// Word requires).
type Table struct {
	Widths []float64
	Rows   [][][]Paragraph
}

// Table appends t.
func (d *Document) Table(t Table) {
	b := &d.body
	text := A4Width - 2*margin25mm
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	cols := make([]int, len(t.Widths))
	for i, w := range t.Widths {
		cols[i] = int(float64(text) * w / total)
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(c) + `"/>`)
	}
	b.WriteString("</w:tblGrid>")
	for _, row := range t.Rows {
		b.WriteString("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
		for i, cell := range row {
			w := 0
			if i < len(cols) {
				w = cols[i]
			}
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(w) + `" w:type="dxa"/></w:tcPr>`)
			if len(cell) == 0 {
				b.WriteString("<w:p/>")
			}
			for _, p := range cell {
				d.writePara(b, p)
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	d.tables++
}

// Picture appends a paragraph holding a PNG picture of w × h inches, with
// its name and the alternative text a screen reader gives.
func (d *Document) Picture(png []byte, w, h float64, name, alt string) {
	d.images = append(d.images, png)
	n := len(d.images)
	id := strconv.Itoa(n)
	cx, cy := strconv.FormatInt(int64(w*EMUPerInch+0.5), 10), strconv.FormatInt(int64(h*EMUPerInch+0.5), 10)
	b := &d.body
	b.WriteString(`<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="` + cx + `" cy="` + cy + `"/><wp:docPr id="` + id + `" name="`)
	escape(b, name)
	b.WriteString(`" descr="`)
	escape(b, alt)
	b.WriteString(`"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
		`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
		`<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="` + id + `" name="image` + id + `.png"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="` + imageRel(n) + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="` + cx + `" cy="` + cy + `"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>` +
		`</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`)
}

// imageRel is the relationship ID of the nth picture; rId1 to rId3 are the
// style sheet, the settings and the font table.
func imageRel(n int) string { return "rId" + strconv.Itoa(n+3) }

// fixedTime stamps every part and the core properties: same document, same
// bytes.
var fixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteTo writes the .docx package.
func (d *Document) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw := zip.NewWriter(cw)
	for _, p := range d.parts() {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			return cw.n, err
		}
		if _, err := f.Write(p.data); err != nil {
			return cw.n, err
		}
	}
	err := zw.Close()
	return cw.n, err
}

type part struct {
	name string
	data []byte
}

func (d *Document) parts() []part {
	const header = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	var ct strings.Builder
	ct.WriteString(header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>`)
	if len(d.images) > 0 {
		ct.WriteString(`<Default Extension="png" ContentType="image/png"/>`)
	}
	ct.WriteString(`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`)

	rels := header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`

	var docRels strings.Builder
	docRels.WriteString(header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>`)
	for i := range d.images {
		fmt.Fprintf(&docRels, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image%d.png"/>`, imageRel(i+1), i+1)
	}
	docRels.WriteString(`</Relationships>`)

	var doc bytes.Buffer
	doc.Grow(d.body.Len() + 1024)
	doc.WriteString(header + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:body>`)
	doc.Write(d.body.Bytes())
	fmt.Fprintf(&doc, `<w:sectPr><w:pgSz w:w="%d" w:h="%d" w:code="9"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/></w:sectPr></w:body></w:document>`,
		A4Width, A4Height, margin25mm, margin25mm, margin25mm, margin25mm, margin12mm5, margin12mm5)

	var esc = func(s string) string {
		var b bytes.Buffer
		escape(&b, s)
		return b.String()
	}
	stamp := fixedTime.Format(time.RFC3339)
	core := header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(d.Title) + `</dc:title><dc:subject>` + esc(d.Subject) + `</dc:subject><dc:creator>` + esc(d.Creator) + `</dc:creator>` +
		`<cp:lastModifiedBy>affiches</cp:lastModifiedBy><dc:language>` + esc(d.Lang) + `</dc:language><cp:revision>1</cp:revision>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified></cp:coreProperties>`
	app := header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
		`<Application>affiches</Application><Company>` + esc(d.Creator) + `</Company><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>`

	parts := []part{
		{"[Content_Types].xml", []byte(ct.String())},
		{"_rels/.rels", []byte(rels)},
		{"word/document.xml", doc.Bytes()},
		{"word/_rels/document.xml.rels", []byte(docRels.String())},
		{"word/styles.xml", []byte(d.styles(esc))},
		{"word/settings.xml", []byte(header + settingsXML(esc(d.Lang)))},
		{"word/fontTable.xml", []byte(header + `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="` + esc(d.Font) + `"><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>`)},
	}
	for i, img := range d.images {
		parts = append(parts, part{fmt.Sprintf("word/media/image%d.png", i+1), img})
	}
	return append(parts, part{"docProps/core.xml", []byte(core)}, part{"docProps/app.xml", []byte(app)})
}

// styles is the style sheet: the document's font, size and language as
// defaults, Normal with 10 pt after each paragraph, two heading levels
// (bold, black, a section's heading 12 pt below what precedes it, in the outline so the navigation pane, a screen reader and
// a PDF export know them), and the bordered table style.
func (d *Document) styles(esc func(string) string) string {
	font := esc(d.Font)
	hp := strconv.Itoa(int(d.FontSize*2 + 0.5))
	heading := func(level int, name, before, after string) string {
		return `<w:style w:type="paragraph" w:styleId="Heading` + strconv.Itoa(level) + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>` +
			`<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="` + before + `" w:after="` + after + `"/><w:outlineLvl w:val="` + strconv.Itoa(level-1) + `"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + font + `" w:hAnsi="` + font + `" w:eastAsia="` + font + `" w:cs="` + font + `"/><w:sz w:val="` + hp + `"/><w:szCs w:val="` + hp + `"/><w:lang w:val="` + esc(d.Lang) + `" w:eastAsia="` + esc(d.Lang) + `" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="200" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		heading(1, "heading 1", "0", "200") + heading(2, "heading 2", "240", "120") +
		`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:before="60" w:after="60" w:line="240" w:lineRule="auto"/></w:pPr>` +
		`<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>` +
		`</w:styles>`
}

// settingsXML: Word 2013+ layout (no "compatibility mode" banner), the
// document's language for themed text, and fields updated on open.
func settingsXML(lang string) string {
	return `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang w:val="` + lang + `"/></w:settings>`
}

// escape writes s as XML character data or attribute value. Characters
// XML 1.0 forbids (most C0 controls) are dropped: Word refuses a file that
// holds one, and they carry nothing a letter needs.
func escape(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&apos;")
		case r == utf8.RuneError && n == 1,
			r < 0x20 && r != '\t' && r != '\n' && r != '\r',
			r == 0xFFFE || r == 0xFFFF:
			// dropped: not allowed in XML 1.0
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
