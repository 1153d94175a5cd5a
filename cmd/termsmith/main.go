// Command termsmith manages general terms and conditions as code: clause
// files in a git-backed store, rendered per customer, versioned and diffed.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	shortLivedGC()
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}

// shortLivedGC tunes the garbage collector for a process that ends as
// soon as its command is done: collecting before the end is mostly wasted
// work (a tenth of one agreement's time), so the collector runs only once
// the heap reaches 256 MiB. Batch commands bound their memory themselves
// (store.BatchGC); GOGC or GOMEMLIMIT in the environment win.
func shortLivedGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(256 << 20)
}
