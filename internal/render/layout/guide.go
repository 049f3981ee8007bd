package layout

import (
	"fmt"
	"image/color"
	"math"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/logo"
	"affiches/internal/qr"
	"affiches/internal/render/page"
	"affiches/internal/rules"
	"affiches/internal/text"
	"affiches/internal/vector"
)

// Colours of the guide's annotations.
var (
	guideAccent = brand.DefaultAccent
	guideDark   = color.RGBA{0x1A, 0x1A, 0x1A, 0xFF}
	guideRed    = color.RGBA{0xC0, 0x10, 0x20, 0xFF}
	guideTint   = Tint(brand.DefaultAccent, 0.15)
)

// guide sets the guide's pages: a sheet of A4 pages with a band at the
// top and the page number at the foot, and helpers for its figures.
type guide struct {
	*sheet
	l   brand.Lang
	o   *brand.Org // the body whose poster the anatomy page shows
	err error
}

// Guide lays out the logo usage guide in l: every page drawn by the same
// renderer, from the rules the renderer enforces, so a changed rule changes
// the guide. Every rule of rules.All is stated on a page. The anatomy page
// shows o's own poster (the demo body's when o is nil), its parts found by
// name.
func Guide(o *brand.Org, l brand.Lang) (*page.Doc, error) {
	if o == nil {
		o = brand.Demo()
	}
	w, h := A4.Points()
	m := 20 * MM
	doc := &page.Doc{Info: page.Info{Title: catalog.T(l, "guide.title"), Author: "affiches", Subject: "logo usage guide", Lang: string(l)}}
	g := &guide{l: l, o: o}
	g.sheet = newSheet(doc, w, h, page.Rect{X: m, Y: m, W: w - 2*m, H: h - m - 18*MM}, l, g.pageFrame)
	g.cover()
	g.construction()
	g.webSizes()
	g.printSizes()
	g.versions()
	g.donts()
	g.qrCodes()
	g.anatomy()
	g.ruleIndex()
	if g.err != nil {
		return nil, g.err
	}
	if len(g.problems) > 0 {
		g.problems.Sort()
		return nil, g.problems
	}
	return checked(g.doc, &rules.Subject{Kind: rules.Guide})
}

func (g *guide) T(key string, args ...string) string { return catalog.T(g.l, key, args...) }

// pageFrame draws what every page carries: the band at the top, the
// guide's title and the page number at the foot.
func (g *guide) pageFrame(s *sheet) {
	f := NewFlow(s.w, s.lang, &s.problems)
	f.Decor("top-bar", page.Fill{Rect: page.Rect{W: s.w, H: 4 * MM}, Colour: guideAccent})
	Place(s.pg, f, 0, 0)
	foot := s.flow()
	footer := fmt.Sprintf("%s · %s", g.T("guide.title"), g.T("guide.page", "n", fmt.Sprint(len(s.doc.Pages))))
	foot.Text("page-footer", page.Artifact, Style{Face: page.Regular, Size: 8, Lead: 1.2, Colour: Muted}, footer, "catalog")
	Place(s.pg, foot, s.area.X, s.h-12*MM)
}

// title starts a page with its title.
func (g *guide) title(t string) {
	g.newPage()
	g.text("title", page.Heading1, t, page.Bold, 22, guideAccent)
	g.gap(4 * MM)
}

// text sets a paragraph across the page as the block name.
func (g *guide) text(name string, role page.Role, s string, face page.FontFace, size float64, c color.RGBA) {
	g.para(name, role, Style{Face: face, Size: size, Lead: 1.35, Colour: c}, []text.Span{{S: s, Face: face}}, "catalog")
	g.gap(size * 0.5)
}

// rule states a rule with its ID.
func (g *guide) rule(r rules.Rule) {
	f := g.flow()
	f.Text("rule-"+r.ID, page.Paragraph, Style{Face: page.Bold, Size: 9, Lead: 1.3, Colour: Muted}, r.ID, "rules")
	f.Y += 1
	f.Text("rule-"+r.ID+"-statement", page.Paragraph, Style{Face: page.Regular, Size: 11, Lead: 1.35, Colour: Ink}, r.In(g.l), "rules")
	f.Y += 7
	g.put(f)
}

// outline returns the four sides of r, lw thick, as decoration.
func outline(f *Flow, name string, r page.Rect, c color.RGBA, lw float64) {
	f.Decor(name, frame(r, lw, c)...)
}

