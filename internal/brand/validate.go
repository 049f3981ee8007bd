package brand

import (
	"errors"
	"fmt"
	"image/color"
	"net/mail"
	"net/url"
	"strconv"
	"strings"

	"affiches/internal/limits"
)

// Defaults for a channel's deadlines (DOMAIN.md: acknowledgement within
// 5 working days, reasoned reply within 30 calendar days).
const (
	DefaultAcknowledgementDays = 5
	DefaultReplyDays           = 30
)

// Validate applies defaults to o and returns every problem with its field.
// Parse calls it; code that builds an Org by hand should too.
func Validate(o *Org) Problems {
	var ps Problems
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
	}

	if o.Region == "" {
		add("region", "missing: one of %s", regionList())
	} else if !validRegion(o.Region) {
		add("region", "unknown region %q: one of %s", o.Region, regionList())
	}
	if o.Accent == (color.RGBA{}) {
		o.Accent = DefaultAccent
	}
	if o.Website != "" {
		if msg := checkURL(o.Website); msg != "" {
			add("website", "%s", msg)
		}
	}
	for _, l := range o.Langs() {
		if !o.Name.Has(l) {
			add("name."+string(l), "missing: the profile is shown in %s, so the body needs a name in it", JoinLangs(o.Langs()))
		}
		if !o.Complaint.FormURL.Has(l) {
			add("complaint.form_url."+string(l), "missing: every language of the profile (%s) needs an online complaint form", JoinLangs(o.Langs()))
		}
	}
	if o.Address.IsZero() {
		add("address", "missing: posters and letters give a postal address")
	}

	if o.Complaint.AcknowledgementDays == 0 {
		o.Complaint.AcknowledgementDays = DefaultAcknowledgementDays
	}
	if o.Complaint.ReplyDays == 0 {
		o.Complaint.ReplyDays = DefaultReplyDays
	}
	for _, ch := range []struct {
		path string
		c    *Contact
	}{{"complaint", &o.Complaint}, {"suggestion", &o.Suggestion}} {
		checkTextURLs(ch.path+".form_url", ch.c.FormURL, add)
		if ch.c.Email != "" && !ValidEmail(ch.c.Email) {
			add(ch.path+".email", "%q is not an e-mail address", ch.c.Email)
		}
		if ch.c.Phone != "" && !ValidPhone(ch.c.Phone) {
			add(ch.path+".phone", "%q is not a phone number (digits, spaces, + . / ( ) -)", ch.c.Phone)
		}
		if ch.c.Phone == "" && ch.path == "complaint" {
			add(ch.path+".phone", "missing: a non-digital route (phone) must always be offered besides the form")
		}
		if ch.c.AcknowledgementDays == 0 {
			ch.c.AcknowledgementDays = o.Complaint.AcknowledgementDays
		}
		if ch.c.ReplyDays == 0 {
			ch.c.ReplyDays = o.Complaint.ReplyDays
		}
		if d := ch.c.AcknowledgementDays; d < 1 || d > 30 {
			add(ch.path+".acknowledgement_days", "%d working days: must be between 1 and 30", d)
		}
		if d := ch.c.ReplyDays; d < 1 || d > 365 {
			add(ch.path+".reply_days", "%d days: must be between 1 and 365", d)
		}
	}

	// The suggestions channel falls back, field by field, to the complaint one:
	// most bodies take both through the same form and mailbox.
	s, c := &o.Suggestion, o.Complaint
	if s.FormURL.IsZero() {
		s.FormURL = c.FormURL
	}
	if s.Email == "" {
		s.Email = c.Email
	}
	if s.Phone == "" {
		s.Phone = c.Phone
	}
	if s.Hours.IsZero() {
		s.Hours = c.Hours
	}
	if o.Coordinator.Email != "" && !ValidEmail(o.Coordinator.Email) {
		add("coordinator.email", "%q is not an e-mail address", o.Coordinator.Email)
	}
	if o.Coordinator.Phone != "" && !ValidPhone(o.Coordinator.Phone) {
		add("coordinator.phone", "%q is not a phone number", o.Coordinator.Phone)
	}

	if o.SecondLine.Name.IsZero() {
		add("second_line", "missing: an id of the directory (%s) or a map with name, url, phone, address", strings.Join(DirectoryIDs(), ", "))
	} else {
		for _, l := range o.Langs() {
			if !o.SecondLine.Name.Has(l) {
				add("second_line.name."+string(l), "missing: %s has no name in %s; give one in the profile", o.SecondLine.ID, l)
			}
		}
		checkTextURLs("second_line.url", o.SecondLine.URL, add)
		checkTextEmails("second_line.email", o.SecondLine.Email, add)
	}
	if o.ClosureDays.Preset == "" {
		o.ClosureDays.Preset = o.Region.ClosurePreset()
	}
	return ps
}

