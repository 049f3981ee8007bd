// Package check runs every rule a body's kit would meet, without writing
// anything: the profile's language set, the signatures' colours, the logos
// in each language and layout, the posters of each channel in each size and
// language set, the letters and forms and the guide. It is what `affiches
// check` reports, with the rules whose checks ran.
package check

import (
	"errors"
	"fmt"
	"io"

	"affiches/internal/brand"
	"affiches/internal/casefile"
	"affiches/internal/logo"
	"affiches/internal/render"
	"affiches/internal/render/layout"
	"affiches/internal/render/page"
	"affiches/internal/rules"
	"affiches/internal/signature"
)

// Result is what a check found.
type Result struct {
	Checked  int            // assets laid out
	Problems brand.Problems // every problem, each once, sorted
	Rules    []string       // the IDs of the rules whose checks ran, in rules.All's order
	NotMade  []NotMade      // language pairs whose posters do not fit
}

// NotMade is a set of posters a kit leaves out: two languages side by side
// that do not fit at body text's minimum size. Each language still has its
// own posters, so the body lacks nothing the law asks; the reason says what
// to shorten.
type NotMade struct {
	Channel brand.Channel `json:"channel"`
	Langs   string        `json:"languages"`
	Reason  string        `json:"reason"`
}

// Skips says whether the kit leaves out the posters of ch in set.
func (r Result) Skips(ch brand.Channel, set []brand.Lang) bool {
	for _, n := range r.NotMade {
		if n.Channel == ch && n.Langs == brand.JoinLangs(set) {
			return true
		}
	}
	return false
}

// onlyFit says whether every problem of err is a poster that does not fit.
func onlyFit(err error) (brand.Problems, bool) {
	var ps brand.Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		return nil, false
	}
	for _, p := range ps {
		if p.Rule != rules.TextMinSize.ID {
			return nil, false
		}
	}
	return ps, true
}

// LangSets returns the language sets a kit makes posters in: the region's
// language pair (brand.Org.PosterLangs), and each of the body's languages
// alone. Three or four languages never share a poster.
func LangSets(o *brand.Org) [][]brand.Lang {
	sets := [][]brand.Lang{}
	if pair := o.PosterLangs(); len(pair) > 1 {
		sets = append(sets, pair)
	}
	for _, l := range o.Langs() {
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
	ran := map[string]bool{}
	note := func(ids []string) {
		for _, id := range ids {
			ran[id] = true
		}
	}
	profileRan, ps := rules.Run(&rules.Subject{Kind: rules.Profile, Org: o})
	note(profileRan)
	add("profile", ps)
	sigRan, ps := signature.Check(o)
	note(sigRan)
	add("e-mail signatures", ps)
	for _, ch := range brand.Channels {
		for _, l := range o.Langs() {
			for _, lay := range []logo.Layout{logo.WebSmall, logo.WebLarge, logo.Print} {
				if pack != nil && lay != logo.Print {
					continue // the kit copies a pack's web files as they are
				}
				opt := render.LogoOptions{Channel: ch, Lang: l, Version: logo.Colour, Web: lay, Format: render.SVG, Pack: pack}
				if lay == logo.Print {
					opt.Web = ""
					if pack != nil {
						opt.Format = render.PDF // a pack's SVG passes through unchecked
					}
				}
				ids, err := render.Logo(io.Discard, opt)
				note(ids)
				add(fmt.Sprintf("%s logo %s %s", ch, l, lay), err)
				r.Checked++
			}
		}
		for _, set := range LangSets(o) {
			for _, size := range layout.Sizes {
				doc, err := layout.Poster(o, layout.PosterOptions{Channel: ch, Langs: set, Size: size, Pack: pack})
				r.Checked++
				// A pair that does not fit is left out of the kit; each
				// language alone must fit. Sizes are monotonic, so A4
				// speaks for all three.
				if ps, ok := onlyFit(err); ok && len(set) > 1 {
					if !r.Skips(ch, set) {
						r.NotMade = append(r.NotMade, NotMade{Channel: ch, Langs: brand.JoinLangs(set), Reason: ps[0].String()})
					}
					continue
				}
				if err == nil {
					note(doc.Rules)
				}
				add(fmt.Sprintf("%s poster %s %s", ch, brand.JoinLangs(set), size), err)
			}
		}
	}
	// Letters and forms, blank, and the guide, in each language.
	for _, l := range o.Langs() {
		for _, k := range casefile.Kinds {
			if k == casefile.Register {
				continue
			}
			d, err := casefile.Build(o, k, casefile.Options{Lang: l})
			if err == nil {
				var doc *page.Doc
				if doc, err = layout.Letter(d); err == nil {
					note(doc.Rules)
				}
			}
			add(fmt.Sprintf("%s %s", k, l), err)
			r.Checked++
		}
		doc, err := layout.Guide(o, l)
		if err == nil {
			note(doc.Rules)
		}
		add(fmt.Sprintf("guide %s", l), err)
		r.Checked++
	}
	r.Problems.Sort()
	for _, rule := range rules.All {
		if ran[rule.ID] {
			r.Rules = append(r.Rules, rule.ID)
		}
	}
	return r
}
