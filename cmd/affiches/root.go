package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"affiches/cmd/affiches/internal/oneproc"
	"affiches/internal/brand"
	"affiches/internal/limits"
	"affiches/internal/logo"

	"github.com/spf13/cobra"
)

// app holds what every command shares: the streams and the global flags.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	orgPath        string
	ctx            context.Context // the command's: cancelled by SIGINT or SIGTERM; never for one-document commands (see run)
}

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "affiches",
		Short: "The complaint-management communication kit of a Belgian public body",
		Long: `affiches makes the communication kit that federal complaint management asks of
every public body: the complaint and the suggestions & compliments logos, posters
with QR codes that scan, e-mail signatures, from one organisation profile (YAML),
in French, Dutch, German and English. The logo charter is enforced, not advised.

Without --org, commands use a built-in demo body (example.org addresses).`,
		Example: `  affiches init -o organisation.yaml
  affiches check --org organisation.yaml
  affiches logo --channel complaint --lang nl --format png --web small -o klacht.png
  affiches poster --org organisation.yaml --lang fr,nl --size a4 -o affiche.pdf
  affiches kit -o kit/`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	a.ctx = context.Background()
	root.PersistentPreRun = func(cmd *cobra.Command, _ []string) { a.ctx = cmd.Context() }
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&a.orgPath, "org", "", "organisation profile (YAML); the built-in demo body when omitted")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newInitCmd(a), newCheckCmd(a), newLogoCmd(a), newPosterCmd(a),
		newSignatureCmd(a), newKitCmd(a), newServeCmd(a),
		newCasefileCmd(a), newIndicatorsCmd(a), newBatchCmd(a), newGuideCmd(a), newRulesCmd(a),
	)
	return root
}

// oneShot tunes the runtime for a command that makes one document and
// exits: the garbage collector runs four times less often (a few more MiB
// of memory for a few fewer milliseconds). Long runs (kit, batch, serve)
// keep the default, which holds their memory flat.
//
// Such a command also runs on one processor. Package oneproc sets that
// before the program initialises, for the commands it lists; a command
// missing from its list gets it here, later and dearer.
//
// It also grows the goroutine's stack in one step while it is shallow:
// rendering reaches 32 KB of stack, and growing there doubled it three
// times, copying the whole deep stack each time.
func oneShot(cmd *cobra.Command) {
	debug.SetGCPercent(400)
	if !slices.Contains(oneproc.Commands, cmd.Name()) {
		runtime.GOMAXPROCS(1)
	}
	growStack()
}

// growStack needs a 24 KB frame, so the runtime grows the stack to the
// 32 KB that rendering reaches, in one copy of a shallow stack. The frame
// is handed to a function the compiler does not inline, so that it is not
// optimised away.
//
//go:noinline
func growStack() {
	var frame [24 << 10]byte
	keep(&frame)
}

//go:noinline
func keep(*[24 << 10]byte) {}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// usageError is a mistake in the command line itself: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// exitCode prints err once and maps it to the exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ue usageError
	if errors.As(err, &interrupted{}) {
		fmt.Fprintf(stderr, "affiches: %v\n", err)
		return 130
	}
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command") || strings.HasPrefix(err.Error(), "unknown flag") {
		fmt.Fprintf(stderr, "affiches: %v\nRun 'affiches --help' for usage.\n", err)
		return 2
	}
	fmt.Fprintf(stderr, "affiches: %v\n", err)
	return 1
}

// org loads the profile named by --org, or the demo body.
func (a *app) org() (*brand.Org, error) {
	if a.orgPath == "" {
		fmt.Fprintln(a.stderr, "affiches: no --org given: using the built-in demo profile (a fictitious body with example.org addresses)")
		return brand.Demo(), nil
	}
	return a.orgQuiet()
}

// orgQuiet is org without the demo notice, for commands where the profile
// only sets details (the indicators' reply deadline and letterhead).
func (a *app) orgQuiet() (*brand.Org, error) {
	if a.orgPath == "" {
		return brand.Demo(), nil
	}
	data, err := readLimited(a.orgPath, limits.ProfileBytes, "a profile")
	if err != nil {
		return nil, fmt.Errorf("--org: %w", err)
	}
	o, err := brand.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", a.orgPath, err)
	}
	return o, nil
}

// pack opens the profile's logo_pack, a folder inside the profile's own
// folder: a profile cannot make affiches read files elsewhere.
func (a *app) pack(o *brand.Org) (*logo.Pack, error) {
	if o.LogoPack == "" {
		return nil, nil
	}
	bad := func(format string, args ...any) error {
		return brand.Problems{{Field: "logo_pack", Message: fmt.Sprintf(format, args...)}}
	}
	if !filepath.IsLocal(o.LogoPack) {
		return nil, bad("%q must be a folder inside the profile's folder (a relative path without ..)", o.LogoPack)
	}
	// Every folder from the profile's to the pack must be a real folder:
	// a symbolic link anywhere on the way could lead outside.
	base := filepath.Dir(a.orgPath)
	dir := base
	for _, part := range strings.Split(filepath.Clean(o.LogoPack), string(filepath.Separator)) {
		dir = filepath.Join(dir, part)
		fi, err := os.Lstat(dir)
		switch {
		case err != nil:
			return nil, bad("%s: the folder does not exist", dir)
		case fi.Mode()&os.ModeSymlink != 0:
			return nil, bad("%s: a symbolic link; the pack must be a folder inside the profile's folder, not a link to one", dir)
		case !fi.IsDir():
			return nil, bad("%s: not a folder", dir)
		}
	}
	return &logo.Pack{FS: rootFS(dir)}, nil
}

// rootFS is a folder read through os.Root, so that no name reaches
// outside it, by .. or by a symbolic link (which logo.Pack refuses anyway:
// rootFS implements fs.ReadLinkFS). The root is opened for each call, so a
// batch of many packs holds no file descriptors.
type rootFS string

func (d rootFS) Open(name string) (fs.File, error) {
	r, err := os.OpenRoot(string(d))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.Open(name)
}

func (d rootFS) Lstat(name string) (fs.FileInfo, error) {
	r, err := os.OpenRoot(string(d))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.Lstat(name)
}

func (d rootFS) ReadLink(name string) (string, error) {
	r, err := os.OpenRoot(string(d))
	if err != nil {
		return "", err
	}
	defer r.Close()
	return r.Readlink(name)
}

// readLimited reads a file named on the command line, refusing it past max
// bytes: by its size before reading when it is a regular file (a 3 GB
// sparse file is not read), and while reading otherwise.
func readLimited(path string, max int64, what string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tooBig := fmt.Errorf("%s: over %d bytes; %s is at most %d KiB", path, max, what, max>>10)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > max {
		return nil, tooBig
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, tooBig
	}
	return data, nil
}
