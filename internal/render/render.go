// Package render is the entry point for visual outputs: it lays an asset
// out (package layout) and writes it in the asked format through one of the
// backends (pdf, raster, svg).
package render

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"math"
	"path/filepath"
	"strings"
	"sync"

	"affiches/internal/brand"
	"affiches/internal/casefile"
	"affiches/internal/limits"
	"affiches/internal/logo"
	"affiches/internal/render/layout"
	"affiches/internal/render/page"
	"affiches/internal/render/pdf"
	"affiches/internal/render/raster"
	"affiches/internal/render/svg"
	"affiches/internal/rules"
	"affiches/internal/text"
)

// Format is an output format.
type Format string

// The formats.
const (
	PDF Format = "pdf"
	PNG Format = "png"
	SVG Format = "svg"
)

// ParseFormat reads a format name.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case PDF, PNG, SVG:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want pdf, png or svg)", s)
}

// FormatOf returns the format an output path's extension names, or "".
func FormatOf(path string) Format {
	f, err := ParseFormat(strings.TrimPrefix(filepath.Ext(path), "."))
	if err != nil {
		return ""
	}
	return f
}

// DefaultDPI is the resolution of PNG previews.
const DefaultDPI = 150

// PosterOptions says which poster to render and how.
type PosterOptions struct {
	layout.PosterOptions
	Format Format
	DPI    float64 // PNG only; DefaultDPI when 0
}

// Checked lists the IDs of the rules whose checks ran on an output.
type Checked []string

// Poster renders a poster onto w.
func Poster(w io.Writer, o *brand.Org, opt PosterOptions) (Checked, error) {
	doc, err := layout.Poster(o, opt.PosterOptions)
	if err != nil {
		return nil, err
	}
	return doc.Rules, writeDoc(w, doc, opt.Format, opt.DPI, color.White)
}

func writeDoc(w io.Writer, doc *page.Doc, f Format, dpi float64, bg color.Color) error {
	fonts := text.Fonts()
	switch f {
	case PDF:
		return pdf.Write(w, doc, fonts, pdf.Options{})
	case PNG:
		if dpi == 0 {
			dpi = DefaultDPI
		}
		if err := checkRaster(doc.Pages[0], dpi); err != nil {
			return err
		}
		return raster.Write(w, doc.Pages[0], fonts, raster.Options{DPI: dpi, Background: bg})
	case SVG:
		return svg.Write(w, doc.Pages[0], fonts, svg.Options{Title: doc.Info.Title, Lang: doc.Info.Lang})
	}
	return fmt.Errorf("unknown format %q", f)
}

// checkRaster refuses a resolution that is not one (NaN passed a range
// test written v < min || v > max, then panicked in image.NewRGBA) and an
// image past limits.RasterPixels (a 5 m logo at 1200 dpi is 55 billion
// pixels), before any pixel is allocated.
func checkRaster(p *page.Page, dpi float64) error {
	if !(dpi >= limits.MinDPI && dpi <= limits.MaxDPI) {
		return brand.Problems{{Field: "dpi", Message: fmt.Sprintf("%g: want %d to %d", dpi, limits.MinDPI, limits.MaxDPI)}}
	}
	w, h := math.Round(p.W*dpi/72), math.Round(p.H*dpi/72)
	if !(w >= 1 && h >= 1 && w*h <= limits.RasterPixels) {
		return brand.Problems{{Field: "dpi", Message: fmt.Sprintf("%g dpi makes a %.0f × %.0f px image; at most %d million pixels (A4 at 600 dpi)", dpi, w, h, limits.RasterPixels/1_000_000)}}
	}
	return nil
}

// LogoOptions says which logo to render and how.
type LogoOptions struct {
	Channel brand.Channel
	Lang    brand.Lang
	Version logo.Version
	Format  Format

	// Web: a web layout at 1×, 2× or 3× pixels (PNG or SVG).
	Web   logo.Layout
	Scale int

	// Print: the logo's width in millimetres, clear space excluded (PDF,
	// SVG, or PNG at DPI).
	WidthMM float64
	DPI     float64

	// Pack, when set, holds the body's official artwork, used instead of
	// the built-in logos.
	Pack *logo.Pack
}

