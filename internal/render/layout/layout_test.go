package layout

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"affiches/internal/brand"
	"affiches/internal/golden"
	"affiches/internal/render/page"
	"affiches/internal/rules"
)

func TestPosterGolden(t *testing.T) {
	o := brand.Demo()
	for _, ch := range brand.Channels {
		for _, langs := range [][]brand.Lang{{brand.FR}, {brand.FR, brand.NL}, {brand.DE, brand.FR}} {
			for _, size := range Sizes {
				name := fmt.Sprintf("poster-%s-%s-%s.page", ch, brand.JoinLangs(langs), size)
				t.Run(name, func(t *testing.T) {
					doc, err := Poster(o, PosterOptions{Channel: ch, Langs: langs, Size: size})
					if err != nil {
						t.Fatal(err)
					}
					golden.Check(t, name, []byte(doc.Pages[0].Dump()))
					checkInside(t, doc.Pages[0], size)
					checkInvariants(t, doc.Pages[0])
				})
			}
		}
	}
}

func TestPrintShopPoster(t *testing.T) {
	o := brand.Demo()
	doc, err := Poster(o, PosterOptions{Channel: brand.Complaint, Langs: []brand.Lang{brand.FR, brand.NL}, Size: A4, CropMarks: true})
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Pages[0]
	golden.Check(t, "poster-complaint-fr+nl-a4-crop-marks.page", []byte(p.Dump()))
	bleed := 3 * MM
	if p.Trim == nil || p.Bleed == nil {
		t.Fatal("crop marks need a TrimBox and a BleedBox")
	}
	if math.Abs(p.Trim.W-595.28) > 0.01 || math.Abs(p.Trim.H-841.89) > 0.01 {
		t.Errorf("trim = %v, want exact A4", *p.Trim)
	}
	if math.Abs(p.Bleed.W-(p.Trim.W+2*bleed)) > 0.01 {
		t.Errorf("bleed box %v is not trim + 3 mm", *p.Bleed)
	}
	// The footer band reaches the bleed edge.
	reach := false
	for _, e := range p.Elements {
		if f, ok := e.(page.Fill); ok && math.Abs(f.X-p.Bleed.X) < 0.01 && math.Abs(f.Y+f.H-(p.Bleed.Y+p.Bleed.H)) < 0.01 {
			reach = true
		}
	}
	if !reach {
		t.Error("no band reaches the bleed's bottom-left corner")
	}
}

// checkInvariants fails the test with every invariant the page breaks.
func checkInvariants(t *testing.T, p *page.Page) {
	t.Helper()
	for _, msg := range Invariants(p) {
		t.Error(msg)
	}
}

// checkInside asserts every text and art stays inside the safe margin and
// no text is below the minimum body size scaled to the page.
func checkInside(t *testing.T, p *page.Page, size Size) {
	t.Helper()
	w, h := size.Points()
	safe := rules.SafeMarginMM * MM
	for _, e := range p.Elements {
		switch e := e.(type) {
		case page.Text:
			if e.X < safe || e.Y > h-safe || e.Y < safe {
				t.Errorf("text %q at %.1f,%.1f outside the %g mm safe margin", e.S, e.X, e.Y, rules.SafeMarginMM)
			}
		case page.Art:
			if e.Box.X < 0 || e.Box.X+e.Box.W > w || e.Box.Y < 0 {
				t.Errorf("art %s at %v leaves the page", e.Name, e.Box)
			}
			if math.Abs(e.Box.W/e.Box.H-e.View.X/e.View.Y) > 1e-6 {
				t.Errorf("art %s distorted: box %v, view %v", e.Name, e.Box, e.View)
			}
		}
	}
}

func TestBodyTextNeverBelowMinimum(t *testing.T) {
	o := brand.Demo()
	for _, size := range Sizes {
		for _, langs := range [][]brand.Lang{{brand.NL}, {brand.FR, brand.NL}} {
			doc, err := Poster(o, PosterOptions{Channel: brand.Complaint, Langs: langs, Size: size})
			if err != nil {
				t.Fatal(err)
			}
			w, _ := size.Points()
			min := rules.MinBodyPtA4 * w / (210 * MM)
			for _, e := range doc.Pages[0].Elements {
				if tx, ok := e.(page.Text); ok && tx.Face == page.Regular && tx.Colour == Ink && tx.Size < min-0.01 {
					t.Errorf("%s %s: body text %q at %.2f pt, minimum %.2f", size, brand.JoinLangs(langs), tx.S, tx.Size, min)
				}
			}
		}
	}
}

