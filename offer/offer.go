// Package offer decides what an offer says: the customer's line items
// priced exactly (decimal, never float), totals per period and VAT rate,
// the validity and whether the offer is binding, when the agreement starts,
// its term, renewal and notice period, the payment term and the supplier's
// bank account — each statement from the store's configuration with the
// number of the clause of the terms it comes from. Package render lays the
// result out; this package holds no layout.
package offer

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
)

// Offer is the content of one offer, every value checked and resolved.
type Offer struct {
	Document   *agreement.Agreement // the customer's agreement: parties, language, terms version
	Number     string
	Date       time.Time
	ValidUntil time.Time
	NonBinding bool   // the terms make offers non-binding ("vrijblijvend")
	OfferRef   string // the printed number of the clause on offers; "" when the store names none
	Lines      []Line
	Totals     []Total
	Start      Statement  // when the agreement starts; Text is empty when the store says nothing
	Payment    Statement  // the payment term; Text is empty when the store says nothing
	Contracts  []Contract // term, renewal and notice, for the services the customer buys
	IBAN       string     // grouped by four; empty when the store gives none
	Contact    clauses.Person
}

// Statement is a statement of an offer and the printed number of the
// clause it comes from ("" when none): "3.1", or "Hoofdstuk B|2 a" for an
// article of a labelled part.
type Statement struct {
	Text string
	Ref  string
}

// Contract is the term of the agreement for some of the services.
type Contract struct {
	Services []string // service names; empty: all services
	Term     string   // "twaalf (12) maanden"
	Renewal  string   // empty: no renewal
	Notice   string   // empty: none stated
	Ref      string
}

// Date returns the offer's date from the customer file.
func Date(c *agreement.Customer) (time.Time, error) {
	if strings.TrimSpace(c.Offer.Number) == "" {
		return time.Time{}, &clauses.Error{File: c.File, Line: c.Line("offer"), Msg: "offer.number is required for an offer"}
	}
	if c.Offer.Date == "" {
		return time.Time{}, &clauses.Error{File: c.File, Line: c.Line("offer"), Msg: "offer.date is required for an offer"}
	}
	return parseDate(c, "offer.date", c.Offer.Date)
}

func parseDate(c *agreement.Customer, key, s string) (time.Time, error) {
	v, err := agreement.ParseValue("date", s)
	if err != nil {
		return time.Time{}, &clauses.Error{File: c.File, Line: c.Line("offer"), Msg: fmt.Sprintf("%s: %v", key, err)}
	}
	return v.Date, nil
}

