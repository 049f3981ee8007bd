package check

import (
	"slices"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/rules"
)

// TestLangSet: a federal body whose languages leave out Dutch is refused,
// English added or not.
func TestLangSet(t *testing.T) {
	for _, langs := range [][]brand.Lang{{brand.EN}, {brand.FR, brand.EN}} {
		o := brand.Demo()
		o.Languages = langs
		r := Org(o, nil)
		if !slices.ContainsFunc(r.Problems, func(p brand.Problem) bool { return p.Rule == rules.LangSet.ID }) {
			t.Errorf("%s: no LANG-SET problem in %v", brand.JoinLangs(langs), r.Problems)
		}
	}
}

// TestRulesThatRan: the demo body's check runs every rule, each on the
// assets it applies to, and reports them in the order of rules.All.
func TestRulesThatRan(t *testing.T) {
	r := Org(brand.Demo(), nil)
	if len(r.Problems) > 0 {
		t.Fatal(r.Problems)
	}
	var want []string
	for _, rule := range rules.All {
		want = append(want, rule.ID)
	}
	if !slices.Equal(r.Rules, want) {
		t.Errorf("rules that ran = %v, want %v", r.Rules, want)
	}
}
