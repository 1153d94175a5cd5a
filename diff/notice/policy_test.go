package notice

import (
	"testing"
	"time"

	"github.com/termsmith/termsmith/clauses"
)

// TestPolicyDeadline checks the objection deadline under each rule a store can
// declare: SmartTrackers' article 2.2 ("in die periode") gives the whole
// period until the new terms take effect, so a notice of 15 May for 1 July
// gives 30 June, not 14 June.
func TestPolicyDeadline(t *testing.T) {
	notice, effective := day("2026-05-15"), day("2026-07-01")
	for _, tc := range []struct {
		rule string
		want string
	}{
		{"until-effective", "2026-06-30"},
		{"30 days", "2026-06-14"},
		{"1 day", "2026-05-16"},
		{"none", ""},
		{"", ""},
	} {
		rule, err := clauses.ParseObjection(tc.rule)
		if err != nil {
			t.Fatalf("%q: %v", tc.rule, err)
		}
		got := Policy{Objection: rule}.Deadline(notice, effective)
		if s := got.Format(time.DateOnly); (tc.want == "") != got.IsZero() || tc.want != "" && s != tc.want {
			t.Errorf("%q: deadline %s, want %q", tc.rule, s, tc.want)
		}
	}
	if d := (Policy{Objection: clauses.Objection{Kind: clauses.ObjectionUntilEffective}}).Deadline(time.Time{}, effective); !d.IsZero() {
		t.Errorf("no notice date: deadline %s, want none", d)
	}
	for _, bad := range []string{"0 days", "-3 days", "soon", "30", "30 weeks"} {
		if _, err := clauses.ParseObjection(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

// TestPolicyOfTheTermsInForce checks that the notice period
// and the objection rule are those of the old version — the terms the
// notice is given under — and not those the new version brings.
func TestPolicyOfTheTermsInForce(t *testing.T) {
	src := func(days int, rule string) clauses.Config {
		return clauses.Config{NoticePeriodDays: days, Notices: clauses.NoticeConfig{Objection: rule}}
	}
	if got := PolicyOf(src(30, ""), src(1, "")).PeriodDays; got != 30 {
		t.Errorf("a new version that shortens the period to 1 day: period %d, want 30", got)
	}
	if got := PolicyOf(src(30, ""), src(60, "")).PeriodDays; got != 30 {
		t.Errorf("a new version that lengthens it: period %d, want the old 30", got)
	}
	if got := PolicyOf(src(30, "until-effective"), src(30, "none")).Objection; got.Kind != clauses.ObjectionUntilEffective {
		t.Errorf("rule %v, want the old until-effective", got)
	}
	if got := PolicyOf(src(30, ""), src(30, "14 days")).Objection; got.Kind != clauses.ObjectionDays || got.Days != 14 {
		t.Errorf("old declares none: rule %v, want the new 14 days", got)
	}
}
