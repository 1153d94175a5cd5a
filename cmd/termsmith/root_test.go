package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/versions"
)

// Tests of Main (root.go): the exit statuses of the version commands.

// vtStore makes a store in a git repository with the given clause
// text, and returns its directory.
func vtStore(t *testing.T, git bool) string {
	t.Helper()
	dir := t.TempDir()
	if git {
		if _, err := versions.Init(dir, ""); err != nil {
			t.Fatal(err)
		}
	}
	for name, s := range map[string]string{
		"termsmith.yaml":              "supplier: {legal_name: Acme B.V.}\npublisher: {name: Legal Acme, email: legal@acme.test}\n",
		"clauses/terms/document.yaml": "title: Voorwaarden\nclauses: [art]\n",
	} {
		vtWrite(t, dir, name, s)
	}
	vtSetText(t, dir, "draft")
	return dir
}

func vtWrite(t *testing.T, dir, name, s string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o666); err != nil {
		t.Fatal(err)
	}
}

func vtSetText(t *testing.T, dir, text string) {
	vtWrite(t, dir, "clauses/terms/art.md", "---\nid: art\ntitle: ARTIKEL\n---\n\n"+text+"\n")
}

// vtCommit commits the store's working tree on its branch, as an author
// would before publishing.
func vtCommit(t *testing.T, dir string) {
	t.Helper()
	r, err := versions.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Commit("draft\n", clauses.Person{Name: "Legal Acme", Email: "legal@acme.test"}, clock()); err != nil {
		t.Fatal(err)
	}
}

// vtRun runs termsmith and returns its exit status and output.
func vtRun(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestVersionCommandsExit checks the exit statuses of the version commands:
// 2 for unusable input, 1 for refusals and verify problems.
func TestVersionCommandsExit(t *testing.T) {
	defer func(c func() time.Time) { clock = c }(clock)
	clock = func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	dir := vtStore(t, true)
	vtCommit(t, dir)
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"publish", "v1", "--effective", "2026-01-01"}, 0, ""},
		{[]string{"publish", "v1", "--effective", "2027-01-01"}, 1, "version already exists"},
		{[]string{"publish", "v2", "--effective", "2026-03-15"}, 1, "earliest effective date is 2026-03-31"},
		{[]string{"publish", "v2", "--effective", "2026-13-01"}, 2, "there is no month 13"},
		{[]string{"publish", "v2", "--notice-date", "2026-01-01"}, 2, "--effective DATE is required"},
		{[]string{"publish", "a..b", "--effective", "2027-01-01"}, 2, "invalid version id"},
		{[]string{"publish"}, 2, "accepts 1 arg"},
		{[]string{"publish", "v2", "--effective", "2027-01-01", "--bogus"}, 2, "unknown flag"},
		{[]string{"show", "v9"}, 2, "no such version"},
		{[]string{"show", "v1", "art"}, 0, ""},
		{[]string{"versions", "--at", "x"}, 2, "use YYYY-MM-DD"},
		{[]string{"verify"}, 0, ""},
		{[]string{"--store", t.TempDir(), "verify"}, 2, "not a termsmith store"},
	} {
		args := tc.args
		if args[0] != "--store" {
			args = append([]string{"--store", dir}, args...)
		}
		code, _, errOut := vtRun(args...)
		if code != tc.code || !strings.Contains(errOut, tc.stderr) {
			t.Errorf("termsmith %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tc.args, " "), code, errOut, tc.code, tc.stderr)
		}
	}
	// A tag that holds the record of another version fails closed.
	tag, err := os.ReadFile(filepath.Join(dir, ".git", "refs", "tags", "v1"))
	if err != nil {
		t.Fatal(err)
	}
	vtWrite(t, dir, ".git/refs/tags/v3", string(tag))
	if code, out, _ := vtRun("--store", dir, "verify"); code != 1 || !strings.Contains(out, "v3: tag-corrupt: tag v3 holds the record of version v1") {
		t.Errorf("verify with a copied tag: exit %d, %q; want exit 1 and the problem", code, out)
	}
	if code, _, errOut := vtRun("--store", dir, "show", "v1"); code != 1 || !strings.Contains(errOut, "cannot be trusted") {
		t.Errorf("show in a store with a copied tag: exit %d, %q; want exit 1", code, errOut)
	}
}
