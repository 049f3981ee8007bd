// Package catalog holds the user-facing texts of affiches, one catalog per
// language, read from templates/catalog. Every entry records whether its
// wording comes from a public source or is our proposal.
package catalog

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"affiches/internal/brand"
	"affiches/templates"

	"gopkg.in/yaml.v3"
)

// Entry is one text of a catalog.
type Entry struct {
	Text     string `yaml:"text"`
	Source   string `yaml:"source"`   // where the wording comes from
	Proposal bool   `yaml:"proposal"` // our own wording, to be confirmed
}

var load = sync.OnceValues(func() (map[brand.Lang]map[string]Entry, error) {
	out := map[brand.Lang]map[string]Entry{}
	for _, l := range brand.Langs {
		data, err := templates.FS.ReadFile("catalog/" + string(l) + ".yaml")
		if err != nil {
			return nil, err
		}
		m := map[string]Entry{}
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		if err := dec.Decode(&m); err != nil {
			return nil, fmt.Errorf("catalog %s: %w", l, err)
		}
		for k, e := range m {
			if l == brand.FR {
				e.Text = frenchSpaces(e.Text)
			}
			m[k] = e
		}
		out[l] = m
	}
	return out, nil
})

// frenchSpaces turns the space before ? ! : ; into a no-break space, so the
// sign never starts a line (French typography).
func frenchSpaces(s string) string {
	r := strings.NewReplacer(" ?", "\u00a0?", " !", "\u00a0!", " :", "\u00a0:", " ;", "\u00a0;", "« ", "«\u00a0", " »", "\u00a0»")
	return r.Replace(s)
}

func all() map[brand.Lang]map[string]Entry {
	m, err := load()
	if err != nil {
		panic(err) // embedded catalogs: TestCatalogs parses them
	}
	return m
}

// T returns the text of key in l, with each {name} replaced by the value
// that follows it in args ("days", "5"). A missing key panics: keys are
// constants in the code and a test checks each exists in every language.
func T(l brand.Lang, key string, args ...string) string {
	e, ok := all()[l][key]
	if !ok {
		panic(fmt.Sprintf("catalog %s: no key %q", l, key))
	}
	s := e.Text
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}

// Entries returns the catalog of l.
func Entries(l brand.Lang) map[string]Entry { return all()[l] }

// Keys returns every key of every catalog, sorted.
func Keys() []string {
	seen := map[string]bool{}
	for _, m := range all() {
		for k := range m {
			seen[k] = true
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
