package versions

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/termsmith/termsmith/clauses"
)

// PublishOptions describe a version to publish.
type PublishOptions struct {
	ID         string    // the version id, see CheckID
	Effective  time.Time // the date the version takes effect; required
	NoticeDate time.Time // the date customers are notified; zero means Now's date
	Message    string    // optional; in the commit message and the record
	// Author is recorded as the commit author and tagger; empty means the
	// publisher in the store's termsmith.yaml.
	Author clauses.Person
	// Now is the publish time, recorded in the commit, the tag and the
	// record. It is required: the package never reads the clock, so the
	// same content, options and Now give the same object hashes.
	Now time.Time
	// Check, if not nil, is called with the content about to be published
	// (the file system that will be committed); an error refuses the
	// publish.
	Check func(fsys fs.FS) error
}

// lockName is the writers' lock file, inside the repository's .git.
const lockName = "termsmith.lock"

// tmpDir is where refs are written before they are renamed into place.
const tmpDir = "termsmith"

// hook, when set by tests, is called at named points during Publish, so a
// test can stop the process there.
var hook = func(point string) {}

// Publish freezes the store's terms content, as it is in the working tree,
// as version opts.ID. It refuses, leaving the store unchanged, an invalid or
// existing id, an effective date that is not after every published one or
// that is fewer than the store's notice_period_days after the notice date
// (except for the first version), content identical to the latest version,
// content that fails opts.Check, and a publish without an author.
//
// Writers are serialised by an exclusive lock on .git/termsmith.lock: a
// second writer fails at once with an error wrapping ErrBusy. Publish writes
// the content's objects (blobs, trees, commit), the annotated tag object,
// the record and the index commit, then points refs/tags/<id> at the tag,
// and last moves IndexRef, the one step that makes the version exist. A
// process killed before that last rename leaves the store reading as it
// was; a later Publish replaces a tag left behind. Publish never touches
// the working tree, the git index or the branches.
func (r *Repo) Publish(opts PublishOptions) (*Version, error) {
	if err := CheckID(opts.ID); err != nil {
		return nil, err
	}
	if opts.Effective.IsZero() {
		return nil, errors.New("no effective date")
	}
	if opts.Now.IsZero() {
		return nil, errors.New("no publish time")
	}
	unlock, err := tryLock(filepath.Join(r.gitDir, lockName))
	if errors.Is(err, ErrBusy) {
		return nil, fmt.Errorf("%w: another termsmith process is publishing (%s is locked); try again when it is done", ErrBusy, filepath.Join(r.gitDir, lockName))
	}
	if err != nil {
		return nil, err
	}
	defer unlock()
	hook("locked")
	r.mu.Lock()
	defer r.mu.Unlock()
	r.removeTemps()

	v, err := r.publish(opts)
	if err != nil {
		return nil, err
	}
	hook("published")
	return v, nil
}

func (r *Repo) publish(opts PublishOptions) (*Version, error) {
	files, err := collect(os.DirFS(r.dir))
	if err != nil {
		return nil, err
	}
	content := newMemFS(files, time.Time{})
	cfg, err := clauses.LoadConfig(content)
	if err != nil {
		return nil, err
	}
	idx, err := r.loadIndex()
	if err != nil {
		return nil, err
	}
	v := &Version{
		ID:          opts.ID,
		Effective:   Day(opts.Effective),
		NoticeDate:  Day(opts.NoticeDate),
		Published:   recordTime(opts.Now),
		Author:      opts.Author,
		Message:     strings.TrimSpace(opts.Message),
		ContentHash: hashFiles(files),
	}
	if opts.NoticeDate.IsZero() {
		v.NoticeDate = Day(opts.Now)
	}
	if v.Author.Name == "" && v.Author.Email == "" {
		v.Author = cfg.Publisher
	}
	v.Author.Title = ""
	if err := checkAuthor(v.Author); err != nil {
		return nil, err
	}
	latest, err := r.checkDates(idx, v, cfg.NoticePeriodDays)
	if err != nil {
		return nil, err
	}
	if latest != nil && latest.ContentHash == v.ContentHash {
		return nil, fmt.Errorf("%w: the content is identical to version %s; there is nothing to publish", ErrRefused, latest.ID)
	}
	oldTag, err := r.leftoverTag(v.ID)
	if err != nil {
		return nil, err
	}
	if opts.Check != nil {
		if err := opts.Check(content); err != nil {
			return nil, fmt.Errorf("%w: the content has errors:\n%w", ErrRefused, err)
		}
	}

	// Objects first: none is reachable until the refs move.
	var parents []plumbing.Hash
	if latest != nil {
		parents = []plumbing.Hash{plumbing.NewHash(latest.Commit)}
	}
	sig := object.Signature{Name: v.Author.Name, Email: v.Author.Email, When: v.Published}
	tree, err := r.writeFiles(files)
	if err != nil {
		return nil, err
	}
	commit, err := r.writeObject(&object.Commit{
		Author: sig, Committer: sig, TreeHash: tree, ParentHashes: parents,
		Message: commitMessage(v),
	})
	if err != nil {
		return nil, err
	}
	v.Commit = commit.String()
	tag, err := r.writeObject(&object.Tag{
		Name: v.ID, Tagger: sig, Message: v.tagMessage(),
		TargetType: plumbing.CommitObject, Target: commit,
	})
	if err != nil {
		return nil, err
	}
	v.Tag = tag.String()
	head, err := r.writeIndexCommit(idx, v, sig)
	if err != nil {
		return nil, err
	}
	hook("objects")

	if err := r.setRef(TagRef(v.ID), oldTag, tag); err != nil {
		return nil, err
	}
	hook("tag")
	if err := r.setRef(IndexRef, idx.head, head); err != nil {
		return nil, err
	}
	return v, nil
}

