package versions

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/termsmith/termsmith/clauses"
)

// OldIndexRef is where termsmith kept its version index before versions
// became tags on the publishing branch; a store that still has it must be
// converted with Migrate.
const OldIndexRef = "refs/termsmith/versions"

// TagRef returns the name of the ref of version id's annotated tag.
func TagRef(id string) string { return "refs/tags/" + id }

// DefaultBranch is the publishing branch unless the store's termsmith.yaml
// names another (branch: NAME).
const DefaultBranch = "main"

// Worktree names the uncommitted files of the store wherever a revision
// can be named.
const Worktree = "worktree"

// Repo is a termsmith store's git repository. Its methods are safe for
// concurrent use: calls into go-git are serialised by a mutex, and writers
// in different processes by a lock file (see Publish).
type Repo struct {
	dir    string // the store, the repository's working tree
	gitDir string // dir/.git

	mu    sync.Mutex // guards git and cache
	git   *git.Repository
	cache map[plumbing.Hash]*Version // versions decoded, by tag object
	// verified holds, during Verify only, the objects already read and
	// re-hashed: versions share most of their trees and blobs.
	verified map[plumbing.Hash]plumbing.EncodedObject
}

// Init makes dir (created if missing) a git repository whose HEAD names the
// branch (DefaultBranch if empty), and opens it. A directory that already
// is a repository is opened as it is. Init does not require a
// termsmith.yaml: `termsmith init` writes it.
func Init(dir, branch string) (*Repo, error) {
	if branch == "" {
		branch = DefaultBranch
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	g, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName(branch)},
	})
	if errors.Is(err, git.ErrRepositoryAlreadyExists) {
		return openRepo(dir)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: cannot create a git repository: %w", dir, err)
	}
	return newRepo(dir, g), nil
}

// Open opens the store in dir. It fails with an error wrapping ErrNotStore
// when dir has no termsmith.yaml, ErrNoRepository when dir is not the top of
// a git repository, and ErrOldLayout when the store must first be
// converted (see Migrate).
func Open(dir string) (*Repo, error) {
	r, err := OpenAny(dir)
	if err != nil {
		return nil, err
	}
	if _, err := r.git.Reference(OldIndexRef, false); err == nil {
		return nil, fmt.Errorf("%w: %s keeps its versions in %s, as termsmith did before versions became tags on the publishing branch; run `termsmith migrate` to convert it (docs/versions.md)", ErrOldLayout, dir, OldIndexRef)
	}
	return r, nil
}

// OpenAny opens the store in dir like Open, in the old layout too.
func OpenAny(dir string) (*Repo, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotStore, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%w: %s is not a directory", ErrNotStore, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, clauses.ConfigFile)); err != nil {
		return nil, fmt.Errorf("%w: %s not found in %s", ErrNotStore, clauses.ConfigFile, dir)
	}
	return openRepo(dir)
}

func openRepo(dir string) (*Repo, error) {
	gitDir := filepath.Join(dir, ".git")
	st, err := os.Stat(gitDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s has no .git directory (run termsmith init)", ErrNoRepository, dir)
	}
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%w: %s is a file; a store must be the main working tree of a repository, not a linked worktree or submodule", ErrNoRepository, gitDir)
	}
	g, err := git.PlainOpen(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrNoRepository, dir, err)
	}
	return newRepo(dir, g), nil
}

func newRepo(dir string, g *git.Repository) *Repo {
	return &Repo{dir: dir, gitDir: filepath.Join(dir, ".git"), git: g, cache: map[plumbing.Hash]*Version{}}
}

// Dir returns the store's directory.
func (r *Repo) Dir() string { return r.dir }

// scan reads every tag and returns the published versions, sorted by
// effective date, and the problems that make the set untrustworthy: a tag
// that says it is a version but is unreadable or altered, a record that
// disagrees with its tag, two versions taking effect on the same date.
// Tags that are not termsmith versions (lightweight, or annotated by
// someone else) are not versions; their names are still taken. With
// useCache, tag objects already read by an earlier command come from the
// version cache (cache.go). r.mu must be held.
func (r *Repo) scan(useCache bool) ([]*Version, []Problem, error) {
	refs, err := r.tagRefs()
	if err != nil {
		return nil, nil, err
	}
	var cache map[string]*cacheEntry
	if useCache {
		cache = r.loadCache()
	}
	dirty := false
	seen := map[string]*cacheEntry{}
	var list []*Version
	var problems []Problem
	for id, h := range refs {
		if e, ok := cache[h.String()]; ok {
			seen[h.String()] = e
			if e.NotVersion {
				continue
			}
			if v := e.version(h); v != nil && v.ID == id {
				list = append(list, v)
				continue
			}
		}
		v, err := r.tagVersion(id, h)
		switch {
		case errors.Is(err, errNotVersionTag):
			seen[h.String()], dirty = &cacheEntry{NotVersion: true}, true
		case err != nil:
			problems = append(problems, Problem{Version: id, Kind: TagCorrupt, Detail: err.Error()})
		default:
			seen[h.String()], dirty = entryOf(v), true
			list = append(list, v)
		}
	}
	sort.Slice(problems, func(i, j int) bool { return problems[i].Version < problems[j].Version })
	if useCache && (dirty || len(seen) != len(cache)) {
		r.saveCache(seen)
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].Effective.Equal(list[j].Effective) {
			return list[i].Effective.Before(list[j].Effective)
		}
		return list[i].ID < list[j].ID
	})
	for i := 1; i < len(list); i++ {
		if list[i].Effective.Equal(list[i-1].Effective) {
			problems = append(problems, Problem{Version: list[i].ID, Kind: DateClash,
				Detail: fmt.Sprintf("versions %s and %s both take effect on %s; which one is in force cannot be decided (were they published in two clones?)",
					list[i-1].ID, list[i].ID, list[i].Effective.Format(DateLayout))})
		}
	}
	return list, problems, nil
}

