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

// The two faces as byte slices, which the fonts' parser reads in place:
// FS.ReadFile would copy each to the heap, on every command's start.
// Read-only by convention.
var (
	//go:embed fonts/AtkinsonHyperlegible-Regular.ttf
	RegularTTF []byte
	//go:embed fonts/AtkinsonHyperlegible-Bold.ttf
	BoldTTF []byte
)
