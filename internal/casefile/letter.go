package casefile

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"affiches/internal/brand"
	"affiches/internal/catalog"
)

// Span is a piece of text: a field to fill in (blank templates) shows
// marked, a value stays plain.
type Span struct {
	Text  string
	Field bool // a placeholder the coordinator fills in
	Bold  bool
}

// BlockKind says how a block is set.
type BlockKind int

// The blocks of a document.
const (
	Para    BlockKind = iota // a paragraph of spans
	Heading                  // a small heading
	Line                     // a form line: label, then room to write
	Box                      // a form box: label, then Lines lines of room
	Choices                  // a form line of boxes to tick
	Section                  // a form section title
)

// Block is one element of a document body.
type Block struct {
	Kind    BlockKind
	Spans   []Span
	Label   string
	Lines   int
	Choices []string
}

// Doc is a letter or a form, neutral to its format: the PDF and the DOCX
// writers set the same content.
type Doc struct {
	Org       *brand.Org
	Lang      brand.Lang
	Kind      Kind
	Title     string   // the document title (metadata, form title)
	Recipient [][]Span // the address lines
	Meta      [][]Span // reference and date
	Subject   []Span
	Greeting  string
	Body      []Block
	Closing   string
	Signature []string
}

// Options are the inputs of a document besides the profile.
type Options struct {
	Lang brand.Lang
	Case *Case     // nil: a blank template with marked fields
	Date time.Time // the letter's date when the case has none
}

// Build composes a letter or the registration form. A case missing a
// field the letter needs is refused, naming the field, and so is a letter
// whose second-line body has no name in the letter's language.
func Build(o *brand.Org, k Kind, opt Options) (*Doc, error) {
	if k == Register {
		return nil, fmt.Errorf("the register is a spreadsheet: use the xlsx format")
	}
	l := opt.Lang
	if !o.Name.Has(l) {
		return nil, brand.Problems{{Field: "name." + string(l), Message: "missing: the document is in " + string(l)}}
	}
	if k == Registration {
		return registrationForm(o, l), nil
	}
	var ps brand.Problems
	if (k == Inadmissible || k == Reply) && !o.SecondLine.Name.Has(l) {
		ps = append(ps, brand.Problem{Field: "second_line.name." + string(l), Message: fmt.Sprintf("missing: the %s letter is in %s and names the second-line body; give its name in the profile", k, l)})
	}
	c := opt.Case
	if c != nil {
		ps = append(ps, c.need(k, l)...)
	}
	if len(ps) > 0 {
		return nil, ps
	}
	v := values(o, l, c, opt.Date)
	T := func(key string) string { return catalog.T(l, key) }
	para := func(key string) Block { return Block{Kind: Para, Spans: expand(l, T(key), v)} }
	d := &Doc{Org: o, Lang: l, Kind: k}
	d.Greeting, d.Closing = greeting(l, c)
	d.Recipient = [][]Span{recipient(l, c, v)}
	if lines := AddressLines(v["address"]); len(lines) > 0 {
		for _, line := range lines {
			d.Recipient = append(d.Recipient, []Span{line})
		}
	} else {
		d.Recipient = append(d.Recipient, field(v, "address"))
	}
	d.Meta = [][]Span{expand(l, T("letter.our_ref"), v), expand(l, T("letter.date"), v)}
	d.Signature = []string{o.Coordinator.Name, coordinatorTitle(o, l), o.Name.In(l)}
	switch k {
	case Acknowledgement:
		d.Title = T("ack.title")
		d.Body = []Block{para("ack.body1"), para("ack.body2"), para("ack.body3"), para("letter.appeal"), para("letter.privacy")}
	case InformationRequest:
		d.Title = T("info.title")
		d.Body = []Block{para("info.body1"), para("info.body2"), para("info.body3"), para("letter.privacy")}
	case Inadmissible:
		d.Title = T("inadmissible.title")
		d.Body = []Block{para("inadmissible.body1")}
		if c == nil || c.ForwardedTo != "" {
			d.Body = append(d.Body, para("inadmissible.forwarded"))
		}
		d.Body = append(d.Body, para("letter.appeal_closing"), para("letter.second_line"), para("letter.privacy"))
	case Reply:
		d.Title = T("reply.title")
		d.Body = []Block{
			para("reply.body1"),
			{Kind: Heading, Label: T("reply.findings_title")}, {Kind: Para, Spans: field(v, "findings")},
			{Kind: Heading, Label: T("reply.assessment_title")},
		}
		if c != nil && c.Outcome == "no-assessment" {
			d.Body = append(d.Body, para("reply.no_assessment"))
		} else {
			d.Body = append(d.Body, para("reply.assessment"))
		}
		if c == nil || c.Action != "" {
			d.Body = append(d.Body, Block{Kind: Heading, Label: T("reply.action_title")}, Block{Kind: Para, Spans: field(v, "action")})
		}
		if c == nil || c.Outcome == "founded" || c.Outcome == "partly-founded" {
			d.Body = append(d.Body, para("reply.apology"))
		}
		d.Body = append(d.Body, para("letter.appeal_closing"), para("letter.second_line"))
	}
	d.Body = append(d.Body, para("letter.contact"))
	d.Subject = []Span{{Text: d.Title, Bold: true}}
	return d, nil
}