func (g *guide) lockup(ch brand.Channel, v logo.Version, lay logo.Layout) *logo.Lockup {
	lk, err := logo.Build(ch, g.l, v, lay)
	if err != nil && g.err == nil {
		g.err = err
	}
	return lk
}

func (g *guide) cover() {
	g.y = 60 * MM
	g.text("title", page.Heading1, g.T("guide.title"), page.Bold, 30, guideAccent)
	g.gap(4 * MM)
	g.text("intro", page.Paragraph, g.T("guide.intro"), page.Regular, 13, Ink)
	g.gap(12 * MM)
	for _, ch := range brand.Channels {
		lk := g.lockup(ch, logo.Colour, logo.Print)
		if lk == nil {
			return
		}
		f := g.flow()
		k := 120 * MM / lk.Logo.W
		a := lk.Place(-lk.Clear*k, 0, 120*MM)
		f.PaddedFigure("logo-"+string(ch), lk.Alt, a.Box, lk.Clear*k, a)
		f.Y = a.Box.H + 8*MM
		g.put(f)
	}
}

func (g *guide) construction() {
	g.title(g.T("guide.construction"))
	g.rule(rules.LogoInseparable)
	g.rule(rules.LogoClearSpace)
	g.gap(6 * MM)
	for _, ch := range brand.Channels {
		lk := g.lockup(ch, logo.Colour, logo.Print)
		if lk == nil {
			return
		}
		f := g.flow()
		width := 120 * MM
		k := width / lk.Logo.W
		a := lk.Place((f.W-lk.Art.View.X*k)/2, 0, width)
		inner := page.Rect{X: a.Box.X + lk.Clear*k, Y: a.Box.Y + lk.Clear*k, W: lk.Logo.W * k, H: lk.Logo.H * k}
		// The clear space, tinted, then the logo on top of it, and x, the
		// clear space's width, marked on the left.
		f.Figure("clear-space-"+string(ch), lk.Alt+" — "+g.T("guide.clear_label"), a.Box,
			page.Fill{Rect: a.Box, Colour: guideTint}, page.Fill{Rect: inner, Colour: White}, a)
		outline(f, "clear-space-outline", a.Box, guideAccent, 0.8)
		outline(f, "logo-outline", inner, Muted, 0.4)
		f.Decor("clear-space-mark", page.Fill{Rect: page.Rect{X: a.Box.X, Y: a.Box.Y + a.Box.H/2 - 0.6, W: lk.Clear * k, H: 1.2}, Colour: guideRed})
		f.Y = a.Box.H + 2*MM
		_, h := f.TextAt("clear-space-label", page.Paragraph, a.Box.X, 120*MM, Style{Face: page.Bold, Size: 10, Lead: 1.3, Colour: guideRed}, g.T("guide.clear_label"), "catalog", "")
		f.Y += h + 8*MM
		g.put(f)
	}
}

func (g *guide) webSizes() {
	g.title(g.T("guide.web"))
	g.rule(rules.LogoWebSize)
	g.gap(6 * MM)
	f := g.flow()
	x, maxH := 0.0, 0.0
	for i, lay := range []logo.Layout{logo.WebSmall, logo.WebLarge} {
		lk := g.lockup(brand.Complaint, logo.Colour, lay)
		if lk == nil {
			return
		}
		const k = 1.4 // points per pixel, for reading
		a := lk.Art
		a.Box = page.Rect{X: x, Y: 0, W: a.View.X * k, H: a.View.Y * k}
		size := fmt.Sprintf("%d × %d px", rules.WebSizes[i][0], rules.WebSizes[i][1])
		f.Figure("web-"+string(lay), lk.Alt+" — "+size, a.Box, a)
		outline(f, "web-outline", a.Box, Muted, 0.5)
		f.Y = a.Box.H + 2*MM
		_, h := f.TextAt("web-size", page.Paragraph, x, a.Box.W+20, Style{Face: page.Bold, Size: 11, Lead: 1.3, Colour: Ink}, size, "rules", "")
		maxH = math.Max(maxH, f.Y+h)
		x += a.Box.W + 15*MM
	}
	f.Y = maxH + 4*MM
	g.put(f)
}

