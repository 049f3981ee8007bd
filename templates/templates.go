// Package templates holds the texts of affiches: the per-language message
// catalogs, the second-line directory and the HTML and text templates.
package templates

import "embed"

// FS contains catalog/, secondline.yaml and signature/ (e-mail signature
// templates), kit/ (the kit's index page) and server/ (the web page).
//
//go:embed catalog secondline.yaml signature kit server
var FS embed.FS
