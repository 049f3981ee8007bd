package brand

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"affiches/internal/limits"

	"gopkg.in/yaml.v3"
)

// FromFields builds a profile from flat field paths, as a web form or a CSV
// row gives them ("name.fr", "complaint.email", "languages" as "fr;nl"),
// and parses it with the same rules as a YAML file, so problems carry the
// same paths. Empty values are left out.
//
// The fields become a YAML tree directly, never YAML text: a path is at
// most limits.FieldPathParts parts and limits.FieldPathBytes long, and
// there are at most limits.Fields of them, so a hostile form (one field
// named a.a.a… 45 000 levels deep, or 100 000 fields) is refused at once
// instead of growing a document with the square of its depth.
func FromFields(fields map[string]string) (*Org, error) {
	if len(fields) > limits.Fields {
		return nil, Problems{{Message: fmt.Sprintf("%d fields; a profile has at most %d", len(fields), limits.Fields)}}
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	root := &tree{}
	var ps Problems
	for _, k := range keys {
		val := strings.TrimSpace(fields[k])
		if val == "" {
			continue
		}
		if msg := badPath(k); msg != "" {
			ps = append(ps, Problem{Field: shortPath(k), Message: msg})
			continue
		}
		parts := strings.Split(k, ".")
		m := root
		ok := true
		for _, p := range parts[:len(parts)-1] {
			next := m.child(p)
			if next.leaf != nil {
				ps = append(ps, Problem{Field: k, Message: fmt.Sprintf("%s is given both as one value and as parts", p)})
				ok = false
				break
			}
			m = next
		}
		if !ok {
			continue
		}
		last := m.child(parts[len(parts)-1])
		if len(last.keys) > 0 {
			ps = append(ps, Problem{Field: k, Message: "given both as one value and per language"})
			continue
		}
		switch {
		case k == "languages":
			seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			for _, l := range strings.FieldsFunc(val, func(r rune) bool { return r == ';' || r == ',' || r == ' ' || r == '+' }) {
				seq.Content = append(seq.Content, scalar(l, "!!str"))
			}
			last.leaf = seq
		case strings.HasSuffix(k, "_days"):
			if _, err := strconv.Atoi(val); err == nil {
				last.leaf = scalar(val, "!!int")
			} else {
				last.leaf = scalar(val, "!!str")
			}
		default:
			last.leaf = scalar(val, "!!str")
		}
	}
	if len(ps) > 0 {
		return nil, ps.Capped(limits.Problems)
	}
	return parseNode(root.node())
}

// badPath explains why a field path is refused, or returns "".
func badPath(k string) string {
	if len(k) > limits.FieldPathBytes {
		return fmt.Sprintf("a field path of %d bytes; at most %d", len(k), limits.FieldPathBytes)
	}
	if n := strings.Count(k, ".") + 1; n > limits.FieldPathParts {
		return fmt.Sprintf("a field path of %d parts; at most %d (such as second_line.name.fr)", n, limits.FieldPathParts)
	}
	for _, p := range strings.Split(k, ".") {
		if p == "" {
			return "a field path with an empty part"
		}
	}
	return ""
}

// shortPath keeps a refused path printable in a report.
func shortPath(k string) string {
	if len(k) <= limits.FieldPathBytes {
		return k
	}
	return strings.ToValidUTF8(k[:limits.FieldPathBytes], "") + "…"
}

// tree is a mapping being built from field paths, its keys in the order
// they were first given (sorted, as FromFields adds them).
type tree struct {
	keys []string
	kids map[string]*tree
	leaf *yaml.Node // a value, when this is not a mapping
}

func (t *tree) child(k string) *tree {
	if c, ok := t.kids[k]; ok {
		return c
	}
	if t.kids == nil {
		t.kids = map[string]*tree{}
	}
	c := &tree{}
	t.kids[k] = c
	t.keys = append(t.keys, k)
	return c
}

func (t *tree) node() *yaml.Node {
	if t.leaf != nil {
		return t.leaf
	}
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, k := range t.keys {
		n.Content = append(n.Content, scalar(k, "!!str"), t.kids[k].node())
	}
	return n
}

func scalar(v, tag string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
}
