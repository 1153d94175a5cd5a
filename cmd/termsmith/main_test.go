package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/longtest"
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
			// replace FILE OLD NEW: replace the one occurrence of OLD in FILE.
			"replace": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 3 {
					ts.Fatalf("usage: replace FILE OLD NEW")
				}
				data := ts.ReadFile(args[0])
				if strings.Count(data, args[1]) != 1 {
					ts.Fatalf("%s: %q occurs %d times, want once", args[0], args[1], strings.Count(data, args[1]))
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Replace(data, args[1], args[2], 1)), 0o644))
			},
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

// TestByteIdenticalAcrossProcesses builds the termsmith binary, makes the
// SmartTrackers example store, and 20 times, each time in new processes,
// renders one customer's agreement, offer and change notice (PDF, e-mail
// and JSON) into a new directory — alternating GOMAXPROCS 1, 2 and 4 and
// the time zone — and checks that each of the five files has one SHA-256
// over all 20 runs.
func TestByteIdenticalAcrossProcesses(t *testing.T) {
	longtest.Skip(t)
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build termsmith with")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "termsmith")
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	store := filepath.Join(dir, "store")
	if out, err := exec.Command(bin, "init", store, "--example", "smarttrackers").CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}

	const runs = 20
	const customer = "zorggroep-de-linde"
	files := []string{
		customer + "/2026-07-01/agreement.pdf",
		customer + "/offer-2026-0057.pdf",
		customer + "/notice-2026-01-01-2026-07-01.pdf",
		customer + "/notice-2026-01-01-2026-07-01.eml",
		customer + "/notice-2026-01-01-2026-07-01.json",
	}
	zones := []string{"UTC", "Europe/Amsterdam", "America/New_York", "Asia/Tokyo"}
	sums := make([][]string, runs) // run → file → SHA-256
	errs := make([]error, runs)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out := filepath.Join(dir, fmt.Sprintf("out-%02d", i))
			env := append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", []int{1, 2, 4}[i%3]), "TZ="+zones[i%len(zones)])
			for _, args := range [][]string{
				{"render", customer, "--version", "2026-07-01", "-o", out},
				{"offer", customer, "-o", out},
				{"notice", "2026-01-01", "2026-07-01", "--customer", customer, "--date", "2026-05-15", "-o", out},
			} {
				cmd := exec.Command(bin, append([]string{"--store", store}, args...)...)
				cmd.Env = env
				if b, err := cmd.CombinedOutput(); err != nil {
					errs[i] = fmt.Errorf("run %d: termsmith %s: %v\n%s", i, strings.Join(args, " "), err, b)
					return
				}
			}
			for _, f := range files {
				data, err := os.ReadFile(filepath.Join(out, f))
				if err != nil {
					errs[i] = err
					return
				}
				sum := sha256.Sum256(data)
				sums[i] = append(sums[i], hex.EncodeToString(sum[:]))
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for j, f := range files {
		byHash := map[string][]int{}
		for i := range runs {
			byHash[sums[i][j]] = append(byHash[sums[i][j]], i)
		}
		if len(byHash) != 1 {
			var desc []string
			for h, rs := range byHash {
				desc = append(desc, fmt.Sprintf("%s… in runs %v", h[:12], rs))
			}
			sort.Strings(desc)
			t.Errorf("%s: %d different outputs over %d runs: %s", f, len(byHash), runs, strings.Join(desc, "; "))
		}
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".pdf") {
			qpdfCheck(t, filepath.Join(dir, "out-00", f))
		}
	}
}
