package brand

import (
	"fmt"
	"image/color"
	"slices"
	"sort"
	"strings"
)

// Text is a value given once for all languages or per language.
type Text struct {
	All string
	By  map[Lang]string
}

// In returns the text for l: its own value, else the common one.
func (t Text) In(l Lang) string {
	if v, ok := t.By[l]; ok {
		return v
	}
	return t.All
}

// Has reports whether the text has a value for l.
func (t Text) Has(l Lang) bool { return t.In(l) != "" }

// IsZero reports whether no value is set.
func (t Text) IsZero() bool { return t.All == "" && len(t.By) == 0 }

// Org is an organisation profile: everything affiches needs to know about a
// body to make its kit.
type Org struct {
	Name      Text
	Region    Region
	Languages []Lang // the profile's languages; defaults to Region.Languages()
	Website   string
	Address   Text
	Accent    color.RGBA // the accent colour; DefaultAccent when not set

	Complaint  Contact
	Suggestion Contact // defaults field by field to Complaint

	Coordinator Person
	SecondLine  SecondLine
	ClosureDays ClosureDays // days closed besides weekends and public holidays
	LogoPack    string      // a folder holding the official artwork, or ""
}

// DefaultAccent is the accent colour when a profile sets none: a dark blue
// with 8.4:1 contrast against white.
var DefaultAccent = color.RGBA{0x0B, 0x4F, 0x8A, 0xFF}

// Contact is how the public reaches one channel.
type Contact struct {
	FormURL             Text
	Email               string
	Phone               string
	Hours               Text
	AcknowledgementDays int // working days; 5 when not set
	ReplyDays           int // calendar days; 30 when not set
}

// Person is someone the public or staff can contact.
type Person struct {
	Name  string
	Title Text // the title signed under the name; a neutral one when not set
	Email string
	Phone string
}

// SecondLine is the body a dissatisfied complainant can turn to next.
type SecondLine struct {
	ID      string // the directory entry it comes from, or "" when given in full
	Name    Text
	URL     Text
	Phone   Text
	Email   Text
	Address Text
	Verify  bool // the directory flags a detail the sources disagree on
}

// Channel returns the contact details of ch.
func (o *Org) Channel(ch Channel) Contact {
	if ch == Suggestion {
		return o.Suggestion
	}
	return o.Complaint
}

// Lang returns the languages a kit is made in.
func (o *Org) Langs() []Lang {
	if len(o.Languages) > 0 {
		return o.Languages
	}
	return o.Region.Languages()
}

// PosterLangs returns the languages a poster is set in when none are asked:
// the pair the region calls for when the body works in both, else the
// body's first two languages (a poster holds two side by side), else its
// one language.
func (o *Org) PosterLangs() []Lang {
	langs := o.Langs()
	if len(langs) <= 2 {
		return langs
	}
	if pair := o.Region.Languages(); len(pair) == 2 && slices.Contains(langs, pair[0]) && slices.Contains(langs, pair[1]) {
		return pair
	}
	return langs[:2]
}

// Problem is one thing wrong with an input: the field it is about (a dotted
// path such as complaint.form_url.nl), the rule it breaks when a charter or
// accessibility rule is involved, and a message.
type Problem struct {
	Field   string
	Rule    string
	Message string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Rule != "" {
		b.WriteString(p.Rule)
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is a list of problems; as an error it prints one per line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	if len(lines) == 1 {
		return lines[0]
	}
	return fmt.Sprintf("%d problems:\n  %s", len(lines), strings.Join(lines, "\n  "))
}

// Sort orders problems by field then rule so reports are stable.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Field != ps[j].Field {
			return ps[i].Field < ps[j].Field
		}
		return ps[i].Rule < ps[j].Rule
	})
}

// Err returns ps as an error, or nil when empty.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// Capped returns at most n problems, the last of them counting the ones
// left out, so a report stays readable and its size bounded whatever the
// input (a form of 100 000 unknown fields is one screen, not 20 MB).
func (ps Problems) Capped(n int) Problems {
	if len(ps) <= n {
		return ps
	}
	out := append(Problems{}, ps[:n-1]...)
	return append(out, Problem{Message: fmt.Sprintf("… and %d more problems", len(ps)-n+1)})
}
