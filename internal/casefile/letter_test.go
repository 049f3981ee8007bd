package casefile

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"affiches/internal/brand"
)

// TestGermanLettersContinueInLowerCase: after "Sehr geehrte Damen und
// Herren," the text goes on in lower case (DIN 5008), unless it starts
// with the polite Sie or Ihr.
func TestGermanLettersContinueInLowerCase(t *testing.T) {
	for _, k := range letters {
		for _, c := range []*Case{nil, testCase(t, brand.DE)} {
			d, err := Build(brand.Demo(), k, Options{Lang: brand.DE, Case: c})
			if err != nil {
				t.Fatal(err)
			}
			first := spansText(d.Body[0].Spans)
			word := strings.Fields(first)[0]
			if r := []rune(first)[0]; unicode.IsUpper(r) && word != "Sie" && !strings.HasPrefix(word, "Ihr") {
				t.Errorf("%s: the text after %q starts in upper case: %q", k, d.Greeting, first)
			}
		}
	}
}

// TestClosingLettersRemindAppealDeadlines: the letters that close a case
// (reply, inadmissible) and the acknowledgement say that appeal deadlines
// keep running; inadmissible letters speak of a request, not a complaint.
func TestClosingLettersRemindAppealDeadlines(t *testing.T) {
	yours := map[brand.Lang]string{brand.FR: "votre plainte", brand.NL: "uw klacht", brand.DE: "Ihre Beschwerde", brand.EN: "your complaint"}
	running := map[brand.Lang]string{brand.FR: "courir", brand.NL: "lopen", brand.DE: "weiter", brand.EN: "running"}
	for _, l := range brand.Langs {
		for _, k := range []Kind{Acknowledgement, Inadmissible, Reply} {
			d, err := Build(brand.Demo(), k, Options{Lang: l, Case: testCase(t, l)})
			if err != nil {
				t.Fatal(err)
			}
			txt := d.PlainText()
			if !strings.Contains(txt, running[l]) {
				t.Errorf("%s %s does not say that appeal deadlines keep running:\n%s", l, k, txt)
			}
			if k == Inadmissible && strings.Contains(txt, yours[l]) {
				t.Errorf("%s inadmissible letter speaks of %q:\n%s", l, yours[l], txt)
			}
		}
	}
}

// TestSecondLineNamedInTheLettersLanguage: a letter whose second-line body
// has no name in its language is refused, never printed with a bare URL.
func TestSecondLineNamedInTheLettersLanguage(t *testing.T) {
	o := brand.Demo()
	o.SecondLine = brand.SecondLine{Name: brand.Text{By: map[brand.Lang]string{brand.FR: "Médiateur de la Wallonie et de la Fédération Wallonie-Bruxelles"}}, URL: brand.Text{All: "https://www.le-mediateur.be"}}
	for _, k := range []Kind{Inadmissible, Reply} {
		_, err := Build(o, k, Options{Lang: brand.DE, Case: testCase(t, brand.DE)})
		var ps brand.Problems
		if !errors.As(err, &ps) || ps[0].Field != "second_line.name.de" {
			t.Errorf("%s in de: %v, want a problem on second_line.name.de", k, err)
		}
	}
	if _, err := Build(o, Reply, Options{Lang: brand.FR, Case: testCase(t, brand.FR)}); err != nil {
		t.Errorf("reply in fr: %v", err)
	}
	// Every body of the directory can be named in every letter.
	for _, id := range brand.DirectoryIDs() {
		o.SecondLine = brand.Directory()[id]
		for _, l := range brand.Langs {
			d, err := Build(o, Reply, Options{Lang: l, Case: testCase(t, l)})
			if err != nil {
				t.Fatalf("%s in %s: %v", id, l, err)
			}
			if !strings.Contains(d.PlainText(), o.SecondLine.Name.In(l)) {
				t.Errorf("%s in %s: the reply does not name it", id, l)
			}
		}
	}
}

// TestAnyBodyForwardedTo: the forwarding sentence reads right whatever
// the coordinator writes: with or without an article, a vowel first.
func TestAnyBodyForwardedTo(t *testing.T) {
	names := map[brand.Lang][]string{
		brand.FR: {"le Service fédéral des Pensions", "l’Office national de l’emploi", "Ombuds Bruxelles", "Agence fédérale des médicaments"},
		brand.NL: {"de Federale Pensioendienst", "het Agentschap Opgroeien", "Ombuds Brussel"},
		brand.DE: {"der Föderale Pensionsdienst", "die Pensionskasse", "das Arbeitsamt der DG", "Arbeitsamt der DG"},
		brand.EN: {"the Federal Pension Service", "Ombuds Brussels", "Agency for Medicines"},
	}
	bad := regexp.MustCompile(`(?i)(^|[^\p{L}])(à le|à les|de le|de les|an der|an die die|an den der|naar de de|naar het de|to the the|the the)([^\p{L}]|$)`)
	for l, ns := range names {
		for _, n := range ns {
			c := testCase(t, l)
			c.ForwardedTo = n
			d, err := Build(brand.Demo(), Inadmissible, Options{Lang: l, Case: c})
			if err != nil {
				t.Fatal(err)
			}
			txt := d.PlainText()
			if !strings.Contains(txt, n) {
				t.Errorf("%s: %q is not in the letter", l, n)
			}
			if m := bad.FindString(txt); m != "" {
				t.Errorf("%s with %q: %q:\n%s", l, n, m, txt)
			}
		}
	}
}

