// Package rules is the logo charter and the accessibility and print rules,
// as code: each rule has an ID, a statement, its numbers and a check. The
// renderers refuse to break them, `affiches check` lists them, and the
// manifest records which were checked.
package rules

import (
	"fmt"
	"image/color"
	"math"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/limits"
)

// Rule is one rule of the charter or of good practice.
type Rule struct {
	ID        string
	Statement string // what the rule asks, one sentence
	Source    string // where it comes from: the charter, our proposal, WCAG…
}

// The rules, in the order the guide explains them.
var (
	LogoInseparable = Rule{"LOGO-INSEPARABLE", "The balloon and its two-line baseline are one logo: never one without the other.", "Charter (fedweb, 2009)"}
	LogoWebSize     = Rule{"LOGO-WEB-SIZE", fmt.Sprintf("Online, the logo has two sizes only: %d×%d and %d×%d pixels (shown at that size; 2× and 3× pixels for sharp screens).", WebSizes[0][0], WebSizes[0][1], WebSizes[1][0], WebSizes[1][1]), "Charter (fedweb, 2009)"}
	LogoAspect      = Rule{"LOGO-ASPECT", "The logo is never stretched or squeezed: its aspect ratio is locked.", "Charter (fedweb, 2009)"}
	LogoMinPrint    = Rule{"LOGO-MIN-PRINT", fmt.Sprintf("In print the logo is at least %g mm wide (clear space excluded).", MinPrintWidthMM), "Our proposal"}
	LogoClearSpace  = Rule{"LOGO-CLEAR-SPACE", "Nothing enters the clear space around the logo: a quarter of the balloon's height on every side.", "Our proposal"}
	LogoVersion     = Rule{"LOGO-VERSION", "The colour and black versions go on light backgrounds, the white version on dark ones.", "Charter (fedweb, 2009)"}
	QRQuietZone     = Rule{"QR-QUIET-ZONE", fmt.Sprintf("A QR code keeps a blank margin of %d modules on every side.", 4), "ISO/IEC 18004"}
	QRErrorLevel    = Rule{"QR-ECC", "QR codes use error correction level M (nothing is overlaid on them).", "ISO/IEC 18004; our practice"}
	QRModuleSize    = Rule{"QR-MODULE-SIZE", "A QR module is at least 1 mm per metre of scan distance (A5: 0.5 m, A4: 1 m, A3: 1.5 m).", "Our practice (DOMAIN.md)"}
	QRDarkOnLight   = Rule{"QR-DARK-ON-LIGHT", "QR codes are dark on light; inverted codes fail in common readers.", "Our practice (DOMAIN.md)"}
	QRURLMatch      = Rule{"QR-URL-MATCH", "The URL printed beside a QR code is exactly the one it encodes, on the body's own domain.", "Our practice (DOMAIN.md)"}
	TextFit         = Rule{"TEXT-FIT", "Text that does not fit is shrunk within a lower bound, then refused; never clipped.", "affiches"}
	TextMinSize     = Rule{"TEXT-MIN-SIZE", fmt.Sprintf("Poster body text is at least %g pt at A4, scaled for A5 and A3.", MinBodyPtA4), "Accessibility (DOMAIN.md)"}
	TextGlyphs      = Rule{"TEXT-GLYPHS", "Every character is drawn by the embedded fonts; a character they lack is refused, never left blank.", "affiches"}
	ColourContrast  = Rule{"COLOUR-CONTRAST", "Text keeps a contrast of 4.5:1 with its background, 3:1 when large (18 pt, or 14 pt bold).", "WCAG 2.1, 1.4.3"}
	PrintMargin     = Rule{"PRINT-MARGIN", fmt.Sprintf("Office prints keep a %g mm safe margin; print-shop files add %g mm bleed, a TrimBox and, asked, crop marks.", SafeMarginMM, BleedMM), "Print practice"}
	LangSet         = Rule{"LANG-SET", "Assets use the languages the law expects for the body's region; English may be added, never replace one.", "Laws on the use of languages (18 July 1966)"}
)

// All lists every rule.
var All = []Rule{
	LogoInseparable, LogoWebSize, LogoAspect, LogoMinPrint, LogoClearSpace, LogoVersion,
	QRQuietZone, QRErrorLevel, QRModuleSize, QRDarkOnLight, QRURLMatch,
	TextFit, TextMinSize, TextGlyphs, ColourContrast, PrintMargin, LangSet,
}

// The numbers of the rules.
const (
	MinPrintWidthMM = 25.0
	MinBodyPtA4     = 14.0
	SafeMarginMM    = 5.0
	BleedMM         = 3.0
)

// WebSizes are the charter's two web sizes, in CSS pixels.
var WebSizes = [2][2]int{{140, 85}, {165, 115}}

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
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

// CheckContrast refuses text of colour fg on bg below the WCAG minimum.
func CheckContrast(field string, fg, bg color.RGBA, large bool) error {
	need := 4.5
	if large {
		need = 3
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
	return catalog.T(l, "rule."+r.ID,
		"w1", fmt.Sprint(WebSizes[0][0]), "h1", fmt.Sprint(WebSizes[0][1]),
		"w2", fmt.Sprint(WebSizes[1][0]), "h2", fmt.Sprint(WebSizes[1][1]),
		"mm", fmt.Sprint(MinPrintWidthMM), "n", "4", "pt", fmt.Sprint(MinBodyPtA4),
		"safe", fmt.Sprint(SafeMarginMM), "bleed", fmt.Sprint(BleedMM))
}
