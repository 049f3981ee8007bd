// Package kit makes a body's whole communication kit in one go: every logo
// variant, the posters of each channel, size and language set, e-mail
// signatures when people are given, a manifest.json listing every file with
// its hash and the rules checked, and an index.html to browse it. Assets are
// rendered in parallel; the result is the same bytes for the same profile.
package kit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"affiches/internal/brand"
	"affiches/internal/casefile"
	"affiches/internal/catalog"
	"affiches/internal/check"
	"affiches/internal/logo"
	"affiches/internal/output"
	"affiches/internal/render"
	"affiches/internal/render/layout"
	"affiches/internal/rules"
	"affiches/internal/signature"
	"affiches/templates"
)

// Options are a kit's settings.
type Options struct {
	People       []signature.Person // signatures are made when set
	ImageBaseURL string             // where the signatures' images/ will be published
	Pack         *logo.Pack         // the body's official artwork: copied as is, and used on posters
	Year         int                // the register's indicator year; required
	Workers      int                // parallel renders; the number of CPUs when 0
	Progress     func(done, total int)
	Warn         func(msg string) // told of each set of posters left out
	// Context, when set, stops the build when cancelled (SIGINT, a
	// client gone): no new asset is started and Build returns its error.
	Context context.Context
}

// Entry describes one file of the kit in the manifest.
type Entry struct {
	Path    string   `json:"path"`
	SHA256  string   `json:"sha256"`
	Bytes   int      `json:"bytes"`
	Kind    string   `json:"kind"`
	Lang    string   `json:"language,omitempty"`
	Channel string   `json:"channel,omitempty"`
	Rules   []string `json:"rules_checked,omitempty"`
}

// Manifest lists every file of a kit.
type Manifest struct {
	Generator    string  `json:"generator"`
	Organisation string  `json:"organisation"`
	Languages    string  `json:"languages"`
	Files        []Entry `json:"files"`
	// NotMade lists the language pairs whose posters do not fit, and why.
	NotMade []check.NotMade `json:"not_made,omitempty"`
}

type job struct {
	entry Entry
	// render writes the file and returns the IDs of the rules whose checks
	// ran on it: the manifest records exactly those.
	render func(io.Writer) ([]string, error)
}

// Build makes every file of the kit of o, sorted by path, manifest.json and
// index.html included. Any problem stops the kit: a kit is whole or absent.
func Build(o *brand.Org, opt Options) ([]output.File, error) {
	r := check.Org(o, opt.Pack)
	if len(r.Problems) > 0 {
		return nil, r.Problems
	}
	for _, n := range r.NotMade {
		if opt.Warn != nil {
			opt.Warn(fmt.Sprintf("no %s poster in %s (each language has its own): %s", n.Channel, n.Langs, n.Reason))
		}
	}
	if opt.Year == 0 {
		return nil, fmt.Errorf("kit: no year for the register")
	}
	jobs, err := plan(o, opt.Pack, opt.Year, r)
	if err != nil {
		return nil, err
	}
	files, err := run(jobs, opt)
	if err != nil {
		return nil, err
	}
	entries := make([]Entry, len(jobs))
	for i, j := range jobs {
		entries[i] = j.entry
	}
	if opt.People != nil {
		res, err := signature.Make(o, opt.People, signature.Options{Lang: o.Langs()[0], Channel: brand.Complaint, ImageBaseURL: opt.ImageBaseURL})
		if err != nil {
			return nil, err
		}
		if len(res.Problems) > 0 {
			ps := make(brand.Problems, len(res.Problems))
			for i, p := range res.Problems {
				ps[i] = brand.Problem{Field: fmt.Sprintf("people line %d: %s", p.Line, p.Field), Message: p.Msg}
			}
			return nil, ps
		}
		for _, f := range res.Files {
			f.Name = "signatures/" + f.Name
			files = append(files, f)
			entries = append(entries, Entry{Path: f.Name, Kind: "signature", Rules: res.Rules})
		}
	}
	for i := range entries {
		sum := sha256.Sum256(files[i].Data)
		entries[i].SHA256 = hex.EncodeToString(sum[:])
		entries[i].Bytes = len(files[i].Data)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	sort.Slice(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })

	m := Manifest{Generator: "affiches", Organisation: o.Name.In(o.Langs()[0]), Languages: brand.JoinLangs(o.Langs()), Files: entries, NotMade: r.NotMade}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	var idx bytes.Buffer
	if err := indexT().Execute(&idx, indexData(o, entries)); err != nil {
		return nil, err
	}
	files = append(files, output.File{Name: "index.html", Data: idx.Bytes()}, output.File{Name: "manifest.json", Data: append(mj, '\n')})
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, nil
}

