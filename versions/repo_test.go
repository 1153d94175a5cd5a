package versions

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/termsmith/termsmith/clauses"
)

// TestPublishListInForce publishes three versions and checks the list, the
// records and which version is in force on dates around the effective dates.
func TestPublishListInForce(t *testing.T) {
	r := newStore(t)
	v1 := publish(t, r, "2025-01-01", "2025-01-01", "") // the first version may take effect on any date
	publish(t, r, "2026-01-01", "2026-01-01", "2025-11-01")
	publish(t, r, "v3", "2026-06-01", "") // notice date: Now's date, 2025-11-01

	list, err := r.List()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(list), []string{"2025-01-01", "2026-01-01", "v3"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("List = %v, want %v", got, want)
	}
	if got := list[2].NoticeDate.Format(DateLayout); got != "2025-11-01" {
		t.Errorf("default notice date = %s, want Now's date 2025-11-01", got)
	}
	if !v1.Published.Equal(now) || v1.Published.Format(time.RFC3339) != list[0].Published.Format(time.RFC3339) {
		t.Errorf("published = %v, want %v with its zone", list[0].Published, now)
	}
	if v1.Author.Name != "Legal Acme" || v1.Author.Email != "legal@acme.test" {
		t.Errorf("author = %+v, want the store's publisher", v1.Author)
	}
	if !reflect.DeepEqual(list[0], v1) {
		t.Errorf("record read back = %+v, want %+v", list[0], v1)
	}

	for _, tc := range []struct{ date, want string }{
		{"2024-12-31", ""},
		{"2025-01-01", "2025-01-01"},
		{"2025-12-31", "2025-01-01"},
		{"2026-01-01", "2026-01-01"},
		{"2026-05-31", "2026-01-01"},
		{"2026-06-01", "v3"},
		{"2099-01-01", "v3"},
	} {
		v, err := r.InForce(date(t, tc.date))
		switch {
		case tc.want == "" && !errors.Is(err, ErrNotFound):
			t.Errorf("InForce(%s) = %v, %v; want ErrNotFound", tc.date, v, err)
		case tc.want != "" && (err != nil || v.ID != tc.want):
			t.Errorf("InForce(%s) = %v, %v; want %s", tc.date, v, err, tc.want)
		}
	}
	// A time late in the day in another zone is still that calendar day.
	late := time.Date(2025, 12, 31, 23, 59, 0, 0, time.FixedZone("X", -10*3600))
	if v, err := r.InForce(late); err != nil || v.ID != "2025-01-01" {
		t.Errorf("InForce(%v) = %v, %v; want 2025-01-01", late, v, err)
	}
	if _, err := r.Get("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(nope) = %v, want ErrNotFound", err)
	}
}

// TestFS checks that a version's file system holds exactly the published
// terms content, passes fstest.TestFS, loads as a store, and hashes to the
// recorded content hash, while the working tree has moved on.
func TestFS(t *testing.T) {
	r := newStore(t)
	v := publish(t, r, "v1", "2026-01-01", "2025-11-01")
	setClause(t, r, "a later draft")
	writeFiles(t, r.Dir(), map[string]string{"out/x.pdf": "output", "README.md": "not content"})

	fsys, err := r.FS("v1")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(fsys, "termsmith.yaml", "clauses/terms/document.yaml", "clauses/terms/definities.md", "templates/agreement.yaml"); err != nil {
		t.Fatal(err)
	}
	var names []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	want := []string{"clauses/terms/definities.md", "clauses/terms/document.yaml", "templates/agreement.yaml", "termsmith.yaml"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("files = %v, want %v (no customers/, out/ or README)", names, want)
	}
	b, _ := fs.ReadFile(fsys, "clauses/terms/definities.md")
	if !strings.Contains(string(b), "text of v1") {
		t.Errorf("clause = %q, want the published text", b)
	}
	st, err := clauses.Load(fsys)
	if err != nil || st.Clauses["definities"] == nil {
		t.Fatalf("clauses.Load = %v, %v", st, err)
	}
	if h, err := ContentHash(fsys); err != nil || h != v.ContentHash {
		t.Errorf("ContentHash(FS) = %s, %v; want %s", h, err, v.ContentHash)
	}
	if info, _ := fs.Stat(fsys, "termsmith.yaml"); !info.ModTime().Equal(v.Published) {
		t.Errorf("ModTime = %v, want the publish time", info.ModTime())
	}
	if _, err := r.FS("v2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("FS(v2) = %v, want ErrNotFound", err)
	}
}

