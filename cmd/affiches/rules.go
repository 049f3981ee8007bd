package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"affiches/internal/brand"
	"affiches/internal/rules"

	"github.com/spf13/cobra"
)

func newRulesCmd(a *app) *cobra.Command {
	var (
		lang   string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the charter, accessibility and print rules the renderer enforces",
		Long: `List every rule affiches enforces: its ID, what it asks (in --lang), the numbers
it sets, the assets it applies to and where it comes from. Every number is the one
the renderer checks; --json gives the same for tools.`,
		Example: `  affiches rules --lang nl
  affiches rules --json | jq '.[] | select(.id == "QR-MODULE-SIZE")'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ls, err := brand.ParseLangs(lang)
			if err != nil || len(ls) != 1 {
				return usagef("--lang %q: one of fr, nl, de, en", lang)
			}
			l := ls[0]
			type ruleJSON struct {
				ID        string         `json:"id"`
				Statement string         `json:"statement"`
				Source    string         `json:"source"`
				Numbers   []rules.Number `json:"numbers"`
				AppliesTo []rules.Kind   `json:"applies_to"`
			}
			var out []ruleJSON
			for _, r := range rules.All {
				nums := r.Numbers
				if nums == nil {
					nums = []rules.Number{}
				}
				out = append(out, ruleJSON{r.ID, r.In(l), r.SourceIn(l), nums, r.AppliesTo})
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			for _, r := range out {
				fmt.Fprintf(tw, "%s\t%s\n", r.ID, r.Statement)
				var nums []string
				for _, n := range r.Numbers {
					nums = append(nums, fmt.Sprintf("%s %g %s", n.Name, n.Value, n.Unit))
				}
				kinds := make([]string, len(r.AppliesTo))
				for i, k := range r.AppliesTo {
					kinds[i] = string(k)
				}
				fmt.Fprintf(tw, "\t%s · %s", strings.Join(kinds, ", "), r.Source)
				if len(nums) > 0 {
					fmt.Fprintf(tw, " · %s", strings.Join(nums, "; "))
				}
				fmt.Fprintln(tw)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "en", "fr, nl, de or en")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON for tools")
	return cmd
}