// greeting returns the salutation and the closing formula: the case's own
// salutation, one with the complainant's title and family name, or the
// neutral one; the closing answers it (French repeats "Madame", English
// signs "Yours sincerely" to a named reader).
func greeting(l brand.Lang, c *Case) (salutation, closing string) {
	switch {
	case c != nil && c.Complainant.Salutation != "":
		return c.Complainant.Salutation, catalog.T(l, "letter.closing.named")
	case c != nil && c.Complainant.Title != "":
		t := c.Complainant.Title
		return catalog.T(l, "letter.salutation."+t, "family_name", c.Complainant.FamilyName), catalog.T(l, "letter.closing."+t)
	}
	return catalog.T(l, "letter.salutation"), catalog.T(l, "letter.closing")
}

// recipient is the first address line: the name, with the title when the
// case gives one ("Madame Jeanne Dupuis", "Herrn Jan Peeters").
func recipient(l brand.Lang, c *Case, v map[string]string) []Span {
	if c == nil || c.Complainant.Title == "" {
		return field(v, "name")
	}
	return []Span{{Text: catalog.T(l, "letter.recipient."+c.Complainant.Title, "name", c.Complainant.Name)}}
}

// coordinatorTitle is the profile's title for the coordinator, or a
// neutral one ("Coordination des plaintes", "Beschwerdekoordination").
func coordinatorTitle(o *brand.Org, l brand.Lang) string {
	if t := o.Coordinator.Title.In(l); t != "" {
		return t
	}
	return catalog.T(l, "letter.coordinator_title")
}

// values gathers the placeholders' values; an absent key is a field to
// fill in.
func values(o *brand.Org, l brand.Lang, c *Case, date time.Time) map[string]string {
	v := map[string]string{
		"_lang":             string(l),
		"coordinator":       o.Coordinator.Name,
		"coordinator_email": o.Coordinator.Email,
		"coordinator_phone": noBreak(o.Coordinator.Phone),
		"second_line":       secondLine(o, l),
	}
	if v["coordinator"] == "" {
		v["coordinator"] = coordinatorTitle(o, l)
	}
	if v["coordinator_email"] == "" {
		v["coordinator_email"] = o.Complaint.Email
	}
	if v["coordinator_phone"] == "" {
		v["coordinator_phone"] = noBreak(o.Complaint.Phone)
	}
	for k, s := range v {
		if s == "" {
			delete(v, k)
		}
	}
	if c == nil {
		return v
	}
	if !c.Date.IsZero() {
		date = c.Date.Time
	}
	set := func(k, s string) {
		if s != "" {
			v[k] = s
		}
	}
	set("ref", c.Reference)
	set("name", c.Complainant.Name)
	set("address", strings.TrimSpace(c.Complainant.Address))
	set("subject", c.Subject)
	set("missing", c.Missing)
	set("reason", c.Reason)
	set("forwarded_to", c.ForwardedTo)
	set("findings", c.Findings)
	set("action", c.Action)
	if c.Outcome != "" && c.Outcome != "no-assessment" {
		set("outcome", catalog.T(l, "outcome."+c.Outcome))
	}
	if !c.Received.IsZero() {
		v["received"] = FormatDate(l, c.Received.Time)
		v["due"] = FormatDate(l, ReplyDue(o, c.Received.Time))
	}
	if !date.IsZero() {
		v["date"] = FormatDate(l, date)
		within := c.WithinDays
		if within == 0 {
			within = 15
		}
		v["by"] = FormatDate(l, NextWorkingDay(o.ClosureDays, AddDays(date, within)))
	}
	return v
}

// ReplyDue is the date a reasoned reply is due: the profile's reply days
// after receipt, moved to the body's next working day when it falls on a
// weekend, a public holiday or one of the body's closure days.
func ReplyDue(o *brand.Org, received time.Time) time.Time {
	return NextWorkingDay(o.ClosureDays, AddDays(received, o.Complaint.ReplyDays))
}

// AcknowledgementDue is the date the acknowledgement is due: the profile's
// acknowledgement days, counted in the body's working days.
func AcknowledgementDue(o *brand.Org, received time.Time) time.Time {
	return AddWorkingDays(o.ClosureDays, received, o.Complaint.AcknowledgementDays)
}

