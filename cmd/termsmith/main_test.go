package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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

// TestPackageInitIsLight keeps every command's start fast: it runs this
// test binary, which initialises the same packages as termsmith, with
// GODEBUG=inittrace=1 and fails when one of termsmith's own packages does
// real work in its initialisation (a template parsed, a regular expression
// compiled, a table built): that belongs in a sync.Once or internal/lazy,
// done by the command that needs it.
func TestPackageInitIsLight(t *testing.T) {
	const maxAllocs, maxBytes = 200, 32 << 10
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// init github.com/termsmith/termsmith/diff @6.1 ms, 0.008 ms clock, 2184 bytes, 12 allocs
	seen := 0
	for line := range strings.Lines(string(out)) {
		var pkg string
		var at, clock float64
		var bytes, allocs int
		if _, err := fmt.Sscanf(line, "init %s @%f ms, %f ms clock, %d bytes, %d allocs", &pkg, &at, &clock, &bytes, &allocs); err != nil ||
			!strings.HasPrefix(pkg, "github.com/termsmith/termsmith/") {
			continue
		}
		seen++
		if allocs > maxAllocs || bytes > maxBytes {
			t.Errorf("%s: its initialisation allocates %d bytes in %d allocations (at most %d bytes, %d allocations): make the work lazy", pkg, bytes, allocs, maxBytes, maxAllocs)
		}
	}
	if seen == 0 {
		t.Fatalf("no init trace of termsmith's packages in:\n%s", out)
	}
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

// qpdfCheck runs qpdf --check on a PDF file and fails the test on any
// error or warning. Without qpdf (Debian: qpdf; .ci/run installs it) the
// check is skipped with a message, not the test.
func qpdfCheck(t testing.TB, file string) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Logf("qpdf not found: the structure of %s is not checked (install qpdf)", file)
		return
	}
	if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check %s: %v\n%s", file, err, out)
	}
}

// qpdfCheckTree runs qpdfCheck on every PDF under dir.
func qpdfCheckTree(t testing.TB, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".pdf") {
			qpdfCheck(t, p)
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
}

