package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/internal/buildinfo"
	"github.com/termsmith/termsmith/lint"
	"github.com/termsmith/termsmith/store"
)

type lintOptions struct {
	*globalOptions
	json bool
	sel  store.Selector
}

func newLintCmd(g *globalOptions) *cobra.Command {
	opts := &lintOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "lint",
		Short: "Check the store for broken references, undefined terms and other defects",
		Long: `Check the store's working tree (or, with --version or --at, a published
version, or with --rev a git revision, with the working tree's customers) the way a careful reviewer would: duplicate
ids, dangling references, unknown or missing variables, conditions naming
unknown customer fields, capitalised words used as defined terms but never
defined, defined terms never used, annexes named wrongly, numbering typed or
pinned by hand. docs/lint.md describes every rule.

Each finding is printed as "file:line: severity: message [rule]"; a summary
goes to stderr. Errors make the store unfit to publish; warnings are drafting
defects that publish accepts.

With --json, stdout is one JSON object:
  {"generator": BUILD, "findings": [{"file", "line", "rule", "severity", "message"}, …],
   "errors": N, "warnings": N}

Exit status: 0 no findings; 1 findings; 2 the store cannot be read (not a
store, or a syntax error in a file).`,
		Example: `  termsmith lint
  termsmith lint --version 2026-01-01
  termsmith lint --rev my-branch
  termsmith --store /tmp/s lint --json | jq '.findings[] | select(.severity == "error")'`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runLint(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the findings as one JSON object")
	cmd.Flags().StringVar(&opts.sel.Version, "version", "", "lint the published version `V` instead of the working tree")
	cmd.Flags().StringVar(&opts.sel.At, "at", "", "lint the version in force on `DATE` (YYYY-MM-DD) instead of the working tree")
	cmd.Flags().StringVar(&opts.sel.Rev, "rev", "", "lint a git `REV`ision (a branch, tag or commit: a draft under review) instead of the working tree")
	return cmd
}

// lintJSON is the --json output; its field names are documented.
type lintJSON struct {
	Generator string         `json:"generator"` // the build: termsmith --version
	Findings  []lint.Finding `json:"findings"`
	Errors    int            `json:"errors"`
	Warnings  int            `json:"warnings"`
}

func runLint(opts *lintOptions) error {
	rep, err := opts.store().Lint(opts.sel)
	if err != nil {
		return err
	}
	if opts.json {
		out := lintJSON{Generator: buildinfo.String(), Findings: rep.Findings, Errors: rep.Errors(), Warnings: rep.Warnings()}
		if out.Findings == nil {
			out.Findings = []lint.Finding{}
		}
		if err := printJSON(opts.out, out, false); err != nil {
			return err
		}
	} else {
		for _, f := range rep.Findings {
			fmt.Fprintln(opts.out, f)
		}
	}
	if len(rep.Findings) == 0 {
		fmt.Fprintln(opts.errOut, "no findings")
		return nil
	}
	fmt.Fprintf(opts.errOut, "%s: %s, %s\n", lintPlural(len(rep.Findings), "finding"), lintPlural(rep.Errors(), "error"), lintPlural(rep.Warnings(), "warning"))
	return errSilent
}

// lintPlural prints a count with its noun: "1 error", "2 errors".
func lintPlural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
