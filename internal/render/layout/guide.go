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

// guide writes pages of A4 with a running y.
type guide struct {
	l     brand.Lang
	doc   *page.Doc
	pg    *page.Page
	y     float64
	w, h  float64
	m     float64
	err   error
	fonts *text.Set
}

// Guide lays out the logo usage guide in l: every page drawn by the same
// renderer, from the rules the renderer enforces, so a changed rule changes
// the guide. Every rule of rules.All is stated on a page.
func Guide(l brand.Lang) (*page.Doc, error) {
	w, h := A4.Points()
	g := &guide{l: l, w: w, h: h, m: 20 * MM, fonts: text.Fonts(),
		doc: &page.Doc{Info: page.Info{Title: catalog.T(l, "guide.title"), Author: "affiches", Subject: "logo usage guide", Lang: string(l)}}}
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
	return g.doc, nil
}

func (g *guide) T(key string, args ...string) string { return catalog.T(g.l, key, args...) }

func (g *guide) newPage(title string) {
	g.pg = &page.Page{W: g.w, H: g.h}
	g.doc.Pages = append(g.doc.Pages, g.pg)
	g.pg.Add(page.Fill{Rect: page.Rect{W: g.w, H: 4 * MM}, Colour: guideAccent})
	footer := fmt.Sprintf("%s · %s", g.T("guide.title"), g.T("guide.page", "n", fmt.Sprint(len(g.doc.Pages))))
	g.pg.Add(page.Text{X: g.m, Y: g.h - 10*MM, Face: page.Regular, Size: 8, Colour: Muted, S: footer})
	g.y = g.m
	if title != "" {
		g.para(title, page.Bold, 22, guideAccent)
		g.y += 4 * MM
	}
}

// para sets a paragraph across the page width and moves down.
func (g *guide) para(s string, face page.FontFace, size float64, c color.RGBA) {
	g.paraAt(g.m, g.w-2*g.m, s, face, size, c)
}

func (g *guide) paraAt(x, width float64, s string, face page.FontFace, size float64, c color.RGBA) {
	f := g.fonts.Face(face)
	b, err := text.FitBlock(f, s, text.Fit{Max: size, Min: size, Width: width, Leading: 1.35})
	if err != nil {
		if g.err == nil {
			g.err = err
		}
		return
	}
	y := g.y + f.Ascent(size)
	for _, line := range b.Lines {
		g.pg.Add(page.Text{X: x, Y: y, Face: face, Size: size, Colour: c, S: line})
		y += b.LineHeight
	}
	g.y += b.Height(f) + size*0.5
}

// rule states a rule with its ID.
func (g *guide) rule(r rules.Rule) {
	g.para(r.ID, page.Bold, 9, Muted)
	g.y -= 2
	g.para(r.In(g.l), page.Regular, 11, Ink)
	g.y += 2
}

func (g *guide) outline(r page.Rect, c color.RGBA, lw float64) {
	g.pg.Add(
		page.Fill{Rect: page.Rect{X: r.X, Y: r.Y, W: r.W, H: lw}, Colour: c},
		page.Fill{Rect: page.Rect{X: r.X, Y: r.Y + r.H - lw, W: r.W, H: lw}, Colour: c},
		page.Fill{Rect: page.Rect{X: r.X, Y: r.Y, W: lw, H: r.H}, Colour: c},
		page.Fill{Rect: page.Rect{X: r.X + r.W - lw, Y: r.Y, W: lw, H: r.H}, Colour: c},
	)
}

func (g *guide) lockup(ch brand.Channel, v logo.Version, lay logo.Layout) *logo.Lockup {
	lk, err := logo.Build(ch, g.l, v, lay)
	if err != nil && g.err == nil {
		g.err = err
	}
	return lk
}

func (g *guide) cover() {
	g.newPage("")
	g.y = 60 * MM
	g.para(g.T("guide.title"), page.Bold, 30, guideAccent)
	g.y += 4 * MM
	g.para(g.T("guide.intro"), page.Regular, 13, Ink)
	g.y += 12 * MM
	for _, ch := range brand.Channels {
		lk := g.lockup(ch, logo.Colour, logo.Print)
		if lk == nil {
			return
		}
		a := lk.Place(g.m-lk.Clear*(120*MM/lk.Logo.W), g.y, 120*MM)
		g.pg.Add(a)
		g.y += a.Box.H + 8*MM
	}
}

