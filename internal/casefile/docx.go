package casefile

import (
	"io"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/docx"
	"affiches/internal/logo"
)

// Letters in Word are set in Arial 11 pt, the letterhead in 9 pt, the
// registration form's table in 10 pt.
const (
	docxFont      = "Arial"
	docxSize      = 11
	docxHeadSize  = 9
	docxTableSize = 10
)

// WriteDOCX writes the document as a Word file for editing, with the same
// content as the PDF: fields to fill in are highlighted, the subject and
// sections are Word's heading styles (so a screen reader, the navigation
// pane and a PDF export know them), the document is A4 in its language. The
// letterhead carries logoPNG, the logo rendered 42 mm wide (package render
// makes it), or no logo when nil.
func WriteDOCX(w io.Writer, d *Doc, logoPNG []byte) error {
	tag := docxLangs[d.Lang]
	org := d.Org.Name.In(d.Lang)
	doc := docx.New(tag, docxFont, docxSize)
	doc.Title, doc.Subject, doc.Creator = d.Title, string(d.Kind), org
	if err := docxLetterhead(doc, d, logoPNG); err != nil {
		return err
	}
	para := func(spans []Span, bold, tight bool) {
		doc.Para(docx.Paragraph{Tight: tight, Runs: docxRuns(spans, bold, 0)})
	}
	heading := func(spans []Span, style docx.Style) {
		doc.Para(docx.Paragraph{Style: style, Runs: docxRuns(spans, false, 0)})
	}
	if d.Kind == Registration {
		docxRegistration(doc, d, func(s []Span) { para(s, false, false) }, heading)
	} else {
		for _, line := range d.Recipient {
			para(line, false, true)
		}
		doc.Empty()
		for _, line := range d.Meta {
			para(line, false, true)
		}
		doc.Empty()
		heading(append([]Span{{Text: catalog.T(d.Lang, "letter.subject_label") + " "}}, d.Subject...), docx.Heading1)
		para([]Span{{Text: d.Greeting}}, false, false)
		for _, b := range d.Body {
			switch b.Kind {
			case Heading:
				heading([]Span{{Text: b.Label}}, docx.Heading2)
			case Para:
				para(b.Spans, false, false)
			}
		}
		para([]Span{{Text: d.Closing}}, false, false)
		doc.Empty()
		for i, s := range d.Signature {
			if s != "" {
				para([]Span{{Text: s}}, i == 0, true)
			}
		}
	}
	_, err := doc.WriteTo(w)
	return err
}

// docxRuns turns spans into runs; fields to fill in are highlighted.
func docxRuns(spans []Span, bold bool, size float64) []docx.Run {
	runs := make([]docx.Run, len(spans))
	for i, s := range spans {
		runs[i] = docx.Run{Text: s.Text, Bold: bold || s.Bold, Highlight: s.Field, Size: size}
	}
	return runs
}

// docxLangs are the language tags Word's spelling checker takes.
var docxLangs = map[brand.Lang]string{brand.FR: "fr-BE", brand.NL: "nl-BE", brand.DE: "de-BE", brand.EN: "en-GB"}

// docxLetterhead adds the logo and the body's name, address and website,
// right-aligned.
func docxLetterhead(doc *docx.Document, d *Doc, png []byte) error {
	if len(png) > 0 {
		lk, err := logo.Build(brand.Complaint, d.Lang, logo.Colour, logo.Print)
		if err != nil {
			return err
		}
		// The PNG holds the clear space too: 42 mm of logo is wider.
		wIn := 42 / 25.4 * lk.Art.View.X / lk.Logo.W
		doc.Picture(png, wIn, wIn*lk.Art.View.Y/lk.Art.View.X, "Logo", lk.Alt)
	}
	lines := append([]string{d.Org.Name.In(d.Lang)}, spanTexts(AddressLines(d.Org.Address.In(d.Lang)))...)
	if d.Org.Website != "" {
		lines = append(lines, d.Org.Website)
	}
	for i, l := range lines {
		r := docx.Run{Text: l, Size: docxHeadSize}
		if i == 0 {
			r = docx.Run{Text: l, Bold: true}
		}
		doc.Para(docx.Paragraph{Align: docx.Right, Tight: true, Runs: []docx.Run{r}})
	}
	doc.Empty()
	return nil
}

func spanTexts(ss []Span) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}

// docxRegistration sets the form as two-column tables, label and room to
// write, one table per section.
func docxRegistration(doc *docx.Document, d *Doc, para func([]Span), heading func([]Span, docx.Style)) {
	heading([]Span{{Text: d.Title}}, docx.Heading1)
	var rows [][][]docx.Paragraph
	flush := func() {
		if len(rows) > 0 {
			doc.Table(docx.Table{Widths: []float64{1, 2}, Rows: rows})
			rows = nil
		}
	}
	for _, b := range d.Body {
		switch b.Kind {
		case Para:
			flush()
			para(b.Spans)
		case Section:
			flush()
			heading([]Span{{Text: b.Label}}, docx.Heading2)
		case Line, Box, Choices:
			label := []docx.Paragraph{{Runs: []docx.Run{{Text: b.Label, Bold: true, Size: docxTableSize}}}}
			var room []docx.Paragraph
			switch b.Kind {
			case Choices:
				room = []docx.Paragraph{{Runs: []docx.Run{{Text: docxChoices(b.Choices), Size: docxTableSize}}}}
			case Box:
				room = make([]docx.Paragraph, max(b.Lines, 1))
			default:
				room = []docx.Paragraph{{}}
			}
			rows = append(rows, [][]docx.Paragraph{label, room})
		}
	}
	flush()
}

// docxChoices sets check boxes, each bound to its word by a no-break space
// so that a line never ends on a lone box.
func docxChoices(choices []string) string {
	return "☐\u00a0" + strings.Join(choices, "   ☐\u00a0")
}
