package layout

import (
	"strings"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/golden"
)

// corpus loads the profiles of real bodies in testdata/bodies at the
// repository's root (real names, fictitious contact points).
func corpus(t *testing.T) map[string]*brand.Org {
	return golden.Bodies(t, 30, "../../../testdata/bodies/*.yaml")
}

// posterSets is what a kit makes: the region's pair, each language alone.
func posterSets(o *brand.Org) [][]brand.Lang {
	sets := [][]brand.Lang{}
	if p := o.PosterLangs(); len(p) > 1 {
		sets = append(sets, p)
	}
	for _, l := range o.Langs() {
		sets = append(sets, []brand.Lang{l})
	}
	return sets
}

// TestEveryRealBodyGetsItsPosters: for every body of the corpus, every
// language alone gets its posters, a pair gets them or a refusal that says
// by how much and what to shorten, and no page breaks an invariant.
func TestEveryRealBodyGetsItsPosters(t *testing.T) {
	pairs, unfit := 0, 0
	for name, o := range corpus(t) {
		for _, ch := range brand.Channels {
			for _, set := range posterSets(o) {
				for _, size := range Sizes {
					doc, err := Poster(o, PosterOptions{Channel: ch, Langs: set, Size: size})
					if len(set) > 1 {
						pairs++
					}
					if err != nil && len(set) > 1 && strings.Contains(err.Error(), "TEXT-MIN-SIZE") && strings.Contains(err.Error(), "pt too much") && strings.Contains(err.Error(), ": shorten ") {
						unfit++
						continue
					}
					if err != nil {
						t.Errorf("%s %s %s %s: %v", name, ch, brand.JoinLangs(set), size, err)
						continue
					}
					for _, msg := range Invariants(doc.Pages[0]) {
						t.Errorf("%s %s %s %s: %s", name, ch, brand.JoinLangs(set), size, msg)
					}
				}
			}
		}
	}
	t.Logf("%d of %d two-language posters do not fit and are refused with their numbers", unfit, pairs)
}

// TestSizesAreMonotonic: whatever fits A5 fits A4 and A3, for the corpus
// and for texts lengthened until they stop fitting.
func TestSizesAreMonotonic(t *testing.T) {
	orgs := corpus(t)
	var cases []*brand.Org
	for _, o := range orgs {
		cases = append(cases, o)
	}
	for n := 1; n <= 8; n++ {
		o := brand.Demo()
		for _, l := range o.Langs() {
			o.Complaint.Hours.By[l] = strings.Repeat("du lundi au vendredi de 9 h à 12 h, ", n)
		}
		cases = append(cases, o)
	}
	for i, o := range cases {
		for _, set := range posterSets(o) {
			fits := map[Size]bool{}
			for _, size := range Sizes {
				_, err := Poster(o, PosterOptions{Channel: brand.Complaint, Langs: set, Size: size})
				fits[size] = err == nil
			}
			if fits[A5] && (!fits[A4] || !fits[A3]) || fits[A4] && !fits[A3] {
				t.Errorf("case %d %s: fits A5 %v, A4 %v, A3 %v", i, brand.JoinLangs(set), fits[A5], fits[A4], fits[A3])
			}
		}
	}
}
