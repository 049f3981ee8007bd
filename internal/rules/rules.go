// Package rules is the logo charter and the accessibility and print rules,
// as code: each rule has an ID, a statement, its numbers and a check. The
// renderers refuse to break them, `affiches check` lists them, and the
// manifest records which were checked.
package rules

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sync"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/limits"
	"affiches/internal/qr"
)

// Rule is one rule of the charter or of good practice: what it asks, where
// it comes from, the numbers it sets, what it applies to, and the check
// that runs on what was drawn.
type Rule struct {
	ID        string
	Statement string // what the rule asks, one sentence (English; In gives it in a language)
	Source    string // where it comes from: the charter, our proposal, WCAG…
	Numbers   []Number
	AppliesTo []Kind
	// Check finds what breaks the rule in s; it runs on every asset of a
	// kind the rule applies to.
	Check func(s *Subject) brand.Problems
}

// Number is one number a rule sets.
type Number struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
}

// Kind is a kind of asset a rule applies to.
type Kind string

// The kinds of asset.
const (
	Poster    Kind = "poster"
	LogoWeb   Kind = "logo-web"
	LogoPrint Kind = "logo-print"
	Letter    Kind = "letter" // letters and forms
	Guide     Kind = "guide"
	Report    Kind = "report"
	Signature Kind = "signature"
	Profile   Kind = "profile"
)

// The numbers of the rules, each defined here once.
const (
	MinPrintWidthMM     = 25.0 // LOGO-MIN-PRINT
	DefaultPrintWidthMM = 60.0 // the print logo of a kit
	MinBodyPtA4         = 14.0 // TEXT-MIN-SIZE, scaled with the page
	SafeMarginMM        = 5.0  // PRINT-MARGIN
	BleedMM             = 3.0  // PRINT-MARGIN, print-shop files
	ModuleMMPerMetre    = 1.0  // QR-MODULE-SIZE
	ContrastNormal      = 4.5  // COLOUR-CONTRAST
	ContrastLarge       = 3.0
	LargePt             = 18.0 // large text: 18 pt, or 14 pt bold
	LargeBoldPt         = 14.0
	ClearSpaceShare     = 0.25 // LOGO-CLEAR-SPACE: of the balloon's height
)

// WebSizes are the charter's two web sizes, in CSS pixels (LOGO-WEB-SIZE).
var WebSizes = [2][2]int{{140, 85}, {165, 115}}

// ScanDistanceM is how far a poster of each ISO size is read from, in
// metres (QR-MODULE-SIZE).
var ScanDistanceM = map[string]float64{"a5": 0.5, "a4": 1, "a3": 1.5}

// MinModuleMM returns the smallest QR module, in millimetres, that a phone
// reads from distanceM metres away.
func MinModuleMM(distanceM float64) float64 { return distanceM * ModuleMMPerMetre }

