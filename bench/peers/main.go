// Command peers measures affiches side by side with the tools a team could
// use instead to make the same A4 fr+nl complaint poster: Typst 0.14 (in
// Node, typst.ts) and WeasyPrint for the PDF, MuPDF (mutool) and Poppler
// (pdftoppm) for the 150 dpi PNG preview. It writes the same page for each
// (the catalog's texts, affiches' own logo SVGs and QR codes, its icons and
// its fonts), shows that the PDFs carry the same thing (QR codes decoded,
// words counted, fonts listed), then times them in one run and prints a
// Markdown table for README.md.
//
//	bash bench/peers.sh   (it installs the peers, builds affiches, then runs go run ./bench/peers -affiches BIN)
package main

import (
	"bytes"
	"embed"
	"encoding/json"
	"flag"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"affiches/assets"
	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/qr"
	"affiches/internal/render"
	"affiches/internal/render/layout"
	"affiches/internal/render/pdf"
	"affiches/internal/text"
)

//go:embed poster.html poster.typ
var sources embed.FS

var (
	affiches = flag.String("affiches", "", "the affiches binary (go build -o /tmp/affiches ./cmd/affiches)")
	typstDir = flag.String("typst", "bench/peers/typst", "folder of typst.cjs and its node_modules")
	runs     = flag.Int("runs", 30, "cold command-line runs of each (affiches, Typst, WeasyPrint)")
	pngRuns  = flag.Int("png", 20, "PNG preview command runs of each (affiches, mutool, pdftoppm)")
	warm     = flag.Int("warm", 30, "warm Typst compiles of each kind in one Node process")
	count    = flag.Int("count", 5, "go test -count for the in-process benchmarks")
	keep     = flag.String("keep", "", "also copy the pages and PDFs to this folder")
)

