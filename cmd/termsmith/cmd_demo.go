package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/store"
)

type demoOptions struct {
	*globalOptions
	outDir   string
	examples []string
	keep     bool
}

func newDemoCmd(g *globalOptions) *cobra.Command {
	opts := &demoOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run termsmith's main jobs on the built-in examples",
		Long: `Demo builds each built-in example store, with its published versions, in a
temporary directory and runs the main jobs on it, writing the results under
-o DIR (default ./out), one directory per example:

  lint-<first version>.txt       the drafting defects lint finds in the imported terms
  <customer>/<version>/agreement.pdf   every customer's agreement, for every version
  <customer>/offer-<number>.pdf  every customer's offer, with the terms attached
  diff-<from>-<to>.txt           the changes between the first and the last version
  <customer>/notice-<from>-<to>.{pdf,eml,json}   every customer's change notice,
                                 dated the last version's notice date

Everything is derived from the examples' data, so two runs give the same
files. Standard output lists what was written, per example and by kind
(lint reports, agreements, offers, redlines, notices), with the summary
of the lint report; the example stores live in a temporary directory
that is removed at the end, unless --keep.`,
		Example: `  termsmith demo
  termsmith demo -o /tmp/demo --example tracksavers`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, a []string) error { return runDemo(opts) },
	}
	cmd.Flags().StringVarP(&opts.outDir, "output", "o", "out", "write the results under `DIR`")
	cmd.Flags().StringSliceVar(&opts.examples, "example", examples.Names(), "the examples to run (`NAME`s)")
	cmd.Flags().BoolVar(&opts.keep, "keep", false, "keep the example stores (under DIR/stores) instead of a temporary directory")
	return cmd
}

func runDemo(opts *demoOptions) error {
	results, err := store.Demo(store.DemoOptions{Examples: opts.examples, Out: opts.outDir, Keep: opts.keep, Now: clock})
	n := 0
	for _, r := range results {
		fmt.Fprintf(opts.out, "%s:\n", r.Example)
		if r.Store != "" {
			fmt.Fprintf(opts.out, "  store: %s\n", r.Store)
		}
		for _, kind := range store.DemoKinds {
			fmt.Fprintf(opts.out, "  %s (%d):\n", kind, len(r.Files[kind]))
			n += len(r.Files[kind])
			for _, f := range r.Files[kind] {
				if kind == "lint reports" {
					f += ": " + r.Lint
				}
				fmt.Fprintf(opts.out, "    %s\n", f)
			}
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.errOut, "demo: wrote %d files under %s\n", n, opts.outDir)
	return nil
}
