package brand

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// FromFields builds a profile from flat field paths, as a web form or a CSV
// row gives them ("name.fr", "complaint.email", "languages" as "fr;nl"),
// and parses it with the same rules as a YAML file, so problems carry the
// same paths. Empty values are left out.
func FromFields(fields map[string]string) (*Org, error) {
	root := map[string]any{}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var ps Problems
	for _, k := range keys {
		val := strings.TrimSpace(fields[k])
		if val == "" {
			continue
		}
		parts := strings.Split(k, ".")
		m := root
		ok := true
		for _, p := range parts[:len(parts)-1] {
			switch next := m[p].(type) {
			case map[string]any:
				m = next
			case nil:
				n := map[string]any{}
				m[p] = n
				m = n
			default:
				ps = append(ps, Problem{Field: k, Message: fmt.Sprintf("%s is given both as one value and as parts", p)})
				ok = false
			}
			if !ok {
				break
			}
		}
		if !ok {
			continue
		}
		last := parts[len(parts)-1]
		switch {
		case k == "languages":
			m[last] = strings.FieldsFunc(val, func(r rune) bool { return r == ';' || r == ',' || r == ' ' || r == '+' })
		case strings.HasSuffix(k, "_days"):
			if n, err := strconv.Atoi(val); err == nil {
				m[last] = n
			} else {
				m[last] = val
			}
		default:
			if _, isMap := m[last].(map[string]any); isMap {
				ps = append(ps, Problem{Field: k, Message: "given both as one value and per language"})
				continue
			}
			m[last] = val
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	data, err := yaml.Marshal(root)
	if err != nil {
		return nil, err
	}
	return Parse(data)
}
