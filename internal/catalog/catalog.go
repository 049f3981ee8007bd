// Package catalog holds the user-facing texts of affiches, one catalog per
// language, read from templates/catalog. Every entry records whether its
// wording comes from a public source or is our proposal.
package catalog

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
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

// catalogs are loaded per language on first use: a command in one
// language reads one file.
var catalogs = func() map[brand.Lang]func() (map[string]Entry, error) {
	m := map[brand.Lang]func() (map[string]Entry, error){}
	for _, l := range brand.Langs {
		m[l] = sync.OnceValues(func() (map[string]Entry, error) { return loadLang(l) })
	}
	return m
}()

func loadLang(l brand.Lang) (map[string]Entry, error) {
	data, err := templates.FS.ReadFile("catalog/" + string(l) + ".yaml")
	if err != nil {
		return nil, err
	}
	m, ok := parseFast(data)
	if !ok {
		if m, err = parseYAML(data); err != nil {
			return nil, fmt.Errorf("catalog %s: %w", l, err)
		}
	}
	if l == brand.FR {
		for k, e := range m {
			e.Text = frenchSpaces(e.Text)
			m[k] = e
		}
	}
	return m, nil
}

func parseYAML(data []byte) (map[string]Entry, error) {
	m := map[string]Entry{}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

// entryLine is the one form catalog lines take. Reading it directly is
// twenty times faster than a YAML decoder, which matters to a command's
// start; any other line sends the file through the YAML decoder instead,
// and a test checks both readings agree.
var entryLine = regexp.MustCompile(`^([A-Za-z0-9_.\-]+): \{text: ("(?:[^"\\]|\\.)*"), (?:proposal: (true)|source: ("(?:[^"\\]|\\.)*"))\}$`)

func parseFast(data []byte) (map[string]Entry, bool) {
	m := map[string]Entry{}
	for _, line := range strings.Split(string(data), "\n") {
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		sm := entryLine.FindStringSubmatch(line)
		if sm == nil {
			return nil, false
		}
		text, err := strconv.Unquote(sm[2])
		if err != nil {
			return nil, false
		}
		e := Entry{Text: text, Proposal: sm[3] == "true"}
		if sm[4] != "" {
			if e.Source, err = strconv.Unquote(sm[4]); err != nil {
				return nil, false
			}
		}
		if _, dup := m[sm[1]]; dup {
			return nil, false // let the YAML decoder report it
		}
		m[sm[1]] = e
	}
	return m, true
}

// frenchSpaces turns the space before ? ! : ; into a no-break space, so the
// sign never starts a line (French typography).
func frenchSpaces(s string) string {
	r := strings.NewReplacer(" ?", "\u00a0?", " !", "\u00a0!", " :", "\u00a0:", " ;", "\u00a0;", "« ", "«\u00a0", " »", "\u00a0»")
	return r.Replace(s)
}

func lang(l brand.Lang) map[string]Entry {
	load, ok := catalogs[l]
	if !ok {
		return nil
	}
	m, err := load()
	if err != nil {
		panic(err) // embedded catalogs: the tests parse them
	}
	return m
}

// T returns the text of key in l, with each {name} replaced by the value
// that follows it in args ("days", "5"). A missing key panics: keys are
// constants in the code and a test checks each exists in every language.
func T(l brand.Lang, key string, args ...string) string {
	e, ok := lang(l)[key]
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
func Entries(l brand.Lang) map[string]Entry { return lang(l) }

// Keys returns every key of every catalog, sorted.
func Keys() []string {
	seen := map[string]bool{}
	for _, l := range brand.Langs {
		for k := range lang(l) {
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
