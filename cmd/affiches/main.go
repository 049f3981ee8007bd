// Command affiches makes the complaint-management communication kit of a
// Belgian public body: logos, posters, e-mail signatures and more, from an
// organisation profile. Run `affiches --help` for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"affiches/cmd/affiches/internal/oneproc"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// run executes the command line and returns the process exit code:
// 0 done, 1 invalid input or a rule refused, 2 usage error, 130
// interrupted. SIGINT and SIGTERM cancel the command's context: a command
// that writes stops, removes what it staged and leaves its targets as they
// were; a second signal ends the process at once. A one-document command
// is simply ended by the signal, which the shell reports as 130 (SIGINT)
// or 143 (SIGTERM), unless it has begun writing its file: then it
// finishes.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if oneproc.OneDocument(args) {
		// A one-document command makes its document in memory, in a few
		// milliseconds, and holds interrupts only to write it (writeOutput):
		// an interrupt before then ends the process at once, with nothing
		// written. Handling signals would cost it more than half a
		// millisecond: the runtime hands them to a thread of their own.
		return runContext(context.Background(), args, stdin, stdout, stderr)
	}
	ctx, stop := interruptible()
	defer stop()
	return runContext(ctx, args, stdin, stdout, stderr)
}

func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil && ctx.Err() != nil {
		err = interrupted{context.Cause(ctx)}
	}
	return exitCode(err, stderr)
}

// interrupted is a command stopped by a signal, after its cleanup.
type interrupted struct{ cause error }

func (e interrupted) Error() string {
	return fmt.Sprintf("%v: stopped; nothing half-made was left", e.cause)
}

var errSignal = errors.New("interrupted")

// interruptible returns a context cancelled by the first SIGINT or SIGTERM;
// the second ends the process with status 130.
func interruptible() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			cancel(fmt.Errorf("%w by %v", errSignal, s))
		case <-done:
			return
		}
		select {
		case <-sigs:
			os.Exit(130)
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}