// TestContentHash checks the documented definition, and that customers,
// out/, dot files and other files outside the content do not count.
func TestContentHash(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, fixture())
	h1, err := ContentHash(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	var manifest strings.Builder
	for _, p := range []string{"clauses/terms/definities.md", "clauses/terms/document.yaml", "templates/agreement.yaml", "termsmith.yaml"} {
		sum := sha256.Sum256([]byte(fixture()[p]))
		fmt.Fprintf(&manifest, "%x  %s\n", sum, p)
	}
	sum := sha256.Sum256([]byte(manifest.String()))
	if want := "sha256:" + hex.EncodeToString(sum[:]); h1 != want {
		t.Errorf("ContentHash = %s, want %s (sha256 of the sha256sum manifest)", h1, want)
	}

	writeFiles(t, dir, map[string]string{
		"customers/bakker.yaml":            "legal_name: Changed B.V.\n",
		"customers/new.yaml":               "legal_name: New\n",
		"out/agreement.pdf":                "pdf",
		"clauses/terms/.definities.md.swp": "swap",
		"clauses/.hidden/x.md":             "x",
		"notes.txt":                        "notes",
		".git/HEAD":                        "ref: refs/heads/main\n",
		"templates/.DS_Store":              "junk",
	})
	if h2, _ := ContentHash(os.DirFS(dir)); h2 != h1 {
		t.Errorf("hash changed to %s after changes outside the content", h2)
	}
	writeFiles(t, dir, map[string]string{"templates/offer.yaml": "title: Offerte\nparts: []\n"})
	if h3, _ := ContentHash(os.DirFS(dir)); h3 == h1 {
		t.Errorf("hash did not change when a template was added")
	}

	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "clauses", "terms", "link.md")); err == nil {
		if _, err := ContentHash(os.DirFS(dir)); err == nil || !strings.Contains(err.Error(), "symbolic link") {
			t.Errorf("ContentHash with a symlink = %v, want a symbolic link error", err)
		}
	}
	if _, err := ContentHash(os.DirFS(t.TempDir())); !errors.Is(err, ErrNotStore) {
		t.Errorf("ContentHash of an empty directory = %v, want ErrNotStore", err)
	}
}

