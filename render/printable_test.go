package render

import (
	"errors"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
)

func TestPrintableNamesTheLineOfACharacterTheFontLacks(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		edit       func(doc *agreement.Agreement)
	}{
		{"clause text", `: text: character U+0E01 'ก' cannot be printed`, func(doc *agreement.Agreement) {
			var b *agreement.Block
			agreement.Walk(doc.Parts[0].Blocks, func(x *agreement.Block) {
				if b == nil && x.Kind == agreement.Paragraph {
					b = x
				}
			})
			b.Inlines = append(b.Inlines, agreement.Inline{Text: "Thai ก"})
		}},
		{"customer name", "customers/acme.yaml:1: legal_name: character U+1F600", func(doc *agreement.Agreement) { doc.Customer.LegalName = "Acme 😀 B.V." }},
		{"supplier", "termsmith.yaml: supplier.address: character U+4E2D '中'", func(doc *agreement.Agreement) { doc.Supplier.Address = "中" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := assemble(t, "acme")
			tc.edit(doc)
			_, err := AgreementPDF(doc)
			var ce *clauses.Error
			if !errors.As(err, &ce) || ce.Kind != clauses.KindInvalidValue {
				t.Fatalf("error %v, want a clauses.Error of kind %s", err, clauses.KindInvalidValue)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
		})
	}
	// Everything the faces cover prints: Vietnamese, Greek, Cyrillic,
	// Polish, Turkish, currency and the symbols.
	doc := assemble(t, "acme")
	doc.Customer.LegalName = "Công ty Đặng Ψ Жук Łódź İstanbul € ₺ ❖ ✓ ☐ —"
	if _, err := AgreementPDF(doc); err != nil {
		t.Fatal(err)
	}
}
