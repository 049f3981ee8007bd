package brand

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// ClosureDays are the days a body is closed besides weekends and Belgium's
// ten public holidays: its level of government's own days off (a preset)
// and days of its own. Every deadline and the register's WORKDAY formula
// skip them.
type ClosureDays struct {
	Preset string      // a key of ClosurePresets; "" until Validate sets the region's
	Yearly []MonthDay  // closed every year (12-24)
	Dates  []time.Time // closed once (2026-05-15, a bridge day)
}

// MonthDay is a day that comes back every year.
type MonthDay struct {
	Month time.Month
	Day   int
}

func (m MonthDay) String() string { return fmt.Sprintf("%02d-%02d", int(m.Month), m.Day) }

// ClosurePreset is a level of government's days off besides the public
// holidays, with where they come from. Verified is false when no primary
// source was read: the body must confirm them (README, "closure_days").
type ClosurePreset struct {
	Days     []MonthDay
	Source   string
	Verified bool
}

// NoClosure is the preset for a body closed on the public holidays only.
const NoClosure = "none"

// ClosurePresets are the shipped presets, by name.
var ClosurePresets = map[string]ClosurePreset{
	"federal": {
		Days:   []MonthDay{{time.November, 2}, {time.November, 15}, {time.December, 26}},
		Source: "royal decree of 19 November 1998 on the leave of federal staff (art. 14, not read); 15 November is among the federal staff's days off in the Council of Ministers' yearly circulars (news.belgium.be, 2011)",
	},
	"flemish-community": {
		Days:   []MonthDay{{time.July, 11}, {time.November, 2}, {time.November, 15}, {time.December, 26}},
		Source: "overheid.vlaanderen.be: the Flemish government's staff have 14 days off (the ten public holidays and four more, here 11 July, 2 and 15 November, 26 December: not read) and time off between Christmas and New Year (add it with days)",
	},
	"french-community": {
		Days:   []MonthDay{{time.September, 27}},
		Source: "the French Community's day, 27 September (not read in a staff regulation)",
	},
	"german-speaking-community": {
		Days:     []MonthDay{{time.November, 15}},
		Source:   "ostbelgiendirekt.be: 15 November, the German-speaking Community's day, is a day off in its public administration",
		Verified: true,
	},
	"brussels-region": {
		Days:   []MonthDay{{time.May, 8}},
		Source: "the Brussels-Capital Region's day, 8 May (not read in a staff regulation)",
	},
	NoClosure: {Source: "the ten public holidays only", Verified: true},
}

// ClosurePresetNames lists the presets, sorted.
func ClosurePresetNames() []string {
	names := make([]string, 0, len(ClosurePresets))
	for n := range ClosurePresets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ClosurePreset returns the preset a region's bodies follow unless the
// profile says otherwise.
func (r Region) ClosurePreset() string {
	switch r {
	case Federal:
		return "federal"
	case Flanders:
		return "flemish-community"
	case Wallonia:
		return "french-community"
	case German:
		return "german-speaking-community"
	case Brussels:
		return "brussels-region"
	}
	return NoClosure
}

// Closed reports whether t is one of the body's closure days (weekends and
// public holidays are not its business).
func (c ClosureDays) Closed(t time.Time) bool {
	md := MonthDay{t.Month(), t.Day()}
	for _, d := range ClosurePresets[c.Preset].Days {
		if d == md {
			return true
		}
	}
	for _, d := range c.Yearly {
		if d == md {
			return true
		}
	}
	for _, d := range c.Dates {
		if d.Year() == t.Year() && d.YearDay() == t.YearDay() {
			return true
		}
	}
	return false
}

// In returns the closure days of a year, in order.
func (c ClosureDays) In(year int) []time.Time {
	var out []time.Time
	for _, d := range append(append([]MonthDay{}, ClosurePresets[c.Preset].Days...), c.Yearly...) {
		out = append(out, time.Date(year, d.Month, d.Day, 0, 0, 0, 0, time.UTC))
	}
	for _, d := range c.Dates {
		if d.Year() == year {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// parseClosureDay reads "12-24" (every year) or "2026-12-31" (once).
func parseClosureDay(s string) (MonthDay, time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return MonthDay{}, t, nil
	}
	if t, err := time.Parse("2006-01-02", "2000-"+s); err == nil && strings.Count(s, "-") == 1 {
		return MonthDay{t.Month(), t.Day()}, time.Time{}, nil
	}
	return MonthDay{}, time.Time{}, fmt.Errorf("%q is not a day: write 12-24 for every year or 2026-12-31 for once", s)
}
