// Package casefile makes the complaint coordinator's documents: the
// registration form, the letters (acknowledgement, request for information,
// inadmissible or forwarded, reply), as PDF for print and DOCX for editing
// with the same content, and the register (XLSX) with its yearly indicators.
package casefile

import (
	"fmt"
	"strings"
	"time"

	"affiches/internal/brand"
	"affiches/internal/catalog"

	"gopkg.in/yaml.v3"
)

// Kind is a case-file document.
type Kind string

// The kinds of document.
const (
	Registration       Kind = "registration"
	Acknowledgement    Kind = "acknowledgement"
	InformationRequest Kind = "information-request"
	Inadmissible       Kind = "inadmissible"
	Reply              Kind = "reply"
	Register           Kind = "register"
)

// Kinds lists every kind.
var Kinds = []Kind{Registration, Acknowledgement, InformationRequest, Inadmissible, Reply, Register}

// ParseKind reads a kind name.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return "", fmt.Errorf("unknown kind %q (want %s)", s, strings.Join(names, ", "))
}

// Case is one complaint file, as a coordinator writes it in YAML.
type Case struct {
	Reference   string      `yaml:"reference"`
	Received    Date        `yaml:"received"`
	Channel     string      `yaml:"channel"`
	Complainant Complainant `yaml:"complainant"`
	Subject     string      `yaml:"subject"`
	Description string      `yaml:"description"`

	// Replies.
	Outcome  string `yaml:"outcome"` // founded, partly-founded, unfounded, no-assessment
	Findings string `yaml:"findings"`
	Action   string `yaml:"action"`

	// Requests for information.
	Missing    string `yaml:"missing"`
	WithinDays int    `yaml:"within_days"` // days given to answer; 15 when 0

	// Inadmissible or forwarded requests.
	Reason      string `yaml:"reason"`
	ForwardedTo string `yaml:"forwarded_to"`

	// The letter's date; the command's --date, else today, when empty.
	Date Date `yaml:"date"`
}

// Complainant is who wrote, and how the letter greets them.
type Complainant struct {
	Name    string `yaml:"name"`
	Address string `yaml:"address"`
	Email   string `yaml:"email"`

	// Title is ms or mr: "Madame,", "Geachte mevrouw Peeters,", "Sehr
	// geehrte Frau Weiß,", "Dear Ms Smith," with "Yours sincerely". Empty:
	// "Madame, Monsieur," and the like.
	Title      string `yaml:"title"`
	FamilyName string `yaml:"family_name"` // for the salutation with a title, except in French
	Salutation string `yaml:"salutation"`  // a greeting of your own, used as written
}

// Titles are the values of complainant.title.
var Titles = []string{"ms", "mr"}

// Date is a calendar day written 2006-01-02.
type Date struct{ time.Time }

// UnmarshalYAML reads a date such as 2026-11-20.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse("2006-01-02", n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a date: write it as 2026-11-20", n.Line, n.Value)
	}
	d.Time = t
	return nil
}

// ParseCase reads a case file; unknown keys are errors.
func ParseCase(data []byte) (*Case, error) {
	var c Case
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, brand.Problems{{Field: "case", Message: strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	var ps brand.Problems
	if c.Complainant.Email != "" && !brand.ValidEmail(c.Complainant.Email) {
		ps = append(ps, brand.Problem{Field: "case.complainant.email", Message: fmt.Sprintf("%q is not an e-mail address", c.Complainant.Email)})
	}
	switch c.Complainant.Title {
	case "", "ms", "mr":
	default:
		ps = append(ps, brand.Problem{Field: "case.complainant.title", Message: fmt.Sprintf("%q: want ms or mr, or leave it out for \"Madame, Monsieur,\"", c.Complainant.Title)})
	}
	switch c.Outcome {
	case "", "founded", "partly-founded", "unfounded", "no-assessment":
	default:
		ps = append(ps, brand.Problem{Field: "case.outcome", Message: fmt.Sprintf("%q: want founded, partly-founded, unfounded or no-assessment", c.Outcome)})
	}
	return &c, ps.Err()
}

// need returns a problem for each field the kind needs and the case lacks.
func (c *Case) need(k Kind, l brand.Lang) brand.Problems {
	var ps brand.Problems
	req := func(field string, empty bool) {
		if empty {
			ps = append(ps, brand.Problem{Field: "case." + field, Message: fmt.Sprintf("missing: the %s letter needs it", k)})
		}
	}
	req("reference", c.Reference == "")
	req("received", c.Received.IsZero())
	req("complainant.name", c.Complainant.Name == "")
	if c.Complainant.Title != "" && c.Complainant.Salutation == "" && l != brand.FR && c.Complainant.FamilyName == "" {
		ps = append(ps, brand.Problem{Field: "case.complainant.family_name", Message: fmt.Sprintf("missing: the salutation %q needs it (or give complainant.salutation)", catalog.T(l, "letter.salutation."+c.Complainant.Title, "family_name", "…"))})
	}
	switch k {
	case Acknowledgement:
		req("subject", c.Subject == "")
	case InformationRequest:
		req("missing", c.Missing == "")
	case Inadmissible:
		req("reason", c.Reason == "")
	case Reply:
		req("subject", c.Subject == "")
		req("outcome", c.Outcome == "")
		req("findings", c.Findings == "")
		req("action", c.Action == "" && (c.Outcome == "founded" || c.Outcome == "partly-founded"))
	}
	return ps
}
