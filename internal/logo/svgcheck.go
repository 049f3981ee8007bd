package logo

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"affiches/internal/limits"
)

// CheckSVG accepts an SVG only if it can neither run code nor load
// anything when a browser, a mail client or an editor opens it, since a
// pack's SVG is passed through as it is. The SVG is parsed (encoding/xml,
// so prefixes are resolved to namespaces and character references decoded
// before anything is judged) and every element, attribute and style is
// checked against a list of what is allowed; anything else is refused with
// its name. Refused, among others: script and foreignObject in any
// namespace or letter case, any element of another namespace (XHTML),
// event-handler attributes (on…), links and references other than to the
// document itself (#id) whatever their scheme or case (javascript:, //host,
// file:, HTTPS:), images other than embedded PNG or JPEG, CSS @rules
// (@import), url() to anything but #id, DOCTYPEs and entities, processing
// instructions (xml-stylesheet), animation (which can set links).
func CheckSVG(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []xml.Name
	elements := 0
	inStyle := false
	root := true
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if root {
				return errors.New("not an SVG: no <svg> element")
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("not well-formed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.ProcInst:
			if t.Target != "xml" || elements > 0 {
				return fmt.Errorf("the processing instruction <?%s?> is not allowed", t.Target)
			}
		case xml.Directive:
			return errors.New("a DOCTYPE or entity declaration is not allowed")
		case xml.CharData:
			if inStyle {
				if err := checkCSS(string(t)); err != nil {
					return fmt.Errorf("<style>: %v", err)
				}
			}
		case xml.StartElement:
			elements++
			if elements > limits.SVGElements {
				return fmt.Errorf("more than %d elements", limits.SVGElements)
			}
			if len(stack) >= limits.PDFDepth*2 {
				return fmt.Errorf("elements nest more than %d deep", limits.PDFDepth*2)
			}
			if root {
				if t.Name.Space != svgNS || t.Name.Local != "svg" {
					return fmt.Errorf("not an SVG: the root is <%s>, not <svg> in the SVG namespace", show(t.Name))
				}
				root = false
			}
			if err := checkElement(t, stack); err != nil {
				return err
			}
			stack = append(stack, t.Name)
			inStyle = t.Name.Space == svgNS && t.Name.Local == "style"
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			inStyle = false
		}
	}
}

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
)

// inertNS are the namespaces editors keep their own data in (Inkscape,
// Illustrator, Sketch, Affinity, RDF metadata): browsers neither render
// nor run anything in them.
var inertNS = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"http://www.inkscape.org/namespaces/inkscape":            true,
		"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd":     true,
		"http://www.w3.org/1999/02/22-rdf-syntax-ns#":            true,
		"http://creativecommons.org/ns#":                         true,
		"http://web.resource.org/cc/":                            true,
		"http://purl.org/dc/elements/1.1/":                       true,
		"http://ns.adobe.com/AdobeIllustrator/10.0/":             true,
		"http://ns.adobe.com/Extensibility/1.0/":                 true,
		"http://ns.adobe.com/Graphs/1.0/":                        true,
		"http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/":      true,
		"http://ns.adobe.com/SaveForWeb/1.0/":                    true,
		"http://ns.adobe.com/Variables/1.0/":                     true,
		"http://ns.adobe.com/ImageReplacement/1.0/":              true,
		"http://ns.adobe.com/Flows/1.0/":                         true,
		"http://www.bohemiancoding.com/sketch/ns":                true,
		"http://www.serif.com/":                                  true,
		"http://www.figma.com/figma/ns":                          true,
		"http://schemas.microsoft.com/visio/2003/SVGExtensions/": true,
	}
})

// svgElements are the SVG elements allowed, in their exact case.
var svgElements = sync.OnceValue(func() map[string]bool {
	return set("svg g defs symbol use title desc metadata style switch " +
		"path rect circle ellipse line polyline polygon " +
		"text tspan textPath " +
		"linearGradient radialGradient stop clipPath mask pattern marker image " +
		"filter feBlend feColorMatrix feComponentTransfer feComposite feFlood feGaussianBlur " +
		"feMerge feMergeNode feOffset feFuncR feFuncG feFuncB feFuncA feMorphology feDropShadow")
})

// svgAttrs are the attributes without a namespace allowed on them, in
// their exact case.
var svgAttrs = sync.OnceValue(func() map[string]bool {
	return set("id class style transform d x y x1 y1 x2 y2 cx cy r rx ry fx fy fr " +
		"width height points viewBox preserveAspectRatio version baseProfile " +
		"fill fill-rule fill-opacity stroke stroke-width stroke-linecap stroke-linejoin " +
		"stroke-miterlimit stroke-dasharray stroke-dashoffset stroke-opacity opacity " +
		"clip-path clip-rule clipPathUnits mask maskUnits maskContentUnits " +
		"patternUnits patternContentUnits patternTransform " +
		"offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod " +
		"color display visibility overflow enable-background isolation mix-blend-mode " +
		"paint-order vector-effect shape-rendering text-rendering image-rendering " +
		"color-interpolation color-interpolation-filters color-rendering " +
		"font-family font-size font-weight font-style font-variant font-stretch " +
		"text-anchor letter-spacing word-spacing dominant-baseline alignment-baseline " +
		"baseline-shift text-decoration writing-mode direction unicode-bidi " +
		"dx dy rotate textLength lengthAdjust startOffset method spacing side " +
		"markerWidth markerHeight markerUnits refX refY orient " +
		"marker-start marker-mid marker-end " +
		"filter filterUnits primitiveUnits in in2 result stdDeviation mode type values operator " +
		"k1 k2 k3 k4 flood-color flood-opacity lighting-color tableValues slope intercept amplitude exponent " +
		"radius edgeMode " +
		"systemLanguage requiredFeatures requiredExtensions " +
		"role aria-label aria-labelledby aria-describedby aria-hidden focusable lang tabindex " +
		"href")
})

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func show(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return "{" + n.Space + "}" + n.Local
}

