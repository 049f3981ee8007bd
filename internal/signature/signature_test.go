package signature

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/golden"
	"affiches/internal/output"

	"golang.org/x/text/encoding/charmap"
)

const base = "https://www.example.org/affiches"

func file(t *testing.T, r *Result, name string) []byte {
	t.Helper()
	for _, f := range r.Files {
		if f.Name == name {
			return f.Data
		}
	}
	t.Fatalf("no file %s among %d", name, len(r.Files))
	return nil
}

func TestGolden(t *testing.T) {
	for _, l := range brand.Langs {
		p := Person{Name: "Élodie Van den Broeck", Title: "Gestionnaire de dossiers", Department: "Service Clients", Email: "elodie.vandenbroeck@example.org", Phone: "+32 2 123 45 89", Lang: l}
		r, err := Make(brand.Demo(), []Person{p}, Options{Lang: brand.FR, ImageBaseURL: base})
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, "elodie-"+string(l)+".html", file(t, r, "elodie-van-den-broeck.html"))
		golden.Check(t, "elodie-"+string(l)+".txt", file(t, r, "elodie-van-den-broeck.txt"))
	}
}

func TestEmailClientRules(t *testing.T) {
	r, err := Make(brand.Demo(), []Person{{Name: "A B", Email: "a@example.org"}}, Options{Lang: brand.NL, ImageBaseURL: base + "/"})
	if err != nil {
		t.Fatal(err)
	}
	html := string(file(t, r, "a-b.html"))
	for _, bad := range []string{"<style", "<link", "<script", "base64", ".svg", "class="} {
		if strings.Contains(html, bad) {
			t.Errorf("signature contains %q", bad)
		}
	}
	for _, want := range []string{`lang="nl"`, `width="140" height="85"`, `alt="Logo klachtenmanagement`, `src="https://www.example.org/affiches/images/complaint-nl-colour-web-small@2x.png"`, `href="https://www.example.org/nl/klacht"`, `bgcolor="#FFFFFF"`} {
		if !strings.Contains(html, want) {
			t.Errorf("signature lacks %s", want)
		}
	}
	if n := strings.Count(html, "<img"); n != strings.Count(html, "alt=") || n != 1 {
		t.Errorf("%d images, %d alt texts", n, strings.Count(html, "alt="))
	}
	// The referenced image is in the output, at twice the shown size.
	png := file(t, r, "images/complaint-nl-colour-web-small@2x.png")
	if !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Error("logo image is not a PNG")
	}
}

