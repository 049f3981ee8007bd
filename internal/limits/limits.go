// Package limits holds every bound affiches puts on what it reads and on
// the work it does, in one place, so they can be read, documented (the
// README's "Limits" table is this file) and changed together. Each input
// is refused past its limit with a message that names the file or field,
// the limit and the value, before the work it would cost is done.
//
// The package imports nothing: the profile parser, the pack loaders, the
// renderers, the register reader and the server all use it, and it must
// not make any of them depend on another.
package limits

import "time"

// The organisation profile, from a file, a request, a form or a CSV row.
const (
	// ProfileBytes bounds a profile file (--org, a folder of profiles, an
	// uploaded profile). A full four-language profile is under 8 KiB.
	ProfileBytes = 256 << 10
	// ProfileNodes bounds the YAML nodes of a profile (keys, values, list
	// items): a full profile has about 150.
	ProfileNodes = 4000
	// ProfileDepth bounds how deep a profile's mappings nest: the deepest
	// field, second_line.name.fr, is 3 levels.
	ProfileDepth = 8
	// Fields bounds the fields of a web form or of one row of a bodies CSV.
	Fields = 300
	// FieldPathParts bounds the parts of a field path such as
	// complaint.form_url.nl (3 parts).
	FieldPathParts = 4
	// FieldPathBytes bounds the length of a field path.
	FieldPathBytes = 64
	// Problems bounds the problems listed at once; the rest are counted in
	// a last line ("… and 312 more problems").
	Problems = 50
	// TextChars bounds every text of a profile, in characters.
	TextChars = 400
	// URLBytes bounds URLs: the printed URL must fit on a poster line and
	// its QR code stay readable at A5.
	URLBytes = 200
)

// Rendering.
const (
	// MinDPI and MaxDPI bound the resolution of PNG outputs on the command
	// line; ServerMaxDPI bounds previews asked over HTTP.
	MinDPI       = 36
	MaxDPI       = 1200
	ServerMaxDPI = 300
	// RasterPixels bounds the pixels of one PNG output: A4 at 600 dpi
	// (34.8 million; 140 MB while drawn).
	RasterPixels = 36_000_000
	// MaxPrintWidthMM bounds a print logo's width (A0 is 841 mm wide).
	MaxPrintWidthMM = 1000
)

// A logo pack's files (official artwork).
const (
	// PackFileBytes bounds each file read from a pack, checked before it
	// is read.
	PackFileBytes = 16 << 20
	// PackImagePixels and PackImageSide bound a pack's PNG, checked from
	// its header before it is decoded (4000 × 3000 at most in area).
	PackImagePixels = 12_000_000
	PackImageSide   = 10_000
	// PDFObjects bounds the objects read from a pack's PDF: its page tree
	// and what its first page's resources reach.
	PDFObjects = 10_000
	// PDFDepth bounds nesting in a pack's PDF: arrays and dictionaries
	// inside each other, and the page tree's levels.
	PDFDepth = 32
	// PDFXrefSections bounds the cross-reference sections (/Prev chain),
	// PDFXrefEntries the objects they list.
	PDFXrefSections = 32
	PDFXrefEntries  = 200_000
	// PDFStreamBytes bounds a decompressed stream of a pack's PDF (the
	// page's content, an object or cross-reference stream).
	PDFStreamBytes = 32 << 20
	// SVGElements bounds the elements of a pack's SVG.
	SVGElements = 100_000
)

// Other files read.
const (
	// CSVBytes bounds a CSV file (people, bodies, a register saved as CSV).
	CSVBytes = 64 << 20
	// People bounds the people of one signature run.
	People = 100_000
	// Bodies bounds the bodies of one batch.
	Bodies = 10_000
	// RegisterBytes bounds a register file (XLSX or CSV).
	RegisterBytes = 64 << 20
	// RegisterRows bounds the rows of a register read back.
	RegisterRows = 100_000
	// RegisterUnzipped bounds what a register workbook holds once
	// unzipped, all parts together; RegisterZipEntries its parts. A
	// register of RegisterRows rows is about 40 MB unzipped.
	RegisterUnzipped   = 256 << 20
	RegisterZipEntries = 1000
	// RowProblems bounds the unreadable rows listed one by one.
	RowProblems = 100
)

// The web service.
const (
	// RequestBody bounds a request's body: 413 past it.
	RequestBody = 1 << 20
	// QueueWait is how long a request waits for a render slot: 503 past it.
	QueueWait = 10 * time.Second
	// PosterCacheEntries and PosterCacheBytes bound the cache of rendered
	// posters, by count and by bytes held.
	PosterCacheEntries = 256
	PosterCacheBytes   = 64 << 20
	// PageCacheEntries and PageCacheBytes bound the pages kept for GET:
	// five views in four languages, and the logos view for each origin a
	// request names (its Host header, which a client chooses).
	PageCacheEntries = 64
	PageCacheBytes   = 32 << 20
	// HeaderBytes bounds a request's headers; the timeouts bound how long
	// a client may take to send its headers and its request, how long an
	// answer may take to write, and how long an idle connection stays.
	HeaderBytes       = 32 << 10
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 15 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 90 * time.Second
)
