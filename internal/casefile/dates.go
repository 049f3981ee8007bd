package casefile

import (
	"fmt"
	"sort"
	"time"

	"affiches/internal/brand"
)

// Easter returns Easter Sunday of a year (the anonymous Gregorian
// algorithm, Meeus/Jones/Butcher).
func Easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// Holidays returns Belgium's ten legal public holidays of a year: New Year,
// Easter Monday, Labour Day, Ascension, Whit Monday, the National Day,
// Assumption, All Saints, Armistice and Christmas.
func Holidays(year int) []time.Time {
	e := Easter(year)
	d := func(m time.Month, day int) time.Time { return time.Date(year, m, day, 0, 0, 0, 0, time.UTC) }
	return []time.Time{
		d(time.January, 1), e.AddDate(0, 0, 1), d(time.May, 1), e.AddDate(0, 0, 39), e.AddDate(0, 0, 50),
		d(time.July, 21), d(time.August, 15), d(time.November, 1), d(time.November, 11), d(time.December, 25),
	}
}

// IsWorkingDay reports whether a body with closure days c is open on t:
// neither a weekend day, a Belgian public holiday nor one of its own
// closure days (brand.ClosureDays: 2 November for federal staff…).
func IsWorkingDay(c brand.ClosureDays, t time.Time) bool {
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	for _, h := range Holidays(t.Year()) {
		if h.YearDay() == t.YearDay() {
			return false
		}
	}
	return !c.Closed(t)
}

// DaysOff returns the public holidays and the body's closure days of a
// year, in order and each once: the register's WORKDAY formula skips them.
func DaysOff(c brand.ClosureDays, year int) []time.Time {
	seen := map[int]bool{}
	var out []time.Time
	for _, d := range append(Holidays(year), c.In(year)...) {
		if !seen[d.YearDay()] {
			seen[d.YearDay()] = true
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// AddWorkingDays returns the date n of the body's working days after t.
func AddWorkingDays(c brand.ClosureDays, t time.Time, n int) time.Time {
	t = day(t)
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if IsWorkingDay(c, t) {
			n--
		}
	}
	return t
}

// NextWorkingDay returns t, or the body's first working day after it.
func NextWorkingDay(c brand.ClosureDays, t time.Time) time.Time {
	t = day(t)
	for !IsWorkingDay(c, t) {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

// AddDays returns the date n calendar days after t.
func AddDays(t time.Time, n int) time.Time { return day(t).AddDate(0, 0, n) }

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

var months = map[brand.Lang][12]string{
	brand.FR: {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	brand.NL: {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	brand.DE: {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	brand.EN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// FormatDate writes a date the way each language writes it in a letter:
// « 1er mars 2026 », "1 maart 2026", „1. März 2026“, "1 March 2026".
func FormatDate(l brand.Lang, t time.Time) string {
	m := months[l][t.Month()-1]
	switch l {
	case brand.FR:
		if t.Day() == 1 {
			return fmt.Sprintf("1er\u00a0%s\u00a0%d", m, t.Year())
		}
		return fmt.Sprintf("%d\u00a0%s\u00a0%d", t.Day(), m, t.Year())
	case brand.DE:
		return fmt.Sprintf("%d.\u00a0%s\u00a0%d", t.Day(), m, t.Year())
	}
	return fmt.Sprintf("%d\u00a0%s\u00a0%d", t.Day(), m, t.Year())
}
