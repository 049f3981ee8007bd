package output

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Set is a group of outputs (a kit's folder and its ZIP) staged beside
// their targets and put in place together by Commit, or removed by Abort:
// nothing of them is at a target until all are made, so a run that fails,
// runs out of disk or is interrupted leaves the targets as they were.
//
// Staged files and folders are hidden siblings of their targets named
// .<name>.affiches-*; Abort (or a failed Commit) removes them.
type Set struct {
	items []*staged
	made  []string // folders made for the targets, to remove on Abort
}

type staged struct {
	target, tmp string
	folder      bool
	old         string // the folder the target was moved to, while committing
	placed      bool
}

// Replaceable tells whether an existing, non-empty folder may be replaced
// as a whole by a new one with force (for a kit: it is an earlier kit and
// holds nothing else). It returns nil when it may, else why not.
type Replaceable func(fsys fs.FS) error

// Folder stages files as the folder dir. An existing empty folder is
// replaced; an existing non-empty one only with force and when replaceable
// accepts it (nil refuses every non-empty folder), and then as a whole, so
// no file of the earlier folder stays beside the new ones. ctx is checked
// between files: a cancelled run stops and stages nothing.
func (s *Set) Folder(ctx context.Context, dir string, force bool, files []File, replaceable Replaceable) error {
	if err := CheckFolder(dir); err != nil {
		return err
	}
	if err := checkNames(files); err != nil {
		return err
	}
	if err := CheckReplace(dir, force, replaceable); err != nil {
		return err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	parent := filepath.Dir(abs)
	if err := s.mkdirs(parent); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".affiches-*")
	if err != nil {
		return fmt.Errorf("%s: cannot write in %s (%w)", dir, parent, unwrapPath(err))
	}
	st := &staged{target: abs, tmp: tmp, folder: true}
	s.items = append(s.items, st)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		path := filepath.Join(tmp, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(dir, f.Name), unwrapPath(err))
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(dir, f.Name), unwrapPath(err))
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	return ctx.Err()
}

// CheckReplace tells, before any work is done, whether Folder will accept
// dir as its target: it does not exist, or is an empty folder, or (with
// force) a folder replaceable accepts.
func CheckReplace(dir string, force bool, replaceable Replaceable) error {
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", dir, unwrapPath(err))
	case !fi.IsDir():
		return fmt.Errorf("%s: is %s, not a folder", dir, kind(fi.Mode()))
	case empty(dir):
		return nil
	case !force:
		return fmt.Errorf("%s: %w", dir, ErrExists)
	case replaceable == nil:
		return fmt.Errorf("%s: holds other files; choose a new or empty folder", dir)
	}
	if err := replaceable(os.DirFS(dir)); err != nil {
		return fmt.Errorf("%s: not replaced: %w", dir, err)
	}
	return nil
}

// File stages what write makes as the file path (see WriteFile).
func (s *Set) File(ctx context.Context, path string, force bool, write func(io.Writer) error) error {
	if err := CheckTarget(path, force); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".affiches-*")
	if err != nil {
		return fmt.Errorf("%s: cannot write in %s (%w)", path, dir, unwrapPath(err))
	}
	s.items = append(s.items, &staged{target: path, tmp: f.Name()})
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	return ctx.Err()
}

// Commit puts every staged output in place, in the order staged. If one
// cannot be placed, those placed before are taken back (an earlier folder
// replaced by force comes back too) and everything staged is removed.
func (s *Set) Commit() error {
	for i, st := range s.items {
		if err := st.place(); err != nil {
			for j := i - 1; j >= 0; j-- {
				s.items[j].unplace()
			}
			s.Abort()
			return err
		}
	}
	for _, st := range s.items {
		if st.old != "" {
			os.RemoveAll(st.old)
		}
	}
	s.items, s.made = nil, nil
	return nil
}

// Abort removes everything staged and the folders made for it. It may be
// called after Commit, when it does nothing.
func (s *Set) Abort() {
	for _, st := range s.items {
		if !st.placed {
			os.RemoveAll(st.tmp)
		}
	}
	for i := len(s.made) - 1; i >= 0; i-- {
		os.Remove(s.made[i]) // only once empty
	}
	s.items, s.made = nil, nil
}

func (st *staged) place() error {
	if st.folder {
		if fi, err := os.Lstat(st.target); err == nil && fi.IsDir() {
			// os.Rename replaces no folder, even an empty one: an empty
			// folder goes, an earlier one moves aside under a fresh name.
			if empty(st.target) {
				os.Remove(st.target)
			} else {
				old, err := os.MkdirTemp(filepath.Dir(st.target), "."+filepath.Base(st.target)+".affiches-old-*")
				if err != nil {
					return fmt.Errorf("%s: %w", st.target, unwrapPath(err))
				}
				os.Remove(old)
				if err := os.Rename(st.target, old); err != nil {
					return fmt.Errorf("%s: %w", st.target, unwrapPath(err))
				}
				st.old = old
			}
		}
	}
	if err := os.Rename(st.tmp, st.target); err != nil {
		if st.old != "" {
			os.Rename(st.old, st.target)
			st.old = ""
		}
		return fmt.Errorf("%s: %w", st.target, unwrapPath(err))
	}
	st.placed = true
	return nil
}

// unplace takes a placed output back to its staging name, and an earlier
// folder back to its place.
func (st *staged) unplace() {
	if !st.placed {
		return
	}
	if os.Rename(st.target, st.tmp) == nil {
		st.placed = false
	}
	if st.old != "" && os.Rename(st.old, st.target) == nil {
		st.old = ""
	}
}

// mkdirs makes dir and its missing parents, remembering them for Abort.
func (s *Set) mkdirs(dir string) error {
	var missing []string
	for at := dir; ; at = filepath.Dir(at) {
		if _, err := os.Stat(at); err == nil || filepath.Dir(at) == at {
			break
		}
		missing = append(missing, at)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", missing[i], unwrapPath(err))
		}
		s.made = append(s.made, missing[i])
	}
	return nil
}

func empty(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	names, _ := f.Readdirnames(1)
	return len(names) == 0
}
