package rules

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/qr"
	"affiches/internal/render/page"
	"affiches/internal/text"
)

// The named blocks the checks read: the layout names its blocks so.
const (
	BlockLogo = "logo" // the logo with its clear space (Block.Pad)
	BlockQR   = "qr"   // a QR code: a light plate, dark module runs, a link
	BlockURL  = "url"  // the URL printed beside the QR code of its language
)

// BodyBlocks are the poster blocks set in body text (TEXT-MIN-SIZE). The
// URL and the e-mail address are identifiers: a long one is set smaller
// rather than broken; captions and labels are captions.
var BodyBlocks = []string{"about", "note", "ack", "reply", "second-body", "phone"}

// Subject is what a check looks at: one asset as drawn.
type Subject struct {
	Kind Kind
	Doc  *page.Doc  // the pages drawn, for every kind but web logos and profiles
	Size string     // a poster's ISO size: a5, a4, a3
	Org  *brand.Org // the body, for profile rules
	Web  [2]int     // a web logo's CSS size, or a signature's logo
	// Colours are texts set outside a page (an e-mail signature's
	// links), for COLOUR-CONTRAST.
	Colours []Colours

	qr      []code // the QR codes drawn, found once for the three QR checks
	qrFound bool
	ground  map[*page.Page][]ground    // what text may sit on, by page, found once
	extents map[*page.Page][]page.Rect // texts' extents by element, measured once
}

// Colours is how some text is set where no page is drawn.
type Colours struct {
	Field  string // the profile field the colour comes from
	Fg, Bg color.RGBA
	Size   float64 // points (CSS px × 0.75)
	Bold   bool
}

const mm = 72 / 25.4

func pages(s *Subject) []*page.Page {
	if s.Doc == nil {
		return nil
	}
	return s.Doc.Pages
}

// blocks calls fn for every block named name of every page.
func blocks(s *Subject, name string, fn func(p *page.Page, b page.Block)) {
	for _, p := range pages(s) {
		for _, b := range p.Blocks {
			if b.Name == name {
				fn(p, b)
			}
		}
	}
}

func inner(b page.Block) page.Rect {
	return page.Rect{X: b.Box.X + b.Pad, Y: b.Box.Y + b.Pad, W: b.Box.W - 2*b.Pad, H: b.Box.H - 2*b.Pad}
}

func arts(p *page.Page, b page.Block) []page.Art {
	var out []page.Art
	for _, e := range p.BlockElements(b) {
		if a, ok := e.(page.Art); ok {
			out = append(out, a)
		}
	}
	return out
}

func checkInseparable(s *Subject) (ps brand.Problems) {
	blocks(s, BlockLogo, func(p *page.Page, b page.Block) {
		if n := len(arts(p, b)); n != 1 {
			ps = append(ps, LogoInseparable.Violation("", "the %s logo is drawn as %d pieces; balloon and baseline are one artwork", b.Lang, n))
		}
	})
	return ps
}

func checkWebSize(s *Subject) brand.Problems {
	for _, w := range WebSizes {
		if s.Web == w {
			return nil
		}
	}
	return brand.Problems{LogoWebSize.Violation("", "web logos are %d×%d or %d×%d px; asked %d×%d",
		WebSizes[0][0], WebSizes[0][1], WebSizes[1][0], WebSizes[1][1], s.Web[0], s.Web[1])}
}

func checkAspect(s *Subject) (ps brand.Problems) {
	blocks(s, BlockLogo, func(p *page.Page, b page.Block) {
		for _, a := range arts(p, b) {
			if got, want := a.Box.W/a.Box.H, a.View.X/a.View.Y; math.Abs(got/want-1) > 1e-4 {
				ps = append(ps, LogoAspect.Violation("", "the %s logo is drawn at %.3f:1 where it is %.3f:1", b.Lang, got, want))
			}
		}
	})
	return ps
}

func checkMinPrint(s *Subject) (ps brand.Problems) {
	blocks(s, BlockLogo, func(p *page.Page, b page.Block) {
		if w := inner(b).W / mm; w < MinPrintWidthMM-1e-6 {
			ps = append(ps, LogoMinPrint.Violation("", "the %s logo is %.1f mm wide; the minimum in print is %g mm", b.Lang, w, MinPrintWidthMM))
		}
	})
	return ps
}

func checkClearSpace(s *Subject) (ps brand.Problems) {
	blocks(s, BlockLogo, func(p *page.Page, logo page.Block) {
		for _, b := range p.Blocks {
			if b.Name == BlockLogo && b.Box == logo.Box || b.Role == page.Artifact && !drawsOver(p, b, logo.Box) {
				continue
			}
			if b.Box.Overlaps(logo.Box, 0.05) {
				ps = append(ps, LogoClearSpace.Violation("", "%s enters the clear space of the %s logo (%s)", b.Name, logo.Lang, rect(logo.Box)))
			}
		}
	})
	return ps
}

