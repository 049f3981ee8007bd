// Command chromium measures affiches against the peer a team would
// otherwise use: headless Chromium printing an equivalent HTML poster (the
// same texts, logo, QR code and font), cold from the command line and warm
// through chromedp, side by side in one run. It prints per-poster time,
// peak RSS (the whole process tree, sampled) and PDF bytes, the ratios,
// and affiches' batch throughput on all cores.
//
//	bash bench/vs-chromium.sh   (or: go build -o /tmp/affiches ./cmd/affiches && go run ./bench/chromium -affiches /tmp/affiches)
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"affiches/assets"
	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/logo"
	"affiches/internal/qr"
	"affiches/internal/render"
	"affiches/internal/render/layout"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var (
	chromiumPath = flag.String("chromium", "/usr/bin/chromium", "Chromium to compare with")
	affichesPath = flag.String("affiches", "", "the affiches binary (go build -o /tmp/affiches ./cmd/affiches)")
	coldRuns     = flag.Int("cold", 5, "cold command-line runs of each")
	warmRuns     = flag.Int("warm", 20, "warm runs of each")
)

func main() {
	flag.Parse()
	if *affichesPath == "" {
		fail(fmt.Errorf("-affiches is required: go build -o /tmp/affiches ./cmd/affiches"))
	}
	dir, err := os.MkdirTemp("", "affiches-bench-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	o := brand.Demo()
	langs := []brand.Lang{brand.FR, brand.NL}
	html := filepath.Join(dir, "poster.html")
	if err := writeHTML(dir, html, o, langs); err != nil {
		fail(err)
	}
	fmt.Printf("machine: %d CPUs; the same A4 fr+nl complaint poster (texts, logo, QR code, Atkinson Hyperlegible)\n\n", runtime.NumCPU())

	// Cold, from the command line.
	// Times come from runs without the memory sampler, which would compete
	// for the CPU; one more run of each samples the peak RSS.
	var cc, ac result
	for i := 0; i <= *coldRuns; i++ {
		sample := i == *coldRuns
		out := filepath.Join(dir, fmt.Sprintf("chromium-%d.pdf", i))
		cc.add(runTree(sample, *chromiumPath, append(chromeFlags(dir), "--print-to-pdf="+out, "--no-pdf-header-footer", "file://"+html)...), out, sample)
		out = filepath.Join(dir, fmt.Sprintf("affiches-%d.pdf", i))
		ac.add(runTree(sample, *affichesPath, "poster", "--lang", "fr,nl", "--size", "a4", "-o", out), out, sample)
	}

	// Warm: affiches rendering in process, and a running browser printing
	// through the DevTools protocol. affiches goes first, so that neither
	// shares the machine with the other's start or exit.
	aw := warmAffiches(o, langs)
	cw := warmChromium(dir, html)

	row := func(name string, r result) {
		fmt.Printf("%-34s %10s %10s %12s\n", name, fmtDur(r.median()), fmtMiB(r.rss), fmtKB(r.bytes))
	}
	fmt.Printf("%-34s %10s %10s %12s\n", "", "per poster", "peak RSS", "PDF bytes")
	row("Chromium, command line (cold)", cc)
	row("affiches, command line (cold)", ac)
	row("Chromium, warm (chromedp)", cw)
	row("affiches, warm (in process)", aw)
	fmt.Println()
	fmt.Printf("cold: affiches is %.0f× faster than Chromium's command line (target ≥ 25×), peak RSS %.0f%% of Chromium's (target ≤ 25%%)\n",
		float64(cc.median())/float64(ac.median()), 100*float64(ac.rss)/float64(cc.rss))
	fmt.Printf("warm: affiches is %.0f× faster than a warm Chromium (target ≥ 30×)\n", float64(cw.median())/float64(aw.median()))
	fmt.Printf("PDF: affiches %s, Chromium %s (%.0f%%; target ≤ 100%%)\n", fmtKB(ac.bytes), fmtKB(cc.bytes), 100*float64(ac.bytes)/float64(cc.bytes))

	sameContent(dir, filepath.Join(dir, fmt.Sprintf("affiches-%d.pdf", *coldRuns)), filepath.Join(dir, fmt.Sprintf("chromium-%d.pdf", *coldRuns)))

	// Throughput: posters per second on all cores, in process.
	n, d := throughput(o, langs, 400)
	fmt.Printf("batch: %d A4 posters in %s on %d cores = %.0f posters/s\n", n, fmtDur(d), runtime.NumCPU(), float64(n)/d.Seconds())
}

type result struct {
	times []time.Duration
	rss   uint64
	bytes int
}

func (r *result) add(m measure, pdf string, sampled bool) {
	if sampled {
		r.rss = max(r.rss, m.rss)
	} else {
		r.times = append(r.times, m.d)
	}
	if fi, err := os.Stat(pdf); err == nil {
		r.bytes = int(fi.Size())
	} else {
		fail(fmt.Errorf("%s was not written: %v", pdf, err))
	}
}

func (r result) median() time.Duration {
	t := append([]time.Duration(nil), r.times...)
	sort.Slice(t, func(i, j int) bool { return t[i] < t[j] })
	return t[len(t)/2]
}

type measure struct {
	d   time.Duration
	rss uint64
}

func chromeFlags(dir string) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "chrome-profile"), "--allow-file-access-from-files"}
}

