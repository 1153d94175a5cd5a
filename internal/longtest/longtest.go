// Package longtest is the one switch for the long crash, kill, concurrency
// and stress tests: they run only when TERMSMITH_LONG_TESTS=1, so that the
// README's test command stays fast. .ci/run sets it, so CI runs them all.
package longtest

import (
	"os"
	"testing"
)

// Env is the environment variable that turns the long tests on.
const Env = "TERMSMITH_LONG_TESTS"

// Enabled reports whether the long tests run.
func Enabled() bool { return os.Getenv(Env) == "1" }

// Skip skips t unless the long tests are enabled.
func Skip(t testing.TB) {
	t.Helper()
	if !Enabled() {
		t.Skipf("a long test: set %s=1 to run it", Env)
	}
}
