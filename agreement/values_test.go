package agreement

import (
	"strings"
	"testing"
	"time"
)

// TestValueFormat checks how each variable type parses and prints in nl and
// en, the way a contract writes it.
func TestValueFormat(t *testing.T) {
	tests := []struct {
		typ, raw, nl, en string
	}{
		{"duration", "2 months", "twee (2) maanden", "two (2) months"},
		{"duration", "1 maand", "één (1) maand", "one (1) month"},
		{"duration", "30 dagen", "dertig (30) dagen", "thirty (30) days"},
		{"duration", "21 days", "eenentwintig (21) dagen", "twenty-one (21) days"},
		{"duration", "32 days", "tweeëndertig (32) dagen", "thirty-two (32) days"},
		{"duration", "1 year", "één (1) jaar", "one (1) year"},
		{"duration", "365 days", "365 dagen", "365 days"},
		{"money", "100000", "€ 100.000", "€100,000"},
		{"money", "1234.56", "€ 1.234,56", "€1,234.56"},
		{"money", "€ 1.250.000", "€ 1.250.000", "€1,250,000"},
		{"money", "99,95", "€ 99,95", "€99.95"},
		{"date", "2027-01-12", "12 januari 2027", "12 January 2027"},
		{"number", "2.5", "2,5", "2.5"},
		{"number", "1,25", "1,25", "1.25"},
		{"number", "0.125", "0,125", "0.125"},
		{"number", "999999999999.9999", "999999999999,9999", "999999999999.9999"},
		{"money", "€ 2.500", "€ 2.500", "€2,500"},
		{"money", "999.999.999.999,99", "€ 999.999.999.999,99", "€999,999,999,999.99"},
		{"duration", "0 days", "nul (0) dagen", "zero (0) days"},
		{"duration", "100 years", "honderd (100) jaar", "one hundred (100) years"},
		{"yesno", "ja", "ja", "yes"},
		{"yesno", "false", "nee", "no"},
		{"text", "  Utrecht ", "Utrecht", "Utrecht"},
	}
	for _, tt := range tests {
		v, err := ParseValue(tt.typ, tt.raw)
		if err != nil {
			t.Errorf("ParseValue(%s, %q): %v", tt.typ, tt.raw, err)
			continue
		}
		if got := v.Format("nl"); got != tt.nl {
			t.Errorf("%s %q in nl = %q, want %q", tt.typ, tt.raw, got, tt.nl)
		}
		if got := v.Format("en"); got != tt.en {
			t.Errorf("%s %q in en = %q, want %q", tt.typ, tt.raw, got, tt.en)
		}
	}
}

// TestValueErrors checks that values that do not fit their type are
// rejected with a message saying what is expected.
func TestValueErrors(t *testing.T) {
	for _, tt := range []struct{ typ, raw string }{
		{"date", "12-01-2027"}, {"date", "2027-02-30"}, {"money", "veel"}, {"money", "1.2.3,456"},
		{"duration", "2"}, {"duration", "2 eons"}, {"number", "twee"}, {"yesno", "misschien"}, {"text", "  "},
	} {
		if _, err := ParseValue(tt.typ, tt.raw); err == nil {
			t.Errorf("ParseValue(%s, %q) succeeded, want an error", tt.typ, tt.raw)
		}
	}
}

// TestValueRange checks issue 14's impossible values: each is refused
// with a message saying why, never printed.
func TestValueRange(t *testing.T) {
	for _, tt := range []struct{ typ, raw, msg string }{
		{"money", "-250.000", "negative"},
		{"money", "-250000", "negative"},
		{"money", "1000000000000", "too large"},
		{"money", "1.5.0", "grouped by three"},
		{"money", "0.005.000", "grouped by three"},
		{"money", "0.335", "more than 2 decimals"},
		{"money", "NaN", "not a euro amount"},
		{"money", "1e9", "not a euro amount"},
		{"duration", "9223372036854775807 days", "too long"},
		{"duration", "36501 days", "too long"},
		{"duration", "101 years", "too long"},
		{"number", "NaN", "not a number"},
		{"number", ".nan", "not a number"},
		{"number", "Inf", "not a number"},
		{"number", "1e400", "not a number"},
		{"number", "-3", "negative"},
		{"number", "9223372036854775808", "too large"},
		{"number", "1.500", "ambiguous"},
		{"number", "1.23456", "more than 4 decimals"},
		{"number", "1.000.000", "not a number"},
	} {
		_, err := ParseValue(tt.typ, tt.raw)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ParseValue(%s, %q) = %v, want an error saying %q", tt.typ, tt.raw, err, tt.msg)
		}
	}
}

// TestParseAmount checks unit prices: four decimals, exact, and the
// three-digit ambiguity refused rather than guessed.
func TestParseAmount(t *testing.T) {
	for _, tt := range []struct{ raw, want string }{
		{"0.335", "0.335"}, {"0,3350", "0.335"}, {"149.00", "149"}, {"1.250.000,5", "1250000.5"},
		{"€ 1,250.1234", "1250.1234"}, {"-25", "-25"}, {"12,345", "12345"},
	} {
		got, err := ParseAmount(tt.raw, 4)
		if tt.raw == "12,345" {
			if err == nil || !strings.Contains(err.Error(), "ambiguous: write 12345 for thousands or 12,3450 for a decimal amount") {
				t.Errorf("ParseAmount(%q) = %v, %v; want ambiguous", tt.raw, got, err)
			}
			continue
		}
		if err != nil || got.String() != tt.want {
			t.Errorf("ParseAmount(%q) = %v, %v; want %s", tt.raw, got, err, tt.want)
		}
	}
	for _, raw := range []string{"1.12345", "1,", "1.,5", "€", "1,2,3.4.5"} {
		if d, err := ParseAmount(raw, 4); err == nil {
			t.Errorf("ParseAmount(%q) = %v, want an error", raw, d)
		}
	}
}

// TestFormatAmount checks that exact amounts print every decimal they
// have, and at least the minimum.
func TestFormatAmount(t *testing.T) {
	for _, tt := range []struct {
		raw    string
		min    int32
		nl, en string
	}{
		{"0.335", 2, "€ 0,335", "€0.335"},
		{"149", 2, "€ 149,00", "€149.00"},
		{"1234567.5", 2, "€ 1.234.567,50", "€1,234,567.50"},
		{"-50", 2, "-€ 50,00", "-€50.00"},
		{"150000", 0, "€ 150.000", "€150,000"},
	} {
		d, err := ParseAmount(tt.raw, 4)
		if err != nil {
			t.Fatal(err)
		}
		if got := FormatAmount(d, "nl", tt.min); got != tt.nl {
			t.Errorf("FormatAmount(%s) nl = %q, want %q", tt.raw, got, tt.nl)
		}
		if got := FormatAmount(d, "en", tt.min); got != tt.en {
			t.Errorf("FormatAmount(%s) en = %q, want %q", tt.raw, got, tt.en)
		}
	}
}

// TestFormatMoneyCents checks the offer notation: always with cents.
func TestFormatMoneyCents(t *testing.T) {
	if got := FormatMoney(123456, "nl", true); got != "€ 1.234,56" {
		t.Errorf("got %q", got)
	}
	if got := FormatMoney(100, "nl", true); got != "€ 1,00" {
		t.Errorf("got %q", got)
	}
	if got := FormatMoney(-5000, "nl", true); got != "-€ 50,00" {
		t.Errorf("got %q", got)
	}
	if got := FormatDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "nl"); got != "1 januari 2026" {
		t.Errorf("got %q", got)
	}
}
