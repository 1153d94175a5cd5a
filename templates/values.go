package templates

import (
	"fmt"
	"github.com/termsmith/termsmith/clauses"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Value is a typed variable value, parsed from a customer file, a template
// default or a config default.
type Value struct {
	Type  string    // text, date, money, number, duration, yesno
	Raw   string    // as written
	Text  string    // text: the text
	Date  time.Time // date
	Cents int64     // money: euro cents
	Num   float64   // number; duration: the count
	Unit  string    // duration: "day", "week", "month" or "year"
	Bool  bool      // yesno
}

// ParseValue parses raw as a value of type typ.
func ParseValue(typ, raw string) (Value, error) {
	v := Value{Type: typ, Raw: raw}
	s := strings.TrimSpace(raw)
	if s == "" {
		return v, fmt.Errorf("empty value")
	}
	switch typ {
	case "text":
		v.Text = s
	case "date":
		t, err := clauses.ParseDate(s)
		if err != nil {
			return v, err
		}
		v.Date = t
	case "money":
		c, err := ParseMoney(s)
		if err != nil {
			return v, err
		}
		v.Cents = c
	case "number":
		f, err := parseNumber(s)
		if err != nil {
			return v, err
		}
		v.Num = f
	case "duration":
		n, unit, err := parseDuration(s)
		if err != nil {
			return v, err
		}
		v.Num, v.Unit = float64(n), unit
	case "yesno":
		switch strings.ToLower(s) {
		case "yes", "ja", "true", "y", "j":
			v.Bool = true
		case "no", "nee", "false", "n":
			v.Bool = false
		default:
			return v, fmt.Errorf("%q is not yes or no (ja/nee, true/false)", s)
		}
	default:
		return v, fmt.Errorf("unknown type %q", typ)
	}
	return v, nil
}

// Format prints the value in the document language.
func (v Value) Format(lang string) string {
	switch v.Type {
	case "date":
		return FormatDate(v.Date, lang)
	case "money":
		return FormatMoney(v.Cents, lang, v.Cents%100 != 0)
	case "number":
		return formatNumber(v.Num, lang)
	case "duration":
		return formatDuration(int(v.Num), v.Unit, lang)
	case "yesno":
		return yesNo(v.Bool, lang)
	}
	return v.Text
}

// Field is the value as a condition sees it: a bool for yes/no, else text.
func (v Value) Field() any {
	if v.Type == "yesno" {
		return v.Bool
	}
	if v.Type == "text" {
		return v.Text
	}
	return strings.TrimSpace(v.Raw)
}

var monthNames = map[string][]string{
	"nl": {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// FormatDate prints a date as "1 januari 2026" (nl) or "1 January 2026" (en).
func FormatDate(t time.Time, lang string) string {
	names, ok := monthNames[lang]
	if !ok {
		names = monthNames["nl"]
	}
	return fmt.Sprintf("%d %s %d", t.Day(), names[t.Month()-1], t.Year())
}

var groupedRE = regexp.MustCompile(`^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+)$`)

var moneyRE = regexp.MustCompile(`^(?:€|EUR)?\s*(-?)([0-9][0-9.,\s]*)$`)

// ParseMoney reads a euro amount: "1250000", "1250000.50", "1.250.000,50",
// "€ 1.250.000" or "EUR 99,95". It returns cents.
func ParseMoney(s string) (int64, error) {
	m := moneyRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("%q is not a euro amount (write 1250000 or 1250000.50)", s)
	}
	digits := strings.ReplaceAll(m[2], " ", "")
	// The last separator followed by exactly one or two digits is the
	// decimal separator; every other separator groups thousands.
	whole, frac := digits, ""
	if i := strings.LastIndexAny(digits, ".,"); i >= 0 && len(digits)-i-1 <= 2 && len(digits)-i-1 > 0 {
		whole, frac = digits[:i], digits[i+1:]
	}
	if !groupedRE.MatchString(whole) {
		return 0, fmt.Errorf("%q is not a euro amount (thousands are grouped by three)", s)
	}
	whole = strings.NewReplacer(".", "", ",", "").Replace(whole)
	if whole == "" {
		whole = "0"
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > math.MaxInt64/100-1 {
		return 0, fmt.Errorf("%q is not a euro amount", s)
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	c := w*100 + f
	if m[1] == "-" {
		c = -c
	}
	return c, nil
}

// FormatMoney prints cents in euro: "€ 1.234,56" (nl) or "€1,234.56" (en);
// without cents when withCents is false and the amount is whole.
func FormatMoney(cents int64, lang string, withCents bool) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	thousands, decimal, prefix := ".", ",", "€ "
	if lang == "en" {
		thousands, decimal, prefix = ",", ".", "€"
	}
	whole := strconv.FormatInt(cents/100, 10)
	var sb strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			sb.WriteString(thousands)
		}
		sb.WriteRune(r)
	}
	out := prefix + sb.String()
	if withCents || cents%100 != 0 {
		out += fmt.Sprintf("%s%02d", decimal, cents%100)
	}
	if neg {
		out = "-" + out
	}
	return out
}

func parseNumber(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}

func formatNumber(f float64, lang string) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if lang == "nl" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

var durationRE = regexp.MustCompile(`^(\d+)\s*([[:alpha:]]+)$`)

var durationUnits = map[string]string{
	"day": "day", "days": "day", "dag": "day", "dagen": "day",
	"week": "week", "weeks": "week", "weken": "week",
	"month": "month", "months": "month", "maand": "month", "maanden": "month",
	"year": "year", "years": "year", "jaar": "year", "jaren": "year",
}

func parseDuration(s string) (int, string, error) {
	m := durationRE.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return 0, "", fmt.Errorf("%q is not a duration (write 2 months, 30 days, 1 year)", s)
	}
	unit, ok := durationUnits[m[2]]
	if !ok {
		return 0, "", fmt.Errorf("%q: unknown unit %q (days, weeks, months, years)", s, m[2])
	}
	n, _ := strconv.Atoi(m[1])
	return n, unit, nil
}

