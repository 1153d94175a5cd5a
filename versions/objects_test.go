package versions

import (
	"bytes"
	"compress/zlib"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// writeLoose writes raw (header and bytes, as git stores them before
// compression) as the loose object named h.
func writeLoose(t *testing.T, r *Repo, h plumbing.Hash, raw string) {
	t.Helper()
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(raw))
	w.Close()
	p := filepath.Join(r.gitDir, "objects", h.String()[:2], h.String()[2:])
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o444); err != nil {
		t.Fatal(err)
	}
}

// TestObjectReadsWhatGitWrites reads a blob that git wrote, by the name git
// gives it.
func TestObjectReadsWhatGitWrites(t *testing.T) {
	r := newStore(t)
	want := "Artikel 1.\n"
	h := objectHash(plumbing.BlobObject, []byte(want))
	file := filepath.Join(t.TempDir(), "a.md")
	if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(gitCmd(t, r.Dir(), "hash-object", "-w", file)); got != h.String() {
		t.Fatalf("objectHash = %s, git hash-object = %s", h, got)
	}
	data, err := r.blob(h)
	if err != nil || string(data) != want {
		t.Fatalf("blob = %q, %v; want %q", data, err, want)
	}
}

// TestObjectRefusesBadLooseObjects checks each way a loose object file can
// lie about what it holds.
func TestObjectRefusesBadLooseObjects(t *testing.T) {
	for _, tc := range []struct{ name, raw, want string }{
		{"longer than its header", "blob 3\x00abcd", "longer than its header says"},
		{"shorter than its header", "blob 9\x00abc", "unexpected EOF"},
		{"unknown type", "bolb 3\x00abc", "bad header"},
		{"no header", "blob 3", "no header"},
		{"absurd size", "blob 99999999999\x00", "bad header"},
		{"bytes of another object", "blob 3\x00xyz", "has been altered"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newStore(t)
			h := objectHash(plumbing.BlobObject, []byte("abc"))
			writeLoose(t, r, h, tc.raw)
			_, err := r.blob(h)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), h.String()) {
				t.Fatalf("blob: %v; want an error naming %s and saying %q", err, h, tc.want)
			}
		})
	}
	t.Run("not zlib", func(t *testing.T) {
		r := newStore(t)
		h := objectHash(plumbing.BlobObject, []byte("abc"))
		p := filepath.Join(r.gitDir, "objects", h.String()[:2], h.String()[2:])
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("blob 3\x00abc"), 0o444); err != nil {
			t.Fatal(err)
		}
		if _, err := r.blob(h); err == nil || !strings.Contains(err.Error(), "zlib") {
			t.Fatalf("blob: %v; want a zlib error", err)
		}
	})
}
