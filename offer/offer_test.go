package offer

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
)

// build assembles the customer of the fixture store testdata/store and
// builds its offer; cfg edits the configuration first when not nil.
func build(t *testing.T, customer string, cfg func(*clauses.Config)) (*Offer, error) {
	t.Helper()
	fsys := os.DirFS("testdata/store")
	st, err := clauses.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if cfg != nil {
		cfg(&st.Config)
	}
	tmpls, err := agreement.LoadTemplates(fsys)
	if err != nil {
		t.Fatal(err)
	}
	c, err := agreement.LoadCustomer(fsys, customer)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := agreement.Assemble(st, tmpls[c.Template], c)
	if err != nil {
		t.Fatal(err)
	}
	return Build(doc, st.Config, tmpls[c.Template])
}

// TestBuild checks every statement of an offer against the fixture: the
// customer's own payment term, the contract term of the service bought,
// clause numbers, the IBAN, validity.
func TestBuild(t *testing.T) {
	o, err := build(t, "alfa", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{
		o.Number, o.Date.Format("2006-01-02"), o.ValidUntil.Format("2006-01-02"),
		o.OfferRef, o.Start.Text, o.Start.Ref, o.Payment.Text, o.Payment.Ref, o.IBAN, o.Contact.Phone,
	}
	want := []string{
		"2026-0042", "2026-11-02", "2026-12-02",
		"1", "zodra de ondertekende offerte is ontvangen", "2", "dertig (30) dagen", "4", "NL91 ABNA 0417 1643 00", "030 123 45 67",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("offer:\n got %q\nwant %q", got, want)
	}
	if !o.NonBinding {
		t.Error("the offer is not marked non-binding")
	}
	if len(o.Contracts) != 1 {
		t.Fatalf("contracts %+v, want the hosting one only", o.Contracts)
	}
	ct := o.Contracts[0]
	if g := strings.Join([]string{strings.Join(ct.Services, ","), ct.Term, ct.Renewal, ct.Notice, ct.Ref}, "|"); g != "Hosting|twaalf (12) maanden|twaalf (12) maanden|drie (3) maanden|3.1" {
		t.Errorf("contract %q", g)
	}

	// A start date agreed with the customer replaces the store's text; a
	// contract rule for a service the customer buys without renewal.
	o, err = build(t, "beta", nil)
	if err != nil {
		t.Fatal(err)
	}
	if o.Start.Text != "1 januari 2027" || o.Start.Ref != "" {
		t.Errorf("start %+v", o.Start)
	}
	if len(o.Contracts) != 1 || o.Contracts[0].Term != "één (1) jaar" || o.Contracts[0].Renewal != "" || o.Contracts[0].Ref != "2" {
		t.Errorf("contracts %+v", o.Contracts)
	}
}

// TestBuildConfigErrors checks that what the offer section of
// termsmith.yaml gets wrong is reported with the file and the key.
func TestBuildConfigErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(*clauses.Config)
		want string
	}{
		{"bad IBAN", func(c *clauses.Config) { c.Offer.IBAN = "NL92ABNA0417164300" }, "offer.iban: IBAN \"NL92ABNA0417164300\": the check digits do not match"},
		{"short IBAN", func(c *clauses.Config) { c.Offer.IBAN = "NL91" }, "15 to 34 characters"},
		{"unknown clause", func(c *clauses.Config) { c.Offer.Clause = "nergens" }, `offer.clause: clause "nergens" is not in this customer's agreement`},
		{"clause without number", func(c *clauses.Config) { c.Offer.Payment.Clause = "betaling/p1" }, `offer.payment.clause: clause "betaling/p1" is not in this customer's agreement`},
		{"payment not a duration", func(c *clauses.Config) { c.Offer.Payment.Term = "soon" }, `offer.payment.term: "soon" is not a duration`},
		{"payment variable unknown", func(c *clauses.Config) { c.Offer.Payment.Term = "{{termijn}}" }, `variable "termijn" has no value`},
		{"absurd term", func(c *clauses.Config) { c.Offer.Contracts[0].Term = "9223372036854775807 days" }, "offer.contracts[0].term: \"9223372036854775807 days\" is too long"},
		{"unknown service", func(c *clauses.Config) { c.Offer.Contracts[0].Services = []string{"hosting", "koffie"} }, `offer.contracts[0].services: "koffie" is not a service`},
		{"no term", func(c *clauses.Config) { c.Offer.Contracts[0].Term = "" }, "offer.contracts[0].term: a contract needs its term"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := build(t, "alfa", tt.edit)
			if err == nil || !strings.Contains(err.Error(), "termsmith.yaml:17: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want termsmith.yaml:17 and %q", err, tt.want)
			}
		})
	}
}

// TestBuildRefusesAClauseThatDoesNotApply checks that an offer never cites
// an article that is a gap for this customer.
func TestBuildRefusesAClauseThatDoesNotApply(t *testing.T) {
	_, err := build(t, "beta", func(c *clauses.Config) { c.Offer.Clause = "hosting" })
	if err == nil || !strings.Contains(err.Error(), `clause "hosting" does not apply to this customer`) {
		t.Errorf("error %v", err)
	}
}

// TestDate checks the offer's number, date and start in the customer file.
func TestDate(t *testing.T) {
	base := "legal_name: A\naddress: B\nkvk: \"1\"\ncontact: {name: C, email: c@d.nl}\nsignatory: {name: E, title: F}\n"
	for _, tt := range []struct{ offer, want string }{
		{"", "customers/x.yaml: offer.number is required"},
		{"offer: {number: \"7\"}\n", "customers/x.yaml:6: offer.date is required"},
		{"offer: {number: \"7\", date: 2-11-2026}\n", `customers/x.yaml:6: offer.date: date "2-11-2026": use YYYY-MM-DD`},
	} {
		c, err := agreement.LoadCustomer(fstest.MapFS{"customers/x.yaml": {Data: []byte(base + tt.offer)}}, "x")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Date(c); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Date(%q) = %v, want %q", tt.offer, err, tt.want)
		}
	}
}

func TestFormatIBAN(t *testing.T) {
	for in, want := range map[string]string{
		"NL91ABNA0417164300":     "NL91 ABNA 0417 1643 00",
		"nl91 abna 0417 1643 00": "NL91 ABNA 0417 1643 00",
		"DE89370400440532013000": "DE89 3704 0044 0532 0130 00",
	} {
		if got, err := FormatIBAN(in); err != nil || got != want {
			t.Errorf("FormatIBAN(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"NL91ABNA041716430", "9L91ABNA0417164300", "NL9XABNA0417164300", "NL91ABNA04171643€0"} {
		if got, err := FormatIBAN(bad); err == nil {
			t.Errorf("FormatIBAN(%q) = %q, want an error", bad, got)
		}
	}
}
