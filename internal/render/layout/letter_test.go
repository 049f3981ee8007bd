package layout

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"affiches/internal/brand"
	"affiches/internal/casefile"
	"affiches/internal/golden"
)

var letterKinds = []casefile.Kind{casefile.Acknowledgement, casefile.InformationRequest, casefile.Inadmissible, casefile.Reply}

func letterCase(t *testing.T, l brand.Lang) *casefile.Case {
	t.Helper()
	data, err := os.ReadFile("../../casefile/testdata/case-" + string(l) + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := casefile.ParseCase(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// letterDoc lays out kind k for o in l, blank or filled from c.
func letterDoc(t *testing.T, o *brand.Org, k casefile.Kind, l brand.Lang, c *casefile.Case) ([]string, error) {
	t.Helper()
	d, err := casefile.Build(o, k, casefile.Options{Lang: l, Case: c, Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("%s %s: %v", k, l, err)
	}
	doc, err := Letter(d)
	if err != nil {
		return nil, err
	}
	var dumps []string
	for i, p := range doc.Pages {
		dumps = append(dumps, p.Dump())
		for _, msg := range Invariants(p) {
			t.Errorf("%s %s page %d: %s", k, l, i+1, msg)
		}
	}
	return dumps, nil
}

// TestLetterGolden: the French letters, filled, and the registration form,
// as display lists.
func TestLetterGolden(t *testing.T) {
	c := letterCase(t, brand.FR)
	for _, k := range append([]casefile.Kind{casefile.Registration}, letterKinds...) {
		cc := c
		if k == casefile.Registration {
			cc = nil
		}
		dumps, err := letterDoc(t, brand.Demo(), k, brand.FR, cc)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		golden.Check(t, fmt.Sprintf("letter-%s-fr.page", k), []byte(strings.Join(dumps, "\n")))
	}
}

// TestLettersOfRealBodies: every letter, blank and filled, in every
// language of every body of the corpus, lays out without breaking an
// invariant: long names wrap beside the logo, nothing leaves the page.
func TestLettersOfRealBodies(t *testing.T) {
	for name, o := range corpus(t) {
		for _, l := range o.Langs() {
			c := letterCase(t, l)
			for _, k := range append([]casefile.Kind{casefile.Registration}, letterKinds...) {
				for _, cc := range []*casefile.Case{nil, c} {
					if k == casefile.Registration && cc != nil {
						continue
					}
					if _, err := letterDoc(t, o, k, l, cc); err != nil {
						t.Errorf("%s %s %s: %v", name, k, l, err)
					}
				}
			}
		}
	}
}

// TestLetterRefusesWhatCannotFit: a word wider than the page is refused
// with its field, never drawn past the edge.
func TestLetterRefusesWhatCannotFit(t *testing.T) {
	c := letterCase(t, brand.FR)
	c.Findings = strings.Repeat("Überschreitungsbenachrichtigung", 8)
	d, err := casefile.Build(brand.Demo(), casefile.Reply, casefile.Options{Lang: brand.FR, Case: c})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Letter(d)
	if err == nil || !strings.Contains(err.Error(), "TEXT-FIT") {
		t.Fatalf("Letter = %v, want a TEXT-FIT refusal", err)
	}
}

// TestIndicatorsReport: the report lays out in every language.
func TestIndicatorsReport(t *testing.T) {
	in := casefile.Compute(nil, 2026, brand.Demo())
	for _, l := range brand.Langs {
		doc, err := IndicatorsReport(brand.Demo(), l, in)
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		for i, p := range doc.Pages {
			for _, msg := range Invariants(p) {
				t.Errorf("%s page %d: %s", l, i+1, msg)
			}
		}
	}
}
