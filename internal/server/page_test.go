package server

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"html"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/check"
)

// post sends the page's form as a browser without JavaScript does:
// multipart, with the clicked button's name and value, and files.
func post(t *testing.T, s *Server, path string, v url.Values, files ...string) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vals := range v {
		for _, x := range vals {
			mw.WriteField(k, x)
		}
	}
	for i := 0; i+2 < len(files); i += 3 {
		fw, _ := mw.CreateFormFile(files[i], files[i+1])
		fw.Write([]byte(files[i+2]))
	}
	mw.Close()
	return do(t, s, "POST", path, &body, "Content-Type", mw.FormDataContentType())
}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vals := range v {
		out[k] = append([]string(nil), vals...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

// problemAt returns the text shown next to an input, unescaped.
func problemAt(page, input string) string {
	re := regexp.MustCompile(`<p class="problem" id="e-` + regexp.QuoteMeta(input) + `">(.*?)</p>`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], ""))
}

func valueOf(page, input string) string {
	re := regexp.MustCompile(`id="f-` + regexp.QuoteMeta(input) + `" name="[^"]*" type="[^"]*" value="([^"]*)"`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		return "<no input>"
	}
	return html.UnescapeString(m[1])
}

func TestFormRoundTrip(t *testing.T) {
	profiles := map[string]string{
		"the example": string(brand.ExampleYAML),
		"one value for all languages, a second line in full": `
name: {fr: Office X, nl: Dienst X, en: Office X}
region: brussels
languages: [fr, nl, en]
website: https://x.be
address: "Rue X 1, 1000 Bruxelles"
colours: {accent: "#7A1F5C"}
complaint:
  form_url: https://x.be/form
  phone: "02 000 00 00"
  acknowledgement_days: 7
suggestion:
  email: ideas@x.be
  reply_days: 20
coordinator: {name: Ann Peeters, email: ann@x.be}
second_line:
  id: brussels-ombuds
  phone: "02 111 11 11"
  verify: true
`,
	}
	for name, src := range profiles {
		t.Run(name, func(t *testing.T) {
			want, err := brand.Parse([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			v, ok := formFromYAML([]byte(src))
			if !ok {
				t.Fatal("not read")
			}
			out := profileYAML(v)
			got, err := brand.Parse(out)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			// A text given once for all languages comes back per language:
			// compare what each language reads.
			for _, l := range brand.Langs {
				for _, pair := range [][2]brand.Text{{want.Name, got.Name}, {want.Address, got.Address}, {want.Complaint.FormURL, got.Complaint.FormURL}, {want.Suggestion.FormURL, got.Suggestion.FormURL}, {want.SecondLine.Phone, got.SecondLine.Phone}} {
					if inLangs(want.Langs(), l) && pair[0].In(l) != pair[1].In(l) {
						t.Errorf("%s: %q, want %q", l, pair[1].In(l), pair[0].In(l))
					}
				}
			}
			for _, o := range []*brand.Org{want, got} {
				o.Name, o.Address, o.Complaint.FormURL, o.Suggestion.FormURL, o.SecondLine.Phone = brand.Text{}, brand.Text{}, brand.Text{}, brand.Text{}, brand.Text{}
				o.Complaint.Hours, o.Suggestion.Hours, o.SecondLine.Name, o.SecondLine.URL, o.SecondLine.Address = brand.Text{}, brand.Text{}, brand.Text{}, brand.Text{}, brand.Text{}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round trip:\n got %+v\nwant %+v\n%s", got, want, out)
			}
		})
	}
}

func TestSaveProfilePassesCheck(t *testing.T) {
	s := New(Options{})
	rec := post(t, s, "/", with(defaultForm(), "action", "profile", "name.fr", "Service enregistré"))
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/yaml") || !strings.Contains(rec.Header().Get("Content-Disposition"), ".yaml") {
		t.Fatalf("%d %v", rec.Code, rec.Header())
	}
	o, err := brand.Parse(rec.Body.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, rec.Body)
	}
	if r := check.Org(o, nil); len(r.Problems) > 0 || o.Name.In(brand.FR) != "Service enregistré" {
		t.Errorf("%v %q", r.Problems, o.Name.In(brand.FR))
	}
	// With a problem, the page says so instead of saving.
	rec = post(t, s, "/", with(defaultForm(), "action", "profile", "colours.accent", "#FFE600"))
	if rec.Code != 422 || !strings.Contains(problemAt(rec.Body.String(), "colours.accent"), "1,27:1") {
		t.Errorf("%d %q", rec.Code, problemAt(rec.Body.String(), "colours.accent"))
	}
}

