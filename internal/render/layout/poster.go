package layout

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/logo"
	"affiches/internal/qr"
	"affiches/internal/render/page"
	"affiches/internal/rules"
	"affiches/internal/text"
)

// Size is an ISO A-series poster size, portrait.
type Size string

// The poster sizes.
const (
	A5 Size = "a5"
	A4 Size = "a4"
	A3 Size = "a3"
)

// Sizes lists the poster sizes.
var Sizes = []Size{A5, A4, A3}

// ParseSize reads a size name.
func ParseSize(s string) (Size, error) {
	for _, z := range Sizes {
		if string(z) == s {
			return z, nil
		}
	}
	return "", fmt.Errorf("unknown size %q (want a5, a4 or a3)", s)
}

// Points returns the page's exact ISO size in points (A4 = 595.28 × 841.89).
func (s Size) Points() (w, h float64) {
	switch s {
	case A5:
		return 148 * MM, 210 * MM
	case A3:
		return 297 * MM, 420 * MM
	}
	return 210 * MM, 297 * MM
}

// ScanDistanceMM is how far away a poster of this size is read from, which
// sets the smallest QR module (rule QR-MODULE-SIZE).
func (s Size) ScanDistanceMM() float64 {
	switch s {
	case A5:
		return 500
	case A3:
		return 1500
	}
	return 1000
}

// PosterOptions says which poster to make.
type PosterOptions struct {
	Channel   brand.Channel
	Langs     []brand.Lang
	Size      Size
	PrintShop bool       // 3 mm bleed beyond the trim, TrimBox
	CropMarks bool       // crop marks outside the bleed (implies PrintShop)
	Pack      *logo.Pack // the body's official artwork, or nil for the built-in logos
}

// Poster lays out a poster. Every problem (a text that does not fit, a
// colour with too little contrast, a URL too long for a readable QR code) is
// reported with its field and rule; no page is returned then.
func Poster(o *brand.Org, opt PosterOptions) (*page.Doc, error) {
	if len(opt.Langs) == 0 {
		opt.Langs = o.Langs()
	}
	if opt.CropMarks {
		opt.PrintShop = true
	}
	if ps := o.NeedLangs(opt.Channel, opt.Langs); len(ps) > 0 {
		return nil, ps
	}
	var ps brand.Problems
	accent := o.Accent
	// The accent carries large bold text on white (headline, headings) and
	// white large bold text (the footer).
	if err := rules.CheckContrast("colours.accent", accent, White, true); err != nil {
		ps = append(ps, err.(brand.Problems)...)
	}
	if len(ps) > 0 {
		return nil, ps
	}

	trimW, trimH := opt.Size.Points()
	k := trimW / (210 * MM) // scale from A4
	var bleed, marks float64
	if opt.PrintShop {
		bleed = rules.BleedMM * MM
	}
	if opt.CropMarks {
		marks = 10 * MM // room for the marks beyond the bleed
	}
	off := bleed + marks
	pg := &page.Page{W: trimW + 2*off, H: trimH + 2*off}
	if opt.PrintShop {
		pg.Trim = &page.Rect{X: off, Y: off, W: trimW, H: trimH}
	}
	if opt.CropMarks {
		pg.Bleed = &page.Rect{X: marks, Y: marks, W: trimW + 2*bleed, H: trimH + 2*bleed}
	}

	d := newPosterDesign(o, opt, k, trimW, trimH)
	els, err := d.build()
	if err != nil {
		return nil, err
	}
	// Background bands bleed: they were laid out to the trim edge and are
	// stretched by the bleed here.
	pg.Add(translate(d.bleedBands(els, bleed), off, off)...)
	if opt.CropMarks {
		pg.Add(cropMarks(pg, bleed)...)
	}

	names := make([]string, len(opt.Langs))
	for i, l := range opt.Langs {
		names[i] = o.Name.In(l)
	}
	title := catalog.T(opt.Langs[0], "poster."+string(opt.Channel)+".headline")
	return &page.Doc{
		Info: page.Info{
			Title:   title,
			Author:  joinNonEmpty(" / ", names...),
			Subject: fmt.Sprintf("%s poster, %s, %s", opt.Channel, brand.JoinLangs(opt.Langs), opt.Size),
			Lang:    string(opt.Langs[0]),
		},
		Pages: []*page.Page{pg},
	}, nil
}