func (g *guide) printSizes() {
	g.title(g.T("guide.print"))
	g.rule(rules.LogoMinPrint)
	g.rule(rules.LogoAspect)
	g.gap(4 * MM)
	g.text("print-note", page.Paragraph, g.T("guide.print_note", "mm", fmt.Sprint(rules.MinPrintWidthMM)), page.Regular, 10, Muted)
	for _, width := range []float64{rules.MinPrintWidthMM, rules.DefaultPrintWidthMM} {
		lk := g.lockup(brand.Complaint, logo.Colour, logo.Print)
		if lk == nil {
			return
		}
		f := g.flow()
		k := width * MM / lk.Logo.W
		a := lk.Place(-lk.Clear*k, 0, width*MM)
		label := fmt.Sprintf("%g mm", width)
		f.PaddedFigure(fmt.Sprintf("print-%gmm", width), lk.Alt+" — "+label, a.Box, lk.Clear*k, a)
		// A ruler under the logo: its width in millimetres.
		f.Decor("ruler", page.Fill{Rect: page.Rect{Y: a.Box.Y + a.Box.H, W: width * MM, H: 0.8}, Colour: guideRed})
		f.Y = a.Box.Y + a.Box.H + 2*MM
		_, h := f.TextAt("ruler-label", page.Paragraph, 0, 60*MM, Style{Face: page.Bold, Size: 9, Lead: 1.3, Colour: guideRed}, label, "rules", "")
		f.Y += h + 6*MM
		g.put(f)
	}
}

func (g *guide) versions() {
	g.title(g.T("guide.versions"))
	g.rule(rules.LogoVersion)
	g.gap(4 * MM)
	panels := []struct {
		v  logo.Version
		bg color.RGBA
	}{{logo.Colour, White}, {logo.Black, White}, {logo.White, guideDark}, {logo.White, guideAccent}}
	f := g.flow()
	pw := (f.W - 8*MM) / 2
	ph := 45 * MM
	for i, p := range panels {
		x := float64(i%2) * (pw + 8*MM)
		y := float64(i/2) * (ph + 8*MM)
		box := page.Rect{X: x, Y: y, W: pw, H: ph}
		lk := g.lockup(brand.Complaint, p.v, logo.Print)
		if lk == nil {
			return
		}
		width := pw * 0.75
		k := width / lk.Logo.W
		a := lk.Place(x+(pw-lk.Art.View.X*k)/2, y+(ph-lk.Art.View.Y*k)/2, width)
		f.Figure(fmt.Sprintf("version-%d", i+1), lk.Alt+" ("+string(p.v)+")", box, page.Fill{Rect: box, Colour: p.bg}, a)
		outline(f, "version-outline", box, Muted, 0.4)
	}
	f.Y = 2*ph + 12*MM
	g.put(f)
}

// cross returns a red X over a box: two thick diagonal strokes as paths.
func cross(b page.Rect) page.Art {
	const t = 3.0
	stroke := func(x0, y0, x1, y1 float64) page.Path {
		dx, dy := x1-x0, y1-y0
		n := math.Hypot(dx, dy)
		ox, oy := -dy/n*t/2, dx/n*t/2
		pt := func(x, y float64) [3]page.Point { return [3]page.Point{{X: x, Y: y}} }
		return page.Path{Fill: guideRed, Segs: []page.Seg{
			{Op: page.MoveTo, Pts: pt(x0+ox, y0+oy)}, {Op: page.LineTo, Pts: pt(x1+ox, y1+oy)},
			{Op: page.LineTo, Pts: pt(x1-ox, y1-oy)}, {Op: page.LineTo, Pts: pt(x0-ox, y0-oy)}, {Op: page.Close},
		}}
	}
	paths := []page.Path{stroke(0, 0, b.W, b.H), stroke(b.W, 0, 0, b.H)}
	return page.Art{Name: "guide-cross", Box: b, View: page.Point{X: b.W, Y: b.H}, Paths: paths}
}

