package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/mail"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/lint"
	"github.com/termsmith/termsmith/versions"
)

type publishOptions struct {
	*globalOptions
	id         string
	effective  string
	noticeDate string
	message    string
	author     string
}

func newPublishCmd(g *globalOptions) *cobra.Command {
	opts := &publishOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "publish VERSION --effective DATE",
		Short: "Freeze the store's terms as a published version",
		Long: `Publish freezes the terms content of the working tree (termsmith.yaml,
clauses/ and templates/; not customers/) as version VERSION: it commits it,
creates the annotated tag VERSION and records the version — effective date,
notice date, publish time, author, message, content hash — in the
repository. A published version never changes.

VERSION is 1 to 64 letters, digits, '.', '_' and '-', such as 2026-01-01.
Publish refuses, leaving the store unchanged: a VERSION that exists; content
with lint errors or identical to the latest version; an effective date that
is not after every published one, or fewer than the store's
notice_period_days (default 30) after the notice date (default today) —
except for the first version. Only one publish runs at a time in a store;
another fails at once.

The author is the store's publisher (termsmith.yaml) unless --author is
given; the machine's git configuration is never used.`,
		Example: `  termsmith publish 2026-07-01 --effective 2026-07-01 -m "Data Act addendum"
  termsmith publish 2026-07-01 --effective 2026-07-01 --notice-date 2026-05-15
  termsmith publish v1 --effective 2026-01-01 --author "Jan Jurist <jan@example.com>"`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.id = a[0]
			return runPublish(opts)
		},
	}
	cmd.Flags().StringVar(&opts.effective, "effective", "", "the `DATE` (YYYY-MM-DD) the version takes effect; required")
	cmd.Flags().StringVar(&opts.noticeDate, "notice-date", "", "the `DATE` customers are notified (default today)")
	cmd.Flags().StringVarP(&opts.message, "message", "m", "", "a `MESSAGE` describing the version")
	cmd.Flags().StringVar(&opts.author, "author", "", `the author, as "Name <email>" (default: publisher in termsmith.yaml)`)
	return cmd
}

func runPublish(opts *publishOptions) error {
	if err := versions.CheckID(opts.id); err != nil {
		return unusable(err)
	}
	if opts.effective == "" {
		return unusable(errors.New("--effective DATE is required"))
	}
	p := versions.PublishOptions{ID: opts.id, Message: opts.message, Now: clock(), Check: checkPublishable}
	var err error
	if p.Effective, err = versions.ParseDate(opts.effective); err != nil {
		return unusable(fmt.Errorf("--effective: %w", err))
	}
	if opts.noticeDate != "" {
		if p.NoticeDate, err = versions.ParseDate(opts.noticeDate); err != nil {
			return unusable(fmt.Errorf("--notice-date: %w", err))
		}
	}
	if opts.author != "" {
		a, err := mail.ParseAddress(opts.author)
		if err != nil || a.Name == "" {
			return unusable(fmt.Errorf("--author %q: use \"Name <email>\"", opts.author))
		}
		p.Author = clauses.Person{Name: a.Name, Email: a.Address}
	}
	repo, err := opts.openStore()
	if err != nil {
		return err
	}
	v, err := repo.Publish(p)
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.out, "published %s: effective %s, notice date %s, commit %s\n",
		v.ID, dateString(v.Effective), dateString(v.NoticeDate), v.Commit)
	return nil
}

// checkPublishable is the check publish runs on the content it is about to
// freeze: lint must report no errors. Warnings — drafting defects — do not
// block a version, so a faithful import of a legacy document can be
// published and fixed in the next one.
func checkPublishable(fsys fs.FS) error {
	rep, err := lint.Run(fsys)
	if err != nil {
		return err
	}
	var errs []error
	for _, f := range rep.Findings {
		if f.Severity == lint.Error {
			errs = append(errs, errors.New(f.String()))
		}
	}
	return errors.Join(errs...)
}

// dateString formats a date for output.
func dateString(t time.Time) string { return t.Format(versions.DateLayout) }
