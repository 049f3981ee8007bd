package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"affiches/internal/brand"
	"affiches/internal/kit"
	"affiches/internal/limits"
	"affiches/internal/output"

	"github.com/spf13/cobra"
)

func newBatchCmd(a *app) *cobra.Command {
	var (
		orgs, out string
		force     bool
	)
	cmd := &cobra.Command{
		Use:   "batch",
		Short: "Make the kits of many bodies at once",
		Long: `Make the kit of every body in a folder of profiles (*.yaml, *.yml) or in a CSV file
with one body a row, whose header names profile fields by their paths:

  name.fr,name.nl,region,address.fr,address.nl,complaint.form_url.fr,complaint.form_url.nl,complaint.email,complaint.phone,second_line
  Service X,Dienst X,federal,"Rue X 1, 1000 Bruxelles","X-straat 1, 1000 Brussel",https://x.be/fr,https://x.be/nl,p@x.be,+32 2 000 00 00,federal-ombudsman

Kits go to <output>/<name>/, made in parallel on all cores with a progress bar
(plain lines when not on a terminal). A body whose profile has a problem is
reported with its file or line, and the others are still made; a summary ends
the run, and the exit status is 1 if any body failed. Memory holds a few kits
at a time, whatever the number of bodies.`,
		Example: `  affiches batch --orgs profiles/ -o kits/
  affiches batch --orgs bodies.csv -o kits/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if orgs == "" || out == "" || out == "-" {
				return usagef("--orgs (a folder or a CSV file) and -o (a folder) are required")
			}
			if err := output.CheckFolder(out); err != nil {
				return err
			}
			bodies, err := readBodies(orgs)
			if err != nil {
				return err
			}
			if len(bodies) == 0 {
				return fmt.Errorf("%s: no profiles (*.yaml) or rows found", orgs)
			}
			when, err := letterDate("")
			if err != nil {
				return err
			}
			_, statErr := os.Stat(out)
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			// Each kit is staged beside its folder and put in place whole.
			emit := func(name string, files []output.File) error {
				var set output.Set
				defer set.Abort()
				if err := set.Folder(a.ctx, filepath.Join(out, name), force, files, kit.Replaceable); err != nil {
					return err
				}
				return set.Commit()
			}
			start := time.Now()
			cpu0, _, _ := resources()
			failures := kit.Batch(bodies, kit.Options{Year: when.Year(), Context: a.ctx}, emit, progress(a.stderr))
			if err := a.ctx.Err(); err != nil {
				if statErr != nil {
					os.Remove(out) // made by this run; only if no kit was finished
				}
				return fmt.Errorf("%d of %d kits were finished before the interruption, each whole; the others were not written: %w", len(bodies)-len(failures), len(bodies), err)
			}
			made := len(bodies) - len(failures)
			fmt.Fprintf(a.stderr, "affiches: %d kits written to %s, %d failed, in %s", made, out, len(failures), time.Since(start).Round(100*time.Millisecond))
			if cpu1, peak, ok := resources(); ok && len(bodies) > 0 {
				// What a body costs, so that a run on a bigger list can be
				// planned: CPU per body, and the memory that stays flat.
				fmt.Fprintf(a.stderr, " (CPU %.2f s a body, peak memory %d MiB)", (cpu1-cpu0).Seconds()/float64(len(bodies)), peak>>20)
			}
			fmt.Fprintln(a.stderr)
			if len(failures) > 0 {
				var b strings.Builder
				fmt.Fprintf(&b, "%d of %d bodies failed:", len(failures), len(bodies))
				for _, f := range failures {
					msg := strings.ReplaceAll(f.Err.Error(), "\n", "\n    ")
					fmt.Fprintf(&b, "\n  %s: %s", f.Source, msg)
				}
				return fmt.Errorf("%s", b.String())
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&orgs, "orgs", "", "a folder of profiles, or a CSV file with one body a row")
	cmd.Flags().StringVarP(&out, "output", "o", "", "output folder; each kit goes to a sub-folder")
	cmd.Flags().BoolVar(&force, "force", false, "replace existing files")
	return cmd
}

// readBodies reads a folder of profiles or a CSV of bodies. Profiles are
// read one by one; a bad one becomes a body with its error.
func readBodies(path string) ([]kit.Body, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("--orgs: %w", err)
	}
	if !fi.IsDir() {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return kit.ReadBodiesCSV(f, path)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && (strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) > limits.Bodies {
		return nil, fmt.Errorf("%s: %d profiles; a batch is at most %d bodies", path, len(names), limits.Bodies)
	}
	seen := map[string]int{}
	var bodies []kit.Body
	for _, n := range names {
		file := filepath.Join(path, n)
		b := kit.Body{Source: file, Name: kit.UniqueName(seen, strings.TrimSuffix(strings.TrimSuffix(n, ".yaml"), ".yml"))}
		// A FIFO among the profiles would hang the batch: only files.
		var data []byte
		fi, err := os.Stat(file)
		if err == nil && !fi.Mode().IsRegular() {
			err = fmt.Errorf("not a regular file")
		}
		if err == nil {
			data, err = readLimited(file, limits.ProfileBytes, "a profile")
		}
		if err == nil {
			b.Org, err = brand.Parse(data)
		}
		if err == nil && b.Org.LogoPack != "" {
			pa := &app{orgPath: file}
			b.Pack, err = pa.pack(b.Org)
		}
		if err != nil {
			b.Org = nil
		}
		b.Err = err
		bodies = append(bodies, b)
	}
	return bodies, nil
}
