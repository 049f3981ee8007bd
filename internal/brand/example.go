package brand

import (
	"net/url"
	"strings"
)

// ExampleLeft returns the field paths of o whose values are still the
// example's: the demo body's name, address, phone numbers or coordinator,
// and any web or e-mail address at example.org, example.net or
// example.com. They are warnings, not problems: the demo kit must work.
func (o *Org) ExampleLeft() []string {
	demo := Demo()
	var out []string
	text := func(path string, t, d Text) {
		for _, l := range Langs {
			if v := t.In(l); v != "" && (v == d.In(l) || ExampleHost(v)) {
				out = append(out, path+"."+string(l))
			}
		}
	}
	str := func(path, v, d string) {
		if v != "" && (v == d || ExampleHost(v)) {
			out = append(out, path)
		}
	}
	text("name", o.Name, demo.Name)
	text("address", o.Address, demo.Address)
	str("website", o.Website, "")
	for _, c := range []struct {
		path    string
		c, demo Contact
	}{{"complaint", o.Complaint, demo.Complaint}, {"suggestion", o.Suggestion, demo.Suggestion}} {
		text(c.path+".form_url", c.c.FormURL, Text{})
		str(c.path+".email", c.c.Email, "")
		str(c.path+".phone", c.c.Phone, c.demo.Phone)
	}
	str("coordinator.name", o.Coordinator.Name, demo.Coordinator.Name)
	str("coordinator.email", o.Coordinator.Email, "")
	str("coordinator.phone", o.Coordinator.Phone, demo.Coordinator.Phone)
	return out
}

// ExampleHost says whether s is a web or e-mail address at one of the
// domains reserved for examples (RFC 2606).
func ExampleHost(s string) bool {
	host := s
	if i := strings.LastIndexByte(s, '@'); i >= 0 && !strings.Contains(s, "://") {
		host = s[i+1:]
	} else if u, err := url.Parse(s); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, d := range []string{"example.org", "example.net", "example.com"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}