// The rules, in the order the guide explains them.
var (
	LogoInseparable = Rule{ID: "LOGO-INSEPARABLE", Statement: "The balloon and its two-line baseline are one logo: never one without the other.", Source: "Charter (fedweb, 2009)",
		AppliesTo: []Kind{Poster, LogoPrint, Letter}}
	LogoWebSize = Rule{ID: "LOGO-WEB-SIZE", Statement: fmt.Sprintf("Online, the logo has two sizes only: %d×%d and %d×%d pixels (shown at that size; 2× and 3× pixels for sharp screens).", WebSizes[0][0], WebSizes[0][1], WebSizes[1][0], WebSizes[1][1]), Source: "Charter (fedweb, 2009)",
		Numbers:   []Number{{"small width", float64(WebSizes[0][0]), "px"}, {"small height", float64(WebSizes[0][1]), "px"}, {"large width", float64(WebSizes[1][0]), "px"}, {"large height", float64(WebSizes[1][1]), "px"}},
		AppliesTo: []Kind{LogoWeb, Signature}}
	LogoAspect = Rule{ID: "LOGO-ASPECT", Statement: "The logo is never stretched or squeezed: its aspect ratio is locked.", Source: "Charter (fedweb, 2009)",
		AppliesTo: []Kind{Poster, LogoPrint, Letter}}
	LogoMinPrint = Rule{ID: "LOGO-MIN-PRINT", Statement: fmt.Sprintf("In print the logo is at least %g mm wide (clear space excluded).", MinPrintWidthMM), Source: "Our proposal",
		Numbers: []Number{{"minimum width", MinPrintWidthMM, "mm"}}, AppliesTo: []Kind{Poster, LogoPrint, Letter}}
	LogoClearSpace = Rule{ID: "LOGO-CLEAR-SPACE", Statement: "Nothing enters the clear space around the logo: a quarter of the balloon's height on every side.", Source: "Our proposal",
		Numbers: []Number{{"clear space", ClearSpaceShare, "of the balloon's height"}}, AppliesTo: []Kind{Poster, LogoPrint, Letter}}
	// A print logo alone has no background: the check runs where the logo
	// is placed.
	LogoVersion = Rule{ID: "LOGO-VERSION", Statement: "The colour and black versions go on light backgrounds, the white version on dark ones.", Source: "Charter (fedweb, 2009)",
		AppliesTo: []Kind{Poster, Letter}}
	QRQuietZone = Rule{ID: "QR-QUIET-ZONE", Statement: fmt.Sprintf("A QR code keeps a blank margin of %d modules on every side.", qr.QuietZone), Source: "ISO/IEC 18004",
		Numbers: []Number{{"quiet zone", qr.QuietZone, "modules"}}, AppliesTo: []Kind{Poster}}
	QRErrorLevel = Rule{ID: "QR-ECC", Statement: "QR codes use error correction level M (nothing is overlaid on them).", Source: "ISO/IEC 18004; our practice",
		AppliesTo: []Kind{Poster}}
	QRModuleSize = Rule{ID: "QR-MODULE-SIZE", Statement: fmt.Sprintf("A QR module is at least %g mm per metre of scan distance (A5: %g m, A4: %g m, A3: %g m).", ModuleMMPerMetre, ScanDistanceM["a5"], ScanDistanceM["a4"], ScanDistanceM["a3"]), Source: "Our practice (DOMAIN.md)",
		Numbers:   []Number{{"module per metre", ModuleMMPerMetre, "mm"}, {"A5 distance", ScanDistanceM["a5"], "m"}, {"A4 distance", ScanDistanceM["a4"], "m"}, {"A3 distance", ScanDistanceM["a3"], "m"}},
		AppliesTo: []Kind{Poster}}
	QRDarkOnLight = Rule{ID: "QR-DARK-ON-LIGHT", Statement: "QR codes are dark on light; inverted codes fail in common readers.", Source: "Our practice (DOMAIN.md)",
		AppliesTo: []Kind{Poster}}
	QRURLMatch = Rule{ID: "QR-URL-MATCH", Statement: "The URL printed beside a QR code is exactly the one it encodes, on the body's own domain.", Source: "Our practice (DOMAIN.md)",
		AppliesTo: []Kind{Poster}}
	TextFit = Rule{ID: "TEXT-FIT", Statement: "Text that does not fit is shrunk within a lower bound, then refused; never clipped.", Source: "affiches",
		AppliesTo: []Kind{Poster, Letter, Guide, Report}}
	TextMinSize = Rule{ID: "TEXT-MIN-SIZE", Statement: fmt.Sprintf("Poster body text is at least %g pt at A4, scaled for A5 and A3.", MinBodyPtA4), Source: "Accessibility (DOMAIN.md)",
		Numbers: []Number{{"body text at A4", MinBodyPtA4, "pt"}}, AppliesTo: []Kind{Poster}}
	TextGlyphs = Rule{ID: "TEXT-GLYPHS", Statement: "Every character is drawn by the embedded fonts; a character they lack is refused, never left blank.", Source: "affiches",
		AppliesTo: []Kind{Poster, Letter, Guide, Report}}
	ColourContrast = Rule{ID: "COLOUR-CONTRAST", Statement: fmt.Sprintf("Text keeps a contrast of %g:1 with its background, %g:1 when large (%g pt, or %g pt bold).", ContrastNormal, ContrastLarge, LargePt, LargeBoldPt), Source: "WCAG 2.1, 1.4.3",
		Numbers:   []Number{{"normal text", ContrastNormal, ":1"}, {"large text", ContrastLarge, ":1"}, {"large", LargePt, "pt"}, {"large bold", LargeBoldPt, "pt"}},
		AppliesTo: []Kind{Poster, Letter, Guide, Report, Signature}}
	PrintMargin = Rule{ID: "PRINT-MARGIN", Statement: fmt.Sprintf("Office prints keep a %g mm safe margin; print-shop files add %g mm bleed, a TrimBox and, asked, crop marks.", SafeMarginMM, BleedMM), Source: "Print practice",
		Numbers: []Number{{"safe margin", SafeMarginMM, "mm"}, {"bleed", BleedMM, "mm"}}, AppliesTo: []Kind{Poster, Letter, Guide, Report}}
	LangSet = Rule{ID: "LANG-SET", Statement: "Assets use the languages the law expects for the body's region; English may be added, never replace one.", Source: "Laws on the use of languages (18 July 1966)",
		AppliesTo: []Kind{Profile}}
)

