package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLint lints the example's working tree, its first version and a
// letter that cites a clause the terms do not have.
func TestLint(t *testing.T) {
	s := example(t, "2026-08-01")
	rep, err := s.Lint(Selector{})
	if err != nil || rep.Errors() != 0 {
		t.Fatalf("the working tree: %v, %v", rep, err)
	}
	first, err := s.Lint(Selector{Version: "2026-01-01"})
	if err != nil || first.Warnings() == 0 {
		t.Fatalf("the first version: %v, %v; want its drafting defects", first, err)
	}
	if _, err := s.Lint(Selector{Version: "1999-01-01"}); !IsUnusable(err) {
		t.Errorf("an unknown version: %v, want unusable input", err)
	}

	letter := filepath.Join(s.Dir(), "letters", "notice.en.md")
	data, err := os.ReadFile(letter)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(letter, []byte(strings.Replace(string(data), "(#toepasselijkheid-2)", "(#no-such-clause)", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err = s.Lint(Selector{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range rep.Findings {
		if f.Rule == "letter" && f.File == "letters/notice.en.md" && f.Line > 0 && strings.Contains(f.Message, "no-such-clause") {
			found = true
		}
	}
	if !found {
		t.Errorf("no letter finding for the unknown clause: %v", rep.Findings)
	}
	// The version keeps its own letter.
	if rep, err := s.Lint(Selector{Version: "2026-07-01"}); err != nil || rep.Errors() != 0 {
		t.Errorf("version 2026-07-01: %v, %v", rep, err)
	}
}
