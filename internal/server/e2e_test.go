package server

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/check"
	"affiches/internal/golden"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// The page driven in Debian's Chromium as its users would: with the
// keyboard, at phone width, with JavaScript and without, in two of its
// languages, checked by axe-core at every step. Set AFFICHES_SHOTS to a
// folder to keep the screenshots of every step.

// session is one browser tab on a test server.
type session struct {
	t         *testing.T
	ctx       context.Context
	url       string
	js        bool
	downloads string
	shots     string
	name      string
}

// The browser is started once for the package's tests; each session is a
// tab in a browser context of its own (its own storage and downloads).
var shared struct {
	once sync.Once
	ctx  context.Context
	stop []context.CancelFunc
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, stop := range shared.stop {
		stop()
	}
	os.Exit(code)
}

func sharedBrowser(t *testing.T) context.Context {
	t.Helper()
	chromium := golden.Tool(t, "chromium")
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "affiches-chromium-")
		if err != nil {
			shared.err = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.UserDataDir(dir),
			chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true), chromedp.Flag("hide-scrollbars", true))
		alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel2 := chromedp.NewContext(alloc)
		shared.stop = []context.CancelFunc{cancel2, cancel, func() { os.RemoveAll(dir) }}
		shared.err = chromedp.Do(ctx) // starts the browser
		shared.ctx = ctx
	})
	if shared.err != nil {
		t.Fatalf("start Chromium: %v", shared.err)
	}
	return shared.ctx
}

