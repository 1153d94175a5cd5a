package store

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/ledger"
)

// git runs git in dir and returns its output.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestPushPull pushes the example, with a ledger record, to a bare
// repository and pulls it into a clone: the branch, the ledger and the
// version tags travel.
func TestPushPull(t *testing.T) {
	s := example(t, "2026-05-15")
	led, err := s.Ledger()
	if err != nil {
		t.Fatal(err)
	}
	err = led.Update("2026-01-01", "2026-07-01", "acme", "record acme", func(*ledger.Record) (*ledger.Record, error) {
		return &ledger.Record{Customer: "acme", From: "2026-01-01", To: "2026-07-01", Attempts: []ledger.Attempt{{Status: ledger.Failed, Started: s.Now()}}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	bare := filepath.Join(t.TempDir(), "remote.git")
	git(t, s.Dir(), "init", "-q", "--bare", bare)
	git(t, s.Dir(), "remote", "add", "origin", bare)
	if _, err := s.Push("origin"); err != nil {
		t.Fatalf("Push: %v", err)
	}
	for _, ref := range []string{"refs/heads/main", ledger.Ref, "refs/tags/2026-01-01", "refs/tags/2026-07-01"} {
		git(t, bare, "rev-parse", "--verify", "-q", ref)
	}

	// A colleague's clone that has only the branch gets the rest by pull.
	clone := filepath.Join(t.TempDir(), "clone")
	git(t, s.Dir(), "clone", "-q", "--no-tags", "--single-branch", "--branch", "main", bare, clone)
	c := Open(clone, s.now)
	if _, err := c.Pull("origin"); err != nil {
		t.Fatalf("Pull: %v", err)
	}
	list, _, err := c.Versions(s.Today())
	if err != nil || len(list) != 2 {
		t.Fatalf("versions after pull: %v, %v", list, err)
	}
	git(t, clone, "rev-parse", "--verify", "-q", ledger.Ref)

	if _, err := Open(t.TempDir(), nil).Push("origin"); !IsUnusable(err) {
		t.Errorf("push from a directory that is not a store: %v, want unusable input", err)
	}
}

// TestMigrate leaves a store in the current layout alone and refuses a
// directory that is not a store.
func TestMigrate(t *testing.T) {
	s := example(t, "2026-05-15")
	before := git(t, s.Dir(), "rev-parse", "HEAD")
	if _, err := s.Migrate(); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if after := git(t, s.Dir(), "rev-parse", "HEAD"); after != before {
		t.Errorf("Migrate moved main from %s to %s", before, after)
	}
	if _, err := Open(t.TempDir(), nil).Migrate(); !IsUnusable(err) {
		t.Errorf("a directory that is not a store: %v, want unusable input", err)
	}
}
