package store

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/internal/output"
	"github.com/termsmith/termsmith/store/terms"
	"github.com/termsmith/termsmith/versions"
)

// Publish freezes a committed revision of the store as a version (see
// versions.Repo.Publish), behind the gate of Check. The version id is
// checked on p.Remote only when the store has that remote. An unknown
// revision is unusable input.
func (s *Store) Publish(p versions.PublishOptions) (*versions.Version, error) {
	repo, err := s.Repo()
	if err != nil {
		return nil, err
	}
	if p.Remote != "" && !repo.HasRemote(p.Remote) {
		p.Remote = ""
	}
	p.Check = s.Check
	v, err := repo.Publish(p)
	if errors.Is(err, versions.ErrNotFound) {
		return nil, Unusable(err)
	}
	return v, err
}

// Check is the gate publish runs on the content it is about to freeze,
// with the customers of the working tree: lint must report no errors — on
// the content and the customers, so that a template renamed under a
// customer's feet is caught — every customer's agreement must assemble
// under the new content, and the notice letter, if the store has letters,
// must parse. Warnings (drafting defects) do not block a version, so a
// faithful import of a legacy document can be published and fixed in the
// next one.
func (s *Store) Check(fsys fs.FS) error {
	rep, err := LintFS(s.WithCustomers(fsys))
	if err != nil {
		return err
	}
	errs := lintErrors(rep)
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	t, err := terms.LoadVersion(fsys, "new", time.Time{}, time.Time{})
	if err != nil {
		return err
	}
	custs, err := agreement.LoadCustomers(s.Work())
	if err != nil {
		errs = append(errs, err)
	}
	for _, id := range sortedIDs(custs) {
		if _, err := assembleFor(t, custs[id]); err != nil {
			errs = append(errs, fmt.Errorf("customer %s: the agreement cannot be assembled: %w", id, err))
		}
	}
	if len(t.Letters) > 0 {
		if _, err := LoadLetter(t, t.Store.Config.Language); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// starter is the content of a new, non-example store.
//
//go:embed all:starter
var starter embed.FS

// gitignore keeps termsmith's output out of the repository.
const gitignore = "# termsmith writes its output here (termsmith render, offer, notice, diff -o).\n/out/\n"

// Create makes a new store in dir — a git repository holding the starter
// content, committed on the branch main at now — or, with example set,
// the built-in example of that name with its history (see CreateExample).
// dir must not exist or be empty; the store is built beside it and moved
// into place, so a failure leaves nothing behind. Each version an example
// publishes is reported to log.
func Create(dir, example string, now time.Time, log io.Writer) error {
	if err := checkEmptyDir(dir); err != nil {
		return Unusable(err)
	}
	var content fs.FS
	if example != "" {
		if err := CheckExample(example); err != nil {
			return err
		}
		content, _ = examples.Store(example)
	} else {
		content, _ = fs.Sub(starter, "starter")
	}
	return output.Build(dir, func(tmp string) error {
		out := output.New(tmp)
		if err := out.WriteFS(content); err != nil {
			return err
		}
		if err := out.WriteFile(out.Join(".gitignore"), []byte(gitignore)); err != nil {
			return err
		}
		if example != "" {
			return replayHistory(example, tmp, log)
		}
		repo, err := versions.Init(tmp, "")
		if err != nil {
			return err
		}
		cfg, err := clauses.LoadConfig(os.DirFS(tmp))
		if err != nil {
			return err
		}
		_, err = repo.Commit("Create the store\n", cfg.Publisher, now)
		return err
	})
}

// CheckExample reports whether name is a built-in example; one that is
// not is unusable input.
func CheckExample(name string) error {
	if _, err := examples.Store(name); err != nil {
		return Unusable(fmt.Errorf("unknown example %q (known: %s)", name, strings.Join(examples.Names(), ", ")))
	}
	return nil
}

// replayHistory makes dir a repository and replays an example's history:
// each version's files are committed on the branch main, an hour before
// the version's publish time, and published from that commit behind the
// same gate as termsmith publish. Times come from the history, so the
// repository is the same on every machine.
func replayHistory(name, dir string, log io.Writer) error {
	history, err := examples.History(name)
	if err != nil {
		return err
	}
	if _, err := versions.Init(dir, ""); err != nil {
		return err
	}
	s := Open(dir, nil)
	for _, h := range history {
		if err := examples.Apply(name, dir, h); err != nil {
			return err
		}
		cfg, err := clauses.LoadConfig(os.DirFS(dir))
		if err != nil {
			return err
		}
		if _, err := s.repo.Commit(h.Message+"\n", cfg.Publisher, h.Published.Add(-time.Hour)); err != nil {
			return fmt.Errorf("example %s, version %s: %w", name, h.ID, err)
		}
		opts := versions.PublishOptions{ID: h.ID, Message: h.Message, Now: h.Published}
		if opts.Effective, err = versions.ParseDate(h.Effective); err != nil {
			return err
		}
		if opts.NoticeDate, err = versions.ParseDate(h.NoticeDate); err != nil {
			return err
		}
		v, err := s.Publish(opts)
		if err != nil {
			return fmt.Errorf("example %s, version %s: %w", name, h.ID, err)
		}
		fmt.Fprintf(log, "published %s: effective %s\n", v.ID, v.Effective.Format(versions.DateLayout))
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
	if _, err := os.Stat(filepath.Join(dir, clauses.ConfigFile)); err == nil {
		return fmt.Errorf("%s is already a termsmith store", dir)
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	return nil
}
