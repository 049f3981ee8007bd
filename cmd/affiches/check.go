package main

import (
	"fmt"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/check"

	"github.com/spf13/cobra"
)

func newCheckCmd(a *app) *cobra.Command {
	var strict bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check a profile and every rule its kit would meet",
		Long: `Check the profile (every field problem at once, with its path) and then lay out
every logo and poster of its kit, reporting each charter, accessibility or print
rule it would break with the rule's ID: the accent colour's contrast, text that
does not fit, URLs too long for a readable QR code at A5, missing names for the
region's languages. Nothing is written. Exit status 1 when there is a problem.

Values still the example's (example.org, example.net or example.com addresses,
the demo body's name, address, phone numbers or coordinator) are warnings;
with --strict they fail the check.`,
		Example: `  affiches check --org organisation.yaml
  affiches check --org organisation.yaml --strict   # before publishing
  affiches check   # the built-in demo body`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o, err := a.org()
			if err != nil {
				return err
			}
			pack, err := a.pack(o)
			if err != nil {
				return err
			}
			r := check.Org(o, pack)
			if len(r.Problems) > 0 {
				return r.Problems
			}
			if left := o.ExampleLeft(); len(left) > 0 {
				msg := fmt.Sprintf("still the example's: %s: replace them with the body's own", strings.Join(left, ", "))
				if strict {
					return brand.Problems{{Message: msg}}
				}
				fmt.Fprintf(a.stdout, "warning: %s\n", msg)
			}
			for _, n := range r.NotMade {
				fmt.Fprintf(a.stdout, "warning: the kit makes no %s poster in %s, only one per language: %s\n", n.Channel, n.Langs, n.Reason)
			}
			fmt.Fprintf(a.stdout, "ok: %d assets laid out, no problem; rules checked: %s\n", r.Checked, strings.Join(r.Rules, ", "))
			return nil
		},
	}
	cmd.Flags().BoolVar(&strict, "strict", false, "fail when values are still the example's")
	return cmd
}
