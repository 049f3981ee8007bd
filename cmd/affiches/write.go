package main

import (
	"bufio"
	"io"

	"affiches/internal/output"
)

// writeOutput sends what write produces to path: stdout for "-", else an
// atomic file write that refuses to replace a file without --force.
func (a *app) writeOutput(path string, force bool, write func(io.Writer) error) error {
	if path == "" {
		return usagef("-o/--output is required (a file, or - for standard output)")
	}
	if path == "-" {
		bw := bufio.NewWriter(a.stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	return output.WriteFile(path, force, func(w io.Writer) error {
		if err := write(w); err != nil {
			return err
		}
		return a.ctx.Err() // interrupted while rendering: nothing is written
	})
}