// browserTab opens a tab of the given size, with or without JavaScript,
// on a new test server.
func browserTab(t *testing.T, name string, js bool, w, h int64) *session {
	t.Helper()
	parent := sharedBrowser(t)
	srv := httptest.NewServer(New(Options{}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(cancel)
	s := &session{t: t, ctx: ctx, url: srv.URL, js: js, downloads: filepath.Join(dir, "downloads"), shots: os.Getenv("AFFICHES_SHOTS"), name: name}
	os.MkdirAll(s.downloads, 0o755)
	if s.shots != "" {
		os.MkdirAll(s.shots, 0o755)
	}
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatal(err)
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: s.downloads, BrowserContextID: chromedp.FromContext(ctx).BrowserContextID}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !js}); err != nil {
		t.Fatal(err)
	}
	// A blocked style or script shows in the console as a CSP violation;
	// the script below collects them for ok().
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener("securitypolicyviolation", function (e) { window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || "")); });`,
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h)); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *session) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, steps...); err != nil {
		s.shot("failed-" + what)
		s.t.Fatalf("%s: %v", what, err)
	}
}

// open loads a page and waits for it.
func (s *session) open(path string) {
	s.t.Helper()
	if _, err := chromedp.RunResponse(s.ctx, chromedp.Navigate(s.url+path)); err != nil {
		s.t.Fatalf("open %s: %v", path, err)
	}
}

// submit clicks a button that posts the form and waits for the page that
// answers.
func (s *session) submit(sel string) {
	s.t.Helper()
	resp, err := chromedp.RunResponse(s.ctx, chromedp.Click(sel, chromedp.NodeVisible))
	if err != nil {
		s.shot("failed-submit")
		s.t.Fatalf("click %s: %v", sel, err)
	}
	if ct := resp.MimeType; ct != "text/html" {
		s.t.Fatalf("click %s: answered %s", sel, ct)
	}
}

// update asks for the preview: with JavaScript the script fetches it in
// place, without it the form is posted.
func (s *session) update() {
	s.t.Helper()
	if !s.js {
		s.submit("#update")
		return
	}
	eval[bool](s, `(document.getElementById("status").textContent = "", true)`)
	s.do("update", chromedp.Click("#update"), chromedp.Poll[chromedp.Void](`(function(){var st=document.getElementById("status");return st.textContent!==""&&st.textContent!==st.dataset.rendering;})()`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second)))
}

func eval[T any](s *session, js string) T {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		s.t.Fatalf("%s: %v", js, err)
	}
	return v
}

func byID(id string) string { return "[id=" + jsString(id) + "]" }

// fill replaces the value of the input of a field by typing, as a person
// does.
func (s *session) fill(name, value string) {
	s.t.Helper()
	s.reveal(name)
	s.do("fill "+name, clearInput("f-"+name), chromedp.SendKeys(byID("f-"+name), value))
}

// reveal opens the group of a field, as a person clicks its title.
func (s *session) reveal(name string) {
	s.t.Helper()
	group := eval[string](s, `(function(){var d=document.getElementById(`+jsString("f-"+name)+`).closest("details");return d&&!d.open?d.id:"";})()`)
	if group != "" {
		s.do("open "+group, chromedp.Click("#"+group+" > summary", chromedp.NodeVisible))
	}
}

// choose picks an option of a select.
func (s *session) choose(name, value string) {
	s.t.Helper()
	s.do("choose "+name, chromedp.SetValue(byID("f-"+name), value))
	if s.js {
		eval[bool](s, `document.getElementById(`+jsString("f-"+name)+`).dispatchEvent(new Event("change", {bubbles: true})) || true`)
	}
}

func (s *session) value(name string) string {
	return eval[string](s, `document.getElementById(`+jsString("f-"+name)+`).value`)
}

// problem returns the text shown next to an input, "" when none shows.
func (s *session) problem(id string) string {
	return eval[string](s, `(function(){var e=document.getElementById(`+jsString("e-"+id)+`);return e&&!e.hidden?e.textContent.trim():""})()`)
}

// shot keeps a screenshot of the whole page, when AFFICHES_SHOTS names a
// folder.
func (s *session) shot(step string) {
	if s.shots == "" {
		return
	}
	buf, err := chromedp.Run(s.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		s.t.Logf("screenshot %s: %v", step, err)
		return
	}
	name := filepath.Join(s.shots, s.name+"-"+step+".png")
	os.WriteFile(name, buf, 0o644)
}

// view keeps a screenshot of what the screen shows.
func (s *session) view(step string) {
	if s.shots == "" {
		return
	}
	buf, err := chromedp.Run(s.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		s.t.Logf("screenshot %s: %v", step, err)
		return
	}
	os.WriteFile(filepath.Join(s.shots, s.name+"-"+step+"-screen.png"), buf, 0o644)
}

// ok checks the page as it stands: axe-core finds no violation, no content
// was blocked by the CSP, and nothing scrolls sideways.
func (s *session) ok(step string) {
	s.t.Helper()
	s.shot(step)
	if wide := eval[bool](s, `document.documentElement.scrollWidth > window.innerWidth + 1`); wide {
		s.t.Errorf("%s: the page scrolls sideways (%v px wide)", step, eval[float64](s, `document.documentElement.scrollWidth`))
	}
	if s.js {
		if v := eval[[]string](s, `window.__csp || []`); len(v) > 0 {
			s.t.Errorf("%s: blocked by the CSP: %v", step, v)
		}
	}
	axe(s, step)
}

var axeSource string

// axe runs axe-core on the page (installed by npm: npm install -g axe-core)
// and fails on any violation.
func axe(s *session, step string) {
	s.t.Helper()
	if axeSource == "" {
		path := os.Getenv("AFFICHES_AXE")
		if path == "" {
			if root, err := exec.Command("npm", "root", "-g").Output(); err == nil {
				path = filepath.Join(strings.TrimSpace(string(root)), "axe-core", "axe.min.js")
			}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			if os.Getenv("AFFICHES_STRICT") != "" {
				s.t.Fatalf("axe-core is needed (AFFICHES_STRICT is set): npm install -g axe-core: %v", err)
			}
			s.t.Logf("axe-core not installed (npm install -g axe-core): accessibility not checked")
			return
		}
		axeSource = string(data)
	}
	if !s.js {
		// axe needs timers: let scripts run while it works (the page's own
		// script was skipped when it loaded and stays so).
		chromedp.Call(s.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
		defer chromedp.Call(s.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	}
	if _, err := chromedp.Run(s.ctx, chromedp.Evaluate[bool](axeSource+";true")); err != nil {
		s.t.Fatalf("inject axe: %v", err)
	}
	res, err := chromedp.Run(s.ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
		return JSON.stringify(r.violations.map(function (v) { return {id: v.id, help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(" ") + " " + n.failureSummary; })}; }));
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		s.t.Fatalf("axe: %v", err)
	}
	var vs []struct {
		ID, Help string
		Nodes    []string
	}
	json.Unmarshal([]byte(res), &vs)
	for _, v := range vs {
		s.t.Errorf("%s: axe %s (%s): %s", step, v.ID, v.Help, strings.Join(v.Nodes, "; "))
	}
}

// download waits for a file with the extension to land, and returns its
// path; the downloads folder is emptied first by clear().
//
// The file counts as downloaded once it is not empty and its size held
// still between two looks: Chromium can show the file's name before its
// bytes (a CI run read an empty profile once).
func (s *session) download(ext string) string {
	s.t.Helper()
	last := map[string]int64{}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		entries, _ := os.ReadDir(s.downloads)
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ext) {
				continue
			}
			fi, err := e.Info()
			if err != nil || fi.Size() == 0 {
				continue
			}
			if prev, ok := last[e.Name()]; ok && prev == fi.Size() {
				return filepath.Join(s.downloads, e.Name())
			}
			last[e.Name()] = fi.Size()
		}
	}
	s.shot("failed-download")
	s.t.Fatalf("no %s downloaded", ext)
	return ""
}

func (s *session) clearDownloads() {
	os.RemoveAll(s.downloads)
	os.MkdirAll(s.downloads, 0o755)
}

// waitPreview waits until the preview shows a poster other than before.
func (s *session) waitPreview(before string) {
	s.t.Helper()
	s.do("wait for the preview", chromedp.Poll[chromedp.Void](`(function(){var i=document.getElementById('preview');return i&&!i.hidden&&i.complete&&i.naturalWidth>0&&i.src!==`+jsString(before)+`;})()`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second)))
}

func (s *session) previewSrc() string {
	return eval[string](s, `(document.getElementById('preview')||{}).src||""`)
}

func mode(js bool) string {
	if js {
		return "js"
	}
	return "nojs"
}

// TestBrowserPosterFlow walks the poster view in French and Dutch, with
// and without JavaScript: the preview, a colour without contrast, a
// language the profile lacks, three languages, then a good poster,
// downloaded and read back (text and QR code), and a switch of the page's
// language that keeps every value.
func TestBrowserPosterFlow(t *testing.T) {
	pdftotext := golden.Tool(t, "pdftotext")
	pdftoppm := golden.Tool(t, "pdftoppm")
	for _, ui := range []brand.Lang{brand.FR, brand.NL} {
		for _, js := range []bool{true, false} {
			t.Run(string(ui)+"-"+mode(js), func(t *testing.T) {
				s := browserTab(t, "poster-"+string(ui)+"-"+mode(js), js, 1280, 900)
				T := func(k string, args ...string) string { return catalog.T(ui, k, args...) }
				s.open("/?ui=" + string(ui))
				s.waitPreview("")
				s.ok("1-open")

				// A colour without contrast: the download answers with the
				// page, the value kept, the problem at the colour.
				s.fill("name.fr", "Service de test du navigateur")
				s.fill("colours.accent", "#CCCCCC")
				s.submit("#download-pdf")
				if got := s.problem("colours.accent"); !strings.Contains(got, strings.SplitN(T("web.fix.COLOUR-CONTRAST", "ratio", "X"), "X", 2)[0]) {
					t.Errorf("next to the colour: %q", got)
				}
				if got := s.value("name.fr"); got != "Service de test du navigateur" {
					t.Errorf("name.fr = %q after the failed download", got)
				}
				if !eval[bool](s, `!document.getElementById("stale").hidden && !document.getElementById("summary").hidden`) {
					t.Error("the stale preview or the summary is not shown")
				}
				s.ok("2-contrast")

				// A language the profile lacks is said at the poster's
				// languages, not at address.de.
				s.fill("colours.accent", "#0B4F8A")
				// (a profile without a German address: its field is hidden,
				// German not being among the profile's languages)
				s.do("no German address", clearInput("f-address.de"))
				s.fill("poster.lang", "fr, de")
				s.update()
				if got := s.problem("poster.lang"); !strings.Contains(got, T("web.lang.de")) {
					t.Errorf("next to the poster's languages: %q", got)
				}
				if got := s.problem("address.de"); got != "" {
					t.Errorf("blamed at address.de: %q", got)
				}
				s.ok("3-language")

				// Three languages: the charter's minimum text size.
				s.fill("languages", "fr, nl, en")
				s.fill("poster.lang", "fr, nl, en")
				s.update()
				if got := s.problem("poster.lang"); !strings.Contains(got, T("web.fix.TEXT-MIN-SIZE")) {
					t.Errorf("three languages: %q", got)
				}

				// One language: the poster downloads, with the name typed.
				before := s.previewSrc()
				s.fill("poster.lang", "fr")
				s.update()
				s.waitPreview(before)
				if got := s.problem("poster.lang"); got != "" {
					t.Errorf("still a problem: %q", got)
				}
				s.ok("4-fixed")
				s.clearDownloads()
				s.do("download", chromedp.Click("#download-pdf"))
				pdf := s.download(".pdf")
				txt, _ := exec.Command(pdftotext, pdf, "-").Output()
				if !strings.Contains(string(txt), "Service de test du navigateur") {
					t.Errorf("the PDF lacks the name typed:\n%s", txt)
				}
				readQR(t, pdftoppm, pdf, "https://www.example.org/fr/plainte")

				// The page's language changes; nothing typed is lost.
				other := map[brand.Lang]string{brand.FR: "nl", brand.NL: "de"}[ui]
				s.submit(`button[name="ui_to"][value="` + other + `"]`)
				if lang := eval[string](s, `document.documentElement.lang`); lang != other {
					t.Errorf("page in %q, want %q", lang, other)
				}
				for id, want := range map[string]string{"name.fr": "Service de test du navigateur", "languages": "fr, nl, en", "poster.lang": "fr", "address.de": ""} {
					if got := s.value(id); got != want {
						t.Errorf("after the switch %s = %q, want %q", id, got, want)
					}
				}
				s.ok("5-switched")
			})
		}
	}
}

// readQR reads the QR code printed on the first page of a PDF.
func readQR(t *testing.T, pdftoppm, pdf, want string) {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	if out, err := exec.Command(pdftoppm, "-r", "150", "-png", "-f", "1", "-l", "1", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(prefix + "-1.png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	bmp, _ := gozxing.NewBinaryBitmapFromImage(img)
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		t.Fatalf("no QR code read on the downloaded PDF: %v", err)
	}
	if got := res.GetText(); got != want {
		t.Errorf("QR code reads %q, want %q", got, want)
	}
}

// TestBrowserLivePreview: with JavaScript, the preview follows the fields,
// a problem shows next to its field and the preview is marked stale until
// it is corrected.
func TestBrowserLivePreview(t *testing.T) {
	s := browserTab(t, "live", true, 1280, 900)
	s.open("/?ui=de")
	s.waitPreview("")
	first := s.previewSrc()
	s.fill("name.nl", "Dienst van de browsertest")
	s.waitPreview(first)
	s.fill("complaint.email", "nobody")
	s.do("problem shows", chromedp.WaitVisible(byID("e-complaint.email")), chromedp.WaitVisible("#stale"))
	if got := s.problem("complaint.email"); got != catalog.T(brand.DE, "web.p.email") {
		t.Errorf("next to the e-mail: %q", got)
	}
	if !eval[bool](s, `document.getElementById("preview").classList.contains("stale")`) {
		t.Error("the stale preview is not marked")
	}
	s.ok("stale")
	before := s.previewSrc()
	s.fill("complaint.email", "klachten@dienst.be")
	s.do("problem goes", chromedp.WaitNotVisible(byID("e-complaint.email")), chromedp.WaitNotVisible("#stale"))
	s.waitPreview(before)
	s.ok("fresh")
}

// TestBrowserImportAndSave loads files as a person would: a file that is
// not a profile (the form stays, the reader's message shows), one with
// logo_pack and every channel filled, then saves the profile, which passes
// what affiches check checks and reads as the file loaded.
func TestBrowserImportAndSave(t *testing.T) {
	for _, js := range []bool{true, false} {
		t.Run(mode(js), func(t *testing.T) {
			s := browserTab(t, "import-"+mode(js), js, 1280, 900)
			dir := t.TempDir()
			bad := filepath.Join(dir, "broken.yaml")
			os.WriteFile(bad, []byte("name: [\n"), 0o644)
			s.open("/?ui=nl")
			s.fill("name.fr", "Getypt")
			s.do("choose a file", chromedp.SetUploadFiles(byID("f-profile_file"), []string{bad}))
			s.submit(`button[value="import"]`)
			if got := s.problem("profile_file"); !strings.Contains(got, "broken.yaml") || !strings.Contains(got, "not valid YAML: line") {
				t.Errorf("at the file: %q", got)
			}
			if got := s.value("name.fr"); got != "Getypt" {
				t.Errorf("name.fr = %q: the form changed", got)
			}
			s.ok("1-broken")

			own := `name: {fr: Office des tests, nl: Testdienst}
