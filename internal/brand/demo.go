package brand

import (
	_ "embed"
)

// ExampleYAML is the commented example profile that `affiches init` writes;
// parsed, it is the built-in demo body used when no profile is given.
//
//go:embed demo.yaml
var ExampleYAML []byte

// Demo returns the built-in demo organisation, a fictitious federal body with
// example.org addresses.
func Demo() *Org {
	o, err := Parse(ExampleYAML)
	if err != nil {
		panic("demo profile: " + err.Error()) // embedded: a test parses it
	}
	return o
}
