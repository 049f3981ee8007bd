package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"affiches/internal/kit"
	"affiches/internal/output"
	"affiches/internal/signature"

	"github.com/spf13/cobra"
)

func newKitCmd(a *app) *cobra.Command {
	var (
		out, people, base string
		zipToo, force     bool
	)
	cmd := &cobra.Command{
		Use:   "kit",
		Short: "Make the whole kit of a body: logos, posters, signatures, manifest",
		Long: `Make everything for the profile's languages (each alone and, for a bilingual
region, together) and both channels, in folders a person understands:

  logos/<channel>/<lang>/<version>/   web-small and web-large PNG at 1×, 2×, 3×, SVG; print PDF and SVG
  posters/<channel>/<langs>/          A5, A4, A3: office PDF, print-shop PDF (bleed, crop marks), PNG preview
  casefile/<lang>/                    blank letters and the registration form (PDF, DOCX), the register (XLSX)
  guide/                              the logo usage guide in each language (PDF)
  signatures/                         with --people: one signature per person, and their index
  manifest.json                       every file with its sha256, bytes, kind, language, channel, rules checked
  index.html                          browse the kit with previews

The kit is checked first (as affiches check does); a kit is whole or not written:
it is made beside the output folder and put in place when complete, so an error,
a full disk or Ctrl+C leaves nothing. --force replaces an earlier kit as a whole
(a folder holding other files is refused). Same profile, same bytes.`,
		Example: `  affiches kit -o kit/
  affiches kit --org organisation.yaml -o kit/ --zip
  affiches kit --org organisation.yaml --people staff.csv --image-base-url https://www.example.org/affiches -o kit/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" || out == "-" {
				return usagef("-o/--output must be a folder")
			}
			if people != "" && base == "" {
				return usagef("--people needs --image-base-url (where the signatures' images will be published)")
			}
			// Refuse an output that cannot be written before a second of
			// rendering, not after.
			if err := output.CheckFolder(out); err != nil {
				return err
			}
			if err := output.CheckReplace(out, force, kit.Replaceable); err != nil {
				return err
			}
			if zipToo {
				if err := output.CheckTarget(filepath.Clean(out)+".zip", force); err != nil {
					return err
				}
			}
			o, err := a.org()
			if err != nil {
				return err
			}
			pack, err := a.pack(o)
			if err != nil {
				return err
			}
			when, err := letterDate("")
			if err != nil {
				return err
			}
			opt := kit.Options{ImageBaseURL: base, Pack: pack, Year: when.Year()}
			if people != "" {
				f, err := os.Open(people)
				if err != nil {
					return fmt.Errorf("--people: %w", err)
				}
				list, _, err := signature.ReadCSV(f)
				f.Close()
				if err != nil {
					return fmt.Errorf("%s: %w", people, err)
				}
				opt.People = list
			}
			opt.Progress = progress(a.stderr)
			opt.Warn = func(msg string) { fmt.Fprintf(a.stderr, "affiches: warning: %s\n", msg) }
			opt.Context = a.ctx
			files, err := kit.Build(o, opt)
			if err != nil {
				return err
			}
			// The folder and the ZIP are staged beside their targets and
			// put in place together: a full disk, an error or a signal
			// leaves neither (nor any temporary file).
			var set output.Set
			defer set.Abort()
			if err := set.Folder(a.ctx, out, force, files, kit.Replaceable); err != nil {
				return err
			}
			zp := filepath.Clean(out) + ".zip"
			if zipToo {
				if err := set.File(a.ctx, zp, force, func(w io.Writer) error { return kit.Zip(w, files) }); err != nil {
					return err
				}
			}
			if err := set.Commit(); err != nil {
				return err
			}
			if zipToo {
				fmt.Fprintf(a.stderr, "affiches: wrote %s\n", zp)
			}
			fmt.Fprintf(a.stderr, "affiches: %d files written to %s (open %s)\n", len(files), out, filepath.Join(out, "index.html"))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&out, "output", "o", "", "output folder")
	fl.BoolVar(&zipToo, "zip", false, "also write the kit as <folder>.zip")
	fl.StringVar(&people, "people", "", "staff CSV (name,title,department,email,phone[,lang]) for e-mail signatures")
	fl.StringVar(&base, "image-base-url", "", "https URL where the signatures' images/ will be published")
	fl.BoolVar(&force, "force", false, "replace existing files")
	return cmd
}

// progress reports rendering progress on stderr: a bar redrawn in place on a
// terminal, a line every tenth otherwise.
func progress(w io.Writer) func(done, total int) {
	tty := false
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	last := -1
	return func(done, total int) {
		pct := done * 100 / total
		if tty {
			const width = 30
			n := done * width / total
			fmt.Fprintf(w, "\r[%s%s] %3d%% %d/%d", strings.Repeat("#", n), strings.Repeat(".", width-n), pct, done, total)
			if done == total {
				fmt.Fprintln(w)
			}
			return
		}
		if pct/10 != last/10 || done == total {
			last = pct
			fmt.Fprintf(w, "affiches: rendered %d/%d (%d%%)\n", done, total, pct)
		}
	}
}
