package gitrefs

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestLock: a second lock fails at once with ErrBusy; unlocking frees it.
func TestLock(t *testing.T) {
	dir := t.TempDir()
	unlock, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(dir); !errors.Is(err, ErrBusy) {
		t.Errorf("a second Lock = %v, want ErrBusy", err)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	again, err := Lock(dir)
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	again()
}

// TestWrite: the ref holds the hash, no temporary file is left, and a
// leftover one is removed by RemoveTemps; a name outside refs/ is refused.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	h := plumbing.NewHash("0123456789abcdef0123456789abcdef01234567")
	if err := Write(dir, "refs/tags/v1", h); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "refs", "tags", "v1"))
	if err != nil || string(data) != h.String()+"\n" {
		t.Errorf("ref = %q, %v", data, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, TmpDir, "*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	if err := os.WriteFile(filepath.Join(dir, TmpDir, tmpPrefix+"killed"), []byte("0"), 0o644); err != nil {
		t.Fatal(err)
	}
	RemoveTemps(dir)
	if left, _ := filepath.Glob(filepath.Join(dir, TmpDir, "*")); len(left) != 0 {
		t.Errorf("RemoveTemps left %v", left)
	}
	for _, bad := range []string{"HEAD", "refs/../../x", "/etc/passwd"} {
		if err := Write(dir, bad, h); err == nil {
			t.Errorf("Write(%q) succeeded", bad)
		}
	}
}
