package versions

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCache: the version cache is written by the first read, used by the
// next, and cannot pass off an edited record: reading that version's
// content checks its tag object again, and verify never uses the cache.
func TestCache(t *testing.T) {
	r := newStore(t)
	v1 := publish(t, r, "v1", "2026-01-01", "2025-11-01")
	publish(t, r, "v2", "2027-01-01", "2026-11-01")
	if _, err := r.List(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(r.cachePath())
	if err != nil || !strings.Contains(string(data), v1.ContentHash) {
		t.Fatalf("cache after List = %q, %v; want v1's record in it", data, err)
	}
	forged := strings.Replace(string(data), "\t2026-01-01\t", "\t2025-01-01\t", 1)
	if forged == string(data) {
		t.Fatal("the cache does not hold v1's effective date as expected")
	}
	if err := os.WriteFile(r.cachePath(), []byte(forged), 0o644); err != nil {
		t.Fatal(err)
	}
	fresh, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.FS("v1"); !errors.Is(err, ErrIntegrity) || !strings.Contains(err.Error(), "cache") {
		t.Errorf("FS(v1) with an edited cache = %v, want an integrity error naming the cache", err)
	}
	if n, problems, err := fresh.Verify(); err != nil || n != 2 || len(problems) != 0 {
		t.Errorf("Verify with an edited cache = %d, %v, %v; want the tags intact", n, problems, err)
	}
	// A cache that cannot be read is no cache.
	if err := os.WriteFile(r.cachePath(), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	fresh, _ = Open(r.Dir())
	if _, err := fresh.FS("v1"); err != nil {
		t.Errorf("FS(v1) with a broken cache: %v", err)
	}
}

// TestPackedTags: after git gc (or git pack-refs), the tags live in
// .git/packed-refs; they read as before.
func TestPackedTags(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs the git binary (Debian: git)")
	}
	r := newStore(t)
	publish(t, r, "v1", "2026-01-01", "2025-11-01")
	publish(t, r, "v2", "2027-01-01", "2026-11-01")
	gitCmd(t, r.Dir(), "gc", "-q")
	if _, err := os.Stat(filepath.Join(r.Dir(), ".git", "refs", "tags", "v1")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("git gc left the loose tag v1 (%v)", err)
	}
	fresh, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if list, err := fresh.List(); err != nil || len(list) != 2 {
		t.Fatalf("List after git gc = %v, %v", list, err)
	}
	if _, err := fresh.FS("v2"); err != nil {
		t.Errorf("FS(v2) after git gc: %v", err)
	}
	if n, problems, err := fresh.Verify(); err != nil || n != 2 || len(problems) > 0 {
		t.Errorf("Verify after git gc = %d, %v, %v", n, problems, err)
	}
	publish(t, fresh, "v3", "2028-01-01", "2027-11-01")
	if list, err := fresh.List(); err != nil || len(list) != 3 {
		t.Errorf("List with packed and loose tags = %v, %v", list, err)
	}
}
