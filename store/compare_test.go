package store

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestDiff compares two versions for the reference customer, for one
// customer and for every customer.
func TestDiff(t *testing.T) {
	s := example(t, "2026-08-01")
	custs, _ := s.Customers()
	ref, err := s.Diff("2026-01-01", "2026-07-01", "", false)
	if err != nil || len(ref) != 1 || ref[0].Customer != nil || len(ref[0].Changes) == 0 {
		t.Fatalf("Diff for the reference customer = %v, %v", ref, err)
	}
	one, err := s.Diff("2026-01-01", "2026-07-01", custs[1].ID, true)
	if err != nil || len(one) != 1 || one[0].Customer.ID != custs[1].ID {
		t.Fatalf("Diff for %s = %v, %v", custs[1].ID, one, err)
	}
	every, err := s.Diff("2026-01-01", "worktree", "", true)
	if err != nil || len(every) != len(custs) {
		t.Fatalf("Diff for every customer = %d reports, %v", len(every), err)
	}
	for i, r := range every {
		if r.Customer.ID != custs[i].ID {
			t.Errorf("report %d is for %s, want %s", i, r.Customer.ID, custs[i].ID)
		}
	}
	if _, err := s.Diff("2026-01-01", "no-such-version", "", false); !IsUnusable(err) {
		t.Errorf("an unknown version: %v, want unusable input", err)
	}
}

// TestDiffOutput writes one comparison in every format: each is what its
// format's reader expects, and md covers every customer.
func TestDiffOutput(t *testing.T) {
	s := example(t, "2026-08-01")
	custs, _ := s.Customers()
	want := map[string]func([]byte) bool{
		"text": func(b []byte) bool { return bytes.Contains(b, []byte("[-")) || bytes.Contains(b, []byte("{+")) },
		"json": func(b []byte) bool { return json.Valid(b) && bytes.Contains(b, []byte(`"changes"`)) },
		"html": func(b []byte) bool { return bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) },
		"pdf":  func(b []byte) bool { return bytes.HasPrefix(b, []byte("%PDF-")) },
		"md": func(b []byte) bool {
			for _, c := range custs {
				if !bytes.Contains(b, []byte(c.ID)) {
					return false
				}
			}
			return true
		},
	}
	for _, format := range DiffFormats {
		out, err := s.DiffOutput("2026-01-01", "2026-07-01", "", format)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if !want[format](out) {
			t.Errorf("%s: not what the format holds:\n%.300s", format, out)
		}
	}
	if _, err := s.DiffOutput("2026-01-01", "2026-07-01", "", "yaml"); !IsUnusable(err) || !strings.Contains(err.Error(), "text, json, html, pdf or md") {
		t.Errorf("format yaml: %v, want unusable input naming the formats", err)
	}
}