// drawsOver says whether an artifact block paints something other than
// white over r (a band, a rule), which the clear space keeps out too.
func drawsOver(p *page.Page, b page.Block, r page.Rect) bool {
	for _, e := range p.BlockElements(b) {
		if f, ok := e.(page.Fill); ok && f.Colour != white && f.Rect.Overlaps(r, 0.05) {
			return true
		}
	}
	return false
}

var white = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}

func checkVersion(s *Subject) (ps brand.Problems) {
	blocks(s, BlockLogo, func(p *page.Page, b page.Block) {
		for _, a := range arts(p, b) {
			bg := background(s, p, b.From, inner(b))
			dark := luminance(bg) < 0.4
			whiteVersion := strings.Contains(a.Name, "-white")
			if dark != whiteVersion {
				ps = append(ps, LogoVersion.Violation("", "the %s logo %s is on #%02X%02X%02X", b.Lang, a.Name, bg.R, bg.G, bg.B))
			}
		}
	})
	return ps
}

// background is the colour under r at element index i: that of the last
// fill, or one-colour drawing (a disc behind a number), before i that
// covers r's centre; white when none does.
func background(s *Subject, p *page.Page, i int, r page.Rect) color.RGBA {
	cx, cy := r.X+r.W/2, r.Y+r.H/2
	cands := s.grounds(p)
	// The last candidate before i: candidates are in drawing order.
	k := sort.Search(len(cands), func(k int) bool { return cands[k].at >= i })
	for k--; k >= 0; k-- {
		b := cands[k].box
		if cx >= b.X && cx <= b.X+b.W && cy >= b.Y && cy <= b.Y+b.H {
			return cands[k].colour
		}
	}
	return white
}

// ground is an element that can be under text: a fill, or a drawing of
// one colour.
type ground struct {
	at     int // index in the page's elements
	box    page.Rect
	colour color.RGBA
}

// grounds lists p's grounds in drawing order, once per page: the contrast
// check asks for every text's background.
func (s *Subject) grounds(p *page.Page) []ground {
	if g, ok := s.ground[p]; ok {
		return g
	}
	n := 0
	for _, e := range p.Elements {
		switch e.(type) {
		case page.Fill, page.Art:
			n++
		}
	}
	g := make([]ground, 0, n)
	for j, e := range p.Elements {
		switch e := e.(type) {
		case page.Fill:
			g = append(g, ground{j, e.Rect, e.Colour})
		case page.Art:
			if e.Official == nil && len(e.Paths) == 1 && len(e.Text) == 0 {
				g = append(g, ground{j, e.Box, e.Paths[0].Fill})
			}
		}
	}
	if s.ground == nil {
		s.ground = map[*page.Page][]ground{}
	}
	s.ground[p] = g
	return g
}

// code is a QR code as drawn: its plate, its modules, its link.
type code struct {
	lang    string
	box     page.Rect
	plate   color.RGBA
	modules page.Modules
	url     string
}

func codes(s *Subject) []code {
	if s.qrFound {
		return s.qr
	}
	var out []code
	blocks(s, BlockQR, func(p *page.Page, b page.Block) {
		c := code{lang: b.Lang, box: b.Box, plate: white}
		for i, e := range p.BlockElements(b) {
			switch e := e.(type) {
			case page.Fill:
				if i == 0 {
					c.plate = e.Colour
				}
			case page.Modules:
				c.modules = e
			case page.Link:
				c.url = e.URL
			}
		}
		out = append(out, c)
	})
	s.qr, s.qrFound = out, true
	return out
}

func checkQuietZone(s *Subject) (ps brand.Problems) {
	for _, c := range codes(s) {
		m := c.modules
		if len(m.Runs) == 0 {
			continue
		}
		ink := m.Bounds()
		need := float64(qr.QuietZone) * m.Module
		margins := []float64{ink.X - c.box.X, ink.Y - c.box.Y, c.box.X + c.box.W - ink.X - ink.W, c.box.Y + c.box.H - ink.Y - ink.H}
		if least := slices.Min(margins); least < need-0.01 {
			ps = append(ps, QRQuietZone.Violation("", "the %s QR code keeps %.1f modules of margin; it needs %d", c.lang, least/m.Module, qr.QuietZone))
		}
	}
	return ps
}

