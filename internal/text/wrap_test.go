package text

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"affiches/internal/render/page"
)

// TestBinding: what a rule binds is never split, in either mode, and keeps
// its plain spaces. Each box is as wide as the text up to the middle of a
// unit, where a breaker that only sees spaces splits it.
func TestBinding(t *testing.T) {
	f := Fonts().Regular
	tests := []struct {
		name string
		s    string
		upto string // the box is as wide as this
		want []string
	}{
		{"phone, national", "Appelez le 02 549 67 00", "Appelez le 02 549", []string{"Appelez le", "02 549 67 00"}},
		{"phone, free number", "Numéro gratuit 0800 12 345", "Numéro gratuit 0800 12", []string{"Numéro gratuit", "0800 12 345"}},
		{"phone, international", "Tél. : +32 2 549 67 00", "+32 2 549 67 00", []string{"Tél. :", "+32 2 549 67 00"}},
		{"phone, international with (0)", "Appelez le +32 (0)2 123 45 67", "Appelez le +32 (0)2 123", []string{"Appelez le", "+32 (0)2 123 45 67"}},
		{"thousands", "plus de 25 000 plaintes", "plus de 25", []string{"plus de", "25 000", "plaintes"}},
		{"postcode and town", "Rue de la Loi 16, 1000 Bruxelles", "Rue de la Loi 16, 1000", []string{"Rue de la Loi 16,", "1000 Bruxelles"}},
		{"postcode with B-", "Gospertstraße 1, B-4700 Eupen", "Gospertstraße 1, B-4700", []string{"Gospertstraße 1,", "B-4700 Eupen"}},
		{"postcode, Dutch", "Wetstraat 16, 1000 Brussel", "Wetstraat 16, 1000", []string{"Wetstraat 16,", "1000 Brussel"}},
		{"postcode and a town of two words", "Kirchstraße 1, 4720 La Calamine", "Kirchstraße 1, 4720 La", []string{"Kirchstraße 1,", "4720 La Calamine"}},
		{"number and mm", "une marge de 25 mm", "une marge de 25", []string{"une marge de", "25 mm"}},
		{"decimal and m", "une distance de 1,5 m", "une distance de 1,5", []string{"une distance de", "1,5 m"}},
		{"number and pt", "au moins 14 pt", "au moins 14", []string{"au moins", "14 pt"}},
		{"hours", "ouvert de 9 h 30 à 17 h", "ouvert de 9 h", []string{"ouvert de", "9 h 30 à 17 h"}},
		{"number sign", "le dossier n° 2026/0042", "n° 2026/0042", []string{"le dossier", "n° 2026/0042"}},
		{"colon", "Contact Tél. :", "Contact Tél.", []string{"Contact", "Tél. :"}},
		{"question mark", "Une plainte ?", "Une plainte", []string{"Une", "plainte ?"}},
		{"guillemets", "le « mot » juste", "le « mot", []string{"le", "« mot »", "juste"}},
		{"no-break space kept as it is", "prestations\u00a0? oui", "prestations\u00a0?", []string{"prestations\u00a0?", "oui"}},
		{"separator ends the line", "de l'emploi / RVA", "de l'emploi", []string{"de", "l'emploi /", "RVA"}},
		{"date, French", "reçue le 1er mars 2026", "reçue le 1er mars", []string{"reçue le", "1er mars 2026"}},
		{"date, Dutch", "ontvangen op 1 maart 2026", "ontvangen op 1", []string{"ontvangen op", "1 maart 2026"}},
		{"date, German", "erhalten am 1. März 2026", "erhalten am 1.", []string{"erhalten am", "1. März 2026"}},
		{"date, English", "received on March 1, 2026", "received on March", []string{"received on", "March 1, 2026"}},
		{"a count and its noun still break", "Dans les 30 jours", "Dans les 30", []string{"Dans les 30", "jours"}},
		{"a number and a lower-case word still break", "en 2026 plaintes", "en 2026", []string{"en 2026", "plaintes"}},
	}
	for _, tt := range tests {
		for _, mode := range []Breaks{AtSpaces, InURL} {
			t.Run(fmt.Sprintf("%s/mode %d", tt.name, mode), func(t *testing.T) {
				width := f.Width(tt.upto, 10) + 0.01
				got, err := Wrap(f, tt.s, 10, width, mode)
				if err != nil {
					t.Fatalf("Wrap(%q, %.1f) = %v, want %q", tt.s, width, err, tt.want)
				}
				if strings.Join(got, "|") != strings.Join(tt.want, "|") {
					t.Errorf("Wrap(%q, %.1f) = %q, want %q", tt.s, width, got, tt.want)
				}
			})
		}
	}
}

