//go:build !unix && !windows

package gitrefs

import "errors"

// tryLock fails: this system has no file locks that die with their process,
// and publishing without one could lose a concurrent publish.
func tryLock(path string) (unlock func() error, err error) {
	return nil, errors.New("termsmith needs file locking to write to a store, which this system does not provide")
}