func TestEscaping(t *testing.T) {
	p := Person{Name: `<script>alert("x")</script>`, Title: `"quoted" & <b>bold</b>`, Email: "x@example.org"}
	r, err := Make(brand.Demo(), []Person{p}, Options{Lang: brand.FR, ImageBaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	html := string(file(t, r, "script-alert-x-script.html"))
	if strings.Contains(html, "<script>") || strings.Contains(html, "<b>") {
		t.Errorf("markup from a name reached the HTML:\n%s", html)
	}
	if !strings.Contains(html, "&lt;script&gt;") {
		t.Errorf("the name is not shown as text:\n%s", html)
	}
	idx := string(file(t, r, "index.html"))
	if strings.Contains(idx, "<script>alert") {
		t.Error("markup from a name reached index.html")
	}
}

func TestRowProblems(t *testing.T) {
	csv := "name,title,department,email,phone,lang\n" +
		"Ann Peeters,Adviseur,Klantendienst,ann@example.org,+32 2 123 45 01,nl\n" +
		",Adviseur,Klantendienst,nobody@example.org,,\n" +
		"Bob Martin,Conseiller,,not-an-email,,fr\n" +
		"Ann Peeters,Adviseur,Archief,ann.p@example.org,,nl\n" +
		"Carla Rossi,,,carla@example.org,,it\n"
	people, ignored, err := ReadCSV(strings.NewReader(csv))
	if err != nil || len(ignored) != 0 {
		t.Fatalf("ReadCSV = %v, %v", ignored, err)
	}
	r, err := Make(brand.Demo(), people, Options{Lang: brand.FR, ImageBaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range r.Problems {
		got = append(got, fmt.Sprintf("%d %s", p.Line, p.Field))
	}
	if want := "3 name|4 email|6 lang"; strings.Join(got, "|") != want {
		t.Errorf("problems %q, want %q", strings.Join(got, "|"), want)
	}
	// Both Anns are kept: duplicate slugs do not overwrite each other.
	file(t, r, "ann-peeters.html")
	file(t, r, "ann-peeters-2.html")
}

func TestReadCSVHeader(t *testing.T) {
	for _, tt := range []struct{ csv, want string }{
		{"", "empty file"},
		{"name,email\nA,a@b.be\n", "lacks title, department, phone"},
		{"name,name,title,department,email,phone\n", "given twice"},
		{"name,title,department,email,phone\n\"unclosed,x,y,z,w\n", "line 2"},
	} {
		_, _, err := ReadCSV(strings.NewReader(tt.csv))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadCSV(%q) = %v, want …%s…", tt.csv, err, tt.want)
		}
	}
	_, ignored, err := ReadCSV(strings.NewReader("\ufeffName,Title,Department,Email,Phone,Office\n"))
	if err != nil || strings.Join(ignored, ",") != "office" {
		t.Errorf("BOM and extra column: %v %v", ignored, err)
	}
	// Excel in Belgium: semicolons, and Windows-1252 for plain "CSV".
	ansi, _ := charmap.Windows1252.NewEncoder().String("name;title;department;email;phone\r\nÉlodie Dupré;Coördinator;Klachten, service;e@example.org;+32 2 123 45 67\r\n")
	people, _, err := ReadCSV(strings.NewReader(ansi))
	if err != nil || len(people) != 1 || people[0].Name != "Élodie Dupré" || people[0].Department != "Klachten, service" {
		t.Errorf("Excel's CSV: %+v %v", people, err)
	}
}

func TestImageBaseMustBeHTTPS(t *testing.T) {
	for _, b := range []string{"", "http://example.org", "data:image/png;base64,AAAA", "https://u:p@example.org/x", "/images"} {
		if _, err := Make(brand.Demo(), []Person{{Name: "A"}}, Options{Lang: brand.FR, ImageBaseURL: b}); err == nil {
			t.Errorf("ImageBaseURL %q accepted", b)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Élodie Van den Broeck": "elodie-van-den-broeck", "Jürgen Groß": "jurgen-gross", "  ": "person", "李": "person", "O'Brien, Seán": "o-brien-sean"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestChromiumRender opens a signature in headless Chromium and checks the
// screenshot is not blank: the HTML renders in a real browser engine.
func TestChromiumRender(t *testing.T) {
	chromium := golden.Tool(t, "chromium")
	r, err := Make(brand.Demo(), []Person{{Name: "Ann Peeters", Title: "Adviseur", Email: "ann@example.org", Phone: "+32 2 123 45 01", Lang: brand.NL}}, Options{Lang: brand.NL, ImageBaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := output.WriteFiles(dir, false, r.Files); err != nil {
		t.Fatal(err)
	}
	// The image URL points at the web; for the test, point it at the file.
	page := filepath.Join(dir, "ann-peeters.html")
	html, _ := os.ReadFile(page)
	html = bytes.ReplaceAll(html, []byte(base+"/images/"), []byte("images/"))
	os.WriteFile(page, html, 0o644)
	shot := filepath.Join(dir, "shot.png")
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--allow-file-access-from-files", "--hide-scrollbars", "--window-size=600,200", "--screenshot="+shot, "file://"+page)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	nonWhite, total := countNonWhite(t, shot)
	if nonWhite < total/50 {
		t.Errorf("screenshot nearly blank: %d of %d pixels are not white", nonWhite, total)
	}
	if os.Getenv("AFFICHES_KEEP") != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(os.Getenv("AFFICHES_KEEP"), data, 0o644)
	}
}

// FuzzReadCSV: no CSV makes the reader panic, and every person it returns
// carries a line number past the header.
func FuzzReadCSV(f *testing.F) {
	f.Add("name,title,department,email,phone\nA,B,C,a@b.be,+32 2 123 45 67\n")
	f.Add("name,title,department,email,phone,lang\n\"x\ny\",,,,,nl\n")
	f.Add("\ufeffname,title,department,email,phone\n\n\n")
	f.Add("name,title\n\"unclosed")
	f.Fuzz(func(t *testing.T, data string) {
		people, _, err := ReadCSV(strings.NewReader(data))
		if err != nil {
			return
		}
		for _, p := range people {
			if p.Line < 2 {
				t.Fatalf("person %+v on line %d", p, p.Line)
			}
		}
	})
}
