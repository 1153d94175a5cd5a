package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureStore is the render package's test store: two customers, a DPA
// with a Ja/Nee table, an addendum.
const fixtureStore = "../../render/testdata/store"

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRenderAndOfferExitStatus(t *testing.T) {
	dir := t.TempDir()
	store := []string{"--store", fixtureStore, "-o", dir}
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"render", "acme"}, 0, ""},
		{[]string{"render"}, 2, "give a CUSTOMER or --all"},
		{[]string{"render", "acme", "--all"}, 2, "give a CUSTOMER or --all"},
		{[]string{"render", "acme", "--format", "docx"}, 2, `unknown format "docx"`},
		{[]string{"render", "nosuch"}, 2, `unknown customer "nosuch"`},
		{[]string{"render", "acme", "--shard", "1/2"}, 2, "--shard needs --all"},
		{[]string{"render", "--all", "--shard", "0/2"}, 2, "use I/N"},
		{[]string{"render", "--all", "--shard", "3/2"}, 2, "use I/N"},
		{[]string{"render", "--all", "--jobs", "0"}, 2, "--jobs 0"},
		{[]string{"render", "acme", "--version", "1", "--at", "2026-01-01"}, 2, "not both"},
		{[]string{"render", "acme", "--bogus"}, 2, "unknown flag"},
		{[]string{"offer", "acme"}, 0, ""},
		{[]string{"offer"}, 2, "accepts 1 arg"},
		{[]string{"offer", "nosuch"}, 2, `unknown customer "nosuch"`},
		{[]string{"offer", "globex"}, 1, "customers/globex.yaml: offer.number is required"},
	} {
		code, _, stderr := run(t, append(c.args, store...)...)
		if code != c.code || !strings.Contains(stderr, c.err) {
			t.Errorf("termsmith %s: exit %d, stderr %q; want exit %d and %q", strings.Join(c.args, " "), code, stderr, c.code, c.err)
		}
	}
}

// TestRenderAllMatchesOneByOne renders every customer in parallel and
// checks each file against a render of that customer alone: workers share
// the loaded terms, and must not disturb one another (run with -race).
func TestRenderAllMatchesOneByOne(t *testing.T) {
	all, one := t.TempDir(), t.TempDir()
	code, stdout, stderr := run(t, "render", "--all", "--jobs", "4", "--store", fixtureStore, "-o", all)
	if code != 0 {
		t.Fatalf("render --all: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "rendered 2 agreement(s) from the working tree") {
		t.Errorf("summary: %q", stderr)
	}
	paths := strings.Fields(stdout)
	if len(paths) != 2 || paths[0] != filepath.Join(all, "acme", "working", "agreement.pdf") {
		t.Fatalf("paths written: %q, want acme's then globex's", paths)
	}
	for _, id := range []string{"acme", "globex"} {
		if code, _, stderr := run(t, "render", id, "--store", fixtureStore, "-o", one); code != 0 {
			t.Fatalf("render %s: %s", id, stderr)
		}
		a, _ := os.ReadFile(filepath.Join(all, id, "working", "agreement.pdf"))
		b, _ := os.ReadFile(filepath.Join(one, id, "working", "agreement.pdf"))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: the --all file (%d bytes) differs from the single render (%d bytes)", id, len(a), len(b))
		}
	}
}

func TestRenderProgress(t *testing.T) {
	var b bytes.Buffer
	p := newRenderProgress(&b, 4, true)
	for range 4 {
		p.done()
	}
	if !strings.Contains(b.String(), "\rrendering [==============================] 4/4") {
		t.Errorf("progress on a terminal: %q", b.String())
	}
	p.finish()
	if !strings.HasSuffix(b.String(), "\r\033[K") {
		t.Error("the bar is not cleared at the end")
	}
	b.Reset()
	p = newRenderProgress(&b, 4, false)
	p.done()
	p.finish()
	if b.Len() != 0 {
		t.Errorf("progress without a terminal: %q, want nothing", b.String())
	}
	if stderrIsTerminal(&b) {
		t.Error("a buffer is not a terminal")
	}
}
