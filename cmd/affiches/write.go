package main

import (
	"bufio"
	"io"
	"os/signal"
	"syscall"

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
		if err := a.ctx.Err(); err != nil {
			return err // interrupted while rendering: nothing is written
		}
		if a.ctx.Done() == nil { // a context never cancelled: nothing handles interrupts
			holdInterrupts()
		}
		return nil
	})
}

// holdInterrupts makes SIGINT and SIGTERM harmless for the rest of the
// process. A command that does not handle interrupts (one document) calls
// it once its document is made, just before writing it: an interrupt can
// then no longer leave a temporary file, and the write, a few hundred
// microseconds, completes. Tests that run commands in their own process
// replace it, so that Ctrl-C still stops them.
var holdInterrupts = func() { signal.Ignore(syscall.SIGINT, syscall.SIGTERM) }
