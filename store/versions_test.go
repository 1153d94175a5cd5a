package store

import "testing"

// TestVersions lists the example's versions on dates before, between and
// after them.
func TestVersions(t *testing.T) {
	s := example(t, "2026-08-01")
	for _, c := range []struct {
		date, inForce, first, second string
	}{
		{"2025-12-31", "", Scheduled, Scheduled},
		{"2026-01-01", "2026-01-01", InForce, Scheduled},
		{"2026-06-30", "2026-01-01", InForce, Scheduled},
		{"2026-07-01", "2026-07-01", Superseded, InForce},
	} {
		list, inForce, err := s.Versions(day(c.date))
		if err != nil || len(list) != 2 {
			t.Fatalf("%s: %v, %v", c.date, list, err)
		}
		if inForce != c.inForce || list[0].Status != c.first || list[1].Status != c.second {
			t.Errorf("%s: in force %q, statuses %q, %q; want %q, %q, %q", c.date, inForce, list[0].Status, list[1].Status, c.inForce, c.first, c.second)
		}
	}
	list, _, _ := s.Versions(day("2026-08-01"))
	if v := list[0]; v.ID != "2026-01-01" || v.Effective != "2026-01-01" || v.Tag == "" || v.Commit == "" || v.ContentHash == "" || v.Author.Name == "" {
		t.Errorf("first version: %+v", v)
	}
	if _, _, err := Open(t.TempDir(), nil).Versions(day("2026-08-01")); !IsUnusable(err) {
		t.Errorf("a directory that is not a store: %v, want unusable input", err)
	}
}
