package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/clauses"
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
		Long: `Create a termsmith store in DIR: a git repository with a termsmith.yaml.
With --example, the store is one of the built-in examples, with its published
versions.`,
		Example: `  termsmith init ./terms
  termsmith init /tmp/s --example smarttrackers`,
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
	if _, err := os.Stat(filepath.Join(opts.dir, clauses.ConfigFile)); err == nil {
		return unusable(fmt.Errorf("%s is already a termsmith store", opts.dir))
	}
	return fmt.Errorf("init is not wired yet")
}
