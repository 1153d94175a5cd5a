// Package store is termsmith's application layer: it opens a store once
// and answers what the commands need — which content (a published
// version, the version in force on a date, a draft revision or the
// worktree), the loaded terms of that content (package store/terms),
// which customers, the versions and their status, lint of the chosen
// content, an agreement or offer for a customer and batches of them, the
// comparison of two contents for a customer, the change notices written
// and sent (recorded in the proof-of-notice ledger), their status and the
// proof of each (the kept message checked against the ledger),
// publishing behind the lint gate, push and pull, an import as one
// transaction, a new store or an example with its history, and the demo.
// The command line (cmd/termsmith) parses flags, calls it and prints; the
// domain packages below it (clauses, agreement, versions, lint, diff,
// notice, render, offer, importer, ledger, mailer) each do one stage.
//
// An error that means "the input cannot be used" (a directory that is not
// a store, a file that does not parse, an unknown version or customer) is
// marked with Unusable; the command line maps it to exit status 2.
package store

import (
	"errors"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/render"
	"github.com/termsmith/termsmith/versions"
)

// Store is a termsmith store, opened once: its directory (the working
// tree), its repository when it has one, and the clock that says what
// "today" is.
type Store struct {
	dir  string
	now  func() time.Time
	repo *versions.Repo
	err  error // from opening the repository
}

// Open opens the store in dir. A directory without a repository (a store
// being set up) is a store too: it has a working tree and no versions.
// now is the clock; nil means time.Now.
func Open(dir string, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	s := &Store{dir: dir, now: now}
	s.repo, s.err = versions.Open(dir)
	return s
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

// Now returns the store's clock's time.
func (s *Store) Now() time.Time { return s.now() }

// Today returns the date of today, UTC midnight.
func (s *Store) Today() time.Time { return versions.Day(s.now()) }

// Work returns the store's working tree.
func (s *Store) Work() fs.FS { return os.DirFS(s.dir) }

// Repo returns the store's repository; a directory that is not a store,
// not a repository or in the old layout is unusable input.
func (s *Store) Repo() (*versions.Repo, error) {
	if errors.Is(s.err, versions.ErrNotStore) || errors.Is(s.err, versions.ErrNoRepository) || errors.Is(s.err, versions.ErrOldLayout) {
		return nil, Unusable(s.err)
	}
	return s.repo, s.err
}

// Config reads termsmith.yaml of the working tree.
func (s *Store) Config() (clauses.Config, error) {
	cfg, err := clauses.LoadConfig(s.Work())
	if err != nil {
		return cfg, Unusable(err)
	}
	return cfg, nil
}

// InputError is an error of input that cannot be used: exit status 2.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Unusable marks err as an error of input that cannot be used; nil stays
// nil.
func Unusable(err error) error {
	if err == nil || IsUnusable(err) {
		return err
	}
	return &InputError{Err: err}
}

// IsUnusable reports whether err is, or wraps, an error of unusable input:
// one marked with Unusable, or a value that is not valid wherever it is
// found (loading a customer file or assembling its agreement).
func IsUnusable(err error) bool {
	var ie *InputError
	return errors.As(err, &ie) || clauses.HasKind(err, clauses.KindInvalidValue)
}

// Customer reads customer id from the working tree (customers are not
// versioned); an unknown or invalid customer is unusable input.
func (s *Store) Customer(id string) (*agreement.Customer, error) {
	c, err := agreement.LoadCustomer(s.Work(), id)
	return c, Unusable(err)
}

// Customers reads every customer of the working tree, sorted by id. A
// customer file that does not load is a failure among the others: the
// failures are returned one per line, with the customers that do load.
func (s *Store) Customers() (custs []*agreement.Customer, failures []string) {
	all, err := agreement.LoadCustomers(s.Work())
	for _, id := range sortedIDs(all) {
		custs = append(custs, all[id])
	}
	if err != nil {
		failures = strings.Split(err.Error(), "\n")
	}
	return custs, failures
}

// Shard returns the customers of shard i of n (as render --shard I/N: by a
// hash of the id, so that adding a customer never moves another one), the
// failures as Customers does, and the number of customers in all shards.
func (s *Store) Shard(i, n int) (custs []*agreement.Customer, failures []string, total int) {
	all, failures := s.Customers()
	for _, c := range all {
		if render.InShard(c.ID, i, n) {
			custs = append(custs, c)
		}
	}
	return custs, failures, len(all)
}

// WithCustomers returns the terms content fsys with the working tree's
// customers, which are not part of a version: what lint reads.
func (s *Store) WithCustomers(fsys fs.FS) fs.FS { return withCustomers{terms: fsys, work: s.Work()} }

type withCustomers struct{ terms, work fs.FS }

func (w withCustomers) Open(name string) (fs.File, error) {
	if name == "customers" || strings.HasPrefix(name, "customers/") {
		return w.work.Open(name)
	}
	return w.terms.Open(name)
}

func sortedIDs[V any](m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