// posterDesign holds the grid and the base sizes of a poster.
type posterDesign struct {
	o      *brand.Org
	opt    PosterOptions
	k      float64 // A4 → this size
	w, h   float64 // trim size
	margin float64
	cols   int
	colW   float64
	gutter float64
	footH  float64
	topBar float64
	body   float64 // base body size at this scale
	minS   float64 // the smallest scale allowed (body text at its minimum)
}

func newPosterDesign(o *brand.Org, opt PosterOptions, k, w, h float64) *posterDesign {
	d := &posterDesign{o: o, opt: opt, k: k, w: w, h: h, cols: len(opt.Langs)}
	d.margin = 15 * MM * k
	d.gutter = 10 * MM * k
	d.footH = 20 * MM * k
	d.topBar = 4 * MM * k
	base := 18.0
	if d.cols > 1 {
		// Several languages share the sheet: tighter margins and the
		// minimum body size, the same in every column.
		d.margin = 9 * MM * k
		d.gutter = 7 * MM * k
		d.footH = 12 * MM * k
		d.topBar = 3 * MM * k
		base = rules.MinBodyPtA4
	}
	d.colW = (w - 2*d.margin - float64(d.cols-1)*d.gutter) / float64(d.cols)
	d.body = base * k
	d.minS = rules.MinBodyPtA4 / base
	return d
}

// sizes at scale s: every size and gap of the design.
type sizes struct {
	headline, heading, body, detail, caption float64
	gap, small                               float64
	logoW                                    float64
	qrMin                                    float64 // preferred QR side, quiet zone included
}

func (d *posterDesign) sizes(s float64) sizes {
	b := d.body * s
	z := sizes{
		headline: b * 1.75,
		heading:  b * 1.2,
		body:     b,
		detail:   b,
		caption:  b * 0.8,
		gap:      b * 1.1,
		small:    b * 0.4,
		qrMin:    46 * MM * d.k,
		logoW:    80 * MM * d.k * math.Min(1, s*1.05),
	}
	if d.cols > 1 {
		z.headline = b * 1.45
		z.heading = b * 1.15
		z.gap = b * 0.65
		z.small = b * 0.3
		z.qrMin = 30 * MM * d.k
		z.logoW = math.Min(d.colW*0.78, 70*MM*d.k)
	}
	return z
}

// build lays the rows out at the largest scale at which they fit.
func (d *posterDesign) build() ([]page.Element, error) {
	avail := d.h - d.topBar - d.margin*0.9 - d.footH - d.margin*0.6
	var last float64
	for s := 1.0; s >= d.minS-1e-9; s -= 0.02 {
		els, height, ps := d.rows(s, avail)
		if len(ps) > 0 {
			ps.Sort()
			return nil, ps
		}
		if height <= avail {
			return els, nil
		}
		last = height
	}
	advice := "use a larger size or fewer languages per poster"
	if d.opt.Size == A3 {
		advice = "make one poster per language or language pair"
	}
	return nil, brand.Problems{rules.TextMinSize.Violation("",
		"the %s poster in %s needs %.0f pt of height with body text at its %.1f pt minimum; %s holds %.0f pt: %s",
		d.opt.Channel, brand.JoinLangs(d.opt.Langs), last, rules.MinBodyPtA4*d.k, strings.ToUpper(string(d.opt.Size)), avail, advice)}
}

