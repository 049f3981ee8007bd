package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/logo"
	"affiches/internal/render"
	"affiches/internal/rules"

	"github.com/spf13/cobra"
)

type logoFlags struct {
	channel, lang, version, format, web, out string
	scale                                    int
	widthMM, dpi                             float64
	force                                    bool
}

func newLogoCmd(a *app) *cobra.Command {
	var f logoFlags
	cmd := &cobra.Command{
		Use:   "logo",
		Short: "Render the complaint or suggestions & compliments logo",
		Long: `Render a logo: the speech balloon and its two-line baseline, always together.

Web (PNG or SVG): only the charter's two sizes, --web small (140×85 px) or
--web large (165×115 px), at --scale 1, 2 or 3 pixels per CSS pixel for sharp
screens; show a 2× file at the 1× size in HTML (width/height attributes).

Print (PDF, SVG, or PNG at --dpi): --width-mm is the logo's own width, clear
space excluded (at least 25 mm); the file adds the clear space around it. The
aspect ratio is always locked.

With --org naming a profile whose logo_pack holds the official artwork, those
files are used as they are: web PNGs and SVGs are passed through (a web PNG must
have the exact size), print PDFs place the pack's PDF (or PNG) at the width.`,
		Example: `  affiches logo --channel complaint --lang nl --version colour --format png --web small -o klacht.png
  affiches logo --channel complaint --lang fr --web large --scale 2 -o plainte@2x.png
  affiches logo --channel suggestion --lang de --version white --format svg -o lob.svg
  affiches logo --channel complaint --lang fr --format pdf --width-mm 60 -o plainte.pdf
  affiches logo --lang en --width-mm 40 --dpi 300 -o complaint-print.png`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			oneShot(cmd)
			opt, err := f.options(cmd)
			if err != nil {
				return err
			}
			if a.orgPath != "" {
				// Only a profile can name official artwork; the demo has none.
				o, err := a.org()
				if err != nil {
					return err
				}
				if opt.Pack, err = a.pack(o); err != nil {
					return err
				}
			}
			return a.writeOutput(f.out, f.force, func(w io.Writer) error { _, err := render.Logo(w, opt); return err })
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.channel, "channel", "complaint", "complaint or suggestion (suggestions & compliments)")
	fl.StringVar(&f.lang, "lang", "fr", "language of the baseline: fr, nl, de or en")
	fl.StringVar(&f.version, "version", "colour", "colour, black, or white (for dark backgrounds)")
	fl.StringVar(&f.format, "format", "", "svg, png or pdf (default: from the output's extension)")
	fl.StringVar(&f.web, "web", "", "web size: small (140x85), large (165x115), or WxH (only those two are allowed)")
	fl.IntVar(&f.scale, "scale", 1, "pixels per CSS pixel for web PNGs: 1, 2 or 3")
	fl.Float64Var(&f.widthMM, "width-mm", 0, fmt.Sprintf("print width of the logo in mm, clear space excluded (minimum %g; default %g)", rules.MinPrintWidthMM, rules.DefaultPrintWidthMM))
	fl.Float64Var(&f.dpi, "dpi", 300, "resolution of a print PNG")
	fl.StringVarP(&f.out, "output", "o", "", "output file, or - for standard output")
	fl.BoolVar(&f.force, "force", false, "replace an existing file")
	return cmd
}

func (f *logoFlags) options(cmd *cobra.Command) (render.LogoOptions, error) {
	var opt render.LogoOptions
	var err error
	if opt.Channel, err = brand.ParseChannel(f.channel); err != nil {
		return opt, usagef("--channel: %v", err)
	}
	langs, err := brand.ParseLangs(f.lang)
	if err != nil || len(langs) != 1 {
		return opt, usagef("--lang %q: one of fr, nl, de, en", f.lang)
	}
	opt.Lang = langs[0]
	if opt.Version, err = logo.ParseVersion(f.version); err != nil {
		return opt, usagef("--version: %v", err)
	}
	if opt.Format, err = formatFlag(f.format, f.out); err != nil {
		return opt, err
	}
	webSet := cmd.Flags().Changed("web")
	widthSet := cmd.Flags().Changed("width-mm")
	if webSet && widthSet {
		return opt, usagef("--web and --width-mm exclude each other: web logos have fixed sizes")
	}
	if !webSet && !widthSet && opt.Format == render.PNG {
		f.web = "small" // a PNG is for the web unless a print width is asked
	}
	if f.web != "" {
		if opt.Web, err = parseWeb(f.web); err != nil {
			return opt, err
		}
		opt.Scale = f.scale
	} else {
		opt.WidthMM = f.widthMM
		if cmd.Flags().Changed("scale") {
			return opt, usagef("--scale is for web logos (--web); for print use --dpi")
		}
	}
	if opt.Format == render.PNG && opt.Web == "" {
		opt.DPI = f.dpi
	}
	return opt, nil
}

// parseWeb reads small, large or WxH; any size but the charter's two is
// refused with the rule LOGO-WEB-SIZE (exit 1, not a usage error: it is the
// charter that says no).
func parseWeb(s string) (logo.Layout, error) {
	switch strings.ToLower(s) {
	case "small", "web-small":
		return logo.WebSmall, nil
	case "large", "web-large":
		return logo.WebLarge, nil
	}
	parts := strings.Split(strings.ToLower(s), "x")
	if len(parts) != 2 {
		return "", usagef("--web %q: small, large or WxH such as 140x85", s)
	}
	w, err1 := strconv.Atoi(parts[0])
	h, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return "", usagef("--web %q: small, large or WxH such as 140x85", s)
	}
	if err := rules.CheckWebSize(w, h); err != nil {
		return "", err
	}
	if w == rules.WebSizes[0][0] {
		return logo.WebSmall, nil
	}
	return logo.WebLarge, nil
}

// formatFlag returns --format, or the format the output's extension names.
func formatFlag(flag, out string, allowed ...render.Format) (render.Format, error) {
	var f render.Format
	if flag != "" {
		var err error
		if f, err = render.ParseFormat(flag); err != nil {
			return "", usagef("--format: %v", err)
		}
	} else if f = render.FormatOf(out); f == "" {
		return "", usagef("--format is needed: the output %q has no .pdf, .png or .svg extension", out)
	}
	if len(allowed) > 0 {
		for _, a := range allowed {
			if a == f {
				return f, nil
			}
		}
		return "", usagef("--format %s is not available here", f)
	}
	if ext := render.FormatOf(out); ext != "" && ext != f {
		return "", usagef("--format %s does not match the output's extension %q", f, out)
	}
	return f, nil
}
