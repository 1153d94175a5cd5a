package versions

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/termsmith/termsmith/clauses"
)

// Commit records every file of the working tree (what .gitignore does not
// exclude; deletions too) as a commit on the checked-out branch, by author
// at when, and returns it. `termsmith init` and the example histories use
// it; authors otherwise commit with git as they like.
func (r *Repo) Commit(message string, author clauses.Person, when time.Time) (plumbing.Hash, error) {
	if err := checkAuthor(author); err != nil {
		return plumbing.ZeroHash, err
	}
	release, err := r.exclusive()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	defer release()
	return r.commitAll(message, author, when)
}

func (r *Repo) commitAll(message string, author clauses.Person, when time.Time) (plumbing.Hash, error) {
	wt, err := r.git.Worktree()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("adding the working tree: %w", err)
	}
	sig := &object.Signature{Name: author.Name, Email: author.Email, When: when}
	h, err := wt.Commit(message, &git.CommitOptions{All: true, Author: sig, Committer: sig})
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("committing the working tree: %w", err)
	}
	return h, nil
}

// Migrate converts a store of the old layout, whose versions were listed in
// refs/termsmith/versions on commits of no branch, to the current one: the
// publishing branch gets a commit of the working tree whose parent is the
// latest published version's commit (so the versions become its history),
// and the old index ref is deleted. The version tags stay as they are:
// their records already name the commit each was published from. A store
// already in the current layout is left alone.
func (r *Repo) Migrate(author clauses.Person, when time.Time) (string, error) {
	release, err := r.exclusive()
	if err != nil {
		return "", err
	}
	defer release()
	if _, err := r.git.Reference(OldIndexRef, false); err != nil {
		return "the store is already in the current layout", nil
	}
	list, err := r.versions()
	if err != nil {
		return "", err
	}
	if author.Name == "" && author.Email == "" {
		if len(list) > 0 {
			author = list[len(list)-1].Author
		}
	}
	if err := checkAuthor(author); err != nil {
		return "", err
	}
	branch, err := r.branch()
	if err != nil {
		return "", err
	}
	name := plumbing.NewBranchReferenceName(branch)
	if _, err := r.git.Reference(name, false); err == nil {
		return "", fmt.Errorf("%w: branch %s already exists; migrate expects the old layout, which had none", ErrRefused, branch)
	} else if !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return "", err
	}
	if err := r.git.Storer.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, name)); err != nil {
		return "", err
	}
	if len(list) > 0 {
		latest := plumbing.NewHash(list[len(list)-1].Commit)
		if err := r.git.Storer.SetReference(plumbing.NewHashReference(name, latest)); err != nil {
			return "", err
		}
		wt, err := r.git.Worktree()
		if err != nil {
			return "", err
		}
		// The index takes the latest version's tree; the files stay as
		// they are, so the commit records what changed since.
		if err := wt.Reset(&git.ResetOptions{Commit: latest, Mode: git.MixedReset}); err != nil {
			return "", err
		}
	}
	h, err := r.commitAll("Convert the store to the current layout\n\nThe working tree, committed on top of the latest published version.\n", author, when)
	if errors.Is(err, git.ErrEmptyCommit) && len(list) > 0 {
		// The working tree is the latest version: the branch starts there.
		h, err = plumbing.NewHash(list[len(list)-1].Commit), nil
	}
	if err != nil {
		return "", err
	}
	if err := r.git.Storer.RemoveReference(OldIndexRef); err != nil {
		return "", err
	}
	return fmt.Sprintf("converted: %d version(s) kept as tags; branch %s at %s", len(list), branch, h.String()[:12]), nil
}
