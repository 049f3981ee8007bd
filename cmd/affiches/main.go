// Command affiches makes the complaint-management communication kit of a
// Belgian public body: logos, posters, e-mail signatures and more, from an
// organisation profile. Run `affiches --help` for the commands.
package main

import (
	"io"
	"os"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// run executes the command line and returns the process exit code:
// 0 done, 1 invalid input or a rule refused, 2 usage error.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	return exitCode(err, stderr)
}
