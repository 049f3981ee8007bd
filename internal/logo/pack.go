package logo

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"io/fs"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/render/page"
)

// Pack is a folder of a body's official logo files, placed as they are
// (never redrawn or recoloured). Files are named
//
//	<channel>-<lang>-<version>.png   required: 8-bit, not interlaced
//	<channel>-<lang>-<version>.pdf   optional: its first page is placed in PDFs
//	<channel>-<lang>-<version>.svg   optional: passed through for SVG output
//
// for example complaint-nl-colour.png. The PNG's size gives the aspect ratio.
type Pack struct {
	FS fs.FS
}

// PackName returns the base file name of a logo in a pack.
func PackName(ch brand.Channel, lang brand.Lang, v Version) string {
	return fmt.Sprintf("%s-%s-%s", ch, lang, v)
}

// MaxPackFile bounds each file read from a pack.
const MaxPackFile = 16 << 20

// Load reads the official files of one logo. A missing PNG is an error
// naming the file the pack should have.
func (p Pack) Load(ch brand.Channel, lang brand.Lang, v Version) (*page.Official, page.Point, error) {
	base := PackName(ch, lang, v)
	read := func(ext string, required bool) ([]byte, error) {
		name := base + "." + ext
		data, err := fs.ReadFile(p.FS, name)
		if errors.Is(err, fs.ErrNotExist) && !required {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("logo_pack: %s: %w", name, unwrap(err))
		}
		if len(data) > MaxPackFile {
			return nil, fmt.Errorf("logo_pack: %s: %d bytes; at most %d", name, len(data), MaxPackFile)
		}
		return data, nil
	}
	o := &page.Official{File: base}
	var err error
	if o.PNG, err = read("png", true); err != nil {
		return nil, page.Point{}, err
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(o.PNG))
	if err != nil {
		return nil, page.Point{}, fmt.Errorf("logo_pack: %s.png: not a PNG: %v", base, err)
	}
	if err := placeablePNG(o.PNG); err != nil {
		return nil, page.Point{}, fmt.Errorf("logo_pack: %s.png: %v", base, err)
	}
	if o.PDF, err = read("pdf", false); err != nil {
		return nil, page.Point{}, err
	}
	if o.PDF != nil && !bytes.HasPrefix(o.PDF, []byte("%PDF-")) {
		return nil, page.Point{}, fmt.Errorf("logo_pack: %s.pdf: not a PDF", base)
	}
	if o.SVG, err = read("svg", false); err != nil {
		return nil, page.Point{}, err
	}
	if o.SVG != nil {
		if err := standaloneSVG(o.SVG); err != nil {
			return nil, page.Point{}, fmt.Errorf("logo_pack: %s.svg: %v", base, err)
		}
	}
	return o, page.Point{X: float64(cfg.Width), Y: float64(cfg.Height)}, nil
}

// placeablePNG refuses what gopdf cannot place: 16-bit and interlaced PNGs.
func placeablePNG(data []byte) error {
	// IHDR: 8-byte signature, 4 length, 4 type, 4 width, 4 height, then
	// bit depth, colour type, compression, filter, interlace.
	if len(data) < 29 {
		return errors.New("truncated PNG")
	}
	if depth := data[24]; depth == 16 {
		return errors.New("16-bit PNGs cannot be placed in a PDF: save it with 8 bits per channel")
	}
	if data[28] != 0 {
		return errors.New("interlaced PNGs cannot be placed in a PDF: save it without interlacing")
	}
	return nil
}

// standaloneSVG refuses an SVG that reaches outside itself: it is passed
// through as is, so it must not load anything.
func standaloneSVG(data []byte) error {
	s := string(data)
	if !strings.Contains(s, "<svg") {
		return errors.New("not an SVG")
	}
	for _, bad := range []string{"<script", "http://", "https://", "xlink:href=\"file", "<foreignObject"} {
		if strings.Contains(s, bad) && !(bad == "http://" && onlyNamespaces(s)) {
			return fmt.Errorf("contains %q: an SVG passed through must not reach outside itself", bad)
		}
	}
	return nil
}

// onlyNamespaces reports whether every http:// in s is an XML namespace
// declaration, which loads nothing.
func onlyNamespaces(s string) bool {
	for _, part := range strings.Split(s, "http://")[1:] {
		if !strings.HasPrefix(part, "www.w3.org/") && !strings.HasPrefix(part, "purl.org/") && !strings.HasPrefix(part, "creativecommons.org/") && !strings.HasPrefix(part, "ns.adobe.com/") && !strings.HasPrefix(part, "www.inkscape.org/") && !strings.HasPrefix(part, "inkscape.sourceforge.net/") && !strings.HasPrefix(part, "sodipodi.sourceforge.net/") {
			return false
		}
	}
	return true
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Official builds a lock-up from a pack: the file's whole area is the logo
// and its own clear space is the artwork's business.
func Official(p Pack, ch brand.Channel, lang brand.Lang, v Version) (*Lockup, error) {
	o, view, err := p.Load(ch, lang, v)
	if err != nil {
		return nil, err
	}
	box := page.Rect{W: view.X, H: view.Y}
	return &Lockup{
		Art:      page.Art{Name: "official-" + PackName(ch, lang, v), Box: box, View: view, Official: o},
		Balloon:  box,
		Baseline: box,
		Logo:     box,
		Alt:      catalog.T(lang, "logo."+string(ch)+".alt"),
	}, nil
}

// WebFile returns the pack's file name of a web logo at a scale, such as
// complaint-fr-colour-web-small@2x.png: web logos have fixed sizes, so a
// pack provides each one it wants served.
func WebFile(ch brand.Channel, lang brand.Lang, v Version, l Layout, scale int, ext string) string {
	name := PackName(ch, lang, v) + "-" + string(l)
	if scale > 1 {
		name += fmt.Sprintf("@%dx", scale)
	}
	return name + "." + ext
}
