package preflight

import (
	"fmt"
	"strings"
	"testing"
)

// minimalPDF is a valid one-page PDF 1.3 that is not PDF/A: no binary
// header comment, no /ID, no XMP metadata, no output intent.
func minimalPDF() []byte {
	objs := []string{
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

func TestCheckFindsWhatIsNotPDFA(t *testing.T) {
	if err := Available(); err != nil {
		t.Skipf("PDFBox Preflight is not installed, PDF/A not checked: %v", err)
	}
	failed, err := Check(t.TempDir(), map[string][]byte{"plain.pdf": minimalPDF()})
	if err != nil {
		t.Fatal(err)
	}
	errs := strings.Join(failed["plain.pdf"], "\n")
	for _, want := range []string{"1.1:", "1.4.1:"} { // the header comment, the trailer ID
		if !strings.Contains(strings.ReplaceAll(errs, " ", ""), want) {
			t.Errorf("no error %s for a plain PDF 1.3; got:\n%s", want, errs)
		}
	}
}

func TestCheckRefusesANameWithADirectory(t *testing.T) {
	if err := Available(); err != nil {
		t.Skipf("PDFBox Preflight is not installed: %v", err)
	}
	if _, err := Check(t.TempDir(), map[string][]byte{"a/b.pdf": minimalPDF()}); err == nil {
		t.Error("a name with a directory was accepted")
	}
}
