package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
)

// forEach runs work(i) for every i in [0, n) on jobs goroutines, counting
// each finished item on the progress bar.
func forEach(n, jobs int, p *progress, work func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(jobs, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				work(i)
				p.done()
			}
		}()
	}
	wg.Wait()
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

// batchGC tunes the garbage collector for rendering many documents and
// returns a function that restores it. A PDF allocates about 18 MB of
// short-lived garbage (most of it gofpdf's font parsing and a zlib writer
// per embedded font) on a live heap of a few megabytes per worker, so with
// the default GOGC=100 the collector runs several times per document. A
// higher target under a fixed memory limit collects far less often and
// keeps the peak RSS bounded, whatever the number of customers. GOGC and
// GOMEMLIMIT in the environment take precedence.
func batchGC() func() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(192 << 20)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