func main() {
	flag.Parse()
	if *affiches == "" {
		fail("-affiches is required (bash bench/peers.sh builds it)")
	}
	for _, tool := range []string{"node", "weasyprint", "mutool", "pdftoppm", "pdftotext", "pdffonts", "pdfinfo", "zbarimg"} {
		if _, err := exec.LookPath(tool); err != nil {
			fail(tool + " is missing: run bash bench/peers.sh, which installs it")
		}
	}
	if _, err := os.Stat(filepath.Join(*typstDir, "node_modules", "@myriaddreamin", "typst-ts-node-compiler")); err != nil {
		fail("Typst for Node is missing in " + *typstDir + ": run bash bench/peers.sh (npm ci there)")
	}
	dir, err := os.MkdirTemp("", "affiches-peers-")
	check(err)
	defer os.RemoveAll(dir)
	loadStart := loadavg()
	fmt.Printf("machine: %d CPUs, load average %s\n", runtime.NumCPU(), loadStart)
	fmt.Printf("peers: %s, %s, %s, %s\n\n", typstVersion(), firstLine("weasyprint", "--version"), mutoolVersion(), pdftoppmVersion())

	writePage(dir)
	aPDF, wPDF, tPDF := filepath.Join(dir, "affiches.pdf"), filepath.Join(dir, "weasyprint.pdf"), filepath.Join(dir, "typst.pdf")
	cmdAffPDF := []string{*affiches, "poster", "--lang", "fr,nl", "--size", "a4", "--force", "-o", aPDF}
	cmdHelp := []string{*affiches, "--help"}
	cmdHello := []string{helloWorld(dir)}
	cmdTypst := []string{"node", filepath.Join(*typstDir, "typst.cjs"), "once", dir, tPDF}
	cmdWeasy := []string{"weasyprint", "--pdf-variant", "pdf/ua-1", filepath.Join(dir, "poster.html"), wPDF}
	for _, c := range [][]string{cmdAffPDF, cmdTypst, cmdWeasy} {
		run(c)
	}
	if *keep != "" {
		check(os.MkdirAll(*keep, 0o755))
		check(exec.Command("cp", "-r", dir+"/.", *keep).Run())
	}
	same(dir, map[string]string{"affiches": aPDF, "WeasyPrint": wPDF, "Typst": tPDF})

	// In process, warm. The Go benchmarks first, then Typst in one Node
	// process; neither shares the machine with the other.
	fmt.Println("\nin process, warm:")
	bench := goBench(dir)
	aLoopPDF := affichesWarm(render.PDF, 5**warm, false)
	aForgetPDF := affichesWarm(render.PDF, 5**warm, true)
	aLoopPNG := affichesWarm(render.PNG, max(5, *warm/3), false)
	tw := typstWarm(dir)
	aPDFw, aPNGw := bench["PosterA4PDF"], bench["PosterA4PNG150"]
	fmt.Printf("  affiches BenchmarkPosterA4PDF     %s per page (%d runs of go test -bench)\n", msStats(aPDFw), len(aPDFw))
	fmt.Printf("  affiches, a loop like Typst's     %s per page, CPU %s, CPU mean %s (%d pages)\n", msStats(aLoopPDF.Wall), msStats(aLoopPDF.CPU), ms(mean(aLoopPDF.CPU)), len(aLoopPDF.CPU))
	fmt.Printf("  affiches, line breaks and font subsets forgotten each page  %s per page, CPU %s (%d pages)\n", msStats(aForgetPDF.Wall), msStats(aForgetPDF.CPU), len(aForgetPDF.CPU))
	fmt.Printf("  Typst, same source (memoized)     %s per page, CPU %s, CPU mean %s (%d pages)\n", msStats(tw.Memo.Wall), msStats(tw.Memo.CPU), ms(mean(tw.Memo.CPU)), len(tw.Memo.CPU))
	fmt.Printf("  Typst, cache evicted each page    %s per page, CPU %s, CPU mean %s (%d pages)\n", msStats(tw.Evict.Wall), msStats(tw.Evict.CPU), ms(mean(tw.Evict.CPU)), len(tw.Evict.CPU))
	fmt.Printf("  affiches BenchmarkPosterA4PNG150  %s per page (%d runs of go test -bench)\n", msStats(aPNGw), len(aPNGw))
	fmt.Printf("  affiches PNG 150 dpi, a loop      %s per page, CPU %s (%d pages)\n", msStats(aLoopPNG.Wall), msStats(aLoopPNG.CPU), len(aLoopPNG.CPU))

	// Whole commands, cold, interleaved so that a burst of load from
	// elsewhere falls on all of them alike.
	fmt.Printf("\ncold commands (%d runs each, interleaved):\n", *runs)
	cold := map[string]*timing{}
	names := []string{"affiches poster", "affiches --help", "Go hello world", "Typst (node)", "WeasyPrint"}
	cmds := [][]string{cmdAffPDF, cmdHelp, cmdHello, cmdTypst, cmdWeasy}
	for i := 0; i < *runs; i++ {
		for j, c := range cmds {
			add(cold, names[j], run(c))
		}
	}
	for _, n := range names {
		fmt.Printf("  %-18s wall %s, CPU %s\n", n, msStats(cold[n].wall), msStats(cold[n].cpu))
	}

	// The 150 dpi preview: affiches from its profile, mutool and pdftoppm
	// from affiches' own PDF.
	fmt.Printf("\nPNG preview at 150 dpi, whole commands (%d runs each, interleaved):\n", *pngRuns)
	aPNG, mPNG, pPNG := filepath.Join(dir, "affiches.png"), filepath.Join(dir, "mutool.png"), filepath.Join(dir, "pdftoppm")
	png := map[string]*timing{}
	pnames := []string{"affiches poster --format png", "mutool draw -r 150", "pdftoppm -r 150 -png"}
	pcmds := [][]string{
		{*affiches, "poster", "--lang", "fr,nl", "--size", "a4", "--format", "png", "--dpi", "150", "--force", "-o", aPNG},
		{"mutool", "draw", "-q", "-r", "150", "-o", mPNG, aPDF},
		{"pdftoppm", "-r", "150", "-png", "-singlefile", aPDF, pPNG},
	}
	for i := 0; i < *pngRuns; i++ {
		for j, c := range pcmds {
			add(png, pnames[j], run(c))
		}
	}
	for j, n := range pnames {
		out := []string{aPNG, mPNG, pPNG + ".png"}[j]
		fmt.Printf("  %-29s CPU %s, wall %s, %s\n", n, msStats(png[n].cpu), msStats(png[n].wall), pngInfo(out))
	}
	loadEnd := loadavg()

	// The table.
	size := func(p string) float64 {
		fi, err := os.Stat(p)
		check(err)
		return float64(fi.Size())
	}
	aB, wB, tB := size(aPDF), size(wPDF), size(tPDF)
	ac, tc, wc, hc, gc := cold["affiches poster"], cold["Typst (node)"], cold["WeasyPrint"], cold["affiches --help"], cold["Go hello world"]
	ap, mp, pp := png[pnames[0]], png[pnames[1]], png[pnames[2]]
	fmt.Printf("\n| what | affiches | peer | ratio | target |\n|---|---|---|---|---|\n")
	row := func(what, a, peer, ratio, target string) {
		fmt.Printf("| %s | %s | %s | %s | %s |\n", what, a, peer, ratio, target)
	}
	row("A4 poster PDF, warm in process, per page: wall (CPU)", ms(median(aPDFw))+" (min "+ms(minimum(aPDFw))+"), CPU "+ms(median(aLoopPDF.CPU)),
		"Typst 0.14 in Node, same source again: "+ms(median(tw.Memo.Wall))+" (min "+ms(minimum(tw.Memo.Wall))+"), CPU "+ms(median(tw.Memo.CPU)),
		ratio(median(aPDFw), median(tw.Memo.Wall))+" ("+ratio(median(aLoopPDF.CPU), median(tw.Memo.CPU))+")", "(stricter than the issue's)")
	// The issue measured Typst's warm compile at 9.4–10.5 ms: what Typst
	// takes with its cache emptied, not recompiling an unchanged source
	// from its cache (2.5–3.4 ms). The target stands on that row.
	row("… Typst with its cache emptied before each page (the issue's Typst warm compile)", ms(median(aPDFw))+", CPU "+ms(median(aLoopPDF.CPU)),
		"Typst: "+ms(median(tw.Evict.Wall))+" (min "+ms(minimum(tw.Evict.Wall))+"), CPU "+ms(median(tw.Evict.CPU)),
		ratio(median(aPDFw), median(tw.Evict.Wall))+" ("+ratio(median(aLoopPDF.CPU), median(tw.Evict.CPU))+")", "≤ 0.20")
	row("… both with what they remember emptied before each page (affiches: line breaks, font subsets)",
		ms(median(aForgetPDF.Wall))+", CPU "+ms(median(aForgetPDF.CPU)),
		"Typst: "+ms(median(tw.Evict.Wall))+", CPU "+ms(median(tw.Evict.CPU)),
		ratio(median(aForgetPDF.Wall), median(tw.Evict.Wall))+" ("+ratio(median(aForgetPDF.CPU), median(tw.Evict.CPU))+")", "")
	row("PDF bytes, tagged PDF/UA-1", kb(aB), "WeasyPrint --pdf-variant pdf/ua-1: "+kb(wB), fmt.Sprintf("%.2f", aB/wB), "≤ 1.0")
	row("… against Typst (pdfStandard ua-1, tagged)", kb(aB), "Typst: "+kb(tB), fmt.Sprintf("%.2f", aB/tB), "")
	row("PNG at 150 dpi, whole command, CPU", ms(median(ap.cpu))+" (min "+ms(minimum(ap.cpu))+")",
		"mutool draw of affiches' PDF: "+ms(median(mp.cpu))+" (min "+ms(minimum(mp.cpu))+")", ratio(median(ap.cpu), median(mp.cpu)), "≤ 1.0")
	row("… against pdftoppm", ms(median(ap.cpu)), "pdftoppm -png: "+ms(median(pp.cpu))+" (min "+ms(minimum(pp.cpu))+")", ratio(median(ap.cpu), median(pp.cpu)), "")
	row("PNG at 150 dpi, in process (BenchmarkPosterA4PNG150; CPU) vs mutool's command (CPU)", ms(median(aPNGw))+" (min "+ms(minimum(aPNGw))+"), CPU "+ms(median(aLoopPNG.CPU)),
		"mutool draw: "+ms(median(mp.cpu)), ratio(median(aPNGw), median(mp.cpu))+" ("+ratio(median(aLoopPNG.CPU), median(mp.cpu))+")", "≤ 1.0")
	row("`affiches poster` PDF, cold command, wall / CPU", ms(median(ac.wall))+" / "+ms(median(ac.cpu)),
		"a Go program that prints one line (this machine's floor): "+ms(median(gc.wall))+" / "+ms(median(gc.cpu)), "", "≤ 10 ms")
	row("… against Typst", ms(median(ac.wall))+" / "+ms(median(ac.cpu)),
		"Typst, new Node process: "+ms(median(tc.wall))+" / "+ms(median(tc.cpu)), ratio(median(ac.wall), median(tc.wall))+" / "+ratio(median(ac.cpu), median(tc.cpu)), "")
	row("… against WeasyPrint, wall / CPU", ms(median(ac.wall))+" / "+ms(median(ac.cpu)),
		"WeasyPrint: "+ms(median(wc.wall))+" / "+ms(median(wc.cpu)), ratio(median(ac.wall), median(wc.wall))+" / "+ratio(median(ac.cpu), median(wc.cpu)), "")
	row("`affiches --help`, the floor of a command, wall / CPU", ms(median(hc.wall))+" / "+ms(median(hc.cpu)), "", "", "")
	fmt.Printf("\nmedians (min where shown) of %d Go benchmark runs, %d warm Typst pages, %d cold and %d PNG command runs; load average %s at the start, %s at the end.\n",
		*count, *warm, *runs, *pngRuns, loadStart, loadEnd)
}

