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

// addContentFlags adds --version and --at, which choose the published
// version a command reads, to cmd; resolve them with globalOptions.content.
func addContentFlags(cmd *cobra.Command, version, at *string) {
	cmd.Flags().StringVar(version, "version", "", "read the published version `V` (default: the version in force today)")
	cmd.Flags().StringVar(at, "at", "", "read the version in force on `DATE` (YYYY-MM-DD)")
}

// openStore opens the store's repository; a directory that is not a store
// or not a repository is unusable input.
func (g *globalOptions) openStore() (*versions.Repo, error) {
	r, err := versions.Open(g.storeDir)
	if errors.Is(err, versions.ErrNotStore) || errors.Is(err, versions.ErrNoRepository) {
		return nil, unusable(err)
	}
	return r, err
}

// content returns the terms content a command reads: published version
// `version`, or the version in force on `at`, or by default the version in
// force today. A store with no published version yet (or not yet a git
// repository) reads its working tree, and the version is nil then.
func (g *globalOptions) content(version, at string) (fs.FS, *versions.Version, error) {
	if version != "" && at != "" {
		return nil, nil, unusable(errors.New("use --version or --at, not both"))
	}
	var date time.Time
	if at != "" {
		d, err := versions.ParseDate(at)
		if err != nil {
			return nil, nil, unusable(fmt.Errorf("--at: %w", err))
		}
		date = d
	}
	r, err := g.openStore()
	if err != nil {
		if version == "" && at == "" && errors.Is(err, versions.ErrNoRepository) {
			return os.DirFS(g.storeDir), nil, nil
		}
		return nil, nil, err
	}
	var v *versions.Version
	switch {
	case version != "":
		v, err = r.Get(version)
	case at != "":
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
