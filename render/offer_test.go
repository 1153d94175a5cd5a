package render

import (
	"os"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/offer"
)

// fixtureOffer builds the offer of a customer of the fixture store, with
// the customer's agreement as version 2026-01-01.
func fixtureOffer(t testing.TB, customer string) (*offer.Offer, error) {
	t.Helper()
	doc := assemble(t, customer)
	fsys := os.DirFS("testdata/store")
	st, err := clauses.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	tmpls, err := agreement.LoadTemplates(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return offer.Build(doc, st.Config, tmpls[doc.Customer.Template])
}

func TestOfferPDF(t *testing.T) {
	o, err := fixtureOffer(t, "acme")
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := OfferPDF(o, false)
	if err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, pdf, "-layout")
	checkGolden(t, "acme-offer.txt", []byte(text))
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"Offertenummer 2026-0042", "Datum 2 november 2026", "Geldig tot 2 december 2026",
		"Eenmalig Aantal Prijs per eenheid Btw Bedrag",
		"Implementatie 1 project € 1.250,50 21% € 1.250,50",
		"Training op locatie 1,5 dagen € 950,00 21% € 1.425,00",
		"Handboek 2 exemplaren € 24,95 9% € 49,90",
		"Btw 21% over € 2.675,50 € 561,86", "Btw 9% over € 49,90 € 4,49", "Totaal eenmalig incl. btw € 3.291,75",
		"Per maand Aantal Prijs per eenheid Btw Bedrag",
		"SmartTrackers Professional 12 gebruikers € 149,00 21% € 1.788,00",
		"Het volledige platform, met updates en ondersteuning",
		"Sms-notificaties 1000 berichten € 0,0825 21% € 82,50",
		"Subtotaal excl. btw € 1.870,50", "Btw 21% over € 1.870,50 € 392,81", "Totaal per maand incl. btw € 2.263,31",
		"Geldigheid Deze offerte is vrijblijvend en geldig tot en met 2 december 2026.",
		"Aanvang op de datum van ondertekening door beide partijen (artikel 3)",
		"Looptijd Programmatuur (SaaS): één (1) jaar, daarna telkens stilzwijgend verlengd met één (1) jaar; opzegtermijn drie (3) maanden (artikel 3)",
		"Betaling binnen dertig (30) dagen na factuurdatum",
		"Bankrekening IBAN NL91 ABNA 0417 1643 00 ten name van Norvato B.V.",
		"Contactpersoon Sanne de Boer, Accountmanager · 030 123 45 67 · sales@smarttrackers.nl",
		"Algemene Voorwaarden SmartTrackers van toepassing, versie 2026-01-01 (ingangsdatum 1 januari 2026)",
		"U ontvangt de volledige tekst op verzoek kosteloos.",
		"Voor akkoord", "Naam: Joost Visser", "Functie: Directeur", "Datum:", "Handtekening:",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("offer lacks %q", want)
		}
	}
	if strings.Contains(flat, "Verwerkersovereenkomst") {
		t.Error("the terms are attached with attachTerms false")
	}
}

func TestOfferWithTermsAttached(t *testing.T) {
	o, err := fixtureOffer(t, "acme")
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := OfferPDF(o, true)
	if err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, pdf, "-layout")
	annex := strings.Index(text, "Bijlage — ")
	if annex < 0 {
		t.Fatal("no annex with the terms")
	}
	if !strings.Contains(text[:annex], "De volledige tekst is als bijlage bij deze offerte gevoegd.") {
		t.Error("the offer does not say the terms are attached")
	}
	// Every annex page's running header names its part, not the offer.
	pages := strings.Split(text, "\f")
	for i, page := range pages {
		if strings.TrimSpace(page) == "" {
			continue // after the last page
		}
		if !strings.Contains(page, "Bijlage — ") && (i == 0 || !strings.Contains(strings.Join(pages[:i], ""), "Bijlage — ")) {
			continue // the offer's own pages
		}
		header := strings.TrimSpace(strings.SplitN(strings.TrimSpace(page), "\n", 2)[0])
		if strings.HasPrefix(header, "Offerte") {
			t.Errorf("annex page %d has the header %q, want its part's name", i+1, header)
		}
	}
	for _, p := range o.Document.Parts {
		if !strings.Contains(text, p.Heading()) {
			t.Errorf("no page headed %q", p.Heading())
		}
	}
	// The annex: the document's parts, after the line that names it.
	parts := text[annex+strings.Index(text[annex:], "\n"):]
	if err := checkWords(o.Document, o.Document.Title+"\n"+parts); err != nil {
		t.Errorf("attached terms: %v", err)
	}
}

// TestOfferExamples lays out the offer of every example customer, both
// with and without the terms: each must build (the examples are offers a
// salesperson can send) and pass qpdf.
func TestOfferExamples(t *testing.T) {
	for _, store := range []string{"smarttrackers", "tracksavers"} {
		fsys := os.DirFS("../examples/" + store)
		st, err := clauses.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		tmpls, err := agreement.LoadTemplates(fsys)
		if err != nil {
			t.Fatal(err)
		}
		entries, err := os.ReadDir("../examples/" + store + "/customers")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			id := strings.TrimSuffix(e.Name(), ".yaml")
			doc := exampleDocument(t, store, id)
			o, err := offer.Build(doc, st.Config, tmpls[doc.Customer.Template])
			if err != nil {
				t.Errorf("%s/%s: %v", store, id, err)
				continue
			}
			if o.IBAN == "" || o.Payment.Text == "" || o.Contact.Name == "" || o.OfferRef == "" && o.NonBinding {
				t.Errorf("%s/%s: the offer lacks its IBAN, payment term, contact or the clause on offers", store, id)
			}
			pdf, err := OfferPDF(o, true)
			if err != nil {
				t.Fatal(err)
			}
			qpdfCheck(t, pdf)
		}
	}
}

// BenchmarkOfferPDF lays out the fixture's offer, without and with the
// terms enclosed (docs/benchmarks.md); the offer is built once.
func BenchmarkOfferPDF(b *testing.B) {
	o, err := fixtureOffer(b, "acme")
	if err != nil {
		b.Fatal(err)
	}
	for _, attach := range []bool{false, true} {
		name := "without-terms"
		if attach {
			name = "with-terms"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := OfferPDF(o, attach); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
