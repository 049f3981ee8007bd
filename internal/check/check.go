// Package check runs every rule a body's kit would meet, without writing
// anything: the logos in each language and layout, and the posters of each
// channel in each size and language set. It is what `affiches check` and
// the kit's manifest report.
package check

import (
	"errors"
	"fmt"
	"image/color"

	"affiches/internal/brand"
	"affiches/internal/logo"
	"affiches/internal/render/layout"
	"affiches/internal/rules"
)

// Result is what a check found.
type Result struct {
	Checked  int            // assets laid out
	Problems brand.Problems // every problem, each once, sorted
	Rules    []string       // the IDs of the rules checked
}

// LangSets returns the language sets a kit makes posters in: the profile's
// set together, and each of its languages alone.
func LangSets(o *brand.Org) [][]brand.Lang {
	langs := o.Langs()
	sets := [][]brand.Lang{}
	if len(langs) > 1 {
		sets = append(sets, langs)
	}
	for _, l := range langs {
		sets = append(sets, []brand.Lang{l})
	}
	return sets
}

// Org lays out everything the kit of o holds and collects the problems.
// With a pack, the body's official artwork replaces the built-in logos.
func Org(o *brand.Org, pack *logo.Pack) Result {
	var r Result
	seen := map[string]bool{}
	add := func(context string, err error) {
		if err == nil {
			return
		}
		var ps brand.Problems
		if !errors.As(err, &ps) {
			ps = brand.Problems{{Message: err.Error()}}
		}
		for _, p := range ps {
			if p.Field == "" {
				p.Message = context + ": " + p.Message
			}
			if k := p.String(); !seen[k] {
				seen[k] = true
				r.Problems = append(r.Problems, p)
			}
		}
	}
	add("e-mail signatures", rules.CheckContrast("colours.accent", o.Accent, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, false))
	for _, ch := range brand.Channels {
		for _, l := range o.Langs() {
			if pack != nil {
				_, err := logo.Official(*pack, ch, l, logo.Colour)
				add(fmt.Sprintf("%s logo %s", ch, l), err)
				r.Checked++
				continue
			}
			for _, lay := range []logo.Layout{logo.WebSmall, logo.WebLarge, logo.Print} {
				_, err := logo.Build(ch, l, logo.Colour, lay)
				add(fmt.Sprintf("%s logo %s %s", ch, l, lay), err)
				r.Checked++
			}
		}
		for _, set := range LangSets(o) {
			for _, size := range layout.Sizes {
				_, err := layout.Poster(o, layout.PosterOptions{Channel: ch, Langs: set, Size: size, Pack: pack})
				add(fmt.Sprintf("%s poster %s %s", ch, brand.JoinLangs(set), size), err)
				r.Checked++
			}
		}
	}
	r.Problems.Sort()
	for _, rule := range rules.All {
		r.Rules = append(r.Rules, rule.ID)
	}
	return r
}
