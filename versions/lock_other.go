//go:build !unix && !windows

package versions

import "errors"

// tryLock fails: this system has no file locks that die with their process,
// and publishing without one could lose a concurrent publish.
func tryLock(path string) (unlock func() error, err error) {
	return nil, errors.New("publishing needs file locking, which this system does not provide")
}
