package diff_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/diff/internal/examplepairs"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/internal/golden"
)

// TestOverviewOfTheExamples checks the overview of the reference
// customer's change of each example against
// testdata/examples/<example>-overview.golden, and what a reader must never
// see in it: a bullet for a number, or a run of renumbered articles as one
// row each.
func TestOverviewOfTheExamples(t *testing.T) {
	want := map[string]string{
		"smarttrackers": "artikelen 4–16 worden 5–17",
		"tracksavers":   "Hoofdstuk A: artikelen 7–21 worden 8–22",
	}
	for _, name := range examples.Names() {
		t.Run(name, func(t *testing.T) {
			srcs, _, err := examplepairs.Versions(name)
			if err != nil {
				t.Fatal(err)
			}
			r, err := diff.ReportFor(srcs[0], srcs[len(srcs)-1], nil)
			if err != nil {
				t.Fatal(err)
			}
			ov := r.Overview()
			var sb strings.Builder
			for _, row := range ov.Rows {
				fmt.Fprintf(&sb, "%s | %s | %s\n", row.Number, row.Title, row.Kind)
				if strings.ContainsAny(row.Number, "●○■•◦") {
					t.Errorf("row named by a bullet: %q", row.Number)
				}
				if row.Kind == "hernummerd" {
					t.Errorf("a renumbering as a row: %v", row)
				}
			}
			sb.WriteString("-- renumbered\n" + strings.Join(ov.Renumbering, "\n") + "\n-- typographic\n")
			for _, row := range ov.Typographic {
				fmt.Fprintf(&sb, "%s | %s | %s\n", row.Number, row.Title, row.Kind)
			}
			if !strings.Contains(strings.Join(ov.Renumbering, "\n"), want[name]) {
				t.Errorf("renumbering %q lacks %q", ov.Renumbering, want[name])
			}
			golden.Check(t, filepath.Join("testdata", "examples", name+"-overview.golden"), []byte(sb.String()))
		})
	}
}

// TestTypographic checks which changes count as typographic only: every
// replaced phrase differs from its replacement only in quote or apostrophe
// style.
func TestTypographic(t *testing.T) {
	mod := func(segs ...diff.Segment) *diff.Change { return &diff.Change{Kind: diff.Modified, Segments: segs} }
	eq := func(s string) diff.Segment { return diff.Segment{Op: diff.Equal, Text: s} }
	del := func(s string) diff.Segment { return diff.Segment{Op: diff.Delete, Text: s} }
	ins := func(s string) diff.Segment { return diff.Segment{Op: diff.Insert, Text: s} }
	for _, tc := range []struct {
		c    *diff.Change
		want bool
	}{
		{mod(eq("de "), del(`"Klant"`), ins("“Klant”"), eq(" is")), true},
		{mod(del("Klant's"), ins("Klant’s"), eq(" en "), del("'t"), ins("’t")), true},
		{mod(del(`"Klant"`), ins("“Klanten”")), false},
		{mod(del("14"), ins("30")), false},
		{mod(eq("a"), ins("“")), false}, // a quote added is not a change of style
		{&diff.Change{Kind: diff.Moved, Segments: []diff.Segment{del(`"x"`), ins("“x”")}}, false},
	} {
		if got := tc.c.Typographic(); got != tc.want {
			t.Errorf("%v: typographic %v, want %v", tc.c.Segments, got, tc.want)
		}
	}
}