func checkTextEmails(path string, t Text, add func(string, string, ...any)) {
	if t.All != "" && !ValidEmail(t.All) {
		add(path, "%q is not an e-mail address", t.All)
	}
	for _, l := range Langs {
		if v, ok := t.By[l]; ok && !ValidEmail(v) {
			add(path+"."+string(l), "%q is not an e-mail address", v)
		}
	}
}

func checkTextURLs(path string, t Text, add func(string, string, ...any)) {
	if t.All != "" {
		if msg := checkURL(t.All); msg != "" {
			add(path, "%s", msg)
		}
	}
	for _, l := range Langs {
		if v, ok := t.By[l]; ok {
			if msg := checkURL(v); msg != "" {
				add(path+"."+string(l), "%s", msg)
			}
		}
	}
}

// MaxURLLen bounds URLs: the printed URL must fit on a poster line and its QR
// code must stay readable at A5.
const MaxURLLen = limits.URLBytes

// checkURL explains why s is not an acceptable public https URL, or returns "".
func checkURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Hostname() == "" || u.Opaque != "" {
		return fmt.Sprintf("%q must be an https URL such as https://www.example.org/complaint", s)
	}
	if p := u.Port(); p != "" {
		// url.Parse checks a port is digits, not that it is one.
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Sprintf("%q: the port %s is not between 1 and 65535", s, p)
		}
	}
	if u.User != nil {
		return fmt.Sprintf("%q must not carry a user name or password", s)
	}
	if strings.ContainsAny(s, " \t") {
		return fmt.Sprintf("%q contains spaces", s)
	}
	if len(s) > MaxURLLen {
		return fmt.Sprintf("is %d characters long; at most %d fit a printed line and a readable QR code", len(s), MaxURLLen)
	}
	return ""
}

// ValidEmail reports whether s is a bare e-mail address such as a@b.be.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".")
}

// ValidPhone reports whether s looks like a phone number: an optional +,
// then digits and the usual separators (space . / ( ) -), starting and
// ending with a digit, 4 to 15 digits in all (1700 is a Flemish number).
func ValidPhone(s string) bool {
	t := strings.TrimPrefix(s, "+")
	if len(t) < 2 || !isDigit(t[0]) || !isDigit(t[len(t)-1]) {
		return false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case isDigit(c):
			n++
		case c == ' ' || c == '.' || c == '/' || c == '(' || c == ')' || c == '-':
		default:
			return false
		}
	}
	return n >= 4 && n <= 15
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// ParseColour reads a #RRGGBB colour.
func ParseColour(s string) (color.RGBA, error) {
	var v uint64
	err := errors.New("not #RRGGBB")
	if len(s) == 7 && s[0] == '#' && s[1] != '+' && s[1] != '-' {
		v, err = strconv.ParseUint(s[1:], 16, 32)
	}
	if err != nil {
		return color.RGBA{}, fmt.Errorf("%q is not a colour: write #RRGGBB, such as #0B4F8A", s)
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xFF}, nil
}

func validRegion(r Region) bool {
	for _, k := range Regions {
		if k == r {
			return true
		}
	}
	return false
}

func regionList() string {
	parts := make([]string, len(Regions))
	for i, r := range Regions {
		parts[i] = string(r)
	}
	return strings.Join(parts, ", ")
}

// NeedLangs returns a problem for each field an asset in langs needs and the
// profile lacks; it lets a command refuse a language the profile was not
// written for.
func (o *Org) NeedLangs(ch Channel, langs []Lang) Problems {
	var ps Problems
	for _, l := range langs {
		if !o.Name.Has(l) {
			ps = append(ps, Problem{Field: "name." + string(l), Message: "missing: the asset is in " + string(l)})
		}
		if !o.Channel(ch).FormURL.Has(l) {
			ps = append(ps, Problem{Field: string(ch) + ".form_url." + string(l), Message: "missing: the asset is in " + string(l)})
		}
		if !o.Address.Has(l) {
			ps = append(ps, Problem{Field: "address." + string(l), Message: "missing: the asset is in " + string(l)})
		}
		if !o.SecondLine.Name.Has(l) {
			ps = append(ps, Problem{Field: "second_line.name." + string(l), Message: "missing: the asset is in " + string(l)})
		}
	}
	return ps
}