// TestPublishRefused checks each refusal: the error, its message, and that
// the refs and the version list are exactly as before.
func TestPublishRefused(t *testing.T) {
	for _, tc := range []struct {
		name   string
		setup  func(t *testing.T, r *Repo)
		opts   func(t *testing.T) PublishOptions
		is     error
		substr string
	}{
		{
			name:   "existing id",
			opts:   func(t *testing.T) PublishOptions { return opts(t, "v1", "2027-01-01", "2026-01-01") },
			is:     ErrExists,
			substr: "v1 (effective 2026-01-01",
		},
		{
			name:   "notice period too short",
			opts:   func(t *testing.T) PublishOptions { return opts(t, "v2", "2026-03-02", "2026-02-01") },
			is:     ErrRefused,
			substr: "29 days after the notice date 2026-02-01; the notice period of version v1, in force then, is 30 days, so the earliest effective date is 2026-03-03",
		},
		{
			name: "default notice date is Now's date",
			opts: func(t *testing.T) PublishOptions {
				o := opts(t, "v2", "2026-01-15", "")
				o.Now = time.Date(2025, 12, 20, 23, 0, 0, 0, time.UTC)
				return o
			},
			is:     ErrRefused,
			substr: "26 days after the notice date 2025-12-20",
		},
		{
			// A new version that shortens the notice period is still
			// published under the period of the version in force.
			name: "notice period of the version in force",
			setup: func(t *testing.T, r *Repo) {
				writeFiles(t, r.Dir(), map[string]string{"termsmith.yaml": fixture()["termsmith.yaml"] + "notice_period_days: 1\n"})
			},
			opts:   func(t *testing.T) PublishOptions { return opts(t, "v2", "2026-03-01", "2026-02-20") },
			is:     ErrRefused,
			substr: "the notice period of version v1, in force then, is 30 days",
		},
		{
			name:   "effective not after the latest",
			opts:   func(t *testing.T) PublishOptions { return opts(t, "v2", "2026-01-01", "2020-01-01") },
			is:     ErrRefused,
			substr: "must take effect after every published one",
		},
		{
			name:   "identical content",
			setup:  func(t *testing.T, r *Repo) { setClause(t, r, "text of v1") },
			opts:   func(t *testing.T) PublishOptions { return opts(t, "v2", "2027-01-01", "2026-01-01") },
			is:     ErrRefused,
			substr: "identical to version v1",
		},
		{
			name: "check fails",
			opts: func(t *testing.T) PublishOptions {
				o := opts(t, "v2", "2027-01-01", "2026-01-01")
				o.Check = func(fsys fs.FS) error {
					b, err := fs.ReadFile(fsys, "clauses/terms/definities.md")
					if err != nil || !strings.Contains(string(b), "draft") {
						return fmt.Errorf("check saw the wrong content: %q %v", b, err)
					}
					return errors.New("clauses/terms/definities.md:5: undefined term")
				}
				return o
			},
			is:     ErrRefused,
			substr: "the content has errors:\nclauses/terms/definities.md:5: undefined term",
		},
		{
			name:   "invalid id",
			opts:   func(t *testing.T) PublishOptions { return opts(t, "../x", "2027-01-01", "2026-01-01") },
			substr: "invalid version id",
		},
		{
			name: "no author",
			setup: func(t *testing.T, r *Repo) {
				writeFiles(t, r.Dir(), map[string]string{"termsmith.yaml": "supplier: {legal_name: Acme B.V.}\n"})
			},
			opts:   func(t *testing.T) PublishOptions { return opts(t, "v2", "2027-01-01", "2026-01-01") },
			is:     ErrRefused,
			substr: "no author",
		},
		{
			name: "bad author",
			opts: func(t *testing.T) PublishOptions {
				o := opts(t, "v2", "2027-01-01", "2026-01-01")
				o.Author = clauses.Person{Name: "Eve <eve@x>", Email: "eve@x"}
				return o
			},
			is:     ErrRefused,
			substr: "cannot contain <",
		},
		{
			name:   "config removed",
			setup:  func(t *testing.T, r *Repo) { os.Remove(filepath.Join(r.Dir(), "termsmith.yaml")) },
			opts:   func(t *testing.T) PublishOptions { return opts(t, "v2", "2027-01-01", "2026-01-01") },
			substr: "termsmith.yaml",
		},
		{
			name: "invalid config",
			setup: func(t *testing.T, r *Repo) {
				writeFiles(t, r.Dir(), map[string]string{"termsmith.yaml": "supplier: {legal_name: Acme}\nbogus: 1\n"})
			},
			opts:   func(t *testing.T) PublishOptions { return opts(t, "v2", "2027-01-01", "2026-01-01") },
			substr: "termsmith.yaml:2",
		},
		{
			name: "foreign tag",
			setup: func(t *testing.T, r *Repo) {
				v, _ := r.Get("v1")
				writeFiles(t, r.Dir(), map[string]string{".git/refs/tags/v2": v.Commit + "\n"})
			},
			opts:   func(t *testing.T) PublishOptions { return opts(t, "v2", "2027-01-01", "2026-01-01") },
			is:     ErrExists,
			substr: "git tag v2 exists and is not a termsmith version",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newStore(t)
			publish(t, r, "v1", "2026-01-01", "2025-11-01")
			setClause(t, r, "a draft")
			if tc.setup != nil {
				tc.setup(t, r)
				commit(t, r)
			}
			before := refs(t, r)
			_, err := r.Publish(tc.opts(t))
			if err == nil {
				t.Fatal("publish succeeded, want it refused")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q does not wrap %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.substr) {
				t.Errorf("error %q does not contain %q", err, tc.substr)
			}
			if after := refs(t, r); !reflect.DeepEqual(after, before) {
				t.Errorf("refs changed:\nbefore %v\nafter  %v", before, after)
			}
			if list, err := r.List(); err != nil || !reflect.DeepEqual(ids(list), []string{"v1"}) {
				t.Errorf("List = %v, %v; want [v1]", ids(list), err)
			}
		})
	}
}