// drawn returns the runs of a drawn code in modules from the corner of its
// quiet zone inside the code's box, row by row.
func (c code) drawn() []qr.Run {
	m := c.modules
	if m.Module <= 0 {
		return nil
	}
	dx := int(math.Round((m.At.X - c.box.X) / m.Module))
	dy := int(math.Round((m.At.Y - c.box.Y) / m.Module))
	if dx == qr.QuietZone && dy == qr.QuietZone {
		return m.Runs
	}
	runs := make([]qr.Run, len(m.Runs))
	for i, r := range m.Runs {
		runs[i] = qr.Run{X: r.X + dx - qr.QuietZone, Y: r.Y + dy - qr.QuietZone, N: r.N}
	}
	return runs
}

func checkErrorLevel(s *Subject) (ps brand.Problems) {
	for _, c := range codes(s) {
		want, err := qr.Encode(c.url)
		if err != nil || !slices.Equal(c.drawn(), want.Runs()) {
			ps = append(ps, QRErrorLevel.Violation("", "the %s QR code is not the level-M encoding of %q", c.lang, c.url))
		}
	}
	return ps
}

func checkModuleSize(s *Subject) (ps brand.Problems) {
	d, ok := ScanDistanceM[s.Size]
	if !ok {
		return nil
	}
	for _, c := range codes(s) {
		if len(c.modules.Runs) == 0 {
			continue
		}
		if got, need := c.modules.Module/mm, MinModuleMM(d); got < need-1e-6 {
			ps = append(ps, QRModuleSize.Violation("", "the %s QR code's modules are %.2f mm; read from %g m they need %g mm", c.lang, got, d, need))
		}
	}
	return ps
}

func checkDarkOnLight(s *Subject) (ps brand.Problems) {
	for _, c := range codes(s) {
		if len(c.modules.Runs) == 0 {
			continue
		}
		ink := c.modules.Colour
		if luminance(ink) >= luminance(c.plate) || Contrast(ink, c.plate) < ContrastNormal {
			ps = append(ps, QRDarkOnLight.Violation("", "the %s QR code draws #%02X%02X%02X modules on #%02X%02X%02X", c.lang, ink.R, ink.G, ink.B, c.plate.R, c.plate.G, c.plate.B))
		}
	}
	return ps
}

func checkURLMatch(s *Subject) (ps brand.Problems) {
	for _, p := range pages(s) {
		for _, b := range p.Blocks {
			if b.Name != BlockQR {
				continue
			}
			var qrURL string
			for _, e := range p.BlockElements(b) {
				if l, ok := e.(page.Link); ok {
					qrURL = l.URL
				}
			}
			printed, found := "", false
			for _, u := range p.Blocks {
				if u.Name != BlockURL || u.Lang != b.Lang {
					continue
				}
				found = true
				for _, e := range p.BlockElements(u) {
					if t, ok := e.(page.Text); ok {
						printed += t.S
					}
				}
			}
			if !found || printed != qrURL {
				ps = append(ps, QRURLMatch.Violation("", "the %s QR code opens %q; the poster prints %q", b.Lang, qrURL, printed))
			}
		}
	}
	return ps
}

// extent is the rectangle a text line covers, ascent to descent.
func extent(t page.Text) page.Rect {
	f := text.Fonts().Face(t.Face)
	a, d := f.Ascent(t.Size), f.Descent(t.Size)
	return page.Rect{X: t.X, Y: t.Y - a, W: f.Width(t.S, t.Size), H: a + d}
}

// extentAt is the extent of text t, element i of p, measured once for the
// checks that ask (TEXT-FIT, COLOUR-CONTRAST).
func (s *Subject) extentAt(p *page.Page, i int, t page.Text) page.Rect {
	if s.extents == nil {
		s.extents = map[*page.Page][]page.Rect{}
	}
	ext := s.extents[p]
	if ext == nil {
		ext = make([]page.Rect, len(p.Elements))
		s.extents[p] = ext
	}
	if ext[i].H == 0 { // not measured yet: a text's height is never 0
		ext[i] = extent(t)
	}
	return ext[i]
}

// texts calls fn for every text of every block.
func texts(s *Subject, fn func(p *page.Page, b page.Block, i int, t page.Text)) {
	for _, p := range pages(s) {
		for _, b := range p.Blocks {
			for i := b.From; i < b.To; i++ {
				if t, ok := p.Elements[i].(page.Text); ok {
					fn(p, b, i, t)
				}
			}
		}
	}
}

func checkTextFit(s *Subject) (ps brand.Problems) {
	texts(s, func(p *page.Page, b page.Block, i int, t page.Text) {
		if r := s.extentAt(p, i, t); !b.Box.Contains(r, 0.05) {
			ps = append(ps, TextFit.Violation("", "%q leaves its box %s in %s by %.1f pt", t.S, rect(b.Box), b.Name, overflow(b.Box, r)))
		}
	})
	return ps
}

