package layout

import (
	"fmt"
	"math"
	"sort"
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
//
// A poster is designed once, in A4 points, and scaled to its size: A5 and
// A3 are the same poster, smaller or larger, with the same line breaks. The
// QR code's modules are sized for the largest size's scan distance, so a
// body whose poster fits one size fits every size.
func Poster(o *brand.Org, opt PosterOptions) (*page.Doc, error) {
	if len(opt.Langs) == 0 {
		opt.Langs = o.PosterLangs()
	}
	if opt.CropMarks {
		opt.PrintShop = true
	}
	if ps := o.NeedLangs(opt.Channel, opt.Langs); len(ps) > 0 {
		return nil, ps
	}
	if len(opt.Langs) > MaxPosterLangs {
		return nil, brand.Problems{rules.TextMinSize.Violation("",
			"a poster holds at most %d languages side by side with body text at its %g pt minimum; %s has %d: make one poster per language pair (--lang %s,%s) and one per language",
			MaxPosterLangs, rules.MinBodyPtA4, brand.JoinLangs(opt.Langs), len(opt.Langs), opt.Langs[0], opt.Langs[1])}
	}
	// The accent carries large bold text on white (headline, headings) and
	// white large bold text (the footer).
	if err := rules.CheckContrast("colours.accent", o.Accent, White, true); err != nil {
		return nil, err
	}

	trimW, trimH := opt.Size.Points()
	k := trimW / a4W
	d := &posterDesign{o: o, opt: opt, cols: len(opt.Langs)}
	pg, err := d.fit()
	if err != nil {
		return nil, err
	}
	scalePage(pg, k)
	pg.W, pg.H = trimW, trimH

	var bleed, marks float64
	if opt.PrintShop {
		bleed = rules.BleedMM * MM
	}
	if opt.CropMarks {
		marks = 10 * MM // room for the marks beyond the bleed
	}
	if off := bleed + marks; off > 0 {
		bleedBands(pg, bleed)
		movePage(pg, off, off)
		pg.W, pg.H = trimW+2*off, trimH+2*off
		pg.Trim = &page.Rect{X: off, Y: off, W: trimW, H: trimH}
	}
	if opt.CropMarks {
		pg.Bleed = &page.Rect{X: marks, Y: marks, W: trimW + 2*bleed, H: trimH + 2*bleed}
		from := len(pg.Elements)
		pg.Add(cropMarks(pg, bleed)...)
		pg.Blocks = append(pg.Blocks, page.Block{Name: "crop-marks", Role: page.Artifact, Box: *pg.Bleed, From: from, To: len(pg.Elements)})
	}

	names := make([]string, len(opt.Langs))
	for i, l := range opt.Langs {
		names[i] = o.Name.In(l)
	}
	title := catalog.T(opt.Langs[0], "poster."+string(opt.Channel)+".headline")
	doc := &page.Doc{
		Info: page.Info{
			Title:   title,
			Author:  joinNonEmpty(" / ", names...),
			Subject: fmt.Sprintf("%s poster, %s, %s", opt.Channel, brand.JoinLangs(opt.Langs), opt.Size),
			Lang:    string(opt.Langs[0]),
		},
		Pages: []*page.Page{pg},
	}
	return checked(doc, &rules.Subject{Kind: rules.Poster, Size: string(opt.Size)})
}

// checked runs the rules that apply to s's kind on the drawn doc: a broken
// rule refuses the document with its ID and numbers; otherwise the doc
// records the rules whose checks ran.
func checked(doc *page.Doc, s *rules.Subject) (*page.Doc, error) {
	s.Doc = doc
	ran, ps := rules.Run(s)
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	doc.Rules = ran
	return doc, nil
}

// MaxPosterLangs is the most languages a poster sets side by side: three
// columns never hold body text at its minimum size with a readable QR code.
const MaxPosterLangs = 2

// a4W and a4H are the size every poster is designed at.
var a4W, a4H = A4.Points()

// qrModuleA4 is the side of a QR module in the A4 design: the largest of
// every size's minimum (rule QR-MODULE-SIZE), brought back to A4. A3 sets
// it (1.5 mm at 1.5 m is 1.06 mm at A4 scale).
var qrModuleA4 = func() float64 {
	m := 0.0
	for _, z := range Sizes {
		w, _ := z.Points()
		m = math.Max(m, rules.MinModuleMM(rules.ScanDistanceM[string(z)])*MM*a4W/w)
	}
	return m
}()

// posterDesign lays a poster out in A4 points.
type posterDesign struct {
	o    *brand.Org
	opt  PosterOptions
	cols int
}

// variant is one way of setting the poster, from the most generous to the
// most compact; each keeps what the ones before it gave up.
type variant struct {
	name     string
	tight    bool // spacing at 60 %
	captions bool // opening hours, the postal address and the second line's contact at caption size
	qrMin    bool // the QR code at its rule minimum instead of its preferred size
	stacked  bool // the URL and the caption under the QR code, across the column
	logo     bool // the logo at its smallest
}

// variants are tried in this order when the poster does not fit at body
// text's minimum size.
var variants = []variant{
	{name: "tighter spacing", tight: true},
	{name: "captions at caption size", tight: true, captions: true},
	{name: "the QR code at its minimum", tight: true, captions: true, qrMin: true},
	{name: "the URL under the QR code", tight: true, captions: true, qrMin: true, stacked: true},
	{name: "a smaller logo", tight: true, captions: true, qrMin: true, stacked: true, logo: true},
}

// tokens are the design's sizes at one scale and variant, in A4 points.
type tokens struct {
	v                                        variant
	headline, heading, body, caption, detail float64
	gap, small                               float64 // between sections; within one
	margin, gutter, topBar, colW             float64
	qrPref, logoW                            float64
	nameMax, nameMin                         float64
}

// tokens returns the design's sizes with body text at body points.
func (d *posterDesign) tokens(body float64, v variant) tokens {
	z := tokens{v: v, body: body, detail: body, caption: body * 0.8}
	if d.cols == 1 {
		z.margin, z.gutter, z.topBar = 15*MM, 0, 4*MM
		z.headline, z.heading = body*1.75, body*1.2
		z.gap, z.small = body*1.1, body*0.4
		z.qrPref = 46 * MM
	} else {
		z.margin, z.gutter, z.topBar = 9*MM, 7*MM, 3*MM
		z.headline, z.heading = body*1.45, body*1.15
		z.gap, z.small = body*0.65, body*0.3
		z.qrPref = 30 * MM
	}
	z.colW = (a4W - 2*z.margin - float64(d.cols-1)*z.gutter) / float64(d.cols)
	z.logoW = math.Min(80*MM*math.Min(1, body/18*1.05), math.Min(z.colW*0.78, 70*MM))
	if d.cols == 1 {
		z.logoW = 80 * MM * math.Min(1, body/18*1.05)
	}
	// The name identifies the body in the footer; names of 120 characters
	// and more take three lines at 10 pt in a column of a pair.
	z.nameMax, z.nameMin = z.heading, 10
	if v.tight {
		z.gap *= 0.6
		z.small *= 0.7
	}
	if v.captions {
		z.detail = z.caption
	}
	if v.logo {
		z.logoW *= 0.7
	}
	// The logo keeps its minimum print width at the smallest size.
	w5, _ := A5.Points()
	z.logoW = math.Max(z.logoW, rules.MinPrintWidthMM*MM*a4W/w5+1)
	return z
}

// fit tries the body sizes from the design's down to the minimum, then the
// variants at the minimum, and returns the first poster that fits.
func (d *posterDesign) fit() (*page.Page, error) {
	base := 18.0
	if d.cols > 1 {
		base = rules.MinBodyPtA4
	}
	var tries []tokens
	for b := base; b > rules.MinBodyPtA4+1e-9; b -= 0.36 {
		tries = append(tries, d.tokens(b, variant{}))
	}
	tries = append(tries, d.tokens(rules.MinBodyPtA4, variant{}))
	for _, v := range variants {
		tries = append(tries, d.tokens(rules.MinBodyPtA4, v))
	}
	var over *overflow
	for _, z := range tries {
		pg, of, ps := d.build(z)
		if len(ps) > 0 {
			ps.Sort()
			return nil, ps
		}
		if of == nil {
			return pg, nil
		}
		over = of
	}
	return nil, brand.Problems{d.refusal(over)}
}

// overflow says by how much a poster did not fit.
type overflow struct {
	need, room float64 // A4 points
	lang       brand.Lang
}

// refusal names what does not fit, in which language, by how much, and
// what to do.
func (d *posterDesign) refusal(of *overflow) brand.Problem {
	k := d.opt.Size.scale()
	con := d.o.Channel(d.opt.Channel)
	// The profile's own texts of that language, longest first: they are
	// what the body can shorten.
	type field struct{ path, value string }
	fs := []field{
		{fieldFor(string(d.opt.Channel)+".hours", con.Hours, of.lang), con.Hours.In(of.lang)},
		{fieldFor("address", d.o.Address, of.lang), d.o.Address.In(of.lang)},
		{fieldFor(string(d.opt.Channel)+".form_url", con.FormURL, of.lang), con.FormURL.In(of.lang)},
		{fieldFor("name", d.o.Name, of.lang), d.o.Name.In(of.lang)},
	}
	sort.SliceStable(fs, func(i, j int) bool { return len(fs[i].value) > len(fs[j].value) })
	advice := fmt.Sprintf("shorten %s (%d characters) or %s (%d)", fs[0].path, len(fs[0].value), fs[1].path, len(fs[1].value))
	if d.cols > 1 {
		advice += ", or make one poster per language"
	}
	return rules.TextMinSize.Violation("",
		"the %s poster in %s does not fit %s: the %s column needs %.0f pt where the page has %.0f pt (%.0f pt too much), with body text at its %.1f pt minimum and every fallback tried (%s): %s",
		d.opt.Channel, brand.JoinLangs(d.opt.Langs), strings.ToUpper(string(d.opt.Size)), of.lang,
		of.need*k, of.room*k, (of.need-of.room)*k, rules.MinBodyPtA4*k, variantNames(), advice)
}

func variantNames() string {
	names := make([]string, len(variants))
	for i, v := range variants {
		names[i] = v.name
	}
	return strings.Join(names, ", ")
}

// row is one part of the poster, the same in every language column: rows
// line up across columns, so the columns read side by side.
type row struct {
	section bool // a larger gap before it, stretched when there is room
	build   func(f *Flow, z tokens)
}

// build lays the poster out with the tokens z. It returns the page, or by
// how much it is too tall, or the problems of its content.
func (d *posterDesign) build(z tokens) (*page.Page, *overflow, brand.Problems) {
	var ps brand.Problems
	// A bilingual poster has about 90 elements in 50 blocks: made once at
	// about that size, the lists do not grow and copy as the rows are put.
	pg := &page.Page{W: a4W, H: a4H, Elements: make([]page.Element, 0, 128), Blocks: make([]page.Block, 0, 64)}

	// The body's name comes first: it sizes the footer band.
	names, nameH := d.footerNames(z, &ps)
	// The band's padding keeps the names inside the safe margin at the
	// smallest size too.
	bandPad := math.Max(z.caption*0.9, rules.SafeMarginMM*MM/A5.scale())
	bandH := nameH + 2*bandPad
	top := z.topBar + z.margin*0.9
	bottom := a4H - bandH - z.margin*0.6
	room := bottom - top

	ch := string(d.opt.Channel)
	rows := []row{
		{build: d.logoRow},
		{section: true, build: func(f *Flow, z tokens) {
			key := "poster." + ch + ".headline"
			s := catalog.T(f.Lang, key)
			if d.cols == 1 {
				// One language has room for the call to action as well.
				s += " " + catalog.T(f.Lang, "poster."+ch+".call")
			}
			f.Text("headline", page.Heading1, Style{Face: page.Bold, Size: z.headline, Lead: 1.15, Colour: d.o.Accent, Balance: true}, s, catKey(f.Lang, key))
		}},
		{section: true, build: func(f *Flow, z tokens) {
			f.Text("about", page.Paragraph, Style{Face: page.Regular, Size: z.body, Lead: 1.3, Colour: Ink}, catalog.T(f.Lang, "poster."+ch+".about"), catKey(f.Lang, "poster."+ch+".about"))
		}},
		{section: true, build: d.noteRow},
		{section: true, build: func(f *Flow, z tokens) { d.heading(f, z, "how-heading", "poster."+ch+".how") }},
		{build: d.contactRow},
		{section: true, build: func(f *Flow, z tokens) { d.heading(f, z, "next-heading", "poster."+ch+".next") }},
		{build: func(f *Flow, z tokens) { d.deadline(f, z, "ack", d.o.Channel(d.opt.Channel).AcknowledgementDays) }},
		{build: func(f *Flow, z tokens) { d.deadline(f, z, "reply", d.o.Channel(d.opt.Channel).ReplyDays) }},
	}
	if d.opt.Channel == brand.Complaint {
		rows = append(rows,
			row{section: true, build: func(f *Flow, z tokens) { d.heading(f, z, "second-heading", "poster.complaint.second") }},
			row{build: d.secondBody},
			row{build: d.secondContact},
		)
	}

	// Every row of every column, then the rows' heights: the tallest
	// column of each row sets it.
	cells := make([][]*Flow, len(rows))
	heights := make([]float64, len(rows))
	colNeed := make([]float64, d.cols)
	total, sections := 0.0, 0
	for r, rw := range rows {
		for i, l := range d.opt.Langs {
			f := NewFlow(z.colW, l, &ps)
			f.Group = "column-" + string(l)
			rw.build(f, z)
			cells[r] = append(cells[r], f)
			heights[r] = math.Max(heights[r], f.Y)
			colNeed[i] += f.Y
		}
		total += heights[r]
		if r > 0 {
			if rw.section {
				total += z.gap
				sections++
			} else {
				total += z.small
			}
		}
	}
	if len(ps) > 0 {
		return nil, nil, ps
	}
	if total > room+1e-6 {
		// The column that needs the most on its own is the one to shorten.
		worst := 0
		for i := range colNeed {
			if colNeed[i] > colNeed[worst] {
				worst = i
			}
		}
		return nil, &overflow{need: total, room: room, lang: d.opt.Langs[worst]}, nil
	}
	// What is left is spread between the sections, up to twice their gap:
	// a poster breathes rather than leaving a hole at the bottom.
	gap := z.gap
	if sections > 0 {
		gap += math.Min(z.gap, (room-total)/float64(sections))
	}

	d.frame(pg, z, bandH)
	// Reading order: each language's column whole, then the next.
	ys := make([]float64, len(rows))
	y := top
	for r, rw := range rows {
		if r > 0 {
			if rw.section {
				y += gap
			} else {
				y += z.small
			}
		}
		ys[r] = y
		y += heights[r]
	}
	for i := range d.opt.Langs {
		for r := range rows {
			Place(pg, cells[r][i], d.colX(z, i), ys[r])
		}
	}
	// The names, top-aligned in the band: the same size and baselines in
	// every column.
	for i, f := range names {
		Place(pg, f, d.colX(z, i), a4H-bandH+bandPad)
	}
	return pg, nil, nil
}

func (d *posterDesign) colX(z tokens, i int) float64 {
	return z.margin + float64(i)*(z.colW+z.gutter)
}

// footerNames sets the body's name in each language for the footer band:
// balanced lines, at most three, at the largest size at which every
// language fits (the same size in every column). It returns the flows and
// the tallest name's height.
func (d *posterDesign) footerNames(z tokens, ps *brand.Problems) ([]*Flow, float64) {
	f := text.Fonts().Bold
	size := z.nameMax
	for _, l := range d.opt.Langs {
		blk, err := text.FitBlock(f, d.o.Name.In(l), text.Fit{Max: z.nameMax, Min: z.nameMin, Width: z.colW, MaxLines: 3, Leading: 1.15})
		if err != nil {
			*ps = append(*ps, textProblem(fieldFor("name", d.o.Name, l), err))
			continue
		}
		size = math.Min(size, blk.Size)
	}
	var flows []*Flow
	h := 0.0
	for _, l := range d.opt.Langs {
		fl := NewFlow(z.colW, l, ps)
		fl.Group = "footer"
		fl.Text("footer-name", page.Paragraph, Style{Face: page.Bold, Size: size, Lead: 1.15, Colour: White, MaxLines: 3, Balance: true}, d.o.Name.In(l), fieldFor("name", d.o.Name, l))
		h = math.Max(h, fl.Y)
		flows = append(flows, fl)
	}
	return flows, h
}

// frame draws the top bar and the footer band.
func (d *posterDesign) frame(pg *page.Page, z tokens, bandH float64) {
	f := NewFlow(a4W, "", nil)
	f.Decor("top-bar", page.Fill{Rect: page.Rect{W: a4W, H: z.topBar}, Colour: d.o.Accent})
	f.Decor("footer-band", page.Fill{Rect: page.Rect{Y: a4H - bandH, W: a4W, H: bandH}, Colour: d.o.Accent})
	Place(pg, f, 0, 0)
}

// lockup returns the poster's logo in l: the pack's, or the built-in one.
func (d *posterDesign) lockup(l brand.Lang) (*logo.Lockup, error) {
	if d.opt.Pack != nil {
		return logo.Official(*d.opt.Pack, d.opt.Channel, l, logo.Colour)
	}
	return logo.Build(d.opt.Channel, l, logo.Colour, logo.Print)
}

func (d *posterDesign) logoRow(f *Flow, z tokens) {
	l := f.Lang
	lk, err := d.lockup(l)
	if err != nil {
		if d.opt.Pack != nil {
			f.Problem(brand.Problem{Field: "logo_pack", Message: err.Error()})
		} else {
			f.Problem(textProblem("logo", err))
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
	// Every language's logo keeps its minimum print width at the smallest
	// size, the narrower lock-ups too.
	width = math.Max(width, rules.MinPrintWidthMM*MM/A5.scale()+1)
	if k := d.opt.Size.scale(); width*k < rules.MinPrintWidthMM*MM {
		f.Problem(rules.LogoMinPrint.Violation("", "the %s logo would be %.1f mm wide", l, width*k/MM))
		return
	}
	// The clear space is part of the art's box and stays empty: the logo's
	// visible edge lines up with the text by pulling the box left by it.
	art := lk.Place(0, 0, width)
	scale := art.Scale()
	art.Box.X -= lk.Clear * scale
	art.Box.Y -= lk.Clear * scale
	f.PaddedFigure("logo", catalog.T(l, "logo."+string(d.opt.Channel)+".alt"), art.Box, lk.Clear*scale, art)
	f.Y = art.Box.H - lk.Clear*scale
}

func (d *posterDesign) noteRow(f *Flow, z tokens) {
	ch := string(d.opt.Channel)
	pad := z.body * 0.8
	inner := NewFlow(f.W-2*pad, f.Lang, f.problems)
	inner.Group = f.Group
	inner.Text("note", page.Paragraph, Style{Face: page.Bold, Size: z.body, Lead: 1.3, Colour: Ink},
		catalog.T(f.Lang, "poster."+ch+".note"), catKey(f.Lang, "poster."+ch+".note"))
	h := inner.Y + 2*pad
	f.Decor("note-panel",
		page.Fill{Rect: page.Rect{W: f.W, H: h}, Colour: Tint(d.o.Accent, 0.12)},
		page.Fill{Rect: page.Rect{W: pad * 0.35, H: h}, Colour: d.o.Accent})
	f.Put(inner, pad, pad)
	f.Y = h
}

func (d *posterDesign) heading(f *Flow, z tokens, name, key string) {
	f.Text(name, page.Heading2, Style{Face: page.Bold, Size: z.heading, Lead: 1.2, Colour: d.o.Accent, Balance: true}, catalog.T(f.Lang, key), catKey(f.Lang, key))
}

func (d *posterDesign) deadline(f *Flow, z tokens, which string, days int) {
	key := "poster." + string(d.opt.Channel) + "." + which
	f.Text(which, page.Paragraph, Style{Face: page.Regular, Size: z.body, Lead: 1.3, Colour: Ink},
		catalog.T(f.Lang, key, "days", strconv.Itoa(days)), catKey(f.Lang, key))
}

func (d *posterDesign) secondBody(f *Flow, z tokens) {
	sl := d.o.SecondLine
	f.Text("second-body", page.Paragraph, Style{Face: page.Regular, Size: z.body, Lead: 1.3, Colour: Ink},
		catalog.T(f.Lang, "poster.complaint.second_body", "body", sl.Name.In(f.Lang)), fieldFor("second_line.name", sl.Name, f.Lang))
}

func (d *posterDesign) secondContact(f *Flow, z tokens) {
	sl := d.o.SecondLine
	l := f.Lang
	contact := joinNonEmpty(" · ", sl.URL.In(l), sl.Phone.In(l))
	if contact == "" {
		return
	}
	st := Style{Face: page.Bold, Size: z.detail, Min: z.caption, Lead: 1.25, Colour: Ink, Breaks: text.InURL}
	_, h := f.TextAt("second-contact", page.Paragraph, 0, f.W, st, contact, fieldFor("second_line.url", sl.URL, l), sl.URL.In(l))
	f.Y += h
}

// qrCode lays out the code of url, side points wide with its quiet zone,
// at x, f.Y, as the block "qr".
func (d *posterDesign) qrCode(f *Flow, code *qr.Code, url string, x, side float64) {
	module := side / float64(code.Modules())
	top := f.Y
	// A white plate under the code keeps the quiet zone light whatever lies
	// behind it.
	els := []page.Element{page.Fill{Rect: page.Rect{X: x, Y: top, W: side, H: side}, Colour: White}}
	q0 := float64(qr.QuietZone) * module
	els = append(els,
		page.Modules{At: page.Point{X: x + q0, Y: top + q0}, Module: module, Runs: code.Runs(), Colour: Ink},
		page.Link{Rect: page.Rect{X: x, Y: top, W: side, H: side}, URL: url})
	f.Figure("qr", catalog.T(f.Lang, "qr.alt", "url", url), page.Rect{X: x, Y: top, W: side, H: side}, els...)
}

// contactRow is how to reach the body: the QR code and the form's URL,
// then e-mail, phone and post.
func (d *posterDesign) contactRow(f *Flow, z tokens) {
	ch := d.opt.Channel
	con := d.o.Channel(ch)
	l := f.Lang
	url := con.FormURL.In(l)
	urlField := fieldFor(string(ch)+".form_url", con.FormURL, l)
	code, err := qr.Encode(url)
	if err != nil {
		f.Problem(rules.QRModuleSize.Violation(urlField, "%v", err))
		return
	}
	minSide := float64(code.Modules()) * qrModuleA4
	side := math.Max(z.qrPref, minSide)
	if z.v.qrMin {
		side = minSide
	}
	// The code takes at most half the column with the URL beside it, the
	// whole column with the URL under it. A one-language poster's column
	// is wide enough to keep everything beside the code.
	stacked := d.cols > 1 && (z.v.stacked || side > f.W*0.5)
	maxSide := math.Min(f.W*0.5, 80*MM)
	if stacked {
		maxSide = math.Min(f.W, 80*MM)
	}
	if side > maxSide+1e-9 {
		k := d.opt.Size.scale()
		f.Problem(rules.QRModuleSize.Violation(urlField,
			"%q (%d characters) needs a QR code of %d modules; at %s a module must be at least %.2f mm, which needs %.0f mm where there is room for %.0f mm: shorten the URL",
			url, len(url), code.Modules(), d.opt.Size, qrModuleA4*k/MM, side*k/MM, maxSide*k/MM))
		return
	}
	if d.cols == 1 {
		d.contactBeside(f, z, con, code, url, urlField, side)
		return
	}
	d.contactList(f, z, con, code, url, urlField, side, stacked)
}

// contactBeside is the contact block of a one-language poster: the code
// with its caption under it, and beside it each route with its label.
func (d *posterDesign) contactBeside(f *Flow, z tokens, con brand.Contact, code *qr.Code, url, urlField string, side float64) {
	l := f.Lang
	ch := string(d.opt.Channel)
	top := f.Y
	d.qrCode(f, code, url, 0, side)
	f.Y = top + side
	_, capH := f.TextAt("qr-caption", page.Paragraph, 0, side, Style{Face: page.Regular, Size: z.caption, Min: z.caption * 0.8, Lead: 1.2, Colour: Muted}, catalog.T(l, "qr.caption"), catKey(l, "qr.caption"), "")
	captionBottom := f.Y + capH

	q0 := float64(qr.QuietZone) * side / float64(code.Modules())
	dx, dw := side+z.gap, f.W-side-z.gap
	f.Y = top + q0*0.5
	label := Style{Face: page.Bold, Size: z.caption, Lead: 1.2, Colour: Muted}
	value := Style{Face: page.Regular, Size: z.detail, Lead: 1.25, Colour: Ink}
	item := func(name, labelKey, v, field string, st Style, link string) {
		if v == "" {
			return
		}
		_, h := f.TextAt(name+"-label", page.Paragraph, dx, dw, label, catalog.T(l, labelKey), catKey(l, labelKey), "")
		f.Y += h + z.small*0.3
		_, h = f.TextAt(name, page.ListItem, dx, dw, st, v, field, link)
		f.Y += h + z.small*1.5
	}
	urlStyle := value
	urlStyle.Size, urlStyle.Face, urlStyle.Breaks = z.body, page.Bold, text.InURL
	item("url", "contact.online", url, urlField, urlStyle, url)
	emailStyle := value
	emailStyle.Size, emailStyle.Min, emailStyle.Breaks = z.body, z.caption, text.InURL
	item("email", "contact.email", con.Email, ch+".email", emailStyle, "mailto:"+con.Email)
	phoneStyle := value
	phoneStyle.Size = z.body
	item("phone", "contact.phone", con.Phone, ch+".phone", phoneStyle, "")
	if h := con.Hours.In(l); h != "" {
		f.Y -= z.small * 1.5
		_, hh := f.TextAt("hours", page.Paragraph, dx, dw, value, h, fieldFor(ch+".hours", con.Hours, l), "")
		f.Y += hh + z.small*1.5
	}
	item("post", "contact.post", catalog.T(l, "contact.coordinator")+"\n"+d.o.Address.In(l), fieldFor("address", d.o.Address, l), value, "")
	f.Y = math.Max(f.Y-z.small*1.5, captionBottom)
}

// contactList is the contact block of a narrow column: the URL and the
// caption beside the QR code (or under it), then the other routes as a
// list, each behind an icon.
func (d *posterDesign) contactList(f *Flow, z tokens, con brand.Contact, code *qr.Code, url, urlField string, side float64, stacked bool) {
	l := f.Lang
	ch := string(d.opt.Channel)
	top := f.Y
	d.qrCode(f, code, url, 0, side)
	// Beside the code: the label, the URL and the caption; when the code
	// leaves too little room, the caption stays beside it and the URL goes
	// under it, across the column.
	bx, bw := side+z.small*2, f.W-side-z.small*2
	urlSize := z.body
	if z.v.captions {
		urlSize = z.detail
	}
	label := Style{Face: page.Bold, Size: z.caption, Lead: 1.2, Colour: Muted}
	caption := Style{Face: page.Regular, Size: z.caption, Lead: 1.2, Colour: Muted}
	urlStyle := Style{Face: page.Bold, Size: urlSize, Lead: 1.2, Colour: Ink, Breaks: text.InURL}
	f.Y = top + side*0.08
	if stacked {
		if bw >= 16*z.caption {
			_, h := f.TextAt("qr-caption", page.Paragraph, bx, bw, caption, catalog.T(l, "qr.caption"), catKey(l, "qr.caption"), "")
			f.Y = math.Max(f.Y+h, top+side) + z.small
		} else {
			f.Y = top + side + z.small
			_, h := f.TextAt("qr-caption", page.Paragraph, 0, f.W, caption, catalog.T(l, "qr.caption"), catKey(l, "qr.caption"), "")
			f.Y += h + z.small
		}
		_, h := f.TextAt("url", page.Paragraph, 0, f.W, urlStyle, url, urlField, url)
		f.Y += h + z.small*2
	} else {
		_, h := f.TextAt("url-label", page.Paragraph, bx, bw, label, catalog.T(l, "contact.online"), catKey(l, "contact.online"), "")
		f.Y += h + z.small*0.5
		_, h = f.TextAt("url", page.Paragraph, bx, bw, urlStyle, url, urlField, url)
		f.Y += h + z.small
		_, h = f.TextAt("qr-caption", page.Paragraph, bx, bw, caption, catalog.T(l, "qr.caption"), catKey(l, "qr.caption"), "")
		f.Y = math.Max(f.Y+h, top+side) + z.small*2
	}

	// The values (an address, a number, a postal address) speak for
	// themselves behind an icon, narrower than the longest label in any
	// language.
	type item struct {
		name, value, field, link string
		breaks                   text.Breaks
		size                     float64
	}
	items := []item{
		{"email", con.Email, ch + ".email", "mailto:" + con.Email, text.InURL, z.body},
		{"phone", con.Phone, ch + ".phone", "", text.AtSpaces, z.body},
		{"post", catalog.T(l, "contact.coordinator") + "\n" + d.o.Address.In(l), fieldFor("address", d.o.Address, l), "", text.AtSpaces, z.detail},
	}
	iconSize := z.body * 1.15
	vx := iconSize + z.small*2.5
	reg := text.Fonts().Regular
	for _, it := range items {
		if it.value == "" {
			continue
		}
		// The icon sits on the first line, centred on its x-height.
		a, err := icon(it.name, 0, f.Y+reg.Ascent(it.size)-iconSize*0.85, iconSize, d.o.Accent)
		if err != nil {
			f.Problem(brand.Problem{Field: it.field, Message: err.Error()})
			return
		}
		f.Figure(it.name+"-icon", "", a.Box, a)
		st := Style{Face: page.Regular, Size: it.size, Lead: 1.25, Colour: Ink, Breaks: it.breaks}
		if it.name == "email" {
			st.Min = z.caption // a long address shrinks rather than break
		}
		_, h := f.TextAt(it.name, page.ListItem, vx, f.W-vx, st, it.value, it.field, it.link)
		f.Y += h
		if it.name == "phone" && con.Hours.In(l) != "" {
			_, h = f.TextAt("hours", page.Paragraph, vx, f.W-vx, Style{Face: page.Regular, Size: z.detail, Lead: 1.25, Colour: Ink}, con.Hours.In(l), fieldFor(ch+".hours", con.Hours, l), "")
			f.Y += h
		}
		f.Y += z.small * 1.2
	}
	f.Y -= z.small * 1.2
}

// catKey is the field path of a catalog text, for problems.
func catKey(l brand.Lang, key string) string { return "catalog." + string(l) + "." + key }

// scale is the factor from the A4 design to the size.
func (s Size) scale() float64 {
	w, _ := s.Points()
	return w / a4W
}

// bleedBands stretches the fills that touch the trim edge out over the
// bleed, so no white edge shows after cutting. The page is still in trim
// coordinates.
func bleedBands(pg *page.Page, bleed float64) {
	if bleed == 0 {
		return
	}
	const eps = 0.01
	for i, e := range pg.Elements {
		f, ok := e.(page.Fill)
		if !ok {
			continue
		}
		if f.X <= eps {
			f.X -= bleed
			f.W += bleed
		}
		if f.X+f.W >= pg.W-eps {
			f.W += bleed
		}
		if f.Y <= eps {
			f.Y -= bleed
			f.H += bleed
		}
		if f.Y+f.H >= pg.H-eps {
			f.H += bleed
		}
		pg.Elements[i] = f
	}
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
