// Package gitrefs is how termsmith's writers share a store's repository:
// one lock that serialises them, and refs written so that a killed process
// leaves either the old or the new value, never a truncated file. Package
// versions (publish, push, pull) and package ledger (sending notices) use
// it; go-git's own ref writing truncates and rewrites the file in place.
package gitrefs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// LockName is the writers' lock file, inside the repository's .git.
const LockName = "termsmith.lock"

// TmpDir, inside .git, holds refs being written and termsmith's caches.
const TmpDir = "termsmith"

// tmpPrefix starts the name of a ref being written.
const tmpPrefix = "ref-"

// ErrBusy: another process holds the writers' lock.
var ErrBusy = errors.New("store is busy")

// Lock takes the writers' lock of the repository whose .git is gitDir,
// without waiting: when another process holds it, the error wraps ErrBusy.
// The kernel releases it when the process ends, however it ends.
func Lock(gitDir string) (unlock func() error, err error) {
	return tryLock(filepath.Join(gitDir, LockName))
}

// Write sets the loose ref name (such as "refs/tags/v1") to h: the value is
// written to a temporary file under TmpDir, synced and renamed over the
// ref. The caller holds the lock and has checked the ref's old value.
func Write(gitDir, name string, h plumbing.Hash) error {
	if !strings.HasPrefix(name, "refs/") || strings.Contains(name, "..") {
		return fmt.Errorf("%q is not a ref name", name)
	}
	tmp := filepath.Join(gitDir, TmpDir)
	if err := os.MkdirAll(tmp, 0o777); err != nil {
		return err
	}
	f, err := os.CreateTemp(tmp, tmpPrefix+"*")
	if err != nil {
		return err
	}
	_, err = f.WriteString(h.String() + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	dst := filepath.Join(gitDir, filepath.FromSlash(name))
	if err == nil {
		err = os.MkdirAll(filepath.Dir(dst), 0o777)
	}
	if err == nil {
		err = os.Rename(f.Name(), dst)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("updating %s: %w", name, err)
	}
	return nil
}

// RemoveTemps deletes refs a killed writer left half written. The caller
// holds the lock.
func RemoveTemps(gitDir string) {
	names, _ := filepath.Glob(filepath.Join(gitDir, TmpDir, tmpPrefix+"*"))
	for _, n := range names {
		os.Remove(n)
	}
}
