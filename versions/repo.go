package versions

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/termsmith/termsmith/clauses"
)

// IndexRef is the ref of the version index: a chain of commits, one per
// publish, whose tree holds versions/<effective>_<id>.yaml, the record of
// every published version. It is the source of truth for which versions
// exist; the tags are checked against it.
const IndexRef = "refs/termsmith/versions"

// indexDir is the directory of version records in an index commit's tree.
const indexDir = "versions"

// TagRef returns the name of the ref of version id's annotated tag.
func TagRef(id string) string { return "refs/tags/" + id }

// DefaultBranch is the branch HEAD names in a repository made by Init.
const DefaultBranch = "refs/heads/main"

// Repo is a termsmith store's git repository. Its methods are safe for
// concurrent use: calls into go-git are serialised by a mutex, and writers
// in different processes by a lock file (see Publish).
type Repo struct {
	dir    string // the store, the repository's working tree
	gitDir string // dir/.git

	mu  sync.Mutex // guards git and idx
	git *git.Repository
	idx *index // the last index read, reused while IndexRef does not move
}

// Init makes dir (created if missing) a git repository whose HEAD names
// DefaultBranch, and opens it. A directory that already is a repository is
// opened as it is. Init does not require a termsmith.yaml: `termsmith init`
// writes it.
func Init(dir string) (*Repo, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	g, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: DefaultBranch},
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
// when dir has no termsmith.yaml, and ErrNoRepository when dir is not the
// top of a git repository.
func Open(dir string) (*Repo, error) {
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
	return &Repo{dir: dir, gitDir: filepath.Join(dir, ".git"), git: g}
}

// Dir returns the store's directory.
func (r *Repo) Dir() string { return r.dir }

// index is the version index at one index commit.
type index struct {
	head    plumbing.Hash // the index commit; zero when nothing is published
	tree    plumbing.Hash // the index commit's root tree
	entries []entry       // sorted by effective date, then id
	byID    map[string]*entry
}

type entry struct {
	id        string
	effective time.Time
	name      string        // versions/<effective>_<id>.yaml
	blob      plumbing.Hash // the record
	version   *Version      // decoded on first use
}

// recordName is the file name of a version record in the index tree: the
// effective date first, so that git's tree order is effective-date order.
func recordName(v *Version) string {
	return v.Effective.Format(DateLayout) + "_" + v.ID + ".yaml"
}

func parseRecordName(name string) (id string, effective time.Time, ok bool) {
	if len(name) < len(DateLayout)+2 || name[len(DateLayout)] != '_' || !strings.HasSuffix(name, ".yaml") {
		return "", time.Time{}, false
	}
	effective, err := ParseDate(name[:len(DateLayout)])
	id = strings.TrimSuffix(name[len(DateLayout)+1:], ".yaml")
	return id, effective, err == nil && CheckID(id) == nil
}

