package brand

import (
	"errors"
	"fmt"
	"image/color"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"
)

func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d: 1, ", i)
	}
	return b.String()
}

func TestDemoParses(t *testing.T) {
	o := Demo()
	if got := o.Name.In(FR); got != "Service public fédéral Exemple" {
		t.Errorf("name.fr = %q", got)
	}
	if got := JoinLangs(o.Langs()); got != "fr+nl" {
		t.Errorf("languages = %s, want fr+nl (federal)", got)
	}
	if o.Suggestion.Email != o.Complaint.Email {
		t.Errorf("suggestion.email = %q, want the complaint one by default", o.Suggestion.Email)
	}
	if o.Complaint.AcknowledgementDays != 5 || o.Complaint.ReplyDays != 30 {
		t.Errorf("deadlines = %d/%d, want 5/30", o.Complaint.AcknowledgementDays, o.Complaint.ReplyDays)
	}
	if o.SecondLine.ID != "federal-ombudsman" || o.SecondLine.Phone.In(NL) != "0800 99 962" {
		t.Errorf("second line = %+v", o.SecondLine)
	}
}

// minimal is a valid profile that each case breaks in one place.
const minimal = `
name: {fr: Service Exemple, nl: Dienst Voorbeeld}
region: federal
address: Rue 1, 1000 Bruxelles
complaint:
  form_url: {fr: https://e.be/fr, nl: https://e.be/nl}
  email: a@e.be
  phone: "+32 2 123 45 67"
second_line: federal-ombudsman
`

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		field string
		want  string // a part of the message
	}{
		{"unknown key", minimal + "colour: red\n", "colour", "unknown key"},
		{"unknown nested key", strings.Replace(minimal, "  email: a@e.be", "  mail: a@e.be", 1), "complaint.mail", "unknown key"},
		{"javascript url", strings.Replace(minimal, "https://e.be/fr", "javascript:alert(1)", 1), "complaint.form_url.fr", "must be an https URL"},
		{"data url", strings.Replace(minimal, "https://e.be/nl", "data:text/html,x", 1), "complaint.form_url.nl", "must be an https URL"},
		{"http url", strings.Replace(minimal, "https://e.be/nl", "http://e.be/nl", 1), "complaint.form_url.nl", "must be an https URL"},
		{"bad email", strings.Replace(minimal, "a@e.be", "not-an-address", 1), "complaint.email", "not an e-mail address"},
		{"bad phone", strings.Replace(minimal, "+32 2 123 45 67", "call us", 1), "complaint.phone", "not a phone number"},
		{"bad colour", minimal + "colours: {accent: blue}\n", "colours.accent", "#RRGGBB"},
		{"short colour", minimal + "colours: {accent: \"#0B4\"}\n", "colours.accent", "#RRGGBB"},
		{"unknown region", strings.Replace(minimal, "region: federal", "region: mars", 1), "region", "unknown region"},
		{"missing name for region", strings.Replace(minimal, ", nl: Dienst Voorbeeld", "", 1), "name.nl", "needs a name"},
		{"missing form for region", strings.Replace(minimal, ", nl: https://e.be/nl", "", 1), "complaint.form_url.nl", "online complaint form"},
		{"unknown second line", strings.Replace(minimal, "federal-ombudsman", "santa", 1), "second_line", "unknown second-line body"},
		{"unknown language", minimal + "languages: [fr, xx]\n", "languages[1]", "unknown language"},
		{"duplicate language", minimal + "languages: [fr, fr]\n", "languages[1]", "given twice"},
		{"days not a number", minimal + "suggestion: {reply_days: soon}\n", "suggestion.reply_days", "whole number"},
		{"days zero is the default", strings.Replace(minimal, "  phone:", "  reply_days: 0\n  phone:", 1), "", ""},
		{"days out of range", strings.Replace(minimal, "  phone:", "  reply_days: 400\n  phone:", 1), "complaint.reply_days", "between 1 and 365"},
		{"bidi override", strings.Replace(minimal, "Service Exemple", "Service \u202eelpmexE", 1), "name.fr", "bidirectional"},
		{"control character", strings.Replace(minimal, "Service Exemple", "\"Service\\u0007\"", 1), "name.fr", "control character"},
		{"100 KB field", strings.Replace(minimal, "Rue 1, 1000 Bruxelles", strings.Repeat("x", 100_000), 1), "address", "is 100000 characters long; at most 400"},
		{"megabyte profile", strings.Replace(minimal, "Rue 1, 1000 Bruxelles", strings.Repeat("x", 1<<20), 1), "", "at most 262144 are read"},
		{"arabic letter mark", strings.Replace(minimal, "Service Exemple", "Service \u061cExemple", 1), "name.fr", "bidirectional control character U+061C"},
		{"port out of range", strings.Replace(minimal, "https://e.be/fr", "https://x.be:99999/", 1), "complaint.form_url.fr", "port 99999 is not between 1 and 65535"},
		{"port only", strings.Replace(minimal, "https://e.be/fr", "https://:443/", 1), "complaint.form_url.fr", "must be an https URL"},
		{"deep nesting", minimal + "x: " + strings.Repeat("{a: ", 20) + "1" + strings.Repeat("}", 20) + "\n", "", "more than 8 levels deep"},
		{"too many keys", minimal + "x: {" + manyKeys(5000) + "}\n", "", "more than 4000 keys and values"},
		{"text not a map", minimal + "website: [a, b]\n", "website", "must be a text"},
		{"missing phone", strings.Replace(minimal, "  phone: \"+32 2 123 45 67\"\n", "", 1), "complaint.phone", "non-digital route"},
		{"url with user", strings.Replace(minimal, "https://e.be/fr", "https://u:p@e.be/fr", 1), "complaint.form_url.fr", "user name"},
		{"not yaml", "name: [unclosed", "", "not valid YAML"},
		{"empty", "", "", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml))
			if tt.want == "" {
				// reply_days: 0 means "the default", not an error.
				if err != nil {
					t.Fatalf("Parse = %v, want no error", err)
				}
				return
			}
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Parse error = %v, want Problems", err)
			}
			for _, p := range ps {
				if p.Field == tt.field && strings.Contains(p.Message, tt.want) {
					return
				}
			}
			t.Errorf("Parse problems = %v, want %s: …%s…", err, tt.field, tt.want)
		})
	}
}