// All lists every rule, each with its check (checks.go).
var All []Rule

func init() {
	LogoInseparable.Check = checkInseparable
	LogoWebSize.Check = checkWebSize
	LogoAspect.Check = checkAspect
	LogoMinPrint.Check = checkMinPrint
	LogoClearSpace.Check = checkClearSpace
	LogoVersion.Check = checkVersion
	QRQuietZone.Check = checkQuietZone
	QRErrorLevel.Check = checkErrorLevel
	QRModuleSize.Check = checkModuleSize
	QRDarkOnLight.Check = checkDarkOnLight
	QRURLMatch.Check = checkURLMatch
	TextFit.Check = checkTextFit
	TextMinSize.Check = checkMinSize
	TextGlyphs.Check = checkGlyphs
	ColourContrast.Check = checkContrast
	PrintMargin.Check = checkPrintMargin
	LangSet.Check = checkLangSet
	All = []Rule{
		LogoInseparable, LogoWebSize, LogoAspect, LogoMinPrint, LogoClearSpace, LogoVersion,
		QRQuietZone, QRErrorLevel, QRModuleSize, QRDarkOnLight, QRURLMatch,
		TextFit, TextMinSize, TextGlyphs, ColourContrast, PrintMargin, LangSet,
	}
}

// Applies says whether r applies to assets of kind k.
func (r Rule) Applies(k Kind) bool { return slices.Contains(r.AppliesTo, k) }

// Run runs every rule that applies to s's kind and returns the IDs of the
// rules whose check ran, and what they found.
func Run(s *Subject) (ran []string, ps brand.Problems) {
	for _, r := range All {
		if !r.Applies(s.Kind) || r.Check == nil {
			continue
		}
		ran = append(ran, r.ID)
		ps = append(ps, r.Check(s)...)
	}
	return ran, ps
}

