package logo

import (
	"encoding/xml"
	"strings"
	"testing"
)

const svgOpen = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 4">`

// goodSVGs are what editors write: Illustrator and Inkscape files with
// their metadata, gradients, clip paths, styles and references inside.
var goodSVGs = map[string]string{
	"plain": svgOpen + `<rect width="10" height="4" fill="#C01020"/></svg>`,
	"illustrator": `<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px"
	 viewBox="0 0 200 80" style="enable-background:new 0 0 200 80;" xml:space="preserve">
<style type="text/css">
	.st0{fill:#0B4F8A;}
	.st1{fill:url(#SVGID_1_);}
</style>
<linearGradient id="SVGID_1_" gradientUnits="userSpaceOnUse" x1="0" y1="0" x2="200" y2="80">
	<stop  offset="0" style="stop-color:#FFFFFF"/>
	<stop  offset="1" style="stop-color:#0B4F8A"/>
</linearGradient>
<g data-name="Balloon"><path class="st0" d="M10,10h50v30H10z"/><rect class="st1" width="10" height="10"/></g>
<use xlink:href="#SVGID_1_"/>
</svg>`,
	"inkscape": `<svg xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#"
 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:svg="http://www.w3.org/2000/svg"
 xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
 xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="210mm" height="80mm" viewBox="0 0 210 80"
 inkscape:version="1.2" sodipodi:docname="logo.svg">
 <sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="0.35"/>
 <metadata><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format>
 <dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/></cc:Work></rdf:RDF></metadata>
 <defs><clipPath id="c"><rect width="10" height="10"/></clipPath></defs>
 <g inkscape:label="Layer 1" inkscape:groupmode="layer" clip-path="url(#c)">
 <svg:path d="M0 0h10v10z" style="fill:#c01020;fill-rule:evenodd"/>
 <text x="1" y="9" font-family="Atkinson Hyperlegible"><tspan>Plainte</tspan></text></g></svg>`,
	"embedded png": svgOpen + `<image width="10" height="4" href="data:image/png;base64,iVBORw0KGgo="/></svg>`,
}

// badSVGs are the attacks the hardening issue found past the string
// checks, and their kin.
var badSVGs = map[string]struct{ svg, want string }{
	"script":                   {svgOpen + `<script>alert(1)</script></svg>`, "<script> is not allowed"},
	"prefixed script":          {`<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>`, "<script> is not allowed"},
	"script in XHTML":          {svgOpen + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`, "{http://www.w3.org/1999/xhtml}script> is not allowed"},
	"Script in capitals":       {svgOpen + `<SCRIPT>alert(1)</SCRIPT></svg>`, "<SCRIPT> is not allowed"},
	"script without namespace": {svgOpen + `<script xmlns="">alert(1)</script></svg>`, "<script> is not allowed"},
	"onload":                   {`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, "event handlers are not allowed"},
	"ONLOAD":                   {`<svg xmlns="http://www.w3.org/2000/svg" ONLOAD="alert(1)"/>`, "event handlers are not allowed"},
	"javascript link":          {svgOpen + `<a href="javascript:alert(1)"><rect/></a></svg>`, "<a> is not allowed"},
	"javascript in use":        {svgOpen + `<use xlink:href="javascript:alert(1)"/></svg>`, "only references inside the SVG"},
	"javascript, entities":     {svgOpen + `<use href="&#x6A;avascript:alert(1)"/></svg>`, "only references inside the SVG"},
	"//host image":             {svgOpen + `<image href="//evil.example/x.png"/></svg>`, "must be embedded"},
	"file: xlink":              {svgOpen + `<use xlink:href='file:///etc/passwd#x'/></svg>`, "only references inside the SVG"},
	"HTTPS image":              {svgOpen + `<image xlink:href="HTTPS://evil.example/x.png"/></svg>`, "must be embedded"},
	"svg data image":           {svgOpen + `<image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`, "must be embedded"},
	"prefixed xlink":           {`<svg xmlns="http://www.w3.org/2000/svg" xmlns:q="http://www.w3.org/1999/xlink"><use q:href="http://evil/#x"/></svg>`, "only references inside the SVG"},
	"CSS @import":              {svgOpen + `<style>@import url(https://evil.example/x.css);</style></svg>`, "at-rules"},
	"CSS @import, escaped":     {svgOpen + `<style>@\69mport "x.css";</style></svg>`, "at-rules"},
	"CSS url outside":          {svgOpen + `<style>.a{fill:url(https://evil.example/f.svg#g)}</style></svg>`, "only url(#id)"},
	"CSS escape":               {svgOpen + `<style>.a{fill:\75rl(x)}</style></svg>`, "CSS escapes"},
	"CSS image-set":            {svgOpen + `<rect style="fill:image-set('x.png' 1x)"/></svg>`, "loads an image"},
	"style attr url":           {svgOpen + `<rect style="fill:URL( 'http://evil/x#g' )"/></svg>`, "only url(#id)"},
	"presentation url":         {svgOpen + `<rect filter="url(http://evil/f.svg#f)"/></svg>`, "only url(#id)"},
	"foreignobject":            {svgOpen + `<foreignobject><div/></foreignobject></svg>`, "<foreignobject> is not allowed"},
	"foreignObject":            {svgOpen + `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>`, "<foreignObject> is not allowed"},
	"animate sets a link":      {svgOpen + `<animate attributeName="href" to="javascript:alert(1)"/></svg>`, "<animate> is not allowed"},
	"set":                      {svgOpen + `<set attributeName="onmouseover" to="alert(1)"/></svg>`, "<set> is not allowed"},
	"feImage":                  {svgOpen + `<filter><feImage href="http://evil/x.png"/></filter></svg>`, "<feImage> is not allowed"},
	"entity":                   {`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>`, "DOCTYPE"},
	"stylesheet PI":            {`<?xml-stylesheet href="https://evil.example/x.css"?><svg xmlns="http://www.w3.org/2000/svg"/>`, "xml-stylesheet"},
	"xml:base":                 {`<svg xmlns="http://www.w3.org/2000/svg" xml:base="https://evil.example/"/>`, "not allowed"},
	"not an svg":               {`<html xmlns="http://www.w3.org/1999/xhtml"/>`, "not an SVG"},
	"svg without namespace":    {`<svg><rect/></svg>`, "not an SVG"},
	"not XML":                  {`<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>`, "not well-formed"},
	"unknown attribute":        {svgOpen + `<rect formaction="x"/></svg>`, "not allowed"},
	"vbscript in style":        {svgOpen + `<rect style="fill:red;x:vb script:"/></svg>`, ""},
	"javascript in data-":      {svgOpen + `<rect data-x="java&#9;script:alert(1)"/></svg>`, "javascript:"},
}

