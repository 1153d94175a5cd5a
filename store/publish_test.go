package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/versions"
)

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

// TestPublishRemote publishes with a remote the store does not have: the
// id is then not checked on it, and the version is published.
func TestPublishRemote(t *testing.T) {
	s := example(t, "2026-08-01")
	files, _ := filepath.Glob(filepath.Join(s.Dir(), "clauses", "terms", "*.md"))
	data, err := os.ReadFile(files[len(files)-1])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(files[len(files)-1], append(data, "\nEen nieuwe zin.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	commit(t, s.Dir(), s.Now())
	v, err := s.Publish(versions.PublishOptions{ID: "2027-01-01", Effective: day("2027-01-01"), Remote: "origin", Now: s.Now()})
	if err != nil || v.ID != "2027-01-01" {
		t.Fatalf("publish with a remote the store does not have: %v, %v", v, err)
	}
	if _, err := s.Publish(versions.PublishOptions{ID: "2028-01-01", Effective: day("2028-01-01"), From: "no-such-rev", Now: s.Now()}); !IsUnusable(err) {
		t.Errorf("publish of an unknown revision: %v, want unusable input", err)
	}
}
