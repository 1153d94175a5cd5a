package store

import (
	"strings"
	"testing"
)

// TestOutlineOf outlines the example's first version: its documents with
// their clauses, in order, and its templates.
func TestOutlineOf(t *testing.T) {
	s := example(t, "2026-08-01")
	v, fsys, err := s.Published("2026-01-01")
	if err != nil {
		t.Fatal(err)
	}
	o, err := OutlineOf(v, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Documents) == 0 || len(o.Templates) == 0 {
		t.Fatalf("outline: %+v", o)
	}
	for _, d := range o.Documents {
		if d.ID == "" || d.Title == "" || len(d.Clauses) == 0 {
			t.Errorf("document %+v", d)
		}
		for _, c := range d.Clauses {
			src, err := SourceOf(v, fsys, c.ID)
			if err != nil || !strings.Contains(string(src), "id: "+c.ID) {
				t.Errorf("SourceOf(%s) = %.40q, %v", c.ID, src, err)
			}
		}
	}
	if _, err := SourceOf(v, fsys, "no-such-clause"); !IsUnusable(err) {
		t.Errorf("SourceOf an unknown id: %v, want unusable input", err)
	}
}
