package render

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var qpdfMissing sync.Once

// qpdfCheck runs qpdf --check on a PDF and fails the test on any error or
// warning. Without qpdf (Debian: qpdf; .ci/run installs it) it says so
// once and checks nothing, so the test's other checks still run.
func qpdfCheck(t testing.TB, pdf []byte) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		qpdfMissing.Do(func() { t.Log("qpdf not found: PDF structure not checked (install qpdf)") })
		return
	}
	file := filepath.Join(t.TempDir(), "check.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

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