func checkElement(t xml.StartElement, stack []xml.Name) error {
	switch {
	case t.Name.Space == svgNS:
		if !svgElements()[t.Name.Local] {
			return fmt.Errorf("the element <%s> is not allowed", t.Name.Local)
		}
	case inertNS()[t.Name.Space]:
		// An editor's private data: nothing in it is rendered.
	default:
		return fmt.Errorf("the element <%s> is not allowed (only SVG and editors' metadata namespaces are)", show(t.Name))
	}
	svgElement := t.Name.Space == svgNS
	for _, a := range t.Attr {
		if err := checkAttr(t.Name, a, svgElement); err != nil {
			return fmt.Errorf("<%s %s=%q>: %v", t.Name.Local, show(a.Name), clip(a.Value), err)
		}
	}
	return nil
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

func checkAttr(el xml.Name, a xml.Attr, svgElement bool) error {
	lower := strings.ToLower(a.Name.Local)
	switch {
	case a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns":
		return nil // a namespace declaration names, it loads nothing
	case strings.HasPrefix(lower, "on"):
		return errors.New("event handlers are not allowed")
	case a.Name.Space == xmlNS:
		if a.Name.Local != "space" && a.Name.Local != "lang" {
			return errors.New("not allowed")
		}
		return nil
	case a.Name.Space == xlinkNS:
		switch a.Name.Local {
		case "href":
			return checkHref(el, a.Value)
		case "title":
			return nil
		}
		return errors.New("not allowed")
	case inertNS()[a.Name.Space]:
		return checkValue(a.Value)
	case a.Name.Space != "":
		return errors.New("an attribute of an unknown namespace")
	case !svgElement:
		return checkValue(a.Value)
	case a.Name.Local == "href":
		return checkHref(el, a.Value)
	case a.Name.Local == "style":
		return checkCSS(a.Value)
	case strings.HasPrefix(a.Name.Local, "data-") && a.Name.Local == lower:
		return checkValue(a.Value)
	case !svgAttrs()[a.Name.Local]:
		return errors.New("not allowed")
	}
	return checkValue(a.Value)
}

// checkHref allows references inside the document (#id) and, on <image>,
// an embedded PNG or JPEG.
func checkHref(el xml.Name, v string) error {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "#") && !strings.ContainsAny(v, "():/\\") {
		return nil
	}
	if el.Local == "image" {
		low := strings.ToLower(v)
		if strings.HasPrefix(low, "data:image/png;base64,") || strings.HasPrefix(low, "data:image/jpeg;base64,") {
			return nil
		}
		return errors.New("an image must be embedded as a PNG or JPEG (data:image/png;base64,…)")
	}
	return errors.New("only references inside the SVG (#id) are allowed: it must not reach outside itself")
}

// dangerous are what a value must never hold, compared without case or
// white space: scripts and CSS loaders.
var dangerous = []string{"javascript:", "vbscript:", "expression(", "@import", "behavior:", "-moz-binding"}

func checkValue(v string) error {
	squeezed := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7F {
			return -1
		}
		return r
	}, strings.ToLower(v))
	for _, d := range dangerous {
		if strings.Contains(squeezed, d) {
			return fmt.Errorf("contains %q", d)
		}
	}
	return checkURLs(v)
}

var (
	cssComment = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)/\*.*?\*/`) })
	urlCall    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)url\s*\(\s*['"]?\s*([^'")\s]*)`) })
	loaders    = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(^|[^a-z-])(-webkit-)?(image-set|image|cross-fade|element|src)\s*\(`)
	})
)

// checkURLs allows url() only to #id, and no other CSS function that
// loads.
func checkURLs(v string) error {
	for _, m := range urlCall().FindAllStringSubmatch(v, -1) {
		if !strings.HasPrefix(m[1], "#") {
			return fmt.Errorf("url(%s): only url(#id) is allowed; it must not reach outside itself", clip(m[1]))
		}
	}
	if loaders().MatchString(v) {
		return errors.New("a CSS function that loads an image is not allowed")
	}
	return nil
}

// checkCSS checks a style sheet or a style attribute: no at-rules (no
// @import, @font-face), no escapes (which could spell anything), and the
// checks of any value.
func checkCSS(css string) error {
	css = cssComment().ReplaceAllString(css, " ")
	if strings.Contains(css, "@") {
		return errors.New("CSS at-rules (@import, @font-face…) are not allowed")
	}
	if strings.Contains(css, "\\") {
		return errors.New("CSS escapes are not allowed")
	}
	return checkValue(css)
}