// plan lists every asset of the kit.
func plan(o *brand.Org, pack *logo.Pack, year int, checked check.Result) ([]job, error) {
	var jobs []job
	if pack != nil {
		// Official artwork is the body's: copied as it is, never redrawn;
		// only the files a pack is made of, each checked (logo.Pack.Files).
		files, err := pack.Files()
		if err != nil {
			return nil, brand.Problems{{Field: "logo_pack", Message: strings.TrimPrefix(err.Error(), "logo_pack: ")}}
		}
		for _, f := range files {
			jobs = append(jobs, job{
				entry:  Entry{Path: "logos/official/" + f.Name, Kind: "logo-official"},
				render: func(w io.Writer) ([]string, error) { _, err := w.Write(f.Data); return nil, err },
			})
		}
	}
	for _, ch := range brand.Channels {
		for _, l := range o.Langs() {
			if pack != nil {
				break
			}
			for _, v := range logo.Versions {
				dir := fmt.Sprintf("logos/%s/%s/%s/", ch, l, v)
				base := render.LogoOptions{Channel: ch, Lang: l, Version: v}
				add := func(name, kind string, opt render.LogoOptions) {
					jobs = append(jobs, job{
						entry:  Entry{Path: dir + name, Kind: kind, Lang: string(l), Channel: string(ch)},
						render: func(w io.Writer) ([]string, error) { return render.Logo(w, opt) },
					})
				}
				for _, web := range []logo.Layout{logo.WebSmall, logo.WebLarge} {
					for scale := 1; scale <= 3; scale++ {
						opt := base
						opt.Web, opt.Scale, opt.Format = web, scale, render.PNG
						name := string(web) + ".png"
						if scale > 1 {
							name = fmt.Sprintf("%s@%dx.png", web, scale)
						}
						add(name, "logo-web", opt)
					}
					opt := base
					opt.Web, opt.Format = web, render.SVG
					add(string(web)+".svg", "logo-web", opt)
				}
				for _, f := range []render.Format{render.PDF, render.SVG} {
					opt := base
					opt.Format, opt.WidthMM = f, rules.DefaultPrintWidthMM
					add(fmt.Sprintf("print-%gmm.%s", rules.DefaultPrintWidthMM, f), "logo-print", opt)
				}
			}
		}
		for _, set := range check.LangSets(o) {
			if checked.Skips(ch, set) {
				continue
			}
			dir := fmt.Sprintf("posters/%s/%s/", ch, brand.JoinLangs(set))
			for _, size := range layout.Sizes {
				add := func(name, kind string, opt render.PosterOptions) {
					opt.Channel, opt.Langs, opt.Size, opt.Pack = ch, set, size, pack
					jobs = append(jobs, job{
						entry:  Entry{Path: dir + name, Kind: kind, Lang: brand.JoinLangs(set), Channel: string(ch)},
						render: func(w io.Writer) ([]string, error) { return render.Poster(w, o, opt) },
					})
				}
				add(string(size)+".pdf", "poster", render.PosterOptions{Format: render.PDF})
				add(string(size)+"-print-shop.pdf", "poster-print-shop", render.PosterOptions{Format: render.PDF, PosterOptions: layout.PosterOptions{CropMarks: true}})
				add(string(size)+".png", "poster-preview", render.PosterOptions{Format: render.PNG, DPI: render.DefaultDPI})
			}
		}
	}
	// The logo usage guide, per language.
	for _, l := range o.Langs() {
		jobs = append(jobs, job{
			entry:  Entry{Path: fmt.Sprintf("guide/logo-guide-%s.pdf", l), Kind: "guide", Lang: string(l)},
			render: func(w io.Writer) ([]string, error) { return render.Guide(w, o, l) },
		})
	}
	// Blank case-file templates and the register, per language.
	for _, l := range o.Langs() {
		dir := fmt.Sprintf("casefile/%s/", l)
		for _, k := range casefile.Kinds {
			if k == casefile.Register {
				jobs = append(jobs, job{
					entry:  Entry{Path: dir + "register.xlsx", Kind: "register", Lang: string(l)},
					render: func(w io.Writer) ([]string, error) { return nil, casefile.WriteRegister(w, o, l, year) },
				})
				continue
			}
			for _, format := range []string{"pdf", "docx"} {
				jobs = append(jobs, job{
					entry: Entry{Path: dir + string(k) + "." + format, Kind: "casefile-" + string(k), Lang: string(l)},
					render: func(w io.Writer) ([]string, error) {
						d, err := casefile.Build(o, k, casefile.Options{Lang: l})
						if err != nil {
							return nil, err
						}
						if format == "docx" {
							// Word sets the DOCX: no rule checks a drawing of it.
							return nil, render.LetterDOCX(w, d)
						}
						return render.Letter(w, d)
					},
				})
			}
		}
	}
	return jobs, nil
}