// TestNoDeadEnds posts every button with a broken form: each answers with
// the page, the values as typed, and the problem next to its input in the
// page's language.
func TestNoDeadEnds(t *testing.T) {
	s := New(Options{})
	tests := []struct {
		name, ui, path string
		form           url.Values
		input, want    string // the input and the text shown next to it
	}{
		{"contrast on PDF", "fr", "/", with(defaultForm(), "action", "pdf", "colours.accent", "#CCCCCC"), "colours.accent", "contraste de 1,61:1"},
		{"contrast on PNG", "nl", "/", with(defaultForm(), "action", "png", "colours.accent", "#CCCCCC"), "colours.accent", "contrast van 1,61:1"},
		{"contrast on kit", "de", "/kit", with(defaultForm(), "action", "kit", "colours.accent", "#CCCCCC"), "colours.accent", "Kontrast von 1,61:1"},
		{"a language the profile lacks", "fr", "/", with(defaultForm(), "action", "pdf", "poster.lang", "nl, de", "address.de", ""), "poster.lang", "allemand\u00a0: cette langue n’est pas dans le profil (français, néerlandais)"},
		{"three languages", "en", "/", with(defaultForm(), "action", "pdf", "languages", "fr, nl, en", "poster.lang", "fr, nl, en"), "poster.lang", catalog.T(brand.EN, "web.fix.TEXT-MIN-SIZE")},
		{"bad e-mail", "nl", "/", with(defaultForm(), "action", "update", "complaint.email", "nobody"), "complaint.email", catalog.T(brand.NL, "web.p.email")},
		{"http URL", "de", "/", with(defaultForm(), "action", "pdf", "complaint.form_url.nl", "http://x.be"), "complaint.form_url.nl", catalog.T(brand.DE, "web.p.url")},
		{"no phone", "fr", "/letters", with(defaultForm(), "action", "letter:reply:pdf", "complaint.phone", ""), "complaint.phone", catalog.T(brand.FR, "web.p.missing_phone")},
		{"no signature people", "en", "/signatures", with(defaultForm(), "action", "signatures"), "sig.people", catalog.T(brand.EN, "web.p.no_people")},
		{"bad register year", "fr", "/letters", with(defaultForm(), "action", "register", "letters.year", "soon"), "letters.year", catalog.T(brand.FR, "web.p.year")},
		{"bad days", "nl", "/", with(defaultForm(), "action", "update", "complaint.reply_days", "dertig"), "complaint.reply_days", catalog.T(brand.NL, "web.p.number")},
		{"no import file", "de", "/", with(defaultForm(), "action", "import"), "profile_file", catalog.T(brand.DE, "web.p.no_file")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := with(tt.form, "ui", tt.ui, "name.fr", "Nom tapé à la main")
			rec := post(t, s, tt.path, form)
			page := rec.Body.String()
			if rec.Code != 422 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				t.Fatalf("%d %s, want the page with 422", rec.Code, rec.Header().Get("Content-Type"))
			}
			if !strings.Contains(page, `<html lang="`+tt.ui+`">`) {
				t.Errorf("not in %s", tt.ui)
			}
			if got := problemAt(page, tt.input); !strings.Contains(got, tt.want) {
				t.Errorf("next to %s: %q, want %q", tt.input, got, tt.want)
			}
			if got := valueOf(page, "name.fr"); got != "Nom tapé à la main" {
				t.Errorf("name.fr = %q: the value typed is lost", got)
			}
			if !strings.Contains(page, `href="#f-`+tt.input+`"`) {
				t.Errorf("the summary does not link to %s", tt.input)
			}
		})
	}
}

