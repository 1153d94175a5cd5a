package main

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/internal/golden"
	"github.com/termsmith/termsmith/versions"
)

// badinput_test.go runs the bad-input corpus, testdata/badinput, through
// Main. It is its own harness rather than testscript because each case is
// checked against a snapshot of its whole file tree (nothing may be
// created, changed or removed but the declared writes), and because many
// inputs are generated (50 MB files, corrupt git objects, a full tmpfs, a
// FIFO) where a script could not hold them; its expected output is
// rewritten with -update as internal/golden's files are.
//
// The bad-input corpus: testdata/badinput/NN-name.txtar. Each case is a
// txtar archive whose comment describes the case and holds its directives,
// one per line:
//
//	base: minimal          copy testdata/badinput/base.txtar (a small store) to s/
//	base: smarttrackers    copy the SmartTrackers example store (a git store
//	                       with versions 2026-01-01 and 2026-07-01) to s/
//	gen: KIND ARGS…        generate an input no file could hold (see generate)
//	setup: ARGS…           run termsmith ARGS before the case; it must succeed
//	run: ARGS…             the command under test ('…' quotes one argument)
//	stdout-file: /dev/full standard output is that file instead of a buffer
//	exit: N                the expected exit status
//	writes: PATH…          files the command may create (only with exit 0)
//	grep: PATH REGEXP      a written file must match REGEXP (the rest of the line)
//	leaves: PATH…          files the command may leave even when it fails:
//	                       only publish's lock file, .git/termsmith.lock,
//	                       which is kept by design (see docs/versions.md)
//	root: no               skip the case when running as root
//
// The archive's files are written under the case's root directory, except
// "stderr" and "stdout", the expected output (after the root directory is
// replaced by $ROOT and durations by N.Ns). An absent "stdout" means none.
// Every case runs termsmith in-process through Main, in its own root
// directory (the working directory, $HOME and $TMPDIR are inside it), and
// afterwards checks the exit status, the output, and that no file or
// directory under the root was created, changed or removed except the
// declared writes. Every PDF written is checked with qpdf --check.
type badCase struct {
	name       string
	file       string
	archive    *txtar.Archive
	base       string
	gens       [][]string
	setups     [][]string
	args       []string
	stdoutFile string
	exit       int
	writes     []string
	leaves     []string
	greps      [][2]string
	notRoot    bool
}

func readBadCase(t *testing.T, file string) *badCase {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := &badCase{name: strings.TrimSuffix(filepath.Base(file), ".txtar"), file: file, archive: a, exit: -1}
	for _, line := range strings.Split(string(a.Comment), "\n") {
		key, val, ok := strings.Cut(line, ":")
		val = strings.TrimSpace(val)
		if !ok {
			continue
		}
		switch key {
		case "base":
			c.base = val
		case "gen":
			c.gens = append(c.gens, splitArgs(t, val))
		case "setup":
			c.setups = append(c.setups, splitArgs(t, val))
		case "run":
			c.args = splitArgs(t, val)
		case "stdout-file":
			c.stdoutFile = val
		case "exit":
			if c.exit, err = strconv.Atoi(val); err != nil {
				t.Fatalf("%s: exit: %v", file, err)
			}
		case "writes":
			c.writes = strings.Fields(val)
		case "leaves":
			c.leaves = strings.Fields(val)
		case "grep":
			file, re, _ := strings.Cut(val, " ")
			c.greps = append(c.greps, [2]string{file, re})
		case "root":
			c.notRoot = val == "no"
		}
	}
	if c.args == nil || c.exit < 0 {
		t.Fatalf("%s: a case needs run: and exit:", file)
	}
	if c.exit == 0 && len(c.writes) == 0 {
		t.Fatalf("%s: a case that succeeds must declare what it writes", file)
	}
	if c.exit != 0 && len(c.writes) > 0 {
		t.Fatalf("%s: a failing case may write nothing", file)
	}
	return c
}

// splitArgs splits a command line at spaces; '…' quotes an argument.
func splitArgs(t *testing.T, s string) []string {
	var out []string
	var cur strings.Builder
	quoted, have := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, have = !quoted, true
		case r == ' ' && !quoted:
			if have {
				out = append(out, cur.String())
			}
			cur.Reset()
			have = false
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if quoted {
		t.Fatalf("unclosed quote in %q", s)
	}
	if have {
		out = append(out, cur.String())
	}
	return out
}

// exampleStore builds the SmartTrackers example store once per test run
// and returns its directory, to be copied.
func exampleStore(t *testing.T) string {
	t.Helper()
	if exampleStoreDir != "" {
		return exampleStoreDir
	}
	dir := filepath.Join(t.TempDir(), "smarttrackers")
	var errOut bytes.Buffer
	if code := Main([]string{"init", dir, "--example", "smarttrackers"}, io.Discard, &errOut); code != 0 {
		t.Fatalf("init --example smarttrackers: %s", errOut.String())
	}
	exampleStoreDir = dir
	t.Cleanup(func() { exampleStoreDir = "" })
	return dir
}

