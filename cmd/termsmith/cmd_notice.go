package main

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/termsmith/termsmith/internal/output"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/diff/notice"
	"github.com/termsmith/termsmith/templates"
	"github.com/termsmith/termsmith/versions"
)

type noticeOptions struct {
	*globalOptions
	from, to  string
	customer  string
	all       bool
	date      string
	outDir    string
	jobs      int
	shard     string
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
	cmd.Flags().StringVar(&opts.customer, "customer", "", "write the notice of customer `C`")
	cmd.Flags().BoolVar(&opts.all, "all", false, "write the notice of every customer")
	cmd.Flags().StringVar(&opts.date, "date", "", "preview: date the notice `YYYY-MM-DD` (a draft, never to be sent)")
	cmd.Flags().StringVar(&opts.effective, "effective", "", "preview of a draft TO (a git revision or worktree): the `DATE` it would take effect")
	cmd.Flags().StringVar(&opts.summary, "summary", "", "preview: open the letter with the plain-language summary in `FILE`")
	cmd.Flags().StringVar(&opts.language, "language", "", "write the letter in `LANG` (nl or en; default: the store's language)")
	cmd.Flags().StringVarP(&opts.outDir, "output", "o", "out", "write the notices under `DIR`")
	cmd.Flags().StringVar(&opts.shard, "shard", "", "with --all, only the customers of shard `I/N` (as render --all)")
	cmd.Flags().IntVar(&opts.jobs, "jobs", runtime.NumCPU(), "with --all, write `N` notices at a time")
	cmd.AddCommand(newNoticeSendCmd(g), newNoticeStatusCmd(g))
	return cmd
}

// noticeResult is what became of one customer's notice.
type noticeResult struct {
	files []string // the paths written; none for a customer without changes
	err   error
}

func runNotice(opts *noticeOptions) error {
	if opts.all == (opts.customer != "") {
		return unusable(errors.New("give --customer C or --all"))
	}
	shard, shards := 1, 1
	if opts.shard != "" {
		if !opts.all {
			return unusable(errors.New("--shard needs --all"))
		}
		var err error
		if shard, shards, err = parseShard(opts.shard); err != nil {
			return unusable(err)
		}
	}
	if opts.jobs < 1 {
		return unusable(fmt.Errorf("--jobs %d: use 1 or more", opts.jobs))
	}
	date := versions.Day(clock())
	preview := opts.date != ""
	if preview {
		d, err := versions.ParseDate(opts.date)
		if err != nil {
			return unusable(fmt.Errorf("--date: %w", err))
		}
		date = d
	}
	old, new, err := opts.diffSources(opts.from, opts.to)
	if err != nil {
		return err
	}
	if old.Draft {
		return unusable(fmt.Errorf("%s is a draft, not a published version: a notice compares the terms the customers have (a published version) with the new ones", opts.from))
	}
	if new.Draft {
		// A draft under review (a branch, a commit, the worktree) can be
		// previewed, never sent: it has no effective date of its own.
		if opts.effective == "" {
			return unusable(fmt.Errorf("%s is a draft, not a published version: give --effective DATE for the preview", opts.to))
		}
		d, err := versions.ParseDate(opts.effective)
		if err != nil {
			return unusable(fmt.Errorf("--effective: %w", err))
		}
		new.Effective = d
		preview = true
	} else if opts.effective != "" {
		return unusable(fmt.Errorf("--effective is for a draft: version %s takes effect on %s", new.Version, new.Effective.Format(time.DateOnly)))
	}
	var summary *string
	if opts.summary != "" {
		if !preview {
			return unusable(errors.New("--summary is for a preview (with --date, or of a draft): a notice to send opens with the summary published with version " + opts.to))
		}
		s, err := readSummary(opts.summary)
		if err != nil {
			return unusable(err)
		}
		summary = &s
	}
	if !old.Effective.Before(new.Effective) {
		return unusable(fmt.Errorf("version %s (effective %s) does not take effect before version %s (effective %s): give the older version first",
			old.Version, old.Effective.Format(time.DateOnly), new.Version, new.Effective.Format(time.DateOnly)))
	}
	period := diff.NoticePeriod(old, new)
	if err := notice.Check(new.Version, date, new.Effective, period); err != nil {
		return fmt.Errorf("notice refused: %w", err)
	}
	lang := opts.language
	if lang == "" {
		lang = new.Store.Config.Language
	}
	if !slices.Contains(diff.Languages, lang) {
		return unusable(fmt.Errorf("--language %q: use %s", lang, strings.Join(diff.Languages, " or ")))
	}
	letter, err := notice.LoadLetter(new, lang)
	if err != nil {
		return unusable(err)
	}
	between, err := opts.between(old, new)
	if err != nil {
		return err
	}
	job := &noticeJob{old: old, new: new, date: date, preview: preview, summary: summary, lang: lang, letter: letter, between: between, outDir: opts.outDir}

	if !opts.all {
		c, err := opts.loadCustomer(opts.customer)
		if err != nil {
			return err
		}
		res := job.write(c)
		if res.err != nil {
			return res.err
		}
		if res.files == nil {
			fmt.Fprintf(opts.errOut, "no changes for customer %s from %s to %s: no notice written\n", c.ID, old.Version, new.Version)
		}
		for _, f := range res.files {
			fmt.Fprintln(opts.out, f)
		}
		return nil
	}

	// Customers that do not load are failures like any other: the others
	// still get their notice.
	custs, ids, failures := shardCustomers(opts.storeDir, shard, shards)

	defer batchGC()() // as render --all: a notice PDF is mostly short-lived garbage
	start := time.Now()
	results := make([]noticeResult, len(ids))
	progress := newProgress(opts.errOut, "notices", len(ids), stderrIsTerminal(opts.errOut))
	forEach(len(ids), opts.jobs, progress, func(i int) {
		results[i] = job.write(custs[ids[i]])
	})

	written, unchanged := 0, 0
	for i, r := range results {
		switch {
		case r.err != nil:
			failures = append(failures, ids[i]+": "+r.err.Error())
		case r.files == nil:
			unchanged++
		default:
			written++
			for _, f := range r.files {
				fmt.Fprintln(opts.out, f)
			}
		}
	}
	where := ""
	if shards > 1 {
		where = fmt.Sprintf(" (shard %d/%d)", shard, shards)
	}
	kind := "notice(s)"
	if preview {
		kind = "preview notice(s) (drafts, not to be sent)"
	}
	deadline := "none (objection rule " + diff.ObjectionRule(old, new).String() + ")"
	if diff.ObjectionRule(old, new).String() == "" {
		deadline = "none (no objection rule declared in notices.objection)"
	}
	if d := diff.Deadline(date, new.Effective, diff.ObjectionRule(old, new)); !d.IsZero() {
		deadline = d.Format(time.DateOnly)
	}
	fmt.Fprintf(opts.errOut, "wrote %d %s %s → %s%s, dated %s, objection deadline %s, effective %s; %d customer(s) without changes; in %.1fs",
		written, kind, old.Version, new.Version, where, date.Format(time.DateOnly), deadline,
		new.Effective.Format(time.DateOnly), unchanged, time.Since(start).Seconds())
	if len(failures) == 0 {
		fmt.Fprintln(opts.errOut)
		return nil
	}
	fmt.Fprintf(opts.errOut, "; %d failed:\n", len(failures))
	for _, f := range failures {
		fmt.Fprintln(opts.errOut, "  "+strings.ReplaceAll(f, "\n", "\n    "))
	}
	return errSilent
}

