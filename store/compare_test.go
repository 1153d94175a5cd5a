package store

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/render"
)

// TestRenderAll checks that a batch writes each customer's agreement as
// RenderAgreement does, byte for byte.
func TestRenderAll(t *testing.T) {
	s := example(t, "2026-08-01")
	t1, err := s.Content(Selector{})
	if err != nil {
		t.Fatal(err)
	}
	custs, _ := s.Customers()
	all, one := t.TempDir(), t.TempDir()
	b := RenderAll(t1, custs, render.Markdown, all, 2, nil)
	if b.Written != len(custs) || len(b.Failures) != 0 || len(b.Files) != len(custs) {
		t.Fatalf("RenderAll = %+v", b)
	}
	for i, c := range custs {
		path, err := RenderAgreement(t1, c, render.Markdown, one)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := os.ReadFile(b.Files[i])
		o, _ := os.ReadFile(path)
		if len(a) == 0 || !bytes.Equal(a, o) || !strings.Contains(b.Files[i], c.ID) {
			t.Errorf("%s: the batch's %s differs from %s", c.ID, b.Files[i], path)
		}
	}
}

// TestOffer writes an offer, with and without the terms, and checks the
// refusals.
func TestOffer(t *testing.T) {
	s := example(t, "2026-08-01")
	out := t.TempDir()
	custs, _ := s.Customers()
	c := custs[0]
	with, err := s.Offer(c.ID, Selector{}, true, out)
	if err != nil || with != filepath.Join(out, c.ID, "offer-"+c.Offer.Number+".pdf") {
		t.Fatalf("Offer = %s, %v", with, err)
	}
	without, err := s.Offer(c.ID, Selector{Version: "2026-01-01"}, false, out)
	if err != nil || without != filepath.Join(out, c.ID, "offer-"+c.Offer.Number+"-without-terms.pdf") {
		t.Fatalf("Offer without terms = %s, %v", without, err)
	}
	a, _ := os.Stat(with)
	b, _ := os.Stat(without)
	if a == nil || b == nil || a.Size() <= b.Size() {
		t.Errorf("the offer with the terms enclosed is not larger than the one without")
	}
	if _, err := s.Offer("nobody", Selector{}, true, out); !IsUnusable(err) {
		t.Errorf("an unknown customer: %v, want unusable input", err)
	}
	if _, err := s.Offer(c.ID, Selector{Version: "1999-01-01"}, true, out); !IsUnusable(err) {
		t.Errorf("an unknown version: %v, want unusable input", err)
	}
}

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