// run renders the jobs on opt.Workers goroutines and returns their files in
// job order. A job that panics fails the kit with an error instead of
// taking the process down (and its cleanup with it).
func run(jobs []job, opt Options) ([]output.File, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	ctx := opt.Context
	if ctx == nil {
		ctx = context.Background()
	}
	files := make([]output.File, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if errs[i] = ctx.Err(); errs[i] != nil {
					continue
				}
				var buf bytes.Buffer
				errs[i] = guard(func() (err error) {
					jobs[i].entry.Rules, err = jobs[i].render(&buf)
					return err
				})
				files[i] = output.File{Name: jobs[i].entry.Path, Data: buf.Bytes()}
				if opt.Progress != nil {
					mu.Lock()
					done++
					opt.Progress(done, len(jobs))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%s: %w", jobs[i].entry.Path, err)
		}
	}
	return files, nil
}

// guard runs fn, turning a panic into an error that says where it was.
func guard(fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v\n%s", p, debug.Stack())
		}
	}()
	return fn()
}

// Replaceable accepts a folder that holds an earlier kit and nothing else:
// its manifest.json (written by affiches), index.html, and the files the
// manifest lists. kit --force replaces such a folder as a whole, so no
// file of the earlier kit stays beside the new one; a folder with other
// files is left alone.
func Replaceable(fsys fs.FS) error {
	data, err := readSmall(fsys, "manifest.json", 16<<20)
	if err != nil {
		return fmt.Errorf("not a kit made by affiches (no manifest.json): choose a new or empty folder")
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil || m.Generator != "affiches" {
		return fmt.Errorf("manifest.json was not written by affiches: choose a new or empty folder")
	}
	listed := map[string]bool{"manifest.json": true, "index.html": true}
	for _, e := range m.Files {
		listed[e.Path] = true
	}
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !listed[p] {
			return fmt.Errorf("%s is not part of the earlier kit: move it out or choose another folder", p)
		}
		return nil
	})
}

func readSmall(fsys fs.FS, name string, max int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || fi.Size() > max {
		return nil, fmt.Errorf("%s: not a small regular file", name)
	}
	return io.ReadAll(io.LimitReader(f, max))
}

// indexT is parsed on first use, not at package init: commands that make
// no kit should not pay for it (issue 18: a cold command ≤ 10 ms).
var indexT = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("index.html.tmpl").Funcs(template.FuncMap{
		"isImage":  func(p string) bool { return strings.HasSuffix(p, ".png") || strings.HasSuffix(p, ".svg") },
		"hasWhite": func(p string) bool { return strings.Contains(p, "/white/") },
		"T":        func(l brand.Lang, key string, args ...string) string { return catalog.T(l, key, args...) },
		"num":      func(l brand.Lang, n int) string { return catalog.Number(l, float64(n), 0) },
	}).ParseFS(templates.FS, "kit/index.html.tmpl"))
})

type indexGroup struct {
	Title string
	Items []Entry
}

// indexData groups the kit's files for its index page, written in the
// profile's first language.
func indexData(o *brand.Org, entries []Entry) any {
	l := o.Langs()[0]
	channel := func(ch string) string { return catalog.T(l, "ui.channel."+ch) }
	groups := map[string]*indexGroup{}
	var order []string
	for _, e := range entries {
		// key sorts: posters first, then logos, the guide, case files and
		// signatures, the order a communication officer looks for them.
		var key, title string
		switch e.Kind {
		case "logo-web", "logo-print":
			key, title = "1 "+e.Channel+" "+e.Lang, catalog.T(l, "kitpage.logos", "channel", channel(e.Channel), "langs", e.Lang)
		case "poster", "poster-print-shop", "poster-preview":
			key, title = "0 "+e.Channel+" "+e.Lang, catalog.T(l, "kitpage.posters", "channel", channel(e.Channel), "langs", e.Lang)
		case "guide":
			key, title = "2", catalog.T(l, "guide.title")
		case "signature":
			key, title = "4", catalog.T(l, "kitpage.signatures")
		default:
			key, title = "3 "+e.Lang, catalog.T(l, "kitpage.casefiles", "langs", e.Lang)
		}
		g, ok := groups[key]
		if !ok {
			g = &indexGroup{Title: title}
			groups[key] = g
			order = append(order, key)
		}
		g.Items = append(g.Items, e)
	}
	sort.Strings(order)
	out := struct {
		Lang   brand.Lang
		Org    string
		Count  string
		Groups []*indexGroup
	}{Lang: l, Org: o.Name.In(l), Count: catalog.Number(l, float64(len(entries)), 0)}
	for _, k := range order {
		out.Groups = append(out.Groups, groups[k])
	}
	return out
}
