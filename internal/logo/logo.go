// Package logo builds the complaint and the suggestions & compliments logos:
// a speech balloon and its two-line baseline, always together, in the three
// versions and the layouts of the charter (two fixed web sizes, one print
// lock-up), as vector art every backend draws the same way.
package logo

import (
	"fmt"
	"image/color"
	"strings"
	"sync"

	"affiches/internal/brand"
	"affiches/internal/catalog"
	"affiches/internal/render/page"
	"affiches/internal/rules"
	"affiches/internal/text"
	"affiches/internal/vector"
)

// Version is a colour version of the logo.
type Version string

// The versions: full colour, black, and white for dark backgrounds.
const (
	Colour Version = "colour"
	Black  Version = "black"
	White  Version = "white"
)

// Versions lists every version.
var Versions = []Version{Colour, Black, White}

// ParseVersion reads a version name.
func ParseVersion(s string) (Version, error) {
	for _, v := range Versions {
		if string(v) == s {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown version %q (want colour, black or white)", s)
}

// Layout is an arrangement of balloon and baseline.
type Layout string

// The layouts: the charter's two web sizes (balloon above the baseline) and
// the print lock-up (baseline beside the balloon), which scales to any size.
const (
	WebSmall Layout = "web-small"
	WebLarge Layout = "web-large"
	Print    Layout = "print"
)

// WebSize returns the pixel size of a web layout (the charter's two,
// rules.WebSizes), or false for the print layout.
func (l Layout) WebSize() (w, h int, ok bool) {
	switch l {
	case WebSmall:
		return rules.WebSizes[0][0], rules.WebSizes[0][1], true
	case WebLarge:
		return rules.WebSizes[1][0], rules.WebSizes[1][1], true
	}
	return 0, 0, false
}

// TextColour is the baseline's colour in the colour version.
var TextColour = color.RGBA{0x14, 0x21, 0x3D, 0xFF}

// Lockup is a built logo: its art (View is the whole area, clear space
// included) and the geometry the rules and the guide talk about.
type Lockup struct {
	Art      page.Art
	Balloon  page.Rect // the balloon, in the art's units
	Baseline page.Rect // the two lines of text
	Clear    float64   // the clear space kept on every side
	Logo     page.Rect // balloon and baseline together, clear space excluded
	Alt      string    // the text alternative
}

// ClearSpaceRatio is the clear space as a share of the balloon's height
// (DOMAIN.md, our proposal: 0.25).
const ClearSpaceRatio = rules.ClearSpaceShare

var sources sync.Map // brand.Channel → *vector.Source

// Balloon returns the balloon artwork of a channel.
func Balloon(ch brand.Channel) (*vector.Source, error) {
	if s, ok := sources.Load(ch); ok {
		return s.(*vector.Source), nil
	}
	s, err := vector.Shipped("logos/" + string(ch) + "-balloon.svg")
	if err != nil {
		return nil, err
	}
	sources.Store(ch, s)
	return s, nil
}

// lockups caches built logos: a lock-up depends only on its four inputs,
// and turning its baseline into outlines is the costly part of a poster's
// layout. Lock-ups are never modified once built.
var lockups sync.Map

type lockupKey struct {
	ch   brand.Channel
	lang brand.Lang
	v    Version
	l    Layout
}

// Build lays out the logo of ch in lang, version v and layout l. The
// result is shared: callers place it (Place copies) and never modify it.
func Build(ch brand.Channel, lang brand.Lang, v Version, l Layout) (*Lockup, error) {
	k := lockupKey{ch, lang, v, l}
	if lk, ok := lockups.Load(k); ok {
		return lk.(*Lockup), nil
	}
	lk, err := build(ch, lang, v, l)
	if err != nil {
		return nil, err
	}
	lockups.Store(k, lk)
	return lk, nil
}

func build(ch brand.Channel, lang brand.Lang, v Version, l Layout) (*Lockup, error) {
	src, err := Balloon(ch)
	if err != nil {
		return nil, err
	}
	baseline := catalog.T(lang, "logo."+string(ch)+".baseline")
	bold := text.Fonts().Bold
	if missing := bold.Missing(strings.ReplaceAll(baseline, "\n", "")); len(missing) > 0 {
		return nil, &text.MissingGlyphError{Runes: missing, Font: bold.Name}
	}
	lines := strings.Split(baseline, "\n")
	aspect := src.View.X / src.View.Y

	lk := &Lockup{Alt: catalog.T(lang, "logo."+string(ch)+".alt")}
	var bh, ts, tx, ty float64 // balloon height, text size, first baseline
	var bx, by float64
	if w, h, ok := l.WebSize(); ok {
		W, H := float64(w), float64(h)
		bh = 0.44 * H
		pad := ClearSpaceRatio * bh
		gap := 0.14 * bh
		room := H - 2*pad - bh - gap
		maxTS := room / 2.35
		blk, err := text.FitBlock(bold, baseline, text.Fit{Max: maxTS, Min: maxTS * 0.6, Width: W - 2*pad, MaxLines: 2, Leading: 1.18})
		if err != nil {
			return nil, fmt.Errorf("baseline %q in %s: %w", baseline, lang, err)
		}
		ts = blk.Size
		lines = blk.Lines
		textH := blk.Height(bold)
		// Centre the content vertically inside the clear space.
		top := pad + (H-2*pad-bh-gap-textH)/2
		bx, by = pad, top
		tx, ty = pad, top+bh+gap+bold.Ascent(ts)
		lk.Art.View = page.Point{X: W, Y: H}
		lk.Clear = pad
		lk.Baseline = page.Rect{X: tx, Y: top + bh + gap, W: blk.Width, H: textH}
	} else {
		bh = 100
		pad := ClearSpaceRatio * bh
		ts = 27
		gap := 0.2 * bh
		lead := ts * 1.18
		textW := 0.0
		for _, line := range lines {
			textW = max(textW, bold.Width(line, ts))
		}
		textH := bold.Ascent(ts) + lead + bold.Descent(ts)
		bx, by = pad, pad
		tx = pad + bh*aspect + gap
		// Centre the text on the balloon's body (its top 62/80 part).
		body := bh * 62 / 80
		ty = pad + (body-textH)/2 + bold.Ascent(ts)
		lk.Art.View = page.Point{X: tx + textW + pad, Y: bh + 2*pad}
		lk.Clear = pad
		lk.Baseline = page.Rect{X: tx, Y: ty - bold.Ascent(ts), W: textW, H: textH}
	}
	lk.Balloon = page.Rect{X: bx, Y: by, W: bh * aspect, H: bh}
	lk.Logo = union(lk.Balloon, lk.Baseline)

	k := bh / src.View.Y
	paths := page.Transform(src.Paths, k, bx, by)
	textFill := TextColour
	for i := range paths {
		switch v {
		case Black:
			paths[i].Fill = color.RGBA{0, 0, 0, 0xFF}
		case White:
			paths[i].Fill = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
		}
	}
	switch v {
	case Black:
		textFill = color.RGBA{0, 0, 0, 0xFF}
	case White:
		textFill = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	}
	for i, line := range lines {
		lk.Art.Text = append(lk.Art.Text, page.Text{X: tx, Y: ty + float64(i)*ts*1.18, Face: page.Bold, Size: ts, Colour: textFill, S: line})
	}
	lk.Art.Name = fmt.Sprintf("logo-%s-%s-%s-%s", ch, lang, v, l)
	lk.Art.Paths = paths
	lk.Art.Box = page.Rect{W: lk.Art.View.X, H: lk.Art.View.Y}
	return lk, nil
}

func union(a, b page.Rect) page.Rect {
	x0, y0 := min(a.X, b.X), min(a.Y, b.Y)
	x1, y1 := max(a.X+a.W, b.X+b.W), max(a.Y+a.H, b.Y+b.H)
	return page.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// Place returns the lock-up's art scaled so that the logo itself (clear
// space excluded) is width points wide, with its clear-space box's top-left
// corner at x, y. The aspect ratio is locked.
func (lk *Lockup) Place(x, y, width float64) page.Art {
	a := lk.Art
	k := width / lk.Logo.W
	a.Box = page.Rect{X: x, Y: y, W: a.View.X * k, H: a.View.Y * k}
	return a
}
