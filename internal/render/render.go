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
	"path/filepath"
	"strings"
	"sync"

	"affiches/internal/brand"
	"affiches/internal/casefile"
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

// Poster renders a poster onto w.
func Poster(w io.Writer, o *brand.Org, opt PosterOptions) error {
	doc, err := layout.Poster(o, opt.PosterOptions)
	if err != nil {
		return err
	}
	return writeDoc(w, doc, opt.Format, opt.DPI, color.White)
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
		if dpi < 36 || dpi > 1200 {
			return fmt.Errorf("--dpi %g: want 36 to 1200", dpi)
		}
		img := raster.Render(doc.Pages[0], fonts, raster.Options{DPI: dpi, Background: bg})
		return raster.WritePNG(w, img, dpi)
	case SVG:
		return svg.Write(w, doc.Pages[0], fonts, svg.Options{Title: doc.Info.Title, Lang: doc.Info.Lang})
	}
	return fmt.Errorf("unknown format %q", f)
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
// The rules LOGO-WEB-SIZE and LOGO-MIN-PRINT are enforced.
func Logo(w io.Writer, opt LogoOptions) error {
	layoutName := logo.Print
	if opt.Web != "" {
		layoutName = opt.Web
	}
	if opt.Pack != nil {
		return officialLogo(w, opt, layoutName)
	}
	lk, err := logo.Build(opt.Channel, opt.Lang, opt.Version, layoutName)
	if err != nil {
		return err
	}
	pg := &page.Page{}
	var width, height string
	if ww, hh, ok := layoutName.WebSize(); ok {
		if opt.Scale == 0 {
			opt.Scale = 1
		}
		if opt.Scale < 1 || opt.Scale > 3 {
			return fmt.Errorf("--scale %d: want 1, 2 or 3", opt.Scale)
		}
		if opt.Format == PDF {
			return brand.Problems{rules.LogoWebSize.Violation("", "web layouts are for screens (PNG or SVG); for print use --width-mm")}
		}
		// One point per CSS pixel: the page is the web size, rasterised at
		// 72 dpi × scale.
		pg.W, pg.H = float64(ww), float64(hh)
		pg.Add(lk.Art)
		width, height = fmt.Sprint(ww), fmt.Sprint(hh)
		opt.DPI = 72 * float64(opt.Scale)
	} else {
		if opt.WidthMM == 0 {
			opt.WidthMM = 60
		}
		if err := rules.CheckPrintWidth(opt.WidthMM); err != nil {
			return err
		}
		art := lk.Place(0, 0, opt.WidthMM*layout.MM)
		pg.W, pg.H = art.Box.W, art.Box.H
		pg.Add(art)
		pg.Blocks = []page.Block{{Name: "logo", Role: page.Figure, Lang: string(opt.Lang), Alt: lk.Alt, Box: art.Box, From: 0, To: 1}}
		width, height = mm(pg.W/layout.MM), mm(pg.H/layout.MM)
		if opt.Format == PNG && opt.DPI == 0 {
			opt.DPI = 300
		}
	}
	doc := &page.Doc{Info: page.Info{Title: lk.Alt, Author: "affiches", Subject: lk.Art.Name, Lang: string(opt.Lang)}, Pages: []*page.Page{pg}}
	if opt.Format == SVG {
		return svg.Write(w, pg, text.Fonts(), svg.Options{Title: lk.Alt, Lang: string(opt.Lang), Width: width, Height: height})
	}
	return writeDoc(w, doc, opt.Format, opt.DPI, nil)
}

func mm(v float64) string { return fmt.Sprintf("%.2fmm", v) }

