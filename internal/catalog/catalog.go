// Package catalog holds the user-facing texts of affiches, one catalog per
// language, read from templates/catalog. Every entry records whether its
// wording comes from a public source or is our proposal.
package catalog

import (
	"fmt"
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

// parseFast reads the one form catalog lines take,
//
//	key: {text: "…", source: "…"}   or   key: {text: "…", proposal: true}
//
// directly, without a YAML decoder or a regular expression: a command's
// start reads a catalog, and this is twenty times faster. Any other line
// sends the file through the YAML decoder instead, and a test checks both
// readings agree.
func parseFast(data []byte) (map[string]Entry, bool) {
	m := make(map[string]Entry, 600)
	for line := range strings.SplitSeq(string(data), "\n") {
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		key, rest, ok := strings.Cut(line, ": {text: ")
		if !ok || !isKey(key) {
			return nil, false
		}
		text, rest, ok := quoted(rest)
		if !ok {
			return nil, false
		}
		e := Entry{Text: text}
		switch {
		case rest == ", proposal: true}":
			e.Proposal = true
		case strings.HasPrefix(rest, ", source: "):
			var tail string
			if e.Source, tail, ok = quoted(rest[len(", source: "):]); !ok || tail != "}" {
				return nil, false
			}
		default:
			return nil, false
		}
		if _, dup := m[key]; dup {
			return nil, false // let the YAML decoder report it
		}
		m[key] = e
	}
	return m, true
}

// isKey says whether k is a catalog key: letters, digits, _ . and -.
func isKey(k string) bool {
	for _, c := range []byte(k) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return k != ""
}

// quoted reads a double-quoted string at the start of s, Go's escapes
// being YAML's for what the catalogs use, and returns it with what follows.
func quoted(s string) (text, rest string, ok bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", "", false
	}
	escaped := false
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			escaped = true
			i++
		case '"':
			if !escaped {
				return s[1:i], s[i+1:], true
			}
			t, err := strconv.Unquote(s[:i+1])
			return t, s[i+1:], err == nil
		}
	}
	return "", "", false
}

// frenchSpaces turns the space before ? ! : ; into a no-break space, so the
// sign never starts a line (French typography).
func frenchSpaces(s string) string { return frenchSpacer.Replace(s) }

// frenchSpacer is made once: a replacer builds its tables on first use,
// which cost more than replacing (a tenth of a cold command when it was
// made for every entry).
var frenchSpacer = strings.NewReplacer(" ?", "\u00a0?", " !", "\u00a0!", " :", "\u00a0:", " ;", "\u00a0;", "« ", "«\u00a0", " »", "\u00a0»")

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