func TestPosterRefusals(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(o *brand.Org)
		opt   PosterOptions
		rule  string
		field string
		want  string
	}{
		{"low contrast accent", func(o *brand.Org) { o.Accent, _ = brand.ParseColour("#FFD700") }, PosterOptions{Size: A4}, "COLOUR-CONTRAST", "colours.accent", "contrast of 1.4"},
		{"name past three lines", func(o *brand.Org) {
			o.Name.By[brand.NL] = strings.Repeat("Federale Overheidsdienst Volksgezondheid, Veiligheid van de Voedselketen en Leefmilieu ", 3)
		}, PosterOptions{Size: A5, Langs: []brand.Lang{brand.FR, brand.NL}}, "TEXT-FIT", "name.nl", "does not fit"},
		{"hours too long for a pair", func(o *brand.Org) {
			o.Complaint.Hours.By[brand.NL] = strings.Repeat("maandag tot vrijdag van 9 tot 12 uur en van 13 tot 16 uur, ", 6)
		}, PosterOptions{Size: A4, Langs: []brand.Lang{brand.FR, brand.NL}}, "TEXT-MIN-SIZE", "", "the nl column needs"},
		{"emoji in address", func(o *brand.Org) { o.Address.By[brand.FR] = "Rue 1 🏛, 1000 Bruxelles" }, PosterOptions{Size: A4, Langs: []brand.Lang{brand.FR}}, "TEXT-GLYPHS", "address.fr", "U+1F3DB"},
		{"url too long for a readable code", func(o *brand.Org) {
			// Past the profile's 200-character limit, which Parse enforces first.
			o.Complaint.FormURL.By[brand.FR] = "https://www.example.org/fr/" + strings.Repeat("plainte/", 60)
		}, PosterOptions{Size: A3, Langs: []brand.Lang{brand.FR}}, "QR-MODULE-SIZE", "complaint.form_url.fr", "shorten the URL"},
		{"language the profile lacks", func(o *brand.Org) { delete(o.Name.By, brand.DE) }, PosterOptions{Size: A4, Langs: []brand.Lang{brand.DE}}, "", "name.de", "missing"},
		{"three languages on A4", func(*brand.Org) {}, PosterOptions{Size: A4, Langs: []brand.Lang{brand.FR, brand.NL, brand.EN}}, "TEXT-MIN-SIZE", "", "make one poster per language pair (--lang fr,nl)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := brand.Demo()
			tt.edit(o)
			tt.opt.Channel = brand.Complaint
			_, err := Poster(o, tt.opt)
			var ps brand.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Poster = %v, want problems", err)
			}
			for _, p := range ps {
				if p.Rule == tt.rule && p.Field == tt.field && strings.Contains(p.Message, tt.want) {
					return
				}
			}
			t.Errorf("Poster problems:\n%v\nwant %s %s …%s…", err, tt.rule, tt.field, tt.want)
		})
	}
}

// TestGuideAnatomyShowsTheBody: with a body, the anatomy page shows its
// poster, whose parts the markers find by name.
func TestGuideAnatomyShowsTheBody(t *testing.T) {
	o := corpus(t)["spp-integration-sociale"]
	doc, err := Guide(o, brand.NL)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range doc.Pages {
		if b, ok := p.Block("poster"); ok {
			found = strings.Contains(b.Alt, o.Name.In(brand.NL))
			for _, e := range p.BlockElements(b) {
				if tx, ok := e.(page.Text); ok && strings.Contains(o.Name.In(brand.NL), tx.S) && len(tx.S) > 10 {
					return
				}
			}
		}
	}
	t.Errorf("the anatomy page does not show the body's poster (figure found: %v)", found)
}

func TestPosterDeterministic(t *testing.T) {
	o := brand.Demo()
	opt := PosterOptions{Channel: brand.Complaint, Size: A4}
	a, _ := Poster(o, opt)
	b, _ := Poster(o, opt)
	if a.Pages[0].Dump() != b.Pages[0].Dump() {
		t.Error("two layouts of the same poster differ")
	}
}

// TestGuideStatesEveryRule: each rule of the charter appears on a page of
// the guide, in every language, with its numbers.
func TestGuideStatesEveryRule(t *testing.T) {
	for _, l := range brand.Langs {
		doc, err := Guide(nil, l)
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		var all strings.Builder
		for _, p := range doc.Pages {
			for _, e := range p.Elements {
				if tx, ok := e.(page.Text); ok {
					all.WriteString(tx.S + "\n")
				}
			}
		}
		for _, r := range rules.All {
			if !strings.Contains(all.String(), r.ID) {
				t.Errorf("%s: the guide does not state %s", l, r.ID)
			}
		}
		if !strings.Contains(all.String(), "140 × 85 px") || !strings.Contains(all.String(), "25 mm") {
			t.Errorf("%s: the guide lacks the web size or the minimum print width", l)
		}
		if len(doc.Pages) < 9 {
			t.Errorf("%s: %d pages", l, len(doc.Pages))
		}
		for i, p := range doc.Pages {
			for _, msg := range Invariants(p) {
				t.Errorf("%s page %d: %s", l, i+1, msg)
			}
		}
		if l == brand.FR {
			var dumps []string
			for _, p := range doc.Pages {
				dumps = append(dumps, p.Dump())
			}
			golden.Check(t, "guide-fr.page", []byte(strings.Join(dumps, "\n")))
		}
	}
}
