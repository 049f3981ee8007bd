package catalog

import (
	"strings"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/text"
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

// TestYAMLRefusesDuplicates: a key given twice in a catalog stops the
// generator, naming the key.
func TestYAMLRefusesDuplicates(t *testing.T) {
	data := "b: {text: \"one\", proposal: true}\na: {text: \"x\", proposal: true}\nb: {text: \"two\", proposal: true}\n"
	if _, err := readCatalog(brand.EN, data); err == nil || !strings.Contains(err.Error(), `"b"`) {
		t.Errorf("reading: %v, want an error naming the key", err)
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
