package casefile

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/logo"

	"github.com/gomutex/godocx"
	"github.com/gomutex/godocx/common/units"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"
)

// WriteDOCX writes the document as a Word file for editing, with the same
// content as the PDF: fields to fill in are highlighted. This file is the
// only importer of the DOCX library. The letterhead carries logoPNG, the
// logo rendered 42 mm wide (package render makes it), or no logo when nil.
func WriteDOCX(w io.Writer, d *Doc, logoPNG []byte) error {
	rd, err := godocx.NewDocument()
	if err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	docxSetup(rd, d)
	if err := docxLetterhead(rd, d, logoPNG); err != nil {
		return err
	}
	run := func(p *docx.Paragraph, s Span, bold bool) *docx.Run {
		r := p.AddText(s.Text).Font("Arial").Size(11) // points
		if bold || s.Bold {
			r.Bold(true)
		}
		if s.Field {
			r.Highlight("yellow")
		}
		return r
	}
	para := func(spans []Span, bold bool) *docx.Paragraph {
		p := rd.AddEmptyParagraph()
		for _, s := range spans {
			run(p, s, bold)
		}
		return p
	}
	// Headings are Word's heading styles, so that a screen reader, the
	// navigation pane and a PDF export know them, and look as the other
	// paragraphs do: black, Arial, without the style's space above.
	heading := func(spans []Span, level int) {
		p := rd.AddEmptyParagraph()
		p.Style(fmt.Sprintf("Heading%d", level))
		p.Spacing(0, 200)
		for _, s := range spans {
			run(p, s, true).Color("000000")
		}
	}
	if d.Kind == Registration {
		docxRegistration(rd, d, para, heading)
	} else {
		for _, line := range d.Recipient {
			para(line, false).Spacing(0, 0)
		}
		rd.AddEmptyParagraph()
		for _, line := range d.Meta {
			para(line, false).Spacing(0, 0)
		}
		rd.AddEmptyParagraph()
		heading(append([]Span{{Text: catalog.T(d.Lang, "letter.subject_label") + " ", Bold: true}}, d.Subject...), 1)
		para([]Span{{Text: d.Greeting}}, false)
		for _, b := range d.Body {
			switch b.Kind {
			case Heading:
				heading([]Span{{Text: b.Label}}, 2)
			case Para:
				para(b.Spans, false)
			}
		}
		para([]Span{{Text: d.Closing}}, false)
		rd.AddEmptyParagraph()
		for i, s := range d.Signature {
			if s != "" {
				para([]Span{{Text: s}}, i == 0).Spacing(0, 0)
			}
		}
	}
	return rd.Write(w)
}

// docxSetup makes the library's template a Belgian letter: A4 with 25 mm
// margins (the template is US Letter), the document's language for the
// spelling checker (the template says en-US), and our own metadata instead
// of the template's author and application.
func docxSetup(rd *docx.RootDoc, d *Doc) {
	if rd.Document.Body.SectPr == nil {
		rd.Document.Body.SectPr = ctypes.NewSectionProper()
	}
	w, h := uint64(11906), uint64(16838) // 210 × 297 mm in twentieths of a point
	code := 9                            // A4 in Word's paper codes
	rd.Document.Body.SectPr.PageSize = &ctypes.PageSize{Width: &w, Height: &h, Code: &code}
	side, head := 1417, 709 // 25 mm, 12.5 mm
	rd.Document.Body.SectPr.PageMargin = &ctypes.PageMargin{Left: &side, Right: &side, Top: &side, Bottom: &side, Header: &head, Footer: &head, Gutter: new(int)}
	tag := docxLangs[d.Lang]
	if st := rd.DocStyles; st != nil {
		if st.DocDefaults == nil {
			st.DocDefaults = &ctypes.DocDefault{}
		}
		if st.DocDefaults.RunProp == nil {
			st.DocDefaults.RunProp = &ctypes.RunPropDefault{}
		}
		if st.DocDefaults.RunProp.RunProp == nil {
			st.DocDefaults.RunProp.RunProp = &ctypes.RunProperty{}
		}
		st.DocDefaults.RunProp.RunProp.Lang = &ctypes.Lang{Val: &tag}
	}
	esc := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	const fixed = "2000-01-01T00:00:00Z" // same inputs, same bytes
	org := d.Org.Name.In(d.Lang)
	rd.FileMap.Store("docProps/core.xml", []byte(xml.Header+`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`+
		`<dc:title>`+esc(d.Title)+`</dc:title><dc:subject>`+esc(string(d.Kind))+`</dc:subject><dc:creator>`+esc(org)+`</dc:creator>`+
		`<cp:lastModifiedBy>affiches</cp:lastModifiedBy><dc:language>`+tag+`</dc:language><cp:revision>1</cp:revision>`+
		`<dcterms:created xsi:type="dcterms:W3CDTF">`+fixed+`</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">`+fixed+`</dcterms:modified></cp:coreProperties>`))
	rd.FileMap.Store("docProps/app.xml", []byte(xml.Header+`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`+
		`<Application>affiches</Application><Company>`+esc(org)+`</Company><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>`))
}