// Violation returns a problem breaking r.
func (r Rule) Violation(field, format string, args ...any) brand.Problem {
	return brand.Problem{Rule: r.ID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// CheckWebSize refuses any web size but the charter's two.
func CheckWebSize(w, h int) error {
	for _, s := range WebSizes {
		if s[0] == w && s[1] == h {
			return nil
		}
	}
	return brand.Problems{LogoWebSize.Violation("", "web logos are %d×%d or %d×%d px; asked %d×%d",
		WebSizes[0][0], WebSizes[0][1], WebSizes[1][0], WebSizes[1][1], w, h)}
}

// CheckPrintWidth refuses a print logo narrower than the minimum, and a
// width that is not a size at all (NaN, infinite, past
// limits.MaxPrintWidthMM): NaN passed the comparison and made a PDF with a
// MediaBox of NaN.
func CheckPrintWidth(mm float64) error {
	if !(mm <= limits.MaxPrintWidthMM) {
		return brand.Problems{{Field: "width-mm", Message: fmt.Sprintf("%g mm: a print logo is at most %d mm wide", mm, limits.MaxPrintWidthMM)}}
	}
	if !(mm+1e-9 >= MinPrintWidthMM) {
		return brand.Problems{LogoMinPrint.Violation("", "the logo must be at least %g mm wide in print; asked %g mm", MinPrintWidthMM, mm)}
	}
	return nil
}

// Contrast returns the WCAG contrast ratio of two colours, from 1 to 21.
func Contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.RGBA) float64 {
	lin := linearSRGB()
	return 0.2126*lin[c.R] + 0.7152*lin[c.G] + 0.0722*lin[c.B]
}

// linearSRGB maps an 8-bit sRGB channel to linear light. A table: the
// rule checks ask for the luminance of every QR module of every poster.
var linearSRGB = sync.OnceValue(func() (t *[256]float64) {
	t = new([256]float64)
	for v := range t {
		s := float64(v) / 255
		if s <= 0.04045 {
			t[v] = s / 12.92
		} else {
			t[v] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return t
})

// CheckContrast refuses text of colour fg on bg below the WCAG minimum.
func CheckContrast(field string, fg, bg color.RGBA, large bool) error {
	need := ContrastNormal
	if large {
		need = ContrastLarge
	}
	if r := Contrast(fg, bg); r < need {
		return brand.Problems{ColourContrast.Violation(field, "#%02X%02X%02X on #%02X%02X%02X has a contrast of %.2f:1; text of this size needs %g:1",
			fg.R, fg.G, fg.B, bg.R, bg.G, bg.B, math.Floor(r*100)/100, need)}
	}
	return nil
}

// In returns the rule's statement in l, its numbers taken from this
// package, so a changed rule changes every text that states it.
func (r Rule) In(l brand.Lang) string {
	// Numbers as l writes them: 25,5 mm in French, Dutch and German.
	num := func(v float64) string {
		if v == math.Trunc(v) {
			return catalog.Number(l, v, 0)
		}
		return catalog.Number(l, v, 1)
	}
	return catalog.T(l, "rule."+r.ID,
		"w1", fmt.Sprint(WebSizes[0][0]), "h1", fmt.Sprint(WebSizes[0][1]),
		"w2", fmt.Sprint(WebSizes[1][0]), "h2", fmt.Sprint(WebSizes[1][1]),
		"mm", num(MinPrintWidthMM), "n", fmt.Sprint(qr.QuietZone), "pt", num(MinBodyPtA4),
		"safe", num(SafeMarginMM), "bleed", num(BleedMM),
		"module", num(ModuleMMPerMetre), "a5", num(ScanDistanceM["a5"]), "a4", num(ScanDistanceM["a4"]), "a3", num(ScanDistanceM["a3"]),
		"normal", num(ContrastNormal), "large", num(ContrastLarge), "largept", num(LargePt), "largeboldpt", num(LargeBoldPt))
}

// sourceKeys name each Source in the catalogs (rule.source.<key>).
var sourceKeys = map[string]string{
	"Charter (fedweb, 2009)":                      "charter",
	"Our proposal":                                "proposal",
	"ISO/IEC 18004":                               "iso-qr",
	"ISO/IEC 18004; our practice":                 "iso-qr-practice",
	"Our practice (DOMAIN.md)":                    "practice",
	"affiches":                                    "affiches",
	"Accessibility (DOMAIN.md)":                   "accessibility",
	"WCAG 2.1, 1.4.3":                             "wcag",
	"Print practice":                              "print",
	"Laws on the use of languages (18 July 1966)": "languages",
}

// SourceIn returns where the rule comes from, written for readers of l
// (the guide prints it under each rule).
func (r Rule) SourceIn(l brand.Lang) string {
	if k, ok := sourceKeys[r.Source]; ok {
		return catalog.T(l, "rule.source."+k)
	}
	return r.Source
}
