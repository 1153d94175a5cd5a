package diff_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/diff/internal/examplepairs"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/templates"
)

// TestExamples compares each pair of consecutive published versions of
// every example store, for each of its customers and for the reference
// customer: the text redlines must match
// testdata/examples/<example>-<from>-<to>.golden, and every change's
// segments must spell its new text.
func TestExamples(t *testing.T) {
	for _, name := range examples.Names() {
		t.Run(name, func(t *testing.T) {
			srcs, custs, err := examplepairs.Versions(name)
			if err != nil {
				t.Fatal(err)
			}
			if len(srcs) < 2 {
				t.Skipf("example %s has one published version; nothing to compare", name)
			}
			ids := make([]string, 0, len(custs))
			for id := range custs {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			for i := 1; i < len(srcs); i++ {
				old, new := srcs[i-1], srcs[i]
				var sb strings.Builder
				for _, id := range append([]string{""}, ids...) {
					var c *templates.Customer
					if id != "" {
						c = custs[id]
					}
					r, err := diff.NewReport(old, new, c, time.Time{})
					if err != nil {
						t.Fatal(err)
					}
					for _, ch := range r.Changes {
						var n strings.Builder
						for _, s := range ch.Segments {
							if s.Op != diff.Delete {
								n.WriteString(s.Text)
							}
						}
						if n.String() != ch.NewText {
							t.Errorf("%s %s: segments spell %q, new text is %q", ch.Kind, ch.ID, n.String(), ch.NewText)
						}
					}
					fmt.Fprintf(&sb, "== %s\n%s\n", cmp(id, "reference"), r.Text())
				}
				golden := filepath.Join("testdata", "examples", name+"-"+old.Version+"-"+new.Version+".golden")
				compareGolden(t, golden, sb.String())
			}
		})
	}
}

func cmp(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func compareGolden(t *testing.T, file, got string) {
	t.Helper()
	// The -update flag is declared in diff_test.go (package diff), which is
	// in the same test binary.
	if flag.Lookup("update").Value.(flag.Getter).Get().(bool) {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", file, got)
	}
}

// examplePair returns the first and last published versions of example
// name, and the customer with the most documents.
func examplePair(b *testing.B, name string) (old, new *diff.Source, c *templates.Customer) {
	b.Helper()
	srcs, custs, err := examplepairs.Versions(name)
	if err != nil {
		b.Fatal(err)
	}
	if len(srcs) < 2 {
		b.Skipf("example %s has one published version; nothing to compare", name)
	}
	ids := make([]string, 0, len(custs))
	for id := range custs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	most := -1
	for _, id := range ids {
		doc, err := srcs[len(srcs)-1].Assemble(custs[id])
		if err != nil {
			b.Fatal(err)
		}
		if len(doc.Parts) > most {
			most, c = len(doc.Parts), custs[id]
		}
	}
	return srcs[0], srcs[len(srcs)-1], c
}

// BenchmarkCompare compares the full SmartTrackers terms (every document
// the customer with the most documents gets) between the example's two
// versions; the documents are assembled beforehand. Target: ≤ 5 ms.
func BenchmarkCompare(b *testing.B) {
	old, new, c := examplePair(b, "smarttrackers")
	od, err := old.Assemble(c)
	if err != nil {
		b.Fatal(err)
	}
	nd, err := new.Assemble(c)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		diff.Compare(od, nd)
	}
}

// BenchmarkNewReport is BenchmarkCompare with the assembly of both
// documents for the customer: what a notice costs before its PDF.
func BenchmarkNewReport(b *testing.B) {
	old, new, c := examplePair(b, "smarttrackers")
	for b.Loop() {
		if _, err := diff.NewReport(old, new, c, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}
