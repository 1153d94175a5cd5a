package render

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/internal/i18n"
	"github.com/termsmith/termsmith/layout"
	"github.com/termsmith/termsmith/offer"
)

// offerWords are the fixed words of an offer beyond the shared labels.
type offerWords struct {
	Periods       [4]string // heading per period: once, month, quarter, year
	TotalPeriod   [4]string // total incl. VAT per period
	VATRate       string    // VAT column header
	VATOn         string    // with %s for the rate and %s for the base
	VATReverse    string    // with %s for the base
	Reverse       string    // the rate column for reverse-charged VAT
	Conditions    string
	Validity      string
	NonBinding    string // with %s for the date
	Binding       string // with %s for the date
	Start         string
	Term          string
	TermText      string // with %s for the term
	Renewal       string // with %s for the renewal
	Notice        string // with %s for the notice period
	Payment       string
	PaymentText   string // with %s for the term
	Bank          string
	BankText      string // with %s for the IBAN and %s for the holder
	Prices        string
	PricesText    string
	Contact       string
	Article       string // "artikel %s"
	TermsOnFile   string
	WithoutTerms  string
	ServicesTitle string
}

var offerTable = map[string]*offerWords{
	"nl": {
		Periods:       [4]string{"Eenmalig", "Per maand", "Per kwartaal", "Per jaar"},
		TotalPeriod:   [4]string{"Totaal eenmalig incl. btw", "Totaal per maand incl. btw", "Totaal per kwartaal incl. btw", "Totaal per jaar incl. btw"},
		VATRate:       "Btw",
		VATOn:         "Btw %s over %s",
		VATReverse:    "Btw verlegd over %s",
		Reverse:       "verlegd",
		Conditions:    "Voorwaarden van deze offerte",
		Validity:      "Geldigheid",
		NonBinding:    "Deze offerte is vrijblijvend en geldig tot en met %s.",
		Binding:       "Deze offerte is geldig tot en met %s.",
		Start:         "Aanvang",
		Term:          "Looptijd",
		TermText:      "%s",
		Renewal:       ", daarna telkens stilzwijgend verlengd met %s",
		Notice:        "; opzegtermijn %s",
		Payment:       "Betaling",
		PaymentText:   "binnen %s na factuurdatum",
		Bank:          "Bankrekening",
		BankText:      "IBAN %s ten name van %s",
		Prices:        "Prijzen",
		PricesText:    "in euro, exclusief btw tenzij anders vermeld",
		Contact:       "Contactpersoon",
		Article:       "artikel %s",
		TermsOnFile:   "De volledige tekst is als bijlage bij deze offerte gevoegd.",
		WithoutTerms:  "U ontvangt de volledige tekst op verzoek kosteloos.",
		ServicesTitle: "Diensten en prijzen",
	},
	"en": {
		Periods:       [4]string{"One-off", "Per month", "Per quarter", "Per year"},
		TotalPeriod:   [4]string{"One-off total incl. VAT", "Total per month incl. VAT", "Total per quarter incl. VAT", "Total per year incl. VAT"},
		VATRate:       "VAT",
		VATOn:         "VAT %s on %s",
		VATReverse:    "VAT reverse-charged on %s",
		Reverse:       "reverse-charged",
		Conditions:    "Conditions of this offer",
		Validity:      "Validity",
		NonBinding:    "This offer is without obligation and valid until %s inclusive.",
		Binding:       "This offer is valid until %s inclusive.",
		Start:         "Start",
		Term:          "Term",
		TermText:      "%s",
		Renewal:       ", then renewed tacitly for %s at a time",
		Notice:        "; notice period %s",
		Payment:       "Payment",
		PaymentText:   "within %s of the invoice date",
		Bank:          "Bank account",
		BankText:      "IBAN %s in the name of %s",
		Prices:        "Prices",
		PricesText:    "in euro, excluding VAT unless stated otherwise",
		Contact:       "Contact",
		Article:       "article %s",
		TermsOnFile:   "The full text is attached to this offer.",
		WithoutTerms:  "You will receive the full text free of charge on request.",
		ServicesTitle: "Services and prices",
	},
}

// offerWordsFor returns the words of an offer in a language, Dutch when
// it is unknown.
func offerWordsFor(lang string) *offerWords { return i18n.Pick(offerTable, lang) }

// OfferPDF lays out an offer: number, date and validity, the parties, the
// line items per period with their totals and VAT per rate, the
// conditions (validity, start, term, payment, bank account, contact), the
// terms version that applies — enclosed in full with attachTerms — and an
// acceptance block for the customer to sign.
func OfferPDF(o *offer.Offer, attachTerms bool) ([]byte, error) {
	doc := o.Document
	if err := printable(doc); err != nil {
		return nil, err
	}
	ow := &offerWriter{o: o, doc: doc, lang: doc.Language, l: labelsFor(doc.Language), w: offerWordsFor(doc.Language)}
	supplierName := doc.Supplier.LegalName
	if doc.Supplier.TradeName != "" {
		supplierName = doc.Supplier.TradeName
	}
	title, c := ow.l.Offer+" "+o.Number, doc.Customer
	ow.f = layout.NewFlow(layout.Options{
		Title:       title + " — " + c.LegalName,
		Author:      doc.Supplier.LegalName,
		Subject:     title,
		Keywords:    []string{c.ID, o.Number},
		Date:        o.Date,
		Header:      title,
		HeaderRight: supplierName,
		Footer:      c.LegalName + " · " + title,
		PageLabel:   ow.l.PageOf,
	})
	ow.head()
	ow.prices()
	ow.conditions()
	ow.acceptance(attachTerms)
	if attachTerms {
		ow.terms()
	}
	return ow.f.PDF()
}

