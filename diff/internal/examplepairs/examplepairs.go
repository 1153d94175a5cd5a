// Package examplepairs builds the published versions of the example stores
// (package examples: the store and its history of overlays) as diff
// sources, for the tests and benchmarks of package diff and its notices.
package examplepairs

import (
	"fmt"
	"io/fs"
	"path"
	"testing/fstest"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/store/terms"
)

// Versions returns every published version of example name, oldest first,
// and the example's customers as the working tree holds them after the
// last version.
func Versions(name string) ([]*terms.Content, map[string]*agreement.Customer, error) {
	srcs, customers, _, err := history(name)
	return srcs, customers, err
}

// Latest returns the files of example name's store after its last version,
// for a test to build a later version from.
func Latest(name string) (fstest.MapFS, error) {
	_, _, files, err := history(name)
	return files, err
}

func history(name string) ([]*terms.Content, map[string]*agreement.Customer, fstest.MapFS, error) {
	base, err := examples.Store(name)
	if err != nil {
		return nil, nil, nil, err
	}
	history, err := examples.History(name)
	if err != nil {
		return nil, nil, nil, err
	}
	files := fstest.MapFS{}
	if err := copyInto(files, base); err != nil {
		return nil, nil, nil, err
	}
	var out []*terms.Content
	for i, v := range history {
		if i > 0 {
			overlay, err := examples.Overlay(name, v)
			if err != nil {
				return nil, nil, nil, err
			}
			if err := copyInto(files, overlay); err != nil {
				return nil, nil, nil, err
			}
			for _, r := range v.Remove {
				delete(files, r)
			}
		}
		effective, err := time.Parse(time.DateOnly, v.Effective)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s version %s: %w", name, v.ID, err)
		}
		notice, _ := time.Parse(time.DateOnly, v.NoticeDate)
		snapshot := fstest.MapFS{}
		for k, f := range files {
			snapshot[k] = f
		}
		src, err := terms.LoadVersion(snapshot, v.ID, effective, notice)
		if err != nil {
			return nil, nil, nil, err
		}
		out = append(out, src)
	}
	// Customers are not versioned: the working tree after the last version
	// holds them, as termsmith init --example leaves it.
	customers, err := agreement.LoadCustomers(files)
	if err != nil {
		return nil, nil, nil, err
	}
	return out, customers, files, nil
}

func copyInto(dst fstest.MapFS, src fs.FS) error {
	return fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		dst[path.Clean(p)] = &fstest.MapFile{Data: data}
		return nil
	})
}
