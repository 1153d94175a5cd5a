package clauses

import (
	"fmt"
	"strings"
	"testing"
)

// TestVisible checks that every hidden character is escaped as \u{XXXX}
// for a terminal, that tabs and line feeds stay in text but not in a
// name, and that ordinary text (accents, the euro sign) is untouched.
func TestVisible(t *testing.T) {
	for _, c := range []struct{ in, text, name string }{
		{"één € 10,-", "één € 10,-", "één € 10,-"},
		{"a\tb\nc", "a\tb\nc", `a\u{0009}b\u{000A}c`},
		{"bel\x07 esc\x1b[31m del\x7f c1\u0085", `bel\u{0007} esc\u{001B}[31m del\u{007F} c1\u{0085}`, `bel\u{0007} esc\u{001B}[31m del\u{007F} c1\u{0085}`},
		{"rlo\u202eabc\u202c zw\u200b\u200c\u200d\u2060\ufeff shy\u00ad lrm\u200e", `rlo\u{202E}abc\u{202C} zw\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF} shy\u{00AD} lrm\u{200E}`, `rlo\u{202E}abc\u{202C} zw\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF} shy\u{00AD} lrm\u{200E}`},
		{"bad\xffbyte", "bad\xffbyte", `bad\x{FF}byte`},
	} {
		if got := Visible(c.in); got != c.text {
			t.Errorf("Visible(%q) = %q, want %q", c.in, got, c.text)
		}
		if got := VisibleName(c.in); got != c.name {
			t.Errorf("VisibleName(%q) = %q, want %q", c.in, got, c.name)
		}
	}
}

// TestIDProblem checks that an id's message states what is wrong with
// it: its length when that is the only problem.
func TestIDProblem(t *testing.T) {
	for id, want := range map[string]string{
		"acme":                   "",
		"":                       "an id cannot be empty",
		"Acme":                   "use lower-case letters, digits and hyphens",
		strings.Repeat("a", 250): "it is 250 characters long; the limit is 80",
		strings.Repeat("A", 250): "use lower-case letters, digits and hyphens, at most 80",
		strings.Repeat("a", 80):  "",
		strings.Repeat("a", 81):  "it is 81 characters long; the limit is 80",
		"../etc/passwd":          "use lower-case letters, digits and hyphens",
	} {
		if got := IDProblem(id); got != want {
			t.Errorf("IDProblem(%q) = %q, want %q", id, got, want)
		}
	}
	if q := QuoteID(strings.Repeat("a", 250)); q != `"`+strings.Repeat("a", 80)+`"… (250 bytes)` {
		t.Errorf("QuoteID of 250 characters: %s", q)
	}
}

// TestParseDate checks that an impossible date is refused as impossible,
// saying why, and a date in another form for its form.
func TestParseDate(t *testing.T) {
	for s, want := range map[string]string{
		"2026-02-30": `date "2026-02-30" does not exist: February 2026 has 28 days`,
		"2028-02-30": `date "2028-02-30" does not exist: February 2028 has 29 days`,
		"2026-04-31": `date "2026-04-31" does not exist: April 2026 has 30 days`,
		"2026-13-01": `date "2026-13-01" does not exist: there is no month 13`,
		"2026-00-10": `date "2026-00-10" does not exist: there is no month 0`,
		"2026-01-00": `date "2026-01-00" does not exist: there is no day 0`,
		"1-2-2026":   `date "1-2-2026": use YYYY-MM-DD`,
		"2026-02-28": "",
	} {
		_, err := ParseDate(s)
		if got := fmt.Sprint(err); err == nil && want != "" || err != nil && got != want {
			t.Errorf("ParseDate(%q): %v, want %q", s, err, want)
		}
	}
}
