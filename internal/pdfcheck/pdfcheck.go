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
	"strings"
	"sync"
	"testing"

	"github.com/termsmith/termsmith/internal/lazy"
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

// ObjectText returns the PDF's objects that are not streams (and the XMP
// metadata, which is an uncompressed stream), joined: the dictionaries the
// finishing step writes are not compressed, so tests can look for them.
func ObjectText(pdf []byte) string {
	var b strings.Builder
	for _, m := range objectRE().FindAllSubmatch(pdf, -1) {
		if !bytes.Contains(m[1][:min(len(m[1]), 200)], []byte("stream\n")) || bytes.Contains(m[1], []byte("/Type /Metadata")) {
			b.Write(m[1])
		}
	}
	return b.String()
}

var objectRE = lazy.Regexp(`(?s)\d+ 0 obj\n(.*?)endobj`)
