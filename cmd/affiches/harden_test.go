package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run the command as its own process (to send it a
// real signal): with AFFICHES_TEST_MAIN set, the test binary is affiches.
func TestMain(m *testing.M) {
	if os.Getenv("AFFICHES_TEST_MAIN") == "1" {
		main()
	}
	holdInterrupts = func() {} // Ctrl-C still stops the tests
	os.Exit(m.Run())
}

// listAll lists every file and folder under dir, hidden ones included.
func listAll(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err == nil && p != dir {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// TestNumbersThatAreNot: NaN and sizes past the limits are refused with
// the limit, before any file is made.
func TestNumbersThatAreNot(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"poster", "--format", "png", "--dpi", "NaN", "-o", "p.png"}, 1, "dpi: NaN: want 36 to 1200"},
		{[]string{"logo", "--format", "png", "--width-mm", "60", "--dpi", "NaN", "-o", "l.png"}, 1, "dpi: NaN"},
		{[]string{"logo", "--format", "pdf", "--width-mm", "NaN", "-o", "l.pdf"}, 1, "width-mm: NaN mm: a print logo is at most 1000 mm wide"},
		{[]string{"logo", "--format", "png", "--width-mm", "5000", "--dpi", "1200", "-o", "l.png"}, 1, "at most 1000 mm"},
		{[]string{"logo", "--format", "png", "--width-mm", "900", "--dpi", "1200", "-o", "l.png"}, 1, "at most 36 million pixels"},
		{[]string{"serve", "--max-renders", "-1"}, 2, "--max-renders -1"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			start := time.Now()
			code, _, stderr := runIn(t, dir, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, %q; want %d …%s…", code, stderr, tt.code, tt.want)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	if got := listAll(t, dir); len(got) != 0 {
		t.Errorf("left behind: %v", got)
	}
}

// TestForceWritesOnlyOverRegularFiles: -o /dev/null --force replaced
// /dev/null with a regular file when run as root.
func TestForceWritesOnlyOverRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"/dev/null", fifo} {
		code, _, stderr := runIn(t, dir, "poster", "--format", "pdf", "--force", "-o", out)
		if code != 1 || !strings.Contains(stderr, "not a regular file") {
			t.Errorf("%s: exit %d %q", out, code, stderr)
		}
	}
	if fi, err := os.Lstat("/dev/null"); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Fatal("/dev/null is no longer a device")
	}
}

// cancelAfter is a stderr that cancels the run when it first reads want.
type cancelAfter struct {
	mu     sync.Mutex
	b      strings.Builder
	want   string
	cancel func()
}

func (c *cancelAfter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.b.Write(p)
	if strings.Contains(c.b.String(), c.want) {
		c.cancel()
	}
	return len(p), nil
}

// TestKitInterrupted: a kit or batch interrupted part way (SIGINT,
// SIGTERM) leaves no partial folder, no ZIP and no temporary file.
func TestKitInterrupted(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"kit", []string{"kit", "-o", "out/kit", "--zip"}},
		{"batch", []string{"batch", "--orgs", "profiles", "-o", "out/kits"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, "out"), 0o755)
			os.Mkdir(filepath.Join(dir, "profiles"), 0o755)
			demo := mustRead(t, "../../internal/brand/demo.yaml")
			for _, n := range []string{"a", "b", "c", "d", "e", "f"} {
				os.WriteFile(filepath.Join(dir, "profiles", n+".yaml"), demo, 0o644)
			}
			ctx, cancel := context.WithCancelCause(context.Background())
			stderr := &cancelAfter{want: "rendered", cancel: func() { cancel(errSignal) }}
			wd, _ := os.Getwd()
			os.Chdir(dir)
			code := runContext(ctx, tt.args, strings.NewReader(""), io.Discard, stderr)
			os.Chdir(wd)
			if code != 130 || !strings.Contains(stderr.b.String(), "stopped; nothing half-made was left") {
				t.Errorf("exit %d: %s", code, stderr.b.String())
			}
			if tt.name == "kit" {
				if got := listAll(t, filepath.Join(dir, "out")); len(got) != 0 {
					t.Errorf("left behind: %v", got)
				}
				return
			}
			// A batch keeps the kits finished before the signal, each whole.
			for _, p := range listAll(t, filepath.Join(dir, "out")) {
				if strings.HasPrefix(filepath.Base(p), ".") {
					t.Errorf("left behind: %s", p)
				}
			}
			kits, _ := os.ReadDir(filepath.Join(dir, "out", "kits"))
			if len(kits) >= 6 {
				t.Errorf("%d kits: the batch was not interrupted", len(kits))
			}
			for _, k := range kits {
				wholeKit(t, filepath.Join(dir, "out", "kits", k.Name()))
			}
		})
	}
}

