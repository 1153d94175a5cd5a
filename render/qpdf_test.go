package render

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/termsmith/termsmith/internal/pdfcheck"
)

// qpdfCheck checks a PDF's structure with qpdf --check.
func qpdfCheck(t testing.TB, pdf []byte) {
	t.Helper()
	pdfcheck.QPDF(t, pdf)
}

// pdftotext checks a PDF with qpdf and returns its text.
func pdftotext(t testing.TB, pdf []byte, args ...string) string {
	t.Helper()
	return pdfcheck.Text(t, pdf, args...)
}

// day is the effective date of the fixture version.
var day = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// TestEveryDocumentPassesQPDF renders every kind of PDF the package makes
// — each fixture customer's agreement, offer and offer with the terms
// attached, and the agreement of every customer of both example stores —
// and checks each with qpdf --check. (Tests that extract text check their
// PDFs too, through pdftotext.)
func TestEveryDocumentPassesQPDF(t *testing.T) {
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf not found: install qpdf to check the PDF structure")
	}
	for _, c := range []string{"acme", "globex"} {
		doc := assemble(t, c)
		pdf, err := AgreementPDF(doc)
		if err != nil {
			t.Fatal(err)
		}
		qpdfCheck(t, pdf)
		o, err := fixtureOffer(t, c)
		if err != nil {
			continue // globex has no offer; package offer checks the refusal
		}
		for _, attach := range []bool{false, true} {
			pdf, err := OfferPDF(o, attach)
			if err != nil {
				t.Fatal(err)
			}
			qpdfCheck(t, pdf)
		}
	}
	for _, store := range []string{"smarttrackers", "tracksavers"} {
		entries, err := os.ReadDir(filepath.Join("..", "examples", store, "customers"))
		if err != nil || len(entries) == 0 {
			t.Fatalf("the customers of example %s: %v", store, err)
		}
		for _, e := range entries {
			pdf, err := AgreementPDF(exampleDocument(t, store, strings.TrimSuffix(e.Name(), ".yaml")))
			if err != nil {
				t.Fatal(err)
			}
			qpdfCheck(t, pdf)
		}
	}
}
