package versions

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"path"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ProblemKind classifies what Verify found.
type ProblemKind string

// The kinds of problem Verify reports.
const (
	// TagMissing: the version's tag was deleted.
	TagMissing ProblemKind = "tag-missing"
	// TagMoved: the tag points at another commit than the published one.
	TagMoved ProblemKind = "tag-moved"
	// TagChanged: the tag points at the published commit, but is not the
	// published tag object (re-created, or made lightweight).
	TagChanged ProblemKind = "tag-changed"
	// ContentChanged: the content read from the version's commit does not
	// match the recorded hash.
	ContentChanged ProblemKind = "content-changed"
	// ObjectMissing: an object of the version cannot be read.
	ObjectMissing ProblemKind = "object-missing"
	// IndexRewritten: the index history changed or dropped a record that
	// an earlier publish wrote.
	IndexRewritten ProblemKind = "index-rewritten"
)

// Problem is one thing Verify found wrong with a version.
type Problem struct {
	Version string // the version id; empty for the index as a whole
	Kind    ProblemKind
	Detail  string // what is wrong, in words
}

func (p Problem) String() string {
	who := p.Version
	if who == "" {
		who = "version index"
	}
	return fmt.Sprintf("%s: %s: %s", who, p.Kind, p.Detail)
}

// Verify checks every published version: that its tag still points at the
// commit and tag object it was published with, that the content read from
// that commit still has the recorded hash, and that the index history only
// ever added records. It returns the problems found; the error is for a
// store that cannot be read at all.
func (r *Repo) Verify() ([]Problem, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	idx, err := r.loadIndex()
	if err != nil {
		return nil, err
	}
	var problems []Problem
	add := func(id string, kind ProblemKind, format string, args ...any) {
		problems = append(problems, Problem{Version: id, Kind: kind, Detail: fmt.Sprintf(format, args...)})
	}
	if !idx.head.IsZero() {
		if err := r.verifyHistory(idx.head, add); err != nil {
			return nil, err
		}
	}
	cache := &contentCache{trees: map[plumbing.Hash]string{}, blobs: map[plumbing.Hash][sha256.Size]byte{}}
	for i := range idx.entries {
		v, err := r.version(&idx.entries[i])
		if err != nil {
			add(idx.entries[i].id, IndexRewritten, "%v", err)
			continue
		}
		r.verifyTag(v, add)
		r.verifyContent(v, cache, add)
	}
	return problems, nil
}

func (r *Repo) verifyTag(v *Version, add func(string, ProblemKind, string, ...any)) {
	name := plumbing.ReferenceName(TagRef(v.ID))
	ref, err := r.git.Reference(name, false)
	if err != nil {
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			add(v.ID, TagMissing, "tag %s was deleted; it pointed at commit %s", name, v.Commit)
		} else {
			add(v.ID, TagMissing, "tag %s cannot be read: %v", name, err)
		}
		return
	}
	if ref.Type() != plumbing.HashReference {
		add(v.ID, TagMoved, "tag %s is now a symbolic reference to %s; it pointed at commit %s", name, ref.Target(), v.Commit)
		return
	}
	tag, err := r.git.TagObject(ref.Hash())
	if err != nil {
		if ref.Hash().String() == v.Commit {
			add(v.ID, TagChanged, "tag %s was replaced by a lightweight tag; it was the annotated tag %s", name, v.Tag)
		} else {
			add(v.ID, TagMoved, "tag %s now points at %s, not at the published commit %s", name, ref.Hash(), v.Commit)
		}
		return
	}
	target, err := tagCommit(r, tag)
	if err != nil {
		add(v.ID, TagMoved, "tag %s points at %s %s, not at the published commit %s", name, tag.TargetType, tag.Target, v.Commit)
		return
	}
	if target.String() != v.Commit {
		add(v.ID, TagMoved, "tag %s now points at commit %s, not at the published commit %s", name, target, v.Commit)
		return
	}
	if ref.Hash().String() != v.Tag {
		add(v.ID, TagChanged, "tag %s was re-created (tag object %s, published as %s)", name, ref.Hash(), v.Tag)
		return
	}
	if tv, err := versionFromTag(string(name), tag.Message); err != nil || !tv.equal(v) {
		add(v.ID, TagChanged, "the record in tag %s does not match the version index", name)
	}
}

// tagCommit follows a tag (and tags of tags) to a commit.
func tagCommit(r *Repo, t *object.Tag) (plumbing.Hash, error) {
	for i := 0; i < 10; i++ {
		switch t.TargetType {
		case plumbing.CommitObject:
			return t.Target, nil
		case plumbing.TagObject:
			next, err := r.git.TagObject(t.Target)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			t = next
		default:
			return plumbing.ZeroHash, fmt.Errorf("tag %s points at a %s", t.Name, t.TargetType)
		}
	}
	return plumbing.ZeroHash, fmt.Errorf("tag %s: too many levels of tags", t.Name)
}

