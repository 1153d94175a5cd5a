package templates

import (
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