// writePage writes, in dir, everything the peers read: the fonts, affiches'
// logos (affiches logo --format svg), QR codes of the same URLs by affiches'
// encoder, its icons, the texts (poster.json for Typst) and the HTML page.
func writePage(dir string) {
	for _, sub := range []string{"fonts", "icons"} {
		check(os.MkdirAll(filepath.Join(dir, sub), 0o755))
	}
	for _, f := range []string{"AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf"} {
		data, err := assets.FS.ReadFile("fonts/" + f)
		check(err)
		check(os.WriteFile(filepath.Join(dir, "fonts", f), data, 0o644))
	}
	o := brand.Demo()
	for _, f := range []string{"email.svg", "phone.svg", "post.svg"} {
		data, err := assets.FS.ReadFile("icons/" + f)
		check(err)
		// The poster draws its icons in the body's accent colour.
		data = bytes.ReplaceAll(data, []byte("<path "), []byte(fmt.Sprintf(`<path fill="#%02X%02X%02X" `, o.Accent.R, o.Accent.G, o.Accent.B)))
		check(os.WriteFile(filepath.Join(dir, "icons", f), data, 0o644))
	}
	type col struct {
		Lang, Logo, LogoAlt, QR, QRAlt                 string
		Headline, About, Note, How, Next, Ack, Reply   string
		Second, SecondBody, SecondContact, Online      string
		Caption, URL, Email, Phone, Hours, Coord, Name string
		Address                                        string
	}
	var cols []col
	var names []string
	c := o.Complaint
	langs := []brand.Lang{brand.FR, brand.NL}
	for _, l := range langs {
		logoFile := "logo-" + string(l) + ".svg"
		run([]string{*affiches, "logo", "--channel", "complaint", "--lang", string(l), "--format", "svg", "--width-mm", "55", "--force", "-o", filepath.Join(dir, logoFile)})
		url := c.FormURL.In(l)
		code, err := qr.Encode(url)
		check(err)
		var q strings.Builder
		fmt.Fprintf(&q, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="30mm" height="30mm" shape-rendering="crispEdges"><rect width="100%%" height="100%%" fill="#fff"/><path fill="#1A1A1A" d="`, code.Modules(), code.Modules())
		for _, r := range code.Runs() {
			fmt.Fprintf(&q, "M%d %dh%dv1h-%dz", r.X+qr.QuietZone, r.Y+qr.QuietZone, r.N, r.N)
		}
		q.WriteString(`"/></svg>`)
		qrFile := "qr-" + string(l) + ".svg"
		check(os.WriteFile(filepath.Join(dir, qrFile), []byte(q.String()), 0o644))
		T := func(k string, args ...string) string { return catalog.T(l, k, args...) }
		names = append(names, o.Name.In(l))
		cols = append(cols, col{
			Lang: string(l), Logo: logoFile, LogoAlt: T("logo.complaint.alt"), QR: qrFile, QRAlt: T("qr.alt", "url", url),
			Headline: T("poster.complaint.headline"), About: T("poster.complaint.about"), Note: T("poster.complaint.note"),
			How: T("poster.complaint.how"), Next: T("poster.complaint.next"),
			Ack:    T("poster.complaint.ack", "days", strconv.Itoa(c.AcknowledgementDays)),
			Reply:  T("poster.complaint.reply", "days", strconv.Itoa(c.ReplyDays)),
			Second: T("poster.complaint.second"), SecondBody: T("poster.complaint.second_body", "body", o.SecondLine.Name.In(l)),
			SecondContact: o.SecondLine.URL.In(l) + " · " + o.SecondLine.Phone.In(l),
			URL:           url, Email: c.Email, Phone: c.Phone, Hours: c.Hours.In(l),
			Coord: T("contact.coordinator"), Address: o.Address.In(l), Name: o.Name.In(l),
			Online: T("contact.online"), Caption: T("qr.caption"),
		})
	}
	page := struct {
		Lang, Title, Author string
		Cols                []col
	}{string(langs[0]), catalog.T(langs[0], "poster.complaint.headline"), strings.Join(names, " / "), cols}

	// Typst reads the texts as JSON, with snake_case keys.
	js := map[string]any{"lang": page.Lang, "title": page.Title, "author": page.Author}
	var jcols []map[string]string
	for _, c := range cols {
		jcols = append(jcols, map[string]string{
			"lang": c.Lang, "logo": c.Logo, "logo_alt": c.LogoAlt, "qr": c.QR, "qr_alt": c.QRAlt,
			"headline": c.Headline, "about": c.About, "note": c.Note, "how": c.How, "next": c.Next,
			"ack": c.Ack, "reply": c.Reply, "second": c.Second, "second_body": c.SecondBody,
			"second_contact": c.SecondContact, "online": c.Online, "caption": c.Caption, "url": c.URL,
			"email": c.Email, "phone": c.Phone, "hours": c.Hours, "coord": c.Coord, "address": c.Address, "name": c.Name,
		})
	}
	js["cols"] = jcols
	data, err := json.MarshalIndent(js, "", "  ")
	check(err)
	check(os.WriteFile(filepath.Join(dir, "poster.json"), data, 0o644))
	typ, err := sources.ReadFile("poster.typ")
	check(err)
	check(os.WriteFile(filepath.Join(dir, "poster.typ"), typ, 0o644))

	t := template.Must(template.ParseFS(sources, "poster.html"))
	f, err := os.Create(filepath.Join(dir, "poster.html"))
	check(err)
	check(t.Execute(f, page))
	check(f.Close())
}

// same shows that the PDFs carry the same thing, and stops the run if not:
// one page each, the same QR codes (pdftoppm, zbarimg), word counts within
// 10 % (pdftotext), only the project's fonts embedded (pdffonts), tagged.
func same(dir string, pdfs map[string]string) {
	fmt.Println("the same page:")
	var ref string
	var refWords int
	bad := false
	for _, name := range []string{"affiches", "WeasyPrint", "Typst"} {
		pdf := pdfs[name]
		png := filepath.Join(dir, name+"-check")
		out, err := exec.Command("pdftoppm", "-r", "150", "-png", "-singlefile", pdf, png).CombinedOutput()
		if err != nil {
			fail(fmt.Sprintf("pdftoppm %s: %v %s", pdf, err, out))
		}
		zb, _ := exec.Command("zbarimg", "-q", "--raw", png+".png").Output()
		codes := strings.Fields(string(zb))
		sort.Strings(codes)
		txt, err := exec.Command("pdftotext", pdf, "-").Output()
		check(err)
		words := len(strings.Fields(string(txt)))
		info, err := exec.Command("pdfinfo", pdf).Output()
		check(err)
		pages := field(string(info), "Pages")
		tagged := field(string(info), "Tagged")
		fo, err := exec.Command("pdffonts", pdf).Output()
		check(err)
		var fonts []string
		for _, l := range strings.Split(string(fo), "\n")[2:] {
			if f := strings.Fields(l); len(f) > 0 {
				name := f[0]
				if i := strings.IndexByte(name, '+'); i >= 0 {
					name = name[i+1:]
				}
				fonts = append(fonts, name)
			}
		}
		raw, err := os.ReadFile(pdf)
		check(err)
		ua := "no pdfuaid in XMP"
		if m := regexp.MustCompile(`pdfuaid:part(?:>|=")\s*(\d)`).FindSubmatch(raw); m != nil {
			ua = "PDF/UA-" + string(m[1]) + " in XMP"
		}
		fmt.Printf("  %-10s %s page, QR codes %v, %d words, tagged %s, %s, fonts %v\n", name, pages, codes, words, tagged, ua, fonts)
		if pages != "1" {
			fmt.Printf("  ✗ %s has %s pages, not 1\n", name, pages)
			bad = true
		}
		for _, f := range fonts {
			if !strings.HasPrefix(f, "AtkinsonHyperlegible") {
				fmt.Printf("  ✗ %s embeds %s, not only the project's fonts\n", name, f)
				bad = true
			}
		}
		if name == "affiches" {
			ref, refWords = strings.Join(codes, " "), words
			if len(codes) != 2 {
				fmt.Printf("  ✗ affiches' poster should hold 2 QR codes\n")
				bad = true
			}
			continue
		}
		if strings.Join(codes, " ") != ref {
			fmt.Printf("  ✗ %s's QR codes differ from affiches'\n", name)
			bad = true
		}
		if math.Abs(float64(words-refWords)) > 0.1*float64(refWords) {
			fmt.Printf("  ✗ %s has %d words, affiches %d: more than 10 %% apart\n", name, words, refWords)
			bad = true
		}
	}
	if bad {
		fail("the pages are not equivalent (see ✗ above)")
	}
}

func field(info, key string) string {
	for _, l := range strings.Split(info, "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && k == key {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

// goBench runs affiches' own benchmarks of the poster (PDF and PNG at
// 150 dpi) from a compiled test binary, and returns ns/op per run by name.
func goBench(dir string) map[string][]float64 {
	bin := filepath.Join(dir, "render.test")
	if out, err := exec.Command("go", "test", "-c", "-o", bin, "./internal/render/").CombinedOutput(); err != nil {
		fail(fmt.Sprintf("go test -c ./internal/render/: %v\n%s", err, out))
	}
	cmd := exec.Command(bin, "-test.run", "^$", "-test.bench", "^BenchmarkPosterA4(PDF|PNG150)$", "-test.count", strconv.Itoa(*count))
	cmd.Dir = "internal/render"
	out, err := cmd.CombinedOutput()
	if err != nil {
		fail(fmt.Sprintf("go test -bench: %v\n%s", err, out))
	}
	res := map[string][]float64{}
	re := regexp.MustCompile(`(?m)^Benchmark(\w+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		res[m[1]] = append(res[m[1]], v/1e6)
	}
	if len(res["PosterA4PDF"]) == 0 || len(res["PosterA4PNG150"]) == 0 {
		fail("go test -bench printed no poster benchmark:\n" + string(out))
	}
	return res
}

type series struct {
	Wall []float64 `json:"wall_ms"`
	CPU  []float64 `json:"cpu_ms"`
}

type typstRun struct {
	Memo, Evict series
	Bytes       int
}

func typstWarm(dir string) typstRun {
	out, err := exec.Command("node", filepath.Join(*typstDir, "typst.cjs"), "warm", dir, strconv.Itoa(*warm)).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			fail(fmt.Sprintf("Typst warm: %v\n%s", err, ee.Stderr))
		}
		fail(fmt.Sprintf("Typst warm: %v", err))
	}
	var r typstRun
	check(json.Unmarshal(out, &r))
	return r
}

// affichesWarm renders the poster n times in this process after a warm-up,
// timing each page as typst.cjs does: wall, and CPU of the whole process
// (the collector's threads included) from getrusage. With forget, the line
// breaks and font subsets it remembers are emptied before each page, as
// typst.cjs empties Typst's cache (QR codes and logo forms stay, as
// Typst's fonts do).
func affichesWarm(f render.Format, n int, forget bool) series {
	o := brand.Demo()
	opt := render.PosterOptions{PosterOptions: layout.PosterOptions{Channel: brand.Complaint, Langs: []brand.Lang{brand.FR, brand.NL}, Size: layout.A4}, Format: f, DPI: 150}
	var s series
	for i := -3; i < n; i++ {
		if forget {
			text.Forget()
			pdf.ForgetSubsets()
		}
		c0, t0 := cpuNow(), time.Now()
		if _, err := render.Poster(io.Discard, o, opt); err != nil {
			fail(err.Error())
		}
		if i >= 0 {
			s.Wall = append(s.Wall, float64(time.Since(t0))/1e6)
			s.CPU = append(s.CPU, float64(cpuNow()-c0)/1e6)
		}
	}
	return s
}

func cpuNow() time.Duration {
	var ru syscall.Rusage
	check(syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type timing struct {
	wall, cpu []float64 // ms
}

type measure struct {
	wall, cpu float64
}

func add(m map[string]*timing, name string, r measure) {
	t := m[name]
	if t == nil {
		t = &timing{}
		m[name] = t
	}
	t.wall = append(t.wall, r.wall)
	t.cpu = append(t.cpu, r.cpu)
}

// run runs a command and returns its wall time and its CPU time (user +
// system, its waited-for children included, as wait4 reports them). Not its
// peak RSS: wait4's counts the forking parent's too.
func run(args []string) measure {
	cmd := exec.Command(args[0], args[1:]...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fail(fmt.Sprintf("%s: %v\n%s", strings.Join(args, " "), err, stderr.String()))
	}
	wall := time.Since(start)
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return measure{float64(wall) / 1e6, float64(cpu) / 1e6}
}

func pngInfo(path string) string {
	data, err := os.ReadFile(path)
	check(err)
	if len(data) < 24 {
		fail(path + " is not a PNG")
	}
	w := int(data[16])<<24 | int(data[17])<<16 | int(data[18])<<8 | int(data[19])
	h := int(data[20])<<24 | int(data[21])<<16 | int(data[22])<<8 | int(data[23])
	return fmt.Sprintf("%d×%d px, %s", w, h, kb(float64(len(data))))
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

func mean(v []float64) float64 {
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t / float64(len(v))
}

func minimum(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}

func ms(v float64) string {
	switch {
	case v >= 1000:
		return fmt.Sprintf("%.2f s", v/1000)
	case v >= 100:
		return fmt.Sprintf("%.0f ms", v)
	case v >= 10:
		return fmt.Sprintf("%.1f ms", v)
	}
	return fmt.Sprintf("%.2f ms", v)
}

func msStats(v []float64) string {
	return fmt.Sprintf("median %s (min %s)", ms(median(v)), ms(minimum(v)))
}

func ratio(a, b float64) string { return fmt.Sprintf("%.2f", a/b) }

func kb(b float64) string { return fmt.Sprintf("%.1f KB", b/1000) }

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	return strings.Join(f[:3], " ")
}

func firstLine(name string, args ...string) string {
	out, _ := exec.Command(name, args...).CombinedOutput()
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

func typstVersion() string {
	data, err := os.ReadFile(filepath.Join(*typstDir, "node_modules", "@myriaddreamin", "typst-ts-node-compiler", "package.json"))
	check(err)
	var p struct{ Version string }
	check(json.Unmarshal(data, &p))
	v := firstLine("node", filepath.Join(*typstDir, "typst.cjs"), "version")
	if !strings.HasPrefix(v, "0.14.") {
		fail("Typst in " + *typstDir + " is " + v + ", not 0.14")
	}
	return "Typst " + v + " (typst-ts-node-compiler " + p.Version + ")"
}

func mutoolVersion() string {
	return strings.Replace(firstLine("mutool", "-v"), " version ", " ", 1)
}

func pdftoppmVersion() string {
	return firstLine("pdftoppm", "-v")
}

func check(err error) {
	if err != nil {
		fail(err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "bench/peers: "+msg)
	os.Exit(1)
}

// helloWorld builds a Go program that prints one line: what starting any
// Go binary costs on this machine, the floor under a cold command.
func helloWorld(dir string) string {
	src := filepath.Join(dir, "hello")
	check(os.MkdirAll(src, 0o755))
	check(os.WriteFile(filepath.Join(src, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644))
	check(os.WriteFile(filepath.Join(src, "main.go"), []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n"), 0o644))
	bin := filepath.Join(src, "hello")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = src
	out, err := cmd.CombinedOutput()
	if err != nil {
		fail("building the hello world: " + string(out))
	}
	return bin
}
