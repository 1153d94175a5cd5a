package store

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/termsmith/termsmith/store/terms"
	"github.com/termsmith/termsmith/versions"
)

// Selector chooses the content a command reads: a published version, the
// version in force on a date, or a draft (a git revision or "worktree").
// At most one is set; none means the version in force today.
type Selector struct {
	Version string // a published version id
	At      string // a date, YYYY-MM-DD
	Rev     string // a git revision, or "worktree"
}

// ContentFS resolves sel and returns the content's files and version. A
// store with no published version yet (or not yet a git repository) reads
// its working tree when sel is empty, and the version is nil then. A
// version whose tag or content fails the integrity check is an error (exit
// status 1): nothing is made from it.
func (s *Store) ContentFS(sel Selector) (fs.FS, *versions.Version, error) {
	n := 0
	for _, v := range []string{sel.Version, sel.At, sel.Rev} {
		if v != "" {
			n++
		}
	}
	if n > 1 {
		return nil, nil, Unusable(errors.New("use one of --version, --at and --rev"))
	}
	var date time.Time
	if sel.At != "" {
		d, err := versions.ParseDate(sel.At)
		if err != nil {
			return nil, nil, Unusable(fmt.Errorf("--at: %w", err))
		}
		date = d
	}
	r, err := s.Repo()
	if err != nil {
		if n == 0 && errors.Is(err, versions.ErrNoRepository) {
			return s.Work(), nil, nil
		}
		return nil, nil, err
	}
	if sel.Rev != "" {
		return s.resolveFS(sel.Rev)
	}
	var v *versions.Version
	switch {
	case sel.Version != "":
		v, err = r.Get(sel.Version)
	case sel.At != "":
		v, err = r.InForce(date)
	default:
		list, lerr := r.List()
		if lerr != nil {
			return nil, nil, lerr
		}
		if len(list) == 0 {
			return s.Work(), nil, nil
		}
		v, err = r.InForce(s.now())
	}
	if errors.Is(err, versions.ErrNotFound) {
		return nil, nil, Unusable(err)
	}
	if err != nil {
		return nil, nil, err
	}
	fsys, err := r.VersionFS(v)
	if err != nil {
		return nil, nil, err
	}
	return fsys, v, nil
}

// Content resolves sel and loads that content; content that cannot be
// read is unusable input, as for lint.
func (s *Store) Content(sel Selector) (*terms.Content, error) {
	fsys, v, err := s.ContentFS(sel)
	if err != nil {
		return nil, err
	}
	t, err := terms.Load(fsys)
	if err != nil {
		return nil, Unusable(err)
	}
	describe(t, v)
	return t, nil
}

// Resolve loads name: a published version, a git revision (a draft) or
// "worktree". Content that cannot be read is unusable input, and the error
// names the version.
func (s *Store) Resolve(name string) (*terms.Content, error) {
	fsys, v, err := s.resolveFS(name)
	if err != nil {
		return nil, err
	}
	t, err := terms.Load(fsys)
	if err != nil {
		return nil, Unusable(fmt.Errorf("version %s: %w", v.ID, err))
	}
	describe(t, v)
	return t, nil
}

func (s *Store) resolveFS(name string) (fs.FS, *versions.Version, error) {
	r, err := s.Repo()
	if err != nil {
		return nil, nil, err
	}
	fsys, v, err := r.Resolve(name)
	if errors.Is(err, versions.ErrNotFound) {
		return nil, nil, Unusable(err)
	}
	return fsys, v, err
}

// describe gives loaded content what is known of its version (nil: the
// working tree of a store without versions).
func describe(t *terms.Content, v *versions.Version) {
	if v == nil {
		return
	}
	t.Version, t.Effective, t.NoticeDate = v.ID, v.Effective, v.NoticeDate
	t.Draft, t.Summary = v.Draft, v.Summary
}
