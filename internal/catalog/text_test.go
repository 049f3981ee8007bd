package catalog

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"affiches/internal/brand"
)

// The checks below read every string of every catalog the way a proofreader
// would, so that a new or changed entry cannot bring back a class of error
// a native review found.

// prepositions are the words that cannot stand just before a colon: what
// follows a colon must be able to stand alone ("à : Médiateur fédéral",
// "an: föderaler Ombudsmann" and "turn to: …" are wrong).
var prepositions = map[brand.Lang][]string{
	brand.FR: {"à", "au", "aux", "de", "du", "des", "d’", "pour", "par", "sur", "avec", "concernant", "vers", "chez", "sans", "dans", "en", "entre", "contre", "envers", "auprès"},
	brand.NL: {"tot", "bij", "aan", "naar", "over", "van", "met", "voor", "op", "in", "door", "om", "uit", "tegen", "zonder", "betreffende"},
	brand.DE: {"an", "bei", "zu", "von", "mit", "für", "über", "aus", "nach", "durch", "gegen", "um", "in", "auf", "zum", "zur", "beim", "vom", "im", "am", "betreffend", "bezüglich"},
	brand.EN: {"to", "about", "at", "for", "from", "with", "on", "of", "by", "in", "into", "regarding", "concerning", "towards"},
}

// punctuationColon finds a colon used as punctuation: not in a ratio
// (4,5:1), a time (9:30) or a URL (https://).
var punctuationColon = regexp.MustCompile(`(?:^|[^0-9])(:)(?:[^0-9/]|$)`)

func TestNoColonAfterAPreposition(t *testing.T) {
	for _, l := range brand.Langs {
		for _, k := range sortedKeys(l) {
			s := Entries(l)[k].Text
			for _, m := range punctuationColon.FindAllStringSubmatchIndex(s, -1) {
				before := strings.TrimRight(s[:m[2]], " \u00a0\u202f")
				words := strings.FieldsFunc(before, func(r rune) bool { return r == ' ' || r == '\u00a0' || r == '(' || r == '\n' })
				if len(words) == 0 {
					continue
				}
				last := strings.ToLower(words[len(words)-1])
				for _, p := range prepositions[l] {
					if last == p {
						t.Errorf("%s %s: a colon after the preposition %q: %q", l, k, p, s)
					}
				}
			}
		}
	}
}

// TestFrenchSpacing: in French a no-break space comes before ? ! : ; and
// inside « », so the sign never starts a line; the other languages put no
// space before them. No language puts a space before a comma or a full
// stop.
func TestFrenchSpacing(t *testing.T) {
	high := regexp.MustCompile(`[?!;]|` + punctuationColon.String())
	for _, l := range brand.Langs {
		for _, k := range sortedKeys(l) {
			s := Entries(l)[k].Text
			for _, m := range high.FindAllStringIndex(s, -1) {
				i := m[0]
				if s[i] != '?' && s[i] != '!' && s[i] != ';' {
					i = strings.IndexByte(s[m[0]:m[1]], ':') + m[0]
				}
				prev, _ := lastRune(s[:i])
				switch {
				case l == brand.FR && prev != '\u00a0' && prev != '\u202f':
					t.Errorf("fr %s: %q at %d without a no-break space before it: %q", k, s[i], i, s)
				case l != brand.FR && (prev == ' ' || prev == '\u00a0'):
					t.Errorf("%s %s: a space before %q: %q", l, k, s[i], s)
				}
			}
			if spaceBeforeStop.MatchString(s) {
				t.Errorf("%s %s: a space before a comma or a full stop: %q", l, k, s)
			}
			if l == brand.FR && (strings.Contains(s, "« ") || strings.Contains(s, " »")) {
				t.Errorf("fr %s: a plain space inside « »: %q", k, s)
			}
			if strings.ContainsRune(s, '\'') {
				t.Errorf("%s %s: a straight apostrophe (write ’): %q", l, k, s)
			}
		}
	}
}

// spaceBeforeStop is a space before a comma or a full stop that ends a
// word (" .html" is a file extension).
var spaceBeforeStop = regexp.MustCompile(`[ \x{a0}][,.](?:\s|$)`)

