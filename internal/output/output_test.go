package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"affiches/internal/golden"
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

// TestWriteFilesFailingPartWayLeavesNothing: when a file cannot be written
// after others were, the run removes what it made and keeps what was there.
func TestWriteFilesFailingPartWayLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "old.txt"), []byte("keep"), 0o644)
	// A folder in place of a file: the third write fails.
	os.MkdirAll(filepath.Join(dir, "sub", "c.txt"), 0o755)
	err := WriteFiles(dir, true, []File{{Name: "a.txt", Data: []byte("a")}, {Name: "new/b.txt", Data: []byte("b")}, {Name: "sub/c.txt", Data: []byte("c")}})
	if err == nil {
		t.Fatal("writing a file over a folder succeeded")
	}
	for _, gone := range []string{"a.txt", "new/b.txt", "new"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
			t.Errorf("%s was left behind", gone)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "old.txt")); string(data) != "keep" {
		t.Error("a file that was there before was touched")
	}
}

func TestCheckFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), nil, 0o644)
	tests := []struct {
		name, dir, want string
	}{
		{"existing folder", dir, ""},
		{"folders to make", filepath.Join(dir, "a", "b"), ""},
		{"a file", filepath.Join(dir, "f"), "is a file, not a folder"},
		{"under a file", filepath.Join(dir, "f", "x"), "is a file, not a folder"},
		{"unwritable", filepath.Join(golden.UnwritableDir(t), "out"), "cannot write in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckFolder(tt.dir)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("CheckFolder(%s) = %v, want %q", tt.dir, err, tt.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "a")); err == nil {
				t.Error("CheckFolder made a folder")
			}
		})
	}
}
