package notice

import (
	"strings"
	"testing"

	"github.com/termsmith/termsmith/internal/preflight"
)

// TestNoticePDFIsPDFA validates the SmartTrackers example's notice with
// the most changes, and a redline without a letter, with PDFBox Preflight.
func TestNoticePDFIsPDFA(t *testing.T) {
	if err := preflight.Available(); err != nil {
		t.Skipf("PDFBox Preflight is not installed, PDF/A-1b not checked: %v", err)
	}
	n := exampleNotice(t)
	pdf, err := n.PDF()
	if err != nil {
		t.Fatal(err)
	}
	redline, err := RedlinePDF(n.Report)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(pdf), "/Lang (nl-NL)") {
		t.Error("the notice has no /Lang")
	}
	failed, err := preflight.Check(t.TempDir(), map[string][]byte{"notice.pdf": pdf, "redline.pdf": redline})
	if err != nil {
		t.Fatal(err)
	}
	for name, errs := range failed {
		t.Errorf("%s is not PDF/A-1b:\n%s", name, strings.Join(errs, "\n"))
	}
}
