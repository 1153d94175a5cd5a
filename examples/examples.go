// Package examples holds the built-in example stores: SmartTrackers (a SaaS
// supplier's terms with a DPA and a Data Act addendum) and Tracksavers (a
// web agency's terms in four chapters). Both were imported from the seed
// documents in examples/sources with termsmith import and finished by hand; a
// test checks that each still says, sentence for sentence, what its seed
// says.
package examples

import (
	"embed"
	"io/fs"
	"sort"
)

// FS holds the example stores, one directory each, and under history/ the
// versions each example publishes.
//
//go:embed smarttrackers tracksavers history
var FS embed.FS

// Names returns the names of the example stores, sorted.
func Names() []string {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "history" {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// Store returns the files of one example store, or an error for an unknown
// name.
func Store(name string) (fs.FS, error) {
	for _, n := range Names() {
		if n == name {
			return fs.Sub(FS, name)
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}