// runTree runs a command and, when sample is set, samples the summed RSS
// of its process tree.
func runTree(sample bool, name string, args ...string) measure {
	cmd := exec.Command(name, args...)
	cmd.Stderr = io.Discard
	cmd.Stdout = io.Discard
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fail(err)
	}
	var peak atomic.Uint64
	done := make(chan struct{})
	if !sample {
		close(done)
		err := cmd.Wait()
		if err != nil {
			fail(fmt.Errorf("%s: %v", name, err))
		}
		return measure{time.Since(start), 0}
	}
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			if v := treeRSS(cmd.Process.Pid); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	err := cmd.Wait()
	d := time.Since(start)
	close(done)
	if err != nil {
		fail(fmt.Errorf("%s: %v", name, err))
	}
	return measure{d, peak.Load()}
}

// treeRSS sums VmRSS over pid and its descendants.
func treeRSS(root int) uint64 {
	entries, _ := os.ReadDir("/proc")
	parent := map[int]int{}
	rss := map[int]uint64{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		data, err := os.ReadFile("/proc/" + e.Name() + "/status")
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) < 2 {
				continue
			}
			switch f[0] {
			case "PPid:":
				parent[pid], _ = strconv.Atoi(f[1])
			case "VmRSS:":
				kb, _ := strconv.ParseUint(f[1], 10, 64)
				rss[pid] = kb << 10
			}
		}
	}
	var sum uint64
	for pid, v := range rss {
		for p := pid; p != 0; p = parent[p] {
			if p == root {
				sum += v
				break
			}
		}
	}
	return sum
}

func warmChromium(dir, html string) result {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(*chromiumPath), chromedp.NoSandbox,
		chromedp.UserDataDir(filepath.Join(dir, "chromedp-profile")), chromedp.Flag("disable-quic", true))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		fail(err)
	}
	var r result
	yes, zero := true, 0.0
	for i := 0; i <= *warmRuns; i++ {
		start := time.Now()
		var pdf []byte
		err := chromedp.Do(ctx,
			chromedp.Navigate("file://"+html),
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PrintBackground: &yes, PaperWidth: 8.27, PaperHeight: 11.69,
					MarginTop: &zero, MarginBottom: &zero, MarginLeft: &zero, MarginRight: &zero, PreferCSSPageSize: &yes})
				pdf = res.Data
				return err
			}))
		if err != nil {
			fail(err)
		}
		if i == 0 {
			continue // the first print warms the renderer
		}
		r.times = append(r.times, time.Since(start))
		r.bytes = len(pdf)
	}
	if b := chromedp.FromContext(ctx).Browser; b != nil {
		r.rss = treeRSS(b.Process().Pid)
	}
	return r
}