// TestNoticePeriodBoundary checks that exactly the notice period is
// enough, and that the first version may take effect on any date.
func TestNoticePeriodBoundary(t *testing.T) {
	r := newStore(t)
	publish(t, r, "first", "2020-01-01", "2025-11-01") // effective before its notice: first version
	setClause(t, r, "second")
	if _, err := r.Publish(opts(t, "second", "2026-01-30", "2026-01-01")); err == nil {
		t.Error("29 days of notice accepted")
	}
	if _, err := r.Publish(opts(t, "second", "2026-01-31", "2026-01-01")); err != nil {
		t.Errorf("30 days of notice refused: %v", err)
	}
}

// TestAuthorAndDeterminism publishes the same content with the same options
// in two stores and checks that every hash is the same, that an explicit
// author wins over the config, and that the git objects carry it.
func TestAuthorAndDeterminism(t *testing.T) {
	var got [][]string
	for i := 0; i < 2; i++ {
		r := newStore(t)
		v1 := publish(t, r, "v1", "2026-01-01", "2025-11-01")
		setClause(t, r, "second text")
		o := opts(t, "v2", "2027-01-01", "2026-11-01")
		o.Author = clauses.Person{Name: "Jan Jurist", Email: "jan@acme.test"}
		v2, err := r.Publish(o)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, []string{v1.Commit, v1.Tag, v2.Commit, v2.Tag, v2.ContentHash})

		c, err := r.git.CommitObject(plumbingHash(v2.Commit))
		if err != nil {
			t.Fatal(err)
		}
		if c.NumParents() != 1 || c.ParentHashes[0].String() != v1.Commit {
			t.Errorf("v2's parent = %v, want v1's commit %s", c.ParentHashes, v1.Commit)
		}
		tag, err := r.git.TagObject(plumbingHash(v2.Tag))
		if err != nil {
			t.Fatal(err)
		}
		if tag.Tagger.Name != "Jan Jurist" || tag.Target.String() != v2.Commit || !strings.Contains(tag.Message, "content_hash: "+v2.ContentHash) {
			t.Errorf("tag = %+v", tag)
		}
		if v2.Author.Name != "Jan Jurist" {
			t.Errorf("record author = %v", v2.Author)
		}
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Errorf("same inputs, different hashes:\n%v\n%v", got[0], got[1])
	}
}

// TestCustomersDoNotCount checks that a change under customers/ alone is
// not new content.
func TestCustomersDoNotCount(t *testing.T) {
	r := newStore(t)
	publish(t, r, "v1", "2026-01-01", "2025-11-01")
	writeFiles(t, r.Dir(), map[string]string{"customers/bakker.yaml": "legal_name: Bakker en Zonen B.V.\n"})
	if _, err := r.Publish(opts(t, "v2", "2027-01-01", "2026-11-01")); err == nil || !strings.Contains(err.Error(), "identical") {
		t.Errorf("publish after a customer change = %v, want identical content refused", err)
	}
}