func overflow(box, r page.Rect) float64 {
	return slices.Max([]float64{box.X - r.X, box.Y - r.Y, r.X + r.W - box.X - box.W, r.Y + r.H - box.Y - box.H})
}

func checkMinSize(s *Subject) (ps brand.Problems) {
	for _, p := range pages(s) {
		w := p.W
		if p.Trim != nil {
			w = p.Trim.W
		}
		min := MinBodyPtA4 * w / (210 * mm)
		for _, b := range p.Blocks {
			if !slices.Contains(BodyBlocks, b.Name) {
				continue
			}
			for _, e := range p.BlockElements(b) {
				if t, ok := e.(page.Text); ok && t.Size < min-0.01 {
					ps = append(ps, TextMinSize.Violation("", "%s %s is set at %.1f pt; body text needs %.1f pt at this size", b.Name, b.Lang, t.Size, min))
					break
				}
			}
		}
	}
	return ps
}

func checkGlyphs(s *Subject) (ps brand.Problems) {
	texts(s, func(_ *page.Page, b page.Block, _ int, t page.Text) {
		if m := text.Fonts().Face(t.Face).Missing(t.S); len(m) > 0 {
			ps = append(ps, TextGlyphs.Violation("", "%s: %v", b.Name, (&text.MissingGlyphError{Runes: m, Font: string(t.Face)}).Error()))
		}
	})
	return ps
}

// needContrast is the contrast text of size points needs.
func needContrast(size float64, bold bool) float64 {
	if size >= LargePt || bold && size >= LargeBoldPt {
		return ContrastLarge
	}
	return ContrastNormal
}

func checkContrast(s *Subject) (ps brand.Problems) {
	for _, c := range s.Colours {
		if err := CheckContrast(c.Field, c.Fg, c.Bg, needContrast(c.Size, c.Bold) == ContrastLarge); err != nil {
			ps = append(ps, err.(brand.Problems)...)
		}
	}
	texts(s, func(p *page.Page, b page.Block, i int, t page.Text) {
		bg := background(s, p, i, s.extentAt(p, i, t))
		need := needContrast(t.Size, t.Face == page.Bold)
		if r := Contrast(t.Colour, bg); r < need {
			ps = append(ps, ColourContrast.Violation("", "%q in %s: #%02X%02X%02X on #%02X%02X%02X has a contrast of %.2f:1; it needs %g:1",
				t.S, b.Name, t.Colour.R, t.Colour.G, t.Colour.B, bg.R, bg.G, bg.B, math.Floor(r*100)/100, need))
		}
	})
	return ps
}

func checkPrintMargin(s *Subject) (ps brand.Problems) {
	for n, p := range pages(s) {
		trim := page.Rect{W: p.W, H: p.H}
		if p.Trim != nil {
			trim = *p.Trim
			if m := math.Min(math.Min(trim.X, trim.Y), math.Min(p.W-trim.X-trim.W, p.H-trim.Y-trim.H)); m < BleedMM*mm-0.01 {
				ps = append(ps, PrintMargin.Violation("", "page %d has %.1f mm of bleed; print-shop files need %g mm", n+1, m/mm, BleedMM))
			}
		}
		m := SafeMarginMM * mm
		safe := page.Rect{X: trim.X + m, Y: trim.Y + m, W: trim.W - 2*m, H: trim.H - 2*m}
		for _, b := range p.Blocks {
			if b.Role != page.Artifact && !safe.Contains(inner(b), 0.05) {
				ps = append(ps, PrintMargin.Violation("", "%s %s on page %d enters the %g mm safe margin (%s)", b.Name, b.Lang, n+1, SafeMarginMM, rect(inner(b))))
			}
		}
	}
	return ps
}

// RequiredLangs returns the languages the law expects of a body of region
// r: French and Dutch for federal and Brussels bodies, Dutch in Flanders,
// French in Wallonia, German in the German-language region.
func RequiredLangs(r brand.Region) []brand.Lang {
	if r == brand.German {
		return []brand.Lang{brand.DE}
	}
	return r.Languages()
}

func checkLangSet(s *Subject) (ps brand.Problems) {
	if s.Org == nil {
		return nil
	}
	langs := s.Org.Langs()
	for _, l := range RequiredLangs(s.Org.Region) {
		if !slices.Contains(langs, l) {
			ps = append(ps, LangSet.Violation("languages", "a %s body addresses the public in %s; %s is missing (English may be added, never replace one)",
				s.Org.Region, brand.JoinLangs(RequiredLangs(s.Org.Region)), l))
		}
	}
	return ps
}

func rect(r page.Rect) string {
	return fmt.Sprintf("%.1f,%.1f %.1f×%.1f pt", r.X, r.Y, r.W, r.H)
}
