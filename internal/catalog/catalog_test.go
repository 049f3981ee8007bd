package catalog

import (
	"strings"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/text"
	"affiches/templates"
)

func TestEveryKeyInEveryLanguage(t *testing.T) {
	for _, k := range Keys() {
		for _, l := range brand.Langs {
			e, ok := Entries(l)[k]
			if !ok {
				t.Errorf("catalog %s lacks %q", l, k)
				continue
			}
			if strings.TrimSpace(e.Text) == "" {
				t.Errorf("catalog %s: %q is empty", l, k)
			}
			if e.Source == "" && !e.Proposal {
				t.Errorf("catalog %s: %q has neither a source nor proposal: true", l, k)
			}
		}
	}
}

func TestEveryCharacterCoveredByTheFonts(t *testing.T) {
	fonts := text.Fonts()
	for _, l := range brand.Langs {
		for k, e := range Entries(l) {
			s := strings.ReplaceAll(e.Text, "\n", "")
			for _, f := range []*text.Font{fonts.Regular, fonts.Bold} {
				if m := f.Missing(s); len(m) > 0 {
					t.Errorf("catalog %s: %q: %s lacks %q", l, k, f.Name, m)
				}
			}
		}
	}
}

// withoutPlaceholders are the entries a language writes without a value
// the others use: French salutations name no one ("Madame,").
var withoutPlaceholders = map[string]brand.Lang{
	"letter.salutation.ms": brand.FR,
	"letter.salutation.mr": brand.FR,
}

func TestPlaceholdersMatchAcrossLanguages(t *testing.T) {
	for _, k := range Keys() {
		want := placeholders(Entries(brand.EN)[k].Text)
		for _, l := range brand.Langs {
			if withoutPlaceholders[k] == l {
				if got := placeholders(Entries(l)[k].Text); got != "" {
					t.Errorf("%s %q has placeholders %q, want none", l, k, got)
				}
				continue
			}
			if got := placeholders(Entries(l)[k].Text); got != want {
				t.Errorf("%s %q has placeholders %q, en has %q", l, k, got, want)
			}
		}
	}
}

func placeholders(s string) string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		out = append(out, s[i:i+j+1])
		s = s[i+j+1:]
	}
	return strings.Join(out, ",")
}

func TestFrenchSpaces(t *testing.T) {
	got := T(brand.FR, "logo.complaint.baseline")
	if !strings.HasSuffix(got, "prestations\u00a0?") {
		t.Errorf("baseline = %q, want a no-break space before ?", got)
	}
	if got := T(brand.FR, "poster.complaint.ack", "days", "5"); !strings.Contains(got, "5 jours") {
		t.Errorf("T with days = %q", got)
	}
}

func TestBaselinesHaveTwoLines(t *testing.T) {
	for _, l := range brand.Langs {
		for _, ch := range brand.Channels {
			if n := strings.Count(T(l, "logo."+string(ch)+".baseline"), "\n"); n != 1 {
				t.Errorf("%s %s baseline has %d line breaks, want one (a two-line baseline)", l, ch, n)
			}
		}
	}
}

func TestFastReadingAgreesWithYAML(t *testing.T) {
	for _, l := range brand.Langs {
		file, err := templates.FS.ReadFile("catalog/" + string(l) + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		data := string(file)
		fastTable, ok := parseFast(data)
		fast := tableMap(fastTable)
		if !ok {
			t.Errorf("%s: a line is not in the one form the fast reader takes", l)
			continue
		}
		slow, err := parseYAML(data)
		if err != nil {
			t.Fatal(err)
		}
		if len(fast) != len(slow) {
			t.Errorf("%s: %d entries, YAML reads %d", l, len(fast), len(slow))
		}
		for k, e := range slow {
			if fast[k] != e {
				t.Errorf("%s %s: fast %+v, YAML %+v", l, k, fast[k], e)
			}
		}
	}
}

// TestFastReadingRefuses: a line the fast reader does not take whole goes
// to the YAML decoder (ok false), never half-read.
func TestFastReadingRefuses(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
		text string
	}{
		{`a.b: {text: "Vous pouvez \"déposer\"\nune plainte", source: "x"}`, true, "Vous pouvez \"déposer\"\nune plainte"},
		{`a.b: {text: "plain", proposal: true}`, true, "plain"},
		{`a.b: {text: "plain", proposal: false}`, false, ""},
		{`a.b: {text: "unterminated, proposal: true}`, false, ""},
		{`a.b: {text: "x", source: "y"} # comment`, false, ""},
		{`a b: {text: "x", proposal: true}`, false, ""},
		{`a.b: {text: "bad \q escape", proposal: true}`, false, ""},
		{`a.b: "x"`, false, ""},
	} {
		parsed, ok := parseFast(tc.line)
		m := tableMap(parsed)
		if ok != tc.ok || (ok && m["a.b"].Text != tc.text) {
			t.Errorf("%s: ok %v %q; want %v %q", tc.line, ok, m["a.b"].Text, tc.ok, tc.text)
		}
	}
}

func tableMap(t table) map[string]Entry {
	m := map[string]Entry{}
	for _, e := range t {
		m[e.key] = e.Entry
	}
	return m
}

// TestFastReadingRefusesDuplicates: a key given twice goes to the YAML
// decoder, which names it.
func TestFastReadingRefusesDuplicates(t *testing.T) {
	data := "b: {text: \"one\", proposal: true}\na: {text: \"x\", proposal: true}\nb: {text: \"two\", proposal: true}\n"
	if _, ok := parseFast(data); ok {
		t.Error("a key given twice was read")
	}
	if _, err := parseYAML(data); err == nil || !strings.Contains(err.Error(), "b") {
		t.Errorf("YAML reading: %v, want an error naming the key", err)
	}
}

// TestLookups: T, Has and Entries agree on every key of every catalog.
func TestLookups(t *testing.T) {
	for _, l := range brand.Langs {
		m := Entries(l)
		for k, e := range m {
			if !Has(l, k) || (!strings.Contains(e.Text, "{") && T(l, k) != e.Text) {
				t.Errorf("%s %s: T or Has disagree with Entries", l, k)
			}
		}
		if Has(l, "no.such.key") || Has(l, "") {
			t.Errorf("%s: Has finds a key that is not there", l)
		}
	}
}