// Logo renders a logo onto w. Web PNGs have the charter's sizes times the
// scale; print outputs are WidthMM wide plus the clear space on each side.
// The rules that apply to web or print logos are checked on what is drawn.
func Logo(w io.Writer, opt LogoOptions) (Checked, error) {
	layoutName := logo.Print
	if opt.Web != "" {
		layoutName = opt.Web
	}
	if opt.Pack != nil {
		return officialLogo(w, opt, layoutName)
	}
	lk, err := logo.Build(opt.Channel, opt.Lang, opt.Version, layoutName)
	if err != nil {
		return nil, err
	}
	pg := &page.Page{}
	var width, height string
	if ww, hh, ok := layoutName.WebSize(); ok {
		if opt.Scale == 0 {
			opt.Scale = 1
		}
		if opt.Scale < 1 || opt.Scale > 3 {
			return nil, fmt.Errorf("--scale %d: want 1, 2 or 3", opt.Scale)
		}
		if opt.Format == PDF {
			return nil, brand.Problems{rules.LogoWebSize.Violation("", "web layouts are for screens (PNG or SVG); for print use --width-mm")}
		}
		// One point per CSS pixel: the page is the web size, rasterised at
		// 72 dpi × scale.
		pg.W, pg.H = float64(ww), float64(hh)
		pg.Add(lk.Art)
		width, height = fmt.Sprint(ww), fmt.Sprint(hh)
		opt.DPI = 72 * float64(opt.Scale)
	} else {
		art, err := printLogo(lk, opt.WidthMM)
		if err != nil {
			return nil, err
		}
		pg.W, pg.H = art.Box.W, art.Box.H
		pg.Add(art)
		pg.Blocks = []page.Block{{Name: rules.BlockLogo, Role: page.Figure, Lang: string(opt.Lang), Alt: lk.Alt, Box: art.Box, Pad: lk.Clear * art.Scale(), From: 0, To: 1}}
		width, height = mm(pg.W/layout.MM), mm(pg.H/layout.MM)
		if opt.Format == PNG && opt.DPI == 0 {
			opt.DPI = 300
		}
	}
	doc := &page.Doc{Info: page.Info{Title: lk.Alt, Author: "affiches", Subject: lk.Art.Name, Lang: string(opt.Lang)}, Pages: []*page.Page{pg}}
	ran, err := checkLogo(doc, layoutName)
	if err != nil {
		return nil, err
	}
	if opt.Format == SVG {
		return ran, svg.Write(w, pg, text.Fonts(), svg.Options{Title: lk.Alt, Lang: string(opt.Lang), Width: width, Height: height})
	}
	return ran, writeDoc(w, doc, opt.Format, opt.DPI, nil)
}

// printLogo places a print logo widthMM wide (the default width when 0).
func printLogo(lk *logo.Lockup, widthMM float64) (page.Art, error) {
	if widthMM == 0 {
		widthMM = rules.DefaultPrintWidthMM
	}
	if err := rules.CheckPrintWidth(widthMM); err != nil {
		return page.Art{}, err
	}
	return lk.Place(0, 0, widthMM*layout.MM), nil
}

// checkLogo runs the rules of web or print logos on what was drawn.
func checkLogo(doc *page.Doc, l logo.Layout) (Checked, error) {
	s := &rules.Subject{Kind: rules.LogoPrint, Doc: doc}
	if ww, hh, ok := l.WebSize(); ok {
		s = &rules.Subject{Kind: rules.LogoWeb, Web: [2]int{ww, hh}}
	}
	ran, ps := rules.Run(s)
	if len(ps) > 0 {
		return nil, ps
	}
	return ran, nil
}

func mm(v float64) string { return fmt.Sprintf("%.2fmm", v) }