func warmAffiches(o *brand.Org, langs []brand.Lang) result {
	var r result
	opt := render.PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Langs: langs, Size: layout.A4}, Format: render.PDF}
	for i := 0; i <= *warmRuns*5; i++ {
		var buf bytes.Buffer
		start := time.Now()
		if _, err := render.Poster(&buf, o, opt); err != nil {
			fail(err)
		}
		if i > 0 {
			r.times = append(r.times, time.Since(start))
		}
		r.bytes = buf.Len()
	}
	r.rss = treeRSS(os.Getpid())
	return r
}

func throughput(o *brand.Org, langs []brand.Lang, n int) (int, time.Duration) {
	opt := render.PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Langs: langs, Size: layout.A4}, Format: render.PDF}
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(n) {
				if _, err := render.Poster(io.Discard, o, opt); err != nil {
					fail(err)
				}
			}
		}()
	}
	wg.Wait()
	return n, time.Since(start)
}

// writeHTML writes the HTML poster Chromium prints: the same catalog texts,
// the same logo (as SVG), the same QR code (as SVG) and the same font.
func writeHTML(dir, path string, o *brand.Org, langs []brand.Lang) error {
	for _, f := range []string{"AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf"} {
		data, err := assets.FS.ReadFile("fonts/" + f)
		if err != nil {
			return err
		}
		os.WriteFile(filepath.Join(dir, f), data, 0o644)
	}
	type col struct {
		Logo, QR                                     template.HTML
		Headline, About, Note, How, Next, Ack, Reply string
		Second, SecondBody, SecondContact            string
		Online, Caption                              string
		URL, Email, Phone, Hours, Coord, Address     string
		Name                                         string
	}
	var cols []col
	c := o.Complaint
	for _, l := range langs {
		var lg bytes.Buffer
		if _, err := render.Logo(&lg, render.LogoOptions{Channel: brand.Complaint, Lang: l, Version: logo.Colour, Format: render.SVG, WidthMM: 60}); err != nil {
			return err
		}
		code, err := qr.Encode(c.FormURL.In(l))
		if err != nil {
			return err
		}
		var q strings.Builder
		fmt.Fprintf(&q, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="30mm" height="30mm"><rect width="100%%" height="100%%" fill="#fff"/>`, code.Modules(), code.Modules())
		for _, r := range code.Runs() {
			fmt.Fprintf(&q, `<rect x="%d" y="%d" width="%d" height="1" fill="#1A1A1A"/>`, r.X+4, r.Y+4, r.N)
		}
		q.WriteString("</svg>")
		T := func(k string, args ...string) string { return catalog.T(l, k, args...) }
		cols = append(cols, col{
			Logo: template.HTML(lg.String()), QR: template.HTML(q.String()),
			Headline: T("poster.complaint.headline"), About: T("poster.complaint.about"), Note: T("poster.complaint.note"),
			How: T("poster.complaint.how"), Next: T("poster.complaint.next"),
			Ack:    T("poster.complaint.ack", "days", strconv.Itoa(c.AcknowledgementDays)),
			Reply:  T("poster.complaint.reply", "days", strconv.Itoa(c.ReplyDays)),
			Second: T("poster.complaint.second"), SecondBody: T("poster.complaint.second_body", "body", o.SecondLine.Name.In(l)),
			SecondContact: o.SecondLine.URL.In(l) + " · " + o.SecondLine.Phone.In(l),
			URL:           c.FormURL.In(l), Email: c.Email, Phone: c.Phone, Hours: c.Hours.In(l),
			Coord: T("contact.coordinator"), Address: o.Address.In(l), Name: o.Name.In(l),
			Online: T("contact.online"), Caption: T("qr.caption"),
		})
	}
	t := template.Must(template.New("p").Parse(htmlPoster))
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return t.Execute(f, cols)
}

const htmlPoster = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>poster</title><style>
@font-face { font-family: AH; src: url(AtkinsonHyperlegible-Regular.ttf); font-weight: 400; }
@font-face { font-family: AH; src: url(AtkinsonHyperlegible-Bold.ttf); font-weight: 700; }
@page { size: 210mm 297mm; margin: 0; }
body { margin: 0; font-family: AH; color: #1A1A1A; }
.page { width: 210mm; height: 297mm; position: relative; box-sizing: border-box; padding: 12mm 9mm 0; border-top: 3mm solid #0B4F8A; }
.cols { display: flex; gap: 7mm; }
.col { flex: 1; font-size: 14pt; line-height: 1.3; }
.col svg:first-child { width: 55mm; height: auto; }
h1 { color: #0B4F8A; font-size: 20pt; margin: 2mm 0; }
h2 { color: #0B4F8A; font-size: 16pt; margin: 3mm 0 1mm; }
.note { background: #E0E9F1; border-left: 4px solid #0B4F8A; padding: 3mm; font-weight: 700; }
.qr { display: flex; gap: 3mm; } .url { font-weight: 700; word-break: break-all; }
.label { font-weight: 700; font-size: 10pt; color: #555; } .caption { font-size: 10pt; color: #555; }
p { margin: 1mm 0; }
footer { position: absolute; bottom: 0; left: 0; right: 0; height: 12mm; background: #0B4F8A; color: #fff; display: flex; gap: 7mm; padding: 0 9mm; align-items: center; font-weight: 700; }
footer span { flex: 1; }
</style></head><body><div class="page"><div class="cols">
{{range .}}<div class="col">{{.Logo}}
<h1>{{.Headline}}</h1><p>{{.About}}</p><p class="note">{{.Note}}</p>
<h2>{{.How}}</h2><div class="qr">{{.QR}}<div><p class="label">{{.Online}}</p><p class="url">{{.URL}}</p><p class="caption">{{.Caption}}</p></div></div>
<p>{{.Email}}</p><p>{{.Phone}}<br>{{.Hours}}</p><p>{{.Coord}}<br>{{.Address}}</p>
<h2>{{.Next}}</h2><p>{{.Ack}}</p><p>{{.Reply}}</p>
<h2>{{.Second}}</h2><p>{{.SecondBody}}</p><p class="url">{{.SecondContact}}</p></div>
{{end}}</div><footer>{{range .}}<span>{{.Name}}</span>{{end}}</footer></div></body></html>`

// sameContent shows that the two posters carry the same thing: the QR codes
// each decodes to (pdftoppm, zbarimg) and the words each holds (pdftotext).
func sameContent(dir, affichesPDF, chromiumPDF string) {
	for _, tool := range []string{"pdftoppm", "zbarimg", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			fmt.Printf("content: not compared (%s is missing; apt install poppler-utils zbar-tools)\n", tool)
			return
		}
	}
	look := func(pdf string) (codes []string, words int) {
		png := filepath.Join(dir, filepath.Base(pdf)+"-page")
		if out, err := exec.Command("pdftoppm", "-r", "150", "-png", "-singlefile", pdf, png).CombinedOutput(); err != nil {
			fail(fmt.Errorf("pdftoppm %s: %v %s", pdf, err, out))
		}
		out, _ := exec.Command("zbarimg", "-q", "--raw", png+".png").Output()
		codes = strings.Fields(string(out))
		sort.Strings(codes)
		txt, err := exec.Command("pdftotext", pdf, "-").Output()
		if err != nil {
			fail(fmt.Errorf("pdftotext %s: %v", pdf, err))
		}
		return codes, len(strings.Fields(string(txt)))
	}
	ac, aw := look(affichesPDF)
	cc, cw := look(chromiumPDF)
	same := "the same"
	if strings.Join(ac, " ") != strings.Join(cc, " ") {
		same = "DIFFERENT"
	}
	fmt.Printf("content: QR codes %s (affiches %v, Chromium %v); words: affiches %d, Chromium %d\n", same, ac, cc, aw, cw)
}

func fmtDur(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.1f ms", float64(d)/1e6)
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func fmtMiB(b uint64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
func fmtKB(b int) string     { return fmt.Sprintf("%.1f KB", float64(b)/1000) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
