package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const importInput = "Voorwaarden\n\n1. BETALING\n\n1.1. Binnen dertig dagen.\n\nBijlage 1: Verwerkersovereenkomst\n\n1. Inleiding\n\n1.1 Dit geldt.\n"

// listTree returns every path under dir, relative and sorted.
func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// TestImportInvalidUTF8 checks that an input with invalid UTF-8 is refused
// with its line, exit status 2, and that nothing is written.
func TestImportInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "terms.txt")
	if err := os.WriteFile(in, []byte("Voorwaarden\n\n1. BETALING \xe9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := Main([]string{"import", in, "--into", filepath.Join(dir, "s"), "--supplier", "X"}, &out, &errOut)
	if code != exitUnusable {
		t.Errorf("exit status %d, want %d", code, exitUnusable)
	}
	if want := "terms.txt:3: invalid UTF-8"; !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr %q does not say %q", errOut.String(), want)
	}
	if got := listTree(t, dir); !slices.Equal(got, []string{"terms.txt"}) {
		t.Errorf("files after a refused import: %v", got)
	}
}

// TestImportRollsBack makes the last write fail (templates is a file, not
// a directory) and checks that every file and directory written before it
// is removed again, temporary files included.
func TestImportRollsBack(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "s")
	if err := os.MkdirAll(store, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(store, "templates"), []byte("in the way\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "terms.txt")
	if err := os.WriteFile(in, []byte(importInput), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	opts := &importOptions{globalOptions: &globalOptions{out: &out, errOut: &errOut}, file: in, into: store, supplier: "X"}
	if err := runImport(opts); err == nil {
		t.Fatal("the import succeeded although templates/ cannot be created")
	}
	if got := listTree(t, store); !slices.Equal(got, []string{"templates"}) {
		t.Errorf("files left after a failed import: %v", got)
	}
	if out.Len() > 0 {
		t.Errorf("a failed import printed its report: %q", out.String())
	}
}

// TestImportWrites checks a successful import: the files, the report on
// stdout and the summary on stderr.
func TestImportWrites(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "terms.txt")
	if err := os.WriteFile(in, []byte(importInput+"\nZie Bijlage 9.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	store := filepath.Join(dir, "s")
	opts := &importOptions{globalOptions: &globalOptions{out: &out, errOut: &errOut}, file: in, into: store, supplier: "X", docs: []string{"Bijlage 1 = dpa"}}
	if err := runImport(opts); err != nil {
		t.Fatal(err)
	}
	want := []string{"clauses", "clauses/dpa", "clauses/dpa/document.yaml", "clauses/dpa/inleiding.md",
		"clauses/terms", "clauses/terms/betaling.md", "clauses/terms/document.yaml",
		"templates", "templates/agreement.yaml", "termsmith.yaml"}
	if got := listTree(t, store); !slices.Equal(got, want) {
		t.Errorf("files:\n got %v\nwant %v", got, want)
	}
	if want := in + `:13: "Bijlage 9" names no document of this import: kept as text` + "\n"; out.String() != want {
		t.Errorf("stdout %q, want %q", out.String(), want)
	}
	if want := "imported 2 documents, 2 clauses into " + store + "; 1 line to check"; !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr %q does not say %q", errOut.String(), want)
	}
}
