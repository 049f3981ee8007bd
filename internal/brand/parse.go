package brand

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"affiches/internal/limits"

	"gopkg.in/yaml.v3"
)

// MaxTextLen bounds every text of a profile, in characters: longer values are
// refused at parse time instead of reaching the layout.
const MaxTextLen = limits.TextChars

// Parse reads a profile from YAML, applies defaults and validates it. The
// error, if any, is a Problems listing everything wrong at once, unknown keys
// included (at most limits.Problems of them, the rest counted).
//
// What it costs is bounded before it is spent: a profile over
// limits.ProfileBytes is refused unread, and one with more YAML nodes than
// limits.ProfileNodes, or mappings nested deeper than limits.ProfileDepth,
// is refused before any field is looked at.
func Parse(data []byte) (*Org, error) {
	if len(data) > limits.ProfileBytes {
		return nil, Problems{{Message: fmt.Sprintf("the profile is %d bytes; at most %d are read (a full profile is under 8 KiB)", len(data), limits.ProfileBytes)}}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, Problems{{Message: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	if len(root.Content) == 0 {
		return nil, Problems{{Message: "the profile is empty"}}
	}
	return parseNode(root.Content[0])
}

// parseNode decodes a profile from its YAML tree, as Parse and FromFields
// build it.
func parseNode(n *yaml.Node) (*Org, error) {
	if count, deep := size(n, 1); count > limits.ProfileNodes {
		return nil, Problems{{Message: fmt.Sprintf("the profile has more than %d keys and values; a full profile has about 150", limits.ProfileNodes)}}
	} else if deep {
		return nil, Problems{{Message: fmt.Sprintf("the profile nests mappings more than %d levels deep; its deepest field (second_line.name.fr) is 3", limits.ProfileDepth)}}
	}
	d := &decoder{}
	o := &Org{}
	d.org(n, o)
	d.problems = append(d.problems, Validate(o)...)
	d.problems.Sort()
	return o, d.problems.Capped(limits.Problems).Err()
}

// size counts the nodes under n, stopping past limits.ProfileNodes, and
// reports whether mappings or lists nest deeper than limits.ProfileDepth.
func size(n *yaml.Node, depth int) (count int, tooDeep bool) {
	if depth > limits.ProfileDepth {
		return 1, true
	}
	count = 1
	for _, c := range n.Content {
		k, deep := size(c, depth+1)
		count += k
		if deep || count > limits.ProfileNodes {
			return count, deep
		}
	}
	return count, false
}

type decoder struct {
	problems Problems
}

func (d *decoder) add(field, format string, args ...any) {
	d.problems = append(d.problems, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// fields walks a mapping node, calling the handler of each known key and
// reporting unknown and repeated keys.
func (d *decoder) fields(n *yaml.Node, path string, handlers map[string]func(*yaml.Node, string)) {
	if n.Kind != yaml.MappingNode {
		d.add(path, "must be a mapping of keys%s", line(n))
		return
	}
	seen := map[string]bool{}
	known := ""
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		p := join(path, k)
		h, ok := handlers[k]
		switch {
		case !ok:
			if known == "" {
				known = keyList(handlers)
			}
			d.add(p, "unknown key%s; known keys: %s", line(n.Content[i]), known)
		case seen[k]:
			d.add(p, "given twice%s", line(n.Content[i]))
		default:
			seen[k] = true
			h(v, p)
		}
	}
}

// line says where a node is in a YAML file; nodes FromFields builds have
// no line.
func line(n *yaml.Node) string {
	if n.Line == 0 {
		return ""
	}
	return fmt.Sprintf(" (line %d)", n.Line)
}

func keyList(handlers map[string]func(*yaml.Node, string)) string {
	keys := make([]string, 0, len(handlers))
	for k := range handlers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

func (d *decoder) org(n *yaml.Node, o *Org) {
	d.fields(n, "", map[string]func(*yaml.Node, string){
		"name":      func(v *yaml.Node, p string) { o.Name = d.text(v, p) },
		"region":    func(v *yaml.Node, p string) { o.Region = Region(d.str(v, p)) },
		"languages": func(v *yaml.Node, p string) { o.Languages = d.langs(v, p) },
		"website":   func(v *yaml.Node, p string) { o.Website = d.str(v, p) },
		"address":   func(v *yaml.Node, p string) { o.Address = d.text(v, p) },
		"colours": func(v *yaml.Node, p string) {
			d.fields(v, p, map[string]func(*yaml.Node, string){
				"accent": func(v *yaml.Node, p string) {
					s := d.str(v, p)
					c, err := ParseColour(s)
					if err != nil {
						d.add(p, "%v", err)
						return
					}
					o.Accent = c
				},
			})
		},
		"complaint":    func(v *yaml.Node, p string) { d.contact(v, p, &o.Complaint) },
		"suggestion":   func(v *yaml.Node, p string) { d.contact(v, p, &o.Suggestion) },
		"coordinator":  func(v *yaml.Node, p string) { d.person(v, p, &o.Coordinator) },
		"second_line":  func(v *yaml.Node, p string) { o.SecondLine = d.secondLine(v, p) },
		"closure_days": func(v *yaml.Node, p string) { o.ClosureDays = d.closureDays(v, p) },
		"logo_pack":    func(v *yaml.Node, p string) { o.LogoPack = d.str(v, p) },
	})
}

func (d *decoder) contact(n *yaml.Node, path string, c *Contact) {
	d.fields(n, path, map[string]func(*yaml.Node, string){
		"form_url":             func(v *yaml.Node, p string) { c.FormURL = d.text(v, p) },
		"email":                func(v *yaml.Node, p string) { c.Email = d.str(v, p) },
		"phone":                func(v *yaml.Node, p string) { c.Phone = d.str(v, p) },
		"hours":                func(v *yaml.Node, p string) { c.Hours = d.text(v, p) },
		"acknowledgement_days": func(v *yaml.Node, p string) { c.AcknowledgementDays = d.integer(v, p) },
		"reply_days":           func(v *yaml.Node, p string) { c.ReplyDays = d.integer(v, p) },
	})
}

func (d *decoder) person(n *yaml.Node, path string, pe *Person) {
	d.fields(n, path, map[string]func(*yaml.Node, string){
		"name":  func(v *yaml.Node, p string) { pe.Name = d.str(v, p) },
		"title": func(v *yaml.Node, p string) { pe.Title = d.text(v, p) },
		"email": func(v *yaml.Node, p string) { pe.Email = d.str(v, p) },
		"phone": func(v *yaml.Node, p string) { pe.Phone = d.str(v, p) },
	})
}

// secondLine reads either a directory id or a map, which may start from a
// directory entry (id) and override any of its fields.
func (d *decoder) secondLine(n *yaml.Node, path string) SecondLine {
	if n.Kind == yaml.ScalarNode {
		id := d.str(n, path)
		s, ok := Directory()[id]
		if !ok {
			d.add(path, "unknown second-line body %q; known: %s", id, strings.Join(DirectoryIDs(), ", "))
		}
		return s
	}
	var s SecondLine
	var id string
	var over SecondLine
	d.fields(n, path, map[string]func(*yaml.Node, string){
		"id":      func(v *yaml.Node, p string) { id = d.str(v, p) },
		"name":    func(v *yaml.Node, p string) { over.Name = d.text(v, p) },
		"url":     func(v *yaml.Node, p string) { over.URL = d.text(v, p) },
		"phone":   func(v *yaml.Node, p string) { over.Phone = d.text(v, p) },
		"email":   func(v *yaml.Node, p string) { over.Email = d.text(v, p) },
		"address": func(v *yaml.Node, p string) { over.Address = d.text(v, p) },
		"verify":  func(v *yaml.Node, p string) { over.Verify = d.boolean(v, p) },
	})
	if id != "" {
		var ok bool
		if s, ok = Directory()[id]; !ok {
			d.add(join(path, "id"), "unknown second-line body %q; known: %s", id, strings.Join(DirectoryIDs(), ", "))
		}
	}
	if !over.Name.IsZero() {
		s.Name = over.Name
	}
	if !over.URL.IsZero() {
		s.URL = over.URL
	}
	if !over.Phone.IsZero() {
		s.Phone = over.Phone
	}
	if !over.Email.IsZero() {
		s.Email = over.Email
	}
	if !over.Address.IsZero() {
		s.Address = over.Address
	}
	s.Verify = s.Verify && !overridden(over) || over.Verify
	return s
}

// closureDays reads a preset name, or a map with a preset and days of the
// body's own ("12-24" every year, "2026-12-31" once).
func (d *decoder) closureDays(n *yaml.Node, path string) ClosureDays {
	var c ClosureDays
	preset := func(v *yaml.Node, p string) {
		c.Preset = d.str(v, p)
		if _, ok := ClosurePresets[c.Preset]; !ok && c.Preset != "" {
			d.add(p, "unknown preset %q; known: %s", c.Preset, strings.Join(ClosurePresetNames(), ", "))
			c.Preset = ""
		}
	}
	if n.Kind == yaml.ScalarNode {
		preset(n, path)
		return c
	}
	d.fields(n, path, map[string]func(*yaml.Node, string){
		"preset": preset,
		"days": func(v *yaml.Node, p string) {
			if v.Kind != yaml.SequenceNode {
				d.add(p, "must be a list such as [\"12-24\", \"2026-12-31\"] (line %d)", v.Line)
				return
			}
			for i, item := range v.Content {
				ip := fmt.Sprintf("%s[%d]", p, i)
				md, date, err := parseClosureDay(d.str(item, ip))
				switch {
				case err != nil:
					d.add(ip, "%v", err)
				case date.IsZero():
					c.Yearly = append(c.Yearly, md)
				default:
					c.Dates = append(c.Dates, date)
				}
			}
		},
	})
	return c
}

// overridden reports whether a profile gave its own contact details, which
// then replace the directory's unverified ones.
func overridden(s SecondLine) bool {
	return !s.Address.IsZero() || !s.Phone.IsZero() || !s.URL.IsZero()
}

func (d *decoder) scalar(n *yaml.Node, path, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.add(path, "must be %s%s", what, line(n))
		return "", false
	}
	return n.Value, true
}

func (d *decoder) str(n *yaml.Node, path string) string {
	s, ok := d.scalar(n, path, "a text")
	if !ok {
		return ""
	}
	s = strings.TrimSpace(s)
	if msg := badText(s); msg != "" {
		d.add(path, "%s", msg)
		return ""
	}
	return s
}

func (d *decoder) integer(n *yaml.Node, path string) int {
	s, ok := d.scalar(n, path, "a whole number")
	if !ok {
		return 0
	}
	v, err := strconv.Atoi(s)
	if err != nil || n.Tag != "!!int" {
		d.add(path, "must be a whole number, not %q", s)
		return 0
	}
	return v
}

func (d *decoder) boolean(n *yaml.Node, path string) bool {
	s, ok := d.scalar(n, path, "true or false")
	if !ok {
		return false
	}
	if n.Tag != "!!bool" {
		d.add(path, "must be true or false, not %q", s)
		return false
	}
	return s == "true"
}

// text reads one value for all languages, or a map by language.
func (d *decoder) text(n *yaml.Node, path string) Text {
	if n.Kind == yaml.ScalarNode {
		return Text{All: d.str(n, path)}
	}
	if n.Kind != yaml.MappingNode {
		d.add(path, "must be a text or a map by language (fr, nl, de, en)%s", line(n))
		return Text{}
	}
	t := Text{By: map[Lang]string{}}
	handlers := map[string]func(*yaml.Node, string){}
	for _, l := range Langs {
		l := l
		handlers[string(l)] = func(v *yaml.Node, p string) {
			if s := d.str(v, p); s != "" {
				t.By[l] = s
			}
		}
	}
	d.fields(n, path, handlers)
	return t
}

func (d *decoder) langs(n *yaml.Node, path string) []Lang {
	if n.Kind != yaml.SequenceNode {
		d.add(path, "must be a list such as [fr, nl]%s", line(n))
		return nil
	}
	var set []Lang
	seen := map[Lang]bool{}
	for i, v := range n.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		l := Lang(d.str(v, p))
		switch {
		case !l.Valid():
			d.add(p, "unknown language %q (want fr, nl, de or en)", l)
		case seen[l]:
			d.add(p, "language %q given twice", l)
		default:
			seen[l] = true
			set = append(set, l)
		}
	}
	return set
}

// badText explains why s cannot be printed, or returns "".
func badText(s string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	if n := utf8.RuneCountInString(s); n > MaxTextLen {
		return fmt.Sprintf("is %d characters long; at most %d are allowed", n, MaxTextLen)
	}
	for _, r := range s {
		switch {
		case BidiControl(r):
			return fmt.Sprintf("contains the bidirectional control character U+%04X, which can disguise text", r)
		case unicode.IsControl(r):
			return fmt.Sprintf("contains the control character U+%04X", r)
		}
	}
	return ""
}

// BidiControl reports whether r is one of Unicode's bidirectional format
// characters (the Bidi_Control property: the Arabic letter mark U+061C, the
// left-to-right and right-to-left marks, the embeddings and overrides, and
// the isolates), which can make text read differently from what it holds.
// Asking Unicode rather than keeping a list is what caught U+061C.
func BidiControl(r rune) bool {
	return unicode.Is(unicode.Bidi_Control, r)
}
