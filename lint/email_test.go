package lint

import (
	"strings"
	"testing"
)

// TestInvalidEmail: an address that could carry a header or a second
// recipient, in a customer file or the config, is an error naming the
// file, the line and the field.
func TestInvalidEmail(t *testing.T) {
	cust := strings.Replace(base["customers/acme.yaml"], "contact: {name: A, email: a@acme.nl}",
		`contact: {name: A, email: "a@acme.nl>\r\nBcc: spy@attacker.example"}`, 1)
	cust = strings.Replace(cust, "signatory: {name: A, title: Directeur}", "signatory: {name: A, title: Directeur, email: A <a@acme.nl>}", 1)
	cfg := strings.Replace(base["termsmith.yaml"], "trade_name: SmartTrackers}", "trade_name: SmartTrackers, email: legal@localhost}\npublisher: {name: Legal, email: legal@acme.nl}", 1)
	rep := lintFiles(t, map[string]string{"customers/acme.yaml": cust, "termsmith.yaml": cfg})
	var mine []Finding
	for _, f := range rep.Findings {
		if f.Rule == "invalid-email" {
			mine = append(mine, f)
		}
	}
	got := format(mine)
	for _, want := range []string{
		`customers/acme.yaml:4: error: contact.email "a@acme.nl>\r\nBcc: spy@attacker.example" is not a valid e-mail address: contains a space, a line break, a control or a non-ASCII character [invalid-email]`,
		`customers/acme.yaml:5: error: signatory.email "A <a@acme.nl>" is not a valid e-mail address`,
		`termsmith.yaml:1: error: supplier.email "legal@localhost" is not a valid e-mail address: domain "localhost" is not a host name with a dot [invalid-email]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("findings lack\n  %s\ngot:\n%s", want, got)
		}
	}
	if len(mine) != 3 || strings.Contains(got, "publisher.email") {
		t.Errorf("want exactly the three findings, got:\n%s", got)
	}
}