region: brussels
website: https://www.tests.be
address: {fr: "Rue des Tests 1, 1000 Bruxelles", nl: "Testenstraat 1, 1000 Brussel"}
colours: {accent: "#7A1F5C"}
complaint:
  form_url: {fr: https://www.tests.be/fr/plainte, nl: https://www.tests.be/nl/klacht}
  email: plaintes@tests.be
  phone: "+32 2 555 00 00"
suggestion:
  form_url: {fr: https://www.tests.be/fr/idees, nl: https://www.tests.be/nl/ideeen}
  email: idees@tests.be
coordinator: {name: Ann Peeters, email: ann.peeters@tests.be, phone: "+32 2 555 00 01"}
second_line: brussels-ombuds
logo_pack: ./official
`
			file := filepath.Join(dir, "tests.yaml")
			os.WriteFile(file, []byte(own), 0o644)
			s.do("choose a file", chromedp.SetUploadFiles(byID("f-profile_file"), []string{file}))
			s.submit(`button[value="import"]`)
			for id, want := range map[string]string{"name.fr": "Office des tests", "suggestion.email": "idees@tests.be", "suggestion.form_url.nl": "https://www.tests.be/nl/ideeen", "coordinator.name": "Ann Peeters", "colours.accent": "#7A1F5C", "second_line.id": "brussels-ombuds"} {
				if got := s.value(id); got != want {
					t.Errorf("%s = %q, want %q", id, got, want)
				}
			}
			if !eval[bool](s, `document.getElementById("summary").textContent.indexOf("logo_pack") >= 0`) {
				t.Error("logo_pack is not refused at the top")
			}
			if eval[bool](s, `!!document.getElementById("warnings")`) {
				t.Error("the body's own profile is called an example")
			}
			s.ok("2-loaded")

			s.clearDownloads()
			s.do("save", chromedp.Click("#save-profile"))
			saved, err := os.ReadFile(s.download(".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			o, err := brand.Parse(saved)
			if err != nil {
				t.Fatalf("the saved profile: %v\n%s", err, saved)
			}
			if r := check.Org(o, nil); len(r.Problems) > 0 {
				t.Errorf("affiches check: %v", r.Problems)
			}
			want, _ := brand.Parse([]byte(strings.Replace(own, "logo_pack: ./official\n", "", 1)))
			if fmt.Sprintf("%+v", o) != fmt.Sprintf("%+v", want) {
				t.Errorf("saved:\n%+v\nloaded:\n%+v\n%s", o, want, saved)
			}
		})
	}
}

// TestBrowserDraft: the browser keeps a draft; a visit restores it, and
// it can be discarded.
func TestBrowserDraft(t *testing.T) {
	s := browserTab(t, "draft", true, 1280, 900)
	s.open("/?ui=fr")
	s.waitPreview("")
	s.fill("name.fr", "Brouillon du navigateur")
	s.do("let the draft be kept", chromedp.Sleep(600*time.Millisecond))
	s.open("/?ui=fr")
	s.do("draft restored", chromedp.WaitVisible("#draft"))
	if got := s.value("name.fr"); got != "Brouillon du navigateur" {
		t.Errorf("name.fr = %q after a reload", got)
	}
	s.ok("restored")
	if _, err := chromedp.RunResponse(s.ctx, chromedp.Click("#draft-discard")); err != nil {
		t.Fatal(err)
	}
	if got := s.value("name.fr"); got != "Service public fédéral Exemple" {
		t.Errorf("name.fr = %q after discarding", got)
	}
}

// TestBrowserKeyboard walks the page with the Tab key only: the skip link
// first, every control reached with a visible focus, a select changed with
// the arrow keys, and the PDF downloaded with Enter. At phone width, no
// focused field hides under the preview.
func TestBrowserKeyboard(t *testing.T) {
	for _, size := range [][2]int64{{1280, 900}, {375, 667}} {
		t.Run(fmt.Sprintf("%d", size[0]), func(t *testing.T) {
			s := browserTab(t, fmt.Sprintf("keys-%d", size[0]), true, size[0], size[1])
			s.open("/?ui=nl")
			s.waitPreview("")
			type focus struct {
				ID, Tag, Text string
				Ring          bool
				Top, Bottom   float64
				Hidden        bool // under the sticky preview
			}
			var seen []focus
			reached := map[string]bool{}
			for i := 0; i < 200; i++ {
				s.do("tab", chromedp.KeyEvent(kb.Tab))
				f := eval[focus](s, `(function(){var e=document.activeElement,r=e.getBoundingClientRect(),cs=getComputedStyle(e),p=document.querySelector(".view-poster .preview"),pr=p?p.getBoundingClientRect():null;
					var sticky=p&&getComputedStyle(p).position==="sticky"&&pr.top<=1;
					return {ID:e.id||e.name||"",Tag:e.tagName,Text:(e.value&&e.tagName==="BUTTON"?e.value+":":"")+(e.textContent||"").trim().slice(0,40),
					Ring:cs.outlineStyle!=="none"&&cs.outlineWidth!=="0px"||cs.boxShadow!=="none",Top:r.top,Bottom:r.bottom,
					Hidden:!!(sticky&&e.closest(".profile")&&r.top<pr.bottom-1)};})()`)
				seen = append(seen, f)
				reached[f.ID] = true
				if f.Tag != "BODY" && !f.Ring {
					t.Errorf("no visible focus on %s %q", f.Tag, f.ID)
				}
				if f.Hidden {
					t.Errorf("%s is focused under the preview (top %.0f)", f.ID, f.Top)
				}
				if f.ID == "f-colours.accent" {
					break
				}
				if f.Tag == "SUMMARY" && !eval[bool](s, `document.activeElement.parentElement.open`) {
					s.do("open the group", chromedp.KeyEvent(kb.Enter)) // as a keyboard user opens it
				}
			}
			if seen[0].Text != catalog.T(brand.NL, "web.skip") {
				t.Errorf("first stop %+v, want the skip link", seen[0])
			}
			for _, id := range []string{"f-poster.lang", "f-poster.size", "download-pdf", "f-profile_file", "save-profile", "f-name.fr", "f-complaint.phone", "f-coordinator.name", "f-second_line.id", "f-colours.accent"} {
				if !reached[id] {
					t.Errorf("%s not reached with Tab", id)
				}
			}
			s.shot("walk-end")
			s.view("walk-end")
			// Back to the size, change it with the arrows, download with Enter.
			before := s.previewSrc()
			s.do("size", chromedp.Focus(byID("f-poster.size")), chromedp.KeyEvent(kb.ArrowDown))
			s.waitPreview(before)
			if got := s.value("poster.size"); got != "a3" {
				t.Errorf("size %q after ArrowDown", got)
			}
			s.clearDownloads()
			s.do("enter", chromedp.Focus("#download-pdf"), chromedp.KeyEvent(kb.Enter))
			if pdf := s.download(".pdf"); !strings.Contains(pdf, "a3") {
				t.Errorf("downloaded %s", pdf)
			}
		})
	}
}

// TestBrowserPhone: at 375 px, on every view, with and without JavaScript,
// nothing scrolls sideways; in the poster view the preview stays in sight
// above the field being typed in.
func TestBrowserPhone(t *testing.T) {
	for _, js := range []bool{true, false} {
		t.Run(mode(js), func(t *testing.T) {
			s := browserTab(t, "phone-"+mode(js), js, 375, 667)
			for _, v := range views {
				s.open(v.Path + "?ui=fr")
				s.ok(v.ID)
			}
			s.open("/?ui=fr")
			s.do("type deep in the form", chromedp.Focus(byID("f-complaint.phone")))
			before := s.previewSrc()
			s.fill("complaint.phone", "+32 2 999 99 99")
			if js {
				s.waitPreview(before)
			} else {
				// Enter posts the form (the page's first button is Update).
				resp, err := chromedp.RunResponse(s.ctx, chromedp.KeyEvent(kb.Enter))
				if err != nil || resp.Status != 200 || s.value("complaint.phone") != "+32 2 999 99 99" {
					t.Fatalf("Enter in a field: %v %v %q", resp, err, s.value("complaint.phone"))
				}
				s.do("focus again", chromedp.Focus(byID("f-complaint.phone")))
			}
			type box struct{ PTop, PBottom, ITop, IBottom, H float64 }
			b := eval[box](s, `(function(){var p=document.getElementById("preview").getBoundingClientRect(),i=document.getElementById("f-complaint.phone").getBoundingClientRect();return {PTop:p.top,PBottom:p.bottom,ITop:i.top,IBottom:i.bottom,H:window.innerHeight};})()`)
			if b.PTop < 0 || b.PBottom > b.H || b.PBottom-b.PTop < 80 {
				t.Errorf("the preview is not in sight while typing: %+v", b)
			}
			if b.ITop < b.PBottom || b.IBottom > b.H {
				t.Errorf("the field is hidden: %+v", b)
			}
			s.view("typing")
			s.ok("typing")
		})
	}
}

// TestBrowserViews: logos, signatures, letters and the kit, each reached
// from the view buttons, each download made, with JavaScript on a wide
// screen and without it on a phone.
func TestBrowserViews(t *testing.T) {
	for _, c := range []struct {
		ui    brand.Lang
		js    bool
		width int64
	}{{brand.DE, true, 1280}, {brand.FR, false, 375}} {
		name := fmt.Sprintf("%s-%s-%d", c.ui, mode(c.js), c.width)
		t.Run(name, func(t *testing.T) {
			s := browserTab(t, "views-"+name, c.js, c.width, 900)
			s.open("/?ui=" + string(c.ui))
			s.fill("name.fr", "Office des vues")

			// Logos: every image loads, the snippets carry versions and alt
			// texts in the logo's language.
			s.submit(`nav button[formaction="/logos"]`)
			s.choose("logo.lang", "nl")
			s.submit("#show-logos")
			if n := eval[int](s, `Array.from(document.querySelectorAll(".plate img")).filter(function(i){return i.complete&&i.naturalWidth>0}).length`); n != 6 {
				t.Errorf("%d logo images shown, want 6", n)
			}
			snippet := eval[string](s, `document.getElementById("snippet-0").value`)
			if !strings.Contains(snippet, "?v=") || !strings.Contains(snippet, "@2x.png?v=") || !strings.Contains(snippet, `alt="`+catalog.T(brand.NL, "logo.complaint.alt")+`"`) {
				t.Errorf("snippet: %s", snippet)
			}
			if s.value("name.fr") != "Office des vues" {
				t.Error("the name typed is lost between views")
			}
			s.ok("logos")
			s.clearDownloads()
			s.do("logos zip", chromedp.Click("#download-logos"))
			zipHas(t, s.download(".zip"), "logos/suggestion/nl/white/web-large@3x.png")

			// Signatures: paste two people, preview with this server's
			// images, download the ZIP with the instructions.
			s.submit(`nav button[formaction="/signatures"]`)
			s.do("people", clearInput("f-sig.people"), chromedp.SendKeys(byID("f-sig.people"), "name;title;department;email;phone\nAnn Peeters;Adviseur;Communicatie;ann@tests.be;02 555 00 01\nLuc Dubois;Conseiller;RH;luc@tests.be;\n"))
			s.submit("#preview-signatures")
			if n := eval[int](s, `document.querySelectorAll(".sig-card").length`); n != 2 {
				t.Fatalf("%d signatures shown, want 2", n)
			}
			if !eval[bool](s, `(function(){var i=document.querySelector(".sig img");return i.complete&&i.naturalWidth===280;})()`) {
				t.Error("the signature's logo does not load")
			}
			if fs := eval[string](s, `getComputedStyle(document.querySelector(".sig table")).fontSize`); fs != "14px" {
				t.Errorf("the signature's inline styles are blocked: font-size %s", fs)
			}
			s.ok("signatures")
			s.fill("sig.base_url", "https://www.tests.be/signatures")
			s.clearDownloads()
			s.do("signatures zip", chromedp.Click("#download-signatures"))
			zipHas(t, s.download(".zip"), "ann-peeters.html", catalog.T(brand.FR, "web.sig.instructions_file")+".html")

			// Letters: a blank letter and the register.
			s.submit(`nav button[formaction="/letters"]`)
			s.ok("letters")
			s.clearDownloads()
			s.do("letter", chromedp.Click(`button[value="letter:acknowledgement:pdf"]`))
			s.download(".pdf")
			s.clearDownloads()
			s.do("register", chromedp.Click("#download-register"))
			s.download(".xlsx")

			// The whole kit.
			s.submit(`nav button[formaction="/kit"]`)
			s.ok("kit")
			s.clearDownloads()
			s.do("kit", chromedp.Click("#download-kit"))
			zipHas(t, s.download(".zip"), "manifest.json", "signatures/ann-peeters.html")
		})
	}
}

func zipHas(t *testing.T, path string, names ...string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	have := map[string]bool{}
	for _, f := range zr.File {
		have[f.Name] = true
	}
	for _, n := range names {
		if !have[n] {
			t.Errorf("%s lacks %s", filepath.Base(path), n)
		}
	}
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// clearInput empties an input whose id holds dots (the form's field paths).
func clearInput(id string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Evaluate[bool]("(document.getElementById("+jsString(id)+").value = '', true)")(ctx, t)
		return chromedp.Void{}, err
	}
}
