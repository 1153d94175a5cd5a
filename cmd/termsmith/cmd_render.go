package main

import (
	"errors"
	"fmt"
	"github.com/termsmith/termsmith/internal/output"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/render"
	"github.com/termsmith/termsmith/templates"
	"github.com/termsmith/termsmith/versions"
)

type renderOptions struct {
	*globalOptions
	customer string
	all      bool
	shard    string
	contentFlags
	format string
	outDir string
	jobs   int
}

func newRenderCmd(g *globalOptions) *cobra.Command {
	opts := &renderOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "render (CUSTOMER | --all [--shard I/N])",
		Short: "Render customers' agreements as PDF, HTML or Markdown",
		Long: `Render assembles a customer's agreement from the terms version in force
today (or --version V, or the version in force on --at DATE; a store with no
published version renders its working tree) and writes it to
DIR/<customer>/<version>/agreement.<format>, with version "working" for the
working tree. Customers are read from the working tree.

The PDF has a cover page with both parties and a document id, a table of
contents, the terms with computed numbering, the annexes that apply to the
customer, and a signature page. The same store, version and customer always
give a byte-identical file. HTML and Markdown hold the same document.

With --all every customer is rendered, in parallel (--jobs, default one per
CPU). --shard I/N renders only the customers of shard I of N (1 ≤ I ≤ N),
chosen by a hash of the customer id, so that adding a customer never moves
another one to a different shard. A customer that fails is reported in the
summary and leaves no file; the others are still rendered, and the exit
status is 1.

Each file is written to a temporary file and renamed into place. The paths
written are printed on standard output; progress (on a terminal) and the
summary go to standard error.`,
		Example: `  termsmith render acme
  termsmith render acme --format md -o site
  termsmith render acme --version 2026-01-01
  termsmith render --all --at 2026-07-01
  termsmith render --all --shard 2/4 -o out`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if len(a) == 1 {
				opts.customer = a[0]
			}
			return runRender(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.all, "all", false, "render every customer")
	cmd.Flags().StringVar(&opts.shard, "shard", "", "with --all, render only shard `I/N` of the customers")
	addContentFlags(cmd, &opts.contentFlags)
	cmd.Flags().StringVar(&opts.format, "format", "pdf", "output `FORMAT`: pdf, html or md")
	cmd.Flags().StringVarP(&opts.outDir, "output", "o", "out", "write under `DIR`")
	cmd.Flags().IntVar(&opts.jobs, "jobs", runtime.NumCPU(), "with --all, render `N` customers at a time")
	return cmd
}

// parseShard reads "I/N" with 1 ≤ I ≤ N.
func parseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("--shard %q: use I/N with 1 ≤ I ≤ N, as in 2/4", s)
	}
	return i, n, nil
}

// terms is a version's content, loaded once and shared by the workers:
// assembly only reads it.
type terms struct {
	store     *clauses.Store
	templates map[string]*templates.Template
	version   string
	effective time.Time
}

// loadTerms resolves --version/--at/--rev and loads that content.
func (g *globalOptions) loadTerms(f contentFlags) (*terms, error) {
	fsys, v, err := g.content(f)
	if err != nil {
		return nil, err
	}
	return readTerms(fsys, v)
}

// readTerms loads the terms content; content that cannot be read is
// unusable input, as for lint.
func readTerms(fsys fs.FS, v *versions.Version) (*terms, error) {
	st, err := clauses.Load(fsys)
	if err != nil {
		return nil, unusable(err)
	}
	tmpls, err := templates.LoadTemplates(fsys)
	if err != nil {
		return nil, unusable(err)
	}
	t := &terms{store: st, templates: tmpls}
	if v != nil {
		t.version, t.effective = v.ID, v.Effective
	}
	return t, nil
}

