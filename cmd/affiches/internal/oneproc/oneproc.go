// Package oneproc puts the commands that make one document on one
// processor before the rest of the program initialises.
//
// A one-document command (poster, logo, guide, casefile) renders on one
// goroutine. With a second processor idle, the scheduler keeps a thread
// spinning to look for work that never comes, and on a virtual machine
// each of its wake-ups is a context switch. Lowering GOMAXPROCS once the
// command runs is too late: by then the second processor holds a cache of
// memory spans, and giving them back costs hundreds of page faults. So it
// is done here, at package initialisation.
//
// Go initialises, at each step, the first package in import-path order
// whose imports are initialised. This package imports only os and runtime,
// and "affiches/cmd/..." sorts before the standard library's paths and the
// program's others (but affiches/assets, which has no init work), so its
// init runs as soon as os's has: 20th of the program's 114. Measured side
// by side on a cold `affiches poster`: 0.35-0.6 ms faster than lowering
// GOMAXPROCS in the command.
package oneproc

import (
	"os"
	"runtime"
)

// Commands are the commands that make one document and exit.
var Commands = []string{"poster", "logo", "guide", "casefile"}

func init() {
	if OneDocument(os.Args[1:]) {
		runtime.GOMAXPROCS(1)
	}
}

// OneDocument says whether the command line names one of Commands. It
// reads the command line as cobra will: the command is the first argument
// that is neither a flag nor the value of --org, the one global flag with
// a value. A wrong guess only costs speed: the command runs all the same.
func OneDocument(args []string) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return false
		case a == "--org":
			i++ // its value
		case len(a) > 0 && a[0] == '-':
		default:
			for _, c := range Commands {
				if a == c {
					return true
				}
			}
			return false
		}
	}
	return false
}
