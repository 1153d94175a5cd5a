// Package lazy defers work that package initialisation would otherwise do
// for every command, however little of it the command uses: a regular
// expression is compiled the first time it is used, not at process start
// (`termsmith --help` and `termsmith versions` start in milliseconds).
package lazy

import (
	"regexp"
	"sync"
)

// Regexp returns a function that compiles expr on its first call and
// returns the same *regexp.Regexp ever after; it panics, as
// regexp.MustCompile does, if expr is invalid (tests catch that).
func Regexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
