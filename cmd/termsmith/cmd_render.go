package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/internal/progress"
	"github.com/termsmith/termsmith/layout"
	"github.com/termsmith/termsmith/render"
	"github.com/termsmith/termsmith/store"
)

type renderOptions struct {
	*globalOptions
	batch
	sel    store.Selector
	format string
	outDir string
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
	opts.addFlags(cmd, "render", "with --all, render `N` customers at a time", true, true)
	addContentFlags(cmd, &opts.sel)
	cmd.Flags().StringVar(&opts.format, "format", "pdf", "output `FORMAT`: pdf, html or md")
	cmd.Flags().StringVarP(&opts.outDir, "output", "o", "out", "write under `DIR`")
	return cmd
}

func runRender(opts *renderOptions) error {
	if err := opts.check("a CUSTOMER"); err != nil {
		return err
	}
	format, err := render.ParseFormat(opts.format)
	if err != nil {
		return unusable(err)
	}
	if format == render.PDF {
		layout.Preload() // while the terms are read
	}
	st := opts.store()
	t, err := st.Content(opts.sel)
	if err != nil {
		return err
	}
	if !opts.all {
		c, err := st.Customer(opts.customer)
		if err != nil {
			return err
		}
		path, err := store.RenderAgreement(t, c, format, opts.outDir)
		if err != nil {
			return err
		}
		fmt.Fprintln(opts.out, path)
		return nil
	}

	// Customers that do not load are failures like any other: the rest
	// are still rendered.
	custs, failures, total := st.Shard(opts.shardI, opts.shardN)
	if total == 0 && len(failures) == 0 {
		return errors.New("the store has no customers (customers/*.yaml)")
	}
	if len(custs) == 0 && len(failures) == 0 {
		fmt.Fprintf(opts.errOut, "no customers in shard %d/%d (of %d)\n", opts.shardI, opts.shardN, total)
		return nil
	}
	start := time.Now()
	bar := progress.New(opts.errOut, "rendering", len(custs))
	b := store.RenderAll(t, custs, format, opts.outDir, opts.jobs, bar.Done)
	bar.Finish()
	printLines(opts.out, b.Files)
	version := t.Version
	if version == "" {
		version = "the working tree"
	}
	fmt.Fprintf(opts.errOut, "rendered %d agreement(s) from %s%s in %.1fs", b.Written, version, opts.where(), time.Since(start).Seconds())
	return endSummary(opts.errOut, append(failures, b.Failures...))
}
