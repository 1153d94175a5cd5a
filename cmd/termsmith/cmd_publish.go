package main

import (
	"errors"
	"fmt"
	"net/mail"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/store"
	"github.com/termsmith/termsmith/versions"
)

type publishOptions struct {
	*globalOptions
	id         string
	effective  string
	noticeDate string
	message    string
	summary    string
	author     string
	from       string
	remote     string
	offline    bool
}

func newPublishCmd(g *globalOptions) *cobra.Command {
	opts := &publishOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "publish VERSION --effective DATE",
		Short: "Freeze the store's terms as a published version",
		Long: `Publish freezes a committed revision of the store — by default the tip of
the publishing branch (main, or branch: in termsmith.yaml), or --from REV —
as version VERSION: it creates the annotated tag VERSION on that commit,
whose message records the version (effective date, notice date, publish
time, author, message, summary, content hash of termsmith.yaml, clauses/,
letters/ and templates/, source commit; docs/versions.md). The tag travels
with git clone, fetch and push; termsmith push shares it. A published
version never changes.

VERSION is 1 to 64 letters, digits, '.', '_' and '-', such as 2026-01-01.
Publish refuses, leaving the store unchanged: a VERSION that is a tag or a
branch here, or a tag on the remote (origin, unless --offline); uncommitted
changes to the terms content when publishing the branch tip; content with
lint errors or identical to the latest version; a notice date in the past;
an effective date that is not after every published one, or fewer than the
notice_period_days (default 30) of the version in force after the notice
date (default today) — except for the first version. Only one publish runs
at a time in a store; another fails at once.

The author is the store's publisher (termsmith.yaml) unless --author is
given; the machine's git configuration is never used.`,
		Example: `  termsmith publish 2026-07-01 --effective 2026-07-01 -m "Data Act addendum" --summary summary.md
  termsmith publish 2026-07-01 --effective 2026-07-01 --from review/data-act
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
	cmd.Flags().StringVar(&opts.summary, "summary", "", "a Markdown `FILE` with a plain-language summary of the changes; it opens the change notices")
	cmd.Flags().StringVar(&opts.author, "author", "", `the author, as "Name <email>" (default: publisher in termsmith.yaml)`)
	cmd.Flags().StringVar(&opts.from, "from", "", "publish the committed `REV`ision (branch, tag, commit) instead of the publishing branch's tip")
	cmd.Flags().StringVar(&opts.remote, "remote", versions.DefaultRemote, "check that the version id is new on `REMOTE` too, when the store has it")
	cmd.Flags().BoolVar(&opts.offline, "offline", false, "do not check the remote (push will still refuse a clash)")
	return cmd
}

func runPublish(opts *publishOptions) error {
	if err := versions.CheckID(opts.id); err != nil {
		return unusable(err)
	}
	if opts.effective == "" {
		return unusable(errors.New("--effective DATE is required"))
	}
	p := versions.PublishOptions{ID: opts.id, Message: opts.message, From: opts.from, Remote: opts.remote, Offline: opts.offline, Now: clock()}
	if opts.summary != "" {
		data, err := store.ReadText(opts.summary)
		if err != nil {
			return unusable(fmt.Errorf("--summary: %w", err))
		}
		p.Summary = string(data)
	}
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
	v, err := opts.store().Publish(p)
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.out, "published %s: effective %s, notice date %s, commit %s\n",
		v.ID, dateString(v.Effective), dateString(v.NoticeDate), v.Commit)
	return nil
}

// dateString formats a date for output.
func dateString(t time.Time) string { return t.Format(versions.DateLayout) }
