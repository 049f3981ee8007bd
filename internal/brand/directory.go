package brand

import (
	"sort"
	"sync"

	"affiches/templates"

	"gopkg.in/yaml.v3"
)

var directory = sync.OnceValue(func() map[string]SecondLine {
	data, err := templates.FS.ReadFile("secondline.yaml")
	if err != nil {
		panic(err) // embedded: a test reads it
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		panic(err)
	}
	d := &decoder{}
	out := map[string]SecondLine{}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		id := m.Content[i].Value
		var s SecondLine
		s.ID = id
		d.fields(m.Content[i+1], id, map[string]func(*yaml.Node, string){
			"name":    func(v *yaml.Node, p string) { s.Name = d.text(v, p) },
			"url":     func(v *yaml.Node, p string) { s.URL = d.text(v, p) },
			"phone":   func(v *yaml.Node, p string) { s.Phone = d.text(v, p) },
			"email":   func(v *yaml.Node, p string) { s.Email = d.text(v, p) },
			"address": func(v *yaml.Node, p string) { s.Address = d.text(v, p) },
			"verify":  func(v *yaml.Node, p string) { s.Verify = d.boolean(v, p) },
		})
		out[id] = s
	}
	if len(d.problems) > 0 {
		panic("secondline.yaml: " + d.problems.Error())
	}
	return out
})

// Directory returns the shipped second-line bodies by id.
func Directory() map[string]SecondLine { return directory() }

// DirectoryIDs returns the ids of the shipped second-line bodies, sorted.
func DirectoryIDs() []string {
	var ids []string
	for id := range directory() {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
