package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/store"
)

type initOptions struct {
	*globalOptions
	dir     string
	example string
}

func newInitCmd(g *globalOptions) *cobra.Command {
	opts := &initOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Create a store",
		Long: `Create a termsmith store in DIR: a git repository holding a termsmith.yaml,
one document with two clauses, a template and a customer to start from,
committed on the branch main with a .gitignore for out/. Share it like any
repository (git remote add origin URL; termsmith push).

With --example, the store is one of the built-in examples (embedded in the
binary, so this works from any directory) with its history: each version a
commit on main, tagged as a published version.

DIR must not exist or be empty; the store is built beside it and moved into
place, so a failure leaves nothing behind.`,
		Example: `  termsmith init ./terms
  termsmith init /tmp/s --example smarttrackers
  termsmith --store /tmp/s lint`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.dir = a[0]
			return runInit(opts)
		},
	}
	cmd.Flags().StringVar(&opts.example, "example", "", "create the built-in example `NAME` (smarttrackers or tracksavers)")
	return cmd
}

func runInit(opts *initOptions) error {
	if err := store.Create(opts.dir, opts.example, clock(), opts.errOut); err != nil {
		return err
	}
	fmt.Fprintf(opts.errOut, "created store %s\n", opts.dir)
	return nil
}
