package main

import (
	"fmt"
	"io"

	"affiches/internal/brand"

	"github.com/spf13/cobra"
)

func newInitCmd(a *app) *cobra.Command {
	var out string
	var force bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented example organisation profile to edit",
		Example: `  affiches init -o organisation.yaml
  affiches check --org organisation.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				out = "organisation.yaml"
			}
			err := a.writeOutput(out, force, func(w io.Writer) error {
				_, err := w.Write(brand.ExampleYAML)
				return err
			})
			if err == nil && out != "-" {
				fmt.Fprintf(a.stderr, "affiches: wrote %s: edit it, then run affiches check --org %s\n", out, out)
			}
			return err
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "organisation.yaml", "where to write the profile, or - for standard output")
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing file")
	return cmd
}
