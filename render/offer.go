package render

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/layout"
	"github.com/termsmith/termsmith/templates"
)

// Offer is what an offer PDF is made from.
type Offer struct {
	// Document is the customer's assembled agreement: it gives the parties,
	// the language, the terms version that applies and, with AttachTerms,
	// the annex.
	Document     *templates.Document
	VATPercent   float64 // from the store configuration, e.g. 21
	ValidityDays int     // from the store configuration, e.g. 30
	AttachTerms  bool    // attach the full terms as an annex
}

// OfferLine is one priced line of an offer.
type OfferLine struct {
	Service   string
	Quantity  float64
	UnitCents int64
	Period    string
	Cents     int64 // quantity × unit price, rounded to the cent
}

// OfferTotals are an offer's lines and sums, in euro cents.
type OfferTotals struct {
	Lines    []OfferLine
	Subtotal int64 // excl. VAT
	VAT      int64
	Total    int64
}

// Totals prices a customer's line items: each line rounded to the cent,
// VAT on the subtotal rounded half away from zero.
func Totals(c *templates.Customer, vatPercent float64) (OfferTotals, error) {
	var t OfferTotals
	if len(c.LineItems) == 0 {
		return t, &clauses.Error{File: c.File, Line: c.Line("line_items"), Msg: "the customer has no line_items to offer"}
	}
	for i, li := range c.LineItems {
		unit, err := templates.ParseMoney(li.UnitPrice)
		if err != nil {
			return t, &clauses.Error{File: c.File, Line: c.Line("line_items"), Msg: fmt.Sprintf("line item %d: unit_price: %v", i+1, err)}
		}
		cents := int64(math.Round(li.Quantity * float64(unit)))
		t.Lines = append(t.Lines, OfferLine{Service: li.Service, Quantity: li.Quantity, UnitCents: unit, Period: li.Period, Cents: cents})
		t.Subtotal += cents
	}
	t.VAT = int64(math.Round(float64(t.Subtotal) * vatPercent / 100))
	t.Total = t.Subtotal + t.VAT
	return t, nil
}

// OfferDate returns the offer's date from the customer file.
func OfferDate(c *templates.Customer) (time.Time, error) {
	if strings.TrimSpace(c.Offer.Number) == "" {
		return time.Time{}, &clauses.Error{File: c.File, Line: c.Line("offer"), Msg: "offer.number is required for an offer"}
	}
	if c.Offer.Date == "" {
		return time.Time{}, &clauses.Error{File: c.File, Line: c.Line("offer"), Msg: "offer.date is required for an offer"}
	}
	d, err := time.Parse(time.DateOnly, c.Offer.Date)
	if err != nil {
		return time.Time{}, &clauses.Error{File: c.File, Line: c.Line("offer"), Msg: fmt.Sprintf("offer.date %q: use YYYY-MM-DD", c.Offer.Date)}
	}
	return d, nil
}

