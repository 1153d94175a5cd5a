package mailaddr

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in, err string
	}{
		{"bert@beta.nl", ""},
		{"a.b+notices@mail-1.example.co.uk", ""},
		{"", "empty"},
		{"m@evil.example>\r\nBcc: spy@attacker.example", "line break"},
		{"Bert <bert@beta.nl>", "space"},
		{"<bert@beta.nl>", "bare address"},
		{"bert@beta.nl,spy@attacker.example", "not an e-mail address"},
		{"bert", "not an e-mail address"},
		{"bert@localhost", "host name with a dot"},
		{"bert@[192.0.2.1]", "not a host name"},
		{"bert@-beta.nl", "not a host name"},
		{"bert@beta_x.nl", "not a host name"},
		{"bèrt@beta.nl", "non-ASCII"},
		{`"b"@beta.nl`, "bare address"},
		{strings.Repeat("x", 65) + "@beta.nl", "longer than 64"},
		{"x@" + strings.Repeat("a", 250) + ".nl", "longer than 254"},
	} {
		got, err := Parse(c.in)
		switch {
		case c.err == "" && (err != nil || got != c.in):
			t.Errorf("Parse(%q) = %q, %v", c.in, got, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("Parse(%q) error %v, want one with %q", c.in, err, c.err)
		}
	}
	if d := Domain("bert@beta.nl"); d != "beta.nl" {
		t.Errorf("Domain = %q", d)
	}
}
