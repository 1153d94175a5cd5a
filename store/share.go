package store

import (
	"strings"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/ledger"
	"github.com/termsmith/termsmith/versions"
)

// ledgerBranch is the proof-of-notice ledger's branch: push and pull carry
// it with the publishing branch.
var ledgerBranch = strings.TrimPrefix(ledger.Ref, "refs/heads/")

// Push sends the publishing branch, the proof-of-notice ledger and every
// version tag to remote, and says what it did.
func (s *Store) Push(remote string) (string, error) {
	repo, err := s.Repo()
	if err != nil {
		return "", err
	}
	return repo.Push(remote, ledgerBranch)
}

// Pull fetches the publishing branch, the proof-of-notice ledger and every
// version tag from remote, refusing a version the remote has with another
// value, and says what it did.
func (s *Store) Pull(remote string) (string, error) {
	repo, err := s.Repo()
	if err != nil {
		return "", err
	}
	return repo.Pull(remote, ledgerBranch)
}

// Migrate converts a store made by an older termsmith to the current
// layout (versions.Repo.Migrate), and says what it did; a directory that
// is not a store is unusable input.
func (s *Store) Migrate() (string, error) {
	repo, err := versions.OpenAny(s.dir)
	if err != nil {
		return "", Unusable(err)
	}
	return repo.Migrate(clauses.Person{}, s.now())
}