func (g *guide) construction() {
	g.newPage(g.T("guide.construction"))
	g.rule(rules.LogoInseparable)
	g.rule(rules.LogoClearSpace)
	g.y += 6 * MM
	for _, ch := range brand.Channels {
		lk := g.lockup(ch, logo.Colour, logo.Print)
		if lk == nil {
			return
		}
		width := 120 * MM
		k := width / lk.Logo.W
		x := (g.w - lk.Art.View.X*k) / 2
		a := lk.Place(x, g.y, width)
		// The clear space, tinted, then the logo on top of it.
		g.pg.Add(page.Fill{Rect: a.Box, Colour: guideTint})
		inner := page.Rect{X: a.Box.X + lk.Clear*k, Y: a.Box.Y + lk.Clear*k, W: lk.Logo.W * k, H: lk.Logo.H * k}
		g.pg.Add(page.Fill{Rect: inner, Colour: White})
		g.pg.Add(a)
		g.outline(a.Box, guideAccent, 0.8)
		g.outline(inner, Muted, 0.4)
		// x: the clear space's width, marked on the left.
		g.pg.Add(page.Fill{Rect: page.Rect{X: a.Box.X, Y: a.Box.Y + a.Box.H/2 - 0.6, W: lk.Clear * k, H: 1.2}, Colour: guideRed})
		g.y += a.Box.H + 2*MM
		g.paraAt(a.Box.X, 120*MM, g.T("guide.clear_label"), page.Bold, 10, guideRed)
		g.y += 6 * MM
	}
}

func (g *guide) webSizes() {
	g.newPage(g.T("guide.web"))
	g.rule(rules.LogoWebSize)
	g.y += 6 * MM
	x := g.m
	top := g.y
	maxH := 0.0
	for i, lay := range []logo.Layout{logo.WebSmall, logo.WebLarge} {
		lk := g.lockup(brand.Complaint, logo.Colour, lay)
		if lk == nil {
			return
		}
		const k = 1.4 // points per pixel, for reading
		a := lk.Art
		a.Box = page.Rect{X: x, Y: top, W: a.View.X * k, H: a.View.Y * k}
		g.pg.Add(a)
		g.outline(a.Box, Muted, 0.5)
		g.y = top + a.Box.H + 2*MM
		g.paraAt(x, a.Box.W+20, fmt.Sprintf("%d × %d px", rules.WebSizes[i][0], rules.WebSizes[i][1]), page.Bold, 11, Ink)
		maxH = math.Max(maxH, g.y-top)
		x += a.Box.W + 15*MM
	}
	g.y = top + maxH + 4*MM
}

func (g *guide) printSizes() {
	g.newPage(g.T("guide.print"))
	g.rule(rules.LogoMinPrint)
	g.rule(rules.LogoAspect)
	g.y += 4 * MM
	g.para(g.T("guide.print_note", "mm", fmt.Sprint(rules.MinPrintWidthMM)), page.Regular, 10, Muted)
	for _, width := range []float64{rules.MinPrintWidthMM, 60} {
		lk := g.lockup(brand.Complaint, logo.Colour, logo.Print)
		if lk == nil {
			return
		}
		k := width * MM / lk.Logo.W
		a := lk.Place(g.m-lk.Clear*k, g.y, width*MM)
		g.pg.Add(a)
		// A ruler under the logo: its width in millimetres.
		g.pg.Add(page.Fill{Rect: page.Rect{X: g.m, Y: a.Box.Y + a.Box.H, W: width * MM, H: 0.8}, Colour: guideRed})
		g.y = a.Box.Y + a.Box.H + 2*MM
		g.paraAt(g.m, 60*MM, fmt.Sprintf("%g mm", width), page.Bold, 9, guideRed)
		g.y += 4 * MM
	}
}

func (g *guide) versions() {
	g.newPage(g.T("guide.versions"))
	g.rule(rules.LogoVersion)
	g.y += 4 * MM
	panels := []struct {
		v  logo.Version
		bg color.RGBA
	}{{logo.Colour, White}, {logo.Black, White}, {logo.White, guideDark}, {logo.White, guideAccent}}
	pw := (g.w - 2*g.m - 8*MM) / 2
	ph := 45 * MM
	for i, p := range panels {
		x := g.m + float64(i%2)*(pw+8*MM)
		y := g.y + float64(i/2)*(ph+8*MM)
		box := page.Rect{X: x, Y: y, W: pw, H: ph}
		g.pg.Add(page.Fill{Rect: box, Colour: p.bg})
		g.outline(box, Muted, 0.4)
		lk := g.lockup(brand.Complaint, p.v, logo.Print)
		if lk == nil {
			return
		}
		width := pw * 0.75
		k := width / lk.Logo.W
		a := lk.Place(x+(pw-lk.Art.View.X*k)/2, y+(ph-lk.Art.View.Y*k)/2, width)
		g.pg.Add(a)
	}
	g.y += 2*ph + 12*MM
}

