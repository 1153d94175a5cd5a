package versions

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/gitrefs"
)

// PublishOptions describe a version to publish.
type PublishOptions struct {
	ID         string    // the version id, see CheckID
	Effective  time.Time // the date the version takes effect; required
	NoticeDate time.Time // the date customers are notified; zero means Now's date
	Message    string    // optional; in the tag's record
	Summary    string    // optional: a plain-language summary for notices
	// From is the revision to publish (a branch, tag or commit); empty
	// means the tip of the publishing branch, whose working tree must then
	// hold no uncommitted change to the terms content.
	From string
	// Author is recorded as the tagger; empty means the publisher in the
	// store's termsmith.yaml.
	Author clauses.Person
	// Now is the publish time, recorded in the tag and the record. It is
	// required: the package never reads the clock, so the same content,
	// options and Now give the same tag.
	Now time.Time
	// Remote, if not empty, is a remote whose tags are checked too: an id
	// taken there is refused like a local one. An unreachable remote is an
	// error unless Offline.
	Remote  string
	Offline bool
	// Check, if not nil, is called with the content about to be published;
	// an error refuses the publish.
	Check func(fsys fs.FS) error
}

// hook, when set by tests, is called at named points during Publish, so a
// test can stop the process there.
var hook = func(point string) {}

// Publish freezes a committed revision of the store (opts.From, by default
// the tip of the publishing branch) as version opts.ID: it creates the
// annotated tag refs/tags/<id> on that commit, whose message holds the
// version record. It refuses, leaving the store unchanged: an invalid id or
// one taken by any tag or branch (locally, or on opts.Remote); uncommitted
// changes to the terms content when publishing the branch tip; a notice
// date before Now's date; an effective date that is not after every
// published one or that is fewer than the notice period of the version in
// force after the notice date (except for the first version); content
// identical to the latest version; content that fails opts.Check; a publish
// without an author.
//
// Writers are serialised by an exclusive lock on .git/termsmith.lock: a
// second writer fails at once with an error wrapping ErrBusy. The tag
// object is written first, then the tag ref, by one rename: a killed
// publish leaves the store as it was, or published.
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
	if opts.Remote != "" && !opts.Offline {
		if err := r.checkRemoteID(opts.Remote, opts.ID); err != nil {
			return nil, err
		}
	}
	unlock, err := r.lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	hook("locked")
	r.mu.Lock()
	defer r.mu.Unlock()
	gitrefs.RemoveTemps(r.gitDir)

	v, err := r.publish(opts)
	if err != nil {
		return nil, err
	}
	hook("published")
	return v, nil
}

// lock takes the writers' lock without waiting.
func (r *Repo) lock() (func() error, error) {
	path := filepath.Join(r.gitDir, gitrefs.LockName)
	unlock, err := gitrefs.Lock(r.gitDir)
	if errors.Is(err, ErrBusy) {
		return nil, fmt.Errorf("%w: another termsmith process is writing to the store (%s is locked); try again when it is done", ErrBusy, path)
	}
	return unlock, err
}

// exclusive takes the store's writers' lock (other processes) and the
// Repo's mutex (other goroutines), and returns what releases both.
func (r *Repo) exclusive() (release func(), err error) {
	unlock, err := r.lock()
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	return func() {
		r.mu.Unlock()
		unlock()
	}, nil
}

func (r *Repo) publish(opts PublishOptions) (*Version, error) {
	if err := r.checkFreeID(opts.ID); err != nil {
		return nil, err
	}
	commit, files, err := r.publishCommit(opts.From)
	if err != nil {
		return nil, err
	}
	content := newMemFS(files, time.Time{})
	cfg, err := clauses.LoadConfig(content)
	if err != nil {
		return nil, err
	}
	list, err := r.versions()
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
		Summary:     strings.TrimSpace(opts.Summary),
		ContentHash: hashFiles(files),
		Commit:      commit.String(),
	}
	if opts.NoticeDate.IsZero() {
		v.NoticeDate = Day(opts.Now)
	}
	if v.NoticeDate.Before(Day(opts.Now)) {
		return nil, fmt.Errorf("%w: the notice date %s is in the past (today is %s); a notice cannot be backdated",
			ErrRefused, v.NoticeDate.Format(DateLayout), Day(opts.Now).Format(DateLayout))
	}
	if v.Author.Name == "" && v.Author.Email == "" {
		v.Author = cfg.Publisher
	}
	v.Author.Title = ""
	if err := checkAuthor(v.Author); err != nil {
		return nil, err
	}
	latest, err := r.checkDates(list, v)
	if err != nil {
		return nil, err
	}
	if latest != nil && latest.ContentHash == v.ContentHash {
		return nil, fmt.Errorf("%w: the content is identical to version %s; there is nothing to publish", ErrRefused, latest.ID)
	}
	if opts.Check != nil {
		if err := opts.Check(content); err != nil {
			return nil, fmt.Errorf("%w: the content has errors:\n%w", ErrRefused, err)
		}
	}

	sig := object.Signature{Name: v.Author.Name, Email: v.Author.Email, When: v.Published}
	tag, err := r.writeObject(&object.Tag{
		Name: v.ID, Tagger: sig, Message: v.tagMessage(),
		TargetType: plumbing.CommitObject, Target: commit,
	})
	if err != nil {
		return nil, err
	}
	v.Tag = tag.String()
	hook("objects")
	if err := r.setRef(TagRef(v.ID), plumbing.ZeroHash, tag); err != nil {
		return nil, err
	}
	return v, nil
}