func TestDownloads(t *testing.T) {
	s := New(Options{})
	people := "name,title,department,email,phone\nAnn Peeters,Adviseur,Communicatie,ann@x.be,02 000 00 01\nLuc Dubois,Conseiller,RH,luc@x.be,\n"
	tests := []struct {
		name, path string
		form       url.Values
		ct, file   string
	}{
		{"poster pdf", "/", with(defaultForm(), "action", "pdf"), "application/pdf", "poster-complaint-fr+nl-a4.pdf"},
		{"poster png", "/", with(defaultForm(), "action", "png", "poster.size", "a5", "poster.lang", "nl"), "image/png", "poster-complaint-nl-a5.png"},
		{"print shop", "/", with(defaultForm(), "action", "pdf", "poster.output", "print-shop-marks", "poster.channel", "suggestion"), "application/pdf", "poster-suggestion-fr+nl-a4-print-shop.pdf"},
		{"profile", "/", with(defaultForm(), "action", "profile"), "application/yaml", "service-public-federal-exemple.yaml"},
		{"logos", "/logos", with(defaultForm(), "action", "logos-zip"), "application/zip", "logos.zip"},
		{"letter pdf", "/letters", with(defaultForm(), "action", "letter:acknowledgement:pdf", "letters.lang", "nl"), "application/pdf", "acknowledgement-nl.pdf"},
		{"letter docx", "/letters", with(defaultForm(), "action", "letter:registration:docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "registration-fr.docx"},
		{"register", "/letters", with(defaultForm(), "action", "register", "letters.year", "2026", "letters.lang", "de"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "register-2026-de.xlsx"},
		{"signatures", "/signatures", with(defaultForm(), "action", "signatures", "sig.people", people, "sig.base_url", "https://www.x.be/sig", "sig.lang", "nl"), "application/zip", "signatures.zip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := post(t, s, tt.path, tt.form)
			if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), tt.ct) {
				t.Fatalf("%d %s: %.600s", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
			}
			if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="`+tt.file+`"` {
				t.Errorf("Content-Disposition %q", cd)
			}
		})
	}
	// The signatures' ZIP holds each person's files and the instructions
	// in each language of the profile.
	rec := post(t, s, "/signatures", tests[len(tests)-1].form)
	zr, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	for _, want := range []string{"ann-peeters.html", "luc-dubois.txt", "images/complaint-nl-colour-web-small@2x.png", "mode-d-emploi.html", "handleiding.html"} {
		if !names[want] {
			t.Errorf("the ZIP lacks %s: %v", want, names)
		}
	}
}

func TestSignaturePreviewKeepsTheCSP(t *testing.T) {
	s := New(Options{})
	people := "name,title,department,email,phone\nAnn Peeters,Adviseur,Communicatie,ann@x.be,02 000 00 01\n"
	rec := post(t, s, "/signatures", with(defaultForm(), "action", "sig-preview", "sig.people", people, "ui", "nl"))
	page := rec.Body.String()
	csp := rec.Header().Get("Content-Security-Policy")
	if rec.Code != 200 || !strings.Contains(page, `class="sig-card"`) || !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("%d, CSP %q", rec.Code, csp)
	}
	// Every inline style of the preview is allowed by its hash, and the
	// images are this server's versioned logo URLs.
	for _, m := range regexp.MustCompile(` style="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		sum := sha256.Sum256([]byte(html.UnescapeString(m[1])))
		if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, h) {
			t.Errorf("style %q not in the CSP", m[1])
		}
	}
	if !regexp.MustCompile(`<img src="/logos/complaint/fr/colour/web-small@2x.png\?v=[0-9a-f]{12}"`).MatchString(page) {
		t.Errorf("the preview's logo is not served here:\n%s", page[strings.Index(page, "sig-card"):][:600])
	}
	// A list loaded from a file stays on the page for the next button.
	rec = post(t, s, "/signatures", with(defaultForm(), "action", "sig-preview", "ui", "nl"), "sig.file", "staff.csv", people)
	if page := rec.Body.String(); !strings.Contains(page, `class="sig-card"`) || !strings.Contains(page, ">"+html.EscapeString(people)+"</textarea>") {
		t.Errorf("the loaded list is not kept: %d", rec.Code)
	}
	// A bad row is shown at the staff list with its line.
	rec = post(t, s, "/signatures", with(defaultForm(), "action", "sig-preview", "sig.people", people+"Bad Mail,,,nobody,\n", "ui", "fr"))
	if got := problemAt(rec.Body.String(), "sig.people"); !strings.Contains(got, "Ligne 3, e-mail (email)\u00a0: Ce n’est pas une adresse e-mail") {
		t.Errorf("%d %q", rec.Code, got)
	}
}

func TestImportKeepsValuesAndMessages(t *testing.T) {
	s := New(Options{})
	typed := with(defaultForm(), "action", "import", "ui", "en", "name.fr", "Typed by hand")
	// Not YAML: nothing changes, the parser's message is kept.
	rec := post(t, s, "/", typed, "profile_file", "org.yaml", "name: [\n")
	page := rec.Body.String()
	if got := problemAt(page, "profile_file"); rec.Code != 422 || !strings.Contains(got, "org.yaml is not a profile") || !strings.Contains(got, "not valid YAML: line") {
		t.Errorf("%d %q", rec.Code, got)
	}
	if got := valueOf(page, "name.fr"); got != "Typed by hand" {
		t.Errorf("name.fr = %q", got)
	}
	// A profile with logo_pack, another suggestion channel and a
	// coordinator: every field is filled, logo_pack is refused at the top.
	src := strings.Replace(demo, "Camille Dupont", "Ann Peeters", 1) + "\nlogo_pack: ./official\n"
	src = strings.Replace(src, "suggestion:\n", "suggestion:\n  email: ideas@x.be\n", 1)
	rec = post(t, s, "/", typed, "profile_file", "org.yaml", src)
	page = rec.Body.String()
	for in, want := range map[string]string{"name.fr": "Service public fédéral Exemple", "coordinator.name": "Ann Peeters", "suggestion.email": "ideas@x.be", "suggestion.form_url.nl": "https://www.example.org/nl/suggestie", "suggestion.phone": ""} {
		if got := valueOf(page, in); got != want {
			t.Errorf("%s = %q, want %q", in, got, want)
		}
	}
	if !strings.Contains(page, html.EscapeString(catalog.T(brand.EN, "web.p.logo_pack"))) {
		t.Errorf("logo_pack not refused at the top")
	}
	// The old /import address still loads a profile.
	rec = post(t, s, "/import", with(defaultForm(), "ui", "fr"), "profile_file", "org.yaml", strings.Replace(demo, "Service public fédéral Exemple", "Service importé", 1))
	if rec.Code != 200 || valueOf(rec.Body.String(), "name.fr") != "Service importé" {
		t.Errorf("/import: %d", rec.Code)
	}
}

func TestLanguageSwitchKeepsValues(t *testing.T) {
	s := New(Options{})
	rec := post(t, s, "/logos", with(defaultForm(), "ui", "fr", "ui_to", "de", "name.nl", "Getypte naam", "sig.people", "name,title\nX,Y\n"))
	page := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(page, `<html lang="de">`) || !strings.Contains(page, `<h1>Logos</h1>`) {
		t.Fatalf("%d", rec.Code)
	}
	if valueOf(page, "name.nl") != "Getypte naam" || !strings.Contains(page, "name=\"sig.people\" value=\"name,title\nX,Y\n\"") {
		t.Errorf("values lost: %q", valueOf(page, "name.nl"))
	}
}

func TestExampleDataWarned(t *testing.T) {
	if got := exampleLeft(defaultForm()); len(got) < 10 || got[0] != "name.fr" {
		t.Errorf("example: %v", got)
	}
	v, _ := formFromYAML([]byte(jsonProfileYAML))
	if got := exampleLeft(v); len(got) != 0 {
		t.Errorf("own profile: %v", got)
	}
	rec := do(t, New(Options{}), "GET", "/?ui=nl", nil)
	if !strings.Contains(rec.Body.String(), catalog.T(brand.NL, "web.example.title")) {
		t.Error("the page does not call out the example")
	}
}

const jsonProfileYAML = `
name: {fr: Service X, nl: Dienst X}
region: brussels
address: "Rue X 1, 1000 Bruxelles"
website: https://x.be
complaint: {form_url: {fr: "https://x.be/fr", nl: "https://x.be/nl"}, phone: "+32 2 000 00 00", email: plaintes@x.be}
second_line: brussels-ombuds
`

func TestLogoViewLinksVersionedURLs(t *testing.T) {
	s := New(Options{})
	rec := post(t, s, "/logos", with(defaultForm(), "action", "view", "logo.channel", "suggestion", "logo.lang", "de", "ui", "nl"))
	page := html.UnescapeString(rec.Body.String())
	a := do(t, s, "GET", "/logos/suggestion/de/white/web-large@3x.png", nil)
	v := strings.Trim(a.Header().Get("ETag"), `"`)[:12]
	if !strings.Contains(page, "/logos/suggestion/de/white/web-large@3x.png?v="+v+" 3x") {
		t.Errorf("no versioned srcset for the white large logo")
	}
	alt := catalog.T(brand.DE, "logo.suggestion.alt")
	if !strings.Contains(page, `<img src="http://example.com/logos/suggestion/de/colour/web-small.png?v=`) || !strings.Contains(page, `width="140" height="85" alt="`+alt+`">`) {
		t.Errorf("no snippet with the German alt text")
	}
}

func TestProblemsAreExplained(t *testing.T) {
	for _, l := range brand.Langs {
		ex := explainer{ui: l, langs: []brand.Lang{brand.FR, brand.NL}, form: map[string]string{"colours.accent": "#FFE600"}, onPoster: true}
		for _, p := range []brand.Problem{
			{Field: "name", Message: "missing: the profile is shown in fr+nl, so the body needs a name in it"},
			{Field: "complaint.form_url.nl", Message: `"http://x" must be an https URL such as https://www.example.org/complaint`},
			{Field: "complaint.phone", Message: `"abc" is not a phone number (digits, spaces, + . / ( ) -)`},
			{Field: "colours.accent", Rule: "COLOUR-CONTRAST", Message: "#FFE600 on #FFFFFF has a contrast of 1.29:1; text of this size needs 3:1"},
			{Rule: "TEXT-MIN-SIZE", Message: "the complaint poster in fr+nl+de needs 900 pt"},
			{Field: "region", Message: `unknown region "mars": one of federal, brussels`},
			{Field: "languages[0]", Message: `unknown language "it" (want fr, nl, de or en)`},
		} {
			sh := ex.explain(p)
			if sh.Text == "" || sh.Input == "" || sh.Label == "" {
				t.Errorf("%s %v: %+v", l, p, sh)
			}
			if l != brand.EN && strings.Contains(sh.Text, p.Message) {
				t.Errorf("%s: the English message is shown: %q", l, sh.Text)
			}
		}
	}
}

func TestStyleHashes(t *testing.T) {
	got := styleHashes(`<td style="padding:6px;font-family:&#39;A&#39;"></td><b style="padding:6px;font-family:&#39;A&#39;">`)
	sum := sha256.Sum256([]byte(`padding:6px;font-family:'A'`))
	if want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; len(got) != 1 || got[0] != want {
		t.Errorf("%v, want [%s]", got, want)
	}
}

func TestTooLargeShowsThePage(t *testing.T) {
	s := New(Options{MaxBody: 1 << 20})
	big := strings.Repeat("x", 1<<20+10)
	for _, chunked := range []bool{false, true} {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("ui", "nl")
		fw, _ := mw.CreateFormFile("profile_file", "big.yaml")
		fw.Write([]byte(big))
		mw.Close()
		req := httptest.NewRequest("POST", "/?ui=nl", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		if chunked {
			req.ContentLength = -1
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 413 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") || !strings.Contains(rec.Body.String(), catalog.T(brand.NL, "web.p.too_large", "mib", "1")) {
			t.Errorf("chunked %v: %d %s", chunked, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
}
