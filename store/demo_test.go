package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDemo runs the demo on one example and checks what it lists: every
// kind of file, each written, and the lint summary; the example store is
// kept only when asked.
func TestDemo(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	now := func() time.Time { return day("2026-08-01") }
	results, err := Demo(DemoOptions{Examples: []string{"smarttrackers"}, Out: out, Now: now, Jobs: 2})
	if err != nil || len(results) != 1 {
		t.Fatalf("Demo = %v, %v", results, err)
	}
	r := results[0]
	if r.Example != "smarttrackers" || r.Store != "" || !strings.HasSuffix(r.Lint, "warnings") || !strings.Contains(r.Lint, " 0 errors") {
		t.Errorf("result: %+v", r)
	}
	// Two versions, three customers: an agreement per version and
	// customer, an offer per customer, a notice (three files) per
	// customer with changes.
	for kind, n := range map[string]int{"lint reports": 1, "agreements": 6, "offers": 3, "redlines": 1} {
		if len(r.Files[kind]) != n {
			t.Errorf("%d %s, want %d: %v", len(r.Files[kind]), kind, n, r.Files[kind])
		}
	}
	if n := len(r.Files["notices"]); n == 0 || n%3 != 0 {
		t.Errorf("%d notice files", n)
	}
	for _, kind := range DemoKinds {
		for _, f := range r.Files[kind] {
			if fi, err := os.Stat(f); err != nil || fi.Size() == 0 || !strings.HasPrefix(f, filepath.Join(out, "smarttrackers")+"/") {
				t.Errorf("%s %s: %v", kind, f, err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(out, "stores")); err == nil {
		t.Error("the example store was kept without Keep")
	}

	_, err = Demo(DemoOptions{Examples: []string{"smarttrackers", "nosuch"}, Out: filepath.Join(t.TempDir(), "none")})
	if !IsUnusable(err) || !strings.Contains(err.Error(), `unknown example "nosuch"`) {
		t.Errorf("an unknown example: %v, want unusable input", err)
	}
}
