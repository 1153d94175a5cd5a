package notice

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
)

// qpdfCheckFile runs qpdf --check on a PDF file and fails the test on any
// error or warning; without qpdf (Debian: qpdf; .ci/run installs it) it
// logs that the structure is not checked.
func qpdfCheckFile(t testing.TB, file string) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Logf("qpdf not found: the structure of %s is not checked (install qpdf)", filepath.Base(file))
		return
	}
	if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check %s: %v\n%s", filepath.Base(file), err, out)
	}
}

// TestEveryNoticePDFPassesQPDF builds the notice of every customer with
// changes in every diff test case, in Dutch and English, and the redline
// PDF of termsmith diff for the reference customer, and checks every PDF
// with qpdf --check.
func TestEveryNoticePDFPassesQPDF(t *testing.T) {
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf not found: install qpdf to check the PDF structure")
	}
	cases, err := filepath.Glob("../testdata/cases/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no diff cases: %v", err)
	}
	cases = append(cases, "testdata/english.txtar")
	dir := t.TempDir()
	checked := 0
	for _, c := range cases {
		old, new, customers := load(t, c)
		ids := []string{""}
		for id := range customers {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			r, err := newReport(old, new, customers[id], day("2026-05-15"))
			if err != nil || len(r.Changes) == 0 {
				continue
			}
			var pdf []byte
			if id == "" {
				pdf, err = RedlinePDF(r)
			} else {
				var n *Notice
				if n, err = New(r, new.Store.Config.Supplier, testLetter(t, new, r.Language)); err == nil {
					pdf, err = n.PDF()
				}
			}
			if err != nil {
				t.Fatalf("%s, %q: %v", c, id, err)
			}
			file := filepath.Join(dir, filepath.Base(c)+"-"+id+".pdf")
			if err := os.WriteFile(file, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			qpdfCheckFile(t, file)
			checked++
		}
	}
	if checked < 10 {
		t.Errorf("only %d PDFs checked", checked)
	}
}
