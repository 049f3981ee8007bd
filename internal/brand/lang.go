// Package brand is the input of affiches: an organisation profile (Org), the
// languages and channels it is shown in, parsed strictly from YAML and
// validated so that every problem is reported with its field path.
package brand

import (
	"fmt"
	"strings"
)

// Lang is a language code: fr, nl, de or en.
type Lang string

// The languages affiches writes.
const (
	FR Lang = "fr"
	NL Lang = "nl"
	DE Lang = "de"
	EN Lang = "en"
)

// Langs lists every supported language in a fixed order.
var Langs = []Lang{FR, NL, DE, EN}

// Valid reports whether l is a supported language.
func (l Lang) Valid() bool {
	for _, k := range Langs {
		if k == l {
			return true
		}
	}
	return false
}

// ParseLangs reads a comma-separated language set such as "fr,nl". Order is
// kept (it is the order on bilingual assets); duplicates are refused.
func ParseLangs(s string) ([]Lang, error) {
	var set []Lang
	seen := map[Lang]bool{}
	for _, part := range strings.Split(s, ",") {
		l := Lang(strings.ToLower(strings.TrimSpace(part)))
		if !l.Valid() {
			return nil, fmt.Errorf("unknown language %q (want fr, nl, de or en)", part)
		}
		if seen[l] {
			return nil, fmt.Errorf("language %q given twice", l)
		}
		seen[l] = true
		set = append(set, l)
	}
	return set, nil
}

// JoinLangs writes a language set as "fr+nl".
func JoinLangs(set []Lang) string {
	parts := make([]string, len(set))
	for i, l := range set {
		parts[i] = string(l)
	}
	return strings.Join(parts, "+")
}

// Region is where a body addresses the public; it decides the languages the
// law expects (coordinated laws of 18 July 1966).
type Region string

// The regions a profile may name.
const (
	Federal  Region = "federal"
	Brussels Region = "brussels"
	Flanders Region = "flanders"
	Wallonia Region = "wallonia"
	German   Region = "german"
)

// Regions lists the valid regions.
var Regions = []Region{Federal, Brussels, Flanders, Wallonia, German}

// Languages returns the language set the region calls for: FR+NL for central
// federal services and Brussels, the region's language in homogeneous regions,
// German with French in the German-language region.
func (r Region) Languages() []Lang {
	switch r {
	case Flanders:
		return []Lang{NL}
	case Wallonia:
		return []Lang{FR}
	case German:
		return []Lang{DE, FR}
	default:
		return []Lang{FR, NL}
	}
}

// Channel is the kind of feedback an asset invites.
type Channel string

// The two channels: complaints, and suggestions & compliments.
const (
	Complaint  Channel = "complaint"
	Suggestion Channel = "suggestion"
)

// Channels lists both channels.
var Channels = []Channel{Complaint, Suggestion}

// ParseChannel reads a channel name.
func ParseChannel(s string) (Channel, error) {
	switch Channel(s) {
	case Complaint, Suggestion:
		return Channel(s), nil
	}
	return "", fmt.Errorf("unknown channel %q (want complaint or suggestion)", s)
}
