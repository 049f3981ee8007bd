package rules_test

import (
	"image/color"
	"slices"
	"strings"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/render/layout"
	"affiches/internal/render/page"
	"affiches/internal/rules"
)

// poster lays out the demo body's A4 French-Dutch complaint poster.
func poster(t *testing.T) *page.Doc {
	t.Helper()
	doc, err := layout.Poster(brand.Demo(), layout.PosterOptions{Channel: brand.Complaint, Langs: []brand.Lang{brand.FR, brand.NL}, Size: layout.A4})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// block returns the index of the first block named name.
func block(t *testing.T, p *page.Page, name string) int {
	t.Helper()
	for i, b := range p.Blocks {
		if b.Name == name {
			return i
		}
	}
	t.Fatalf("no block %q", name)
	return -1
}

// insert puts e at index i of the page's elements, moving the blocks.
func insert(p *page.Page, i int, e page.Element) {
	p.Elements = append(p.Elements[:i], append([]page.Element{e}, p.Elements[i:]...)...)
	for n := range p.Blocks {
		if p.Blocks[n].From >= i {
			p.Blocks[n].From++
		}
		if p.Blocks[n].To >= i && p.Blocks[n].From < i || p.Blocks[n].From >= i {
			p.Blocks[n].To++
		}
	}
}

// edit applies fn to every element of the first block named name.
func edit(t *testing.T, p *page.Page, name string, fn func(e page.Element) page.Element) {
	b := p.Blocks[block(t, p, name)]
	for i := b.From; i < b.To; i++ {
		p.Elements[i] = fn(p.Elements[i])
	}
}

// TestEveryRuleCanFail breaks each rule on a real poster (or the asset it
// applies to) and expects the refusal naming it; the unbroken poster passes.
func TestEveryRuleCanFail(t *testing.T) {
	if _, ps := rules.Run(&rules.Subject{Kind: rules.Poster, Doc: poster(t), Size: "a4"}); len(ps) > 0 {
		t.Fatalf("the demo poster breaks rules: %v", ps)
	}
	grey := color.RGBA{0xEE, 0xEE, 0xEE, 0xFF}
	tests := []struct {
		rule   rules.Rule
		want   string
		break_ func(t *testing.T) *rules.Subject
	}{
		{rules.LogoInseparable, "2 pieces", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			p := doc.Pages[0]
			b := p.Blocks[block(t, p, "logo")]
			art := p.Elements[b.From].(page.Art)
			balloon, baseline := art, art
			balloon.Paths, baseline.Paths = art.Paths[:1], art.Paths[1:]
			p.Elements[b.From] = balloon
			insert(p, b.From+1, baseline)
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.LogoWebSize, "asked 150×90", func(*testing.T) *rules.Subject {
			return &rules.Subject{Kind: rules.LogoWeb, Web: [2]int{150, 90}}
		}},
		{rules.LogoAspect, "drawn at", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			edit(t, doc.Pages[0], "logo", func(e page.Element) page.Element {
				a := e.(page.Art)
				a.Box.H *= 0.8
				return a
			})
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.LogoMinPrint, "minimum in print is 25 mm", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			p := doc.Pages[0]
			i := block(t, p, "logo")
			p.Blocks[i].Box.W, p.Blocks[i].Box.H, p.Blocks[i].Pad = p.Blocks[i].Box.W*0.3, p.Blocks[i].Box.H*0.3, p.Blocks[i].Pad*0.3
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.LogoClearSpace, "enters the clear space", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			p := doc.Pages[0]
			p.Blocks[block(t, p, "headline")].Box.Y = p.Blocks[block(t, p, "logo")].Box.Y + 5
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.LogoVersion, "is on #1A1A1A", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			p := doc.Pages[0]
			insert(p, 0, page.Fill{Rect: page.Rect{W: p.W, H: p.H / 2}, Colour: layout.Ink})
			p.Blocks = append([]page.Block{{Name: "dark", Role: page.Artifact, Box: page.Rect{W: p.W, H: p.H / 2}, From: 0, To: 1}}, p.Blocks...)
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.QRQuietZone, "modules of margin", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			edit(t, doc.Pages[0], "qr", func(e page.Element) page.Element {
				if m, ok := e.(page.Modules); ok {
					m.At.X -= 10
					return m
				}
				return e
			})
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.QRErrorLevel, "not the level-M encoding", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			edit(t, doc.Pages[0], "qr", func(e page.Element) page.Element {
				if m, ok := e.(page.Modules); ok {
					m.Runs = slices.Clone(m.Runs)
					m.Runs[3] = m.Runs[4] // one run twice, one gone
					return m
				}
				return e
			})
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.QRModuleSize, "need 1.5 mm", func(t *testing.T) *rules.Subject {
			// The A4 poster's modules, read from A3's distance.
			return &rules.Subject{Kind: rules.Poster, Doc: poster(t), Size: "a3"}
		}},
		{rules.QRDarkOnLight, "modules on", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			edit(t, doc.Pages[0], "qr", func(e page.Element) page.Element {
				switch e := e.(type) {
				case page.Fill: // the plate
					e.Colour = layout.Ink
					return e
				case page.Modules:
					e.Colour = layout.White
					return e
				}
				return e
			})
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.QRURLMatch, "the poster prints", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			edit(t, doc.Pages[0], "url", func(e page.Element) page.Element {
				if tx, ok := e.(page.Text); ok {
					tx.S = strings.Replace(tx.S, "example", "exemple", 1)
					return tx
				}
				return e
			})
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.TextFit, "leaves its box", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			edit(t, doc.Pages[0], "about", func(e page.Element) page.Element {
				if tx, ok := e.(page.Text); ok {
					tx.X += 100
					return tx
				}
				return e
			})
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.TextMinSize, "body text needs 14.0 pt", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			edit(t, doc.Pages[0], "ack", func(e page.Element) page.Element {
				if tx, ok := e.(page.Text); ok {
					tx.Size = 10
					return tx
				}
				return e
			})
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.TextGlyphs, "U+1F3DB", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			edit(t, doc.Pages[0], "about", func(e page.Element) page.Element {
				if tx, ok := e.(page.Text); ok {
					tx.S = "🏛"
					return tx
				}
				return e
			})
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.ColourContrast, "needs 4.5:1", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			edit(t, doc.Pages[0], "about", func(e page.Element) page.Element {
				if tx, ok := e.(page.Text); ok {
					tx.Colour = grey
					return tx
				}
				return e
			})
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.PrintMargin, "enters the 5 mm safe margin", func(t *testing.T) *rules.Subject {
			doc := poster(t)
			p := doc.Pages[0]
			p.Blocks[block(t, p, "about")].Box.X = 3
			return &rules.Subject{Kind: rules.Poster, Doc: doc, Size: "a4"}
		}},
		{rules.LangSet, "nl is missing", func(*testing.T) *rules.Subject {
			o := brand.Demo()
			o.Languages = []brand.Lang{brand.EN, brand.FR}
			return &rules.Subject{Kind: rules.Profile, Org: o}
		}},
	}
	tested := map[string]bool{}
	for _, tt := range tests {
		tested[tt.rule.ID] = true
		t.Run(tt.rule.ID, func(t *testing.T) {
			s := tt.break_(t)
			ran, ps := rules.Run(s)
			if !strings.Contains(strings.Join(ran, " "), tt.rule.ID) {
				t.Errorf("%s did not run on a %s (ran %v)", tt.rule.ID, s.Kind, ran)
			}
			for _, p := range ps {
				if p.Rule == tt.rule.ID && strings.Contains(p.Message, tt.want) {
					return
				}
			}
			t.Errorf("want %s …%s…; got %v", tt.rule.ID, tt.want, ps)
		})
	}
	for _, r := range rules.All {
		if !tested[r.ID] {
			t.Errorf("no test breaks %s", r.ID)
		}
	}
}