// loadIndex returns the current index, re-reading it when IndexRef moved.
// r.mu must be held.
func (r *Repo) loadIndex() (*index, error) {
	ref, err := r.git.Reference(plumbing.ReferenceName(IndexRef), true)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return &index{byID: map[string]*entry{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", IndexRef, err)
	}
	if r.idx != nil && r.idx.head == ref.Hash() {
		return r.idx, nil
	}
	idx, err := r.readIndex(ref.Hash())
	if err != nil {
		return nil, err
	}
	r.idx = idx
	return idx, nil
}

// readIndex reads the index at an index commit.
func (r *Repo) readIndex(head plumbing.Hash) (*index, error) {
	c, err := r.git.CommitObject(head)
	if err != nil {
		return nil, fmt.Errorf("version index %s: %w", head, err)
	}
	idx := &index{head: head, tree: c.TreeHash, byID: map[string]*entry{}}
	entries, err := r.indexEntries(c)
	if err != nil {
		return nil, err
	}
	idx.entries = entries
	for i := range idx.entries {
		e := &idx.entries[i]
		if _, dup := idx.byID[e.id]; dup {
			return nil, fmt.Errorf("version index %s: version %q is recorded twice", head, e.id)
		}
		idx.byID[e.id] = e
	}
	return idx, nil
}

// indexEntries lists the records in an index commit's tree, in tree order.
func (r *Repo) indexEntries(c *object.Commit) ([]entry, error) {
	root, err := r.git.TreeObject(c.TreeHash)
	if err != nil {
		return nil, fmt.Errorf("version index %s: %w", c.Hash, err)
	}
	te, err := root.FindEntry(indexDir)
	if err != nil {
		return nil, fmt.Errorf("version index %s: no %s directory: %w", c.Hash, indexDir, err)
	}
	dir, err := r.git.TreeObject(te.Hash)
	if err != nil {
		return nil, fmt.Errorf("version index %s: %w", c.Hash, err)
	}
	out := make([]entry, 0, len(dir.Entries))
	for _, e := range dir.Entries {
		id, eff, ok := parseRecordName(e.Name)
		if !ok || e.Mode != filemode.Regular {
			return nil, fmt.Errorf("version index %s: unexpected entry %s/%s", c.Hash, indexDir, e.Name)
		}
		out = append(out, entry{id: id, effective: eff, name: path.Join(indexDir, e.Name), blob: e.Hash})
	}
	return out, nil
}

// version decodes an entry's record. r.mu must be held.
func (r *Repo) version(e *entry) (*Version, error) {
	if e.version != nil {
		return e.version, nil
	}
	data, err := r.blob(e.blob)
	if err != nil {
		return nil, fmt.Errorf("version index: %s: %w", e.name, err)
	}
	v, err := unmarshalVersion("version index: "+e.name, data)
	if err != nil {
		return nil, err
	}
	if v.ID != e.id || !v.Effective.Equal(e.effective) {
		return nil, fmt.Errorf("version index: %s: the record is of version %s, effective %s", e.name, v.ID, v.Effective.Format(DateLayout))
	}
	e.version = v
	return v, nil
}

// blob reads a blob's content.
func (r *Repo) blob(h plumbing.Hash) ([]byte, error) {
	b, err := r.git.BlobObject(h)
	if err != nil {
		return nil, err
	}
	rd, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return io.ReadAll(rd)
}

// List returns every published version, sorted by effective date.
func (r *Repo) List() ([]*Version, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	idx, err := r.loadIndex()
	if err != nil {
		return nil, err
	}
	out := make([]*Version, len(idx.entries))
	for i := range idx.entries {
		v, err := r.version(&idx.entries[i])
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// Get returns the version id; the error wraps ErrNotFound if there is none.
func (r *Repo) Get(id string) (*Version, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.get(id)
}

func (r *Repo) get(id string) (*Version, error) {
	idx, err := r.loadIndex()
	if err != nil {
		return nil, err
	}
	e, ok := idx.byID[id]
	if !ok {
		return nil, fmt.Errorf("%w: %q%s", ErrNotFound, id, knownIDs(idx))
	}
	return r.version(e)
}

func knownIDs(idx *index) string {
	if len(idx.entries) == 0 {
		return " (no version has been published)"
	}
	ids := make([]string, len(idx.entries))
	for i, e := range idx.entries {
		ids[i] = e.id
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
	idx, err := r.loadIndex()
	if err != nil {
		return nil, err
	}
	day := Day(date)
	i := sort.Search(len(idx.entries), func(i int) bool { return idx.entries[i].effective.After(day) })
	if i == 0 {
		msg := "no version has been published"
		if len(idx.entries) > 0 {
			msg = fmt.Sprintf("the first, %s, takes effect on %s", idx.entries[0].id, idx.entries[0].effective.Format(DateLayout))
		}
		return nil, fmt.Errorf("%w in force on %s: %s", ErrNotFound, day.Format(DateLayout), msg)
	}
	return r.version(&idx.entries[i-1])
}

// FS returns the content of version id, read from git objects (no checkout):
// termsmith.yaml, clauses/ and templates/ as they were published. The file
// system is in memory, safe for concurrent use, and its files' modification
// time is the version's publish time.
func (r *Repo) FS(id string) (fs.FS, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	v, err := r.get(id)
	if err != nil {
		return nil, err
	}
	files, err := r.commitFiles(plumbing.NewHash(v.Commit))
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", id, err)
	}
	return newMemFS(files, v.Published), nil
}

// commitFiles reads every file in a commit's tree. r.mu must be held.
func (r *Repo) commitFiles(h plumbing.Hash) ([]file, error) {
	c, err := r.git.CommitObject(h)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", h, err)
	}
	var files []file
	var walk func(dir string, h plumbing.Hash) error
	walk = func(dir string, h plumbing.Hash) error {
		t, err := r.git.TreeObject(h)
		if err != nil {
			return fmt.Errorf("tree %s (%s): %w", h, dir, err)
		}
		for _, e := range t.Entries {
			p := path.Join(dir, e.Name)
			switch e.Mode {
			case filemode.Dir:
				if err := walk(p, e.Hash); err != nil {
					return err
				}
			case filemode.Regular, filemode.Executable:
				data, err := r.blob(e.Hash)
				if err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
				files = append(files, file{p, data})
			default:
				return fmt.Errorf("%s: unsupported entry of mode %s", p, e.Mode)
			}
		}
		return nil
	}
	if err := walk(".", c.TreeHash); err != nil {
		return nil, err
	}
	return files, nil
}
