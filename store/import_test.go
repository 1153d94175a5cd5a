package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImport imports a small document into a new store, refuses to import
// it again over itself, and re-imports a new version of it.
func TestImport(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "voorwaarden.txt")
	writeFile(t, root, "voorwaarden.txt", "Voorwaarden\n\n1. BETALING\n\n1.1. Binnen dertig dagen.\n\n2. LEVERING\n\n2.1. Op afspraak.\n")
	dir := filepath.Join(root, "s")
	res, err := Import(ImportRequest{File: in, Into: dir, Supplier: "Acme B.V."})
	if err != nil || !res.NewStore || len(res.Documents) != 1 {
		t.Fatalf("Import: %v, %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "termsmith.yaml")); err != nil {
		t.Fatal(err)
	}
	doc := res.Documents[0].ID
	before, _ := os.ReadDir(filepath.Join(dir, "clauses", doc))
	if _, err := Import(ImportRequest{File: in, Into: dir, DocIDs: map[string]string{"Voorwaarden": doc}}); !IsUnusable(err) || !strings.Contains(err.Error(), "already used in the store") {
		t.Errorf("importing over an existing document: %v", err)
	}
	writeFile(t, root, "voorwaarden.txt", "Voorwaarden\n\n1. BETALING\n\n1.1. Binnen veertien dagen.\n\n2. LEVERING\n\n2.1. Op afspraak.\n")
	res, err = Import(ImportRequest{File: in, Into: dir, As: doc})
	if err != nil || !res.Reimport {
		t.Fatalf("re-import: %v, %v", res, err)
	}
	after, _ := os.ReadDir(filepath.Join(dir, "clauses", doc))
	if len(after) != len(before) {
		t.Errorf("re-import: %d files, want %d", len(after), len(before))
	}
	if _, err := checkStore(dir); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range after {
		data, _ := os.ReadFile(filepath.Join(dir, "clauses", doc, e.Name()))
		found = found || strings.Contains(string(data), "veertien")
	}
	if !found {
		t.Error("the re-imported text is not in the store")
	}
}
