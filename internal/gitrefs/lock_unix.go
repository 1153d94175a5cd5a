//go:build unix

package gitrefs

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes an exclusive lock on the file at path without waiting. The
// kernel releases it when the process ends, however it ends.
func tryLock(path string) (unlock func() error, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrBusy
		}
		return nil, &os.PathError{Op: "flock", Path: path, Err: err}
	}
	return f.Close, nil
}
