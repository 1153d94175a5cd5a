package versions

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TestVerify tampers with a store in the ways verify, and every command
// that reads versions, must notice.
func TestVerify(t *testing.T) {
	forgedTag := func(t *testing.T, r *Repo, name string, v Version, target string) plumbing.Hash {
		v.Commit = target
		return writeObj(t, r, &object.Tag{Name: name, Tagger: object.Signature{Name: "x", Email: "x@x", When: now},
			Message: v.tagMessage(), TargetType: plumbing.CommitObject, Target: plumbing.NewHash(target)})
	}
	for _, tc := range []struct {
		name   string
		tamper func(t *testing.T, r *Repo, v1, v2 *Version)
		kind   ProblemKind
		substr string
	}{
		{
			name: "copied tag",
			tamper: func(t *testing.T, r *Repo, v1, v2 *Version) {
				setRefFile(t, r, "refs/tags/v3", plumbing.NewHash(v1.Tag))
			},
			kind: TagCorrupt, substr: "v3: tag-corrupt: tag v3 holds the record of version v1",
		},
		{
			name: "moved tag",
			tamper: func(t *testing.T, r *Repo, v1, v2 *Version) {
				// An annotated tag v1, with v1's record, on v2's commit.
				h := writeObj(t, r, &object.Tag{Name: "v1", Tagger: object.Signature{Name: "x", Email: "x@x", When: now},
					Message: v1.tagMessage(), TargetType: plumbing.CommitObject, Target: plumbing.NewHash(v2.Commit)})
				setRefFile(t, r, "refs/tags/v1", h)
			},
			kind: TagCorrupt, substr: "but its record names commit",
		},
		{
			name: "tag without record",
			tamper: func(t *testing.T, r *Repo, v1, v2 *Version) {
				h := writeObj(t, r, &object.Tag{Name: "v1", Tagger: object.Signature{Name: "x", Email: "x@x", When: now},
					Message: "termsmith version v1, effective 2026-01-01\n\nforged\n", TargetType: plumbing.CommitObject, Target: plumbing.NewHash(v1.Commit)})
				setRefFile(t, r, "refs/tags/v1", h)
			},
			kind: TagCorrupt, substr: "holds no version record",
		},
		{
			name: "record with another content hash",
			tamper: func(t *testing.T, r *Repo, v1, v2 *Version) {
				forged := *v1
				forged.ContentHash = v2.ContentHash
				setRefFile(t, r, "refs/tags/v1", forgedTag(t, r, "v1", forged, v1.Commit))
			},
			kind: ContentChanged, substr: "it was published as",
		},
		{
			name: "two versions on one date",
			tamper: func(t *testing.T, r *Repo, v1, v2 *Version) {
				other := *v2
				other.ID = "v2b"
				setRefFile(t, r, "refs/tags/v2b", forgedTag(t, r, "v2b", other, v2.Commit))
			},
			kind: DateClash, substr: "both take effect on 2027-01-01",
		},
		{
			name: "rewritten content",
			tamper: func(t *testing.T, r *Repo, v1, v2 *Version) {
				// Replace the clause blob of v1 in the object store with
				// other bytes, as a rewrite of the object files would.
				c, _ := r.git.CommitObject(plumbing.NewHash(v1.Commit))
				tree, _ := c.Tree()
				f, err := tree.File("clauses/terms/definities.md")
				if err != nil {
					t.Fatal(err)
				}
				other := writeBlobObj(t, r, "---\nid: definities\ntitle: DEFINITIES\n---\n\nforged\n")
				src := filepath.Join(r.Dir(), ".git", "objects", other.String()[:2], other.String()[2:])
				dst := filepath.Join(r.Dir(), ".git", "objects", f.Hash.String()[:2], f.Hash.String()[2:])
				data, err := os.ReadFile(src)
				if err != nil {
					t.Fatal(err)
				}
				os.Chmod(dst, 0o644)
				if err := os.WriteFile(dst, data, 0o644); err != nil {
					t.Fatal(err)
				}
			},
			kind: ObjectCorrupt, substr: "has been altered",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newStore(t)
			v1 := publish(t, r, "v1", "2026-01-01", "2025-11-01")
			v2 := publish(t, r, "v2", "2027-01-01", "2026-11-01")
			if _, problems, err := r.Verify(); err != nil || len(problems) != 0 {
				t.Fatalf("Verify before tampering = %v, %v", problems, err)
			}
			tc.tamper(t, r, v1, v2)
			r, err := Open(r.Dir()) // a new process, no caches
			if err != nil {
				t.Fatal(err)
			}
			_, problems, err := r.Verify()
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range problems {
				if p.Kind == tc.kind && strings.Contains(p.String(), tc.substr) {
					found = true
				}
			}
			if !found {
				t.Errorf("Verify = %v, want a %s problem containing %q", problems, tc.kind, tc.substr)
			}
			// Reading fails closed too: the list, or the content.
			_, lerr := r.List()
			_, ferr := r.FS("v1")
			if !errors.Is(lerr, ErrIntegrity) && !errors.Is(ferr, ErrIntegrity) && !errors.Is(ferr, ErrNotFound) {
				t.Errorf("List = %v, FS(v1) = %v; want an integrity error", lerr, ferr)
			}
		})
	}
}

func writeObj(t *testing.T, r *Repo, o interface {
	Encode(plumbing.EncodedObject) error
}) plumbing.Hash {
	t.Helper()
	h, err := r.writeObject(o)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func writeBlobObj(t *testing.T, r *Repo, s string) plumbing.Hash {
	t.Helper()
	obj := r.git.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(s))
	w.Close()
	h, err := r.git.Storer.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func setRefFile(t *testing.T, r *Repo, name string, h plumbing.Hash) {
	t.Helper()
	writeFiles(t, r.Dir(), map[string]string{".git/" + name: h.String() + "\n"})
}
