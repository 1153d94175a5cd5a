package offer

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
)

// Bounds of a line item. A quantity above MaxQuantity or a unit price
// beyond MaxUnitPrice is a typing error, not an order.
var (
	MaxQuantity  = decimal.NewFromInt(1_000_000)
	MaxUnitPrice = decimal.NewFromInt(1_000_000_000)
	maxTotal     = decimal.New(agreement.MaxMoneyCents, -2)
	hundred      = decimal.NewFromInt(100)
)

// Period is how often a line is charged.
type Period int

// The periods, in the order an offer lists them.
const (
	Once Period = iota
	Month
	Quarter
	Year
)

// periodWords are the words a line item's period may be written as.
var periodWords = map[string]Period{
	"eenmalig": Once, "once": Once, "one-off": Once,
	"maand": Month, "per maand": Month, "maandelijks": Month, "month": Month, "per month": Month, "monthly": Month,
	"kwartaal": Quarter, "per kwartaal": Quarter, "quarter": Quarter, "per quarter": Quarter, "quarterly": Quarter,
	"jaar": Year, "per jaar": Year, "jaarlijks": Year, "year": Year, "per year": Year, "yearly": Year, "annually": Year,
}

// Rate is a VAT rate: a percentage, or reverse-charged ("btw verlegd").
type Rate struct {
	Percent decimal.Decimal
	Reverse bool
}

// ParseRate reads a VAT rate: "21", "9", "0", "5.5", or "verlegd" /
// "reverse charge" for VAT reverse-charged to the customer.
func ParseRate(s string) (Rate, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "verlegd", "btw verlegd", "reverse charge", "reverse-charge":
		return Rate{Reverse: true}, nil
	}
	p, err := agreement.ParseNumber(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if err != nil || p.GreaterThan(hundred) || -p.Exponent() > 2 {
		return Rate{}, fmt.Errorf("VAT rate %q: write a percentage from 0 to 100 (21, 9, 0) or verlegd", s)
	}
	return Rate{Percent: p}, nil
}

// Line is one priced line of an offer.
type Line struct {
	Service     string
	Description string
	Quantity    decimal.Decimal
	Unit        string // the unit for this quantity: singular for exactly 1
	UnitPrice   decimal.Decimal
	Period      Period
	Rate        Rate
	Amount      decimal.Decimal // quantity × unit price, rounded to the cent
}

// VAT is the VAT of one rate within a period: the base is the sum of the
// lines at that rate, the VAT that base times the rate, rounded to the cent.
type VAT struct {
	Rate Rate
	Base decimal.Decimal
	VAT  decimal.Decimal
}

// Total is what is charged per period: once, per month, per quarter or
// per year.
type Total struct {
	Period   Period
	Subtotal decimal.Decimal // excl. VAT
	VAT      []VAT           // highest rate first, reverse charge last
	VATTotal decimal.Decimal
	Total    decimal.Decimal // incl. VAT
}