func (g *guide) donts() {
	g.title(g.T("guide.donts"))
	g.rule(rules.LogoAspect)
	g.rule(rules.LogoInseparable)
	g.rule(rules.ColourContrast)
	g.gap(2 * MM)
	lk := g.lockup(brand.Complaint, logo.Colour, logo.Print)
	if lk == nil {
		return
	}
	for i, label := range []string{g.T("guide.dont_stretch"), g.T("guide.dont_separate"), g.T("guide.dont_contrast")} {
		f := g.flow()
		pw, ph := f.W, 42*MM
		box := page.Rect{W: pw, H: ph}
		bg := White
		if i == 2 {
			bg = Tint(logo.TextColour, 0.75)
		}
		els := []page.Element{page.Fill{Rect: box, Colour: bg}}
		width := 70 * MM
		k := width / lk.Logo.W
		a := lk.Place(box.X+10*MM, box.Y+(ph-lk.Art.View.Y*k)/2, width)
		switch i {
		case 0: // stretched: the same shapes, 1.8 times as wide
			a.Paths = stretchX(append(a.Paths[:len(a.Paths):len(a.Paths)], outlines(a.Text)...), 1.8)
			a.Text = nil
			a.View.X *= 1.8
			a.Box.W *= 1.8
			els = append(els, a)
		case 1: // the balloon alone at the left, the baseline far right
			balloon, baseline := a, a
			balloon.Text = nil
			baseline.Paths = nil
			baseline.Box.X += 60 * MM
			els = append(els, balloon, baseline)
		default:
			els = append(els, a)
		}
		els = append(els, cross(page.Rect{X: box.X + 4*MM, Y: box.Y + 4*MM, W: pw - 8*MM, H: ph - 8*MM}))
		f.Figure(fmt.Sprintf("dont-%d", i+1), label, box, els...)
		outline(f, "dont-outline", box, Muted, 0.4)
		f.Y = ph + 1*MM
		_, h := f.TextAt(fmt.Sprintf("dont-%d-label", i+1), page.Paragraph, 0, f.W, Style{Face: page.Bold, Size: 11, Lead: 1.3, Colour: guideRed}, label, "catalog", "")
		f.Y += h + 5*MM
		g.put(f)
	}
}

// outlines returns the glyph outlines of lines of art text, as paths that
// can be distorted.
func outlines(lines []page.Text) []page.Path {
	out := make([]page.Path, len(lines))
	for i, t := range lines {
		out[i] = page.Path{Segs: text.Fonts().Face(t.Face).Outline(t.S, t.Size, t.X, t.Y), Fill: t.Colour}
	}
	return out
}

func stretchX(paths []page.Path, k float64) []page.Path {
	out := make([]page.Path, len(paths))
	for i, p := range paths {
		q := p
		q.Segs = make([]page.Seg, len(p.Segs))
		for j, s := range p.Segs {
			for n := range s.Pts {
				s.Pts[n].X *= k
			}
			q.Segs[j] = s
		}
		out[i] = q
	}
	return out
}

func (g *guide) qrCodes() {
	g.title(g.T("guide.qr"))
	for _, r := range []rules.Rule{rules.QRQuietZone, rules.QRErrorLevel, rules.QRModuleSize, rules.QRDarkOnLight, rules.QRURLMatch} {
		g.rule(r)
	}
	url := g.o.Complaint.FormURL.In(g.l)
	code, err := qr.Encode(url)
	if err != nil {
		g.err = err
		return
	}
	f := g.flow()
	module := math.Min(2.2*MM, f.W*0.6/float64(code.Modules()))
	side := float64(code.Modules()) * module
	x := (f.W - side) / 2
	q := float64(qr.QuietZone) * module
	els := []page.Element{
		page.Fill{Rect: page.Rect{X: x, W: side, H: side}, Colour: guideTint},
		page.Fill{Rect: page.Rect{X: x + q, Y: q, W: side - 2*q, H: side - 2*q}, Colour: White},
	}
	els = append(els, page.Modules{At: page.Point{X: x + q, Y: q}, Module: module, Runs: code.Runs(), Colour: Ink})
	quiet := g.T("guide.quiet_label", "n", fmt.Sprint(qr.QuietZone))
	f.Figure("qr", g.T("qr.alt", "url", url)+" — "+quiet, page.Rect{X: x, W: side, H: side}, els...)
	outline(f, "qr-outline", page.Rect{X: x, W: side, H: side}, guideAccent, 0.8)
	f.Y = side + 2*MM
	_, h := f.TextAt("quiet-label", page.Paragraph, x, side, Style{Face: page.Bold, Size: 10, Lead: 1.3, Colour: guideAccent}, quiet, "catalog", "")
	f.Y += h + 3*MM
	f.Text("url", page.Paragraph, Style{Face: page.Bold, Size: 12, Lead: 1.3, Colour: Ink, Breaks: text.InURL}, url, "complaint.form_url")
	g.put(f)
}

