package store

import (
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/termsmith/termsmith/agreement"
)

// Each runs work(i) for every i in [0, n) on jobs goroutines — the
// workers of a batch (render --all, notice --all) share the loaded content,
// which assembly only reads — and calls done after each item. While it
// runs, the garbage collector is tuned for many documents (BatchGC).
func Each(n, jobs int, done func(), work func(i int)) {
	defer BatchGC()()
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
				if done != nil {
					done()
				}
			}
		}()
	}
	wg.Wait()
}

// BatchGC tunes the garbage collector for rendering many documents and
// returns a function that restores it. A PDF allocates about 18 MB of
// short-lived garbage (most of it gofpdf's font parsing and a zlib writer
// per embedded font) on a live heap of a few megabytes per worker, so with
// the default GOGC=100 the collector runs several times per document. A
// higher target under a fixed memory limit collects far less often and
// keeps the peak RSS bounded, whatever the number of customers. GOGC and
// GOMEMLIMIT in the environment take precedence.
func BatchGC() func() {
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

// Batch is what a batch over customers (render --all, notice --all) did:
// the files written, in the customers' order, and one failure, "ID:
// error", per customer that failed; a failure does not hold up the
// others.
type Batch struct {
	Files     []string
	Written   int // customers with files written
	Unchanged int // customers with nothing to write: a notice without changes
	Failures  []string
}

// ForCustomers runs write for every customer of custs on jobs goroutines
// (Each), calling done after each, and collects what they wrote: write
// returns the paths it wrote, none for a customer with nothing to write.
func ForCustomers(custs []*agreement.Customer, jobs int, done func(), write func(*agreement.Customer) ([]string, error)) *Batch {
	files, errs := make([][]string, len(custs)), make([]error, len(custs))
	Each(len(custs), jobs, done, func(i int) { files[i], errs[i] = write(custs[i]) })
	b := &Batch{}
	for i, err := range errs {
		switch {
		case err != nil:
			b.Failures = append(b.Failures, custs[i].ID+": "+err.Error())
		case len(files[i]) == 0:
			b.Unchanged++
		default:
			b.Written++
			b.Files = append(b.Files, files[i]...)
		}
	}
	return b
}