// secondLine writes the second-line body and how to reach it: its name,
// address, phone, e-mail and website.
func secondLine(o *brand.Org, l brand.Lang) string {
	s := o.SecondLine
	var parts []string
	for _, p := range []string{s.Name.In(l), s.Address.In(l), noBreak(s.Phone.In(l)), s.Email.In(l), s.URL.In(l)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// noBreak keeps a phone number on one line: "0800 99\n961" misleads.
func noBreak(phone string) string { return strings.ReplaceAll(phone, " ", "\u00a0") }

// expand turns a catalog text into spans: each {name} becomes its value, or
// a marked field when there is none.
func expand(l brand.Lang, s string, v map[string]string) []Span {
	var out []Span
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		if i > 0 {
			out = append(out, Span{Text: s[:i]})
		}
		out = append(out, fieldSpan(l, v, s[i+1:i+j]))
		s = s[i+j+1:]
	}
	if s != "" {
		out = append(out, Span{Text: s})
	}
	return out
}

func fieldSpan(l brand.Lang, v map[string]string, name string) Span {
	if val, ok := v[name]; ok {
		return Span{Text: val}
	}
	label := name
	if catalog.Has(l, "field."+name) {
		label = catalog.T(l, "field."+name)
	}
	return Span{Text: "[" + label + "]", Field: true}
}

func field(v map[string]string, name string) []Span {
	return []Span{fieldSpan(brand.Lang(v["_lang"]), v, name)}
}

// AddressLines splits a postal address written on one line with commas or
// on several lines.
func AddressLines(s string) []Span {
	if s == "" {
		return nil
	}
	var out []Span
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' }) {
		if t := strings.TrimSpace(line); t != "" {
			out = append(out, Span{Text: t})
		}
	}
	return out
}

// PlainText writes a document as text, one block a paragraph: the golden
// files of the tests, and a check that the PDF and the DOCX say the same.
func (d *Doc) PlainText() string {
	var b strings.Builder
	spans := func(ss []Span) string {
		var t strings.Builder
		for _, s := range ss {
			t.WriteString(s.Text)
		}
		return t.String()
	}
	for _, line := range d.Recipient {
		b.WriteString(spans(line) + "\n")
	}
	b.WriteString("\n")
	for _, line := range d.Meta {
		b.WriteString(spans(line) + "\n")
	}
	if len(d.Subject) > 0 {
		b.WriteString("\n" + catalog.T(d.Lang, "letter.subject_label") + " " + spans(d.Subject) + "\n")
	}
	if d.Greeting != "" {
		b.WriteString("\n" + d.Greeting + "\n")
	}
	for _, bl := range d.Body {
		switch bl.Kind {
		case Para:
			b.WriteString("\n" + spans(bl.Spans) + "\n")
		case Heading, Section:
			b.WriteString("\n## " + bl.Label + "\n")
		case Line:
			b.WriteString(bl.Label + ": ____\n")
		case Box:
			b.WriteString(bl.Label + ": [" + strconv.Itoa(bl.Lines) + " lines]\n")
		case Choices:
			b.WriteString(bl.Label + ": ☐ " + strings.Join(bl.Choices, " ☐ ") + "\n")
		}
	}
	if d.Closing != "" {
		b.WriteString("\n" + d.Closing + "\n")
	}
	for _, s := range d.Signature {
		if s != "" {
			b.WriteString(s + "\n")
		}
	}
	return b.String()
}

// registrationForm is the registration record as a form to fill in by hand.
func registrationForm(o *brand.Org, l brand.Lang) *Doc {
	T := func(k string) string { return catalog.T(l, k) }
	list := func(name string) []string {
		var out []string
		for _, item := range Lists[name] {
			out = append(out, T("list."+name+"."+item))
		}
		return out
	}
	line := func(k string) Block { return Block{Kind: Line, Label: T("reg." + k)} }
	box := func(k string, n int) Block { return Block{Kind: Box, Label: T("reg." + k), Lines: n} }
	choices := func(k, listName string) Block {
		return Block{Kind: Choices, Label: T("reg." + k), Choices: list(listName)}
	}
	d := &Doc{Org: o, Lang: l, Kind: Registration, Title: T("reg.title")}
	d.Body = []Block{
		{Kind: Para, Spans: []Span{{Text: T("reg.hint")}}},
		line("id"), line("received"), choices("channel", "channel"), choices("type", "type"),
		{Kind: Section, Label: T("reg.complainant")},
		line("name"), line("address"), line("email"), line("phone"), choices("language", "language"), line("representative"),
		{Kind: Section, Label: T("reg.description")},
		line("service"), line("facts"), line("file"), box("description", 5), box("remedy", 2), line("attachments"),
		{Kind: Section, Label: T("reg.handler")},
		choices("admissible", "admissible"), line("reason"), choices("category", "category"), line("handler"),
		line("ack_sent"), line("reply_due"), line("reply_sent"), choices("outcome", "outcome"),
		box("improvement", 2), choices("second_line", "yesno"), line("closed"),
	}
	return d
}

// Lists are the register's closed lists, by the keys of their values.
var Lists = map[string][]string{
	"channel":    {"email", "form", "letter", "phone", "desk"},
	"type":       {"complaint", "information", "suggestion", "compliment"},
	"admissible": {"yes", "no"},
	"category":   {"staff", "quality", "procedure", "complaint-handling"},
	"outcome":    {"founded", "partly-founded", "unfounded", "no-assessment"},
	"yesno":      {"yes", "no"},
	"language":   {"fr", "nl", "de", "en"},
}