// cross draws a red X over a box: two thick diagonal strokes as paths.
func (g *guide) cross(b page.Rect) {
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
	g.pg.Add(page.Art{Name: "guide-cross", Box: page.Rect{X: 0, Y: 0, W: g.w, H: g.h}, View: page.Point{X: g.w, Y: g.h},
		Paths: []page.Path{stroke(b.X, b.Y, b.X+b.W, b.Y+b.H), stroke(b.X+b.W, b.Y, b.X, b.Y+b.H)}})
}

func (g *guide) donts() {
	g.newPage(g.T("guide.donts"))
	g.rule(rules.LogoAspect)
	g.rule(rules.LogoInseparable)
	g.rule(rules.ColourContrast)
	g.y += 2 * MM
	lk := g.lockup(brand.Complaint, logo.Colour, logo.Print)
	if lk == nil {
		return
	}
	pw, ph := g.w-2*g.m, 42*MM
	for i, label := range []string{g.T("guide.dont_stretch"), g.T("guide.dont_separate"), g.T("guide.dont_contrast")} {
		box := page.Rect{X: g.m, Y: g.y, W: pw, H: ph}
		bg := White
		if i == 2 {
			bg = Tint(logo.TextColour, 0.75)
		}
		g.pg.Add(page.Fill{Rect: box, Colour: bg})
		g.outline(box, Muted, 0.4)
		width := 70 * MM
		k := width / lk.Logo.W
		a := lk.Place(box.X+10*MM, box.Y+(ph-lk.Art.View.Y*k)/2, width)
		switch i {
		case 0: // stretched: the same paths, twice as wide
			a.Paths = stretchX(a.Paths, 1.8)
			a.View.X *= 1.8
			a.Box.W *= 1.8
		case 1: // the balloon alone at the left, the baseline far right
			balloon, baseline := a, a
			n := len(a.Paths) - 2
			balloon.Paths = a.Paths[:n]
			baseline.Paths = a.Paths[n:]
			baseline.Box.X += 60 * MM
			g.pg.Add(balloon, baseline)
			a = page.Art{}
		}
		if a.Paths != nil {
			g.pg.Add(a)
		}
		g.cross(page.Rect{X: box.X + 4*MM, Y: box.Y + 4*MM, W: pw - 8*MM, H: ph - 8*MM})
		g.y += ph + 1*MM
		g.para(label, page.Bold, 11, guideRed)
		g.y += 2 * MM
	}
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
	g.newPage(g.T("guide.qr"))
	for _, r := range []rules.Rule{rules.QRQuietZone, rules.QRErrorLevel, rules.QRModuleSize, rules.QRDarkOnLight, rules.QRURLMatch} {
		g.rule(r)
	}
	url := brand.Demo().Complaint.FormURL.In(g.l)
	code, err := qr.Encode(url)
	if err != nil {
		g.err = err
		return
	}
	module := 2.2 * MM
	side := float64(code.Modules()) * module
	x := (g.w - side) / 2
	y := g.y + 4*MM
	g.pg.Add(page.Fill{Rect: page.Rect{X: x, Y: y, W: side, H: side}, Colour: guideTint})
	q := float64(qr.QuietZone) * module
	g.pg.Add(page.Fill{Rect: page.Rect{X: x + q, Y: y + q, W: side - 2*q, H: side - 2*q}, Colour: White})
	for _, r := range code.Runs() {
		g.pg.Add(page.Fill{Rect: page.Rect{X: x + q + float64(r.X)*module, Y: y + q + float64(r.Y)*module, W: float64(r.N) * module, H: module}, Colour: Ink})
	}
	g.outline(page.Rect{X: x, Y: y, W: side, H: side}, guideAccent, 0.8)
	g.y = y + side + 2*MM
	g.paraAt(x, side, g.T("guide.quiet_label", "n", fmt.Sprint(qr.QuietZone)), page.Bold, 10, guideAccent)
	g.paraAt(g.m, g.w-2*g.m, url, page.Bold, 12, Ink)
}