// anatomyParts are the poster's parts the anatomy page numbers, each found
// by its block's name, in the order of guide.anatomy.1 to .6.
var anatomyParts = []string{"logo", "headline", "note-panel", "qr", "next-heading", "footer-band"}

func (g *guide) anatomy() {
	g.title(g.T("guide.anatomy"))
	g.rule(rules.TextMinSize)
	g.rule(rules.TextFit)
	g.rule(rules.TextGlyphs)
	g.rule(rules.PrintMargin)
	g.rule(rules.LangSet)
	l := g.l
	if !g.o.Name.Has(l) || !g.o.Complaint.FormURL.Has(l) {
		l = g.o.Langs()[0]
	}
	doc, err := Poster(g.o, PosterOptions{Channel: brand.Complaint, Langs: []brand.Lang{l}, Size: A4})
	if err != nil {
		g.err = err
		return
	}
	p := doc.Pages[0]
	f := g.flow()
	k := 70 * MM / p.W
	g.keep(p.H*k + 4*MM)
	// The poster, scaled down, as one figure.
	var els []page.Element
	for _, e := range p.Elements {
		switch e := e.(type) {
		case page.Fill:
			els = append(els, page.Fill{Rect: scaleRect(e.Rect, k, 0, 0), Colour: e.Colour})
		case page.Modules:
			e.At.X, e.At.Y, e.Module = e.At.X*k, e.At.Y*k, e.Module*k
			els = append(els, e)
		case page.Text:
			els = append(els, page.Text{X: e.X * k, Y: e.Y * k, Face: e.Face, Size: e.Size * k, Colour: e.Colour, S: e.S})
		case page.Art:
			a := e
			a.Box = scaleRect(e.Box, k, 0, 0)
			els = append(els, a)
		}
	}
	frameBox := page.Rect{W: p.W * k, H: p.H * k}
	f.Figure("poster", doc.Info.Title+" — "+g.o.Name.In(l), frameBox, els...)
	outline(f, "poster-outline", frameBox, Muted, 0.5)
	// Numbered markers beside the parts, found by name.
	listX := frameBox.W + 10*MM
	for i, name := range anatomyParts {
		b, ok := p.Block(name)
		if !ok {
			g.err = fmt.Errorf("guide: the poster has no block %q", name)
			return
		}
		cy := (b.Box.Y + b.Box.H/2) * k
		g.marker(f, frameBox.W+4*MM, cy, i+1)
		f.Y = cy - 5
		f.TextAt(fmt.Sprintf("anatomy-%d", i+1), page.ListItem, listX, f.W-listX, Style{Face: page.Regular, Size: 10, Lead: 1.3, Colour: Ink}, g.T(fmt.Sprintf("guide.anatomy.%d", i+1)), "catalog", "")
	}
	f.Y = frameBox.H + 4*MM
	g.put(f)
}

func scaleRect(r page.Rect, k, dx, dy float64) page.Rect {
	return page.Rect{X: dx + r.X*k, Y: dy + r.Y*k, W: r.W * k, H: r.H * k}
}

// marker draws a numbered disc, as decoration beside its numbered item.
func (g *guide) marker(f *Flow, cx, cy float64, n int) {
	const r = 7.0
	s := fmt.Sprint(n)
	b := text.Fonts().Bold
	box := page.Rect{X: cx - r, Y: cy - r, W: 2 * r, H: 2 * r}
	f.Figure(fmt.Sprintf("marker-%d", n), "", box,
		page.Art{Name: "guide-marker", Box: box, View: page.Point{X: 2 * r, Y: 2 * r}, Paths: []page.Path{{Fill: guideAccent, Segs: vector.Circle(r, r, r)}}},
		page.Text{X: cx - b.Width(s, 9)/2, Y: cy + 3.2, Face: page.Bold, Size: 9, Colour: White, S: s})
}

func (g *guide) ruleIndex() {
	g.title(g.T("guide.rules"))
	for _, r := range rules.All {
		g.keep(30 * MM)
		f := g.flow()
		f.Text("rule-"+r.ID, page.Heading2, Style{Face: page.Bold, Size: 9, Lead: 1.35, Colour: Muted}, r.ID+" · "+r.SourceIn(g.l), "rules")
		f.Y += 2
		f.Text("rule-"+r.ID+"-statement", page.Paragraph, Style{Face: page.Regular, Size: 10.5, Lead: 1.35, Colour: Ink}, r.In(g.l), "rules")
		f.Y += 6
		g.put(f)
	}
}
