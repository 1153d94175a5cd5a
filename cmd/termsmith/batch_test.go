package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/internal/longtest"
)

// TestBatchSurvivesBadCustomerFile puts a customer file whose name is not
// an id (customers/Acme.Corp.yaml) beside good ones and checks that render
// --all and notice --all list it as a failure (exit 1) and still write
// every other customer's files: one bad file used to make the customer
// loader return no customers at all, so nothing was rendered.
func TestBatchSurvivesBadCustomerFile(t *testing.T) {
	longtest.Skip(t)
	store := t.TempDir()
	if err := os.CopyFS(store, os.DirFS(fixtureStore)); err != nil {
		t.Fatal(err)
	}
	bad := "legal_name: Acme Corp\n"
	if err := os.WriteFile(filepath.Join(store, "customers", "Acme.Corp.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, stdout, stderr := run(t, "render", "--all", "--store", store, "-o", out)
	if code != 1 || !strings.Contains(stderr, `customers/Acme.Corp.yaml: file name "Acme.Corp" is not a valid id`) {
		t.Errorf("render --all: exit %d, stderr %q; want exit 1 and the bad file listed", code, stderr)
	}
	for _, id := range []string{"acme", "globex"} {
		if !strings.Contains(stdout, filepath.Join(out, id, "working", "agreement.pdf")) {
			t.Errorf("render --all did not render %s beside the bad file:\n%s", id, stdout)
		}
	}

	dir := filepath.Join(t.TempDir(), "s")
	if code, _, stderr := run(t, "init", dir, "--example", "smarttrackers"); code != 0 {
		t.Fatal(stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "customers", "Acme.Corp.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = run(t, "--store", dir, "notice", "2026-01-01", "2026-07-01", "--all", "--date", "2026-05-15", "-o", out)
	if code != 1 || !strings.Contains(stderr, "Acme.Corp.yaml") {
		t.Errorf("notice --all: exit %d, stderr %q; want exit 1 and the bad file listed", code, stderr)
	}
	if !strings.Contains(stdout, "zorggroep-de-linde/notice-2026-01-01-2026-07-01.pdf") {
		t.Errorf("notice --all wrote no notice beside the bad file:\n%s", stdout)
	}
}
