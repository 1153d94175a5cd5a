package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/termsmith/termsmith/store"
)

// forEach runs work(i) for every i in [0, n) on jobs goroutines
// (store.Each), counting each finished item on the progress bar.
func forEach(n, jobs int, p *progress, work func(i int)) {
	store.Each(n, jobs, p.done, work)
	p.finish()
}

// endSummary ends a batch's summary line on w: with a newline when nothing
// failed, else with the failures, one per line (errSilent: exit status 1).
func endSummary(w io.Writer, failures []string) error {
	if len(failures) == 0 {
		fmt.Fprintln(w)
		return nil
	}
	fmt.Fprintf(w, "; %d failed:\n", len(failures))
	for _, f := range failures {
		fmt.Fprintln(w, "  "+strings.ReplaceAll(f, "\n", "\n    "))
	}
	return errSilent
}
