package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/diff/notice"
	"github.com/termsmith/termsmith/templates"
	"github.com/termsmith/termsmith/versions"
)

type noticeOptions struct {
	*globalOptions
	from, to string
	customer string
	all      bool
	date     string
	outDir   string
	jobs     int
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
written, in parallel.

The notice is dated --date; without it, today. Notice refuses when TO
takes effect fewer than the notice period's days after that date (the
notice_period_days of termsmith.yaml, default 30; the longer of the two
versions'). The deadline to object is the notice date plus the period.`,
		Example: `  termsmith notice 2026-01-01 2026-07-01 --customer acme --date 2026-05-15
  termsmith notice 2026-01-01 2026-07-01 --all --date 2026-05-15 -o notices
  termsmith notice 2026-01-01 2026-07-01 --all     # dated today`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.from, opts.to = a[0], a[1]
			return runNotice(opts)
		},
	}
	cmd.Flags().StringVar(&opts.customer, "customer", "", "write the notice of customer `C`")
	cmd.Flags().BoolVar(&opts.all, "all", false, "write the notice of every customer")
	cmd.Flags().StringVar(&opts.date, "date", "", "date the notice `YYYY-MM-DD` (default: today)")
	cmd.Flags().StringVarP(&opts.outDir, "output", "o", "out", "write the notices under `DIR`")
	cmd.Flags().IntVar(&opts.jobs, "jobs", runtime.GOMAXPROCS(0), "write `N` notices at a time")
	return cmd
}

// noticeResult is what became of one customer's notice.
type noticeResult struct {
	id      string
	changes int
	files   []string // written, relative to the working directory as given
	err     error
}

func runNotice(opts *noticeOptions) error {
	if opts.all == (opts.customer != "") {
		return unusable(errors.New("give --customer C or --all"))
	}
	if opts.jobs < 1 {
		return unusable(fmt.Errorf("--jobs %d: use 1 or more", opts.jobs))
	}
	date := versions.Day(clock())
	if opts.date != "" {
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
	if !old.Effective.Before(new.Effective) {
		return unusable(fmt.Errorf("version %s (effective %s) does not take effect before version %s (effective %s): give the older version first",
			old.Version, old.Effective.Format(time.DateOnly), new.Version, new.Effective.Format(time.DateOnly)))
	}
	period := diff.NoticePeriod(old, new)
	if err := notice.Check(new.Version, date, new.Effective, period); err != nil {
		return fmt.Errorf("notice refused: %w", err)
	}

	var customers []*templates.Customer
	if opts.all {
		all, err := templates.LoadCustomers(os.DirFS(opts.storeDir))
		if err != nil {
			return fmt.Errorf("customers: %w", err)
		}
		for _, c := range all {
			customers = append(customers, c)
		}
		sort.Slice(customers, func(i, j int) bool { return customers[i].ID < customers[j].ID })
		if len(customers) == 0 {
			return errors.New("the store has no customers (customers/*.yaml)")
		}
	} else {
		c, err := opts.loadCustomer(opts.customer)
		if err != nil {
			return err
		}
		customers = []*templates.Customer{c}
	}

	start := time.Now()
	results := make([]noticeResult, len(customers))
	progress := newNoticeProgress(opts.errOut, len(customers), opts.all)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(opts.jobs, len(customers)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(customers) {
					return
				}
				results[i] = writeNotice(old, new, customers[i], date, opts.outDir)
				progress.done()
			}
		}()
	}
	wg.Wait()
	progress.finish()

	written, unchanged, failed := 0, 0, 0
	for _, r := range results {
		switch {
		case r.err != nil:
			failed++
			fmt.Fprintf(opts.errOut, "termsmith: notice for %s: %v\n", r.id, r.err)
		case r.files == nil:
			unchanged++
			if !opts.all {
				fmt.Fprintf(opts.errOut, "no changes for customer %s from %s to %s: no notice written\n", r.id, old.Version, new.Version)
			}
		default:
			written++
			for _, f := range r.files {
				fmt.Fprintln(opts.out, f)
			}
		}
	}
	fmt.Fprintf(opts.errOut, "notices %s → %s dated %s, objection deadline %s, effective %s: %d written, %d without changes, %d failed (%.1fs)\n",
		old.Version, new.Version, date.Format(time.DateOnly), diff.Deadline(date, period).Format(time.DateOnly),
		new.Effective.Format(time.DateOnly), written, unchanged, failed, time.Since(start).Seconds())
	if failed > 0 {
		return fmt.Errorf("%d of %d notice(s) failed", failed, len(customers))
	}
	return nil
}

// writeNotice builds one customer's notice and writes its three files; a
// customer without changes gets none.
func writeNotice(old, new *diff.Source, c *templates.Customer, date time.Time, outDir string) noticeResult {
	res := noticeResult{id: c.ID}
	r, err := diff.NewReport(old, new, c, date)
	if err != nil {
		res.err = err
		return res
	}
	res.changes = len(r.Changes)
	if len(r.Changes) == 0 {
		return res
	}
	n, err := notice.New(r, new.Store.Config.Supplier)
	if err != nil {
		res.err = err
		return res
	}
	files, err := n.Build()
	if err != nil {
		res.err = err
		return res
	}
	// Customer and version ids can hold no path separator or "..", so
	// these paths stay inside outDir.
	dir := filepath.Join(outDir, c.ID)
	base := n.Base()
	if !filepath.IsLocal(c.ID) || !filepath.IsLocal(base) {
		res.err = fmt.Errorf("refusing to write %s/%s outside %s", c.ID, base, outDir)
		return res
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		res.err = err
		return res
	}
	for _, f := range []struct {
		ext  string
		data []byte
	}{{".pdf", files.PDF}, {".eml", files.EML}, {".json", files.JSON}} {
		name := filepath.Join(dir, base+f.ext)
		if err := writeFileAtomic(name, f.data); err != nil {
			res.err = err
			return res
		}
		res.files = append(res.files, name)
	}
	return res
}

// noticeProgress shows "notices: 120/1000" on standard error while --all
// runs, when standard error is a terminal; otherwise nothing.
type noticeProgress struct {
	w     io.Writer
	total int
	n     atomic.Int64
	on    bool
	mu    sync.Mutex
}

func newNoticeProgress(w io.Writer, total int, all bool) *noticeProgress {
	return &noticeProgress{w: w, total: total, on: all && streamIsTerminal(w)}
}

func (p *noticeProgress) done() {
	n := p.n.Add(1)
	if !p.on {
		return
	}
	p.mu.Lock()
	fmt.Fprintf(p.w, "\rnotices: %d/%d", n, p.total)
	p.mu.Unlock()
}

func (p *noticeProgress) finish() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// streamIsTerminal reports whether w is a terminal.
func streamIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