// checkDates applies the date rules to v against the published versions and
// returns the latest of them, or nil.
func (r *Repo) checkDates(idx *index, v *Version, noticeDays int) (*Version, error) {
	if e, ok := idx.byID[v.ID]; ok {
		old, err := r.version(e)
		if err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %s (effective %s, published %s); a published version cannot change, publish a new one",
			ErrExists, v.ID, old.Effective.Format(DateLayout), old.Published.Format(time.RFC3339))
	}
	if len(idx.entries) == 0 {
		return nil, nil // the first version may take effect on any date
	}
	latest, err := r.version(&idx.entries[len(idx.entries)-1])
	if err != nil {
		return nil, err
	}
	if !v.Effective.After(latest.Effective) {
		return nil, fmt.Errorf("%w: version %s would take effect on %s, but version %s takes effect on %s; a new version must take effect after every published one",
			ErrRefused, v.ID, v.Effective.Format(DateLayout), latest.ID, latest.Effective.Format(DateLayout))
	}
	earliest := v.NoticeDate.AddDate(0, 0, noticeDays)
	if v.Effective.Before(earliest) {
		days := int(v.Effective.Sub(v.NoticeDate).Hours() / 24)
		return nil, fmt.Errorf("%w: version %s takes effect on %s, %d days after the notice date %s; the notice period is %d days, so the earliest effective date is %s",
			ErrRefused, v.ID, v.Effective.Format(DateLayout), days, v.NoticeDate.Format(DateLayout), noticeDays, earliest.Format(DateLayout))
	}
	return latest, nil
}

// recordTime is t as the record keeps it: whole seconds, and a zone that is
// just an offset, so that the Version Publish returns equals the one read back.
func recordTime(t time.Time) time.Time {
	r, err := time.Parse(time.RFC3339, t.Format(time.RFC3339))
	if err != nil {
		return t.Truncate(time.Second)
	}
	return r
}

func checkAuthor(p clauses.Person) error {
	if p.Name == "" || p.Email == "" {
		return fmt.Errorf("%w: no author: set publisher.name and publisher.email in %s, or give an author", ErrRefused, clauses.ConfigFile)
	}
	if strings.ContainsAny(p.Name+p.Email, "<>\n\r\x00") {
		return fmt.Errorf("%w: author %q <%s>: a name or e-mail address cannot contain <, > or a line break", ErrRefused, p.Name, p.Email)
	}
	return nil
}

func commitMessage(v *Version) string {
	msg := fmt.Sprintf("Version %s, effective %s\n", v.ID, v.Effective.Format(DateLayout))
	if v.Message != "" {
		msg += "\n" + v.Message + "\n"
	}
	return msg
}

// leftoverTag returns the tag ref's current hash when refs/tags/<id> exists
// but holds a termsmith version that the index does not list: what a
// publish killed between its last two steps leaves. Any other existing tag
// is an error.
func (r *Repo) leftoverTag(id string) (plumbing.Hash, error) {
	ref, err := r.git.Reference(plumbing.ReferenceName(TagRef(id)), false)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if ref.Type() == plumbing.HashReference {
		if t, err := r.git.TagObject(ref.Hash()); err == nil {
			if old, err := versionFromTag(t.Name, t.Message); err == nil && old.ID == id {
				return ref.Hash(), nil
			}
		}
	}
	return plumbing.ZeroHash, fmt.Errorf("%w: git tag %s exists and is not a termsmith version; choose another version id", ErrExists, id)
}

// writeObject encodes and stores a git object.
func (r *Repo) writeObject(o interface {
	Encode(plumbing.EncodedObject) error
}) (plumbing.Hash, error) {
	obj := r.git.Storer.NewEncodedObject()
	if err := o.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.store(obj)
}

// store writes obj unless the repository has it already: most objects of a
// new version (unchanged clauses and directories) exist, and creating an
// object file costs several system calls even when go-git then finds it
// there.
func (r *Repo) store(obj plumbing.EncodedObject) (plumbing.Hash, error) {
	if h := obj.Hash(); r.git.Storer.HasEncodedObject(h) == nil {
		return h, nil
	}
	return r.git.Storer.SetEncodedObject(obj)
}

func (r *Repo) writeBlob(data []byte) (plumbing.Hash, error) {
	obj := r.git.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	obj.SetSize(int64(len(data)))
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.store(obj)
}

