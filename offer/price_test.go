package offer

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/termsmith/termsmith/agreement"
)

// TestPrice checks the amounts of the fixture's offer by hand: sub-cent
// unit prices, a decimal quantity, three VAT rates including reverse
// charge, and three periods kept apart.
func TestPrice(t *testing.T) {
	o, err := build(t, "alfa", nil)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range o.Lines {
		lines = append(lines, l.Service+" "+l.Quantity.String()+" "+l.Unit+" × "+l.UnitPrice.String()+" = "+l.Amount.StringFixed(2))
	}
	wantLines := []string{
		"Hosting 12 maanden × 39.5 = 474.00",
		"Sms 1000 berichten × 0.0825 = 82.50",
		"Training 1.5 dagen × 950 = 1425.00",
		"Handboek 2 exemplaren × 24.95 = 49.90",
		"Installatie in België 1 uur × 85 = 85.00",
		"Domeinnaam 1 domeinnaam × 12.1234 = 12.12",
	}
	if strings.Join(lines, "\n") != strings.Join(wantLines, "\n") {
		t.Errorf("lines:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}
	var totals []string
	for _, tt := range o.Totals {
		s := periodKey(tt.Period) + " " + tt.Subtotal.StringFixed(2)
		for _, v := range tt.VAT {
			r := v.Rate.Percent.String() + "%"
			if v.Rate.Reverse {
				r = "verlegd"
			}
			s += " [" + r + " on " + v.Base.StringFixed(2) + " = " + v.VAT.StringFixed(2) + "]"
		}
		totals = append(totals, s+" total "+tt.Total.StringFixed(2))
	}
	wantTotals := []string{
		// 21% of 1425.00 = 299.25; 9% of 49.90 = 4.491 → 4.49.
		"one-off 1559.90 [21% on 1425.00 = 299.25] [9% on 49.90 = 4.49] [verlegd on 85.00 = 0.00] total 1863.64",
		// 21% of 556.50 = 116.865 → 116.87 (half up).
		"monthly 556.50 [21% on 556.50 = 116.87] total 673.37",
		"yearly 12.12 [21% on 12.12 = 2.55] total 14.67",
	}
	if strings.Join(totals, "\n") != strings.Join(wantTotals, "\n") {
		t.Errorf("totals:\n%s\nwant\n%s", strings.Join(totals, "\n"), strings.Join(wantTotals, "\n"))
	}

	// 3 × € 0,335 = € 1,005: half up to € 1,01 — not € 335,00 a unit.
	o, err = build(t, "beta", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := o.Lines[0].Amount.StringFixed(2) + " " + o.Totals[0].Total.StringFixed(2); got != "1.01 1.22" {
		t.Errorf("sub-cent line: %s, want 1.01 1.22", got)
	}
}

// TestPriceErrors checks issue 11's impossible line items: each is an
// error naming the customer file and the line of the item.
func TestPriceErrors(t *testing.T) {
	base := "legal_name: A\naddress: B\nkvk: \"1\"\ncontact: {name: C, email: c@d.nl}\nsignatory: {name: E, title: F}\nline_items:\n" +
		"  - {service: Goed, quantity: 1, unit: stuk, unit_price: \"1\", period: eenmalig}\n"
	for _, tt := range []struct{ item, want string }{
		{"{service: S, quantity: .nan, unit: uur, unit_price: \"1\", period: maand}", `quantity: ".nan" is not a number`},
		{"{service: S, quantity: .inf, unit: uur, unit_price: \"1\", period: maand}", `quantity: ".inf" is not a number`},
		{"{service: S, quantity: -2, unit: uur, unit_price: \"1\", period: maand}", `quantity: "-2" is negative`},
		{"{service: S, quantity: 0, unit: uur, unit_price: \"1\", period: maand}", "quantity 0: it must be above 0"},
		{"{service: S, quantity: 1e3, unit: uur, unit_price: \"1\", period: maand}", `quantity: "1e3" is not a number`},
		{"{service: S, quantity: 9223372036854775808, unit: uur, unit_price: \"1\", period: maand}", "too large"},
		{"{service: S, quantity: 2000000, unit: uur, unit_price: \"1\", period: maand}", "at most 1000000"},
		{"{service: S, quantity: 1, unit: uur, unit_price: .nan, period: maand}", `unit_price: ".nan" is not a euro amount`},
		{"{service: S, quantity: 1, unit: uur, unit_price: \"1.125\", period: maand}", "ambiguous: write 1125 for thousands or 1.1250"},
		{"{service: S, quantity: 1, unit: uur, unit_price: \"1.12345\", period: maand}", "more than 4 decimals"},
		{"{service: S, quantity: 1, unit: uur, unit_price: \"1000000000\", period: maand}", "at most € 999.999.999,9999"},
		{"{service: S, quantity: 1, unit: uur, unit_price: \"1\", period: week}", `period "week": write eenmalig, maand, kwartaal or jaar`},
		{"{service: S, quantity: 1, unit: uur, unit_price: \"1\"}", `period "": write`},
		{"{service: S, quantity: 1, unit_price: \"1\", period: maand}", "unit is required"},
		{"{service: S, quantity: 1, unit: a/b/c, unit_price: \"1\", period: maand}", `unit "a/b/c"`},
		{"{service: S, quantity: 1, unit: uur, unit_price: \"1\", period: maand, vat: .nan}", `VAT rate ".nan"`},
		{"{service: S, quantity: 1, unit: uur, unit_price: \"1\", period: maand, vat: 121}", `VAT rate "121"`},
		{"{service: S, quantity: 1, unit: uur, unit_price: \"1\", period: maand, vat: \"21.125\"}", `VAT rate "21.125"`},
		{"{service: S, quantity: 1, unit: uur, period: maand}", "unit_price is required"},
		{"{quantity: 1, unit: uur, unit_price: \"1\", period: maand}", "service is required"},
		{"{service: Korting, quantity: 1, unit: stuk, unit_price: \"-5\", period: eenmalig}", "the one-off lines add up to -4.00"},
	} {
		c, err := agreement.LoadCustomer(fstest.MapFS{"customers/x.yaml": {Data: []byte(base + "  - " + tt.item + "\n")}}, "x")
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = Price(c, "21")
		line := "customers/x.yaml:8: line item 2: "
		if strings.HasPrefix(tt.want, "the one-off") {
			line = "customers/x.yaml:6: "
		}
		if err == nil || !strings.Contains(err.Error(), line) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant %s…%s", tt.item, err, line, tt.want)
		}
	}
}

// TestPriceDefaultRate checks the store's default VAT rate: 0 is a rate,
// not "unset", and a bad one is refused.
func TestPriceDefaultRate(t *testing.T) {
	c, err := agreement.LoadCustomer(fstest.MapFS{"customers/x.yaml": {Data: []byte(
		"legal_name: A\naddress: B\nkvk: \"1\"\ncontact: {name: C, email: c@d.nl}\nsignatory: {name: E, title: F}\nline_items:\n" +
			"  - {service: S, quantity: 2, unit: stuk, unit_price: \"10\", period: eenmalig}\n")}}, "x")
	if err != nil {
		t.Fatal(err)
	}
	_, totals, err := Price(c, "0")
	if err != nil || totals[0].Total.StringFixed(2) != "20.00" {
		t.Errorf("0%%: %v, %v", totals, err)
	}
	if _, _, err := Price(c, ".nan"); err == nil || !strings.Contains(err.Error(), "termsmith.yaml: vat_percent") {
		t.Errorf("vat_percent .nan: %v", err)
	}
}

// BenchmarkBuild prices and builds the fixture's offer from an assembled
// agreement (docs/benchmarks.md).
func BenchmarkBuild(b *testing.B) {
	t := &testing.T{}
	for b.Loop() {
		if _, err := build(t, "alfa", nil); err != nil {
			b.Fatal(err)
		}
	}
}
