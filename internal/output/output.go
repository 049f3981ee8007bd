// Package output writes files the safe way: to a temporary file beside the
// target, renamed into place only when complete, so a failed run leaves no
// half-written file; an existing file is never replaced unless asked, and
// then only a regular file (never a device, a FIFO or a symbolic link). A
// folder of files (a kit) is staged beside its target and put in place by
// renames: it is whole or absent, interrupted or not.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ErrExists is returned when the target exists and overwriting was not asked.
var ErrExists = errors.New("exists already (use --force to replace it)")

// WriteFile calls write with a writer whose bytes land in path only if
// write returns nil. With force unset, an existing path is refused before
// anything is rendered.
//
// What write makes is held in memory and only then written to a temporary
// file, so a renderer that panics, or a process killed while rendering,
// leaves no temporary file behind; the temporary file lives only for the
// time of a write and a rename.
func WriteFile(path string, force bool, write func(io.Writer) error) error {
	if err := CheckTarget(path, force); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	if err := CheckTarget(path, force); err != nil {
		return err
	}
	return writeBytes(path, force, buf.Bytes())
}

func writeBytes(path string, force bool, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: cannot write in %s (%w)", path, dir, unwrapPath(err))
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if !force {
		// Check again: another process may have made it meanwhile.
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	ok = true
	return nil
}

// CheckTarget refuses a path that exists (unless force) or whose folder
// does not exist. Even with force, only a regular file is replaced: a
// rename over /dev/null, a FIFO or a symbolic link would replace the node
// itself (-o /dev/null --force, as root, made /dev/null a regular file).
func CheckTarget(path string, force bool) error {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil {
		return fmt.Errorf("%s: the folder %s does not exist", path, dir)
	} else if !fi.IsDir() {
		return fmt.Errorf("%s: %s is not a folder", path, dir)
	}
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("%s: is a folder", path)
	case err == nil && !fi.Mode().IsRegular():
		return fmt.Errorf("%s: is %s, not a regular file: affiches replaces only regular files (use -o - to write to standard output)", path, kind(fi.Mode()))
	case err == nil && !force:
		return fmt.Errorf("%s: %w", path, ErrExists)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	return nil
}

// kind names what a file that is not a regular file is.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	}
	return "a special file"
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// File is one file of a set written into a folder.
type File struct {
	Name string // a slash-separated path inside the folder
	Data []byte
}

// CheckFolder tells, before any work is done, whether files can be
// written under dir: dir is a folder or can be made, and the nearest
// folder that exists accepts a new file.
func CheckFolder(dir string) error {
	at := filepath.Clean(dir)
	for {
		fi, err := os.Stat(at)
		if err == nil {
			if !fi.IsDir() {
				if at == filepath.Clean(dir) {
					return fmt.Errorf("%s: is a file, not a folder", dir)
				}
				return fmt.Errorf("%s: %s is a file, not a folder", dir, at)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return fmt.Errorf("%s: %w", dir, unwrapPath(err))
		}
		up := filepath.Dir(at)
		if up == at {
			return fmt.Errorf("%s: no folder of it exists", dir)
		}
		at = up
	}
	probe, err := os.CreateTemp(at, ".affiches-probe-*")
	if err != nil {
		return fmt.Errorf("%s: cannot write in %s (%w)", dir, at, unwrapPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// WriteFiles writes files into dir, making dir and sub-folders as needed.
// Every target is checked before the first is written, so a refused run
// (an existing file without force) writes nothing, and a run that fails
// part way removes the files and folders it made: a set is whole or
// absent. (Files replaced with force stay replaced.)
func WriteFiles(dir string, force bool, files []File) (err error) {
	if err := CheckFolder(dir); err != nil {
		return err
	}
	if err := checkNames(files); err != nil {
		return err
	}
	for _, f := range files {
		clean := filepath.Clean(filepath.FromSlash(f.Name))
		if !force {
			if _, err := os.Lstat(filepath.Join(dir, clean)); err == nil {
				return fmt.Errorf("%s: %w", filepath.Join(dir, clean), ErrExists)
			}
		}
	}
	var made []string // files and folders this run made, in order
	defer func() {
		if err == nil {
			return
		}
		for i := len(made) - 1; i >= 0; i-- {
			os.Remove(made[i]) // a folder goes only once empty
		}
	}()
	mkdirs := func(d string) error {
		var missing []string
		for at := d; ; at = filepath.Dir(at) {
			if _, err := os.Stat(at); err == nil || filepath.Dir(at) == at {
				break
			}
			missing = append(missing, at)
		}
		for i := len(missing) - 1; i >= 0; i-- {
			if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s: %w", missing[i], unwrapPath(err))
			}
			made = append(made, missing[i])
		}
		return nil
	}
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := mkdirs(filepath.Dir(path)); err != nil {
			return err
		}
		_, statErr := os.Lstat(path)
		data := f.Data
		if err := WriteFile(path, force, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return err
		}
		if statErr != nil {
			made = append(made, path)
		}
	}
	return nil
}

// checkNames refuses names that are not plain relative paths inside the
// folder (absolute, with .., a backslash or a control character) and names
// given twice.
func checkNames(files []File) error {
	seen := map[string]bool{}
	for _, f := range files {
		if !filepath.IsLocal(f.Name) || strings.ContainsAny(f.Name, "\\:") || strings.IndexFunc(f.Name, unicode.IsControl) >= 0 {
			return fmt.Errorf("%q: not a plain path inside the output folder", f.Name)
		}
		clean := filepath.Clean(filepath.FromSlash(f.Name))
		if seen[clean] {
			return fmt.Errorf("%s: made twice", f.Name)
		}
		seen[clean] = true
	}
	return nil
}

// Slug turns a name into a file or folder name: lower-case ASCII letters
// and digits joined by hyphens ("Élodie Van den Broeck" →
// "elodie-van-den-broeck"), at most 60 characters, fallback when nothing
// is left.
func Slug(name, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// accents fall away with NFD
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r == 'ß':
			b.WriteString("ss")
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 60 {
		s = strings.Trim(s[:60], "-")
	}
	if s == "" {
		s = fallback
	}
	return s
}
