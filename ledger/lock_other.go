//go:build !unix && !windows

package ledger

import "errors"

// tryLock fails: this system has no file locks that die with their
// process, and writing the ledger without one could lose a record.
func tryLock(path string) (unlock func() error, err error) {
	return nil, errors.New("the notice ledger needs file locking, which this system does not provide")
}