// wholeKit fails unless dir holds exactly the files its manifest lists,
// plus manifest.json and index.html.
func wholeKit(t *testing.T, dir string) {
	t.Helper()
	var m struct {
		Files []struct{ Path string } `json:"files"`
	}
	if err := json.Unmarshal(mustRead(t, filepath.Join(dir, "manifest.json")), &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"manifest.json": true, "index.html": true}
	for _, f := range m.Files {
		want[f.Path] = true
	}
	n := 0
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			if !want[filepath.ToSlash(rel)] {
				t.Errorf("%s: %s is not in the manifest", dir, rel)
			}
			n++
		}
		return nil
	})
	if n != len(want) {
		t.Errorf("%s: %d files, the manifest lists %d", dir, n, len(want))
	}
}

// TestKitSignal sends a real SIGINT or SIGTERM to affiches kit --zip while
// it renders, and as it writes (at 100 %): it ends with status 130 and
// nothing, or, when the signal came after the kit was in place, with
// status 0 and the whole kit; never anything between, nor a temporary file.
func TestKitSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command as a process")
	}
	for _, tt := range []struct {
		sig syscall.Signal
		at  string
	}{{syscall.SIGINT, "rendered"}, {syscall.SIGTERM, "rendered"}, {syscall.SIGINT, "(100%)"}, {syscall.SIGTERM, "(100%)"}} {
		t.Run(tt.sig.String()+" at "+tt.at, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "kit", "-o", filepath.Join(dir, "kit"), "--zip")
			cmd.Env = append(os.Environ(), "AFFICHES_TEST_MAIN=1")
			stderr, _ := cmd.StderrPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(stderr)
			var log strings.Builder
			sent := false
			for sc.Scan() {
				log.WriteString(sc.Text() + "\n")
				if !sent && strings.Contains(sc.Text(), tt.at) {
					cmd.Process.Signal(tt.sig)
					sent = true
				}
			}
			cmd.Wait()
			switch code := cmd.ProcessState.ExitCode(); code {
			case 130:
				if got := listAll(t, dir); len(got) != 0 {
					t.Errorf("left behind: %v", got)
				}
			case 0:
				if tt.at == "rendered" {
					t.Errorf("not interrupted: %s", log.String())
				}
				wholeKit(t, filepath.Join(dir, "kit"))
				if got := listAll(t, dir); got[len(got)-1] != "kit.zip" || strings.HasPrefix(got[0], ".") {
					t.Errorf("beside the kit: %v", got)
				}
			default:
				t.Errorf("exit %d: %s", code, log.String())
			}
		})
	}
}

// TestPosterSignal sends a real SIGINT or SIGTERM to a one-document
// command while it renders (after it said which profile it uses, before
// its 0.3 s render ends): the signal ends it, and it leaves nothing, not
// even a temporary file.
func TestPosterSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command as a process")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "poster", "--size", "a3", "--format", "png", "--dpi", "400", "-o", filepath.Join(dir, "poster.png"))
			cmd.Env = append(os.Environ(), "AFFICHES_TEST_MAIN=1")
			stderr, _ := cmd.StderrPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(stderr)
			if !sc.Scan() || !strings.Contains(sc.Text(), "demo profile") {
				t.Fatalf("stderr: %q", sc.Text())
			}
			cmd.Process.Signal(sig)
			for sc.Scan() {
			}
			cmd.Wait()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("not ended by %v: %v", sig, cmd.ProcessState)
			}
			if got := listAll(t, dir); len(got) != 0 {
				t.Errorf("left behind: %v", got)
			}
		})
	}
}

