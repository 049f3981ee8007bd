package main

import (
	"io"

	"affiches/internal/brand"
	"affiches/internal/render"
	"affiches/internal/render/layout"

	"github.com/spf13/cobra"
)

func newPosterCmd(a *app) *cobra.Command {
	var (
		channel, langs, size, format, out string
		dpi                               float64
		printShop, cropMarks, force       bool
	)
	cmd := &cobra.Command{
		Use:   "poster",
		Short: "Render a complaint or suggestions & compliments poster (PDF or PNG)",
		Long: `Render a poster in one language or several side by side, at equal weight:
the logo, what you can complain about, that a complaint is not an appeal, how to
complain (the form URL in full and as a QR code, e-mail, phone and hours, postal
address), what happens next, and the second-line body.

Sizes are exact ISO A5, A4 and A3, portrait. Office PDFs keep a 5 mm safe
margin; --print-shop adds 3 mm bleed and a TrimBox; --crop-marks adds marks
outside the bleed and a BleedBox. Without --lang, the languages the profile's
region calls for. Text that does not fit, a colour with too little contrast or
a URL too long for a readable QR code is refused, naming the field and rule.`,
		Example: `  affiches poster --org organisation.yaml --channel complaint --lang fr,nl --size a4 --format pdf -o affiche.pdf
  affiches poster --org organisation.yaml --channel suggestion --lang de,fr --size a3 --print-shop -o plakat.pdf
  affiches poster --org organisation.yaml --channel complaint --lang nl --size a5 --format png --dpi 150 -o preview.png`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			oneShot(cmd)
			var opt render.PosterOptions
			var err error
			if opt.Channel, err = brand.ParseChannel(channel); err != nil {
				return usagef("--channel: %v", err)
			}
			if opt.Size, err = layout.ParseSize(size); err != nil {
				return usagef("--size: %v", err)
			}
			if langs != "" {
				if opt.Langs, err = brand.ParseLangs(langs); err != nil {
					return usagef("--lang: %v", err)
				}
			}
			if opt.Format, err = formatFlag(format, out, render.PDF, render.PNG); err != nil {
				return err
			}
			if opt.Format == render.PNG && (printShop || cropMarks) {
				return usagef("--print-shop and --crop-marks are for PDF output")
			}
			opt.PrintShop, opt.CropMarks, opt.DPI = printShop, cropMarks, dpi
			o, err := a.org()
			if err != nil {
				return err
			}
			if opt.Pack, err = a.pack(o); err != nil {
				return err
			}
			return a.writeOutput(out, force, func(w io.Writer) error { _, err := render.Poster(w, o, opt); return err })
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&channel, "channel", "complaint", "complaint or suggestion (suggestions & compliments)")
	fl.StringVar(&langs, "lang", "", "language or comma-separated set in order, e.g. fr,nl (default: the profile's)")
	fl.StringVar(&size, "size", "a4", "a5, a4 or a3")
	fl.StringVar(&format, "format", "", "pdf or png (default: from the output's extension)")
	fl.Float64Var(&dpi, "dpi", render.DefaultDPI, "resolution of a PNG preview")
	fl.BoolVar(&printShop, "print-shop", false, "3 mm bleed beyond the trim, with a TrimBox")
	fl.BoolVar(&cropMarks, "crop-marks", false, "crop marks outside the bleed (implies --print-shop)")
	fl.StringVarP(&out, "output", "o", "", "output file, or - for standard output")
	fl.BoolVar(&force, "force", false, "replace an existing file")
	return cmd
}
