package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/output"
	"github.com/termsmith/termsmith/lint"
	"github.com/termsmith/termsmith/render"
)

// DemoKinds are the kinds of file Demo writes, in the order it lists them.
var DemoKinds = []string{"lint reports", "agreements", "offers", "redlines", "notices"}

// DemoOptions say what Demo runs and where it writes.
type DemoOptions struct {
	Examples []string // the built-in examples to run
	Out      string   // the results go under Out/<example>
	// Keep keeps the example stores under Out/stores; otherwise they are
	// made in a temporary directory that is removed at the end.
	Keep bool
	Now  func() time.Time // the clock; nil means time.Now
	Jobs int              // agreements and notices made at a time; 0: one per CPU
}

// DemoResult is what Demo wrote for one example: the files by kind
// (DemoKinds), each list sorted, and the summary of the lint report.
type DemoResult struct {
	Example string
	Store   string // the example store, when it is kept
	Files   map[string][]string
	Lint    string
}

// Demo runs termsmith's main jobs on each built-in example of opts: it
// creates the example's store with its published versions (Create) and
// writes under Out/<example> the lint report of the first version (the
// drafting defects of the imported terms), every customer's agreement
// under every version, every customer's offer with the terms enclosed,
// the redline from the first version to the last, and every customer's
// change notice from the first to the last, dated the last version's
// notice date. Everything is derived from the examples' data, so two runs
// give the same files. It returns what it wrote, per example; after a
// failure, what the examples before it wrote.
func Demo(opts DemoOptions) ([]*DemoResult, error) {
	for _, name := range opts.Examples {
		if err := CheckExample(name); err != nil {
			return nil, err
		}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Jobs < 1 {
		opts.Jobs = runtime.NumCPU()
	}
	stores := filepath.Join(opts.Out, "stores")
	if !opts.Keep {
		tmp, err := os.MkdirTemp("", "termsmith-demo-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		stores = tmp
	}
	var results []*DemoResult
	for _, name := range opts.Examples {
		r, err := demoExample(name, filepath.Join(stores, name), filepath.Join(opts.Out, name), opts)
		if err != nil {
			return results, fmt.Errorf("example %s: %w", name, err)
		}
		results = append(results, r)
	}
	return results, nil
}

// demoExample runs the main jobs on one example, whose store it creates
// in dir, and writes the results under out.
func demoExample(name, dir, out string, opts DemoOptions) (*DemoResult, error) {
	if err := Create(dir, name, opts.Now(), io.Discard); err != nil {
		return nil, err
	}
	res := &DemoResult{Example: name, Files: map[string][]string{}}
	if opts.Keep {
		res.Store = dir
	}
	s := Open(dir, opts.Now)
	list, err := s.repo.List()
	if err != nil {
		return nil, err
	}
	first, last := list[0], list[len(list)-1]

	// Lint the first version: the defects of the imported document.
	fsys, err := s.repo.VersionFS(first)
	if err != nil {
		return nil, err
	}
	rep, err := lint.Run(fsys)
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	for _, f := range rep.Findings {
		sb.WriteString(f.String() + "\n")
	}
	res.Lint = fmt.Sprintf("%d findings: %d errors, %d warnings", len(rep.Findings), rep.Errors(), rep.Warnings())
	sb.WriteString(res.Lint + "\n")
	lintFile := filepath.Join(out, "lint-"+first.ID+".txt")
	if err := output.New(out).WriteFile(lintFile, []byte(sb.String())); err != nil {
		return nil, err
	}
	res.Files["lint reports"] = []string{lintFile}

	custs, failures := s.Customers()
	if len(failures) > 0 {
		return nil, errors.New(strings.Join(failures, "\n"))
	}
	for _, v := range list {
		t, err := s.Content(Selector{Version: v.ID})
		if err != nil {
			return nil, err
		}
		b := RenderAll(t, custs, render.PDF, out, opts.Jobs, nil)
		if len(b.Failures) > 0 {
			return nil, errors.New(strings.Join(b.Failures, "\n"))
		}
		res.Files["agreements"] = append(res.Files["agreements"], b.Files...)
	}
	for _, c := range custs {
		path, err := s.Offer(c.ID, Selector{}, true, out)
		if err != nil {
			return nil, err
		}
		res.Files["offers"] = append(res.Files["offers"], path)
	}
	reports, err := s.Diff(first.ID, last.ID, "", false)
	if err != nil {
		return nil, err
	}
	redline := filepath.Join(out, fmt.Sprintf("diff-%s-%s.txt", first.ID, last.ID))
	if err := output.New(out).WriteFile(redline, []byte(clauses.Visible(reports[0].Text()))); err != nil {
		return nil, err
	}
	res.Files["redlines"] = []string{redline}
	run, err := s.Notices(NoticeRequest{From: first.ID, To: last.ID, Date: last.NoticeDate})
	if err != nil {
		return nil, err
	}
	b := run.WriteAll(custs, out, opts.Jobs, nil)
	if len(b.Failures) > 0 {
		return nil, errors.New(strings.Join(b.Failures, "\n"))
	}
	res.Files["notices"] = b.Files
	for _, files := range res.Files {
		sort.Strings(files)
	}
	return res, nil
}
