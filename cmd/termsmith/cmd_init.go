package main

import (
	"embed"
	"errors"
	"fmt"
	"github.com/termsmith/termsmith/internal/output"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/versions"
)

// starter is the content of a new, non-example store.
//
//go:embed all:starter
var starter embed.FS

type initOptions struct {
	*globalOptions
	dir     string
	example string
}

func newInitCmd(g *globalOptions) *cobra.Command {
	opts := &initOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Create a store",
		Long: `Create a termsmith store in DIR: a git repository holding a termsmith.yaml,
one document with two clauses, a template and a customer to start from,
committed on the branch main with a .gitignore for out/. Share it like any
repository (git remote add origin URL; termsmith push).

With --example, the store is one of the built-in examples (embedded in the
binary, so this works from any directory) with its history: each version a
commit on main, tagged as a published version.

DIR must not exist or be empty; the store is built beside it and moved into
place, so a failure leaves nothing behind.`,
		Example: `  termsmith init ./terms
  termsmith init /tmp/s --example smarttrackers
  termsmith --store /tmp/s lint`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.dir = a[0]
			return runInit(opts)
		},
	}
	cmd.Flags().StringVar(&opts.example, "example", "", "create the built-in example `NAME` (smarttrackers or tracksavers)")
	return cmd
}

func runInit(opts *initOptions) error {
	if err := checkEmptyDir(opts.dir); err != nil {
		return unusable(err)
	}
	build := func(tmp string) error {
		content, err := fs.Sub(starter, "starter")
		if err != nil {
			return err
		}
		if err := output.New(tmp).WriteFS(content); err != nil {
			return err
		}
		if err := writeGitignore(tmp); err != nil {
			return err
		}
		repo, err := versions.Init(tmp, "")
		if err != nil {
			return err
		}
		cfg, err := clauses.LoadConfig(os.DirFS(tmp))
		if err != nil {
			return err
		}
		_, err = repo.Commit("Create the store\n", cfg.Publisher, clock())
		return err
	}
	if opts.example != "" {
		content, err := examples.Store(opts.example)
		if err != nil {
			return unusable(fmt.Errorf("unknown example %q (known: %s)", opts.example, strings.Join(examples.Names(), ", ")))
		}
		build = func(tmp string) error {
			if err := output.New(tmp).WriteFS(content); err != nil {
				return err
			}
			if err := writeGitignore(tmp); err != nil {
				return err
			}
			return publishHistory(opts.example, tmp, opts.errOut)
		}
	}
	if err := output.Build(opts.dir, build); err != nil {
		return err
	}
	fmt.Fprintf(opts.errOut, "created store %s\n", opts.dir)
	return nil
}

// gitignore keeps termsmith's output out of the repository.
const gitignore = "# termsmith writes its output here (termsmith render, offer, notice, diff -o).\n/out/\n"

func writeGitignore(dir string) error {
	return output.New(dir).WriteFile(filepath.Join(dir, ".gitignore"), []byte(gitignore))
}

// publishHistory makes dir a repository and replays an example's history:
// each version's files are committed on the branch main, an hour before
// the version's publish time, and published from that commit through the
// same code path as termsmith publish. Times come from the history, so the
// repository is the same on every machine.
func publishHistory(name, dir string, log io.Writer) error {
	history, err := examples.History(name)
	if err != nil {
		return err
	}
	repo, err := versions.Init(dir, "")
	if err != nil {
		return err
	}
	for _, h := range history {
		if err := examples.Apply(name, dir, h); err != nil {
			return err
		}
		cfg, err := clauses.LoadConfig(os.DirFS(dir))
		if err != nil {
			return err
		}
		if _, err := repo.Commit(h.Message+"\n", cfg.Publisher, h.Published.Add(-time.Hour)); err != nil {
			return fmt.Errorf("example %s, version %s: %w", name, h.ID, err)
		}
		opts := versions.PublishOptions{ID: h.ID, Message: h.Message, Now: h.Published, Check: publishCheck(dir)}
		if opts.Effective, err = versions.ParseDate(h.Effective); err != nil {
			return err
		}
		if opts.NoticeDate, err = versions.ParseDate(h.NoticeDate); err != nil {
			return err
		}
		v, err := repo.Publish(opts)
		if err != nil {
			return fmt.Errorf("example %s, version %s: %w", name, h.ID, err)
		}
		fmt.Fprintf(log, "published %s: effective %s\n", v.ID, dateString(v.Effective))
	}
	return nil
}

// checkEmptyDir accepts a directory that does not exist or is empty.
func checkEmptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, "termsmith.yaml")); err == nil {
		return fmt.Errorf("%s is already a termsmith store", dir)
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	return nil
}
