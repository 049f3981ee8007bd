package server

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"affiches/internal/brand"

	"gopkg.in/yaml.v3"
)

// The page's form holds every field of a profile, named by its path in the
// profile (name.fr, complaint.email, second_line.id), so a problem's field
// finds its input, and the page's own tool fields (poster.*, logo.*, sig.*,
// letters.*), which are not part of the profile.

// spec describes one field of the profile on the form.
type spec struct {
	Path    string // the profile path; per-language fields add .fr, .nl…
	Label   string // catalog key of the label
	Type    string // text, url, email, tel, number, select, checkbox
	PerLang bool
	Need    bool   // required for every kit
	Hint    string // catalog key of a hint, or ""
	Auto    string // the autocomplete token, or ""
}

// groupSpec is one group of the form, shown as a disclosure.
type groupSpec struct {
	ID, Title, Hint string // catalog keys for Title and Hint
	Fields          []spec
}

// profileForm is the whole profile, in the order a profile file has it.
var profileForm = []groupSpec{
	{ID: "details", Title: "web.group.details", Fields: []spec{
		{Path: "name", Label: "web.f.name", Type: "text", PerLang: true, Need: true, Auto: "organization"},
		{Path: "region", Label: "web.f.region", Type: "select", Need: true, Hint: "web.h.region"},
		{Path: "languages", Label: "web.f.languages", Type: "text", Hint: "web.h.languages"},
		{Path: "website", Label: "web.f.website", Type: "url", Hint: "web.h.https", Auto: "url"},
		{Path: "address", Label: "web.f.address", Type: "text", PerLang: true, Need: true, Hint: "web.h.address", Auto: "street-address"},
	}},
	{ID: "complaint", Title: "web.group.complaint", Fields: []spec{
		{Path: "complaint.form_url", Label: "web.f.form_url", Type: "url", PerLang: true, Need: true, Hint: "web.h.form_url"},
		{Path: "complaint.email", Label: "web.f.email", Type: "email"},
		{Path: "complaint.phone", Label: "web.f.phone", Type: "tel", Need: true, Hint: "web.h.phone"},
		{Path: "complaint.hours", Label: "web.f.hours", Type: "text", PerLang: true},
		{Path: "complaint.acknowledgement_days", Label: "web.f.ack_days", Type: "number", Hint: "web.h.ack_days"},
		{Path: "complaint.reply_days", Label: "web.f.reply_days", Type: "number", Hint: "web.h.reply_days"},
	}},
	{ID: "suggestion", Title: "web.group.suggestion", Hint: "web.h.suggestion", Fields: []spec{
		{Path: "suggestion.form_url", Label: "web.f.form_url_suggestion", Type: "url", PerLang: true},
		{Path: "suggestion.email", Label: "web.f.email", Type: "email"},
		{Path: "suggestion.phone", Label: "web.f.phone", Type: "tel"},
		{Path: "suggestion.hours", Label: "web.f.hours", Type: "text", PerLang: true},
		{Path: "suggestion.acknowledgement_days", Label: "web.f.ack_days", Type: "number"},
		{Path: "suggestion.reply_days", Label: "web.f.reply_days", Type: "number"},
	}},
	{ID: "coordinator", Title: "web.group.coordinator", Hint: "web.h.coordinator", Fields: []spec{
		{Path: "coordinator.name", Label: "web.f.person_name", Type: "text", Auto: "name"},
		{Path: "coordinator.email", Label: "web.f.email", Type: "email", Auto: "email"},
		{Path: "coordinator.phone", Label: "web.f.phone", Type: "tel", Auto: "tel"},
	}},
	{ID: "second_line", Title: "web.group.second_line", Hint: "web.h.second_line", Fields: []spec{
		{Path: "second_line.id", Label: "web.f.second_line", Type: "select", Need: true},
		{Path: "second_line.name", Label: "web.f.sl_name", Type: "text", PerLang: true},
		{Path: "second_line.url", Label: "web.f.sl_url", Type: "url", PerLang: true},
		{Path: "second_line.phone", Label: "web.f.phone", Type: "tel", PerLang: true},
		{Path: "second_line.email", Label: "web.f.email", Type: "email"},
		{Path: "second_line.address", Label: "web.f.address", Type: "text", PerLang: true},
		{Path: "second_line.verify", Label: "web.f.sl_verify", Type: "checkbox"},
	}},
	{ID: "colours", Title: "web.group.colours", Fields: []spec{
		{Path: "colours.accent", Label: "web.f.accent", Type: "text", Hint: "web.h.accent"},
	}},
}

// specOf finds the spec of an input name or of a profile path.
func specOf(name string) (spec, brand.Lang, bool) {
	for _, g := range profileForm {
		for _, s := range g.Fields {
			if s.Path == name {
				return s, "", true
			}
			if s.PerLang && strings.HasPrefix(name, s.Path+".") {
				if l := brand.Lang(name[len(s.Path)+1:]); l.Valid() {
					return s, l, true
				}
			}
		}
	}
	return spec{}, "", false
}

// groupOf returns the group holding a field path.
func groupOf(path string) string {
	for _, g := range profileForm {
		for _, s := range g.Fields {
			if s.Path == path {
				return g.ID
			}
		}
	}
	return ""
}

// isProfileField reports whether a form value belongs to the profile.
func isProfileField(name string) bool {
	_, _, ok := specOf(name)
	return ok
}

