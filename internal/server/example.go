package server

import (
	"net/url"
	"sort"
	"strings"
	"sync"

	"affiches/internal/brand"
)

// exampleForm is the built-in example profile as the form holds it.
var exampleForm = sync.OnceValue(func() url.Values {
	v, ok := formFromYAML(brand.ExampleYAML)
	if !ok {
		panic("the example profile is not YAML") // embedded: a test parses it
	}
	return v
})

// exampleOrg is the example profile as the page's form holds it, parsed:
// the profile of every page asked with GET.
var exampleOrg = sync.OnceValues(func() (*brand.Org, error) {
	return brand.Parse(profileYAML(exampleForm()))
})

// exampleIdentity are the fields that say who the body is: left as in the
// example, the kit would speak for the fictitious body. Hours and deadlines
// are generic and may well stay.
var exampleIdentity = []string{"name", "address", "website", "complaint.phone", "suggestion.phone", "coordinator.name", "coordinator.email", "coordinator.phone"}

// exampleLeft returns the inputs whose values are still the example's: the
// demo body's name, address, phone numbers or coordinator, and any address
// at example.org, example.net or example.com. They are warnings, not
// problems: the demo kit must still work.
func exampleLeft(v url.Values) []string {
	ex := exampleForm()
	langs := formLangs(v)
	var out []string
	for name, vals := range v {
		s, l, ok := specOf(name)
		if !ok || len(vals) == 0 || l != "" && !inLangs(langs, l) {
			continue
		}
		val := strings.TrimSpace(vals[0])
		if val == "" {
			continue
		}
		if brand.ExampleHost(val) {
			out = append(out, name)
			continue
		}
		for _, id := range exampleIdentity {
			if s.Path == id && val == ex.Get(name) {
				out = append(out, name)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return formOrder(out[i]) < formOrder(out[j]) })
	return out
}

// formOrder is the place of an input in the form, for lists that follow it.
func formOrder(name string) int {
	n := 0
	for _, g := range profileForm {
		for _, s := range g.Fields {
			if s.Path == name {
				return n
			}
			for i, l := range brand.Langs {
				if s.Path+"."+string(l) == name {
					return n + i
				}
			}
			n += len(brand.Langs)
		}
	}
	return n
}
