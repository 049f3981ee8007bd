// Package catalog holds the user-facing texts of affiches, one catalog per
// language. Every entry records whether its wording comes from a public
// source or is our proposal.
//
// The texts are edited in templates/catalog/*.yaml. tables_gen.go holds
// the same catalogs as Go data, sorted, with French spacing applied, so
// that a command reads no YAML when it starts (issue 18: reading two
// catalogs was a tenth of a cold poster). After editing a catalog, run
//
//	go test ./internal/catalog -run TestTables -update
//
// TestTables fails while the two disagree.
package catalog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"affiches/internal/brand"
)

// Entry is one text of a catalog.
type Entry struct {
	Text     string `yaml:"text"`
	Source   string `yaml:"source"`   // where the wording comes from
	Proposal bool   `yaml:"proposal"` // our own wording, to be confirmed
}

// table is a catalog: its entries sorted by key, looked up by binary
// search. A map of the 500 entries cost a command's start more (its pages
// are touched as it is built) than the lookups it would save.
type table []keyed

type keyed struct {
	key string
	Entry
}

func (t table) find(key string) (Entry, bool) {
	i, ok := slices.BinarySearchFunc(t, key, func(e keyed, k string) int { return strings.Compare(e.key, k) })
	if !ok {
		return Entry{}, false
	}
	return t[i].Entry, true
}

func lang(l brand.Lang) table {
	switch l {
	case brand.DE:
		return tableDE
	case brand.EN:
		return tableEN
	case brand.FR:
		return tableFR
	case brand.NL:
		return tableNL
	}
	return nil
}

// T returns the text of key in l, with each {name} replaced by the value
// that follows it in args ("days", "5"). A missing key panics: keys are
// constants in the code and a test checks each exists in every language.
func T(l brand.Lang, key string, args ...string) string {
	e, ok := lang(l).find(key)
	if !ok {
		panic(fmt.Sprintf("catalog %s: no key %q", l, key))
	}
	s := e.Text
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}

// Has says whether the catalog of l has key.
func Has(l brand.Lang, key string) bool {
	_, ok := lang(l).find(key)
	return ok
}

// Entries returns the catalog of l as a map, made on first use: for
// listings and tests; lookups go through T and Has.
func Entries(l brand.Lang) map[string]Entry {
	if f, ok := entryMaps[l]; ok {
		return f()
	}
	return nil
}

var entryMaps = func() map[brand.Lang]func() map[string]Entry {
	m := map[brand.Lang]func() map[string]Entry{}
	for _, l := range brand.Langs {
		m[l] = sync.OnceValue(func() map[string]Entry {
			t := lang(l)
			m := make(map[string]Entry, len(t))
			for _, e := range t {
				m[e.key] = e.Entry
			}
			return m
		})
	}
	return m
}()

// Keys returns every key of every catalog, sorted.
func Keys() []string {
	var keys []string
	for _, l := range brand.Langs {
		for _, e := range lang(l) {
			keys = append(keys, e.key)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// Number writes v with the given decimals the way l writes numbers: a
// decimal comma and a no-break space or a point between thousands in
// French, Dutch and German (25,5; 22 806; 22.806), a decimal point and a
// comma between thousands in English (25.5; 22,806).
func Number(l brand.Lang, v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	thousands, point := ".", ","
	switch l {
	case brand.FR:
		thousands = "\u00a0"
	case brand.EN:
		thousands, point = ",", "."
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(point + frac)
	}
	return b.String()
}

// Percent writes a share (0.67) as a percentage the way l does: "67 %" in
// French and German (a no-break space), "67%" in Dutch and English.
func Percent(l brand.Lang, share float64, decimals int) string {
	n := Number(l, share*100, decimals)
	if l == brand.FR || l == brand.DE {
		return n + "\u00a0%"
	}
	return n + "%"
}
