package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoticeAllMatchesOneByOne writes the notices of nine customers (the
// SmartTrackers example's three, each copied twice under another id) with
// notice --all --jobs 4 and checks every file against the notice of that
// customer written alone: the workers share the loaded versions and must
// not disturb one another. CI runs it, with TestRenderAllMatchesOneByOne,
// under -race.
func TestNoticeAllMatchesOneByOne(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	if code, _, stderr := run(t, "init", dir, "--example", "smarttrackers"); code != 0 {
		t.Fatal(stderr)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "customers"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		id := strings.TrimSuffix(e.Name(), ".yaml")
		data, err := os.ReadFile(filepath.Join(dir, "customers", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		for i := range 2 {
			copyID := fmt.Sprintf("%s-%d", id, i)
			if err := os.WriteFile(filepath.Join(dir, "customers", copyID+".yaml"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, copyID)
		}
	}
	all, one := t.TempDir(), t.TempDir()
	args := []string{"--store", dir, "notice", "2026-01-01", "2026-07-01", "--date", "2026-05-15"}
	code, _, stderr := run(t, append(args, "--all", "--jobs", "4", "-o", all)...)
	if code != 0 || !strings.Contains(stderr, "wrote 9 preview notice(s)") {
		t.Fatalf("notice --all: exit %d: %s", code, stderr)
	}
	for _, id := range ids {
		if code, _, stderr := run(t, append(args, "--customer", id, "-o", one)...); code != 0 {
			t.Fatalf("notice --customer %s: %s", id, stderr)
		}
		for _, ext := range []string{".pdf", ".eml", ".json"} {
			name := filepath.Join(id, "notice-2026-01-01-2026-07-01"+ext)
			a, _ := os.ReadFile(filepath.Join(all, name))
			b, _ := os.ReadFile(filepath.Join(one, name))
			if len(a) == 0 || !bytes.Equal(a, b) {
				t.Errorf("%s: the --all file (%d bytes) differs from the one written alone (%d bytes)", name, len(a), len(b))
			}
		}
	}
}