func (g *guide) anatomy() {
	g.newPage(g.T("guide.anatomy"))
	g.rule(rules.TextMinSize)
	g.rule(rules.TextFit)
	g.rule(rules.TextGlyphs)
	g.rule(rules.PrintMargin)
	g.rule(rules.LangSet)
	doc, err := Poster(brand.Demo(), PosterOptions{Channel: brand.Complaint, Langs: []brand.Lang{g.l}, Size: A4})
	if err != nil {
		g.err = err
		return
	}
	p := doc.Pages[0]
	k := 70 * MM / p.W
	x0, y0 := g.m, g.y+2*MM
	// The poster, scaled down, framed.
	for _, e := range p.Elements {
		switch e := e.(type) {
		case page.Fill:
			g.pg.Add(page.Fill{Rect: scaleRect(e.Rect, k, x0, y0), Colour: e.Colour})
		case page.Text:
			g.pg.Add(page.Text{X: x0 + e.X*k, Y: y0 + e.Y*k, Face: e.Face, Size: e.Size * k, Colour: e.Colour, S: e.S})
		case page.Art:
			a := e
			a.Box = scaleRect(e.Box, k, x0, y0)
			g.pg.Add(a)
		}
	}
	g.outline(page.Rect{X: x0, Y: y0, W: p.W * k, H: p.H * k}, Muted, 0.5)
	// Numbered markers beside the parts, found in the display list.
	marks := anatomyMarks(p)
	listX := x0 + p.W*k + 10*MM
	for i, y := range marks {
		cy := y0 + y*k
		g.marker(x0+p.W*k+4*MM, cy, i+1)
		g.y = cy - 5
		g.paraAt(listX, g.w-g.m-listX, g.T(fmt.Sprintf("guide.anatomy.%d", i+1)), page.Regular, 10, Ink)
	}
	g.y = y0 + p.H*k + 4*MM
}

// anatomyMarks finds the y of the poster's six parts: logo, headline,
// note, contact (the QR code's link), deadlines, footer.
func anatomyMarks(p *page.Page) []float64 {
	marks := make([]float64, 6)
	var seenLink bool
	for _, e := range p.Elements {
		switch e := e.(type) {
		case page.Art:
			if marks[0] == 0 && len(e.Name) > 4 && e.Name[:4] == "logo" {
				marks[0] = e.Box.Y + e.Box.H/2
			}
		case page.Text:
			if marks[1] == 0 && e.Face == page.Bold && e.Size > 20 {
				marks[1] = e.Y
			}
			if seenLink && marks[4] == 0 && e.Face == page.Bold && e.Y > marks[3]+40 && e.Colour == brand.DefaultAccent {
				marks[4] = e.Y
			}
		case page.Fill:
			if marks[2] == 0 && e.Colour == Tint(brand.DefaultAccent, 0.12) {
				marks[2] = e.Y + e.H/2
			}
			if e.Y+e.H >= p.H-0.5 && e.Y > p.H/2 {
				marks[5] = e.Y + e.H/2
			}
		case page.Link:
			if !seenLink {
				seenLink = true
				marks[3] = e.Y + e.H/2
			}
		}
	}
	return marks
}

func scaleRect(r page.Rect, k, dx, dy float64) page.Rect {
	return page.Rect{X: dx + r.X*k, Y: dy + r.Y*k, W: r.W * k, H: r.H * k}
}

// marker draws a numbered disc.
func (g *guide) marker(cx, cy float64, n int) {
	const r = 7.0
	g.pg.Add(page.Art{Name: "guide-marker", Box: page.Rect{X: cx - r, Y: cy - r, W: 2 * r, H: 2 * r}, View: page.Point{X: 2 * r, Y: 2 * r},
		Paths: []page.Path{{Fill: guideAccent, Segs: vector.Circle(r, r, r)}}})
	s := fmt.Sprint(n)
	f := g.fonts.Bold
	g.pg.Add(page.Text{X: cx - f.Width(s, 9)/2, Y: cy + 3.2, Face: page.Bold, Size: 9, Colour: White, S: s})
}

func (g *guide) ruleIndex() {
	g.newPage(g.T("guide.rules"))
	for _, r := range rules.All {
		if g.y > g.h-40*MM {
			g.newPage(g.T("guide.rules"))
		}
		g.para(r.ID+" · "+r.Source, page.Bold, 9, Muted)
		g.y -= 2
		g.para(r.In(g.l), page.Regular, 10.5, Ink)
		g.y += 1
	}
}
