// Package render is the entry point for visual outputs: it lays an asset
// out (package layout) and writes it in the asked format through one of the
// backends (pdf, raster, svg).
package render

import (
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"strings"

	"affiches/internal/brand"
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
		return pdf.Write(w, doc, fonts)
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
}

// Logo renders a logo onto w. Web PNGs have the charter's sizes times the
// scale; print outputs are WidthMM wide plus the clear space on each side.
// The rules LOGO-WEB-SIZE and LOGO-MIN-PRINT are enforced.
func Logo(w io.Writer, opt LogoOptions) error {
	layoutName := logo.Print
	if opt.Web != "" {
		layoutName = opt.Web
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
