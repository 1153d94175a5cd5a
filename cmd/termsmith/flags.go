package main

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/store"
)

// addContentFlags adds --version, --at and --rev to cmd, which choose the
// content it reads (store.Selector).
func addContentFlags(cmd *cobra.Command, sel *store.Selector) {
	cmd.Flags().StringVar(&sel.Version, "version", "", "read the published version `V` (default: the version in force today)")
	cmd.Flags().StringVar(&sel.At, "at", "", "read the version in force on `DATE` (YYYY-MM-DD)")
	cmd.Flags().StringVar(&sel.Rev, "rev", "", "read a draft: a git `REV`ision (branch, tag, commit) or \"worktree\" (the uncommitted files)")
}

// batch holds the flags of a command that works for one customer or for
// all of them: --customer (or a CUSTOMER argument), --all, --shard and
// --jobs.
type batch struct {
	customer string
	all      bool
	shard    string
	jobs     int
	// the shard chosen, I of N, once check has read --shard
	shardI, shardN int
}

// addFlags adds --all and --jobs, --customer unless the customer is an
// argument (arg), and --shard when the command shards (sharded); what
// names the work: "render", "write the notice of", "send the notice of".
func (b *batch) addFlags(cmd *cobra.Command, what, jobsUsage string, arg, sharded bool) {
	if !arg {
		cmd.Flags().StringVar(&b.customer, "customer", "", what+" customer `C`")
	}
	cmd.Flags().BoolVar(&b.all, "all", false, what+" every customer")
	if sharded {
		cmd.Flags().StringVar(&b.shard, "shard", "", "with --all, only the customers of shard `I/N` (chosen by a hash of the customer id)")
	}
	cmd.Flags().IntVar(&b.jobs, "jobs", runtime.NumCPU(), jobsUsage)
}

// check refuses a command given both a customer and --all, or neither, a
// --shard without --all or not of the form I/N, and --jobs below 1.
func (b *batch) check(customer string) error {
	if b.all == (b.customer != "") {
		return unusable(fmt.Errorf("give %s or --all", customer))
	}
	if b.jobs < 1 {
		return unusable(fmt.Errorf("--jobs %d: use 1 or more", b.jobs))
	}
	var err error
	b.shardI, b.shardN, err = parseShard(b.shard, b.all)
	return err
}

// where names the shard for a summary: " (shard 2/4)", or nothing.
func (b *batch) where() string {
	if b.shardN > 1 {
		return fmt.Sprintf(" (shard %d/%d)", b.shardI, b.shardN)
	}
	return ""
}

// parseShard reads "I/N" with 1 ≤ I ≤ N; empty is 1/1.
func parseShard(s string, all bool) (i, n int, err error) {
	if s == "" {
		return 1, 1, nil
	}
	if !all {
		return 0, 0, unusable(fmt.Errorf("--shard needs --all"))
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, unusable(fmt.Errorf("--shard %q: use I/N with 1 ≤ I ≤ N, as in 2/4", s))
	}
	return i, n, nil
}
