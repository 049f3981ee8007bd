package logo

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/limits"
	"affiches/internal/pdfin"
	"affiches/internal/render/page"
)

// Pack is a folder of a body's official logo files, placed as they are
// (never redrawn or recoloured). Files are named
//
//	<channel>-<lang>-<version>.png   required: 8-bit, not interlaced
//	<channel>-<lang>-<version>.pdf   optional: its first page is placed in PDFs
//	<channel>-<lang>-<version>.svg   optional: passed through for SVG output
//
// for example complaint-nl-colour.png. The PNG's size gives the aspect ratio.
//
// A pack comes from a profile, which may come from anyone: every file is
// read only if it is a regular file (never a symbolic link, a FIFO or a
// device), within limits.PackFileBytes checked before reading, and is used
// only once its content is checked: a PNG's size from its header before it
// is decoded (then decoded whole, so a truncated one is refused), a PDF
// read by pdfin within its limits, an SVG against an allow-list. FS should
// implement fs.ReadLinkFS (os.DirFS and os.Root's FS do), so that symbolic
// links are seen and refused rather than followed.
type Pack struct {
	FS fs.FS
}

// PackName returns the base file name of a logo in a pack.
func PackName(ch brand.Channel, lang brand.Lang, v Version) string {
	return fmt.Sprintf("%s-%s-%s", ch, lang, v)
}

// MaxPackFile bounds each file read from a pack.
const MaxPackFile = limits.PackFileBytes

// ReadFile reads a file of the pack: a plain name (no folder), a regular
// file, at most limits.PackFileBytes. The size is checked before reading (a
// 3 GB sparse file is not read) and again while reading.
func (p Pack) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) || strings.ContainsAny(name, "/\\") {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("not a file name of a pack")}
	}
	var fi fs.FileInfo
	var err error
	if l, ok := p.FS.(fs.ReadLinkFS); ok {
		fi, err = l.Lstat(name)
	} else {
		fi, err = fs.Stat(p.FS, name)
	}
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%s, not a regular file", kindOf(fi.Mode()))}
	}
	if fi.Size() > limits.PackFileBytes {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%d bytes; a pack's file is at most %d MiB", fi.Size(), limits.PackFileBytes>>20)}
	}
	f, err := p.FS.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limits.PackFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limits.PackFileBytes {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("over %d MiB; a pack's file is at most that", limits.PackFileBytes>>20)}
	}
	return data, nil
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	}
	return "a special file"
}

// checked remembers files already checked, by content, so a kit that
// places the same logo on a hundred posters decodes it once. It is bounded:
// past its size it forgets everything.
var checked struct {
	sync.Mutex
	m map[[32]byte]error
}

func once(data []byte, check func([]byte) error) error {
	sum := sha256.Sum256(data)
	checked.Lock()
	err, ok := checked.m[sum]
	checked.Unlock()
	if ok {
		return err
	}
	err = check(data)
	checked.Lock()
	if checked.m == nil || len(checked.m) >= 256 {
		checked.m = map[[32]byte]error{}
	}
	checked.m[sum] = err
	checked.Unlock()
	return err
}

// CheckPNG returns a pack PNG's size once it is known to be placeable: its
// header gives at most limits.PackImageSide a side and
// limits.PackImagePixels in all (checked before decoding: a 100 000 × 60 000
// PNG of 5.8 MB would take 6 GB), gopdf can place it (8-bit, not
// interlaced), and it decodes whole (a truncated PNG gave a poster with the
// logo silently missing).
func CheckPNG(data []byte) (image.Config, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return cfg, fmt.Errorf("not a PNG: %v", err)
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > limits.PackImageSide || cfg.Height > limits.PackImageSide || cfg.Width*cfg.Height > limits.PackImagePixels {
		return cfg, fmt.Errorf("%d × %d px; a pack's PNG is at most %d px a side and %d million pixels", cfg.Width, cfg.Height, limits.PackImageSide, limits.PackImagePixels/1_000_000)
	}
	if err := placeablePNG(data); err != nil {
		return cfg, err
	}
	return cfg, once(data, func(data []byte) error {
		if _, err := png.Decode(bytes.NewReader(data)); err != nil {
			return fmt.Errorf("a damaged or truncated PNG: %v", err)
		}
		return nil
	})
}

// CheckPDF tells whether a pack PDF's first page can be placed (see pdfin).
func CheckPDF(data []byte) error {
	return once(data, func(data []byte) error {
		_, err := pdfin.FirstPage(data)
		return err
	})
}

