package agreement

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/internal/fuzzguard"
)

// fuzzBase is the fixture store (config, template, two customers, six
// clauses with references, variables and conditions) as a map, read once.
func fuzzBase(f *testing.F) fstest.MapFS {
	base := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("testdata/store"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path.Join("testdata/store", p))
		base[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	return base
}

// FuzzAssemble assembles, for both fixture customers, a store in which one
// clause file of the terms is fuzzed: it replaces the clause with its id,
// or is added at the end of the terms. Assembly must give a located error
// or a document; a document must come out the same every time, with every
// article numbered, every cross-reference printed and every block id
// unique (diff aligns clauses by these ids).
func FuzzAssemble(f *testing.F) {
	base := fuzzBase(f)
	seeds := 0
	err := fs.WalkDir(examples.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := fs.ReadFile(examples.FS, p)
		f.Add(src)
		seeds++
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	for name, file := range base {
		if strings.HasSuffix(name, ".md") {
			f.Add(file.Data)
			seeds++
		}
	}
	if seeds < 50 {
		f.Fatalf("only %d seeds; the example stores should give over 100", seeds)
	}
	f.Add([]byte("---\nid: lus\ntitle: LUS\n---\n\n1. <!-- id: lus-a -->\n   Zie [x](#lus-b) en [y](#lus).\n2. <!-- id: lus-b -->\n   Zie [x](#lus-a).\n"))
	f.Add([]byte("---\nid: extra\ntitle: EXTRA\n---\n\n1. Vanaf {{start}}, tot {{cap}}, {{check dpa.gezondheid}} {{onbekend}}.\n"))

	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			t.Skip()
		}
		defer fuzzguard.Start(t)()
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		file := "clauses/terms/fuzz.md"
		manifest := []string{"inleiding", "aansprakelijkheid", "hosting", "duur"}
		if c, err := clauses.Parse(file, src); err == nil {
			file = "clauses/terms/" + c.ID + ".md"
			found := false
			for _, id := range manifest {
				found = found || id == c.ID
			}
			if !found {
				manifest = append(manifest, c.ID)
			}
		}
		fsys[file] = &fstest.MapFile{Data: src}
		fsys["clauses/terms/document.yaml"] = &fstest.MapFile{Data: []byte("title: Algemene voorwaarden\nclauses: [" + strings.Join(manifest, ", ") + "]\n")}

		st, err := clauses.Load(fsys)
		if err != nil {
			if !strings.Contains(err.Error(), file+":") {
				t.Fatalf("load error %q does not name %s", err, file)
			}
			return
		}
		tmpls, err := LoadTemplates(fsys)
		if err != nil {
			t.Fatal(err)
		}
		custs, err := LoadCustomers(fsys)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"alfa", "beta"} {
			doc, err := Assemble(st, tmpls["agreement"], custs[id])
			if err != nil {
				var ce *clauses.Error
				if !errors.As(err, &ce) || ce.File == "" {
					t.Fatalf("%s: error %q names no file", id, err)
				}
				continue
			}
			text := doc.PlainText()
			again, err := Assemble(st, tmpls["agreement"], custs[id])
			if err != nil {
				t.Fatalf("%s: the second assembly failed: %v", id, err)
			}
			if a := again.PlainText(); a != text {
				t.Fatalf("%s: two assemblies differ:\n%s\nvs\n%s", id, text, a)
			}
			seen := map[string]bool{}
			for _, p := range doc.Parts {
				if seen[p.ID] {
					t.Fatalf("%s: part id %q twice", id, p.ID)
				}
				seen[p.ID] = true
				Walk(p.Blocks, func(b *Block) {
					if b.ID == "" || seen[b.ID] {
						t.Fatalf("%s: block id %q is empty or used twice (%s)", id, b.ID, b.Source)
					}
					seen[b.ID] = true
					if b.Kind == Article && b.Number == "" {
						t.Fatalf("%s: article %s has no number", id, b.ID)
					}
					for _, in := range b.Inlines {
						if in.Ref != "" && in.Text == "" {
							t.Fatalf("%s: reference to %q in %s prints nothing", id, in.Ref, b.ID)
						}
					}
				})
			}
		}
	})
}
