package store

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/versions"
)

// newStore makes a store, in a git repository when git is set, with one
// clause whose text is "draft", and returns its directory.
func newStore(t *testing.T, git bool) string {
	t.Helper()
	dir := t.TempDir()
	if git {
		if _, err := versions.Init(dir, ""); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, dir, "termsmith.yaml", "supplier: {legal_name: Acme B.V.}\npublisher: {name: Legal Acme, email: legal@acme.test}\n")
	writeFile(t, dir, "clauses/terms/document.yaml", "title: Voorwaarden\nclauses: [art]\n")
	setText(t, dir, "draft")
	return dir
}

func writeFile(t *testing.T, dir, name, s string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o666); err != nil {
		t.Fatal(err)
	}
}

func setText(t *testing.T, dir, text string) {
	writeFile(t, dir, "clauses/terms/art.md", "---\nid: art\ntitle: ARTIKEL\n---\n\n"+text+"\n")
}

// commit commits the store's working tree on its branch, as an author
// would before publishing.
func commit(t *testing.T, dir string, when time.Time) {
	t.Helper()
	r, err := versions.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Commit("draft\n", clauses.Person{Name: "Legal Acme", Email: "legal@acme.test"}, when); err != nil {
		t.Fatal(err)
	}
}

func day(s string) time.Time {
	d, err := versions.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestContent checks how --version, --at and the default choose the
// content a command reads.
func TestContent(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	plain := newStore(t, false)
	dir := newStore(t, true)
	g := Open(dir, clock)
	// No version yet: the working tree.
	if fsys, v, err := g.ContentFS(Selector{}); err != nil || v != nil || readText(t, fsys) != "draft" {
		t.Errorf("content with no versions = %v, %v; want the working tree", v, err)
	}
	// Not a git repository: the working tree too, but no --version.
	gp := Open(plain, clock)
	if fsys, v, err := gp.ContentFS(Selector{}); err != nil || v != nil || readText(t, fsys) != "draft" {
		t.Errorf("content of a store without git = %v, %v; want the working tree", v, err)
	}
	if _, _, err := gp.ContentFS(Selector{Version: "v1"}); !IsUnusable(err) {
		t.Errorf("--version in a store without git = %v, want exit status 2", err)
	}

	for _, p := range []struct{ id, effective, notice string }{
		{"v1", "2026-01-01", "2025-12-01"},
		{"v2", "2026-06-01", "2026-03-01"},
	} {
		setText(t, dir, "text of "+p.id)
		now = day(p.notice).Add(12 * time.Hour)
		commit(t, dir, now)
		if _, err := Open(dir, clock).Publish(versions.PublishOptions{ID: p.id, Effective: day(p.effective), NoticeDate: day(p.notice), Now: now}); err != nil {
			t.Fatalf("publish %s: %v", p.id, err)
		}
	}
	setText(t, dir, "a later draft")
	now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

	for _, tc := range []struct {
		version, at string
		want        string // the version read, or "exit N"
	}{
		{"", "", "v1"}, // in force on the clock's date, 2026-03-01
		{"v2", "", "v2"},
		{"", "2026-06-01", "v2"},
		{"", "2026-05-31", "v1"},
		{"", "2025-12-31", "exit 2"}, // nothing in force yet
		{"v9", "", "exit 2"},
		{"v1", "2026-01-01", "exit 2"},
		{"", "31-12-2026", "exit 2"},
	} {
		fsys, v, err := g.ContentFS(Selector{Version: tc.version, At: tc.at})
		got := ""
		if err != nil {
			got = "exit 1"
			if IsUnusable(err) {
				got = "exit 2"
			}
		} else {
			got = v.ID
			if want := "text of " + v.ID; readText(t, fsys) != want {
				t.Errorf("content(%q, %q) reads %q, want %q", tc.version, tc.at, readText(t, fsys), want)
			}
		}
		if got != tc.want {
			t.Errorf("content(%q, %q) = %s (%v), want %s", tc.version, tc.at, got, err, tc.want)
		}
	}
}

func readText(t *testing.T, fsys fs.FS) string {
	t.Helper()
	b, err := fs.ReadFile(fsys, "clauses/terms/art.md")
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := strings.Cut(string(b), "---\n\n")
	return strings.TrimSpace(body)
}