// Load reads the official files of one logo. A missing PNG is an error
// naming the file the pack should have; a file that fails its check is an
// error naming the file and the reason.
func (p Pack) Load(ch brand.Channel, lang brand.Lang, v Version) (*page.Official, page.Point, error) {
	base := PackName(ch, lang, v)
	read := func(ext string, required bool) ([]byte, error) {
		name := base + "." + ext
		data, err := p.ReadFile(name)
		if errors.Is(err, fs.ErrNotExist) && !required {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("logo_pack: %s: %w", name, unwrap(err))
		}
		return data, nil
	}
	o := &page.Official{File: base}
	var err error
	if o.PNG, err = read("png", true); err != nil {
		return nil, page.Point{}, err
	}
	cfg, err := CheckPNG(o.PNG)
	if err != nil {
		return nil, page.Point{}, fmt.Errorf("logo_pack: %s.png: %v", base, err)
	}
	if o.PDF, err = read("pdf", false); err != nil {
		return nil, page.Point{}, err
	}
	if o.PDF != nil {
		if err := CheckPDF(o.PDF); err != nil {
			return nil, page.Point{}, fmt.Errorf("logo_pack: %s.pdf: %v", base, err)
		}
	}
	if o.SVG, err = read("svg", false); err != nil {
		return nil, page.Point{}, err
	}
	if o.SVG != nil {
		if err := CheckSVG(o.SVG); err != nil {
			return nil, page.Point{}, fmt.Errorf("logo_pack: %s.svg: %v", base, err)
		}
	}
	return o, page.Point{X: float64(cfg.Width), Y: float64(cfg.Height)}, nil
}

// placeablePNG refuses what gopdf cannot place: 16-bit and interlaced PNGs.
func placeablePNG(data []byte) error {
	// IHDR: 8-byte signature, 4 length, 4 type, 4 width, 4 height, then
	// bit depth, colour type, compression, filter, interlace.
	if len(data) < 29 {
		return errors.New("truncated PNG")
	}
	if depth := data[24]; depth == 16 {
		return errors.New("16-bit PNGs cannot be placed in a PDF: save it with 8 bits per channel")
	}
	if data[28] != 0 {
		return errors.New("interlaced PNGs cannot be placed in a PDF: save it without interlacing")
	}
	return nil
}

// File is a file of a pack, checked.
type File struct {
	Name string
	Data []byte
}

// Files returns the pack's files that affiches knows (every name Load and
// WebFile can ask for), each checked as its kind requires, in name order.
// Other files are not read: a pack's evil.html, or a file in a sub-folder,
// never reaches a kit.
func (p Pack) Files() ([]File, error) {
	var out []File
	for _, ch := range brand.Channels {
		for _, l := range brand.Langs {
			for _, v := range Versions {
				names := []string{PackName(ch, l, v) + ".png", PackName(ch, l, v) + ".pdf", PackName(ch, l, v) + ".svg"}
				for _, lay := range []Layout{WebSmall, WebLarge} {
					for scale := 1; scale <= 3; scale++ {
						names = append(names, WebFile(ch, l, v, lay, scale, "png"))
					}
					names = append(names, WebFile(ch, l, v, lay, 1, "svg"))
				}
				for _, name := range names {
					data, err := p.ReadFile(name)
					if errors.Is(err, fs.ErrNotExist) {
						continue
					}
					if err == nil {
						err = CheckFile(name, data)
					}
					if err != nil {
						return nil, fmt.Errorf("logo_pack: %s: %v", name, unwrap(err))
					}
					out = append(out, File{name, data})
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// CheckFile checks a pack file by its extension.
func CheckFile(name string, data []byte) error {
	switch path.Ext(name) {
	case ".png":
		_, err := CheckPNG(data)
		return err
	case ".pdf":
		return CheckPDF(data)
	case ".svg":
		return CheckSVG(data)
	}
	return fmt.Errorf("not a file of a pack")
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Official builds a lock-up from a pack: the file's whole area is the logo
// and its own clear space is the artwork's business.
func Official(p Pack, ch brand.Channel, lang brand.Lang, v Version) (*Lockup, error) {
	o, view, err := p.Load(ch, lang, v)
	if err != nil {
		return nil, err
	}
	box := page.Rect{W: view.X, H: view.Y}
	return &Lockup{
		Art:      page.Art{Name: "official-" + PackName(ch, lang, v), Box: box, View: view, Official: o},
		Balloon:  box,
		Baseline: box,
		Logo:     box,
		Alt:      catalog.T(lang, "logo."+string(ch)+".alt"),
	}, nil
}

// WebFile returns the pack's file name of a web logo at a scale, such as
// complaint-fr-colour-web-small@2x.png: web logos have fixed sizes, so a
// pack provides each one it wants served.
func WebFile(ch brand.Channel, lang brand.Lang, v Version, l Layout, scale int, ext string) string {
	name := PackName(ch, lang, v) + "-" + string(l)
	if scale > 1 {
		name += fmt.Sprintf("@%dx", scale)
	}
	return name + "." + ext
}
