package casefile

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"affiches/internal/brand"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestEaster(t *testing.T) {
	for year, want := range map[int]string{2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25"} {
		if got := Easter(year).Format("2006-01-02"); got != want {
			t.Errorf("Easter(%d) = %s, want %s", year, got, want)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		name, from string
		n          int
		want       string
	}{
		{"within a week", "2026-11-23", 3, "2026-11-26"},
		{"over a weekend", "2026-11-27", 1, "2026-11-30"},
		{"from a Saturday", "2026-11-28", 1, "2026-11-30"},
		{"over Easter Monday", "2026-04-02", 2, "2026-04-07"},            // Fri 3, (Mon 6 off), Tue 7
		{"over Ascension", "2026-05-13", 1, "2026-05-15"},                // Thu 14 May 2026 off
		{"over Whit Monday", "2026-05-22", 1, "2026-05-26"},              // Mon 25 May 2026 off
		{"over the National Day", "2026-07-20", 1, "2026-07-22"},         // Tue 21 July off
		{"over All Saints and Armistice", "2027-10-29", 5, "2027-11-08"}, // Mon 1 Nov off
		{"over the year end", "2026-12-24", 5, "2027-01-04"},             // 25 Dec, weekend, 1 Jan off
		{"five working days", "2026-12-28", 5, "2027-01-05"},
	}
	for _, tt := range tests {
		if got := AddWorkingDays(brand.ClosureDays{Preset: brand.NoClosure}, date(tt.from), tt.n).Format("2006-01-02"); got != tt.want {
			t.Errorf("%s: AddWorkingDays(%s, %d) = %s, want %s", tt.name, tt.from, tt.n, got, tt.want)
		}
	}
	if got := AddDays(date("2026-12-15"), 30).Format("2006-01-02"); got != "2027-01-14" {
		t.Errorf("AddDays over the year end = %s", got)
	}
}

func TestFormatDate(t *testing.T) {
	d := date("2026-03-01")
	for l, want := range map[brand.Lang]string{brand.FR: "1er mars 2026", brand.NL: "1 maart 2026", brand.DE: "1. März 2026", brand.EN: "1 March 2026"} {
		// A date never breaks across lines: its spaces are no-break spaces.
		if got := strings.ReplaceAll(FormatDate(l, d), "\u00a0", " "); got != want {
			t.Errorf("FormatDate(%s) = %q, want %q", l, got, want)
		}
	}
	if got := FormatDate(brand.FR, date("2026-08-15")); got != "15\u00a0août\u00a02026" {
		t.Errorf("got %q", got)
	}
}

// TestBodyClosureDays: a federal body is also closed on 2 and 15 November
// and 26 December, a Flemish one on 11 July; deadlines move past them.
func TestBodyClosureDays(t *testing.T) {
	o := brand.Demo() // federal
	// Received on Saturday 3 October 2026: 30 days later is Monday
	// 2 November, a federal closure day.
	if got := ReplyDue(o, date("2026-10-03")).Format("2006-01-02"); got != "2026-11-03" {
		t.Errorf("federal reply due = %s, want 2026-11-03", got)
	}
	none := *o
	none.ClosureDays = brand.ClosureDays{Preset: brand.NoClosure}
	if got := ReplyDue(&none, date("2026-10-03")).Format("2006-01-02"); got != "2026-11-02" {
		t.Errorf("reply due without closure days = %s, want 2026-11-02", got)
	}
	flemish := brand.ClosureDays{Preset: "flemish-community"}
	if got := AddWorkingDays(flemish, date("2025-07-10"), 1).Format("2006-01-02"); got != "2025-07-14" {
		t.Errorf("Flemish: one working day after Thursday 10 July 2025 = %s, want Monday 14 July (11 July off)", got)
	}
	if got := fmt.Sprint(len(DaysOff(o.ClosureDays, 2026))); got != "13" {
		t.Errorf("a federal body has %s days off in 2026, want 13", got)
	}
}
