package logo

import (
	"math"
	"slices"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/render/page"
	"affiches/internal/text"
)

func TestEveryVariantBuilds(t *testing.T) {
	for _, ch := range brand.Channels {
		for _, l := range brand.Langs {
			for _, v := range Versions {
				for _, lay := range []Layout{WebSmall, WebLarge, Print} {
					lk, err := Build(ch, l, v, lay)
					if err != nil {
						t.Fatalf("%s %s %s %s: %v", ch, l, v, lay, err)
					}
					if w, h, ok := lay.WebSize(); ok && (lk.Art.View.X != float64(w) || lk.Art.View.Y != float64(h)) {
						t.Errorf("%s: view %v, want %d×%d", lk.Art.Name, lk.Art.View, w, h)
					}
					// LOGO-INSEPARABLE: the balloon and both baseline lines are in the art.
					if len(lk.Art.Paths) < 1 || len(lk.Art.Text) != 2 {
						t.Errorf("%s: %d paths and %d lines, want the balloon and two lines", lk.Art.Name, len(lk.Art.Paths), len(lk.Art.Text))
					}
					// LOGO-CLEAR-SPACE: nothing within a quarter of the balloon's height of the edge.
					want := ClearSpaceRatio * lk.Balloon.H
					if math.Abs(lk.Clear-want) > 1e-9 {
						t.Errorf("%s: clear space %.2f, want %.2f", lk.Art.Name, lk.Clear, want)
					}
					shapes := slices.Clone(lk.Art.Paths)
					for _, l := range lk.Art.Text {
						shapes = append(shapes, page.Path{Segs: text.Fonts().Face(l.Face).Outline(l.S, l.Size, l.X, l.Y)})
					}
					b := page.Bounds(shapes)
					if b.X < want-0.5 || b.Y < want-0.5 || b.X+b.W > lk.Art.View.X-want+0.5 || b.Y+b.H > lk.Art.View.Y-want+0.5 {
						t.Errorf("%s: artwork %v enters the clear space %.2f of %v", lk.Art.Name, b, want, lk.Art.View)
					}
				}
			}
		}
	}
}

func TestPlaceLocksAspect(t *testing.T) {
	lk, err := Build(brand.Complaint, brand.FR, Colour, Print)
	if err != nil {
		t.Fatal(err)
	}
	a := lk.Place(10, 20, 170)
	if math.Abs(a.Box.W/a.Box.H-lk.Art.View.X/lk.Art.View.Y) > 1e-9 {
		t.Errorf("placed box %v distorts view %v", a.Box, lk.Art.View)
	}
	if got := lk.Logo.W * a.Scale(); math.Abs(got-170) > 1e-9 {
		t.Errorf("logo width %.2f, want 170", got)
	}
}
