package notice

import (
	"time"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/diff"
)

// Policy is what the terms say about giving notice of a change: the notice
// period and the customer's right to object. The notice is given under the
// terms in force, so the old version decides it: a new version cannot
// shorten (or lengthen) the period of its own notice.
type Policy struct {
	// PeriodDays is the notice period in days: the old version's
	// notice_period_days.
	PeriodDays int
	// Objection is the old version's notices.objection; the new version's
	// when the old one declares none (a version published before the store
	// declared its rule).
	Objection clauses.Objection
}

// PolicyOf returns the policy of a change from the terms configured by old
// (the terms in force) to those configured by new.
func PolicyOf(old, new clauses.Config) Policy {
	p := Policy{PeriodDays: old.NoticePeriodDays, Objection: old.Notices.Rule()}
	if p.Objection.Kind == "" {
		p.Objection = new.Notices.Rule()
	}
	return p
}

// Deadline returns the last day a customer may object to a notice dated
// noticeDate of terms that take effect on effective: the day before
// effective for "until-effective" (the whole period until the new terms
// take effect, as SmartTrackers' article 2.2 has it), noticeDate plus N
// days for "N days", and the zero time when the terms give no objection
// right, the rule is not declared, or a date is missing.
func (p Policy) Deadline(noticeDate, effective time.Time) time.Time {
	if noticeDate.IsZero() {
		return time.Time{}
	}
	switch p.Objection.Kind {
	case clauses.ObjectionUntilEffective:
		if effective.IsZero() {
			return time.Time{}
		}
		return effective.AddDate(0, 0, -1)
	case clauses.ObjectionDays:
		return noticeDate.AddDate(0, 0, p.Objection.Days)
	}
	return time.Time{}
}

// Apply dates report r's notice noticeDate (zero: no notice date yet, and
// then no deadline either) and gives it the policy's period, objection
// rule and deadline.
func (p Policy) Apply(r *diff.Report, noticeDate time.Time) {
	r.NoticeDate = noticeDate
	r.PeriodDays, r.Objection = p.PeriodDays, p.Objection
	r.Deadline = p.Deadline(noticeDate, r.Effective)
}

// LastDay returns the last day notice can be given of terms that take
// effect on effective.
func (p Policy) LastDay(effective time.Time) time.Time {
	return effective.AddDate(0, 0, -p.PeriodDays)
}