func TestSalutations(t *testing.T) {
	tests := []struct {
		l                          brand.Lang
		title, family, salutation  string
		wantGreeting, wantClosing  string
		wantRecipient, wantProblem string
	}{
		{brand.FR, "ms", "", "", "Madame,", "Nous vous prions d’agréer, Madame, l’expression de nos salutations distinguées.", "Madame Ann Smith", ""},
		{brand.FR, "mr", "", "", "Monsieur,", "Nous vous prions d’agréer, Monsieur, l’expression de nos salutations distinguées.", "Monsieur Ann Smith", ""},
		{brand.FR, "", "", "", "Madame, Monsieur,", "Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.", "Ann Smith", ""},
		{brand.NL, "mr", "Smith", "", "Geachte heer Smith,", "Met vriendelijke groeten", "De heer Ann Smith", ""},
		{brand.DE, "mr", "Weiß", "", "Sehr geehrter Herr Weiß,", "Mit freundlichen Grüßen", "Herrn Ann Smith", ""},
		{brand.DE, "ms", "", "", "", "", "", "case.complainant.family_name"},
		{brand.EN, "ms", "Smith", "", "Dear Ms Smith,", "Yours sincerely,", "Ms Ann Smith", ""},
		{brand.EN, "", "", "", "Dear Sir or Madam,", "Yours faithfully,", "Ann Smith", ""},
		{brand.FR, "", "", "Madame la Bourgmestre,", "Madame la Bourgmestre,", "Nous vous prions d’agréer l’expression de nos salutations distinguées.", "Ann Smith", ""},
	}
	for _, tt := range tests {
		c := testCase(t, tt.l)
		c.Complainant = Complainant{Name: "Ann Smith", Address: "Rue 1, 1000 Bruxelles", Title: tt.title, FamilyName: tt.family, Salutation: tt.salutation}
		d, err := Build(brand.Demo(), Acknowledgement, Options{Lang: tt.l, Case: c})
		if tt.wantProblem != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantProblem) {
				t.Errorf("%s %s: %v, want a problem on %s", tt.l, tt.title, err, tt.wantProblem)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got := []string{strings.ReplaceAll(d.Greeting, "\u00a0", " "), d.Closing, spansText(d.Recipient[0])}
		want := []string{tt.wantGreeting, tt.wantClosing, tt.wantRecipient}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s %q: got %q, want %q", tt.l, tt.title, got[i], want[i])
			}
		}
	}
	if _, err := ParseCase([]byte("reference: X\ncomplainant: {name: A, title: dr}\n")); err == nil || !strings.Contains(err.Error(), "case.complainant.title") {
		t.Errorf("title dr: %v", err)
	}
}

// TestBlankLettersHaveAnAddressField: a blank template marks where the
// address goes.
func TestBlankLettersHaveAnAddressField(t *testing.T) {
	for _, l := range brand.Langs {
		d, err := Build(brand.Demo(), Reply, Options{Lang: l})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Recipient) < 2 || !d.Recipient[1][0].Field {
			t.Errorf("%s: recipient %v has no address field", l, d.Recipient)
		}
	}
}

func spansText(ss []Span) string {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString(s.Text)
	}
	return b.String()
}

// TestDOCXIsA4WithOurMetadata: a Belgian letter is A4, checked in its own
// language, and says who wrote it, not the DOCX library's template.
func TestDOCXIsA4WithOurMetadata(t *testing.T) {
	d, err := Build(brand.Demo(), Reply, Options{Lang: brand.NL, Case: testCase(t, brand.NL)})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, d, nil); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(b)
	}
	for part, wants := range map[string][]string{
		"word/document.xml": {`w:w="11906"`, `w:h="16838"`},
		"word/styles.xml":   {`w:val="nl-BE"`},
		"docProps/core.xml": {"<dc:creator>Federale Overheidsdienst Voorbeeld</dc:creator>", "<dc:title>Antwoord op uw klacht</dc:title>", "<dc:language>nl-BE</dc:language>"},
		"docProps/app.xml":  {"<Application>affiches</Application>"},
	} {
		for _, w := range wants {
			if !strings.Contains(parts[part], w) {
				t.Errorf("%s lacks %s", part, w)
			}
		}
	}
	for part, body := range parts {
		if strings.Contains(body, "gomutex") || strings.Contains(body, "12240") || strings.Contains(body, "Macintosh") {
			t.Errorf("%s still carries the template's author, Letter size or application", part)
		}
	}
}