func TestAllProblemsAtOnce(t *testing.T) {
	bad := strings.Replace(minimal, "a@e.be", "nope", 1) + "foo: 1\ncolours: {accent: red}\n"
	_, err := Parse([]byte(bad))
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v", err)
	}
	fields := map[string]bool{}
	for _, p := range ps {
		fields[p.Field] = true
	}
	for _, f := range []string{"foo", "colours.accent", "complaint.email"} {
		if !fields[f] {
			t.Errorf("problems %v lack %s: unknown keys are reported beside the other problems", ps, f)
		}
	}
}

func TestSecondLineOverride(t *testing.T) {
	y := strings.Replace(minimal, "second_line: federal-ombudsman", "second_line: {id: federal-ombudsman, address: \"Rue de Louvain 48, 1000 Bruxelles\"}", 1)
	o, err := Parse([]byte(y))
	if err != nil {
		t.Fatal(err)
	}
	if got := o.SecondLine.Address.In(NL); got != "Rue de Louvain 48, 1000 Bruxelles" {
		t.Errorf("address = %q", got)
	}
	if got := o.SecondLine.Name.In(FR); got != "Médiateur fédéral" {
		t.Errorf("name kept from the directory = %q", got)
	}
	if o.SecondLine.Verify {
		t.Error("an address given by the profile is taken as verified")
	}
}

func TestRegionLanguages(t *testing.T) {
	tests := map[Region]string{Federal: "fr+nl", Brussels: "fr+nl", Flanders: "nl", Wallonia: "fr", German: "de+fr"}
	for r, want := range tests {
		if got := JoinLangs(r.Languages()); got != want {
			t.Errorf("%s.Languages() = %s, want %s", r, got, want)
		}
	}
}