var unitNames = map[string]map[string][2]string{
	"nl": {"day": {"dag", "dagen"}, "week": {"week", "weken"}, "month": {"maand", "maanden"}, "year": {"jaar", "jaar"}},
	"en": {"day": {"day", "days"}, "week": {"week", "weeks"}, "month": {"month", "months"}, "year": {"year", "years"}},
}

// formatDuration prints a duration the way contracts do: "twee (2) maanden".
func formatDuration(n int, unit, lang string) string {
	names := unitNames[lang]
	if names == nil {
		names = unitNames["nl"]
	}
	name := names[unit][1]
	if n == 1 {
		name = names[unit][0]
	}
	if w := NumberWords(n, lang); w != "" {
		return fmt.Sprintf("%s (%d) %s", w, n, name)
	}
	return fmt.Sprintf("%d %s", n, name)
}

var (
	nlOnes = []string{"nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
		"elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"}
	nlTens = []string{"", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"}
	enOnes = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	enTens = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
)

// NumberWords spells 0–100 in words ("zevenendertig", "thirty-seven"); it
// returns "" for other numbers.
func NumberWords(n int, lang string) string {
	switch {
	case n < 0 || n > 100:
		return ""
	case n == 100 && lang == "en":
		return "one hundred"
	case n == 100:
		return "honderd"
	case lang == "en" && n < 20:
		return enOnes[n]
	case lang == "en":
		if n%10 == 0 {
			return enTens[n/10]
		}
		return enTens[n/10] + "-" + enOnes[n%10]
	case n < 20:
		return nlOnes[n]
	case n%10 == 0:
		return nlTens[n/10]
	}
	one, link := nlOnes[n%10], "en"
	if one == "één" {
		one = "een"
	}
	if strings.HasSuffix(one, "e") {
		link = "ën"
	}
	return one + link + nlTens[n/10]
}

func yesNo(b bool, lang string) string {
	switch {
	case lang == "en" && b:
		return "yes"
	case lang == "en":
		return "no"
	case b:
		return "ja"
	}
	return "nee"
}