// noticeJob is what every customer's notice of one run shares.
type noticeJob struct {
	old, new *diff.Source
	date     time.Time
	preview  bool
	summary  *string // --summary; nil: the summary published with new
	lang     string
	letter   *notice.Letter
	between  []diff.Step
	outDir   string
}

// write builds one customer's notice and writes its three files, all or
// none; a customer without changes gets none.
func (j *noticeJob) write(c *templates.Customer) noticeResult {
	old, new, outDir := j.old, j.new, j.outDir
	r, err := diff.NewReport(old, new, c, j.date)
	if err != nil {
		return noticeResult{err: err}
	}
	if len(r.Changes) == 0 {
		return noticeResult{}
	}
	r.Preview, r.Language, r.Between = j.preview, j.lang, j.between
	if j.summary != nil {
		r.Summary = *j.summary
	}
	n, err := notice.New(r, new.Store.Config.Supplier, j.letter)
	if err != nil {
		return noticeResult{err: err}
	}
	files, err := n.Build()
	if err != nil {
		return noticeResult{err: err}
	}
	// Customer and version ids hold no path separator and no "..", so these
	// paths stay inside outDir; checked again here because it matters.
	base := n.Base()
	if !filepath.IsLocal(c.ID) || !filepath.IsLocal(base) {
		return noticeResult{err: fmt.Errorf("refusing to write %s/%s outside %s", c.ID, base, outDir)}
	}
	dir := filepath.Join(outDir, c.ID)
	paths := []string{filepath.Join(dir, base+".pdf"), filepath.Join(dir, base+".eml"), filepath.Join(dir, base+".json")}
	if err := output.New(outDir).WriteAll([]output.File{{Path: paths[0], Data: files.PDF}, {Path: paths[1], Data: files.EML}, {Path: paths[2], Data: files.JSON}}); err != nil {
		return noticeResult{err: err}
	}
	return noticeResult{files: paths}
}

// maxSummary bounds a summary file: a plain-language summary is a few
// paragraphs.
const maxSummary = 64 << 10

// readSummary reads a plain-language summary: UTF-8 text, at most 64 KiB.
func readSummary(file string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("--summary: %w", err)
	}
	if len(data) > maxSummary {
		return "", fmt.Errorf("--summary: %s: %d bytes; a summary is at most %d", file, len(data), maxSummary)
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return "", fmt.Errorf("--summary: %s:%d: not UTF-8 text", file, 1+bytes.Count(data[:i], []byte("\n")))
		}
		i += size
	}
	return strings.TrimSpace(strings.TrimPrefix(string(data), "\ufeff")), nil
}

// between returns the versions published between old and new (by
// effective date), oldest first: a notice from old to new includes their
// changes.
func (g *globalOptions) between(old, new *diff.Source) ([]diff.Step, error) {
	repo, err := g.openStore()
	if err != nil {
		return nil, err
	}
	list, err := repo.List()
	if err != nil {
		return nil, err
	}
	var out []diff.Step
	for _, v := range list {
		if v.Effective.After(old.Effective) && v.Effective.Before(new.Effective) {
			out = append(out, diff.Step{Version: v.ID, Effective: v.Effective})
		}
	}
	sort.Slice(out, func(i, k int) bool { return out[i].Effective.Before(out[k].Effective) })
	return out, nil
}