var exampleStoreDir string

// fixedClock is the time the cases run at: after the example's second
// version took effect.
var fixedClock = time.Date(2026, 8, 1, 10, 0, 0, 0, time.UTC)

// TestBadInput runs the bad-input corpus in testdata/badinput.
func TestBadInput(t *testing.T) {
	files, err := filepath.Glob("testdata/badinput/[0-9]*.txtar")
	if err != nil || len(files) < 40 {
		t.Fatalf("%d cases in testdata/badinput, want at least 40 (%v)", len(files), err)
	}
	base, err := txtar.ParseFile("testdata/badinput/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	pkgDir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	defer func(c func() time.Time) { clock = c }(clock)
	clock = func() time.Time { return fixedClock }
	failing := 0
	for _, file := range files {
		c := readBadCase(t, filepath.Join(pkgDir, file))
		if c.exit != 0 {
			failing++
		}
		t.Run(c.name, func(t *testing.T) {
			if c.notRoot && os.Getuid() == 0 {
				t.Skip("runs only as a user other than root: root may write to a read-only directory")
			}
			root := t.TempDir()
			t.Chdir(root)
			for _, d := range []string{"home", "tmp"} {
				if err := os.Mkdir(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			t.Setenv("HOME", filepath.Join(root, "home"))
			t.Setenv("TMPDIR", filepath.Join(root, "tmp"))
			switch c.base {
			case "":
			case "minimal":
				writeArchive(t, base)
			case "smarttrackers":
				if err := os.CopyFS("s", os.DirFS(exampleStore(t))); err != nil {
					t.Fatal(err)
				}
			default:
				t.Fatalf("unknown base %q", c.base)
			}
			writeArchive(t, c.archive)
			for _, g := range c.gens {
				generate(t, g)
			}
			for _, s := range c.setups {
				var out, errOut bytes.Buffer
				if code := Main(s, &out, &errOut); code != 0 {
					t.Fatalf("setup termsmith %s: exit %d: %s", strings.Join(s, " "), code, errOut.String())
				}
			}

			before := snapshot(t, root)
			var stdout, stderr bytes.Buffer
			var out io.Writer = &stdout
			if c.stdoutFile != "" {
				f, err := os.OpenFile(c.stdoutFile, os.O_WRONLY, 0)
				if err != nil {
					t.Skipf("%s: %v", c.stdoutFile, err)
				}
				defer f.Close()
				out = f
			}
			code := Main(c.args, out, &stderr)
			after := snapshot(t, root)

			if code != c.exit {
				t.Errorf("termsmith %s: exit status %d, want %d\nstderr: %s", strings.Join(c.args, " "), code, c.exit, stderr.String())
			}
			checkOutput(t, c, "stderr", normalize(stderr.String(), root))
			checkOutput(t, c, "stdout", normalize(stdout.String(), root))
			checkWrites(t, before, after, c.writes, c.leaves)
			for _, w := range c.writes {
				if strings.HasSuffix(w, ".pdf") {
					qpdfCheck(t, filepath.Join(root, w))
				}
			}
			for _, g := range c.greps {
				data, err := os.ReadFile(g[0])
				if err != nil {
					t.Error(err)
					continue
				}
				if !regexp.MustCompile(g[1]).Match(data) {
					t.Errorf("%s does not match %q:\n%s", g[0], g[1], data)
				}
			}
		})
	}
	if failing < 40 {
		t.Errorf("%d cases expect a failure, want at least 40", failing)
	}
}

// writeArchive writes an archive's files, except the expected output,
// under the working directory.
func writeArchive(t *testing.T, a *txtar.Archive) {
	t.Helper()
	for _, f := range a.Files {
		if f.Name == "stderr" || f.Name == "stdout" {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(f.Name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f.Name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var (
	durationRE = regexp.MustCompile(`\bin \d+\.\ds\b`)
	tempRE     = regexp.MustCompile(`\.[0-9-]+\.tmp\b`)
)

// normalize makes output comparable: the case's root directory is $ROOT,
// durations are "in N.Ns" and the unique part of a temporary file's name
// is N.
func normalize(s, root string) string {
	s = strings.ReplaceAll(s, root, "$ROOT")
	s = tempRE.ReplaceAllString(s, ".N.tmp")
	return durationRE.ReplaceAllString(s, "in N.Ns")
}

// checkOutput compares output with the archive's expected file name
// (none means no output), or with -update rewrites it.
func checkOutput(t *testing.T, c *badCase, name, got string) {
	t.Helper()
	i := slices.IndexFunc(c.archive.Files, func(f txtar.File) bool { return f.Name == name })
	if golden.Updating() {
		switch {
		case i >= 0:
			c.archive.Files[i].Data = []byte(got)
		case got != "":
			c.archive.Files = append(c.archive.Files, txtar.File{Name: name, Data: []byte(got)})
		}
		if err := os.WriteFile(c.file, txtar.Format(c.archive), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := ""
	if i >= 0 {
		want = string(c.archive.Files[i].Data)
	}
	if got != want {
		t.Errorf("%s differs (run go test -run TestBadInput -update and review the diff)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// entry is what a snapshot records of one path.
type entry struct {
	kind string // "dir", "file", "symlink", "other"
	mode fs.FileMode
	size int64
	sum  string // a file's SHA-256, a symlink's target
}

// snapshot records every path under root, its type, mode, size and
// content hash, without following symbolic links.
func snapshot(t *testing.T, root string) map[string]entry {
	t.Helper()
	out := map[string]entry{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		// The version cache is written by any read of the versions; it
		// is not store content (docs/versions.md).
		if filepath.Base(p) == "versions.cache" && filepath.Base(filepath.Dir(p)) == "termsmith" {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		e := entry{mode: info.Mode()}
		switch {
		case d.IsDir():
			e.kind = "dir"
		case info.Mode()&fs.ModeSymlink != 0:
			e.kind = "symlink"
			e.sum, _ = os.Readlink(p)
		case info.Mode().IsRegular():
			e.kind, e.size = "file", info.Size()
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			h := sha256.New()
			_, err = io.Copy(h, f)
			f.Close()
			if err != nil {
				return err
			}
			e.sum = hex.EncodeToString(h.Sum(nil))
		default:
			e.kind = "other"
		}
		out[filepath.ToSlash(rel)] = e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkWrites fails the test for every path created, changed or removed
// between two snapshots, except the declared writes and their directories
// and what the case may leave, and for every declared write that is not a
// new file.
func checkWrites(t *testing.T, before, after map[string]entry, writes, leaves []string) {
	t.Helper()
	allowed := map[string]bool{}
	for _, l := range leaves {
		if !strings.HasSuffix(l, "/.git/termsmith.lock") {
			t.Fatalf("leaves: %s: only the publish lock may be left", l)
		}
		allowed[l] = true
	}
	for _, w := range writes {
		for p := w; p != "." && p != "/"; p = path.Dir(p) {
			allowed[p] = true
		}
		if e, ok := after[w]; !ok || e.kind != "file" {
			t.Errorf("%s was not written", w)
		}
	}
	var changed []string
	for p, e := range after {
		if b, ok := before[p]; (!ok || b != e) && !allowed[p] {
			changed = append(changed, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			changed = append(changed, p+" (removed)")
		}
	}
	sort.Strings(changed)
	if len(changed) > 0 {
		t.Errorf("files created, changed or removed: %s", strings.Join(changed, ", "))
	}
}

// generate makes an input no archive could hold: too large, too deep,
// with invalid bytes, a corrupted git object, a full disk.
func generate(t *testing.T, g []string) {
	t.Helper()
	arg := func(i int) string {
		if i >= len(g) {
			t.Fatalf("gen %s: missing argument %d", strings.Join(g, " "), i)
		}
		return g[i]
	}
	num := func(i int) int {
		n, err := strconv.Atoi(arg(i))
		if err != nil {
			t.Fatalf("gen %s: %v", strings.Join(g, " "), err)
		}
		return n
	}
	write := func(name string, data []byte) {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) []byte {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	switch arg(0) {
	case "big": // big FILE SIZE: a clause file of SIZE bytes, valid but for its size
		head := []byte("---\nid: groot\ntitle: GROOT\n---\n\n")
		data := bytes.Repeat([]byte("Een zin die steeds terugkomt. "), num(2)/30+1)
		write(arg(1), append(head, data...)[:num(2)])
	case "deep": // deep FILE DEPTH: one list item nested DEPTH lists deep
		write(arg(1), []byte("---\nid: diep\ntitle: DIEP\n---\n\n"+strings.Repeat("- ", num(2))+"diep genest.\n"))
	case "invalid-utf8": // invalid-utf8 FILE LINE: a byte 0xff at the end of LINE
		lines := bytes.Split(read(arg(1)), []byte("\n"))
		lines[num(2)-1] = append(lines[num(2)-1], 0xff)
		write(arg(1), bytes.Join(lines, []byte("\n")))
	case "crlf": // crlf FILE: a byte-order mark and CRLF line ends
		write(arg(1), append([]byte("\uFEFF"), bytes.ReplaceAll(read(arg(1)), []byte("\n"), []byte("\r\n"))...))
	case "git-init": // git-init DIR: make DIR a store repository
		if _, err := versions.Init(arg(1), ""); err != nil {
			t.Fatal(err)
		}
	case "git-commit": // git-commit DIR: commit DIR's working tree, as an author would before publishing
		r, err := versions.Open(arg(1))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Commit("draft\n", clauses.Person{Name: "Legal", Email: "legal@example.test"}, fixedClock); err != nil {
			t.Fatal(err)
		}
	case "corrupt-object", "tamper-object": // corrupt-object STORE PATH: garbage in the loose object of the first version's PATH; tamper-object: a valid object of other text under its name
		// The blob's name is the SHA-1 of its header and the file as the
		// example's first version has it.
		fsys, err := examples.Store("smarttrackers")
		if err != nil {
			t.Fatal(err)
		}
		data, err := fs.ReadFile(fsys, arg(2))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha1.Sum(append([]byte(fmt.Sprintf("blob %d\x00", len(data))), data...))
		h := hex.EncodeToString(sum[:])
		obj := filepath.Join(arg(1), ".git", "objects", h[:2], h[2:])
		if err := os.Chmod(obj, 0o644); err != nil {
			t.Fatalf("the object of %s: %v", arg(2), err)
		}
		if arg(0) == "corrupt-object" {
			write(obj, []byte("this is not a zlib stream\n"))
			break
		}
		other := bytes.Replace(data, []byte("Klant"), []byte("Kl4nt"), 1)
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		fmt.Fprintf(zw, "blob %d\x00", len(other))
		zw.Write(other)
		zw.Close()
		write(obj, z.Bytes())
	case "tmpfs": // tmpfs DIR SIZE: a file system of SIZE bytes on DIR
		if runtime.GOOS != "linux" {
			t.Skip("a full disk is simulated with tmpfs, on Linux only")
		}
		if err := os.MkdirAll(arg(1), 0o755); err != nil {
			t.Fatal(err)
		}
		dir, _ := filepath.Abs(arg(1))
		if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+arg(2), "tmpfs", dir).CombinedOutput(); err != nil {
			t.Skipf("cannot mount a tmpfs to fill (needs root or CAP_SYS_ADMIN): %v %s", err, out)
		}
		t.Cleanup(func() {
			if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
				t.Errorf("umount %s: %v %s", dir, err, out)
			}
		})
	case "chmod": // chmod MODE PATH
		mode, err := strconv.ParseUint(arg(1), 8, 32)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(arg(2), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(arg(2), fs.FileMode(mode)); err != nil {
			t.Fatal(err)
		}
		dir, _ := filepath.Abs(arg(2))
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
	case "fifo": // fifo PATH: a named pipe, which blocks whoever opens it to read
		if runtime.GOOS == "windows" {
			t.Skip("named pipes are a Unix case")
		}
		if out, err := exec.Command("mkfifo", arg(1)).CombinedOutput(); err != nil {
			t.Skipf("mkfifo: %v %s", err, out)
		}
	case "symlink": // symlink TARGET PATH
		if err := os.Symlink(arg(1), arg(2)); err != nil {
			t.Fatal(err)
		}
	case "aliases": // aliases FILE COUNT SIZE: the customer's line items: one with a SIZE-byte period under an anchor, then COUNT aliases to it
		var b strings.Builder
		b.WriteString("legal_name: Acme B.V.\naddress: Dorpsstraat 2, 3811 AB Amersfoort\nkvk: \"22222222\"\n")
		b.WriteString("contact: {name: Els Visser, email: els@acme.nl}\nsignatory: {name: Joost Visser, title: Directeur}\n")
		b.WriteString("offer: {number: \"2026-0001\", date: 2026-02-01}\nline_items:\n")
		b.WriteString("  - &li {service: Software, quantity: 1, unit_price: \"100.00\", period: \"" + strings.Repeat("maand ", num(3)/6) + "\"}\n")
		b.WriteString(strings.Repeat("  - *li\n", num(2)))
		write(arg(1), []byte(b.String()))
	case "copy-quoted": // copy-quoted FROM TO: TO is a Go string literal, for names no archive can hold
		to, err := strconv.Unquote(arg(2))
		if err != nil {
			t.Fatalf("gen %s: %v", strings.Join(g, " "), err)
		}
		write(to, read(arg(1)))
	case "replace": // replace FILE OLD NEW: the first OLD by NEW, both Go string literals
		old, err1 := strconv.Unquote(arg(2))
		repl, err2 := strconv.Unquote(arg(3))
		data := string(read(arg(1)))
		if err1 != nil || err2 != nil || !strings.Contains(data, old) {
			t.Fatalf("gen %s: %v %v, or %s does not hold it", strings.Join(g, " "), err1, err2, arg(1))
		}
		write(arg(1), []byte(strings.Replace(data, old, repl, 1)))
	case "rm": // rm PATH
		if err := os.RemoveAll(arg(1)); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("unknown gen %q", arg(0))
	}
}
