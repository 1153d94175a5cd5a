package lint

import (
	"path/filepath"
	"testing"

	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/internal/golden"
)

// TestExamplesGolden lints each built-in example store and compares the
// findings with testdata/<example>.golden. The examples keep the drafting
// defects of their seeds, so the goldens are the findings a careful
// reviewer makes on the seeds: terms used but never defined, an annex
// named wrongly, a duplicated article number, and the like.
func TestExamplesGolden(t *testing.T) {
	names := examples.Names()
	if len(names) == 0 {
		t.Fatal("no example stores")
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			fsys, err := examples.Store(name)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Run(fsys)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".golden"), []byte(format(rep.Findings)))
			// An example must stay publishable: drafting defects only.
			if n := rep.Errors(); n > 0 {
				t.Errorf("%s has %d error findings; publish would refuse it", name, n)
			}
		})
	}
}
