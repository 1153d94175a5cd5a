package main

import (
	"errors"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/internal/output"
	"github.com/termsmith/termsmith/internal/progress"
)

type diffOptions struct {
	*globalOptions
	from, to string
	customer string
	format   string
	output   string
}

func newDiffCmd(g *globalOptions) *cobra.Command {
	opts := &diffOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "diff FROM TO [--customer C]",
		Short: "Show what changed between two versions or drafts, per customer",
		Long: `Diff compares FROM and TO — each a published version, a git revision (a
draft on a branch, a commit) or "worktree" (the uncommitted files) — as
customer C gets them: only
the documents and clauses that apply to C, with C's own values (customers
are read from the working tree). Without --customer it compares them for a
reference customer who buys every service and has the default values;
variables without a default print as {{name}}.

Clauses are aligned by their stable ids. Each change is added, removed,
modified, moved (to another article or position, perhaps also edited) or
renumbered (only its number changed); inside a changed clause the redline
is word by word, [-deleted-]{+inserted+}. A new article that shifts the
numbers after it gives renumberings, not text changes; changes of white
space, line wrapping, emphasis markup or list markers are not changes.

Formats: text (default), json (the schema of docs/notice-json.md), html (a
page with the summary table and redline), pdf (the same as a PDF), md (per
customer — every customer, or C — what changes, then the redline of
each change once, collapsed, as Markdown for a pull-request comment;
docs/versions.md has a CI recipe). The
result goes to standard output, or to FILE with -o.`,
		Example: `  termsmith diff 2026-01-01 2026-07-01
  termsmith diff 2026-01-01 2026-07-01 --customer acme
  termsmith diff 2026-01-01 2026-07-01 --customer acme --format json | jq '.changes[].kind'
  termsmith diff 2026-01-01 2026-07-01 --customer acme --format pdf -o acme-redline.pdf
  termsmith diff 2026-07-01 my-branch --format md     # a preview for a pull request
  termsmith diff 2026-07-01 worktree --customer acme`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.from, opts.to = a[0], a[1]
			return runDiff(opts)
		},
	}
	cmd.Flags().StringVar(&opts.customer, "customer", "", "compare what customer `C` gets")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output `FORMAT`: text, json, html, pdf or md")
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "write the result to `FILE` instead of standard output")
	return cmd
}

func runDiff(opts *diffOptions) error {
	if opts.format == "pdf" && opts.output == "" && progress.IsTerminal(opts.out) {
		return unusable(errors.New("--format pdf: standard output is a terminal; use -o FILE or redirect it"))
	}
	out, err := opts.store().DiffOutput(opts.from, opts.to, opts.customer, opts.format)
	if err != nil {
		return err
	}
	if opts.output != "" {
		return output.New(filepath.Dir(opts.output)).WriteFile(opts.output, out)
	}
	_, err = opts.out.Write(out)
	return err
}
