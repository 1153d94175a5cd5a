package diff

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/termsmith/termsmith/templates"
)

// Report is the comparison of two versions for one customer, with the dates
// of its notice. Its JSON form is documented in docs/notice-json.md.
type Report struct {
	From, To string              // version ids
	Customer *templates.Customer // nil: the reference customer (every service, the defaults)
	Language string              // "nl" or "en", of the documents
	Title    string              // the agreement's title, from the new version's template
	// NoticeDate is the date of the notice; Effective the date the new
	// version takes effect; Deadline the last day the customer may object
	// (NoticeDate plus the notice period). Zero when unknown.
	NoticeDate, Effective, Deadline time.Time
	// PeriodDays is the notice period in days.
	PeriodDays int
	Changes    []Change
}

// jsonReport is the JSON form of a Report. Every field is always present,
// so that consumers can rely on the shape.
type jsonReport struct {
	From              string       `json:"from"`
	To                string       `json:"to"`
	Customer          *string      `json:"customer"`
	NoticeDate        *string      `json:"notice_date"`
	EffectiveDate     *string      `json:"effective_date"`
	ObjectionDeadline *string      `json:"objection_deadline"`
	Changes           []jsonChange `json:"changes"`
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
}

// JSON returns the report as indented JSON, ending in a newline. The same
// report gives the same bytes.
func (r *Report) JSON() ([]byte, error) {
	out := jsonReport{
		From: r.From, To: r.To,
		NoticeDate: date(r.NoticeDate), EffectiveDate: date(r.Effective), ObjectionDeadline: date(r.Deadline),
		Changes: make([]jsonChange, 0, len(r.Changes)),
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

// Deadline returns the last day to object to a notice sent on noticeDate:
// noticeDate plus days.
func Deadline(noticeDate time.Time, days int) time.Time {
	return noticeDate.AddDate(0, 0, days)
}