func (r *Repo) verifyContent(v *Version, c *contentCache, add func(string, ProblemKind, string, ...any)) {
	commit, err := r.git.CommitObject(plumbing.NewHash(v.Commit))
	if err != nil {
		add(v.ID, ObjectMissing, "commit %s cannot be read: %v", v.Commit, err)
		return
	}
	h, ok := c.trees[commit.TreeHash]
	if !ok {
		if h, err = r.treeContentHash(commit.TreeHash, c.blobs); err != nil {
			add(v.ID, ObjectMissing, "content of commit %s cannot be read: %v", v.Commit, err)
			return
		}
		c.trees[commit.TreeHash] = h
	}
	if h != v.ContentHash {
		add(v.ID, ContentChanged, "content of commit %s hashes to %s; it was published as %s", v.Commit, h, v.ContentHash)
	}
}

// contentCache holds, within one Verify, the content hash of each tree and
// the SHA-256 of each blob already read: versions share most of their
// objects, and an object read once reads the same again.
type contentCache struct {
	trees map[plumbing.Hash]string
	blobs map[plumbing.Hash][sha256.Size]byte
}

// treeContentHash computes ContentHash over a content tree, reading each
// blob's bytes (or its cached sum) from the repository.
func (r *Repo) treeContentHash(root plumbing.Hash, sums map[plumbing.Hash][sha256.Size]byte) (string, error) {
	var files []manifestLine
	var walk func(dir string, h plumbing.Hash) error
	walk = func(dir string, h plumbing.Hash) error {
		t, err := r.git.TreeObject(h)
		if err != nil {
			return fmt.Errorf("tree %s (%s): %w", h, dir, err)
		}
		for _, e := range t.Entries {
			p := path.Join(dir, e.Name)
			if !inContent(p, e.Mode == filemode.Dir) {
				continue
			}
			switch e.Mode {
			case filemode.Dir:
				if err := walk(p, e.Hash); err != nil {
					return err
				}
			case filemode.Regular, filemode.Executable:
				sum, ok := sums[e.Hash]
				if !ok {
					data, err := r.blob(e.Hash)
					if err != nil {
						return fmt.Errorf("%s: %w", p, err)
					}
					sum = sha256.Sum256(data)
					sums[e.Hash] = sum
				}
				files = append(files, manifestLine{p, sum})
			default:
				return fmt.Errorf("%s: unsupported entry of mode %s", p, e.Mode)
			}
		}
		return nil
	}
	if err := walk(".", root); err != nil {
		return "", err
	}
	return hashManifest(files), nil
}

// verifyHistory walks the index commits from head to the first and checks
// that each added exactly one record, left every earlier record as it was,
// and has the added version's commit as its second parent.
func (r *Repo) verifyHistory(head plumbing.Hash, add func(string, ProblemKind, string, ...any)) error {
	c, err := r.git.CommitObject(head)
	if err != nil {
		return fmt.Errorf("version index %s: %w", head, err)
	}
	cur, err := r.indexEntries(c)
	if err != nil {
		return err
	}
	for {
		var prev []entry
		var parent *object.Commit
		if len(c.ParentHashes) == 2 {
			if parent, err = r.git.CommitObject(c.ParentHashes[0]); err != nil {
				add("", IndexRewritten, "index commit %s: parent %s cannot be read: %v", c.Hash, c.ParentHashes[0], err)
				return nil
			}
			if prev, err = r.indexEntries(parent); err != nil {
				add("", IndexRewritten, "%v", err)
				return nil
			}
		} else if len(c.ParentHashes) != 1 {
			add("", IndexRewritten, "index commit %s has %d parents; an index commit has its predecessor and the version's commit", c.Hash, len(c.ParentHashes))
			return nil
		}
		before := map[string]plumbing.Hash{}
		for _, e := range prev {
			before[e.name] = e.blob
		}
		var added []entry
		for _, e := range cur {
			h, ok := before[e.name]
			switch {
			case !ok:
				added = append(added, e)
			case h != e.blob:
				add(e.id, IndexRewritten, "index commit %s changed the record of version %s", c.Hash, e.id)
			}
			delete(before, e.name)
		}
		for name := range before {
			id, _, _ := parseRecordName(name[len(indexDir)+1:])
			add(id, IndexRewritten, "index commit %s removed the record of version %s", c.Hash, id)
		}
		if len(added) != 1 {
			add("", IndexRewritten, "index commit %s adds %d records; each publish adds one", c.Hash, len(added))
		} else {
			e := added[0]
			v, err := r.version(&e)
			contentParent := c.ParentHashes[len(c.ParentHashes)-1]
			if err == nil && v.Commit != contentParent.String() {
				add(e.id, IndexRewritten, "index commit %s records commit %s for version %s but links commit %s", c.Hash, v.Commit, e.id, contentParent)
			}
		}
		if parent == nil {
			return nil
		}
		c, cur = parent, prev
	}
}