// offerWriter writes one offer's sections into its flow.
type offerWriter struct {
	f    *layout.Flow
	o    *offer.Offer
	doc  *agreement.Agreement
	lang string
	l    *labels
	w    *offerWords
}

func (ow *offerWriter) money(d decimal.Decimal) string { return agreement.FormatAmount(d, ow.lang, 2) }

// cite follows text with the article of the terms it comes from: ref is
// "12.3", or "Bijlage 1|4.2" for an article of a part.
func (ow *offerWriter) cite(text, ref string) string {
	if ref == "" {
		return text
	}
	if part, number, ok := strings.Cut(ref, "|"); ok {
		return text + " (" + part + ", " + fmt.Sprintf(ow.w.Article, number) + ")"
	}
	return text + " (" + fmt.Sprintf(ow.w.Article, ref) + ")"
}

// head writes the title, the offer's number and dates, and both parties.
func (ow *offerWriter) head() {
	f, o, l, c := ow.f, ow.o, ow.l, ow.doc.Customer
	f.Outline(1, l.Offer+" "+o.Number, f.Heading(1, layout.Run{Text: l.Offer}))
	f.Table(layout.Table{Rows: [][][]layout.Run{
		{{{Text: l.OfferNumber, Color: layout.Gray}}, {{Text: o.Number, Bold: true}}},
		{{{Text: l.OfferDate, Color: layout.Gray}}, {{Text: agreement.FormatDate(o.Date, ow.lang)}}},
		{{{Text: l.ValidUntil, Color: layout.Gray}}, {{Text: agreement.FormatDate(o.ValidUntil, ow.lang)}}},
	}, Columns: []layout.Column{{Width: 1}, {Width: 3}}})
	f.Space(6)

	parties := [][][]layout.Run{{{{Text: l.Supplier, Color: layout.Gray}}, {{Text: l.Customer, Color: layout.Gray}}}}
	for i, r := range partyRows(ow.doc, l) {
		parties = append(parties, [][]layout.Run{{{Text: r[0], Bold: i == 0}}, {{Text: r[1], Bold: i == 0}}})
	}
	parties = append(parties, [][]layout.Run{{{Text: kv(l.Email, ow.doc.Supplier.Email)}}, {{Text: l.Attention + " " + c.Contact.Name}}})
	f.Table(layout.Table{Rows: parties, Columns: []layout.Column{{Width: 1}, {Width: 1}}})
	f.Space(6)
}

// prices writes a table of the lines of each period (one-off, per month,
// …) with its subtotal, VAT per rate and total under it.
func (ow *offerWriter) prices() {
	f, o, l, w, lang := ow.f, ow.o, ow.l, ow.w, ow.lang
	f.Heading(2, layout.Run{Text: w.ServicesTitle})
	for _, t := range o.Totals {
		rows := [][][]layout.Run{{{{Text: w.Periods[t.Period]}}, {{Text: l.Quantity}}, {{Text: l.UnitPrice}}, {{Text: w.VATRate}}, {{Text: l.Amount}}}}
		for _, li := range o.Lines {
			if li.Period != t.Period {
				continue
			}
			service := []layout.Run{{Text: li.Service}}
			if li.Description != "" {
				service = append(service, layout.Run{Text: "\n" + li.Description, Color: layout.Gray})
			}
			rows = append(rows, [][]layout.Run{
				service,
				{{Text: agreement.FormatNumber(li.Quantity, lang) + " " + li.Unit}},
				{{Text: ow.money(li.UnitPrice)}},
				{{Text: rateText(li.Rate, lang, w)}},
				{{Text: ow.money(li.Amount)}},
			})
		}
		f.Keep(func() {
			f.Table(layout.Table{Rows: rows, Header: true, Borders: true, Columns: lineColumns})
			f.Space(2)
			sums := [][][]layout.Run{{{{Text: l.Subtotal}}, {{Text: ow.money(t.Subtotal)}}}}
			for _, v := range t.VAT {
				label := fmt.Sprintf(w.VATOn, rateText(v.Rate, lang, w), ow.money(v.Base))
				if v.Rate.Reverse {
					label = fmt.Sprintf(w.VATReverse, ow.money(v.Base))
				}
				sums = append(sums, [][]layout.Run{{{Text: label}}, {{Text: ow.money(v.VAT)}}})
			}
			sums = append(sums, [][]layout.Run{{{Text: w.TotalPeriod[t.Period], Bold: true}}, {{Text: ow.money(t.Total), Bold: true}}})
			// The sums sit under the last four columns, amounts under amounts.
			f.Table(layout.Table{Indent: f.Width() * 3.1 / 8.2, Columns: []layout.Column{{Width: 3.8}, {Width: 1.3, Align: layout.AlignRight}}, Rows: sums})
		})
		f.Space(5)
	}
}