// TestKitForceReplacesWholeKit: kit --force kept the files of an earlier
// kit that the new manifest does not list; a folder holding other files is
// not replaced.
func TestKitForceReplacesWholeKit(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runIn(t, dir, "kit", "-o", "kit"); code != 0 {
		t.Fatal(stderr)
	}
	// An earlier kit had a file this one does not make.
	stale := filepath.Join(dir, "kit", "posters", "complaint", "stale.pdf")
	os.WriteFile(stale, []byte("old"), 0o644)
	var m struct {
		Generator    string           `json:"generator"`
		Organisation string           `json:"organisation"`
		Languages    string           `json:"languages"`
		Files        []map[string]any `json:"files"`
	}
	data := mustRead(t, filepath.Join(dir, "kit", "manifest.json"))
	json.Unmarshal(data, &m)
	m.Files = append(m.Files, map[string]any{"path": "posters/complaint/stale.pdf"})
	data, _ = json.Marshal(m)
	os.WriteFile(filepath.Join(dir, "kit", "manifest.json"), data, 0o644)

	if code, _, stderr := runIn(t, dir, "kit", "-o", "kit"); code != 1 || !strings.Contains(stderr, "exists already") {
		t.Errorf("without --force: %d %s", code, stderr)
	}
	if code, _, stderr := runIn(t, dir, "kit", "-o", "kit", "--force"); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a file of the earlier kit stayed")
	}
	os.WriteFile(filepath.Join(dir, "kit", "notes.txt"), []byte("mine"), 0o644)
	if code, _, stderr := runIn(t, dir, "kit", "-o", "kit", "--force"); code != 1 || !strings.Contains(stderr, "notes.txt is not part of the earlier kit") {
		t.Errorf("foreign file: %d %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "kit", "notes.txt")); err != nil {
		t.Error("a file that is not the kit's was removed")
	}
	os.MkdirAll(filepath.Join(dir, "mine"), 0o755)
	os.WriteFile(filepath.Join(dir, "mine", "x"), nil, 0o644)
	if code, _, stderr := runIn(t, dir, "kit", "-o", "mine", "--force"); code != 1 || !strings.Contains(stderr, "not a kit made by affiches") {
		t.Errorf("a folder of other files: %d %s", code, stderr)
	}
}

// TestHostilePack: the logo packs the hardening issue reproduced are
// refused within seconds, naming the file and the reason, and nothing of
// them reaches an output.
func TestHostilePack(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.png"), solidPNG(t, 400, 160), 0o644)
	trunc := solidPNG(t, 400, 160)
	tests := []struct {
		name  string
		setup func(dir string)
		args  []string
		want  string
	}{
		{"symlinked pack folder", func(dir string) {
			os.RemoveAll(filepath.Join(dir, "pack"))
			os.Symlink(outside, filepath.Join(dir, "pack"))
		}, []string{"poster", "--org", "org.yaml", "-o", "p.pdf"}, "pack: a symbolic link"},
		{"symlinked file", func(dir string) {
			os.Remove(filepath.Join(dir, "pack", "complaint-fr-colour.png"))
			os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(dir, "pack", "complaint-fr-colour.png"))
		}, []string{"kit", "--org", "org.yaml", "-o", "kit"}, "complaint-fr-colour.png: a symbolic link, not a regular file"},
		{"fifo", func(dir string) {
			os.Remove(filepath.Join(dir, "pack", "complaint-fr-colour.png"))
			syscall.Mkfifo(filepath.Join(dir, "pack", "complaint-fr-colour.png"), 0o644)
		}, []string{"poster", "--org", "org.yaml", "-o", "p.pdf"}, "named pipe (FIFO)"},
		{"truncated png", func(dir string) {
			os.WriteFile(filepath.Join(dir, "pack", "complaint-fr-colour.png"), trunc[:len(trunc)-40], 0o644)
		}, []string{"poster", "--org", "org.yaml", "--format", "png", "-o", "p.png"}, "complaint-fr-colour.png: a damaged or truncated PNG"},
		{"garbage pdf", func(dir string) {
			os.WriteFile(filepath.Join(dir, "pack", "complaint-fr-colour.pdf"), []byte("%PDF-1.4\n"+strings.Repeat("1 0 obj << /Kids [1 0 R] >> ", 2000)), 0o644)
		}, []string{"poster", "--org", "org.yaml", "-o", "p.pdf"}, "complaint-fr-colour.pdf: no startxref"},
		{"svg with onload", func(dir string) {
			os.WriteFile(filepath.Join(dir, "pack", "complaint-fr-colour.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), 0o644)
		}, []string{"logo", "--org", "org.yaml", "--format", "svg", "-o", "l.svg"}, "complaint-fr-colour.svg: <svg onload=\"alert(1)\">: event handlers are not allowed"},
		{"web svg with a script", func(dir string) {
			os.WriteFile(filepath.Join(dir, "pack", "complaint-fr-colour-web-small.svg"), []byte(`<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>`), 0o644)
		}, []string{"logo", "--org", "org.yaml", "--web", "small", "--format", "svg", "-o", "l.svg"}, "the element <script> is not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := packDir(t, "pack")
			tt.setup(dir)
			start := time.Now()
			code, _, stderr := runIn(t, dir, tt.args...)
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d %q; want 1 …%s…", code, stderr, tt.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			for _, out := range []string{"p.pdf", "p.png", "l.svg", "kit"} {
				if _, err := os.Stat(filepath.Join(dir, out)); err == nil {
					t.Errorf("%s was written", out)
				}
			}
		})
	}
}

