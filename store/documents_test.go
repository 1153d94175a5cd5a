package store

import (
	"bytes"
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
