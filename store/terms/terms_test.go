package terms

import (
	"strings"
	"testing"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/examples"
)

// TestLoadAndAssemble loads an example store's content and assembles a
// customer's agreement and the reference customer's from it.
func TestLoadAndAssemble(t *testing.T) {
	fsys, err := examples.Store("smarttrackers")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Templates) == 0 || len(c.Store.Clauses) == 0 || c.Letters["nl"] == nil {
		t.Fatalf("loaded %d templates, %d clauses, letters %v", len(c.Templates), len(c.Store.Clauses), c.Letters)
	}
	c.Version = "v1"
	custs, err := agreement.LoadCustomers(fsys)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := c.Assemble(custs["zorggroep-de-linde"])
	if err != nil || doc.Version != "v1" || doc.Customer.ID != "zorggroep-de-linde" {
		t.Fatalf("Assemble: %v, %v", doc, err)
	}

	// The reference customer buys every service; variables without a
	// default print as {{name}}.
	ref := Reference(c)
	if ref.ID != "" || len(ref.Services) != len(c.Store.Config.Services) {
		t.Errorf("reference customer: %+v", ref)
	}
	rdoc, err := c.Assemble(ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(rdoc.Parts) < len(doc.Parts) {
		t.Errorf("the reference customer gets %d parts, a customer %d", len(rdoc.Parts), len(doc.Parts))
	}

	// An unknown template names the customer's file and line.
	bad := *custs["zorggroep-de-linde"]
	bad.Template = "maatwerk"
	_, err = c.Assemble(&bad)
	if err == nil || !strings.HasPrefix(err.Error(), "customers/zorggroep-de-linde.yaml:") || !strings.Contains(err.Error(), `unknown template "maatwerk" (no templates/maatwerk.yaml)`) {
		t.Errorf("unknown template: %v", err)
	}
}