// TestTooWideNamesTheUnit: a bound phrase too wide for its box is refused
// as a whole, and the message says why it is kept on one line.
func TestTooWideNamesTheUnit(t *testing.T) {
	f := Fonts().Regular
	tests := []struct {
		name      string
		s         string
		wantWord  string
		wantBound string
	}{
		{"phone", "Tél. : +32 2 549 67 00", "+32 2 549 67 00", "a phone number"},
		{"postcode", "Rue de la Loi 16, 1000 Bruxelles", "1000 Bruxelles", "a postcode and its town"},
		{"word", "Klachtenmanagementcoördinator", "Klachtenmanagementcoördinator", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FitBlock(f, tt.s, Fit{Max: 10, Min: 8, Width: f.Width(tt.wantWord, 8) - 1})
			var tw *TooWideError
			if !errors.As(err, &tw) {
				t.Fatalf("FitBlock = %v, want a TooWideError", err)
			}
			if tw.Word != tt.wantWord || tw.Bound != tt.wantBound {
				t.Errorf("TooWideError{Word: %q, Bound: %q}, want {%q, %q}", tw.Word, tw.Bound, tt.wantWord, tt.wantBound)
			}
			if tt.wantBound != "" && !strings.Contains(err.Error(), "kept on one line ("+tt.wantBound+")") {
				t.Errorf("message %q does not say why the words are kept together", err)
			}
			if math.Abs(tw.Width-f.Width(tt.wantWord, 8)) > 1e-9 {
				t.Errorf("TooWideError.Width = %v, want %v (at Min)", tw.Width, f.Width(tt.wantWord, 8))
			}
		})
	}
}

