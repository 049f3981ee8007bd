package main

import (
	"fmt"
	"os"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/limits"
	"affiches/internal/output"
	"affiches/internal/rules"
	"affiches/internal/signature"

	"github.com/spf13/cobra"
)

// webSmall is the charter's small web size, as the help states it.
var webSmall = fmt.Sprintf("%d×%d", rules.WebSizes[0][0], rules.WebSizes[0][1])

func newSignatureCmd(a *app) *cobra.Command {
	var (
		lang, channel, person, people, base, out string
		force                                    bool
	)
	cmd := &cobra.Command{
		Use:   "signature",
		Short: "Make e-mail signatures with the complaint logo and link",
		Long: `Make e-mail signatures for one person (--person, YAML) or many (--people, CSV with
the header name,title,department,email,phone and an optional lang column).

The output folder gets <name>.html and <name>.txt per person, images/ with the
logo PNGs the HTML references (shown at ` + webSmall + `, stored at 2× for sharp screens),
and index.html, a preview of every signature with copy instructions for Outlook,
Gmail and Apple Mail. Publish images/ at --image-base-url (https) before use:
mail clients block base64 and SVG images. A person with a bad field is reported
with its line number and left out; the others are still made (exit status 1).`,
		Example: `  affiches signature --org organisation.yaml --lang fr --person person.yaml --image-base-url https://www.example.org/affiches -o signatures/
  affiches signature --org organisation.yaml --lang nl --people staff.csv --image-base-url https://www.example.org/affiches -o signatures/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if (person == "") == (people == "") {
				return usagef("give --person FILE.yaml or --people FILE.csv")
			}
			if out == "" || out == "-" {
				return usagef("-o/--output must be a folder")
			}
			if err := output.CheckFolder(out); err != nil {
				return err
			}
			ch, err := brand.ParseChannel(channel)
			if err != nil {
				return usagef("--channel: %v", err)
			}
			o, err := a.org()
			if err != nil {
				return err
			}
			l := o.Langs()[0]
			if lang != "" {
				ls, err := brand.ParseLangs(lang)
				if err != nil || len(ls) != 1 {
					return usagef("--lang %q: one of fr, nl, de, en", lang)
				}
				l = ls[0]
			}
			var list []signature.Person
			source := person
			if person != "" {
				data, err := readLimited(person, limits.ProfileBytes, "a person file")
				if err != nil {
					return fmt.Errorf("--person: %w", err)
				}
				p, err := signature.ReadYAML(data)
				if err != nil {
					return fmt.Errorf("%s: %w", person, err)
				}
				list = []signature.Person{p}
			} else {
				source = people
				f, err := os.Open(people)
				if err != nil {
					return fmt.Errorf("--people: %w", err)
				}
				defer f.Close()
				var ignored []string
				list, ignored, err = signature.ReadCSV(f)
				if err != nil {
					return fmt.Errorf("%s: %w", people, err)
				}
				if len(ignored) > 0 {
					fmt.Fprintf(a.stderr, "affiches: %s: ignoring the columns %s\n", people, strings.Join(ignored, ", "))
				}
			}
			res, err := signature.Make(o, list, signature.Options{Lang: l, Channel: ch, ImageBaseURL: base})
			if err != nil {
				return err
			}
			if err := a.ctx.Err(); err != nil {
				return err
			}
			if err := output.WriteFiles(out, force, res.Files); err != nil {
				return err
			}
			made := len(list) - len(uniqueLines(res.Problems))
			fmt.Fprintf(a.stderr, "affiches: %d signatures written to %s (open %s)\n", made, out, strings.TrimRight(out, "/")+"/index.html")
			if len(res.Problems) > 0 {
				lines := make([]string, len(res.Problems))
				for i, p := range res.Problems {
					lines[i] = source + ": " + p.String()
				}
				return fmt.Errorf("%d people were left out:\n  %s", len(uniqueLines(res.Problems)), strings.Join(lines, "\n  "))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&lang, "lang", "", "default language of the signatures (a CSV lang column overrides it); default: the profile's first")
	fl.StringVar(&channel, "channel", "complaint", "the link and logo: complaint, or suggestion")
	fl.StringVar(&person, "person", "", "one person, a YAML file with name, title, department, email, phone, lang")
	fl.StringVar(&people, "people", "", "many people, a CSV file with the header name,title,department,email,phone[,lang]")
	fl.StringVar(&base, "image-base-url", "", "https URL where the images/ folder will be published (required)")
	fl.StringVarP(&out, "output", "o", "", "output folder")
	fl.BoolVar(&force, "force", false, "replace existing files")
	return cmd
}

func uniqueLines(ps []signature.RowProblem) map[int]bool {
	m := map[int]bool{}
	for _, p := range ps {
		m[p.Line] = true
	}
	return m
}