// tagVersion reads the version tag id whose ref points at h: the tag
// object (checked), its record, and that both agree with the ref.
func (r *Repo) tagVersion(id string, h plumbing.Hash) (*Version, error) {
	if v, ok := r.cache[h]; ok && v.ID == id {
		return v, nil
	}
	obj, err := r.object(h, plumbing.AnyObject)
	if err != nil {
		return nil, fmt.Errorf("tag %s: %w", id, err)
	}
	if obj.Type() != plumbing.TagObject {
		return nil, errNotVersionTag // a lightweight tag
	}
	t := &object.Tag{}
	if err := t.Decode(obj); err != nil {
		return nil, fmt.Errorf("tag %s: tag object %s: %w", id, h, err)
	}
	v, err := versionFromTag("tag "+id, t.Message)
	if err != nil {
		return nil, err
	}
	switch {
	case v.ID != id || t.Name != id:
		return nil, fmt.Errorf("tag %s holds the record of version %s (tag name %s): a tag was copied or renamed", id, v.ID, t.Name)
	case t.TargetType != plumbing.CommitObject || t.Target.String() != v.Commit:
		return nil, fmt.Errorf("tag %s points at %s %s, but its record names commit %s", id, t.TargetType, t.Target, v.Commit)
	}
	v.Tag = h.String()
	r.cache[h] = v
	return v, nil
}

// versions returns the published versions, or an error wrapping
// ErrIntegrity when the tags are not trustworthy. r.mu must be held.
func (r *Repo) versions() ([]*Version, error) {
	list, problems, err := r.scan(true)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = p.String()
		}
		return nil, fmt.Errorf("%w: the store's published versions cannot be trusted (run termsmith verify):\n  %s", ErrIntegrity, strings.Join(msgs, "\n  "))
	}
	return list, nil
}

// List returns every published version, sorted by effective date. It fails
// closed: a version tag that is unreadable, altered or inconsistent makes it
// an error wrapping ErrIntegrity.
func (r *Repo) List() ([]*Version, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.versions()
}

// Get returns the version id; the error wraps ErrNotFound if there is none.
func (r *Repo) Get(id string) (*Version, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.get(id)
}

func (r *Repo) get(id string) (*Version, error) {
	list, err := r.versions()
	if err != nil {
		return nil, err
	}
	for _, v := range list {
		if v.ID == id {
			return v, nil
		}
	}
	return nil, fmt.Errorf("%w: %q%s", ErrNotFound, id, knownIDs(list))
}

func knownIDs(list []*Version) string {
	if len(list) == 0 {
		return " (no version has been published)"
	}
	ids := make([]string, len(list))
	for i, v := range list {
		ids[i] = v.ID
	}
	if len(ids) > 10 { // the latest ten
		ids = append([]string{"…"}, ids[len(ids)-10:]...)
	}
	return " (versions: " + strings.Join(ids, ", ") + ")"
}

// InForce returns the version in force on date: the one with the latest
// effective date on or before it. The error wraps ErrNotFound when no
// version has taken effect by then.
func (r *Repo) InForce(date time.Time) (*Version, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	list, err := r.versions()
	if err != nil {
		return nil, err
	}
	day := Day(date)
	if v := inForce(list, day); v != nil {
		return v, nil
	}
	msg := "no version has been published"
	if len(list) > 0 {
		msg = fmt.Sprintf("the first, %s, takes effect on %s", list[0].ID, list[0].Effective.Format(DateLayout))
	}
	return nil, fmt.Errorf("%w in force on %s: %s", ErrNotFound, day.Format(DateLayout), msg)
}