func lastRune(s string) (rune, bool) {
	r := []rune(s)
	if len(r) == 0 {
		return 0, false
	}
	return r[len(r)-1], true
}

// samples are the values tried in every placeholder: names that start
// with an article, with a vowel, with a capital or not, in each language,
// and dates and numbers as the code writes them. A sentence must read
// right with each of them: a template may not put an article or a
// preposition that the name's own article would clash with ("à le Service
// fédéral", "an der Föderale Pensionsdienst", "the the").
var samples = map[brand.Lang][]string{
	brand.FR: {"le Service fédéral des Pensions", "l’Office national de l’emploi", "Ombuds Bruxelles", "Agence fédérale des médicaments", "les services de la Ville", "un retard de traitement", "Médiateur fédéral, Rue Ernest Blerot 1, 1070 Bruxelles"},
	brand.NL: {"de Federale Pensioendienst", "het Agentschap Opgroeien", "Ombuds Brussel", "Rijksdienst voor Arbeidsvoorziening", "een vertraging in de behandeling"},
	brand.DE: {"der Föderale Pensionsdienst", "die Pensionskasse", "das Arbeitsamt der DG", "Ombudsdienst der Deutschsprachigen Gemeinschaft", "eine Verzögerung bei der Bearbeitung", "Arbeitsamt"},
	brand.EN: {"the Federal Pension Service", "Ombuds Brussels", "an unanswered letter", "Agency for Medicines", "a delay in handling my request"},
}

var dateSamples = map[brand.Lang][]string{
	brand.FR: {"1er\u00a0août\u00a02026", "11\u00a0octobre\u00a02026", "8\u00a0avril\u00a02026"},
	brand.NL: {"1\u00a0augustus\u00a02026", "11\u00a0oktober\u00a02026"},
	brand.DE: {"1.\u00a0August\u00a02026", "11.\u00a0Oktober\u00a02026"},
	brand.EN: {"1\u00a0August\u00a02026", "11\u00a0October\u00a02026"},
}

// clashes are the sequences a bad template makes with the samples: two
// articles in a row, a preposition French contracts (à le → au), a word
// French elides before a vowel (de Office → d’Office), "a" before a vowel.
var clashes = map[brand.Lang]*regexp.Regexp{
	brand.FR: words(`(?:à|de) (?:le|les)|(?:le|la|les|un|une|des|du|au|aux) (?:le|la|les|un|une)`, `(?:le|la|les|un|une|des|du|au|aux) l’`, `(?:de|que|le|la|ce|ne|se|jusque|lorsque|puisque) [aeiouàâéèêîïôûœAEIOUÀÂÉÈÊÎÏÔÛŒ]`),
	brand.NL: words(`(?:de|het|een) (?:de|het|een)`),
	brand.DE: words(`(?:der|die|das|dem|den|des|ein|eine|einer|einem|einen) (?:der|die|das|dem|den|des|ein|eine|einer|einem|einen)`),
	brand.EN: words(`(?:the|a|an) (?:the|a|an)`, `a [aeiouAEIOU]`),
}

// words matches any of the patterns as whole words, letters being any
// script's (regexp's \b knows ASCII only: it misses "à le").
func words(patterns ...string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:` + strings.Join(patterns, "|") + `)(?:[^\p{L}]|$)`)
}

// articles are the words that cannot stand just before a name: the name
// brings its own, or none.
var articles = map[brand.Lang][]string{
	brand.FR: {"le", "la", "les", "l’", "un", "une", "du", "au", "aux"},
	brand.NL: {"de", "het", "een"},
	brand.DE: {"der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem", "einen"},
	brand.EN: {"the", "a", "an"},
}

// names are the placeholders that take a name or a phrase the user writes.
var names = map[string]bool{"{forwarded_to}": true, "{body}": true, "{second_line}": true, "{coordinator}": true, "{subject}": true,
	"{reason}": true, "{missing}": true, "{item}": true, "{values}": true, "{name}": true, "{family_name}": true}

// TestNoArticleOrPrepositionBeforeAName: "à {forwarded_to}", "an
// {forwarded_to}" or "the {body}" force the user to write the name in one
// grammatical form; a name stands after a colon, a comma, a title or alone.
func TestNoArticleOrPrepositionBeforeAName(t *testing.T) {
	for _, l := range brand.Langs {
		banned := map[string]bool{}
		for _, w := range append(append([]string{}, prepositions[l]...), articles[l]...) {
			banned[w] = true
		}
		for _, k := range sortedKeys(l) {
			s := Entries(l)[k].Text
			for _, m := range placeholder.FindAllStringIndex(s, -1) {
				if !names[s[m[0]:m[1]]] {
					continue
				}
				words := strings.Fields(strings.ReplaceAll(s[:m[0]], "\u00a0", " "))
				if len(words) > 0 && banned[strings.ToLower(words[len(words)-1])] {
					t.Errorf("%s %s: %q stands just before %s: %q", l, k, words[len(words)-1], s[m[0]:m[1]], s)
				}
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\{[a-z_0-9]+\}`)