// unwrapPath drops the operation and path of a file error: messages name
// the pack's file themselves.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// officialLogo writes a logo from the body's pack: web files and SVGs pass
// through as they are (a web file must have the charter's exact size); a
// print PDF or PNG places the artwork at the asked width.
func officialLogo(w io.Writer, opt LogoOptions, l logo.Layout) (Checked, error) {
	// read reads a pack file and checks it as its kind requires: files
	// passed through are the body's, but they must not run code, load
	// anything or be damaged.
	read := func(name string) ([]byte, error) {
		data, err := opt.Pack.ReadFile(name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, brand.Problems{{Field: "logo_pack", Message: fmt.Sprintf("%s: the pack has no such file", name)}}
		}
		if err == nil {
			err = logo.CheckFile(name, data)
		}
		if err != nil {
			return nil, brand.Problems{{Field: "logo_pack", Message: fmt.Sprintf("%s: %v", name, unwrapPath(err))}}
		}
		return data, nil
	}
	// Files passed through as they are: no rule checks their drawing.
	pass := func(name string) (Checked, error) {
		data, err := read(name)
		if err != nil {
			return nil, err
		}
		_, err = w.Write(data)
		return nil, err
	}
	if ww, hh, ok := l.WebSize(); ok {
		if opt.Scale == 0 {
			opt.Scale = 1
		}
		if opt.Format == PDF {
			return nil, brand.Problems{rules.LogoWebSize.Violation("", "web layouts are for screens (PNG or SVG); for print use --width-mm")}
		}
		if opt.Format == SVG {
			return pass(logo.WebFile(opt.Channel, opt.Lang, opt.Version, l, 1, "svg"))
		}
		name := logo.WebFile(opt.Channel, opt.Lang, opt.Version, l, opt.Scale, "png")
		data, err := read(name)
		if err != nil {
			return nil, err
		}
		cfg, _ := png.DecodeConfig(bytes.NewReader(data))
		if cfg.Width != ww*opt.Scale || cfg.Height != hh*opt.Scale {
			return nil, brand.Problems{rules.LogoWebSize.Violation("logo_pack", "%s is %d×%d px; at %d× the web size is %d×%d", name, cfg.Width, cfg.Height, opt.Scale, ww*opt.Scale, hh*opt.Scale)}
		}
		_, err = w.Write(data)
		return Checked{rules.LogoWebSize.ID}, err
	}
	if opt.Format == SVG {
		return pass(logo.PackName(opt.Channel, opt.Lang, opt.Version) + ".svg")
	}
	lk, err := logo.Official(*opt.Pack, opt.Channel, opt.Lang, opt.Version)
	if err != nil {
		return nil, brand.Problems{{Field: "logo_pack", Message: strings.TrimPrefix(err.Error(), "logo_pack: ")}}
	}
	art, err := printLogo(lk, opt.WidthMM)
	if err != nil {
		return nil, err
	}
	pg := &page.Page{W: art.Box.W, H: art.Box.H}
	pg.Add(art)
	pg.Blocks = []page.Block{{Name: rules.BlockLogo, Role: page.Figure, Lang: string(opt.Lang), Alt: lk.Alt, Box: art.Box, Pad: lk.Clear * art.Scale(), From: 0, To: 1}}
	doc := &page.Doc{Info: page.Info{Title: lk.Alt, Author: "affiches", Subject: art.Name, Lang: string(opt.Lang)}, Pages: []*page.Page{pg}}
	ran, err := checkLogo(doc, l)
	if err != nil {
		return nil, err
	}
	if opt.Format == PNG && opt.DPI == 0 {
		opt.DPI = 300
	}
	return ran, writeDoc(w, doc, opt.Format, opt.DPI, nil)
}

// Guide renders the logo usage guide in lang as a PDF; its anatomy page
// shows o's poster (the demo body's when o is nil).
func Guide(w io.Writer, o *brand.Org, lang brand.Lang) (Checked, error) {
	doc, err := layout.Guide(o, lang)
	if err != nil {
		return nil, err
	}
	return doc.Rules, pdf.Write(w, doc, text.Fonts(), pdf.Options{})
}

// Letter renders a letter or the registration form as a PDF onto w.
func Letter(w io.Writer, d *casefile.Doc) (Checked, error) {
	doc, err := layout.Letter(d)
	if err != nil {
		return nil, err
	}
	return doc.Rules, pdf.Write(w, doc, text.Fonts(), pdf.Options{Archival: true})
}

// IndicatorsReport renders the year's indicators of o in l as a PDF onto w.
func IndicatorsReport(w io.Writer, o *brand.Org, l brand.Lang, in casefile.Indicators) (Checked, error) {
	doc, err := layout.IndicatorsReport(o, l, in)
	if err != nil {
		return nil, err
	}
	return doc.Rules, pdf.Write(w, doc, text.Fonts(), pdf.Options{})
}

// LetterDOCX writes a letter or the registration form as DOCX onto w, with
// the letterhead logo.
func LetterDOCX(w io.Writer, d *casefile.Doc) error {
	png, err := letterheadPNG(d.Lang)
	if err != nil {
		return err
	}
	return casefile.WriteDOCX(w, d, png)
}

// letterheads caches the DOCX letterhead logo by language: every DOCX of a
// kit carries the same one.
var letterheads sync.Map

func letterheadPNG(l brand.Lang) ([]byte, error) {
	if v, ok := letterheads.Load(l); ok {
		return v.([]byte), nil
	}
	var png bytes.Buffer
	_, err := Logo(&png, LogoOptions{Channel: brand.Complaint, Lang: l, Version: logo.Colour, Format: PNG, WidthMM: 42, DPI: 300})
	if err != nil {
		return nil, err
	}
	letterheads.Store(l, png.Bytes())
	return png.Bytes(), nil
}
