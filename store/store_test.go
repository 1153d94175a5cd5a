package store

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/termsmith/termsmith/render"
	"github.com/termsmith/termsmith/versions"
)

// example makes the SmartTrackers example store, with its two published
// versions, and opens it at noon on date.
func example(t *testing.T, date string) *Store {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "s")
	if err := Create(dir, "smarttrackers", time.Time{}, io.Discard); err != nil {
		t.Fatal(err)
	}
	now := day(date).Add(12 * time.Hour)
	return Open(dir, func() time.Time { return now })
}

// TestExampleWorkflow runs the application layer's jobs on a real store:
// which content, which customers, an agreement, a comparison, the notices.
func TestExampleWorkflow(t *testing.T) {
	s := example(t, "2026-08-01")
	t1, err := s.Content(Selector{})
	if err != nil || t1.Version != "2026-07-01" || t1.Draft {
		t.Fatalf("content in force on 2026-08-01: %v, %v", t1, err)
	}
	t0, err := s.Content(Selector{At: "2026-03-01"})
	if err != nil || t0.Version != "2026-01-01" || !t0.NoticeDate.IsZero() && !t0.NoticeDate.Before(t0.Effective) {
		t.Fatalf("content in force on 2026-03-01: %v, %v", t0, err)
	}
	if w, err := s.Resolve("worktree"); err != nil || !w.Draft {
		t.Errorf("the worktree is a draft: %v, %v", w, err)
	}
	if _, err := s.Resolve("no-such-version"); !IsUnusable(err) {
		t.Errorf("an unknown version: %v, want unusable input", err)
	}
	custs, failures := s.Customers()
	if len(custs) != 3 || len(failures) != 0 || custs[0].ID > custs[1].ID {
		t.Fatalf("customers: %d, failures %v", len(custs), failures)
	}
	if _, err := s.Customer("nobody"); !IsUnusable(err) {
		t.Errorf("an unknown customer: %v, want unusable input", err)
	}

	out := filepath.Join(t.TempDir(), "out")
	path, err := RenderAgreement(t1, custs[0], render.Markdown, out)
	if err != nil || path != filepath.Join(out, custs[0].ID, "2026-07-01", "agreement.md") {
		t.Fatalf("RenderAgreement = %s, %v", path, err)
	}

	r, err := Compare(t0, t1, custs[0], day("2026-05-15"))
	if err != nil || len(r.Changes) == 0 || r.Customer != custs[0] {
		t.Fatalf("Compare: %v, %v", r, err)
	}
	// The policy of the terms in force: notice period and deadline.
	if r.PeriodDays != t0.Store.Config.NoticePeriodDays || r.Deadline.IsZero() {
		t.Errorf("report: period %d, deadline %s", r.PeriodDays, r.Deadline)
	}
	ref, err := Compare(t0, t1, nil, time.Time{})
	if err != nil || ref.Customer != nil || !ref.Deadline.IsZero() {
		t.Errorf("reference comparison: %v, %v", ref, err)
	}

	run, err := s.Notices(NoticeRequest{From: "2026-01-01", To: "2026-07-01", Date: day("2026-05-15")})
	if err != nil || !run.Preview || run.Letter == nil {
		t.Fatalf("Notices: %v, %v", run, err)
	}
	files, err := run.Write(custs[0], out)
	if err != nil || len(files) != 3 {
		t.Fatalf("Write: %v, %v", files, err)
	}
	for _, f := range files {
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	// Too late for the notice period: refused, not unusable.
	_, err = s.Notices(NoticeRequest{From: "2026-01-01", To: "2026-07-01", Date: day("2026-06-20")})
	if err == nil || IsUnusable(err) || !strings.Contains(err.Error(), "notice refused") {
		t.Errorf("a late notice: %v", err)
	}
	// Sending needs published versions.
	if _, err := s.Notices(NoticeRequest{From: "2026-01-01", To: "worktree", Send: true}); !IsUnusable(err) {
		t.Errorf("sending a draft: %v, want unusable input", err)
	}
}

// TestPublishGate checks that publish refuses content under which a
// customer's agreement cannot be assembled, and leaves no version.
func TestPublishGate(t *testing.T) {
	s := example(t, "2026-08-01")
	writeFile(t, s.Dir(), "customers/acme.yaml", "legal_name: Acme B.V.\naddress: Dorpsstraat 2, 3811 AB Amersfoort\nkvk: \"22222222\"\n"+
		"contact: {name: Els Visser, email: els@acme.nl}\nsignatory: {name: Joost Visser, title: Directeur}\ntemplate: maatwerk\n")
	// A change to publish, committed, as an author would.
	writeFile(t, s.Dir(), "clauses/terms/nieuw.md", "---\nid: nieuw\ntitle: NIEUW\n---\n\nTekst.\n")
	commit(t, s.Dir(), s.Now())
	_, err := s.Publish(versions.PublishOptions{ID: "2027-01-01", Effective: day("2027-01-01"), Now: s.Now()})
	if err == nil || !errors.Is(err, versions.ErrRefused) || !strings.Contains(err.Error(), "maatwerk") {
		t.Fatalf("publish with a customer of an unknown template: %v", err)
	}
	repo, err := s.Repo()
	if err != nil {
		t.Fatal(err)
	}
	if list, _ := repo.List(); len(list) != 2 {
		t.Errorf("%d versions after a refused publish, want 2", len(list))
	}
}

// TestImport imports a small document into a new store, refuses to import
// it again over itself, and re-imports a new version of it.
func TestImport(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "voorwaarden.txt")
	writeFile(t, root, "voorwaarden.txt", "Voorwaarden\n\n1. BETALING\n\n1.1. Binnen dertig dagen.\n\n2. LEVERING\n\n2.1. Op afspraak.\n")
	dir := filepath.Join(root, "s")
	res, err := Import(ImportRequest{File: in, Into: dir, Supplier: "Acme B.V."})
	if err != nil || !res.NewStore || len(res.Documents) != 1 {
		t.Fatalf("Import: %v, %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "termsmith.yaml")); err != nil {
		t.Fatal(err)
	}
	doc := res.Documents[0].ID
	before, _ := os.ReadDir(filepath.Join(dir, "clauses", doc))
	if _, err := Import(ImportRequest{File: in, Into: dir, DocIDs: map[string]string{"Voorwaarden": doc}}); !IsUnusable(err) || !strings.Contains(err.Error(), "already used in the store") {
		t.Errorf("importing over an existing document: %v", err)
	}
	writeFile(t, root, "voorwaarden.txt", "Voorwaarden\n\n1. BETALING\n\n1.1. Binnen veertien dagen.\n\n2. LEVERING\n\n2.1. Op afspraak.\n")
	res, err = Import(ImportRequest{File: in, Into: dir, As: doc})
	if err != nil || !res.Reimport {
		t.Fatalf("re-import: %v, %v", res, err)
	}
	after, _ := os.ReadDir(filepath.Join(dir, "clauses", doc))
	if len(after) != len(before) {
		t.Errorf("re-import: %d files, want %d", len(after), len(before))
	}
	if _, err := checkStore(dir); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range after {
		data, _ := os.ReadFile(filepath.Join(dir, "clauses", doc, e.Name()))
		found = found || strings.Contains(string(data), "veertien")
	}
	if !found {
		t.Error("the re-imported text is not in the store")
	}
}
