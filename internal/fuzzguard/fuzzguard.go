// Package fuzzguard bounds one fuzz input in time and memory, so that a hang
// or runaway allocation becomes a saved crasher instead of a stuck fuzzer.
package fuzzguard

import (
	"runtime/metrics"
	"testing"
	"time"
)

// Start guards one input: more than 10 s panics — the panic ends the
// process, and the fuzzer saves the input as a crasher — and the returned
// function, deferred by the caller, fails the input if more than 1 GiB of
// heap is left after it.
func Start(t testing.TB) (stop func()) {
	timer := time.AfterFunc(10*time.Second, func() { panic("a fuzz input ran for more than 10s: a hang") })
	return func() {
		timer.Stop()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(s)
		if n := s[0].Value.Uint64(); n > 1<<30 {
			t.Fatalf("the heap holds %d MiB after one input", n>>20)
		}
	}
}