// Build makes the offer for the customer of doc: cfg is the configuration
// of the terms version doc was assembled from, tmpl its template (for
// variable defaults). Errors name the customer file or termsmith.yaml and
// the line.
func Build(doc *agreement.Agreement, cfg clauses.Config, tmpl *agreement.Template) (*Offer, error) {
	if doc == nil || doc.Customer == nil {
		return nil, errors.New("an offer needs a customer's document")
	}
	c := doc.Customer
	date, err := Date(c)
	if err != nil {
		return nil, err
	}
	lines, totals, err := Price(c, cfg.VATPercent)
	if err != nil {
		return nil, err
	}
	o := &Offer{
		Document: doc, Number: c.Offer.Number, Date: date,
		ValidUntil: date.AddDate(0, 0, cfg.OfferValidityDays),
		NonBinding: cfg.Offer.NonBinding, Lines: lines, Totals: totals, Contact: cfg.Offer.Contact,
	}
	oc := cfg.Offer
	lang := doc.Language
	var errs []error
	fail := func(key string, err error) {
		errs = append(errs, &clauses.Error{File: clauses.ConfigFile, Line: oc.Line, Msg: fmt.Sprintf("offer.%s: %v", key, err)})
	}
	ref := func(key, id string) string {
		r, err := clauseRef(doc, id)
		if err != nil {
			fail(key, err)
		}
		return r
	}
	o.OfferRef = ref("clause", oc.Clause)

	if c.Offer.Start != "" {
		start, err := parseDate(c, "offer.start", c.Offer.Start)
		if err != nil {
			return nil, err
		}
		if start.Before(date) {
			return nil, &clauses.Error{File: c.File, Line: c.Line("offer"), Msg: fmt.Sprintf("offer.start %s is before the offer's date %s", c.Offer.Start, c.Offer.Date)}
		}
		o.Start = Statement{Text: agreement.FormatDate(start, lang)}
	} else {
		o.Start = Statement{Text: strings.TrimSpace(oc.Start.Text), Ref: ref("start.clause", oc.Start.Clause)}
	}

	env, err := agreement.NewEnv(cfg, tmpl, c)
	if err != nil {
		return nil, err
	}
	duration := func(key, s string) string {
		if s == "" {
			return ""
		}
		text, err := durationText(env, s, lang)
		if err != nil {
			fail(key, err)
		}
		return text
	}
	o.Payment = Statement{Text: duration("payment.term", oc.Payment.Term), Ref: ref("payment.clause", oc.Payment.Clause)}

	names := map[string]string{}
	for _, s := range cfg.Services {
		names[s.ID] = s.Name
	}
	for i, ct := range oc.Contracts {
		key := fmt.Sprintf("contracts[%d]", i)
		var covered []string
		for _, s := range ct.Services {
			if _, ok := names[s]; !ok {
				fail(key+".services", fmt.Errorf("%q is not a service of %s", s, clauses.ConfigFile))
			}
			if slices.Contains(c.Services, s) {
				covered = append(covered, names[s])
			}
		}
		if len(ct.Services) > 0 && len(covered) == 0 {
			continue
		}
		if ct.Term == "" {
			fail(key+".term", errors.New("a contract needs its term"))
		}
		o.Contracts = append(o.Contracts, Contract{
			Services: covered,
			Term:     duration(key+".term", ct.Term),
			Renewal:  duration(key+".renewal", ct.Renewal),
			Notice:   duration(key+".notice", ct.Notice),
			Ref:      ref(key+".clause", ct.Clause),
		})
	}
	if oc.IBAN != "" {
		if o.IBAN, err = FormatIBAN(oc.IBAN); err != nil {
			fail("iban", err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return o, nil
}

// durationText prints a duration written in the configuration, or the
// customer's value of a duration variable written as {{name}}.
func durationText(env *agreement.Env, s, lang string) (string, error) {
	if name, ok := strings.CutPrefix(s, "{{"); ok {
		name, ok = strings.CutSuffix(name, "}}")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return "", fmt.Errorf("%q: write a duration (14 days) or a variable ({{betalingstermijn}})", s)
		}
		v, ok := env.Value(name)
		if !ok {
			return "", fmt.Errorf("variable %q has no value for this customer", name)
		}
		if v.Type != "duration" {
			return "", fmt.Errorf("variable %q is a %s, not a duration", name, v.Type)
		}
		return v.Format(lang), nil
	}
	v, err := agreement.ParseValue("duration", s)
	if err != nil {
		return "", err
	}
	return v.Format(lang), nil
}

// clauseRef returns how a reference to the clause or labelled sub-clause
// id prints in the customer's document; "" for no id. In a part with a
// label ("Hoofdstuk B", "Bijlage 1") whose numbers restart, the label is
// what tells the articles apart: the reference is "label|number", which
// the layout prints as "Hoofdstuk B, artikel 2 a".
func clauseRef(doc *agreement.Agreement, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	var found *agreement.Block
	label := ""
	for _, p := range doc.Parts {
		agreement.Walk(p.Blocks, func(b *agreement.Block) {
			if found == nil && b.ID == id {
				found, label = b, p.Label
			}
		})
	}
	switch {
	case found == nil:
		return "", fmt.Errorf("clause %q is not in this customer's agreement", id)
	case found.NotApplicable:
		return "", fmt.Errorf("clause %q does not apply to this customer", id)
	case found.Ref == "":
		return "", fmt.Errorf("clause %q has no number to refer to", id)
	case label != "":
		return label + "|" + found.Ref, nil
	}
	return found.Ref, nil
}

// FormatIBAN checks an IBAN (country, length, ISO 7064 mod 97-10 check
// digits) and prints it in groups of four: "NL91 ABNA 0417 1643 00".
func FormatIBAN(s string) (string, error) {
	iban := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(iban) < 15 || len(iban) > 34 {
		return "", fmt.Errorf("IBAN %q: an IBAN has 15 to 34 characters", s)
	}
	for i, r := range iban {
		letter, digit := r >= 'A' && r <= 'Z', r >= '0' && r <= '9'
		if (i < 2 && !letter) || (i >= 2 && i < 4 && !digit) || (!letter && !digit) {
			return "", fmt.Errorf("IBAN %q: two letters, two check digits, then letters and digits", s)
		}
	}
	rem := 0
	for _, r := range iban[4:] + iban[:4] {
		if r >= 'A' {
			rem = (rem*100 + int(r-'A'+10)) % 97
		} else {
			rem = (rem*10 + int(r-'0')) % 97
		}
	}
	if rem != 1 {
		return "", fmt.Errorf("IBAN %q: the check digits do not match (a typing error?)", s)
	}
	var sb strings.Builder
	for i, r := range iban {
		if i > 0 && i%4 == 0 {
			sb.WriteByte(' ')
		}
		sb.WriteRune(r)
	}
	return sb.String(), nil
}