// TestKitCopiesOnlyPackFiles: every file of a pack (any evil.html, a
// sub-folder, a name with backslashes) was copied into the kit and its ZIP.
func TestKitCopiesOnlyPackFiles(t *testing.T) {
	dir := packDir(t, "pack")
	os.WriteFile(filepath.Join(dir, "pack", "evil.html"), []byte("<script>alert(1)</script>"), 0o644)
	os.WriteFile(filepath.Join(dir, "pack", `a\b.png`), solidPNG(t, 4, 4), 0o644)
	os.MkdirAll(filepath.Join(dir, "pack", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "pack", "sub", "complaint-fr-colour.png"), solidPNG(t, 4, 4), 0o644)
	if code, _, stderr := runIn(t, dir, "kit", "--org", "org.yaml", "-o", "kit", "--zip"); code != 0 {
		t.Fatal(stderr)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "kit", "logos", "official"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := "complaint-fr-colour-web-small.png complaint-fr-colour.png complaint-fr-colour.svg complaint-nl-colour.png suggestion-fr-colour.png suggestion-nl-colour.png"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("official files: %s\nwant %s", got, want)
	}
	zip := string(mustRead(t, filepath.Join(dir, "kit.zip")))
	for _, bad := range []string{"evil.html", `a\b.png`, "official/sub/"} {
		if strings.Contains(zip, bad) {
			t.Errorf("the ZIP holds %s", bad)
		}
	}
}

// TestBatchFIFOProfile: a FIFO among a batch's profiles is reported, not
// waited on.
func TestBatchFIFOProfile(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "profiles"), 0o755)
	syscall.Mkfifo(filepath.Join(dir, "profiles", "a.yaml"), 0o644)
	done := make(chan string, 1)
	go func() {
		_, _, stderr := runIn(t, dir, "batch", "--orgs", "profiles", "-o", "kits")
		done <- stderr
	}()
	select {
	case stderr := <-done:
		if !strings.Contains(stderr, "a.yaml: not a regular file") {
			t.Errorf("stderr: %s", stderr)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("batch waits on a FIFO")
	}
}

// TestBatchSummary: a batch ends with what it made and what a body cost,
// so that a run on a longer list can be planned.
func TestBatchSummary(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "profiles"), 0o755)
	demo, err := os.ReadFile("../../internal/brand/demo.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "profiles", "a.yaml"), demo, 0o644)
	os.WriteFile(filepath.Join(dir, "profiles", "b.yaml"), bytes.Replace(demo, []byte("Service public fédéral Exemple"), []byte("Service public fédéral Deux"), 1), 0o644)
	code, _, stderr := runIn(t, dir, "batch", "--orgs", "profiles", "-o", "kits")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"2 kits written to kits, 0 failed, in ", " s a body, peak memory ", " MiB)"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the summary lacks %q:\n%s", want, stderr)
		}
	}
	for _, k := range []string{"a", "b"} {
		if _, err := os.Stat(filepath.Join(dir, "kits", k, "manifest.json")); err != nil {
			t.Errorf("kit %s: %v", k, err)
		}
	}
}