func TestParseLangs(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{{"fr,nl", "fr+nl", true}, {"DE, fr", "de+fr", true}, {"fr,nl,en", "fr+nl+en", true}, {"fr,fr", "", false}, {"it", "", false}, {"", "", false}} {
		got, err := ParseLangs(tt.in)
		if (err == nil) != tt.ok || tt.ok && JoinLangs(got) != tt.want {
			t.Errorf("ParseLangs(%q) = %v, %v; want %s ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestValidators(t *testing.T) {
	for _, s := range []string{"a@b.be", "first.last@fgov.be"} {
		if !ValidEmail(s) {
			t.Errorf("ValidEmail(%q) = false", s)
		}
	}
	for _, s := range []string{"", "a", "a@b", "A <a@b.be>", "a@b.be "} {
		if ValidEmail(s) {
			t.Errorf("ValidEmail(%q) = true", s)
		}
	}
	for _, s := range []string{"1700", "+32 2 123 45 67", "0800 99 961", "02/549.67.00"} {
		if !ValidPhone(s) {
			t.Errorf("ValidPhone(%q) = false", s)
		}
	}
	for _, s := range []string{"12", "call", "+32 2 123 45 67 89 00 11 22", "0800-FLOWERS", "++32 2 123 45 67", "(02) 123 45 67", "02 123 45 67 ", "+", "", "02\u00a0123 45 67", "0２ 123 45 67"} {
		if ValidPhone(s) {
			t.Errorf("ValidPhone(%q) = true", s)
		}
	}
	for _, tc := range []struct {
		s    string
		want color.RGBA
		ok   bool
	}{
		{"#0B4F8A", color.RGBA{0x0B, 0x4F, 0x8A, 0xFF}, true},
		{"#ffffff", color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, true},
		{"#000000", color.RGBA{0, 0, 0, 0xFF}, true},
		{"0B4F8A", color.RGBA{}, false},
		{"#0B4F8", color.RGBA{}, false},
		{"#0B4F8AA", color.RGBA{}, false},
		{"#0B4G8A", color.RGBA{}, false},
		{"#+B4F8A", color.RGBA{}, false},
		{"#0x4F8A", color.RGBA{}, false},
		{"#0_4F8A", color.RGBA{}, false},
		{"", color.RGBA{}, false},
	} {
		got, err := ParseColour(tc.s)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseColour(%q) = %v, %v; want %v, ok %v", tc.s, got, err, tc.want, tc.ok)
		}
	}
}

// TestValidPhoneAsRegexp: the hand-written check accepts exactly what the
// regular expression it replaced accepted, with the same digit count.
func TestValidPhoneAsRegexp(t *testing.T) {
	re := regexp.MustCompile(`^\+?[0-9][0-9 ./()-]*[0-9]$`)
	r := rand.New(rand.NewPCG(3, 5))
	alphabet := []byte("0123456789 ./()-+a\x00")
	for range 200000 {
		b := make([]byte, r.IntN(20))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		digits := strings.Count(s, "0") + strings.Count(s, "1") + strings.Count(s, "2") + strings.Count(s, "3") + strings.Count(s, "4") +
			strings.Count(s, "5") + strings.Count(s, "6") + strings.Count(s, "7") + strings.Count(s, "8") + strings.Count(s, "9")
		want := re.MatchString(s) && digits >= 4 && digits <= 15
		if got := ValidPhone(s); got != want {
			t.Fatalf("ValidPhone(%q) = %v, the regular expression says %v", s, got, want)
		}
	}
}

// FuzzParse: no profile makes the parser panic, and a profile it accepts
// has a name and a form URL in each of its languages.
func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add(ExampleYAML)
	f.Add([]byte("name: [a\n"))
	f.Add([]byte("second_line: {id: comite-p, url: https://x.be}\nregion: german\n"))
	f.Add([]byte("languages: [fr, nl, fr]\ncolours: {accent: '#GGGGGG'}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := Parse(data)
		if err != nil {
			return
		}
		for _, l := range o.Langs() {
			if !o.Name.Has(l) || !o.Complaint.FormURL.Has(l) {
				t.Fatalf("accepted a profile without name or form in %s", l)
			}
		}
	})
}

// TestSecondLineNamedInEveryLanguage: a letter or a poster in any language
// names the body the complainant can turn to, and says how to reach it.
func TestSecondLineNamedInEveryLanguage(t *testing.T) {
	for _, id := range DirectoryIDs() {
		s := Directory()[id]
		for _, l := range Langs {
			if !s.Name.Has(l) {
				t.Errorf("%s has no name in %s", id, l)
			}
			if !s.URL.Has(l) {
				t.Errorf("%s has no website in %s", id, l)
			}
			if !s.Address.Has(l) && !s.Phone.Has(l) && !s.Email.Has(l) {
				t.Errorf("%s has no address, phone or e-mail in %s", id, l)
			}
		}
	}
	// Ostbelgien's address is German in every language.
	if got := Directory()["dg-ombudsdienst"].Address.In(FR); got != "Platz des Parlaments 1, 4700 Eupen" {
		t.Errorf("dg-ombudsdienst address in fr = %q", got)
	}
}

func TestClosureDays(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	o := Demo()
	if o.ClosureDays.Preset != "federal" {
		t.Fatalf("demo (federal) preset = %q, want federal", o.ClosureDays.Preset)
	}
	for _, s := range []string{"2026-11-02", "2026-11-15", "2026-12-26"} {
		if !o.ClosureDays.Closed(day(s)) {
			t.Errorf("a federal body is open on %s", s)
		}
	}
	if o.ClosureDays.Closed(day("2026-07-11")) {
		t.Error("a federal body is closed on 11 July")
	}
	for region, want := range map[string]string{"flanders": "2026-07-11", "wallonia": "2026-09-27", "german": "2026-11-15"} {
		o, err := Parse([]byte(strings.Replace(minimal, "region: federal", "region: "+region+"\nlanguages: [fr, nl]", 1)))
		if err != nil {
			t.Fatal(err)
		}
		if !o.ClosureDays.Closed(day(want)) {
			t.Errorf("%s (%s) is open on %s", region, o.ClosureDays.Preset, want)
		}
	}
	o, err := Parse([]byte(minimal + "closure_days: {preset: none, days: [\"12-24\", \"2026-05-15\"]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := o.ClosureDays
	if c.Closed(day("2026-11-02")) || !c.Closed(day("2027-12-24")) || !c.Closed(day("2026-05-15")) || c.Closed(day("2027-05-15")) {
		t.Errorf("closure days %+v", c)
	}
	if got := fmt.Sprint(c.In(2026)); got != "[2026-05-15 00:00:00 +0000 UTC 2026-12-24 00:00:00 +0000 UTC]" {
		t.Errorf("In(2026) = %s", got)
	}
	for _, bad := range []string{"closure_days: weekly\n", "closure_days: {days: [\"24/12\"]}\n", "closure_days: {days: \"12-24\"}\n"} {
		if _, err := Parse([]byte(minimal + bad)); err == nil || !strings.Contains(err.Error(), "closure_days") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// TestEveryDirectoryEntryValid: each shipped body passes the profile's own
// checks (URLs, e-mails) when a profile names it.
func TestEveryDirectoryEntryValid(t *testing.T) {
	for _, id := range DirectoryIDs() {
		if _, err := Parse([]byte(strings.Replace(minimal, "second_line: federal-ombudsman", "second_line: "+id, 1))); err != nil {
			t.Errorf("%s: %v", id, err)
		}
		for _, l := range Langs {
			if p := Directory()[id].Phone.In(l); p != "" && !ValidPhone(p) {
				t.Errorf("%s: phone %q in %s", id, p, l)
			}
		}
	}
}

// minimalFields is minimal as a web form or a bodies CSV row gives it.
func minimalFields() map[string]string {
	return map[string]string{
		"name.fr": "Service Exemple", "name.nl": "Dienst Voorbeeld", "region": "federal",
		"address": "Rue 1, 1000 Bruxelles", "complaint.form_url.fr": "https://e.be/fr",
		"complaint.form_url.nl": "https://e.be/nl", "complaint.email": "a@e.be",
		"complaint.phone": "+32 2 123 45 67", "second_line": "federal-ombudsman",
		"complaint.reply_days": "20", "languages": "fr;nl",
	}
}

func TestFromFields(t *testing.T) {
	o, err := FromFields(minimalFields())
	if err != nil {
		t.Fatal(err)
	}
	if o.Complaint.ReplyDays != 20 || JoinLangs(o.Langs()) != "fr+nl" || o.Name.In(NL) != "Dienst Voorbeeld" {
		t.Errorf("profile = %+v", o)
	}
	f := minimalFields()
	f["complaint.reply_days"] = "soon"
	f["colour"] = "red"
	_, err = FromFields(f)
	for _, want := range []string{"complaint.reply_days: must be a whole number", "colour: unknown key; known keys: address, closure_days, colours"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("FromFields = %v, want …%s…", err, want)
		}
	}
	f = minimalFields()
	f["name"] = "One name"
	if _, err = FromFields(f); err == nil || !strings.Contains(err.Error(), "name.fr: name is given both as one value and as parts") {
		t.Errorf("FromFields = %v", err)
	}
}

// TestFromFieldsBounded: the attacks the hardening issue reproduced are
// refused at once, with bounded work: a field path 45 000 levels deep (it
// grew the YAML text with the square of its depth), 100 000 unknown fields
// (each problem listing the known keys: a 20 MB answer).
func TestFromFieldsBounded(t *testing.T) {
	deep := minimalFields()
	deep[strings.Repeat("a.", 45000)+"a"] = "x"
	many := minimalFields()
	for i := range 100_000 {
		many[fmt.Sprintf("unknown%d", i)] = "x"
	}
	unknown := minimalFields()
	for i := range 280 {
		unknown[fmt.Sprintf("unknown%d", i)] = "x"
	}
	for _, tt := range []struct {
		name   string
		fields map[string]string
		want   string
	}{
		{"deep path", deep, "a field path of 90001 bytes; at most 64"},
		{"five parts", map[string]string{"a.b.c.d.e": "x"}, "a.b.c.d.e: a field path of 5 parts; at most 4"},
		{"empty part", map[string]string{"name..fr": "x"}, "a field path with an empty part"},
		{"many fields", many, "100011 fields; a profile has at most 300"},
		{"many unknown", unknown, "… and 231 more problems"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := FromFields(tt.fields)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("FromFields = %.300v, want …%s…", err, tt.want)
			}
			if n := len(err.Error()); n > 20_000 {
				t.Errorf("the report is %d bytes", n)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestProblemsCapped(t *testing.T) {
	ps := make(Problems, 120)
	if got := ps.Capped(50); len(got) != 50 || got[49].Message != "… and 71 more problems" {
		t.Errorf("Capped = %d problems, last %q", len(got), got[len(got)-1].Message)
	}
	if got := ps[:50].Capped(50); len(got) != 50 || got[49].Message != "" {
		t.Error("50 problems are all listed")
	}
}

// FuzzFromFields: the form-to-profile path (web form, bodies CSV) never
// panics, answers within bounds, and what it accepts is a whole profile.
func FuzzFromFields(f *testing.F) {
	f.Add("name.fr", "Service", "complaint.form_url", "https://e.be/x", "languages", "fr")
	f.Add("a.a.a.a.a", "x", "name", "n", "name.fr", "m")
	f.Add("complaint.reply_days", "12", "second_line.name.fr", "Médiateur", "colours.accent", "#000000")
	f.Add("logo_pack", "../x", "website", "https://x.be:99999/", "address.de", "\u202e")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2, k3, v3 string) {
		fields := minimalFields()
		fields[k1], fields[k2], fields[k3] = v1, v2, v3
		o, err := FromFields(fields)
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error %v is not Problems", err)
			}
			if len(ps) > 50 {
				t.Fatalf("%d problems reported", len(ps))
			}
			return
		}
		for _, l := range o.Langs() {
			if !o.Name.Has(l) || !o.Complaint.FormURL.Has(l) {
				t.Fatalf("accepted a profile without name or form in %s", l)
			}
		}
	})
}

// TestExampleLeft: the demo profile is all example; a real body's is not;
// one example address left in a real profile is named by its path.
func TestExampleLeft(t *testing.T) {
	if got := Demo().ExampleLeft(); len(got) < 5 || got[0] != "name.fr" {
		t.Errorf("demo: %v", got)
	}
	o := Demo()
	o.Name = Text{By: map[Lang]string{FR: "Service public fédéral Stratégie et Appui", NL: "Federale Overheidsdienst Beleid en Ondersteuning"}}
	o.Address = Text{By: map[Lang]string{FR: "Boulevard Simon Bolivar 30, 1000 Bruxelles", NL: "Simon Bolivarlaan 30, 1000 Brussel"}}
	o.Website = "https://bosa.belgium.be"
	o.Complaint = Contact{FormURL: Text{All: "https://bosa.belgium.be/fr/plainte"}, Email: "plaintes@bosa.fgov.be", Phone: "+32 2 740 74 74"}
	o.Suggestion = o.Complaint
	o.Coordinator = Person{Name: "Camille Martin", Email: "coordination@example.net", Phone: "+32 2 740 74 00"}
	if got := o.ExampleLeft(); len(got) != 1 || got[0] != "coordinator.email" {
		t.Errorf("ExampleLeft = %v, want [coordinator.email]", got)
	}
}
