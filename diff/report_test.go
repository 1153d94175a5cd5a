package diff

import (
	"testing"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/store/terms"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// ReportFor assembles the agreements customer c (nil: the reference
// customer) gets under old and new and compares them with NewReport, as
// the application layer does, without its notice policy. Exported for the
// tests of package diff_test.
func ReportFor(old, new *terms.Content, c *agreement.Customer) (*Report, error) {
	if c == nil {
		c = terms.Reference(old, new)
	}
	od, err := old.Assemble(c)
	if err != nil {
		return nil, err
	}
	nd, err := new.Assemble(c)
	if err != nil {
		return nil, err
	}
	return NewReport(od, nd), nil
}

// TestNewReport checks what a report takes from the two agreements: the
// versions, the customer (none for the reference customer), the new
// version's language, title and effective date; the notice's dates and
// policy are left to the caller.
func TestNewReport(t *testing.T) {
	fx := loadCase(t, "testdata/cases/moved-edited.txtar")
	for _, id := range []string{"reference", "beta"} {
		r := fx.compare(t, id)
		if r.From != "v1" || r.To != "v2" || !r.Effective.Equal(day("2026-07-01")) || r.Language == "" || r.Title == "" {
			t.Errorf("%s: report %s → %s, effective %s, language %q, title %q", id, r.From, r.To, r.Effective, r.Language, r.Title)
		}
		if (r.Customer == nil) != (id == "reference") || r.Customer != nil && r.Customer.ID != id {
			t.Errorf("%s: customer %v", id, r.Customer)
		}
		if !r.NoticeDate.IsZero() || !r.Deadline.IsZero() || r.PeriodDays != 0 || r.Summary != "" {
			t.Errorf("%s: the report has notice data of its own: %v %v %d %q", id, r.NoticeDate, r.Deadline, r.PeriodDays, r.Summary)
		}
	}
}