func TestCheckSVG(t *testing.T) {
	for name, svg := range goodSVGs {
		if err := CheckSVG([]byte(svg)); err != nil {
			t.Errorf("%s: refused: %v", name, err)
		}
	}
	for name, tt := range badSVGs {
		err := CheckSVG([]byte(tt.svg))
		if tt.want == "" {
			continue // only that it ends
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want …%s…", name, err, tt.want)
		}
	}
}

// FuzzSVG: no input makes the check panic, and what it accepts passes an
// independent deny-list read of its markup: no element named script,
// foreignObject, iframe or a in any case or namespace, no on… attribute, no
// attribute or style holding javascript:, @import or a url() that is not
// #id, no DOCTYPE or stylesheet instruction. (Text content may hold any
// words: it is text.)
func FuzzSVG(f *testing.F) {
	for _, s := range goodSVGs {
		f.Add(s)
	}
	for _, tt := range badSVGs {
		f.Add(tt.svg)
	}
	f.Fuzz(func(t *testing.T, svg string) {
		if CheckSVG([]byte(svg)) != nil {
			return
		}
		d := xml.NewDecoder(strings.NewReader(svg))
		inStyle := false
		squeeze := func(v string) string {
			return strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, strings.ToLower(v))
		}
		bad := func(v string) bool {
			v = squeeze(v)
			return strings.Contains(v, "javascript:") || strings.Contains(v, "@import") ||
				strings.Contains(v, "url(") && !strings.Contains(v, "url(#") && !strings.Contains(v, "url('#") && !strings.Contains(v, "url(\"#")
		}
		for {
			tok, err := d.Token()
			if err != nil {
				return
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				switch strings.ToLower(tok.Name.Local) {
				case "script", "foreignobject", "iframe", "a", "animate", "set":
					t.Fatalf("accepted <%s>", tok.Name.Local)
				}
				inStyle = tok.Name.Local == "style"
				for _, a := range tok.Attr {
					if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
						continue // a namespace's name is a URI nothing loads or runs
					}
					if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || bad(a.Value) {
						t.Fatalf("accepted %s=%q", a.Name.Local, a.Value)
					}
				}
			case xml.CharData:
				if inStyle && bad(string(tok)) {
					t.Fatalf("accepted the style %q", tok)
				}
			case xml.EndElement:
				inStyle = false
			case xml.Directive:
				t.Fatalf("accepted <!%s>", tok)
			case xml.ProcInst:
				if tok.Target != "xml" {
					t.Fatalf("accepted <?%s?>", tok.Target)
				}
			}
		}
	})
}
