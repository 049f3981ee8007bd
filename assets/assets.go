// Package assets holds the fonts and logo artwork compiled into affiches.
//
// Everything here is committed with its licence; nothing is read from the
// system or downloaded at run time.
package assets

import "embed"

// FS contains fonts/ (Atkinson Hyperlegible, OFL), icons/ and logos/ (the project's
// own renditions of the complaint and suggestions balloons, restricted SVG).
//
//go:embed fonts logos icons
var FS embed.FS