// docxLangs are the language tags Word's spelling checker takes.
var docxLangs = map[brand.Lang]string{brand.FR: "fr-BE", brand.NL: "nl-BE", brand.DE: "de-BE", brand.EN: "en-GB"}

// docxLetterhead adds the logo and the body's name and address.
func docxLetterhead(rd *docx.RootDoc, d *Doc, png []byte) error {
	if len(png) > 0 {
		if err := docxLogo(rd, d, png); err != nil {
			return err
		}
	}
	lines := append([]string{d.Org.Name.In(d.Lang)}, spanTexts(AddressLines(d.Org.Address.In(d.Lang)))...)
	if d.Org.Website != "" {
		lines = append(lines, d.Org.Website)
	}
	for i, l := range lines {
		p := rd.AddEmptyParagraph()
		p.Justification(stypes.JustificationRight)
		p.Spacing(0, 0)
		r := p.AddText(l).Font("Arial").Size(9)
		if i == 0 {
			r.Bold(true).Size(11)
		}
	}
	rd.AddEmptyParagraph()
	return nil
}

// docxLogo adds the logo. The DOCX library takes pictures from a path
// only: the logo goes through a temporary file, removed at once.
func docxLogo(rd *docx.RootDoc, d *Doc, png []byte) error {
	dir, err := os.MkdirTemp("", "affiches-docx-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "logo.png")
	if err := os.WriteFile(path, png, 0o600); err != nil {
		return err
	}
	lk, err := logo.Build(brand.Complaint, d.Lang, logo.Colour, logo.Print)
	if err != nil {
		return err
	}
	// The PNG holds the clear space too: 42 mm of logo is wider.
	wIn := 42 / 25.4 * lk.Art.View.X / lk.Logo.W
	pic, err := rd.AddPicture(path, units.Inch(wIn), units.Inch(wIn*lk.Art.View.Y/lk.Art.View.X))
	if err != nil {
		return fmt.Errorf("docx: logo: %w", err)
	}
	// The alternative text a screen reader gives (Word's "descr"). The
	// library hands back a copy of the picture's inline: set it in the
	// paragraph's run itself.
	for _, c := range pic.Para.GetCT().Children {
		if c.Run == nil {
			continue
		}
		for _, rc := range c.Run.Children {
			if rc.Drawing == nil {
				continue
			}
			for i := range rc.Drawing.Inline {
				rc.Drawing.Inline[i].DocProp.Name = "Logo"
				rc.Drawing.Inline[i].DocProp.Description = lk.Alt
			}
		}
	}
	return nil
}

func spanTexts(ss []Span) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}

// docxRegistration sets the form as a two-column table: label, room.
func docxRegistration(rd *docx.RootDoc, d *Doc, para func([]Span, bool) *docx.Paragraph, heading func([]Span, int)) {
	heading([]Span{{Text: d.Title}}, 1)
	var tbl *docx.Table
	for _, b := range d.Body {
		switch b.Kind {
		case Para:
			para(b.Spans, false)
		case Section:
			heading([]Span{{Text: b.Label}}, 2)
			tbl = nil
		case Line, Box, Choices:
			if tbl == nil {
				tbl = rd.AddTable()
				tbl.Style("TableGrid")
			}
			row := tbl.AddRow()
			row.AddCell().AddParagraph("").AddText(b.Label).Bold(true).Font("Arial").Size(10)
			cell := row.AddCell()
			switch b.Kind {
			case Choices:
				cell.AddParagraph("").AddText("☐ " + strings.Join(b.Choices, "   ☐ ")).Font("Arial").Size(10)
			case Box:
				for range b.Lines {
					cell.AddParagraph("")
				}
			default:
				cell.AddParagraph("")
			}
		}
	}
}
