package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	err := WriteFile(path, false, func(w io.Writer) error {
		w.Write([]byte("half a file"))
		return errors.New("renderer failed")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestExistingKeptWithoutForce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	os.WriteFile(path, []byte("keep"), 0o644)
	called := false
	err := WriteFile(path, false, func(w io.Writer) error { called = true; return nil })
	if !errors.Is(err, ErrExists) || called {
		t.Errorf("err %v, rendered %v: an existing file is refused before rendering", err, called)
	}
	if err := WriteFile(path, true, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "new" {
		t.Errorf("with force: %q", data)
	}
}

func TestMissingOrUnwritableFolder(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(filepath.Join(dir, "nope", "out.pdf"), false, func(io.Writer) error { return nil }); err == nil {
		t.Error("a missing folder was accepted")
	}
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o555)
	if os.Geteuid() != 0 { // root writes anywhere
		if err := WriteFile(filepath.Join(ro, "out.pdf"), false, func(io.Writer) error { return nil }); err == nil {
			t.Error("an unwritable folder was accepted")
		}
	}
}

func TestWriteFilesChecksAllFirst(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("keep"), 0o644)
	err := WriteFiles(dir, false, []File{{Name: "a.txt", Data: []byte("a")}, {Name: "b.txt", Data: []byte("b")}})
	if !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.txt")); err == nil {
		t.Error("a.txt was written although the run was refused")
	}
	if err := WriteFiles(dir, false, []File{{Name: "../escape.txt"}}); err == nil {
		t.Error("a path outside the folder was accepted")
	}
}