// rows builds every row of every language column at scale s and returns the
// elements in trim coordinates and the height the rows take.
func (d *posterDesign) rows(s, avail float64) ([]page.Element, float64, brand.Problems) {
	z := d.sizes(s)
	var ps brand.Problems
	ch := d.opt.Channel
	type rowFn func(c *cell, l brand.Lang)
	rows := []rowFn{
		func(c *cell, l brand.Lang) { d.logoRow(c, l, z) },
		func(c *cell, l brand.Lang) {
			key := "poster." + string(ch) + ".headline"
			headline := catalog.T(l, key)
			if d.cols == 1 {
				// One language has room for the call to action as well.
				headline += " " + catalog.T(l, "poster."+string(ch)+".call")
			}
			c.block(paraStyle{face: page.Bold, size: z.headline, lead: 1.15, colour: d.o.Accent}, headline, "catalog."+string(l)+"."+key)
		},
		func(c *cell, l brand.Lang) {
			c.block(paraStyle{face: page.Regular, size: z.body, lead: 1.3, colour: Ink},
				catalog.T(l, "poster."+string(ch)+".about"), "catalog."+string(l)+".poster."+string(ch)+".about")
		},
		func(c *cell, l brand.Lang) { d.noteRow(c, l, z) },
		func(c *cell, l brand.Lang) { d.contactRow(c, l, z) },
		func(c *cell, l brand.Lang) { d.nextRow(c, l, z) },
	}
	if ch == brand.Complaint {
		rows = append(rows, func(c *cell, l brand.Lang) { d.secondRow(c, l, z) })
	}

	// Build every cell, then align rows across columns.
	cells := make([][]*cell, len(rows))
	heights := make([]float64, len(rows))
	total := 0.0
	for r, fn := range rows {
		for _, l := range d.opt.Langs {
			c := &cell{w: d.colW, problems: &ps}
			fn(c, l)
			cells[r] = append(cells[r], c)
			heights[r] = math.Max(heights[r], c.y)
		}
		total += heights[r]
	}
	gaps := float64(len(rows)-1) * z.gap
	if len(ps) > 0 || total+gaps > avail {
		return nil, total + gaps, ps
	}
	// Spread what is left between the rows, up to twice the gap: a poster
	// breathes rather than leaving a hole at the bottom.
	gap := z.gap + math.Min(z.gap, (avail-total-gaps)/float64(len(rows)-1))

	els := d.frame(z, &ps)
	y := d.topBar + d.margin*0.9
	for r := range rows {
		for i, c := range cells[r] {
			els = append(els, translate(c.els, d.colX(i), y)...)
		}
		y += heights[r] + gap
	}
	return els, total + gaps, ps
}

// frame returns the top bar and the footer band with the body's name in
// each language, side by side.
func (d *posterDesign) frame(z sizes, ps *brand.Problems) []page.Element {
	var els []page.Element
	els = append(els, page.Fill{Rect: page.Rect{X: 0, Y: 0, W: d.w, H: d.topBar}, Colour: d.o.Accent})
	footY := d.h - d.footH
	els = append(els, page.Fill{Rect: page.Rect{X: 0, Y: footY, W: d.w, H: d.footH}, Colour: d.o.Accent})
	n := len(d.opt.Langs)
	colW := (d.w - 2*d.margin - float64(n-1)*d.gutter) / float64(n)
	for i, l := range d.opt.Langs {
		c := &cell{w: colW, problems: ps}
		st := paraStyle{face: page.Bold, size: z.heading, min: z.caption, lead: 1.15, colour: White, maxLines: 2}
		f := text.Fonts().Bold
		blk, err := text.FitBlock(f, d.o.Name.In(l), text.Fit{Max: st.size, Min: st.min, Width: colW, MaxLines: 2, Leading: 1.15, MaxHeight: d.footH * 0.8})
		if err != nil {
			*ps = append(*ps, textProblem(fieldFor("name", d.o.Name, l), err))
			continue
		}
		// Centred in the band, but the last baseline stays inside the
		// safe margin however thin the band is.
		lastBaseline := f.Ascent(blk.Size) + float64(len(blk.Lines)-1)*blk.LineHeight
		c.y = math.Min((d.footH-blk.Height(f))/2, d.footH-rules.SafeMarginMM*MM-lastBaseline)
		st.size, st.min = blk.Size, blk.Size
		c.block(st, d.o.Name.In(l), fieldFor("name", d.o.Name, l))
		els = append(els, translate(c.els, d.margin+float64(i)*(colW+d.gutter), footY)...)
	}
	return els
}

func (d *posterDesign) colX(i int) float64 {
	return d.margin + float64(i)*(d.colW+d.gutter)
}

// lockup returns the poster's logo in l: the pack's, or the built-in one.
func (d *posterDesign) lockup(l brand.Lang) (*logo.Lockup, error) {
	if d.opt.Pack != nil {
		return logo.Official(*d.opt.Pack, d.opt.Channel, l, logo.Colour)
	}
	return logo.Build(d.opt.Channel, l, logo.Colour, logo.Print)
}

