// Package templates holds the texts of affiches: the per-language message
// catalogs, the second-line directory and the HTML and text templates.
package templates

import "embed"

// FS contains catalog/ and secondline.yaml.
//
//go:embed catalog secondline.yaml
var FS embed.FS