// TestContainment runs every command that writes — init, import, publish,
// render, offer, diff -o, notice, demo — on a store full of hostile names
// and checks, with a snapshot of the whole temporary root before and after
// each command, that nothing is written outside the store the command
// works on and the output directory it was given: not through offer
// numbers such as "../../outside/x", "..", "a/b" or an absolute path, not
// through ids with ".." or "/" in clause files, document manifests,
// --doc flags or front matter, and not through a symbolic link planted
// inside the output directory (out/<customer> → ../outside). A -o that is
// itself a link is the user's choice of output directory: files go where
// it points, and nowhere else.
func TestContainment(t *testing.T) {
	longtest.Skip(t)
	root := t.TempDir()
	t.Chdir(root)
	for _, d := range []string{"home", "tmp", "outside"} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("HOME", filepath.Join(root, "home"))
	t.Setenv("TMPDIR", filepath.Join(root, "tmp"))
	defer func(c func() time.Time) { clock = c }(clock)
	clock = func() time.Time { return fixedClock }
	write := func(name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	symlink := func(target, link string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	write("outside/sentinel.txt", "must stay as it is\n")

	// step runs one command and checks that every path it created, changed
	// or removed lies under one of allowed.
	step := func(wantCode int, allowed []string, args ...string) string {
		t.Helper()
		before := snapshot(t, root)
		var out, errOut bytes.Buffer
		code := Main(args, &out, &errOut)
		after := snapshot(t, root)
		if wantCode >= 0 && code != wantCode {
			t.Errorf("termsmith %s: exit %d, want %d\n%s", strings.Join(args, " "), code, wantCode, errOut.String())
		}
		var escaped []string
		for _, p := range changedPaths(before, after) {
			inside := false
			for _, a := range allowed {
				inside = inside || p == a || strings.HasPrefix(p, a+"/")
			}
			if !inside {
				escaped = append(escaped, p)
			}
		}
		if len(escaped) > 0 {
			t.Errorf("termsmith %s wrote outside %v: %v", strings.Join(args, " "), allowed, escaped)
		}
		return errOut.String()
	}

	// init: the store, and nothing beside it (the build directory next to
	// it is renamed into place).
	step(0, []string{"s"}, "init", "s", "--example", "smarttrackers")
	step(0, []string{"fresh"}, "init", "fresh")

	// Hostile customers: offer numbers that are paths.
	cust := func(id, number string) {
		write("s/customers/"+id+".yaml", "legal_name: "+id+" B.V.\naddress: Weg 1, 1234 AB Stad\nkvk: \"1\"\n"+
			"contact: {name: C, email: c@x.nl}\nsignatory: {name: S, title: T}\nservices: [software]\n"+
			"dpa: {ras: nee, strafrechtelijk: nee, gezondheid: nee, seksuele_geaardheid: nee, vakbond: nee, genetisch: nee}\n"+
			"line_items:\n  - {service: S, quantity: 1, unit: licentie/licenties, unit_price: \"1.00\", period: maand}\n"+
			"offer: {number: '"+number+"', date: 2026-08-01}\n")
	}
	for id, number := range map[string]string{
		"climb": "../../outside/x", "dots": "..", "sep": "a/b", "abs": filepath.Join(root, "outside", "abs"),
		"hidden": ".x", "linked": "2026-0099",
	} {
		cust(id, number)
	}
	// A customer file whose name is not an id, and one that is a link to
	// a file outside the store (reading it is harmless; it has no offer).
	write("s/customers/Evil..Name.yaml", "legal_name: X\n")
	write("outside/elsewhere.yaml", "legal_name: Elders B.V.\naddress: Weg 1, 1234 AB Stad\nkvk: \"1\"\ncontact: {name: C, email: c@x.nl}\nsignatory: {name: S, title: T}\n")
	symlink("../../outside/elsewhere.yaml", "s/customers/elders.yaml")
	// A link planted in the output directory, where customer linked's
	// files would go.
	symlink("../outside", "out/linked")

	outside := snapshot(t, filepath.Join(root, "outside"))
	msg := step(1, []string{"out"}, "--store", "s", "render", "--all", "-o", "out")
	if !strings.Contains(msg, "out/linked is a symbolic link") {
		t.Errorf("render --all did not refuse the planted link:\n%s", msg)
	}
	step(1, []string{"out"}, "--store", "s", "render", "linked", "-o", "out", "--format", "html")
	// An offer number that is not a file name is bad data (exit 2); the
	// good number of customer linked meets the planted link (exit 1).
	for _, id := range []string{"climb", "dots", "sep", "abs", "hidden"} {
		step(2, []string{"out"}, "--store", "s", "offer", id, "-o", "out")
	}
	step(1, []string{"out"}, "--store", "s", "offer", "linked", "-o", "out")
	step(1, []string{"out"}, "--store", "s", "notice", "2026-01-01", "2026-07-01", "--all", "--date", "2026-05-15", "-o", "out")
	step(1, []string{"out"}, "--store", "s", "notice", "2026-01-01", "2026-07-01", "--customer", "linked", "--date", "2026-05-15", "-o", "out")
	step(0, []string{"out"}, "--store", "s", "diff", "2026-01-01", "2026-07-01", "-o", "out/diff/redline.txt")
	step(0, []string{"out"}, "--store", "s", "diff", "2026-01-01", "2026-07-01", "--customer", "zorggroep-de-linde", "--format", "pdf", "-o", "out/diff/zorggroep.pdf")
	if got := snapshot(t, filepath.Join(root, "outside")); len(changedPaths(outside, got)) > 0 {
		t.Errorf("outside/ changed: %v", changedPaths(outside, got))
	}

	// Ids with ".." or "/" in the content: refused before anything is
	// written.
	if err := os.CopyFS("bad", os.DirFS("s")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll("bad/.git"); err != nil { // commands read the working tree
		t.Fatal(err)
	}
	write("bad/clauses/terms/privacy.md", "---\nid: ../../outside/pwn\ntitle: PRIVACY\n---\n\nTekst.\n")
	step(2, nil, "--store", "bad", "render", "zorggroep-de-linde", "-o", "out2")
	write("bad/clauses/terms/privacy.md", "---\nid: privacy\ntitle: PRIVACY\n---\n\n1. <!-- id: ../x -->\n   Tekst.\n")
	step(2, nil, "--store", "bad", "render", "zorggroep-de-linde", "-o", "out2")
	write("bad/clauses/terms/document.yaml", "title: T\nclauses: [../../outside/pwn]\n")
	step(2, nil, "--store", "bad", "lint")

	// publish writes only into the store's .git.
	write("s/clauses/terms/privacy.md", "---\nid: privacy\ntitle: PRIVACY\n---\n\n1. Gewijzigde tekst.\n")
	// The publish gate checks the customers too: the hostile ones have
	// served.
	for _, id := range []string{"Evil..Name", "elders", "climb", "dots", "sep", "abs", "hidden", "linked"} {
		if err := os.Remove("s/customers/" + id + ".yaml"); err != nil {
			t.Fatal(err)
		}
	}
	repo, err := versions.Open("s")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repo.Commit("privacy\n", clauses.Person{Name: "Legal", Email: "legal@example.test"}, fixedClock); err != nil {
		t.Fatal(err)
	}
	step(0, []string{"s/.git"}, "--store", "s", "publish", "2026-12-01", "--effective", "2026-12-01", "--notice-date", "2026-10-01")

	// import: only into the store it names; hostile document ids refused.
	write("in/voorwaarden.txt", "Voorwaarden\n\n1. BETALING\n\n1.1. Binnen dertig dagen.\n\nBijlage 1: Extra\n\n1. Inleiding\n\n1.1 Dit geldt.\n")
	write("in/addendum.md", "---\ntitle: Addendum\nid: ../../outside\n---\n\n# Addendum\n\n1. Tekst.\n")
	step(2, nil, "import", "in/voorwaarden.txt", "--into", "imp", "--supplier", "X", "--doc", "Voorwaarden=../../outside")
	step(2, nil, "import", "in/voorwaarden.txt", "--into", "imp", "--supplier", "X", "--doc", "Bijlage 1=a/b")
	step(2, nil, "import", "in/addendum.md", "--into", "imp", "--supplier", "X")
	step(0, []string{"imp"}, "import", "in/voorwaarden.txt", "--into", "imp", "--supplier", "X")
	// A store whose clauses directory is a link is refused by import.
	symlink("../outside", "linkstore/clauses")
	write("linkstore/termsmith.yaml", "supplier: {legal_name: X}\n")
	step(2, nil, "import", "in/voorwaarden.txt", "--into", "linkstore", "--doc", "Voorwaarden=nieuw", "--doc", "Bijlage 1=extra")

	// demo: its output directory only; its stores live in $TMPDIR and are
	// removed.
	step(0, []string{"demo-out"}, "demo", "-o", "demo-out", "--example", "smarttrackers")

	// A -o that is itself a link: the files go where it points.
	symlink("outside", "outlink")
	step(0, []string{"outside"}, "--store", "s", "render", "zorggroep-de-linde", "-o", "outlink", "--format", "md")

	if data, err := os.ReadFile("outside/sentinel.txt"); err != nil || string(data) != "must stay as it is\n" {
		t.Errorf("outside/sentinel.txt: %q, %v", data, err)
	}
	if entries, _ := os.ReadDir("tmp"); len(entries) > 0 {
		t.Errorf("temporary files left in $TMPDIR: %v", entries)
	}
}

// changedPaths lists the paths created, changed or removed between two
// snapshots, sorted.
func changedPaths(before, after map[string]entry) []string {
	var out []string
	for p, e := range after {
		if b, ok := before[p]; !ok || b != e {
			out = append(out, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// BenchmarkProcess measures termsmith as its users start it: the binary,
// built with go build, run as a whole process — --help, versions, and one
// 28-page agreement rendered from a published version — in a store made
// by init --example smarttrackers. With pandoc and weasyprint on the PATH
// it converts the same agreement, as Markdown, with them too and reports
// how many times faster termsmith is. Each reports the median and the
// fastest run in milliseconds: the machine's noise is in the mean. See
// docs/benchmarks.md.
func BenchmarkProcess(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "termsmith")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	store := filepath.Join(dir, "store")
	if out, err := exec.Command(bin, "init", store, "--example", "smarttrackers").CombinedOutput(); err != nil {
		b.Fatalf("init: %v\n%s", err, out)
	}
	md := filepath.Join(dir, "md")
	render := []string{"render", "zorggroep-de-linde", "--version", "2026-07-01", "--store", store}
	if out, err := exec.Command(bin, append(render, "--format", "md", "-o", md)...).CombinedOutput(); err != nil {
		b.Fatalf("render --format md: %v\n%s", err, out)
	}
	// run times one process and reports its median and fastest run.
	run := func(b *testing.B, name string, args ...string) time.Duration {
		var times []time.Duration
		for b.Loop() {
			cmd := exec.Command(name, args...)
			cmd.Dir = dir // output to /dev/null: no pipes to read
			start := time.Now()
			err := cmd.Run()
			times = append(times, time.Since(start))
			if err != nil {
				out, _ := exec.Command(name, args...).CombinedOutput()
				b.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
			}
		}
		slices.Sort(times)
		median := times[len(times)/2]
		b.ReportMetric(float64(median.Microseconds())/1000, "median-ms")
		b.ReportMetric(float64(times[0].Microseconds())/1000, "min-ms")
		return median
	}
	b.Run("help", func(b *testing.B) { run(b, bin, "--help") })
	b.Run("versions", func(b *testing.B) { run(b, bin, "versions", "--store", store) })
	var ours time.Duration
	b.Run("render", func(b *testing.B) { ours = run(b, bin, append(render, "-o", filepath.Join(dir, "out"))...) })
	b.Run("pandoc-weasyprint", func(b *testing.B) {
		if _, err := exec.LookPath("pandoc"); err != nil {
			b.Skip("pandoc is not installed")
		}
		if _, err := exec.LookPath("weasyprint"); err != nil {
			b.Skip("weasyprint is not installed")
		}
		theirs := run(b, "pandoc", filepath.Join(md, "zorggroep-de-linde", "2026-07-01", "agreement.md"),
			"-s", "--metadata", "title=Agreement", "--pdf-engine=weasyprint", "-o", filepath.Join(dir, "pandoc.pdf"))
		if ours > 0 {
			b.ReportMetric(float64(theirs)/float64(ours), "x-termsmith")
		}
	})
}
