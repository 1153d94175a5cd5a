package agreement

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/lazy"
)

// Value is a typed variable value, parsed from a customer file, a template
// default or a config default.
type Value struct {
	Type   string          // text, date, money, number, duration, yesno
	Raw    string          // as written
	Text   string          // text: the text
	Date   time.Time       // date
	Cents  int64           // money: euro cents
	Number decimal.Decimal // number: exact
	Count  int             // duration: the count
	Unit   string          // duration: "day", "week", "month" or "year"
	Bool   bool            // yesno
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
		d, err := ParseNumber(s)
		if err != nil {
			return v, err
		}
		v.Number = d
	case "duration":
		n, unit, err := ParseDuration(s)
		if err != nil {
			return v, err
		}
		v.Count, v.Unit = n, unit
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
		return FormatNumber(v.Number, lang)
	case "duration":
		return FormatDuration(v.Count, v.Unit, lang)
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

// Bounds of typed values: a value outside them is an error, never printed.
const (
	// MaxMoneyCents bounds money values and offer totals: € 999.999.999.999,99.
	MaxMoneyCents = 99_999_999_999_999
	// MaxNumberDigits is the most digits a number may have before its
	// decimal separator; MaxNumberPlaces the most after it.
	MaxNumberDigits = 12
	MaxNumberPlaces = 4
)

// maxDuration is the longest duration per unit: a hundred years.
var maxDuration = map[string]int{"day": 36500, "week": 5200, "month": 1200, "year": 100}

var amountRE = lazy.Regexp(`^(?:€|EUR)?\s*(-?)\s*([0-9][0-9.,\s]*)$`)

var groupedRE = lazy.Regexp(`^(\d+|[1-9]\d{0,2}(\.\d{3})+|[1-9]\d{0,2}(,\d{3})+)$`)

// ParseAmount reads a euro amount with at most places decimals:
// "1250000", "1250000.50", "1.250.000,50", "€ 1.250.000", "EUR 99,95",
// "0.335". When both "." and "," occur, the last one is the decimal
// separator; a separator that occurs more than once groups thousands. A
// single separator followed by exactly three digits groups thousands when
// places is below three ("2.500" is 2500), and is refused as ambiguous
// when three decimals would be allowed, unless the whole part is 0
// ("0.335"). The amount is exact; its sign is kept.
func ParseAmount(s string, places int32) (decimal.Decimal, error) {
	m := amountRE().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return decimal.Decimal{}, fmt.Errorf("%q is not a euro amount (write 1250000 or 1250000.50)", s)
	}
	digits := strings.Join(strings.Fields(m[2]), "")
	whole, frac, err := splitDecimal(digits, places)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is not a euro amount: %v", s, err)
	}
	if !groupedRE().MatchString(whole) {
		return decimal.Decimal{}, fmt.Errorf("%q is not a euro amount (thousands are grouped by three)", s)
	}
	whole = strings.NewReplacer(".", "", ",", "").Replace(whole)
	if len(strings.TrimLeft(whole, "0")) > MaxNumberDigits {
		return decimal.Decimal{}, fmt.Errorf("%q is too large (at most %d digits before the decimal separator)", s, MaxNumberDigits)
	}
	d, err := decimal.NewFromString(m[1] + whole + "." + frac + "0")
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is not a euro amount", s)
	}
	return d, nil
}

// splitDecimal splits digits with separators into the whole part (still
// grouped) and the decimals, by the rules of ParseAmount.
func splitDecimal(digits string, places int32) (whole, frac string, err error) {
	dots, commas := strings.Count(digits, "."), strings.Count(digits, ",")
	last := strings.LastIndexAny(digits, ".,")
	switch {
	case last < 0:
		return digits, "", nil
	case dots > 0 && commas > 0:
		if strings.Count(digits, digits[last:last+1]) > 1 {
			return "", "", errors.New("the decimal separator occurs more than once")
		}
	case dots+commas > 1:
		return digits, "", nil // only thousands
	case len(digits)-last-1 == 3 && digits[:last] != "0" && places < 3:
		return digits, "", nil
	case len(digits)-last-1 == 3 && digits[:last] != "0":
		return "", "", fmt.Errorf("ambiguous: write %s%s for thousands or %s0 for a decimal amount",
			digits[:last], digits[last+1:], digits)
	}
	whole, frac = digits[:last], digits[last+1:]
	if frac == "" || strings.ContainsAny(frac, ".,") {
		return "", "", errors.New("no digits after the decimal separator")
	}
	if len(frac) > int(places) {
		return "", "", fmt.Errorf("more than %d decimals", places)
	}
	if whole == "" {
		whole = "0"
	}
	return whole, frac, nil
}

// ParseMoney reads a money value — a liability cap, a fee — as euro
// cents: at most two decimals, not negative, at most € 999.999.999.999,99.
func ParseMoney(s string) (int64, error) {
	d, err := ParseAmount(s, 2)
	if err != nil {
		return 0, err
	}
	if d.Sign() < 0 {
		return 0, fmt.Errorf("%q is negative: an amount here cannot be", s)
	}
	c := d.Shift(2)
	if c.GreaterThan(decimal.NewFromInt(MaxMoneyCents)) {
		return 0, fmt.Errorf("%q is too large (at most € 999.999.999.999,99)", s)
	}
	return c.IntPart(), nil
}

