package render

import (
	"os"
	"testing"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
)

// assemble assembles a customer's agreement from the fixture store in
// testdata/store, as version 2026-01-01 effective 1 January 2026.
func assemble(t testing.TB, customer string) *agreement.Agreement {
	t.Helper()
	fsys := os.DirFS("testdata/store")
	st, err := clauses.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	tmpls, err := agreement.LoadTemplates(fsys)
	if err != nil {
		t.Fatal(err)
	}
	cust, err := agreement.LoadCustomer(fsys, customer)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := agreement.Assemble(st, tmpls[cust.Template], cust)
	if err != nil {
		t.Fatal(err)
	}
	doc.Version, doc.Effective = "2026-01-01", day
	return doc
}

// exampleDocument assembles a customer of an example store from its
// working tree, as version 2026-01-01; the test is skipped without it.
func exampleDocument(t testing.TB, store, customer string) *agreement.Agreement {
	t.Helper()
	fsys := os.DirFS("../examples/" + store)
	st, err := clauses.Load(fsys)
	if err != nil {
		t.Skipf("example store %s: %v", store, err)
	}
	tmpls, err := agreement.LoadTemplates(fsys)
	if err != nil {
		t.Fatal(err)
	}
	cust, err := agreement.LoadCustomer(fsys, customer)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := agreement.Assemble(st, tmpls[cust.Template], cust)
	if err != nil {
		t.Fatal(err)
	}
	doc.Version, doc.Effective = "2026-01-01", day
	return doc
}