// conditions writes the offer's conditions, each citing the article of
// the terms it comes from: validity, start, term and renewal, payment,
// bank account, prices, contact.
func (ow *offerWriter) conditions() {
	o, w := ow.o, ow.w
	row := func(label, text string) [][]layout.Run {
		return [][]layout.Run{{{Text: label, Color: layout.Gray}}, {{Text: text}}}
	}
	valid := fmt.Sprintf(w.Binding, agreement.FormatDate(o.ValidUntil, ow.lang))
	if o.NonBinding {
		valid = fmt.Sprintf(w.NonBinding, agreement.FormatDate(o.ValidUntil, ow.lang))
	}
	rows := [][][]layout.Run{row(w.Validity, ow.cite(strings.TrimSuffix(valid, "."), o.OfferRef)+".")}
	if o.Start.Text != "" {
		rows = append(rows, row(w.Start, ow.cite(o.Start.Text, o.Start.Ref)))
	}
	for _, ct := range o.Contracts {
		text := fmt.Sprintf(w.TermText, ct.Term)
		if ct.Renewal != "" {
			text += fmt.Sprintf(w.Renewal, ct.Renewal)
		}
		if ct.Notice != "" {
			text += fmt.Sprintf(w.Notice, ct.Notice)
		}
		if len(ct.Services) > 0 {
			text = strings.Join(ct.Services, ", ") + ": " + text
		}
		rows = append(rows, row(w.Term, ow.cite(text, ct.Ref)))
	}
	if o.Payment.Text != "" {
		rows = append(rows, row(w.Payment, ow.cite(fmt.Sprintf(w.PaymentText, o.Payment.Text), o.Payment.Ref)))
	}
	if o.IBAN != "" {
		rows = append(rows, row(w.Bank, fmt.Sprintf(w.BankText, o.IBAN, ow.doc.Supplier.LegalName)))
	}
	rows = append(rows, row(w.Prices, w.PricesText))
	if p := o.Contact; p.Name != "" {
		who := []string{p.Name}
		if p.Title != "" {
			who[0] += ", " + p.Title
		}
		for _, s := range []string{p.Phone, p.Email} {
			if s != "" {
				who = append(who, s)
			}
		}
		rows = append(rows, row(w.Contact, strings.Join(who, " · ")))
	}
	ow.f.Keep(func() {
		ow.f.Heading(2, layout.Run{Text: w.Conditions})
		ow.f.Table(layout.Table{Rows: rows, Columns: []layout.Column{{Width: 1}, {Width: 3.2}}})
	})
	ow.f.Space(4)
}

// acceptance writes which terms apply, enclosed or not, and the block the
// customer signs to accept.
func (ow *offerWriter) acceptance(attachTerms bool) {
	f, doc, l, c := ow.f, ow.doc, ow.l, ow.doc.Customer
	version, detail := doc.Version, l.WorkingTree
	if version == "" {
		version = WorkingVersion
	} else if !doc.Effective.IsZero() {
		detail = l.Effective + " " + agreement.FormatDate(doc.Effective, ow.lang)
	}
	terms := fmt.Sprintf(l.TermsApply, doc.Title, version, detail)
	if attachTerms {
		terms += " " + ow.w.TermsOnFile
	} else {
		terms += " " + ow.w.WithoutTerms
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
}

// terms encloses the terms: every part of the customer's agreement, each
// page headed with its part, as in the agreement.
func (ow *offerWriter) terms() {
	f, doc, l := ow.f, ow.doc, ow.l
	body := newBodyWriter(f, doc)
	for i, p := range doc.Parts {
		if i == 0 {
			f.PageBreak()
		} else {
			partBreak(f, doc.Parts, i)
		}
		// The annex pages say what they are: the part, as in the
		// agreement, not the offer.
		f.SetHeader(p.Heading())
		f.Outline(1, p.Heading(), f.NewAnchor())
		if i == 0 {
			f.Paragraph(layout.Para{Runs: []layout.Run{{Text: l.Annex + " — " + doc.Title + ", " + strings.ToLower(l.Version) + " " + versionText(doc, l), Color: layout.Gray}}, Size: 9, KeepWithNext: true})
			f.Space(2)
		}
		body.part(p, nil)
	}
}

// lineColumns are the same for every period's table, so that amounts
// line up from one table to the next.
var lineColumns = []layout.Column{{Width: 2.8}, {Width: 1.5, Align: layout.AlignRight}, {Width: 1.9, Align: layout.AlignRight}, {Width: 0.7, Align: layout.AlignRight}, {Width: 1.3, Align: layout.AlignRight}}

// rateText prints a VAT rate: "21%", "0%", "verlegd".
func rateText(r offer.Rate, lang string, w *offerWords) string {
	if r.Reverse {
		return w.Reverse
	}
	return agreement.FormatNumber(r.Percent, lang) + "%"
}