// TestURLBreaks: URLs and e-mail addresses break the Chicago Manual's way,
// and only when they do not fit a line whole.
func TestURLBreaks(t *testing.T) {
	f := Fonts().Regular
	const url = "https://www.example.org/fr/plainte"
	tests := []struct {
		name string
		s    string
		upto string
		mode Breaks
		want []string
	}{
		{"after //, not inside the host", url, "https://www.example.", InURL, []string{"https://", "www.example.org/fr", "/plainte"}},
		{"before a slash", url, "https://www.example.org/fr/", InURL, []string{"https://www.example.org/fr", "/plainte"}},
		{"moved whole when it fits a line", "Voir " + url, url, InURL, []string{"Voir", url}},
		{"never after a hyphen", "https://www.example.org/over-ons/klachten", "https://www.example.org/over-", InURL, []string{"https://www.example.org/over", "-ons/klachten"}},
		{"after an ampersand", "https://www.example.org/fr?bron=affiche&regio=antwerpen", "https://www.example.org/fr?bron=affiche&", InURL, []string{"https://www.example.org/fr?bron=affiche&", "regio=antwerpen"}},
		{"after an equals sign", "https://www.example.org/fr?bron=affiche&regio=antwerpen", "https://www.example.org/fr?bron=", InURL, []string{"https://www.example.org/fr?bron=", "affiche&regio=antwerpen"}},
		{"before a dot in the path", "https://www.example.org/guide.pdf", "https://www.example.org/guide.", InURL, []string{"https://www.example.org/guide", ".pdf"}},
		{"inside the host when it alone does not fit", "https://www.klachtenmanagement-rijksdienstvoorarbeidsvoorziening.example.be/nl", "-rijksdienstvoorarbeidsvoorziening", InURL, []string{"https://www.klachtenmanagement", "-rijksdienstvoorarbeidsvoorziening", ".example.be/nl"}},
		{"the sentence's period stays", "Voir " + url + ".", url, InURL, []string{"Voir https://www.example.org/fr", "/plainte."}},
		{"e-mail moved whole when it fits", "Écrivez à klachten@example.org", "klachten@example.org", InURL, []string{"Écrivez à", "klachten@example.org"}},
		{"e-mail before @ and . when it does not fit", "klachtenmanagement@rijksdienstvoorarbeidsvoorziening.be", "@rijksdienstvoorarbeidsvoorziening", InURL, []string{"klachtenmanagement", "@rijksdienstvoorarbeidsvoorziening", ".be"}},
		{"a compound word after its hyphen", "Sint-Pieters-Woluwe", "Sint-Pieters-", InURL, []string{"Sint-Pieters-", "Woluwe"}},
		{"AtSpaces moves a URL whole", "Voir " + url, url, AtSpaces, []string{"Voir", url}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			width := f.Width(tt.upto, 10) + 0.01
			got, err := Wrap(f, tt.s, 10, width, tt.mode)
			if err != nil {
				t.Fatalf("Wrap(%q, %.1f) = %v, want %q", tt.s, width, err, tt.want)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Wrap(%q, %.1f) = %q, want %q", tt.s, width, got, tt.want)
			}
		})
	}
	t.Run("AtSpaces never breaks a URL", func(t *testing.T) {
		_, err := Wrap(f, url, 10, f.Width(url, 10)/2, AtSpaces)
		var tw *TooWideError
		if !errors.As(err, &tw) || tw.Word != url {
			t.Errorf("Wrap(%q) in half its width = %v, want a TooWideError naming it", url, err)
		}
	})
}

// TestBalance: names and headlines get even lines and no lone last word,
// in as many lines as the box's width takes.
func TestBalance(t *testing.T) {
	f := Fonts().Bold
	tests := []struct {
		name  string
		s     string
		upto  string  // the box is as wide as this: greedy leaves a lone word
		width float64 // or this wide
		want  []string
	}{
		{"SPF BOSA", "Service public fédéral Stratégie et Appui", "Service public fédéral Stratégie et", 0, []string{"Service public fédéral", "Stratégie et Appui"}},
		{"Ministerium", "Ministerium der Deutschsprachigen Gemeinschaft Belgiens", "Ministerium der Deutschsprachigen Gemeinschaft", 0, []string{"Ministerium der Deutschsprachigen", "Gemeinschaft Belgiens"}},
		{"ONEM/RVA", "Office national de l'emploi / Rijksdienst voor Arbeidsvoorziening", "Office national de l'emploi / Rijksdienst voor", 0, []string{"Office national de l'emploi /", "Rijksdienst voor Arbeidsvoorziening"}},
		{"RIZIV", "Rijksinstituut voor ziekte- en invaliditeitsverzekering (RIZIV)", "Rijksinstituut voor ziekte- en invaliditeitsverzekering", 0, []string{"Rijksinstituut voor ziekte- en", "invaliditeitsverzekering (RIZIV)"}},
		{"OCMW", "Openbaar Centrum voor Maatschappelijk Welzijn van Sint-Pieters-Woluwe", "Openbaar Centrum voor Maatschappelijk Welzijn van", 0, []string{"Openbaar Centrum voor Maatschappelijk", "Welzijn van Sint-Pieters-Woluwe"}},
		{"three lines", "Office national de l'emploi / Rijksdienst voor Arbeidsvoorziening", "Office national de l'emploi /", 0, []string{"Office national de", "l'emploi / Rijksdienst", "voor Arbeidsvoorziening"}},
		{"last two words kept together", "Service public fédéral Stratégie et Appui", "", 114, []string{"Service", "public fédéral", "Stratégie", "et Appui"}},
		{"a lone word that would cost a line stays", "Ministerium der Deutschsprachigen Gemeinschaft Belgiens", "", 149, []string{"Ministerium der", "Deutschsprachigen", "Gemeinschaft", "Belgiens"}},
		{"two words keep their break", "Federale Pensioendienst", "Pensioendienst", 0, []string{"Federale", "Pensioendienst"}},
		{"a URL that fits is not broken to balance", "Voir https://www.example.org/fr/plainte", "https://www.example.org/fr/plainte", 0, []string{"Voir", "https://www.example.org/fr/plainte"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			width := tt.width
			if tt.upto != "" {
				width = f.Width(tt.upto, 16) + 0.01
			}
			fit := Fit{Max: 16, Min: 16, Width: width, MaxLines: 4, Breaks: InURL}
			greedy, err := FitBlock(f, tt.s, fit)
			if err != nil {
				t.Fatal(err)
			}
			fit.Balance = true
			got, err := FitBlock(f, tt.s, fit)
			if err != nil {
				t.Fatalf("FitBlock(%q, Balance) = %v", tt.s, err)
			}
			if strings.Join(got.Lines, "|") != strings.Join(tt.want, "|") {
				t.Errorf("FitBlock(%q, Balance).Lines = %q, want %q (greedy: %q)", tt.s, got.Lines, tt.want, greedy.Lines)
			}
			if len(got.Lines) != len(greedy.Lines) {
				t.Errorf("balanced in %d lines, greedy in %d", len(got.Lines), len(greedy.Lines))
			}
			if got.Width > width+1e-9 {
				t.Errorf("balanced block is %.2f wide, box %.2f", got.Width, width)
			}
		})
	}
}