// writeFiles stores files (sorted by path) as blobs and trees and returns
// the root tree.
func (r *Repo) writeFiles(files []file) (plumbing.Hash, error) {
	type dir struct{ entries []object.TreeEntry }
	dirs := map[string]*dir{".": {}}
	var order []string // directories, parents before children
	var mkdir func(p string) *dir
	mkdir = func(p string) *dir {
		if d, ok := dirs[p]; ok {
			return d
		}
		mkdir(path.Dir(p))
		d := &dir{}
		dirs[p] = d
		order = append(order, p)
		return d
	}
	for _, f := range files {
		h, err := r.writeBlob(f.data)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		d := mkdir(path.Dir(f.path))
		d.entries = append(d.entries, object.TreeEntry{Name: path.Base(f.path), Mode: filemode.Regular, Hash: h})
	}
	// Children before parents: each tree's subtrees are written first.
	for i := len(order) - 1; i >= -1; i-- {
		p := "."
		if i >= 0 {
			p = order[i]
		}
		d := dirs[p]
		sort.Sort(object.TreeEntrySorter(d.entries))
		h, err := r.writeObject(&object.Tree{Entries: d.entries})
		if err != nil {
			return plumbing.ZeroHash, err
		}
		if p == "." {
			return h, nil
		}
		parent := dirs[path.Dir(p)]
		parent.entries = append(parent.entries, object.TreeEntry{Name: path.Base(p), Mode: filemode.Dir, Hash: h})
	}
	panic("unreachable")
}

// writeIndexCommit stores the index commit that adds v to idx: its tree is
// idx's records plus v's; its parents are idx's head (if any) and v's
// content commit, so every version's content stays reachable from IndexRef
// even if its tag is deleted.
func (r *Repo) writeIndexCommit(idx *index, v *Version, sig object.Signature) (plumbing.Hash, error) {
	rec, err := r.writeBlob(v.marshal(true))
	if err != nil {
		return plumbing.ZeroHash, err
	}
	entries := make([]object.TreeEntry, 0, len(idx.entries)+1)
	for _, e := range idx.entries {
		entries = append(entries, object.TreeEntry{Name: path.Base(e.name), Mode: filemode.Regular, Hash: e.blob})
	}
	entries = append(entries, object.TreeEntry{Name: recordName(v), Mode: filemode.Regular, Hash: rec})
	sort.Sort(object.TreeEntrySorter(entries))
	dir, err := r.writeObject(&object.Tree{Entries: entries})
	if err != nil {
		return plumbing.ZeroHash, err
	}
	root, err := r.writeObject(&object.Tree{Entries: []object.TreeEntry{{Name: indexDir, Mode: filemode.Dir, Hash: dir}}})
	if err != nil {
		return plumbing.ZeroHash, err
	}
	var parents []plumbing.Hash
	if !idx.head.IsZero() {
		parents = append(parents, idx.head)
	}
	parents = append(parents, plumbing.NewHash(v.Commit))
	return r.writeObject(&object.Commit{
		Author: sig, Committer: sig, TreeHash: root, ParentHashes: parents,
		Message: fmt.Sprintf("Record version %s, effective %s\n", v.ID, v.Effective.Format(DateLayout)),
	})
}

// setRef points the ref name at h if it still points at old (zero: absent).
// The caller holds the writers' lock, so the check cannot race with another
// termsmith writer. The new value is written to a temporary file and
// renamed over the ref, so a reader or a killed process sees either the old
// or the new value, never a truncated file; go-git's own
// CheckAndSetReference truncates and rewrites the ref file in place.
func (r *Repo) setRef(name string, old, h plumbing.Hash) error {
	cur := plumbing.ZeroHash
	ref, err := r.git.Reference(plumbing.ReferenceName(name), false)
	switch {
	case err == nil:
		cur = ref.Hash()
	case !errors.Is(err, plumbing.ErrReferenceNotFound):
		return err
	}
	if cur != old {
		return fmt.Errorf("%w: %s moved during publish (from %s to %s)", ErrBusy, name, old, cur)
	}
	tmp := filepath.Join(r.gitDir, tmpDir)
	if err := os.MkdirAll(tmp, 0o777); err != nil {
		return err
	}
	f, err := os.CreateTemp(tmp, "ref-*")
	if err != nil {
		return err
	}
	_, err = f.WriteString(h.String() + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	dst := filepath.Join(r.gitDir, filepath.FromSlash(name))
	if err == nil {
		err = os.MkdirAll(filepath.Dir(dst), 0o777)
	}
	if err == nil {
		err = os.Rename(f.Name(), dst)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("updating %s: %w", name, err)
	}
	return nil
}

// removeTemps deletes ref files a killed writer left behind. The caller
// holds the writers' lock.
func (r *Repo) removeTemps() {
	names, _ := filepath.Glob(filepath.Join(r.gitDir, tmpDir, "ref-*"))
	for _, n := range names {
		os.Remove(n)
	}
}
