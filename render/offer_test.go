package render

import (
	"strings"
	"testing"
)

func TestOfferTotals(t *testing.T) {
	doc := assemble(t, "acme")
	tot, err := Totals(doc.Customer, 21)
	if err != nil {
		t.Fatal(err)
	}
	// 12 × € 149,00 + 1 × € 1.250,50; 21% of € 3.038,50 is € 638,085, rounded up.
	if tot.Subtotal != 303850 || tot.VAT != 63809 || tot.Total != 367659 {
		t.Errorf("subtotal %d, VAT %d, total %d; want 303850, 63809, 367659", tot.Subtotal, tot.VAT, tot.Total)
	}
	if tot.Lines[0].Cents != 178800 {
		t.Errorf("line 1: %d cents, want 178800", tot.Lines[0].Cents)
	}
}

func TestOfferPDF(t *testing.T) {
	doc := assemble(t, "acme")
	pdf, err := OfferPDF(Offer{Document: doc, VATPercent: 21, ValidityDays: 30})
	if err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, pdf, "-layout")
	checkGolden(t, "acme-offer.txt", []byte(text))
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"Offertenummer 2026-0042", "Datum 2 november 2026", "Geldig tot 2 december 2026",
		"SmartTrackers Professional 12 € 149,00 maand € 1.788,00", "Implementatie 1 € 1.250,50 eenmalig € 1.250,50",
		"Subtotaal excl. btw € 3.038,50", "Btw 21% € 638,09", "Totaal incl. btw € 3.676,59",
		"Algemene Voorwaarden SmartTrackers van toepassing, versie 2026-01-01 (ingangsdatum 1 januari 2026)",
		"Voor akkoord", "Naam: Joost Visser", "Handtekening:",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("offer lacks %q", want)
		}
	}
	if strings.Contains(flat, "Verwerkersovereenkomst") {
		t.Error("the terms are attached without --attach-terms")
	}
}

func TestOfferWithTermsAttached(t *testing.T) {
	doc := assemble(t, "acme")
	pdf, err := OfferPDF(Offer{Document: doc, VATPercent: 21, ValidityDays: 30, AttachTerms: true})
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
	// The annex: the document's parts, after the line that names it.
	parts := text[annex+strings.Index(text[annex:], "\n"):]
	if err := checkWords(doc, doc.Title+"\n"+parts); err != nil {
		t.Errorf("attached terms: %v", err)
	}
}

func TestOfferNeedsNumberDateAndLines(t *testing.T) {
	doc := assemble(t, "globex") // no offer, no line items
	_, err := OfferPDF(Offer{Document: doc, VATPercent: 21, ValidityDays: 30})
	if err == nil || !strings.Contains(err.Error(), "customers/globex.yaml") || !strings.Contains(err.Error(), "offer.number is required") {
		t.Errorf("error %v, want one naming customers/globex.yaml and offer.number", err)
	}
	doc.Customer.Offer.Number, doc.Customer.Offer.Date = "7", "2-11-2026"
	if _, err := OfferPDF(Offer{Document: doc}); err == nil || !strings.Contains(err.Error(), `offer.date "2-11-2026": use YYYY-MM-DD`) {
		t.Errorf("error %v, want a bad offer.date", err)
	}
	doc.Customer.Offer.Date = "2026-11-02"
	if _, err := OfferPDF(Offer{Document: doc}); err == nil || !strings.Contains(err.Error(), "no line_items") {
		t.Errorf("error %v, want no line_items", err)
	}
}