// TestFitSpans: styled runs break like plain text, across span
// boundaries, and every piece keeps its span's face and mark.
func TestFitSpans(t *testing.T) {
	fonts := Fonts()
	spans := []Span{
		{S: "Madame "}, {S: "Dupont", Mark: true}, {S: ", nous avons reçu votre plainte "},
		{S: "n° 2026/0042", Face: page.Bold}, {S: " du 1er mars. Appelez le "},
		{S: "02 549", Mark: true}, {S: " 67 00", Mark: true}, {S: " pour en parler."},
	}
	// A piece as "text[face,mark]"; "|" between pieces.
	tests := []struct {
		name  string
		width float64
		want  []string
	}{
		{"narrow", 80, []string{
			"Madame [,false]|Dupont[,true]|,[,false]",
			"nous avons reçu[,false]",
			"votre plainte[,false]",
			"n° 2026/0042[bold,false]",
			"du 1er mars.[,false]",
			"Appelez le[,false]",
			"02 549[,true]| 67 00[,true]",
			"pour en parler.[,false]",
		}},
		{"wide", 200, []string{
			"Madame [,false]|Dupont[,true]|, nous avons reçu votre[,false]",
			"plainte [,false]|n° 2026/0042[bold,false]| du 1er mars. Appelez[,false]",
			"le [,false]|02 549[,true]| 67 00[,true]| pour en parler.[,false]",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := FitSpans(fonts, spans, Fit{Max: 10, Min: 10, Width: tt.width})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range b.Lines {
				var ps []string
				x := 0.0
				for _, p := range l.Pieces {
					ps = append(ps, fmt.Sprintf("%s[%s,%v]", p.S, p.Face, p.Mark))
					if math.Abs(p.X-x) > 1e-9 || math.Abs(p.W-fonts.Face(p.Face).Width(p.S, 10)) > 1e-9 {
						t.Errorf("piece %q at %.2f, %.2f wide; want at %.2f, %.2f wide", p.S, p.X, p.W, x, fonts.Face(p.Face).Width(p.S, 10))
					}
					x += p.W
				}
				if l.W > tt.width+1e-9 || math.Abs(l.W-x) > 1e-9 {
					t.Errorf("line %q is %.2f wide, pieces %.2f, box %.2f", ps, l.W, x, tt.width)
				}
				got = append(got, strings.Join(ps, "|"))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("FitSpans lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestFitSpansIsFitBlock: one span in the regular face lays out exactly
// as FitBlock does: one engine.
func TestFitSpansIsFitBlock(t *testing.T) {
	fonts := Fonts()
	tests := []struct {
		name string
		s    string
		fit  Fit
	}{
		{"paragraph", "Vous pouvez vous plaindre de la qualité d’un service, de l’accueil, d’un retard ou d’une erreur dans votre dossier.", Fit{Max: 14, Min: 10, Width: 180, MaxLines: 4}},
		{"name balanced", "Office national de l'emploi / Rijksdienst voor Arbeidsvoorziening", Fit{Max: 20, Min: 8, Width: 200, MaxLines: 2, Balance: true}},
		{"url", "https://www.example.org/nl/over-ons/contact/klachtenformulier?bron=affiche&regio=antwerpen", Fit{Max: 12, Min: 12, Width: 150, Breaks: InURL}},
		{"newlines", "Coordinateur des plaintes\nRue de la Loi 16\n\n1000 Bruxelles", Fit{Max: 12, Min: 12, Width: 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := FitBlock(fonts.Regular, tt.s, tt.fit)
			if err != nil {
				t.Fatal(err)
			}
			got, err := FitSpans(fonts, []Span{{S: tt.s, Face: page.Regular}}, tt.fit)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, l := range got.Lines {
				var b strings.Builder
				for _, p := range l.Pieces {
					b.WriteString(p.S)
				}
				lines = append(lines, b.String())
			}
			if got.Size != want.Size || got.LineHeight != want.LineHeight || got.Width != want.Width ||
				strings.Join(lines, "|") != strings.Join(want.Lines, "|") {
				t.Errorf("FitSpans = %v pt %q (%.2f wide), FitBlock = %v pt %q (%.2f wide)", got.Size, lines, got.Width, want.Size, want.Lines, want.Width)
			}
			if got.Height(fonts.Regular) != want.Height(fonts.Regular) {
				t.Errorf("heights %v and %v", got.Height(fonts.Regular), want.Height(fonts.Regular))
			}
		})
	}
}

// TestFitSpansMissingGlyph: a character a span's face lacks is refused,
// naming that face's font.
func TestFitSpansMissingGlyph(t *testing.T) {
	fonts := Fonts()
	_, err := FitSpans(fonts, []Span{{S: "Dossier "}, {S: "n° 42 😀", Face: page.Bold}}, Fit{Max: 10, Min: 10, Width: 500})
	var mg *MissingGlyphError
	if !errors.As(err, &mg) || len(mg.Runes) != 1 || mg.Runes[0] != '😀' || mg.Font != fonts.Bold.Name {
		t.Errorf("FitSpans = %v, want a MissingGlyphError for 😀 in %s", err, fonts.Bold.Name)
	}
}

// FuzzFitSpans: styled runs cut anywhere (even inside a character) lay out
// with no line wider than its box, pieces side by side, and every piece a
// part of one span, in order, with its face and mark; nothing but spaces and
// newlines is lost where lines break.
func FuzzFitSpans(f *testing.F) {
	f.Add("Madame Dupont, votre plainte n° 2026/0042 du 1er mars 2026 : appelez le 02 549 67 00.", uint32(0x05_1a_2b_3c), 90.0, 0, false)
	f.Add("Office national de l'emploi / Rijksdienst voor Arbeidsvoorziening", uint32(0xa3_07_11_30), 150.0, 3, true)
	f.Add("https://www.example.org/nl/klachten-wegen?bron=affiche&regio=antwerpen", uint32(0x0f_08_10_20), 60.0, 0, false)
	f.Add("a\n\n b  c\u00a0?", uint32(0xff_01_02_03), 5.0, 2, true)
	f.Fuzz(func(t *testing.T, s string, cuts uint32, width float64, maxLines int, balance bool) {
		if width <= 0 || width > 1e4 || maxLines < 0 || len(s) > 2000 {
			return
		}
		fonts := Fonts()
		// Up to four spans, cut at the bytes given by cuts' three low
		// bytes; the high byte gives their faces and marks.
		var spans []Span
		var starts []int
		at := 0
		for i := range 4 {
			end := len(s)
			if i < 3 && len(s) > 0 {
				end = max(at, int(cuts>>(8*i)&0xff)%(len(s)+1))
			}
			style := cuts >> 24 >> i
			sp := Span{S: s[at:end], Mark: style&0x10 != 0}
			if style&1 != 0 {
				sp.Face = page.Bold
			}
			spans, starts = append(spans, sp), append(starts, at)
			at = end
		}
		for _, mode := range []Breaks{AtSpaces, InURL} {
			b, err := FitSpans(fonts, spans, Fit{Max: 12, Min: 8, Width: width, MaxLines: maxLines, Breaks: mode, Balance: balance})
			if err != nil {
				continue
			}
			if maxLines > 0 && len(b.Lines) > maxLines {
				t.Fatalf("%d lines, max %d", len(b.Lines), maxLines)
			}
			pos := 0 // where the next piece may start in s
			var kept strings.Builder
			for _, l := range b.Lines {
				x := 0.0
				for _, p := range l.Pieces {
					i := strings.Index(s[pos:], p.S)
					if p.S == "" || i < 0 || dropBreaks(s[pos:pos+i]) != "" {
						t.Fatalf("piece %q is not the next part of %q after byte %d", p.S, s, pos)
					}
					pos += i
					k := 0 // the span the piece starts in
					for pos >= starts[k]+len(spans[k].S) {
						k++
					}
					if pos+len(p.S) > starts[k]+len(spans[k].S) || p.Face != spans[k].Face || p.Mark != spans[k].Mark {
						t.Fatalf("piece %q at byte %d is not inside span %d %+v", p.S, pos, k, spans[k])
					}
					if w := fonts.Face(p.Face).Width(p.S, b.Size); math.Abs(p.W-w) > 1e-9 || math.Abs(p.X-x) > 1e-9 {
						t.Fatalf("piece %q at %v, %v wide; want at %v, %v wide", p.S, p.X, p.W, x, w)
					}
					x += p.W
					pos += len(p.S)
					kept.WriteString(p.S)
				}
				if l.W > width+1e-6 || math.Abs(l.W-x) > 1e-9 {
					t.Fatalf("line %+v is %.2f wide, box %.2f", l.Pieces, l.W, width)
				}
			}
			if got, want := dropBreaks(kept.String()), dropBreaks(s); got != want {
				t.Fatalf("pieces hold %q, want %q", got, want)
			}
		}
	})
}

// BenchmarkFitSpans: a letter's paragraph with fields and bold, and a
// body's name balanced over two lines.
func BenchmarkFitSpans(b *testing.B) {
	fonts := Fonts()
	benches := []struct {
		name  string
		spans []Span
		fit   Fit
	}{
		{"letter", []Span{
			{S: "Madame, Monsieur, nous avons bien reçu le "}, {S: "1er mars 2026", Mark: true},
			{S: " votre plainte concernant "}, {S: "le traitement de votre dossier", Mark: true},
			{S: ". Elle est enregistrée sous le numéro "}, {S: "2026/0042", Face: page.Bold},
			{S: ". Nous vous répondrons au plus tard le "}, {S: "15 avril 2026", Mark: true},
			{S: ". Pour toute question, appelez le 02 549 67 00 ou écrivez à klachten@example.org."},
		}, Fit{Max: 10.5, Min: 10.5, Width: 450, Leading: 1.4}},
		{"name balanced", []Span{{S: "Office national de l'emploi / Rijksdienst voor Arbeidsvoorziening", Face: page.Bold}},
			Fit{Max: 20, Min: 8, Width: 200, MaxLines: 2, Leading: 1.15, Balance: true}},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := FitSpans(fonts, bb.spans, bb.fit); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