// TestOpen checks the errors for directories that are not stores or not
// repositories, and that Init is idempotent.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir); !errors.Is(err, ErrNotStore) {
		t.Errorf("Open(empty dir) = %v, want ErrNotStore", err)
	}
	if _, err := Open(filepath.Join(dir, "missing")); !errors.Is(err, ErrNotStore) {
		t.Errorf("Open(missing) = %v, want ErrNotStore", err)
	}
	writeFiles(t, dir, fixture())
	if _, err := Open(dir); !errors.Is(err, ErrNoRepository) || !strings.Contains(err.Error(), "termsmith init") {
		t.Errorf("Open(store without git) = %v, want ErrNoRepository naming termsmith init", err)
	}
	if _, err := Init(dir, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := Init(dir, ""); err != nil {
		t.Errorf("second Init = %v, want the repository opened", err)
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if list, err := r.List(); err != nil || len(list) != 0 {
		t.Errorf("List of a new store = %v, %v", list, err)
	}
	if _, err := r.InForce(date(t, "2026-01-01")); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "no version has been published") {
		t.Errorf("InForce in a new store = %v", err)
	}
	head, _ := os.ReadFile(filepath.Join(dir, ".git", "HEAD"))
	if string(head) != "ref: refs/heads/"+DefaultBranch+"\n" {
		t.Errorf("HEAD = %q", head)
	}
}

// TestCheckID checks the id rules.
func TestCheckID(t *testing.T) {
	for id, ok := range map[string]bool{
		"2026-01-01": true, "v1": true, "v1.2_rc-3": true, "A": true,
		"": false, "-x": false, ".x": false, "a..b": false, "a/b": false, "a b": false,
		"x.": false, "x.lock": false, "é": false, strings.Repeat("a", 64): true, strings.Repeat("a", 65): false,
	} {
		if err := CheckID(id); (err == nil) != ok {
			t.Errorf("CheckID(%q) = %v, want ok=%v", id, err, ok)
		}
	}
}

// TestResolve names content the ways a command may: a published version
// (which wins over a branch of the same name), a branch, a commit, and
// the working tree; each a draft but the version, each with its own text.
func TestResolve(t *testing.T) {
	r := newStore(t)
	publish(t, r, "2026-01-01", "2026-01-01", "")
	setClause(t, r, "text of the draft")
	head, err := r.git.Head()
	if err != nil {
		t.Fatal(err)
	}
	for _, branch := range []string{"review/privacy", "2026-01-01"} {
		if err := r.git.Storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName(branch), head.Hash())); err != nil {
			t.Fatal(err)
		}
	}
	writeFiles(t, r.Dir(), map[string]string{
		"clauses/terms/definities.md": "---\nid: definities\ntitle: DEFINITIES\n---\n\ntext not yet committed\n",
	})
	for _, tc := range []struct {
		name, id, text string
		draft          bool
		commit         string
	}{
		{"2026-01-01", "2026-01-01", "text of 2026-01-01", false, ""},
		{"review/privacy", "review-privacy", "text of the draft", true, head.Hash().String()},
		{head.Hash().String()[:10], head.Hash().String()[:10], "text of the draft", true, head.Hash().String()},
		{Worktree, Worktree, "text not yet committed", true, ""},
	} {
		fsys, v, err := r.Resolve(tc.name)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tc.name, err)
			continue
		}
		src, err := fs.ReadFile(fsys, "clauses/terms/definities.md")
		if err != nil || !strings.Contains(string(src), tc.text) {
			t.Errorf("Resolve(%q) reads %q, %v; want %q", tc.name, src, err, tc.text)
		}
		if v.ID != tc.id || v.Draft != tc.draft || tc.commit != "" && v.Commit != tc.commit {
			t.Errorf("Resolve(%q) = %s (draft %v, commit %s), want %s (draft %v, commit %s)", tc.name, v.ID, v.Draft, v.Commit, tc.id, tc.draft, tc.commit)
		}
	}
	if _, _, err := r.Resolve("no-such-thing"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "no git revision of that name") {
		t.Errorf("Resolve of an unknown name: %v", err)
	}
}