// formatNumber prints a quantity or percentage: "12", "1,5" (nl), "1.5" (en).
func formatNumber(f float64, lang string) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if lang != "en" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// OfferPDF renders an offer: number, date and validity, the parties, the
// line items with subtotal, VAT and total, the terms version that applies
// (attached in full with AttachTerms) and an acceptance block to sign.
func OfferPDF(o Offer) ([]byte, error) {
	doc := o.Document
	if doc == nil || doc.Customer == nil {
		return nil, errors.New("an offer needs a customer's document")
	}
	c := doc.Customer
	date, err := OfferDate(c)
	if err != nil {
		return nil, err
	}
	totals, err := Totals(c, o.VATPercent)
	if err != nil {
		return nil, err
	}
	lang := doc.Language
	l := labelsFor(lang)
	money := func(cents int64) string { return templates.FormatMoney(cents, lang, true) }
	number := c.Offer.Number
	f := layout.NewFlow(layout.Options{
		Title:    l.Offer + " " + number + " — " + c.LegalName,
		Author:   doc.Supplier.LegalName,
		Subject:  l.Offer + " " + number,
		Keywords: []string{c.ID, number},
		Date:     date,
		Header:   l.Offer + " " + number,
		HeaderRight: func() string {
			if doc.Supplier.TradeName != "" {
				return doc.Supplier.TradeName
			}
			return doc.Supplier.LegalName
		}(),
		Footer:    c.LegalName + " · " + l.Offer + " " + number,
		PageLabel: l.PageOf,
		Lang:      lang,
	})
	f.Heading(1, layout.Run{Text: l.Offer})
	f.Table(layout.Table{Rows: [][][]layout.Run{
		{{{Text: l.OfferNumber, Color: layout.Gray}}, {{Text: number, Bold: true}}},
		{{{Text: l.OfferDate, Color: layout.Gray}}, {{Text: templates.FormatDate(date, lang)}}},
		{{{Text: l.ValidUntil, Color: layout.Gray}}, {{Text: templates.FormatDate(date.AddDate(0, 0, o.ValidityDays), lang)}}},
	}, Columns: []layout.Column{{Width: 1}, {Width: 3}}})
	f.Space(6)

	parties := [][][]layout.Run{{{{Text: l.Supplier, Color: layout.Gray}}, {{Text: l.Customer, Color: layout.Gray}}}}
	for i, r := range partyRows(doc, l) {
		parties = append(parties, [][]layout.Run{{{Text: r[0], Bold: i == 0}}, {{Text: r[1], Bold: i == 0}}})
	}
	parties = append(parties, [][]layout.Run{{{Text: kv(l.Email, doc.Supplier.Email)}}, {{Text: l.Attention + " " + c.Contact.Name}}})
	f.Table(layout.Table{Rows: parties, Columns: []layout.Column{{Width: 1}, {Width: 1}}})
	f.Space(6)

	rows := [][][]layout.Run{{{{Text: l.Service}}, {{Text: l.Quantity}}, {{Text: l.UnitPrice}}, {{Text: l.Period}}, {{Text: l.Amount}}}}
	for _, li := range totals.Lines {
		rows = append(rows, [][]layout.Run{{{Text: li.Service}}, {{Text: formatNumber(li.Quantity, lang)}}, {{Text: money(li.UnitCents)}}, {{Text: li.Period}}, {{Text: money(li.Cents)}}})
	}
	f.Table(layout.Table{Rows: rows, Header: true, Borders: true, Columns: []layout.Column{{}, {Align: layout.AlignRight}, {Align: layout.AlignRight}, {}, {Align: layout.AlignRight}}})
	f.Space(2)
	f.Table(layout.Table{Indent: f.Width() * 0.45, Columns: []layout.Column{{Width: 1.4}, {Width: 1, Align: layout.AlignRight}}, Rows: [][][]layout.Run{
		{{{Text: l.Subtotal}}, {{Text: money(totals.Subtotal)}}},
		{{{Text: fmt.Sprintf(l.VAT, formatNumber(o.VATPercent, lang))}}, {{Text: money(totals.VAT)}}},
		{{{Text: l.Total, Bold: true}}, {{Text: money(totals.Total), Bold: true}}},
	}})
	f.Space(6)

	version, detail := doc.Version, l.WorkingTree
	if version == "" {
		version = WorkingVersion
	} else if !doc.Effective.IsZero() {
		detail = l.Effective + " " + templates.FormatDate(doc.Effective, lang)
	}
	terms := fmt.Sprintf(l.TermsApply, doc.Title, version, detail)
	if o.AttachTerms {
		terms += " " + l.TermsAttached
	}
	f.Paragraph(layout.Para{Runs: []layout.Run{{Text: terms}}})
	f.Space(4)
	f.Keep(func() {
		f.Heading(3, layout.Run{Text: l.Acceptance})
		f.Paragraph(layout.Para{Runs: []layout.Run{{Text: fmt.Sprintf(l.AcceptText, c.LegalName)}}})
		f.Space(4)
		f.Box(0, func(cv *layout.Canvas) {
			signatureBlock(cv, 0, (cv.Width-10)/2, l, l.Customer, c.LegalName, c.Signatory, customerPlace(c))
		})
	})

	if o.AttachTerms {
		body := newBodyWriter(f, lang)
		for i, p := range doc.Parts {
			f.PageBreak()
			if i == 0 {
				f.Paragraph(layout.Para{Runs: []layout.Run{{Text: l.Annex + " — " + doc.Title + ", " + strings.ToLower(l.Version) + " " + versionText(doc, l), Color: layout.Gray}}, Size: 9, KeepWithNext: true})
				f.Space(2)
			}
			body.part(p, nil)
		}
	}
	return f.PDF()
}
