package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run the termsmith command in-process: scripts
// under testdata/script call it as "exec termsmith …".
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"termsmith": func() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI flows in testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		// Every PDF a script leaves in its work directory must pass
		// qpdf --check (qpdf_hardening_test.go).
		Setup: func(env *testscript.Env) error {
			env.Defer(func() { qpdfCheckTree(env.T().(testing.TB), env.WorkDir) })
			return nil
		},
	})
}