// officialLogo writes a logo from the body's pack: web files and SVGs pass
// through as they are (a web file must have the charter's exact size); a
// print PDF or PNG places the artwork at the asked width.
func officialLogo(w io.Writer, opt LogoOptions, l logo.Layout) error {
	pass := func(name string) error {
		data, err := fs.ReadFile(opt.Pack.FS, name)
		if err != nil {
			return brand.Problems{{Field: "logo_pack", Message: fmt.Sprintf("%s: %v (the pack has no such file)", name, errors.Unwrap(err))}}
		}
		_, err = w.Write(data)
		return err
	}
	if ww, hh, ok := l.WebSize(); ok {
		if opt.Scale == 0 {
			opt.Scale = 1
		}
		if opt.Format == PDF {
			return brand.Problems{rules.LogoWebSize.Violation("", "web layouts are for screens (PNG or SVG); for print use --width-mm")}
		}
		if opt.Format == SVG {
			return pass(logo.WebFile(opt.Channel, opt.Lang, opt.Version, l, 1, "svg"))
		}
		name := logo.WebFile(opt.Channel, opt.Lang, opt.Version, l, opt.Scale, "png")
		data, err := fs.ReadFile(opt.Pack.FS, name)
		if err != nil {
			return brand.Problems{{Field: "logo_pack", Message: fmt.Sprintf("%s: %v (the pack has no such file)", name, errors.Unwrap(err))}}
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return brand.Problems{{Field: "logo_pack", Message: fmt.Sprintf("%s: not a PNG: %v", name, err)}}
		}
		if cfg.Width != ww*opt.Scale || cfg.Height != hh*opt.Scale {
			return brand.Problems{rules.LogoWebSize.Violation("logo_pack", "%s is %d×%d px; at %d× the web size is %d×%d", name, cfg.Width, cfg.Height, opt.Scale, ww*opt.Scale, hh*opt.Scale)}
		}
		_, err = w.Write(data)
		return err
	}
	if opt.Format == SVG {
		return pass(logo.PackName(opt.Channel, opt.Lang, opt.Version) + ".svg")
	}
	if opt.WidthMM == 0 {
		opt.WidthMM = 60
	}
	if err := rules.CheckPrintWidth(opt.WidthMM); err != nil {
		return err
	}
	lk, err := logo.Official(*opt.Pack, opt.Channel, opt.Lang, opt.Version)
	if err != nil {
		return brand.Problems{{Field: "logo_pack", Message: err.Error()}}
	}
	art := lk.Place(0, 0, opt.WidthMM*layout.MM)
	pg := &page.Page{W: art.Box.W, H: art.Box.H}
	pg.Add(art)
	pg.Blocks = []page.Block{{Name: "logo", Role: page.Figure, Lang: string(opt.Lang), Alt: lk.Alt, Box: art.Box, From: 0, To: 1}}
	doc := &page.Doc{Info: page.Info{Title: lk.Alt, Author: "affiches", Subject: art.Name, Lang: string(opt.Lang)}, Pages: []*page.Page{pg}}
	if opt.Format == PNG && opt.DPI == 0 {
		opt.DPI = 300
	}
	return writeDoc(w, doc, opt.Format, opt.DPI, nil)
}

// Guide renders the logo usage guide in lang as a PDF; its anatomy page
// shows o's poster (the demo body's when o is nil).
func Guide(w io.Writer, o *brand.Org, lang brand.Lang) error {
	doc, err := layout.Guide(o, lang)
	if err != nil {
		return err
	}
	return pdf.Write(w, doc, text.Fonts(), pdf.Options{})
}

// Letter renders a letter or the registration form as a PDF onto w.
func Letter(w io.Writer, d *casefile.Doc) error {
	doc, err := layout.Letter(d)
	if err != nil {
		return err
	}
	return pdf.Write(w, doc, text.Fonts(), pdf.Options{Archival: true})
}

// IndicatorsReport renders the year's indicators of o in l as a PDF onto w.
func IndicatorsReport(w io.Writer, o *brand.Org, l brand.Lang, in casefile.Indicators) error {
	doc, err := layout.IndicatorsReport(o, l, in)
	if err != nil {
		return err
	}
	return pdf.Write(w, doc, text.Fonts(), pdf.Options{})
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
	err := Logo(&png, LogoOptions{Channel: brand.Complaint, Lang: l, Version: logo.Colour, Format: PNG, WidthMM: 42, DPI: 300})
	if err != nil {
		return nil, err
	}
	letterheads.Store(l, png.Bytes())
	return png.Bytes(), nil
}
