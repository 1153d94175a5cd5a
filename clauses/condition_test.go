package clauses

import (
	"slices"
	"strings"
	"testing"
)

// fields is a customer's fields for a condition: yes/no values, lists
// and text.
type fields map[string]any

func (f fields) Field(name string) (any, bool) { v, ok := f[name]; return v, ok }

// TestConditionEval evaluates when-expressions against a customer: "in"
// on lists, bare yes/no fields, == and != on text and yes/no, and "and"
// binding tighter than "or", "not" tighter than both, parentheses first.
func TestConditionEval(t *testing.T) {
	env := fields{
		"services":       []string{"hosting", "support"},
		"dpa.gezondheid": true, "dpa.strafrecht": false,
		"land": "NL", "kleinbedrijf": false,
	}
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"hosting in services", true},
		{"onderhoud in services", false},
		{"dpa.gezondheid", true},
		{"dpa.strafrecht", false},
		{"not dpa.strafrecht", true},
		{`land == "NL"`, true},
		{`land != 'NL'`, false},
		{"land == NL", true}, // a bare word is a value after ==
		{"kleinbedrijf == no", true},
		{"onderhoud in services or hosting in services and dpa.gezondheid", true},
		{"(onderhoud in services or hosting in services) and dpa.strafrecht", false},
		{"not onderhoud in services and not dpa.strafrecht", true},
		{"not not dpa.gezondheid", true},
		// "or" stops at the first true: the field after it is not read.
		{"dpa.gezondheid or onbekend", true},
	} {
		c, err := ParseCondition(tc.src)
		if err != nil {
			t.Errorf("%s: %v", tc.src, err)
			continue
		}
		got, err := c.Eval(env)
		if err != nil || got != tc.want {
			t.Errorf("%s = %v, %v; want %v", tc.src, got, err, tc.want)
		}
		if c.String() != tc.src {
			t.Errorf("String() = %q, want the source %q", c.String(), tc.src)
		}
	}
}

// TestConditionErrors checks that a condition that cannot be read, or
// reads a field the customer lacks or has of another type, is an error
// that quotes the condition and says what is wrong: a typo never drops a
// clause silently.
func TestConditionErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"", "empty condition"},
		{"land = NL", `condition "land = NL": use == or != to compare`},
		{`land == "NL`, "unclosed quote"},
		{"hosting in", `"in" needs a list field after it`},
		{`hosting in "services"`, `"in" needs a list field after it`},
		{"land ==", "== needs a value after it"},
		{`"NL" == land`, "a field name must come before =="},
		{"(hosting in services", "missing )"},
		{"hosting in services and", "ends too early"},
		{"hosting in services)", `unexpected ")"`},
		{"and hosting", `unexpected "and"`},
		{"1abc", `"1abc" is not a field name`},
		{"land; drop", `unexpected ";"`},
	} {
		_, err := ParseCondition(tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseCondition(%q) = %v, want an error with %q", tc.src, err, tc.want)
		}
	}
	env := fields{"services": []string{"hosting"}, "land": "NL", "dpa.gezondheid": true}
	for _, tc := range []struct{ src, want string }{
		{"onderhoud in dienst", `condition "onderhoud in dienst": unknown field "dienst"`},
		{"land", `field "land" is not a yes/no value`},
		{"hosting in land", `field "land" is not a list`},
		{"dpa.gezondheid and onbekend", `unknown field "onbekend"`},
	} {
		c, err := ParseCondition(tc.src)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if _, err := c.Eval(env); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.src, err, tc.want)
		}
	}
}

// TestConditionFields lists what a condition reads, for lint: every field
// in order, and the values tested with "in" per list.
func TestConditionFields(t *testing.T) {
	c, err := ParseCondition(`hosting in services and (land == "BE" or support in services) and not dpa.x`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Fields(), []string{"services", "land", "services", "dpa.x"}; !slices.Equal(got, want) {
		t.Errorf("Fields() = %q, want %q", got, want)
	}
	if got := c.Members()["services"]; !slices.Equal(got, []string{"hosting", "support"}) {
		t.Errorf(`Members()["services"] = %q, want hosting and support`, got)
	}
}