func (d *posterDesign) logoRow(c *cell, l brand.Lang, z sizes) {
	lk, err := d.lockup(l)
	if err != nil {
		if d.opt.Pack != nil {
			*c.problems = append(*c.problems, brand.Problem{Field: "logo_pack", Message: err.Error()})
		} else {
			*c.problems = append(*c.problems, textProblem("logo", err))
		}
		return
	}
	// Equal weight: every language's logo at the same scale, the widest
	// lock-up taking the logo width. Official artwork of other proportions
	// is kept to the same height instead.
	widest := lk.Logo.W
	for _, other := range d.opt.Langs {
		if o, err := d.lockup(other); err == nil {
			widest = math.Max(widest, o.Logo.W*lk.Logo.H/o.Logo.H)
		}
	}
	width := z.logoW * lk.Logo.W / widest
	if d.opt.Pack != nil {
		// Official artwork of any proportions takes no more height than
		// the built-in lock-up would.
		if b, err := logo.Build(d.opt.Channel, l, logo.Colour, logo.Print); err == nil {
			maxH := b.Logo.H * z.logoW / b.Logo.W
			width = math.Min(width, maxH*lk.Logo.W/lk.Logo.H)
		}
	}
	if width < rules.MinPrintWidthMM*MM {
		*c.problems = append(*c.problems, rules.LogoMinPrint.Violation("", "the %s logo would be %.1f mm wide", l, width/MM))
		return
	}
	// The clear space is part of the art's box and stays empty: the logo's
	// visible edge lines up with the text by pulling the box left by it.
	art := lk.Place(0, 0, width)
	scale := art.Scale()
	art.Box.X -= lk.Clear * scale
	art.Box.Y -= lk.Clear * scale
	c.add(art)
	c.y = art.Box.H - 2*lk.Clear*scale + lk.Clear*scale
}

func (d *posterDesign) noteRow(c *cell, l brand.Lang, z sizes) {
	ch := string(d.opt.Channel)
	pad := z.body * 0.8
	inner := &cell{w: c.w - 2*pad, problems: c.problems}
	inner.block(paraStyle{face: page.Bold, size: z.body, lead: 1.3, colour: Ink},
		catalog.T(l, "poster."+ch+".note"), "catalog."+string(l)+".poster."+ch+".note")
	h := inner.y + 2*pad
	tint := Tint(d.o.Accent, 0.12)
	c.add(page.Fill{Rect: page.Rect{X: 0, Y: 0, W: c.w, H: h}, Colour: tint})
	c.add(page.Fill{Rect: page.Rect{X: 0, Y: 0, W: pad * 0.35, H: h}, Colour: d.o.Accent})
	c.add(translate(inner.els, pad, pad)...)
	c.y = h
}

func (d *posterDesign) heading(c *cell, l brand.Lang, z sizes, key string) {
	c.block(paraStyle{face: page.Bold, size: z.heading, lead: 1.2, colour: d.o.Accent}, catalog.T(l, key), "catalog."+string(l)+"."+key)
	c.y += z.small
}

func (d *posterDesign) contactRow(c *cell, l brand.Lang, z sizes) {
	ch := d.opt.Channel
	con := d.o.Channel(ch)
	d.heading(c, l, z, "poster."+string(ch)+".how")

	url := con.FormURL.In(l)
	urlField := fieldFor(string(ch)+".form_url", con.FormURL, l)
	code, err := qr.Encode(url)
	if err != nil {
		*c.problems = append(*c.problems, rules.QRModuleSize.Violation(urlField, "%v", err))
		return
	}
	minModule := qr.MinModuleMM(d.opt.Size.ScanDistanceMM()) * MM
	side := math.Max(z.qrMin, float64(code.Modules())*minModule)
	beside := d.cols == 1
	// In a narrow column the URL goes beside the code while the code takes
	// at most half the column, and under it when the code needs more.
	stacked := !beside && side > c.w*0.5
	maxSide := math.Min(c.w*0.5, 80*MM*d.k)
	if stacked {
		maxSide = math.Min(c.w, 80*MM*d.k)
	}
	if side > maxSide+1e-9 {
		*c.problems = append(*c.problems, rules.QRModuleSize.Violation(urlField,
			"%q (%d characters) needs a QR code of %d modules; at %s a module must be at least %.1f mm, which needs %.0f mm where there is room for %.0f mm: shorten the URL",
			url, len(url), code.Modules(), d.opt.Size, minModule/MM, side/MM, maxSide/MM))
		return
	}
	module := side / float64(code.Modules())
	qrTop := c.y
	// A white plate under the code keeps the quiet zone light whatever lies
	// behind it.
	c.add(page.Fill{Rect: page.Rect{X: 0, Y: qrTop, W: side, H: side}, Colour: White})
	q0 := float64(qr.QuietZone) * module
	for _, r := range code.Runs() {
		c.add(page.Fill{Rect: page.Rect{X: q0 + float64(r.X)*module, Y: qrTop + q0 + float64(r.Y)*module, W: float64(r.N) * module, H: module}, Colour: Ink})
	}
	c.add(page.Link{Rect: page.Rect{X: 0, Y: qrTop, W: side, H: side}, URL: url})
	if !beside {
		d.contactList(c, l, z, con, url, urlField, side, qrTop, stacked)
		return
	}

	// The caption sits under the code's dark modules, inside the column.
	capCell := &cell{w: side, y: qrTop + side, problems: c.problems}
	capCell.block(paraStyle{face: page.Regular, size: z.caption, min: z.caption * 0.8, lead: 1.2, colour: Muted},
		catalog.T(l, "qr.caption"), "catalog."+string(l)+".qr.caption")
	c.add(capCell.els...)
	dx, dw := side+z.gap, c.w-side-z.gap
	c.y = qrTop + q0*0.5
	label := paraStyle{face: page.Bold, size: z.caption, lead: 1.2, colour: Muted}
	value := paraStyle{face: page.Regular, size: z.detail, lead: 1.25, colour: Ink}
	item := func(labelKey, v, field string, st paraStyle, link string) {
		if v == "" {
			return
		}
		h, _ := c.para(dx, dw, label, catalog.T(l, labelKey), "catalog."+string(l)+"."+labelKey)
		c.y += h + z.small*0.3
		top := c.y
		h, lines := c.para(dx, dw, st, v, field)
		if link != "" && len(lines) > 0 {
			c.add(page.Link{Rect: page.Rect{X: dx, Y: top, W: dw, H: h}, URL: link})
		}
		c.y += h + z.small*1.5
	}
	urlStyle := value
	urlStyle.breaks = text.InURL
	urlStyle.face = page.Bold
	item("contact.online", url, urlField, urlStyle, url)
	emailStyle := value
	emailStyle.breaks = text.InURL
	item("contact.email", con.Email, string(ch)+".email", emailStyle, "mailto:"+con.Email)
	item("contact.phone", phoneText(con, l), string(ch)+".phone", value, "")
	item("contact.post", catalog.T(l, "contact.coordinator")+"\n"+d.o.Address.In(l), fieldFor("address", d.o.Address, l), value, "")
	c.y -= z.small * 1.5
	c.y = math.Max(c.y, capCell.y)
}

