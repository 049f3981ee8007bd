// Package svg writes display-list pages as standalone SVG: text and logos as
// outlines (no fonts, no external references), a <title> and role="img" for
// assistive technology. Output is deterministic.
package svg

import (
	"bufio"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"affiches/internal/render/page"
	"affiches/internal/text"
)

// Options set the document's outer size and its accessible title.
type Options struct {
	Title  string
	Lang   string
	Width  string // e.g. "140" (pixels) or "60mm"; the page width in points when empty
	Height string
}

// Write renders p as SVG onto w.
func Write(w io.Writer, p *page.Page, fonts *text.Set, opt Options) error {
	bw := bufio.NewWriter(w)
	width, height := opt.Width, opt.Height
	if width == "" {
		width, height = num(p.W), num(p.H)
	}
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img" aria-labelledby="title"`,
		width, height, num(p.W), num(p.H))
	if opt.Lang != "" {
		fmt.Fprintf(bw, ` xml:lang="%s"`, escape(opt.Lang))
	}
	fmt.Fprintf(bw, ">\n<title id=\"title\">%s</title>\n", escape(opt.Title))
	r := &renderer{w: bw, fonts: fonts}
	p.Render(r)
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

type renderer struct {
	w     *bufio.Writer
	fonts *text.Set
}

func (r *renderer) Fill(f page.Fill) {
	fmt.Fprintf(r.w, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"/>\n", num(f.X), num(f.Y), num(f.W), num(f.H), hex(f.Colour))
}

func (r *renderer) Modules(m page.Modules) {
	for _, run := range m.Runs {
		r.Fill(page.Fill{Rect: m.RunRect(run), Colour: m.Colour})
	}
}

func (r *renderer) Art(a page.Art) {
	if a.Official != nil {
		// A page-level SVG holding official artwork embeds its PNG: an
		// SVG output carries no external references.
		fmt.Fprintf(r.w, "<image x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" href=\"data:image/png;base64,%s\"/>\n",
			num(a.Box.X), num(a.Box.Y), num(a.Box.W), num(a.Box.H), base64.StdEncoding.EncodeToString(a.Official.PNG))
		return
	}
	k := a.Scale()
	for _, p := range a.Paths {
		r.path(p.Segs, k, a.Box.X, a.Box.Y, p.EvenOdd, p.Fill)
	}
	for _, t := range a.Text {
		r.path(r.fonts.Face(t.Face).ArtOutline(t.S, t.Size, t.X, t.Y), k, a.Box.X, a.Box.Y, false, t.Colour)
	}
}

func (r *renderer) Text(t page.Text) {
	r.path(r.fonts.Face(t.Face).Outline(t.S, t.Size, t.X, t.Y), 1, 0, 0, false, t.Colour)
}

// Link does nothing: SVG output carries no references.
func (r *renderer) Link(page.Link) {}

func (r *renderer) path(segs []page.Seg, k, dx, dy float64, evenOdd bool, fill color.RGBA) {
	if len(segs) == 0 {
		return
	}
	var d strings.Builder
	pt := func(p page.Point) string { return num(p.X*k+dx) + " " + num(p.Y*k+dy) }
	for _, s := range segs {
		switch s.Op {
		case page.MoveTo:
			d.WriteString("M" + pt(s.Pts[0]))
		case page.LineTo:
			d.WriteString("L" + pt(s.Pts[0]))
		case page.CubicTo:
			d.WriteString("C" + pt(s.Pts[0]) + " " + pt(s.Pts[1]) + " " + pt(s.Pts[2]))
		case page.Close:
			d.WriteString("Z")
		}
	}
	rule := ""
	if evenOdd {
		rule = ` fill-rule="evenodd"`
	}
	fmt.Fprintf(r.w, "<path fill=\"%s\"%s d=\"%s\"/>\n", hex(fill), rule, d.String())
}

func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
