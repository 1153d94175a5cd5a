package diff

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/buildinfo"
)

// Report is the comparison of two versions for one customer, with the dates
// of its notice. Its JSON form is documented in docs/notice-json.md.
type Report struct {
	From, To string              // version ids
	Customer *agreement.Customer // nil: the reference customer (every service, the defaults)
	Language string              // "nl" or "en", of the documents
	Title    string              // the agreement's title, from the new version's template
	// NoticeDate is the date of the notice; Effective the date the new
	// version takes effect; Deadline the last day the customer may object
	// under Objection (package notice decides it). Zero when unknown or
	// when the terms give no objection right.
	NoticeDate, Effective, Deadline time.Time
	// PeriodDays is the notice period in days: that of the terms in force
	// (From), which the notice is given under.
	PeriodDays int
	// Objection is the objection rule of the terms in force (From's
	// notices.objection; To's when From declares none).
	Objection clauses.Objection
	// Preview marks a notice dated by hand (termsmith notice --date): a
	// draft to read, never to send.
	Preview bool
	// Summary is the plain-language summary of the change written by legal
	// (publish --summary, or notice --summary for a preview); it opens the
	// letter. Empty for none.
	Summary string
	// Between are the versions published between From and To, oldest
	// first: their changes are in Changes too, because the comparison is
	// from From, the version that applies to the customer.
	Between []Step
	Changes []Change

	old *agreement.Agreement // the customer's document under From
}

// Ref returns how a cross-reference to id prints in the terms in force —
// the customer's document under From: a clause's number ("2.2", "21 b") or
// a document's label ("Bijlage 1"). A notice letter cites the terms it is
// given under. False when From has no such clause for this customer.
func (r *Report) Ref(id string) (string, bool) {
	if r.old == nil {
		return "", false
	}
	for _, p := range r.old.Parts {
		if p.ID == id {
			if p.Label != "" {
				return p.Label, true
			}
			return p.Title, true
		}
		var out string
		agreement.Walk(p.Blocks, func(b *agreement.Block) {
			if out == "" && b.ID == id && b.Ref != "" {
				out = b.Ref
			}
		})
		if out != "" {
			return out, true
		}
	}
	return "", false
}

// NewReport compares the agreements one customer gets under two versions
// (assembled for the same customer; a customer without an id is the
// reference customer) and returns the report of the changes. The notice's
// dates, period and objection rule, the summary and the versions passed
// over are the caller's to fill in: they are notice policy, not part of the
// comparison.
func NewReport(old, new *agreement.Agreement) *Report {
	r := &Report{
		old:  old,
		From: old.Version, To: new.Version,
		Language: new.Language, Title: new.Title,
		Effective: new.Effective,
		Changes:   Compare(old, new),
	}
	if c := new.Customer; c != nil && c.ID != "" {
		r.Customer = c
	}
	return r
}

// Step is a published version passed over by a report.
type Step struct {
	Version   string
	Effective time.Time
}

// jsonReport is the JSON form of a Report. Every field is always present,
// so that consumers can rely on the shape.
type jsonReport struct {
	Generator         string       `json:"generator"` // the build: termsmith --version
	From              string       `json:"from"`
	To                string       `json:"to"`
	Customer          *string      `json:"customer"`
	NoticeDate        *string      `json:"notice_date"`
	EffectiveDate     *string      `json:"effective_date"`
	ObjectionDeadline *string      `json:"objection_deadline"`
	ObjectionRule     string       `json:"objection_rule"`
	NoticePeriodDays  int          `json:"notice_period_days"`
	Preview           bool         `json:"preview"`
	Summary           string       `json:"summary"`
	Between           []jsonStep   `json:"between"`
	Changes           []jsonChange `json:"changes"`
}

type jsonStep struct {
	Version       string  `json:"version"`
	EffectiveDate *string `json:"effective_date"`
}

type jsonChange struct {
	Kind      Kind      `json:"kind"`
	ID        string    `json:"id"`
	Part      string    `json:"part"`
	OldNumber string    `json:"old_number"`
	NewNumber string    `json:"new_number"`
	Title     string    `json:"title"`
	OldText   string    `json:"old_text"`
	NewText   string    `json:"new_text"`
	Segments  []Segment `json:"segments"`
	// Typographic: the change is only one of quote or apostrophe style.
	Typographic bool `json:"typographic"`
}

// JSON returns the report as indented JSON, ending in a newline. The same
// report gives the same bytes.
func (r *Report) JSON() ([]byte, error) {
	out := jsonReport{
		Generator: buildinfo.String(), From: r.From, To: r.To,
		NoticeDate: date(r.NoticeDate), EffectiveDate: date(r.Effective), ObjectionDeadline: date(r.Deadline),
		ObjectionRule: r.Objection.String(), NoticePeriodDays: r.PeriodDays, Preview: r.Preview, Summary: r.Summary,
		Between: make([]jsonStep, 0, len(r.Between)),
		Changes: make([]jsonChange, 0, len(r.Changes)),
	}
	for _, b := range r.Between {
		out.Between = append(out.Between, jsonStep{Version: b.Version, EffectiveDate: date(b.Effective)})
	}
	if r.Customer != nil {
		out.Customer = &r.Customer.ID
	}
	for _, c := range r.Changes {
		segs := c.Segments
		if segs == nil {
			segs = []Segment{}
		}
		out.Changes = append(out.Changes, jsonChange{
			Kind: c.Kind, ID: c.ID, Part: c.Part, OldNumber: c.OldNumber, NewNumber: c.NewNumber,
			Title: c.Title, OldText: c.OldText, NewText: c.NewText, Segments: segs,
			Typographic: c.Typographic(),
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func date(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}
