package clauses

import (
	"strings"
	"testing"
)

// TestFormatNumber expands each counter of a numbering pattern: arabic,
// letters (past z: aa, ab), roman numerals (and arabic outside 1–3999),
// with the parent's number where the pattern nests it.
func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		n       int
		parent  string
		want    string
	}{
		{"{1}.", 7, "", "7."},
		{"{parent}.{1}.", 3, "11", "11.3."},
		{"{A}.", 2, "", "B."},
		{"{a}", 26, "", "z"},
		{"{a}", 27, "", "aa"},
		{"{A}", 54, "", "BB"},
		{"({i})", 4, "", "(iv)"},
		{"{I}", 1994, "", "MCMXCIV"},
		{"{i}", 4000, "", "4000"},
		{"A.{1}", 21, "", "A.21"},
		{"{parent} {a}", 3, "A.21", "A.21 c"},
		{"●", 5, "", "●"},
	} {
		if got := FormatNumber(tc.pattern, tc.n, tc.parent); got != tc.want {
			t.Errorf("FormatNumber(%q, %d, %q) = %q, want %q", tc.pattern, tc.n, tc.parent, got, tc.want)
		}
	}
}

// TestCheckPattern accepts one counter with or without the parent, and
// a bullet; it refuses an unknown counter, two counters and nothing.
func TestCheckPattern(t *testing.T) {
	for _, p := range []string{"{1}.", "{parent}.{1}.", "({i})", "Artikel {I}", "●", "{parent}"} {
		if err := CheckPattern(p); err != nil {
			t.Errorf("CheckPattern(%q) = %v", p, err)
		}
	}
	for p, want := range map[string]string{
		"":          "empty numbering pattern",
		" ":         "empty numbering pattern",
		"{x}.":      "unknown counter {x}",
		"{1}.{a}":   "more than one counter",
		"{A}{i}":    "more than one counter",
		"{Parent}.": "unknown counter {Parent}",
	} {
		if err := CheckPattern(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckPattern(%q) = %v, want %q", p, err, want)
		}
	}
	for p, want := range map[string]bool{"●": true, "{parent}": true, "{1}.": false, "{parent}.{a}": false} {
		if IsBullet(p) != want {
			t.Errorf("IsBullet(%q) = %v, want %v", p, !want, want)
		}
	}
	if !NestsParent("{parent}.{1}.") || NestsParent("{1}.") {
		t.Error("NestsParent does not tell a nested pattern from a flat one")
	}
}

// TestNumberingMerge fills what a document leaves empty from the store's
// numbering, and keeps what it gives.
func TestNumberingMerge(t *testing.T) {
	n := Numbering{Article: "A.{1}"}.Merge(DefaultNumbering)
	if n.Article != "A.{1}" || len(n.Levels) != len(DefaultNumbering.Levels) || n.Bullets[0] != "●" {
		t.Errorf("Merge = %+v", n)
	}
	if got := (Numbering{Levels: []string{"{a}"}}).Merge(DefaultNumbering); len(got.Levels) != 1 || got.Article != "{1}." {
		t.Errorf("Merge kept %+v", got)
	}
}
