package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/internal/buildinfo"
	"github.com/termsmith/termsmith/store"
)

// Exit statuses, mapped from errors in one place: Main.
const (
	exitOK       = 0
	exitFailure  = 1 // a command failed, or lint/verify found problems
	exitUnusable = 2 // the input could not be used at all: bad flags, unreadable store
)

// globalOptions are the flags every command shares, and the output streams.
type globalOptions struct {
	storeDir string
	out      io.Writer // results
	errOut   io.Writer // status, progress, errors
}

// clock is the time the CLI runs at: "today" for --at's default and the
// publish time. Tests may replace it.
var clock = time.Now

// store opens the store of --store.
func (g *globalOptions) store() *store.Store { return store.Open(g.storeDir, clock) }

// unusable marks err as "the input could not be used": exit status 2.
func unusable(err error) error { return store.Unusable(err) }

// errSilent reports failure through the exit status only; the command has
// already printed what went wrong (lint findings, verify results).
var errSilent = errors.New("")

func newRootCmd(g *globalOptions) *cobra.Command {
	root := &cobra.Command{
		Use:   "termsmith",
		Short: "Terms as code: lint, publish, render and diff general terms and conditions",
		Long: `termsmith keeps a company's general terms and conditions as versioned
Markdown clause files in a git-backed store. From them it lints and publishes
new versions, renders each customer's agreement or offer as a PDF, and writes
change notices with a word-level redline.

Exit status: 0 success; 1 failure, or findings (lint, verify); 2 unusable
input (bad flags, a directory that is not a store, unreadable files).`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       buildinfo.String(),
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetOut(g.out)
	root.SetErr(g.errOut)
	root.PersistentFlags().StringVar(&g.storeDir, "store", ".", "store `DIR`ectory")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return unusable(err) })
	root.AddCommand(
		newInitCmd(g),
		newPublishCmd(g),
		newVersionsCmd(g),
		newShowCmd(g),
		newVerifyCmd(g),
		newPushCmd(g),
		newPullCmd(g),
		newMigrateCmd(g),
		newLintCmd(g),
		newImportCmd(g),
		newDiffCmd(g),
		newNoticeCmd(g),
		newRenderCmd(g),
		newOfferCmd(g),
		newDemoCmd(g),
	)
	return root
}

// Main runs termsmith with args and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	g := &globalOptions{out: stdout, errOut: stderr}
	root := newRootCmd(g)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	code := exitFailure
	if store.IsUnusable(err) {
		code = exitUnusable
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintln(stderr, "termsmith:", msg)
	}
	return code
}

// args wraps a cobra argument check so that a wrong number of arguments
// exits with status 2, like a bad flag.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return unusable(err)
		}
		return nil
	}
}