func phoneText(con brand.Contact, l brand.Lang) string {
	if h := con.Hours.In(l); h != "" {
		return con.Phone + "\n" + h
	}
	return con.Phone
}

// contactList is the contact block of a narrow column: the URL and the
// caption beside the QR code, then the other routes as a list with a label
// column on the left.
func (d *posterDesign) contactList(c *cell, l brand.Lang, z sizes, con brand.Contact, url, urlField string, side, qrTop float64, stacked bool) {
	ch := string(d.opt.Channel)
	// Beside the code (or under it): the URL in full, then the caption.
	bx := side + z.small*2
	bw := c.w - bx
	c.y = qrTop + side*0.08
	if stacked {
		bx, bw = 0, c.w
		c.y = qrTop + side
	}
	h, _ := c.para(bx, bw, paraStyle{face: page.Bold, size: z.caption, lead: 1.2, colour: Muted}, catalog.T(l, "contact.online"), "catalog."+string(l)+".contact.online")
	c.y += h + z.small*0.5
	top := c.y
	h, _ = c.para(bx, bw, paraStyle{face: page.Bold, size: z.body, lead: 1.2, colour: Ink, breaks: text.InURL}, url, urlField)
	c.add(page.Link{Rect: page.Rect{X: bx, Y: top, W: bw, H: h}, URL: url})
	c.y += h + z.small
	h, _ = c.para(bx, bw, paraStyle{face: page.Regular, size: z.caption, lead: 1.2, colour: Muted}, catalog.T(l, "qr.caption"), "catalog."+string(l)+".qr.caption")
	c.y = math.Max(c.y+h, qrTop+side) + z.small*2

	// The other routes, each behind an icon: the values (an address, a
	// number, a postal address) speak for themselves, and an icon column is
	// narrower than the longest label in any language.
	type item struct {
		icon, value, field, link string
		breaks                   text.Breaks
	}
	items := []item{
		{"email", con.Email, ch + ".email", "mailto:" + con.Email, text.InURL},
		{"phone", phoneText(con, l), ch + ".phone", "", text.AtSpaces},
		{"post", catalog.T(l, "contact.coordinator") + "\n" + d.o.Address.In(l), fieldFor("address", d.o.Address, l), "", text.AtSpaces},
	}
	iconSize := z.body * 1.15
	vx := iconSize + z.small*2.5
	reg := text.Fonts().Regular
	for _, it := range items {
		if it.value == "" {
			continue
		}
		// The icon sits on the first line, centred on its x-height.
		a, err := icon(it.icon, 0, c.y+reg.Ascent(z.body)-iconSize*0.85, iconSize, d.o.Accent)
		if err != nil {
			*c.problems = append(*c.problems, brand.Problem{Field: it.field, Message: err.Error()})
			return
		}
		c.add(a)
		top := c.y
		h, lines := c.para(vx, c.w-vx, paraStyle{face: page.Regular, size: z.body, lead: 1.25, colour: Ink, breaks: it.breaks}, it.value, it.field)
		if it.link != "" && len(lines) > 0 {
			c.add(page.Link{Rect: page.Rect{X: vx, Y: top, W: c.w - vx, H: h}, URL: it.link})
		}
		c.y += h + z.small*1.2
	}
	c.y -= z.small * 1.2
}