// FormatMoney prints cents in euro: "€ 1.234,56" (nl) or "€1,234.56" (en);
// without cents when withCents is false and the amount is whole.
func FormatMoney(cents int64, lang string, withCents bool) string {
	places := int32(2)
	if !withCents && cents%100 == 0 {
		places = 0
	}
	return FormatAmount(decimal.New(cents, -2), lang, places)
}

// FormatAmount prints an exact euro amount with at least minPlaces
// decimals and as many more as it has: "€ 1.234,56", "€ 0,335" (nl),
// "€1,234.56" (en), "-€ 50,00".
func FormatAmount(d decimal.Decimal, lang string, minPlaces int32) string {
	prefix := "€ "
	if lang == "en" {
		prefix = "€"
	}
	s := formatDecimal(d.Abs(), lang, minPlaces, true)
	if d.Sign() < 0 {
		return "-" + prefix + s
	}
	return prefix + s
}

// formatDecimal prints a non-negative decimal with the language's
// separators, at least minPlaces decimals, thousands grouped when group.
func formatDecimal(d decimal.Decimal, lang string, minPlaces int32, group bool) string {
	thousands, sep := ".", ","
	if lang == "en" {
		thousands, sep = ",", "."
	}
	places := max(minPlaces, -d.Exponent())
	s := d.StringFixed(places)
	whole, frac, _ := strings.Cut(s, ".")
	if places > minPlaces {
		frac = strings.TrimRight(frac, "0")
		for int32(len(frac)) < minPlaces {
			frac += "0"
		}
	}
	var sb strings.Builder
	for i, r := range whole {
		if group && i > 0 && (len(whole)-i)%3 == 0 {
			sb.WriteString(thousands)
		}
		sb.WriteRune(r)
	}
	if frac != "" {
		sb.WriteString(sep + frac)
	}
	return sb.String()
}

var numberRE = lazy.Regexp(`^\d+(?:[.,]\d+)?$`)

// ParseNumber reads a non-negative decimal number without thousands
// separators: "12", "1.5", "1,5". At most MaxNumberDigits digits before
// the separator and MaxNumberPlaces after it; a separator followed by
// exactly three digits is refused as ambiguous ("1.500"), unless the whole
// part is 0. NaN, infinities and exponents are not numbers here.
func ParseNumber(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "-") && numberRE().MatchString(s[1:]) {
		return decimal.Decimal{}, fmt.Errorf("%q is negative: a number here cannot be", s)
	}
	if !numberRE().MatchString(s) {
		return decimal.Decimal{}, fmt.Errorf("%q is not a number (write 12 or 1,5)", s)
	}
	whole, frac, err := splitDecimal(s, MaxNumberPlaces)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q: %v", s, err)
	}
	if len(strings.TrimLeft(whole, "0")) > MaxNumberDigits {
		return decimal.Decimal{}, fmt.Errorf("%q is too large (at most %d digits before the decimal separator)", s, MaxNumberDigits)
	}
	d, err := decimal.NewFromString(whole + "." + frac + "0")
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is not a number", s)
	}
	return d, nil
}

// FormatNumber prints a number as written in the language, without
// trailing zeros: "1,5" (nl), "1.5" (en), "12".
func FormatNumber(d decimal.Decimal, lang string) string {
	return formatDecimal(d.Abs(), lang, 0, false)
}

var durationRE = lazy.Regexp(`^(\d+)\s*([[:alpha:]]+)$`)

var durationUnits = map[string]string{
	"day": "day", "days": "day", "dag": "day", "dagen": "day",
	"week": "week", "weeks": "week", "weken": "week",
	"month": "month", "months": "month", "maand": "month", "maanden": "month",
	"year": "year", "years": "year", "jaar": "year", "jaren": "year",
}

// ParseDuration reads a duration, "2 months", "30 dagen", "1 jaar": a
// count from 0 up to a hundred years in its unit.
func ParseDuration(s string) (int, string, error) {
	m := durationRE().FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return 0, "", fmt.Errorf("%q is not a duration (write 2 months, 30 days, 1 year)", s)
	}
	unit, ok := durationUnits[m[2]]
	if !ok {
		return 0, "", fmt.Errorf("%q: unknown unit %q (days, weeks, months, years)", s, m[2])
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n > maxDuration[unit] {
		return 0, "", fmt.Errorf("%q is too long (at most %d %ss: a hundred years)", s, maxDuration[unit], unit)
	}
	return n, unit, nil
}

var unitNames = map[string]map[string][2]string{
	"nl": {"day": {"dag", "dagen"}, "week": {"week", "weken"}, "month": {"maand", "maanden"}, "year": {"jaar", "jaar"}},
	"en": {"day": {"day", "days"}, "week": {"week", "weeks"}, "month": {"month", "months"}, "year": {"year", "years"}},
}

// FormatDuration prints a duration the way contracts do: "twee (2) maanden".
func FormatDuration(n int, unit, lang string) string {
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