// formLangs returns the languages the form shows per-language fields for:
// the profile's languages, else its region's, else all four.
func formLangs(v url.Values) []brand.Lang {
	if ls := parseLangList(v.Get("languages")); len(ls) > 0 {
		return ls
	}
	if ls := brand.Region(v.Get("region")).Languages(); len(ls) > 0 {
		return ls
	}
	return brand.Langs
}

// parseLangList reads "fr, nl" leniently: unknown words are left out here
// (the profile's parser reports them).
func parseLangList(s string) []brand.Lang {
	var out []brand.Lang
	seen := map[brand.Lang]bool{}
	for _, w := range langWords(s) {
		l := brand.Lang(strings.ToLower(w))
		if l.Valid() && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

func langWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '+' || r == '/' })
}

// profileYAML writes the form's profile fields as a profile file: the same
// bytes are parsed for the page's checks and downloaded by action=profile,
// so what the page accepted is what `affiches check` reads.
func profileYAML(v url.Values) []byte {
	root := &yaml.Node{Kind: yaml.MappingNode}
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	put := func(m *yaml.Node, key string, val *yaml.Node) {
		m.Content = append(m.Content, str(key), val)
	}
	// child returns the mapping under key, made on first use.
	child := func(m *yaml.Node, key string) *yaml.Node {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				return m.Content[i+1]
			}
		}
		n := &yaml.Node{Kind: yaml.MappingNode}
		put(m, key, n)
		return n
	}
	get := func(name string) string { return strings.TrimSpace(v.Get(name)) }
	for _, g := range profileForm {
		for _, s := range g.Fields {
			parts := strings.Split(s.Path, ".")
			if s.Path == "second_line.id" {
				continue // written with the rest of second_line below
			}
			var val *yaml.Node
			switch {
			case s.PerLang:
				m := &yaml.Node{Kind: yaml.MappingNode}
				for _, l := range brand.Langs {
					if x := get(s.Path + "." + string(l)); x != "" {
						put(m, string(l), str(x))
					}
				}
				if len(m.Content) > 0 {
					val = m
				}
			case s.Path == "languages":
				if w := langWords(get(s.Path)); len(w) > 0 {
					seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
					for _, x := range w {
						seq.Content = append(seq.Content, str(strings.ToLower(x)))
					}
					val = seq
				}
			case s.Type == "number":
				if x := get(s.Path); x != "" {
					if _, err := strconv.Atoi(x); err == nil {
						val = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: x}
					} else {
						val = str(x)
					}
				}
			case s.Type == "checkbox":
				if x := get(s.Path); x == "true" || x == "on" {
					val = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}
				}
			default:
				if x := get(s.Path); x != "" {
					val = str(x)
				}
			}
			if val == nil {
				continue
			}
			m := root
			for _, p := range parts[:len(parts)-1] {
				m = child(m, p)
			}
			put(m, parts[len(parts)-1], val)
		}
	}
	// second_line: an id alone, or a map when details are given.
	id := get("second_line.id")
	var sl *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "second_line" {
			sl = root.Content[i+1]
			root.Content = append(root.Content[:i], root.Content[i+2:]...)
			break
		}
	}
	switch {
	case sl == nil && id != "":
		put(root, "second_line", str(id))
	case sl != nil:
		if id != "" {
			sl.Content = append([]*yaml.Node{str("id"), str(id)}, sl.Content...)
		}
		put(root, "second_line", sl)
	}
	var buf bytes.Buffer
	buf.WriteString("# affiches organisation profile, saved from the web page.\n# Check it with: affiches check --org organisation.yaml\n")
	if len(root.Content) == 0 {
		return buf.Bytes()
	}
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		panic(err) // nodes built above: always encodable
	}
	enc.Close()
	return buf.Bytes()
}

// formFromYAML fills the profile fields of a form from a profile file, as
// written, without the defaults the parser adds: what the file leaves out
// stays empty on the form and in the profile saved again. A text given once
// for all languages fills the field of each of the profile's languages.
// It returns false when the file is not YAML at all.
func formFromYAML(data []byte) (url.Values, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, false
	}
	root := doc.Content[0]
	v := url.Values{}
	var langs []brand.Lang
	var region string
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch k, n := root.Content[i].Value, root.Content[i+1]; k {
		case "languages":
			if n.Kind == yaml.SequenceNode {
				var w []string
				for _, c := range n.Content {
					w = append(w, c.Value)
				}
				v.Set("languages", strings.Join(w, ", "))
				langs = parseLangList(v.Get("languages"))
			}
		case "region":
			region = n.Value
		}
	}
	if len(langs) == 0 {
		langs = brand.Region(region).Languages()
	}
	if len(langs) == 0 {
		langs = brand.Langs
	}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		if path == "languages" {
			return
		}
		if path == "second_line" && n.Kind == yaml.ScalarNode {
			v.Set("second_line.id", n.Value)
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], join(path, n.Content[i].Value))
			}
		case yaml.ScalarNode:
			s, l, ok := specOf(path)
			switch {
			case !ok:
			case s.PerLang && l == "":
				for _, l := range langs {
					v.Set(path+"."+string(l), n.Value)
				}
			default:
				v.Set(path, n.Value)
			}
		}
	}
	walk(root, "")
	return v, true
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