func TestPlaceholdersTakeAnyName(t *testing.T) {
	dates := map[string]bool{"{received}": true, "{due}": true, "{by}": true, "{date}": true}
	numbers := map[string]bool{"{count}": true, "{days}": true, "{w1}": true, "{h1}": true, "{w2}": true, "{h2}": true, "{mm}": true, "{n}": true, "{pt}": true, "{safe}": true, "{bleed}": true, "{year}": true,
		"{module}": true, "{a5}": true, "{a4}": true, "{a3}": true, "{normal}": true, "{ratio}": true, "{large}": true, "{largept}": true, "{largeboldpt}": true}
	for _, l := range brand.Langs {
		for _, k := range sortedKeys(l) {
			s := Entries(l)[k].Text
			phs := placeholder.FindAllString(s, -1)
			if len(phs) == 0 {
				continue
			}
			for _, ph := range phs {
				values := samples[l]
				switch {
				case dates[ph]:
					values = dateSamples[l]
				case numbers[ph]:
					values = []string{"1", "30", "2026"}
				case ph == "{url}" || ph == "{base}" || ph == "{value}":
					values = []string{"https://www.example.org/fr/plainte"}
				case ph == "{path}":
					values = []string{"logos/complaint/fr/colour/web-small.png"}
				case ph == "{langs}":
					values = []string{"fr+nl", "de"}
				case ph == "{ref}":
					values = []string{"PL-2026-0042", "A-12"}
				case ph == "{family_name}":
					values = []string{"Van den Broeck", "Weiß", "Ucar"}
				case ph == "{outcome}":
					continue // from the catalog: the outcome.* adjectives
				}
				for _, v := range values {
					got := strings.ReplaceAll(s, ph, v)
					got = placeholder.ReplaceAllString(got, "X")
					if m := clashes[l].FindString(got); m != "" {
						t.Errorf("%s %s with %s = %q: %q clashes", l, k, ph, got, m)
					}
				}
			}
		}
	}
}

func sortedKeys(l brand.Lang) []string {
	var keys []string
	for k := range Entries(l) {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		l        brand.Lang
		v        float64
		decimals int
		want     string
		percent  string
	}{
		{brand.FR, 25.5, 1, "25,5", "2\u00a0550,0\u00a0%"},
		{brand.NL, 22806, 0, "22.806", "2.280.600%"},
		{brand.DE, 0.75, 2, "0,75", "75,00\u00a0%"},
		{brand.EN, 1234.5, 1, "1,234.5", "123,450.0%"},
		{brand.FR, 22806, 0, "22\u00a0806", "2\u00a0280\u00a0600\u00a0%"},
	}
	for _, tt := range tests {
		if got := Number(tt.l, tt.v, tt.decimals); got != tt.want {
			t.Errorf("Number(%s, %g) = %q, want %q", tt.l, tt.v, got, tt.want)
		}
		if got := Percent(tt.l, tt.v, tt.decimals); got != tt.percent {
			t.Errorf("Percent(%s, %g) = %q, want %q", tt.l, tt.v, got, tt.percent)
		}
	}
	if got := Percent(brand.FR, 2.0/3, 0); got != "67\u00a0%" {
		t.Errorf("Percent(fr, 2/3) = %q", got)
	}
}