// Price prices a customer's line items. Each line amount is quantity ×
// unit price rounded half away from zero to the cent; per period, the VAT
// of each rate is computed on the sum of that rate's line amounts and
// rounded the same way. defaultVAT is the rate of lines that give none.
// Every bad line item is reported with the customer file and its line.
func Price(c *agreement.Customer, defaultVAT string) ([]Line, []Total, error) {
	if len(c.LineItems) == 0 {
		return nil, nil, &clauses.Error{File: c.File, Line: c.Line("line_items"), Msg: "the customer has no line_items to offer"}
	}
	def, err := ParseRate(defaultVAT)
	if err != nil {
		return nil, nil, &clauses.Error{File: clauses.ConfigFile, Msg: "vat_percent: " + err.Error()}
	}
	var lines []Line
	var errs []error
	for i, li := range c.LineItems {
		l, err := priceLine(li, def)
		if err != nil {
			line := li.Line
			if line == 0 {
				line = c.Line("line_items")
			}
			errs = append(errs, &clauses.Error{File: c.File, Line: line, Msg: fmt.Sprintf("line item %d: %v", i+1, err)})
			continue
		}
		lines = append(lines, l)
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	totals := totalsOf(lines)
	for _, t := range totals {
		if t.Subtotal.Sign() < 0 {
			return nil, nil, &clauses.Error{File: c.File, Line: c.Line("line_items"), Msg: fmt.Sprintf("the %s lines add up to %s: discounts cannot exceed what they discount", periodKey(t.Period), t.Subtotal.StringFixed(2))}
		}
		if t.Total.GreaterThan(maxTotal) {
			return nil, nil, &clauses.Error{File: c.File, Line: c.Line("line_items"), Msg: fmt.Sprintf("the %s total is above € 999.999.999.999,99", periodKey(t.Period))}
		}
	}
	return lines, totals, nil
}

func periodKey(p Period) string { return [...]string{"one-off", "monthly", "quarterly", "yearly"}[p] }

func priceLine(li agreement.LineItem, def Rate) (Line, error) {
	l := Line{Service: strings.TrimSpace(li.Service), Description: strings.TrimSpace(li.Description), Rate: def}
	if l.Service == "" {
		return l, errors.New("service is required")
	}
	if strings.TrimSpace(li.Quantity) == "" {
		return l, errors.New("quantity is required")
	}
	q, err := agreement.ParseNumber(li.Quantity)
	if err != nil {
		return l, fmt.Errorf("quantity: %v", err)
	}
	if q.Sign() <= 0 || q.GreaterThan(MaxQuantity) {
		return l, fmt.Errorf("quantity %s: it must be above 0 and at most 1000000", li.Quantity)
	}
	l.Quantity = q
	unit := strings.TrimSpace(li.Unit)
	if unit == "" {
		return l, errors.New("unit is required: what the quantity counts (gebruiker/gebruikers, uur, maand/maanden)")
	}
	one, many, ok := strings.Cut(unit, "/")
	if !ok {
		many = one
	}
	one, many = strings.TrimSpace(one), strings.TrimSpace(many)
	if one == "" || many == "" || strings.Contains(many, "/") {
		return l, fmt.Errorf("unit %q: write one word, or singular/plural", unit)
	}
	l.Unit = many
	if q.Equal(decimal.NewFromInt(1)) {
		l.Unit = one
	}
	if strings.TrimSpace(li.UnitPrice) == "" {
		return l, errors.New("unit_price is required")
	}
	p, err := agreement.ParseAmount(li.UnitPrice, 4)
	if err != nil {
		return l, fmt.Errorf("unit_price: %v", err)
	}
	if p.Abs().GreaterThanOrEqual(MaxUnitPrice) {
		return l, fmt.Errorf("unit_price %s: at most € 999.999.999,9999", li.UnitPrice)
	}
	l.UnitPrice = p
	period, ok := periodWords[strings.ToLower(strings.Join(strings.Fields(li.Period), " "))]
	if !ok {
		return l, fmt.Errorf("period %q: write eenmalig, maand, kwartaal or jaar (once, month, quarter, year)", li.Period)
	}
	l.Period = period
	if strings.TrimSpace(li.VAT) != "" {
		if l.Rate, err = ParseRate(li.VAT); err != nil {
			return l, err
		}
	}
	l.Amount = q.Mul(p).Round(2)
	return l, nil
}

// totalsOf sums lines per period, in period order; periods without lines
// are left out.
func totalsOf(lines []Line) []Total {
	var out []Total
	for p := Once; p <= Year; p++ {
		t := Total{Period: p}
		var rates []Rate
		bases := map[string]decimal.Decimal{}
		n := 0
		for _, l := range lines {
			if l.Period != p {
				continue
			}
			n++
			t.Subtotal = t.Subtotal.Add(l.Amount)
			k := rateKey(l.Rate)
			if _, ok := bases[k]; !ok {
				rates = append(rates, l.Rate)
			}
			bases[k] = bases[k].Add(l.Amount)
		}
		if n == 0 {
			continue
		}
		slices.SortFunc(rates, func(a, b Rate) int {
			if a.Reverse != b.Reverse {
				if a.Reverse {
					return 1
				}
				return -1
			}
			return b.Percent.Cmp(a.Percent)
		})
		for _, r := range rates {
			v := VAT{Rate: r, Base: bases[rateKey(r)]}
			if !r.Reverse {
				v.VAT = v.Base.Mul(r.Percent).Shift(-2).Round(2)
			}
			t.VAT = append(t.VAT, v)
			t.VATTotal = t.VATTotal.Add(v.VAT)
		}
		t.Total = t.Subtotal.Add(t.VATTotal)
		out = append(out, t)
	}
	return out
}

func rateKey(r Rate) string {
	if r.Reverse {
		return "reverse"
	}
	return r.Percent.String()
}
