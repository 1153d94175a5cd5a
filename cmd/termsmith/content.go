package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/versions"
)

// clock is the time the CLI runs at: "today" for --at's default and the
// publish time. Tests may replace it.
var clock = time.Now

// contentFlags choose the content a command reads: a published version, the
// version in force on a date, or a draft (a git revision or the worktree).
type contentFlags struct {
	version, at, rev string
}

// addContentFlags adds --version, --at and --rev to cmd; resolve them with
// globalOptions.content.
func addContentFlags(cmd *cobra.Command, f *contentFlags) {
	cmd.Flags().StringVar(&f.version, "version", "", "read the published version `V` (default: the version in force today)")
	cmd.Flags().StringVar(&f.at, "at", "", "read the version in force on `DATE` (YYYY-MM-DD)")
	cmd.Flags().StringVar(&f.rev, "rev", "", "read a draft: a git `REV`ision (branch, tag, commit) or \"worktree\" (the uncommitted files)")
}

// openStore opens the store's repository; a directory that is not a store
// or not a repository, or one in the old layout, is unusable input.
func (g *globalOptions) openStore() (*versions.Repo, error) {
	r, err := versions.Open(g.storeDir)
	if errors.Is(err, versions.ErrNotStore) || errors.Is(err, versions.ErrNoRepository) || errors.Is(err, versions.ErrOldLayout) {
		return nil, unusable(err)
	}
	return r, err
}

// content returns the terms content a command reads: published version
// f.version, or the version in force on f.at, or the draft f.rev, or by
// default the version in force today. A store with no published version
// yet (or not yet a git repository) reads its working tree, and the version
// is nil then. A version whose tag or content fails the integrity check is
// an error (exit 1): nothing is made from it.
func (g *globalOptions) content(f contentFlags) (fs.FS, *versions.Version, error) {
	n := 0
	for _, s := range []string{f.version, f.at, f.rev} {
		if s != "" {
			n++
		}
	}
	if n > 1 {
		return nil, nil, unusable(errors.New("use one of --version, --at and --rev"))
	}
	var date time.Time
	if f.at != "" {
		d, err := versions.ParseDate(f.at)
		if err != nil {
			return nil, nil, unusable(fmt.Errorf("--at: %w", err))
		}
		date = d
	}
	r, err := g.openStore()
	if err != nil {
		if n == 0 && errors.Is(err, versions.ErrNoRepository) {
			return os.DirFS(g.storeDir), nil, nil
		}
		return nil, nil, err
	}
	if f.rev != "" {
		return resolve(r, f.rev)
	}
	var v *versions.Version
	switch {
	case f.version != "":
		v, err = r.Get(f.version)
	case f.at != "":
		v, err = r.InForce(date)
	default:
		list, lerr := r.List()
		if lerr != nil {
			return nil, nil, lerr
		}
		if len(list) == 0 {
			return os.DirFS(g.storeDir), nil, nil
		}
		v, err = r.InForce(clock())
	}
	if errors.Is(err, versions.ErrNotFound) {
		return nil, nil, unusable(err)
	}
	if err != nil {
		return nil, nil, err
	}
	fsys, err := r.FS(v.ID)
	if err != nil {
		return nil, nil, err
	}
	return fsys, v, nil
}

// resolve reads name as a published version, a git revision or "worktree".
func resolve(r *versions.Repo, name string) (fs.FS, *versions.Version, error) {
	fsys, v, err := r.Resolve(name)
	if errors.Is(err, versions.ErrNotFound) {
		return nil, nil, unusable(err)
	}
	return fsys, v, err
}
