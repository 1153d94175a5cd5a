package main

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/versions"
)

// TestMain lets testscript run the termsmith command in-process: scripts
// under testdata/script call it as "exec termsmith …". In tests only, the
// environment variable TEST_NOW (RFC 3339) sets the clock, so that a
// script can publish a history with notice dates of its own; the real
// binary has no such switch, so a notice cannot be backdated.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"termsmith": func() {
			if now := os.Getenv("TEST_NOW"); now != "" {
				t, err := time.Parse(time.RFC3339, now)
				if err != nil {
					panic(err)
				}
				clock = func() time.Time { return t }
			}
			os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the CLI flows in testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		// Every PDF a script leaves in its work directory must pass
		// qpdf --check (qpdf_hardening_test.go).
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// commit [DIR]: commit the store's working tree, as an author
			// would before publishing (at TEST_NOW); nothing to commit is
			// not an error.
			"commit": func(ts *testscript.TestScript, neg bool, args []string) {
				dir := "."
				if len(args) > 0 {
					dir = args[0]
				}
				r, err := versions.Open(ts.MkAbs(dir))
				ts.Check(err)
				when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
				if now := ts.Getenv("TEST_NOW"); now != "" {
					when, err = time.Parse(time.RFC3339, now)
					ts.Check(err)
				}
				_, err = r.Commit("draft\n", clauses.Person{Name: "Legal", Email: "legal@example.test"}, when)
				if errors.Is(err, git.ErrEmptyCommit) {
					err = nil
				}
				ts.Check(err)
			},
		},
		Setup: func(env *testscript.Env) error {
			env.Defer(func() { qpdfCheckTree(env.T().(testing.TB), env.WorkDir) })
			return nil
		},
	})
}
