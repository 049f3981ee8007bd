package output

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// tree lists the files under dir, hidden ones included.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && p != dir {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func TestForceReplacesOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	os.WriteFile(filepath.Join(dir, "target"), []byte("keep"), 0o644)
	os.Symlink("target", link)
	for path, want := range map[string]string{fifo: "a named pipe (FIFO)", link: "a symbolic link", "/dev/null": "a device"} {
		err := WriteFile(path, true, func(w io.Writer) error { _, err := w.Write([]byte("x")); return err })
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "replaces only regular files") {
			t.Errorf("%s: %v, want …%s…", path, err, want)
		}
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
	if fi, _ := os.Lstat("/dev/null"); fi.Mode()&fs.ModeDevice == 0 {
		t.Fatal("/dev/null is no longer a device")
	}
}

// TestRendererPanicLeavesNoTemp: a fatal error while rendering used to
// leave a 0-byte temporary file, made before the renderer ran.
func TestRendererPanicLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	func() {
		defer func() { recover() }()
		WriteFile(filepath.Join(dir, "out.pdf"), false, func(io.Writer) error { panic("renderer died") })
	}()
	if got := tree(t, dir); len(got) != 0 {
		t.Errorf("left behind: %v", got)
	}
}

func files(names ...string) []File {
	var fs []File
	for _, n := range names {
		fs = append(fs, File{Name: n, Data: []byte(n)})
	}
	return fs
}

func TestSetStagesThenCommits(t *testing.T) {
	dir := t.TempDir()
	kit := filepath.Join(dir, "new", "kit")
	var s Set
	if err := s.Folder(context.Background(), kit, false, files("a.txt", "logos/b.png"), nil); err != nil {
		t.Fatal(err)
	}
	if err := s.File(context.Background(), filepath.Join(dir, "new", "kit.zip"), false, func(w io.Writer) error { _, err := w.Write([]byte("zip")); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(kit); err == nil {
		t.Fatal("the folder is in place before Commit")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(tree(t, dir), " "), "new new/kit new/kit.zip new/kit/a.txt new/kit/logos new/kit/logos/b.png"; got != want {
		t.Errorf("tree %s, want %s", got, want)
	}
	if fi, _ := os.Stat(kit); fi.Mode().Perm() != 0o755 {
		t.Errorf("folder mode %v", fi.Mode())
	}
}

// TestSetInterrupted: a run cancelled (SIGINT) or failing part way (a full
// disk while writing the ZIP) leaves the targets as they were: no folder,
// no temporary file, no folder made for it.
func TestSetInterrupted(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var s Set
	err := s.Folder(ctx, filepath.Join(dir, "a", "kit"), false, files("x", "y"), nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	s.Abort()
	var s2 Set
	if err := s2.Folder(context.Background(), filepath.Join(dir, "kit"), false, files("x"), nil); err != nil {
		t.Fatal(err)
	}
	err = s2.File(context.Background(), filepath.Join(dir, "kit.zip"), false, func(w io.Writer) error {
		w.Write([]byte("half a zip"))
		return syscall.ENOSPC
	})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v", err)
	}
	s2.Abort()
	if got := tree(t, dir); len(got) != 0 {
		t.Errorf("left behind: %v", got)
	}
}

// TestSetReplacesWholeFolder: kit --force kept the files of an earlier kit
// that the new manifest does not list; the folder is now replaced as a
// whole, and only when it holds nothing but what may be replaced.
func TestSetReplacesWholeFolder(t *testing.T) {
	dir := t.TempDir()
	kit := filepath.Join(dir, "kit")
	os.MkdirAll(filepath.Join(kit, "old"), 0o755)
	os.WriteFile(filepath.Join(kit, "old", "stale.png"), []byte("stale"), 0o644)
	ok := func(fs.FS) error { return nil }
	var s Set
	if err := s.Folder(context.Background(), kit, false, files("a"), ok); !errors.Is(err, ErrExists) {
		t.Errorf("without force: %v", err)
	}
	s.Abort()
	if err := s.Folder(context.Background(), kit, true, files("a"), nil); err == nil || !strings.Contains(err.Error(), "holds other files") {
		t.Errorf("not replaceable: %v", err)
	}
	s.Abort()
	if err := s.Folder(context.Background(), kit, true, files("a"), func(fs.FS) error { return errors.New("notes.txt is not part of the kit") }); err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("refused by replaceable: %v", err)
	}
	s.Abort()
	if err := s.Folder(context.Background(), kit, true, files("a", "b/c"), ok); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tree(t, dir), " "); got != "kit kit/a kit/b kit/b/c" {
		t.Errorf("tree: %s", got)
	}
}

// TestSetCommitRollsBack: when the second output cannot be placed, the
// first is taken back and the earlier folder restored.
func TestSetCommitRollsBack(t *testing.T) {
	dir := t.TempDir()
	kit := filepath.Join(dir, "kit")
	os.MkdirAll(kit, 0o755)
	os.WriteFile(filepath.Join(kit, "old"), []byte("old"), 0o644)
	var s Set
	if err := s.Folder(context.Background(), kit, true, files("new"), func(fs.FS) error { return nil }); err != nil {
		t.Fatal(err)
	}
	zip := filepath.Join(dir, "kit.zip")
	if err := s.File(context.Background(), zip, false, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(zip, 0o755) // a folder took the ZIP's place meanwhile: its rename fails
	os.WriteFile(filepath.Join(zip, "x"), nil, 0o644)
	if err := s.Commit(); err == nil {
		t.Fatal("Commit succeeded")
	}
	if got := strings.Join(tree(t, dir), " "); got != "kit kit.zip kit.zip/x kit/old" {
		t.Errorf("tree: %s", got)
	}
}

func TestNamesStayInside(t *testing.T) {
	for _, name := range []string{"../x", "/etc/x", `logos\official\x.png`, "a/\x00b", "c:x", ""} {
		var s Set
		if err := s.Folder(context.Background(), t.TempDir(), false, []File{{Name: name}}, nil); err == nil {
			t.Errorf("%q accepted", name)
		}
	}
}