// checkFreeID refuses an id that names any tag or branch of the
// repository: a published version is never replaced, and a version must
// not be confused with a branch when named as a revision.
func (r *Repo) checkFreeID(id string) error {
	if ref, err := r.git.Reference(plumbing.ReferenceName(TagRef(id)), false); err == nil {
		if v, err := r.tagVersion(id, ref.Hash()); err == nil {
			return fmt.Errorf("%w: %s (effective %s, published %s); a published version cannot change, publish a new one",
				ErrExists, id, v.Effective.Format(DateLayout), v.Published.Format(time.RFC3339))
		}
		return fmt.Errorf("%w: git tag %s exists and is not a termsmith version; choose another version id", ErrExists, id)
	}
	if _, err := r.git.Reference(plumbing.NewBranchReferenceName(id), false); err == nil {
		return fmt.Errorf("%w: %s is the name of a branch; choose a version id that is not", ErrRefused, id)
	}
	return nil
}

// publishCommit resolves the revision to publish and reads its content.
// Without one it is the tip of the publishing branch, and the working tree
// must not hold uncommitted changes to the terms content: what is reviewed
// and committed is what is published.
func (r *Repo) publishCommit(from string) (plumbing.Hash, []file, error) {
	var commit plumbing.Hash
	var branch string
	if from != "" {
		h, err := r.git.ResolveRevision(plumbing.Revision(from))
		if err != nil {
			return plumbing.ZeroHash, nil, fmt.Errorf("%w: --from %s: no such revision", ErrNotFound, from)
		}
		commit = *h
	} else {
		var err error
		if branch, err = r.branch(); err != nil {
			return plumbing.ZeroHash, nil, err
		}
		ref, err := r.git.Reference(plumbing.NewBranchReferenceName(branch), true)
		if err != nil {
			return plumbing.ZeroHash, nil, fmt.Errorf("%w: the publishing branch %s has no commit yet; commit the store's files first", ErrRefused, branch)
		}
		commit = ref.Hash()
	}
	files, _, err := r.contentFiles(commit)
	if err != nil {
		return plumbing.ZeroHash, nil, fmt.Errorf("commit %s: %w", commit, err)
	}
	if from != "" {
		return commit, files, nil
	}
	changed, err := uncommitted(os.DirFS(r.dir), files)
	if err != nil {
		return plumbing.ZeroHash, nil, err
	}
	if len(changed) > 0 {
		if len(changed) > 10 {
			changed = append(changed[:10], "…")
		}
		return plumbing.ZeroHash, nil, fmt.Errorf("%w: the working tree has uncommitted changes to the terms content (%s); commit them to %s first, or publish a committed revision with --from",
			ErrRefused, strings.Join(changed, ", "), branch)
	}
	return commit, files, nil
}

// uncommitted lists the terms content files of the working tree work that
// differ from the committed ones (added, changed or removed).
func uncommitted(work fs.FS, committed []file) ([]string, error) {
	files, err := collect(work)
	if err != nil {
		return nil, err
	}
	old := map[string][]byte{}
	for _, f := range committed {
		old[f.path] = f.data
	}
	var changed []string
	for _, f := range files {
		data, ok := old[f.path]
		switch {
		case !ok:
			changed = append(changed, f.path+" (new)")
		case !bytes.Equal(data, f.data):
			changed = append(changed, f.path+" (modified)")
		}
		delete(old, f.path)
	}
	for p := range old {
		changed = append(changed, p+" (deleted)")
	}
	sort.Strings(changed)
	return changed, nil
}

// branch returns the publishing branch: branch in the working tree's
// termsmith.yaml, or DefaultBranch.
func (r *Repo) branch() (string, error) {
	cfg, err := clauses.LoadConfig(os.DirFS(r.dir))
	if err != nil {
		return "", err
	}
	if cfg.Branch != "" {
		return cfg.Branch, nil
	}
	return DefaultBranch, nil
}

// checkDates applies the date rules to v against the published versions
// and returns the latest of them, or nil. The notice period is the one of
// the version in force on the notice date (the terms the customers have),
// not the one the new version brings.
func (r *Repo) checkDates(list []*Version, v *Version) (*Version, error) {
	if len(list) == 0 {
		return nil, nil // the first version may take effect on any date
	}
	latest := list[len(list)-1]
	if !v.Effective.After(latest.Effective) {
		return nil, fmt.Errorf("%w: version %s would take effect on %s, but version %s takes effect on %s; a new version must take effect after every published one",
			ErrRefused, v.ID, v.Effective.Format(DateLayout), latest.ID, latest.Effective.Format(DateLayout))
	}
	current := inForce(list, v.NoticeDate)
	if current == nil {
		current = list[0]
	}
	cfg, err := r.configAt(plumbing.NewHash(current.Commit))
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", current.ID, err)
	}
	noticeDays := cfg.NoticePeriodDays
	earliest := v.NoticeDate.AddDate(0, 0, noticeDays)
	if v.Effective.Before(earliest) {
		days := int(v.Effective.Sub(v.NoticeDate).Hours() / 24)
		return nil, fmt.Errorf("%w: version %s takes effect on %s, %d days after the notice date %s; the notice period of version %s, in force then, is %d days, so the earliest effective date is %s",
			ErrRefused, v.ID, v.Effective.Format(DateLayout), days, v.NoticeDate.Format(DateLayout), current.ID, noticeDays, earliest.Format(DateLayout))
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

// setRef points the ref name at h if it still points at old (zero: absent).
// The caller holds the writers' lock, so the check cannot race with another
// termsmith writer; gitrefs.Write renames a synced file over the ref.
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
	return gitrefs.Write(r.gitDir, name, h)
}