// assemble builds a customer's document from the terms.
func (t *terms) assemble(c *templates.Customer) (*templates.Document, error) {
	tmpl, ok := t.templates[c.Template]
	if !ok {
		return nil, &clauses.Error{File: c.File, Line: c.Line("template"), Msg: fmt.Sprintf("unknown template %q (no templates/%s.yaml)", c.Template, c.Template)}
	}
	doc, err := templates.Assemble(t.store, tmpl, c)
	if err != nil {
		return nil, err
	}
	doc.Version, doc.Effective = t.version, t.effective
	return doc, nil
}

func runRender(opts *renderOptions) error {
	if opts.all == (opts.customer != "") {
		return unusable(errors.New("give a CUSTOMER or --all"))
	}
	format, err := render.ParseFormat(opts.format)
	if err != nil {
		return unusable(err)
	}
	shard, shards := 1, 1
	if opts.shard != "" {
		if !opts.all {
			return unusable(errors.New("--shard needs --all"))
		}
		if shard, shards, err = parseShard(opts.shard); err != nil {
			return unusable(err)
		}
	}
	if opts.jobs < 1 {
		return unusable(fmt.Errorf("--jobs %d: use 1 or more", opts.jobs))
	}
	t, err := opts.loadTerms(opts.contentFlags)
	if err != nil {
		return err
	}
	if !opts.all {
		c, err := templates.LoadCustomer(os.DirFS(opts.storeDir), opts.customer)
		if err != nil {
			return unusable(err)
		}
		path, err := renderOne(t, c, format, opts.outDir)
		if err != nil {
			return err
		}
		fmt.Fprintln(opts.out, path)
		return nil
	}

	// Customers that do not load are failures like any other: the rest
	// are still rendered.
	custs, ids, failures := shardCustomers(opts.storeDir, shard, shards)
	if len(custs) == 0 && len(failures) == 0 {
		return errors.New("the store has no customers (customers/*.yaml)")
	}
	if len(ids) == 0 && len(failures) == 0 {
		fmt.Fprintf(opts.errOut, "no customers in shard %d/%d (of %d)\n", shard, shards, len(custs))
		return nil
	}

	defer batchGC()()
	start := time.Now()
	type result struct {
		path string
		err  error
	}
	results := make([]result, len(ids))
	progress := newProgress(opts.errOut, "rendering", len(ids), stderrIsTerminal(opts.errOut))
	forEach(len(ids), opts.jobs, progress, func(i int) {
		path, err := renderOne(t, custs[ids[i]], format, opts.outDir)
		results[i] = result{path, err}
	})

	written := 0
	for i, r := range results {
		if r.err != nil {
			failures = append(failures, ids[i]+": "+r.err.Error())
			continue
		}
		written++
		fmt.Fprintln(opts.out, r.path)
	}
	version := t.version
	if version == "" {
		version = "the working tree"
	}
	where := ""
	if shards > 1 {
		where = fmt.Sprintf(" (shard %d/%d)", shard, shards)
	}
	fmt.Fprintf(opts.errOut, "rendered %d agreement(s) from %s%s in %.1fs", written, version, where, time.Since(start).Seconds())
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

// renderOne assembles, renders and writes one customer's agreement and
// returns the path written. Nothing is written if anything fails.
func renderOne(t *terms, c *templates.Customer, format render.Format, outDir string) (string, error) {
	doc, err := t.assemble(c)
	if err != nil {
		return "", err
	}
	path, err := render.AgreementPath(outDir, c.ID, t.version, format)
	if err != nil {
		return "", err
	}
	data, err := render.Agreement(doc, format)
	if err != nil {
		return "", err
	}
	if err := output.New(outDir).WriteFile(path, data); err != nil {
		return "", err
	}
	return path, nil
}

// batchGC tunes the garbage collector for rendering many documents and
// returns a function that restores it. A PDF allocates about 18 MB of
// short-lived garbage (most of it gofpdf's font parsing and a zlib writer
// per embedded font) on a live heap of a few megabytes per worker, so with
// the default GOGC=100 the collector runs several times per document. A
// higher target under a fixed memory limit collects far less often and
// keeps the peak RSS bounded, whatever the number of customers. GOGC and
// GOMEMLIMIT in the environment take precedence.
func batchGC() func() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(192 << 20)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
