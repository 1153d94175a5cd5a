package store

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/termsmith/termsmith/render"
)

// exampleRoot holds the example store, once built.
var exampleRoot string

// exampleOnce builds the SmartTrackers example store, with its two
// published versions, once; each test gets a copy.
var exampleOnce = sync.OnceValues(func() (string, error) {
	var err error
	if exampleRoot, err = os.MkdirTemp("", "termsmith-store-test-"); err != nil {
		return "", err
	}
	dir := filepath.Join(exampleRoot, "s")
	return dir, Create(dir, "smarttrackers", time.Time{}, io.Discard)
})

// TestMain removes the example store the tests copied.
func TestMain(m *testing.M) {
	code := m.Run()
	if exampleRoot != "" {
		os.RemoveAll(exampleRoot)
	}
	os.Exit(code)
}

// example makes a copy of the SmartTrackers example store and opens it
// at noon on date.
func example(t *testing.T, date string) *Store {
	t.Helper()
	src, err := exampleOnce()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "s")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	now := day(date).Add(12 * time.Hour)
	return Open(dir, func() time.Time { return now })
}

// TestExampleWorkflow runs the application layer's jobs on a real store:
// which content, which customers, an agreement, a comparison, the notices.
func TestExampleWorkflow(t *testing.T) {
	s := example(t, "2026-08-01")
	t1, err := s.Content(Selector{})
	if err != nil || t1.Version != "2026-07-01" || t1.Draft {
		t.Fatalf("content in force on 2026-08-01: %v, %v", t1, err)
	}
	t0, err := s.Content(Selector{At: "2026-03-01"})
	if err != nil || t0.Version != "2026-01-01" || !t0.NoticeDate.IsZero() && !t0.NoticeDate.Before(t0.Effective) {
		t.Fatalf("content in force on 2026-03-01: %v, %v", t0, err)
	}
	if w, err := s.Resolve("worktree"); err != nil || !w.Draft {
		t.Errorf("the worktree is a draft: %v, %v", w, err)
	}
	if _, err := s.Resolve("no-such-version"); !IsUnusable(err) {
		t.Errorf("an unknown version: %v, want unusable input", err)
	}
	custs, failures := s.Customers()
	if len(custs) != 3 || len(failures) != 0 || custs[0].ID > custs[1].ID {
		t.Fatalf("customers: %d, failures %v", len(custs), failures)
	}
	if _, err := s.Customer("nobody"); !IsUnusable(err) {
		t.Errorf("an unknown customer: %v, want unusable input", err)
	}

	out := filepath.Join(t.TempDir(), "out")
	path, err := RenderAgreement(t1, custs[0], render.Markdown, out)
	if err != nil || path != filepath.Join(out, custs[0].ID, "2026-07-01", "agreement.md") {
		t.Fatalf("RenderAgreement = %s, %v", path, err)
	}

	r, err := Compare(t0, t1, custs[0], day("2026-05-15"))
	if err != nil || len(r.Changes) == 0 || r.Customer != custs[0] {
		t.Fatalf("Compare: %v, %v", r, err)
	}
	// The policy of the terms in force: notice period and deadline.
	if r.PeriodDays != t0.Store.Config.NoticePeriodDays || r.Deadline.IsZero() {
		t.Errorf("report: period %d, deadline %s", r.PeriodDays, r.Deadline)
	}
	ref, err := Compare(t0, t1, nil, time.Time{})
	if err != nil || ref.Customer != nil || !ref.Deadline.IsZero() {
		t.Errorf("reference comparison: %v, %v", ref, err)
	}

	run, err := s.Notices(NoticeRequest{From: "2026-01-01", To: "2026-07-01", Date: day("2026-05-15")})
	if err != nil || !run.Preview || run.Letter == nil {
		t.Fatalf("Notices: %v, %v", run, err)
	}
	files, err := run.Write(custs[0], out)
	if err != nil || len(files) != 3 {
		t.Fatalf("Write: %v, %v", files, err)
	}
	for _, f := range files {
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	// Too late for the notice period: refused, not unusable.
	_, err = s.Notices(NoticeRequest{From: "2026-01-01", To: "2026-07-01", Date: day("2026-06-20")})
	if err == nil || IsUnusable(err) || !strings.Contains(err.Error(), "notice refused") {
		t.Errorf("a late notice: %v", err)
	}
	// Sending needs published versions.
	if _, err := s.Notices(NoticeRequest{From: "2026-01-01", To: "worktree", Send: true}); !IsUnusable(err) {
		t.Errorf("sending a draft: %v, want unusable input", err)
	}
}

// TestShard splits the customers into shards: every customer in exactly
// one shard of N, the total the same from every shard, and a customer
// added later never moving the others to another shard.
func TestShard(t *testing.T) {
	s := example(t, "2026-08-01")
	custs, _ := s.Customers()
	const n = 2
	before := map[string]int{}
	for i := 1; i <= n; i++ {
		shard, failures, total := s.Shard(i, n)
		if total != len(custs) || len(failures) != 0 {
			t.Fatalf("shard %d/%d: total %d, failures %v", i, n, total, failures)
		}
		for _, c := range shard {
			if prev, dup := before[c.ID]; dup {
				t.Errorf("%s is in shards %d and %d", c.ID, prev, i)
			}
			before[c.ID] = i
		}
	}
	if len(before) != len(custs) {
		t.Fatalf("the shards hold %d of %d customers", len(before), len(custs))
	}
	src, err := os.ReadFile(filepath.Join(s.dir, custs[0].File))
	if err != nil {
		t.Fatal(err)
	}
	added := strings.Replace(string(src), "id: "+custs[0].ID, "id: nieuwe-klant", 1)
	if err := os.WriteFile(filepath.Join(s.dir, "customers", "nieuwe-klant.yaml"), []byte(added), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		shard, failures, total := s.Shard(i, n)
		if total != len(custs)+1 || len(failures) != 0 {
			t.Fatalf("after adding a customer, shard %d/%d: total %d, failures %v", i, n, total, failures)
		}
		for _, c := range shard {
			if was, ok := before[c.ID]; ok && was != i {
				t.Errorf("%s moved from shard %d to %d when a customer was added", c.ID, was, i)
			}
		}
	}
}
