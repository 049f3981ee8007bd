package main

import (
	"io"

	"affiches/internal/brand"
	"affiches/internal/render"

	"github.com/spf13/cobra"
)

func newGuideCmd(a *app) *cobra.Command {
	var (
		lang, out string
		force     bool
	)
	cmd := &cobra.Command{
		Use:   "guide",
		Short: "Write the logo usage guide (PDF)",
		Long: `Write the logo usage guide, a multi-page PDF generated from the rules the renderer
enforces: the construction of each logo and its clear space, the two web sizes,
the minimum print size at actual size, the versions on light and dark
backgrounds, what not to do (drawn by the same renderer and crossed out), the QR
code rules, the anatomy of a poster (the body's own with --org), and every rule
with its ID.`,
		Example: `  affiches guide --lang nl -o logogids.pdf
  affiches guide --org organisation.yaml --lang fr -o guide-logo.pdf`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			oneShot(cmd)
			ls, err := brand.ParseLangs(lang)
			if err != nil || len(ls) != 1 {
				return usagef("--lang %q: one of fr, nl, de, en", lang)
			}
			var o *brand.Org
			if a.orgPath != "" {
				if o, err = a.org(); err != nil {
					return err
				}
			}
			return a.writeOutput(out, force, func(w io.Writer) error { _, err := render.Guide(w, o, ls[0]); return err })
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "fr", "fr, nl, de or en")
	cmd.Flags().StringVarP(&out, "output", "o", "", "output file, or - for standard output")
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing file")
	return cmd
}
