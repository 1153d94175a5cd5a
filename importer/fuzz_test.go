package importer

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/internal/fuzzguard"
	"github.com/termsmith/termsmith/internal/golden"
)

// FuzzImport imports arbitrary text and Markdown. It is seeded with the
// example stores: every clause file as Markdown input, and the plain text of
// every customer's assembled agreement as PDF-like text input (plus the two
// seed documents in examples/sources). An input is refused
// with an error naming it, or imported; an import must come out the same
// every time, write only clauses/<document>/<id>.md and document.yaml with
// valid ids, and give, with its config and template, a store that loads
// without problems.
func FuzzImport(f *testing.F) {
	n := 0
	err := fs.WalkDir(examples.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := fs.ReadFile(examples.FS, p)
		f.Add(src, true)
		n++
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range examples.Names() {
		fsys, err := examples.Store(name)
		if err != nil {
			f.Fatal(err)
		}
		st, err := clauses.Load(fsys)
		if err != nil {
			f.Fatal(err)
		}
		tmpls, err := agreement.LoadTemplates(fsys)
		if err != nil {
			f.Fatal(err)
		}
		custs, err := agreement.LoadCustomers(fsys)
		if err != nil {
			f.Fatal(err)
		}
		for _, c := range custs {
			doc, err := agreement.Assemble(st, tmpls[c.Template], c)
			if err != nil {
				f.Fatal(err)
			}
			f.Add([]byte(doc.PlainText()), false)
			n++
		}
	}
	for _, s := range seeds {
		if src, err := os.ReadFile(filepath.Join(seedDir, s.file)); err == nil {
			f.Add(src, false)
		}
	}
	if n < 100 {
		f.Fatalf("only %d seeds; the example stores should give over 100", n)
	}
	f.Add([]byte("T\n\n1. A\n\n1.1. B (i) c; (ii) d.\n\nBijlage 1: X\n\n1. Y, zie artikel 1.1.\n"), false)
	f.Add([]byte("---\ntitle: T\nid: t\n---\n\n# T\n\n## 1. A\n\n1. a\n   - b\n     1. c\n"), true)

	f.Fuzz(func(t *testing.T, src []byte, markdown bool) {
		if len(src) > 128<<10 {
			t.Skip()
		}
		defer fuzzguard.Start(t)()
		name := "in.txt"
		if markdown {
			name = "in.md"
		}
		r, err := Import(name, src, Options{})
		if err != nil {
			if r != nil {
				t.Fatal("a result came with the error")
			}
			if strings.Contains(err.Error(), "does not parse") {
				t.Fatalf("the import wrote a clause file it cannot read: %v", err)
			}
			if !strings.HasPrefix(err.Error(), name) {
				t.Fatalf("error %q does not name the input", err)
			}
			return
		}
		again, err := Import(name, src, Options{})
		if err != nil {
			t.Fatalf("the second import failed: %v", err)
		}
		if a, b := archive(r), archive(again); !bytes.Equal(a, b) {
			t.Fatalf("two imports differ:\n%s", golden.FirstDiff(string(a), string(b)))
		}
		fsys := fstest.MapFS{
			clauses.ConfigFile:         {Data: r.Config("Example B.V.")},
			"templates/agreement.yaml": {Data: r.Template()},
		}
		for _, file := range r.Files() {
			dir, base := path.Split(file.Path)
			doc := strings.TrimSuffix(strings.TrimPrefix(dir, "clauses/"), "/")
			if !strings.HasPrefix(dir, "clauses/") || !clauses.ValidID(doc) ||
				(base != "document.yaml" && !clauses.ValidID(strings.TrimSuffix(base, ".md"))) {
				t.Fatalf("the import writes %q, not clauses/<id>/<id>.md or document.yaml", file.Path)
			}
			if fsys[file.Path] != nil {
				t.Fatalf("the import writes %s twice", file.Path)
			}
			fsys[file.Path] = &fstest.MapFile{Data: file.Data}
		}
		st, err := clauses.Load(fsys)
		if err != nil {
			t.Fatalf("the imported store does not load: %v\n%s", err, archive(r))
		}
		if err := st.Err(); err != nil {
			t.Fatalf("the imported store has problems: %v\n%s", err, archive(r))
		}
		if _, err := agreement.LoadTemplates(fsys); err != nil {
			t.Fatalf("the imported template does not load: %v", err)
		}
	})
}
