package main

import (
	"io/fs"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// qpdfCheck runs qpdf --check on a PDF file and fails the test on any
// error or warning. Without qpdf (Debian: qpdf; .ci/run installs it) the
// check is skipped with a message, not the test.
func qpdfCheck(t testing.TB, file string) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Logf("qpdf not found: the structure of %s is not checked (install qpdf)", file)
		return
	}
	if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check %s: %v\n%s", file, err, out)
	}
}

// qpdfCheckTree runs qpdfCheck on every PDF under dir.
func qpdfCheckTree(t testing.TB, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".pdf") {
			qpdfCheck(t, p)
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
}
