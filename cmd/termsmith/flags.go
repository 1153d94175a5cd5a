package main

import (
	"fmt"
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
