package server

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"affiches/internal/golden"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"image/png"
)

// TestBrowser drives the page in Debian's Chromium as a person would: open
// it, fill the form, wait for the preview to change, download the PDF, and
// read the QR code printed on it.
func TestBrowser(t *testing.T) {
	chromium := golden.Tool(t, "chromium")
	pdftoppm := golden.Tool(t, "pdftoppm")
	pdftotext := golden.Tool(t, "pdftotext")
	srv := httptest.NewServer(New(Options{}))
	defer srv.Close()

	dir := t.TempDir()
	downloads := filepath.Join(dir, "downloads")
	os.Mkdir(downloads, 0o755)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	// Open the page; the script renders the first preview.
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
			})
			return err
		}),
		chromedp.Navigate(srv.URL+"/?ui=fr"),
		chromedp.WaitVisible(chromedp.CSS(`#preview[data-state="ready"]`)),
	)
	if err != nil {
		t.Fatalf("open the page: %v", err)
	}
	first, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#preview`), "src"))
	if err != nil {
		t.Fatal(err)
	}
	// Fill the form: another name, one language. The preview follows.
	err = chromedp.Do(ctx,
		clearInput("f-name.fr"),
		chromedp.SendKeys(chromedp.CSS(`[id="f-name.fr"]`), "Service de test du navigateur"),
		clearInput("f-poster.lang"),
		chromedp.SendKeys(chromedp.CSS(`[id="f-poster.lang"]`), "fr"),
		chromedp.Poll[chromedp.Void](`(function(){var i=document.getElementById('preview');return i.dataset.state==='ready'&&i.src!==`+jsString(first.Value)+`;})()`, chromedp.WithPollingTimeout(20*time.Second)),
	)
	if err != nil {
		t.Fatalf("the preview did not update: %v", err)
	}
	// A problem shows next to its field, and goes when corrected; then
	// download the PDF.
	err = chromedp.Do(ctx,
		clearInput("f-complaint.email"),
		chromedp.SendKeys(chromedp.CSS(`[id="f-complaint.email"]`), "nobody"),
		chromedp.WaitVisible(chromedp.CSS(`[id="e-complaint.email"]`)),
		clearInput("f-complaint.email"),
		chromedp.SendKeys(chromedp.CSS(`[id="f-complaint.email"]`), "plaintes@example.org"),
		chromedp.WaitNotVisible(chromedp.CSS(`[id="e-complaint.email"]`)),
		chromedp.Click(chromedp.CSS(`#download-pdf`)),
	)
	if err != nil {
		t.Fatalf("fill and download: %v", err)
	}
	var pdf string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && pdf == ""; time.Sleep(100 * time.Millisecond) {
		entries, _ := os.ReadDir(downloads)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".pdf") {
				pdf = filepath.Join(downloads, e.Name())
			}
		}
	}
	if pdf == "" {
		t.Fatal("no PDF downloaded")
	}
	txt, _ := exec.Command(pdftotext, pdf, "-").Output()
	if !strings.Contains(string(txt), "Service de test du navigateur") {
		t.Errorf("the PDF lacks the name typed in the form:\n%s", txt)
	}
	prefix := filepath.Join(dir, "page")
	if out, err := exec.Command(pdftoppm, "-r", "150", "-png", pdf, prefix).CombinedOutput(); err != nil {
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
	if got := res.GetText(); got != "https://www.example.org/fr/plainte" {
		t.Errorf("QR code reads %q", got)
	}
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// clearInput empties an input whose id holds dots (the form's field paths).
func clearInput(id string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Evaluate[bool]("(document.getElementById("+jsString(id)+").value = '', true)")(ctx, t)
		return chromedp.Void{}, err
	}
}
