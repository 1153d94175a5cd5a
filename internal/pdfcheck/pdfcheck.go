// Package pdfcheck holds the test helpers that check a PDF with the tools
// a PDF must satisfy outside termsmith: qpdf --check for its structure and
// pdftotext for its text (Debian: qpdf, poppler-utils; .ci/run installs
// them).
package pdfcheck

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var qpdfMissing sync.Once

// QPDF runs qpdf --check on a PDF and fails the test on any error or
// warning. Without qpdf it says so once and checks nothing, so the test's
// other checks still run.
func QPDF(t testing.TB, pdf []byte) {
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

// Text checks the PDF with QPDF and returns its text as pdftotext
// extracts it (UTF-8, with args such as "-layout"), pages separated by
// form feeds. Without pdftotext the test is skipped.
func Text(t testing.TB, pdf []byte, args ...string) string {
	t.Helper()
	QPDF(t, pdf)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found: install poppler-utils to check the PDF text")
	}
	cmd := exec.Command("pdftotext", append(append([]string{"-enc", "UTF-8"}, args...), "-", "-")...)
	cmd.Stdin = bytes.NewReader(pdf)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, stderr.String())
	}
	return string(out)
}