// FS returns the content of version id, read from git objects (no
// checkout): termsmith.yaml, clauses/, letters/ and templates/ as they were
// published. Every object is re-hashed and the content checked against the
// recorded hash first; an error wrapping ErrIntegrity names the version and
// what differs. The file system is in memory, safe for concurrent use, and
// its files' modification time is the version's publish time.
func (r *Repo) FS(id string) (fs.FS, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	v, err := r.get(id)
	if err != nil {
		return nil, err
	}
	return r.versionFS(v)
}

// VersionFS is FS for a version already found by List, Get or InForce: it
// checks the version's tag and content the same way without reading every
// tag again.
func (r *Repo) VersionFS(v *Version) (fs.FS, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.versionFS(v)
}

func (r *Repo) versionFS(v *Version) (fs.FS, error) {
	if err := r.recheck(v); err != nil {
		return nil, err
	}
	files, _, err := r.contentFiles(plumbing.NewHash(v.Commit))
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", v.ID, err)
	}
	if h := hashFiles(files); h != v.ContentHash {
		return nil, fmt.Errorf("%w: version %s: the content of commit %s hashes to %s, but the version was published as %s",
			ErrIntegrity, v.ID, v.Commit, h, v.ContentHash)
	}
	return newMemFS(files, v.Published), nil
}

// recheck reads v's tag object again, re-hashed, and checks that its
// record is the one v came from (which may have come from the cache).
func (r *Repo) recheck(v *Version) error {
	delete(r.cache, plumbing.NewHash(v.Tag))
	fresh, err := r.tagVersion(v.ID, plumbing.NewHash(v.Tag))
	if err != nil {
		return fmt.Errorf("%w: version %s: %w", ErrIntegrity, v.ID, err)
	}
	if fresh.record() != v.record() {
		return fmt.Errorf("%w: version %s: the record in tag %s is not the one listed (the version cache %s was edited?)", ErrIntegrity, v.ID, v.Tag, r.cachePath())
	}
	return nil
}

// Revision is a git revision (a branch, a tag or a commit) read as terms
// content, for previews of a draft.
type Revision struct {
	Name   string    // as given
	Commit string    // the commit, hex
	Time   time.Time // the commit's committer time
}

// RevisionFS returns the terms content of a git revision: a branch, a tag,
// a commit or anything git's rev-parse syntax names that go-git resolves.
// Its objects are checked like a version's; there is no recorded hash to
// compare with.
func (r *Repo) RevisionFS(rev string) (fs.FS, *Revision, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	h, err := r.git.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %q is neither a published version nor a git revision", ErrNotFound, rev)
	}
	files, c, err := r.contentFiles(*h)
	if err != nil {
		return nil, nil, fmt.Errorf("revision %s: %w", rev, err)
	}
	return newMemFS(files, c.Committer.When), &Revision{Name: rev, Commit: h.String(), Time: c.Committer.When}, nil
}

// WorktreeFS returns the terms content of the working tree, read now into
// memory (so a preview does not change under it), checked like the content
// publish reads.
func (r *Repo) WorktreeFS() (fs.FS, error) {
	files, err := collect(os.DirFS(r.dir))
	if err != nil {
		return nil, err
	}
	return newMemFS(files, time.Time{}), nil
}

// Resolve returns the content a command reads when it is given name: a
// published version id (checked as FS checks it), Worktree (the uncommitted
// files), or any git revision — a branch, a tag that is not a version, a
// commit — read as a draft. A version id wins over a branch of the same
// name (publish refuses such ids, so only git can make one).
func (r *Repo) Resolve(name string) (fs.FS, *Version, error) {
	if name == Worktree {
		fsys, err := r.WorktreeFS()
		if err != nil {
			return nil, nil, err
		}
		return fsys, &Version{ID: Worktree, Draft: true}, nil
	}
	v, err := r.Get(name)
	if err == nil {
		fsys, err := r.VersionFS(v)
		return fsys, v, err
	}
	if !errors.Is(err, ErrNotFound) {
		return nil, nil, err
	}
	fsys, rev, rerr := r.RevisionFS(name)
	if rerr != nil {
		if errors.Is(rerr, ErrNotFound) {
			return nil, nil, fmt.Errorf("%w (and no git revision of that name)", err)
		}
		return nil, nil, rerr
	}
	return fsys, &Version{ID: DraftName(name), Commit: rev.Commit, Published: rev.Time, Draft: true}, nil
}

// DraftName is how a draft named by a git revision is called in output:
// the revision with every character that cannot be in a file name (a
// branch's "/", "~", "^", ":") replaced by "-", so that "review/privacy"
// gives files under review-privacy.
func DraftName(rev string) string {
	b := []byte(rev)
	for i, c := range b {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' && i > 0 && b[i-1] != '.'
		if !ok {
			b[i] = '-'
		}
	}
	name := strings.Trim(string(b), "-.")
	if len(name) > 64 {
		name = name[:64]
	}
	if name == "" || !(name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z' || name[0] >= '0' && name[0] <= '9') {
		name = "draft-" + name
	}
	return name
}
