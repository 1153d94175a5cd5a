package versions

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/termsmith/termsmith/clauses"
)

// fixture is a small store: one document with one clause, a template, a
// customer.
func fixture() map[string]string {
	return map[string]string{
		"termsmith.yaml":              "supplier: {legal_name: Acme B.V.}\npublisher: {name: Legal Acme, email: legal@acme.test}\n",
		"clauses/terms/document.yaml": "title: Algemene voorwaarden\nclauses:\n  - definities\n",
		"clauses/terms/definities.md": "---\nid: definities\ntitle: DEFINITIES\n---\n\nIn deze voorwaarden betekent Klant de wederpartij.\n",
		"templates/agreement.yaml":    "title: Overeenkomst\nparts:\n  - document: terms\n",
		"customers/bakker.yaml":       "legal_name: Bakker B.V.\n",
	}
}

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

// newStore makes a store from the fixture in a new git repository.
func newStore(t testing.TB) *Repo {
	t.Helper()
	dir := t.TempDir()
	if _, err := Init(dir, ""); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, fixture())
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	commit(t, r)
	return r
}

func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// now is a fixed publish time in a non-UTC zone, to show zones survive.
var now = time.Date(2025, 11, 1, 9, 30, 0, 0, time.FixedZone("CET", 3600))

// opts publishes id on its notice date (at now's time of day), or at now.
func opts(t testing.TB, id, effective, notice string) PublishOptions {
	o := PublishOptions{ID: id, Effective: date(t, effective), Now: now, Message: "publish " + id}
	if notice != "" {
		o.NoticeDate = date(t, notice)
		if o.NoticeDate.Before(Day(now)) { // a notice is never backdated: publish on that day
			o.Now = time.Date(o.NoticeDate.Year(), o.NoticeDate.Month(), o.NoticeDate.Day(), now.Hour(), now.Minute(), 0, 0, now.Location())
		}
	}
	return o
}

// commit commits the working tree, as an author does before publishing;
// nothing to commit is not an error.
func commit(t testing.TB, r *Repo) {
	t.Helper()
	_, err := r.Commit("draft\n", fixtureAuthor, now)
	if err != nil && !errors.Is(err, git.ErrEmptyCommit) {
		t.Fatal(err)
	}
}

// publish publishes id after changing the clause text, so that every
// version's content differs.
func publish(t testing.TB, r *Repo, id, effective, notice string) *Version {
	t.Helper()
	setClause(t, r, "text of "+id)
	v, err := r.Publish(opts(t, id, effective, notice))
	if err != nil {
		t.Fatalf("publish %s: %v", id, err)
	}
	return v
}

// setClause changes the clause text and commits it.
func setClause(t testing.TB, r *Repo, text string) {
	t.Helper()
	writeFiles(t, r.Dir(), map[string]string{
		"clauses/terms/definities.md": "---\nid: definities\ntitle: DEFINITIES\n---\n\n" + text + "\n",
	})
	commit(t, r)
}

// refs returns every ref of the repository and its target, to show that a
// refused or killed publish changed none.
func refs(t testing.TB, r *Repo) map[string]string {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	it, err := r.git.References()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	err = it.ForEach(func(ref *plumbing.Reference) error {
		out[ref.Name().String()] = ref.Hash().String() + string(ref.Target())
		return nil
	})
	if err != nil && !errors.Is(err, storer.ErrStop) {
		t.Fatal(err)
	}
	return out
}

func ids(vs []*Version) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.ID
	}
	return out
}

func plumbingHash(s string) plumbing.Hash { return plumbing.NewHash(s) }

// fixtureAuthor commits the drafts of the tests.
var fixtureAuthor = clauses.Person{Name: "Legal Acme", Email: "legal@acme.test"}