func (d *posterDesign) nextRow(c *cell, l brand.Lang, z sizes) {
	ch := string(d.opt.Channel)
	con := d.o.Channel(d.opt.Channel)
	d.heading(c, l, z, "poster."+ch+".next")
	st := paraStyle{face: page.Regular, size: z.body, lead: 1.3, colour: Ink}
	c.block(st, catalog.T(l, "poster."+ch+".ack", "days", strconv.Itoa(con.AcknowledgementDays)), "catalog."+string(l)+".poster."+ch+".ack")
	c.y += z.small
	c.block(st, catalog.T(l, "poster."+ch+".reply", "days", strconv.Itoa(con.ReplyDays)), "catalog."+string(l)+".poster."+ch+".reply")
}

func (d *posterDesign) secondRow(c *cell, l brand.Lang, z sizes) {
	sl := d.o.SecondLine
	d.heading(c, l, z, "poster.complaint.second")
	st := paraStyle{face: page.Regular, size: z.body, lead: 1.3, colour: Ink}
	c.block(st, catalog.T(l, "poster.complaint.second_body", "body", sl.Name.In(l)), fieldFor("second_line.name", sl.Name, l))
	c.y += z.small
	contact := joinNonEmpty(" · ", sl.URL.In(l), sl.Phone.In(l))
	if contact != "" {
		det := paraStyle{face: page.Bold, size: z.detail, min: z.detail * 0.8, lead: 1.25, colour: Ink, breaks: text.InURL}
		top := c.y
		h, _ := c.para(0, c.w, det, contact, fieldFor("second_line.url", sl.URL, l))
		if u := sl.URL.In(l); u != "" {
			c.add(page.Link{Rect: page.Rect{X: 0, Y: top, W: c.w, H: h}, URL: u})
		}
		c.y += h
	}
}

// bleedBands stretches the fills that touch the trim edge out over the
// bleed, so no white edge shows after cutting.
func (d *posterDesign) bleedBands(els []page.Element, bleed float64) []page.Element {
	if bleed == 0 {
		return els
	}
	const eps = 0.01
	for i, e := range els {
		f, ok := e.(page.Fill)
		if !ok {
			continue
		}
		if f.X <= eps {
			f.X -= bleed
			f.W += bleed
		}
		if f.X+f.W >= d.w-eps {
			f.W += bleed
		}
		if f.Y <= eps {
			f.Y -= bleed
			f.H += bleed
		}
		if f.Y+f.H >= d.h-eps {
			f.H += bleed
		}
		els[i] = f
	}
	return els
}

// cropMarks draws the eight corner marks in registration black, outside the
// bleed: 0.25 pt lines, 5 mm long, starting 1 mm past the bleed.
func cropMarks(pg *page.Page, bleed float64) []page.Element {
	t := *pg.Trim
	const lw = 0.25
	start, length := bleed+1*MM, 5*MM
	black := Ink
	black.R, black.G, black.B = 0, 0, 0
	var els []page.Element
	for _, x := range []float64{t.X, t.X + t.W} {
		for _, y := range []float64{t.Y, t.Y + t.H} {
			sx, sy := -1.0, -1.0
			if x > t.X {
				sx = 1
			}
			if y > t.Y {
				sy = 1
			}
			// Horizontal mark on the trim line y, outside in x.
			hx := x + sx*start
			if sx < 0 {
				hx -= length
			}
			els = append(els, page.Fill{Rect: page.Rect{X: hx, Y: y - lw/2, W: length, H: lw}, Colour: black})
			vy := y + sy*start
			if sy < 0 {
				vy -= length
			}
			els = append(els, page.Fill{Rect: page.Rect{X: x - lw/2, Y: vy, W: lw, H: length}, Colour: black})
		}
	}
	return els
}
