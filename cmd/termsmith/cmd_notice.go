package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/internal/progress"
	"github.com/termsmith/termsmith/store"
	"github.com/termsmith/termsmith/versions"
)

type noticeOptions struct {
	*globalOptions
	batch
	from, to  string
	date      string
	outDir    string
	summary   string
	language  string
	effective string
}

func newNoticeCmd(g *globalOptions) *cobra.Command {
	opts := &noticeOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "notice FROM TO (--customer C | --all)",
		Short: "Write change notices: PDF, e-mail (.eml) and JSON, per customer",
		Long: `Notice writes the change notice customer C receives when published version
TO replaces FROM: a letter from the supplier to the customer's primary
contact with the date TO takes effect and the customer's right to object
within the notice period and its deadline, a summary table of the changes,
and the redline of every changed clause. Only the changes in what C
actually gets count (see termsmith diff); a customer without changes gets
no notice.

Each notice is written as three files in DIR/<customer>/:
  notice-FROM-TO.pdf    the letter, summary and redline
  notice-FROM-TO.eml    an e-mail to the primary contact: text and HTML
                        summary, with the PDF attached
  notice-FROM-TO.json   the changes (docs/notice-json.md)
Each file is written to a temporary file and renamed into place. The paths
written are printed on standard output; progress (on a terminal) and a
summary go to standard error. With --all every customer's notice is
written, in parallel (--jobs, default one per CPU); --shard I/N writes only
the customers of shard I of N, chosen as render --all chooses them. A
customer that fails is reported in the summary and leaves no file; the
others still get their notice, and the exit status is 1.

The letter is the store's own: letters/notice.<language>.md of version TO
(docs/notices.md), with the cross-references to the store's clauses
numbered as in FROM, the terms in force. The language is the store's
(language in termsmith.yaml) unless --language says otherwise.

The notice is dated today. --date YYYY-MM-DD dates it by hand for a
preview: a preview says CONCEPT (DRAFT) on every page and in the e-mail,
its JSON says "preview": true, and it is never to be sent. Notice refuses
when TO takes effect fewer than the notice period's days after the notice
date (notice_period_days of FROM's termsmith.yaml, the terms in force). The
deadline to object follows FROM's notices.objection: the day before TO
takes effect (until-effective), the notice date plus N days ("N days"), or
none.

The plain-language summary that opens the letter is the one published with
TO; --summary FILE gives one for a preview.

TO may be a draft under review — a git revision (branch, commit) or
"worktree" — with --effective DATE: the notices are previews, marked as
such, that show each customer what the draft would send them.`,
		Example: `  termsmith notice 2026-01-01 2026-07-01 --customer acme --date 2026-05-15
  termsmith notice 2026-01-01 2026-07-01 --all --date 2026-05-15 -o notices
  termsmith notice 2026-01-01 2026-07-01 --all --shard 1/4
  termsmith notice 2026-01-01 2026-07-01 --all     # dated today
  termsmith notice 2026-01-01 2026-07-01 --customer acme --date 2026-05-15 --summary summary.md --language en
  termsmith notice 2026-07-01 my-branch --all --effective 2027-01-01 -o preview`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.from, opts.to = a[0], a[1]
			return runNotice(opts)
		},
	}
	opts.addFlags(cmd, "write the notice of", "with --all, write `N` notices at a time", false, true)
	cmd.Flags().StringVar(&opts.date, "date", "", "preview: date the notice `YYYY-MM-DD` (a draft, never to be sent)")
	cmd.Flags().StringVar(&opts.effective, "effective", "", "preview of a draft TO (a git revision or worktree): the `DATE` it would take effect")
	cmd.Flags().StringVar(&opts.summary, "summary", "", "preview: open the letter with the plain-language summary in `FILE`")
	cmd.Flags().StringVar(&opts.language, "language", "", "write the letter in `LANG` (nl or en; default: the store's language)")
	cmd.Flags().StringVarP(&opts.outDir, "output", "o", "out", "write the notices under `DIR`")
	cmd.AddCommand(newNoticeSendCmd(g), newNoticeStatusCmd(g), newNoticeProofCmd(g))
	return cmd
}

func runNotice(opts *noticeOptions) error {
	if err := opts.check("--customer C"); err != nil {
		return err
	}
	var err error
	req := store.NoticeRequest{From: opts.from, To: opts.to, Effective: opts.effective, SummaryFile: opts.summary, Language: opts.language}
	if opts.date != "" {
		if req.Date, err = versions.ParseDate(opts.date); err != nil {
			return unusable(fmt.Errorf("--date: %w", err))
		}
	}
	st := opts.store()
	run, err := st.Notices(req)
	if err != nil {
		return err
	}
	old, new := run.Old, run.New
	if !opts.all {
		c, err := st.Customer(opts.customer)
		if err != nil {
			return err
		}
		files, err := run.Write(c, opts.outDir)
		if err != nil {
			return err
		}
		if files == nil {
			fmt.Fprintf(opts.errOut, "no changes for customer %s from %s to %s: no notice written\n", c.ID, old.Version, new.Version)
		}
		printLines(opts.out, files)
		return nil
	}

	// Customers that do not load are failures like any other: the others
	// still get their notice.
	custs, failures, _ := st.Shard(opts.shardI, opts.shardN)
	start := time.Now()
	bar := progress.New(opts.errOut, "notices", len(custs))
	b := run.WriteAll(custs, opts.outDir, opts.jobs, bar.Done)
	bar.Finish()
	printLines(opts.out, b.Files)
	kind := "notice(s)"
	if run.Preview {
		kind = "preview notice(s) (drafts, not to be sent)"
	}
	fmt.Fprintf(opts.errOut, "wrote %d %s %s → %s%s, dated %s, objection deadline %s, effective %s; %d customer(s) without changes; in %.1fs",
		b.Written, kind, old.Version, new.Version, opts.where(), run.Date.Format(time.DateOnly), run.DeadlineText(),
		new.Effective.Format(time.DateOnly), b.Unchanged, time.Since(start).Seconds())
	return endSummary(opts.errOut, append(failures, b.Failures...))
}
