package importer

import (
	"strings"
	"testing"
)

// TestMatchNodes checks the re-import matching: ids survive a heading
// rename, shifted section letters, re-sorted definitions; new and vanished
// clauses are added and removed; an override decides.
func TestMatchNodes(t *testing.T) {
	old := []Node{
		{ID: "definitions", Title: "Definitions", Text: "An Account is your relationship with us. The Service is the software."},
		{ID: "beta-previews", Title: "Beta Previews", Text: "Beta previews are provided as is, without warranty of any kind."},
		{ID: "payment", Title: "Payment", Text: "You pay in advance; we bill you each month for the plan you chose."},
		{ID: "professional-services", Title: "Professional Services", Text: "Orders for professional services are governed by a statement of work signed by both parties."},
	}
	cases := []struct {
		name      string
		new       []Node
		overrides map[string]string
		want      []string // "kind old new" per match, in order
	}{
		{
			name: "renamed heading, shifted letter, removed section",
			new: []Node{
				{ID: "definitions", Title: "A. Definitions", Text: old[0].Text},
				{ID: "payment", Title: "B. Payment", Text: old[2].Text},
				{ID: "expert-services", Title: "C. Expert Services", Text: "Orders for expert services are governed by a statement of work signed by both parties."},
			},
			want: []string{"kept definitions definitions", "kept payment payment", "renamed professional-services professional-services", "removed beta-previews "},
		},
		{
			name: "re-sorted, one added",
			new: []Node{
				{ID: "payment", Title: "Payment", Text: old[2].Text},
				{ID: "definitions", Title: "Definitions", Text: old[0].Text},
				{ID: "beta-previews", Title: "Beta Previews", Text: old[1].Text},
				{ID: "professional-services", Title: "Professional Services", Text: old[3].Text},
				{ID: "export", Title: "Export Controls", Text: "You comply with export laws."},
			},
			want: []string{"moved payment payment", "kept definitions definitions", "kept beta-previews beta-previews", "kept professional-services professional-services", "added  export"},
		},
		{
			name: "override: a look-alike is a new clause, a stranger continues an old one",
			new: []Node{
				{ID: "definitions", Title: "Definitions", Text: old[0].Text},
				{ID: "billing", Title: "Billing", Text: "Invoices are sent by e-mail."},
				{ID: "expert-services", Title: "Expert Services", Text: old[3].Text},
			},
			overrides: map[string]string{"Billing": "payment", "expert-services": ""},
			want:      []string{"kept definitions definitions", "renamed payment payment", "added  expert-services", "removed beta-previews ", "removed professional-services "},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := MatchNodes(old, c.new, c.overrides)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, m := range got {
				lines = append(lines, string(m.Kind)+" "+m.Old+" "+m.New)
				if m.Confidence < 0 || m.Confidence > 1 {
					t.Errorf("%s: confidence %v out of range", m, m.Confidence)
				}
			}
			if g, w := strings.Join(lines, "\n"), strings.Join(c.want, "\n"); g != w {
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
		})
	}
	if _, err := MatchNodes(old, []Node{{ID: "x", Title: "X"}}, map[string]string{"Nope": "payment"}); err == nil {
		t.Error("an override for a clause the new text lacks is accepted")
	}
	if _, err := MatchNodes(old, []Node{{ID: "x", Title: "X"}}, map[string]string{"X": "missing"}); err == nil {
		t.Error("an override to an unknown id is accepted")
	}
}

// TestReimportKeepsIDs re-imports an edited Markdown text over its first
// import: renamed headings, shifted letters and re-sorted definitions keep
// their ids.
func TestReimportKeepsIDs(t *testing.T) {
	v1 := "# Terms\n\n## A. Definitions\n\n1. \"Account\" means your account.\n2. \"Service\" means the software.\n\n" +
		"## B. Beta Previews\n\nBetas are provided as is.\n\n## C. Professional Services\n\nOrders are governed by a statement of work.\n\n" +
		"## D. Payment\n\nYou pay in advance, see [payment terms](#d-payment).\n"
	v2 := "# Terms\n\n## A. Definitions\n\n1. \"Service\" means the software.\n2. \"Account\" means your user account.\n\n" +
		"## B. Expert Services\n\nOrders are governed by a statement of work.\n\n## C. Payment\n\nYou pay in advance, see [payment terms](#c-payment).\n"
	r1, err := Import("v1.md", []byte(v1), Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeStore(t, dir, append(r1.Files(), File{Path: "termsmith.yaml", Data: r1.Config("X")}))
	src, err := loadStoreForTest(dir)
	if err != nil {
		t.Fatal(err)
	}
	ex := &Existing{Doc: "terms"}
	for _, id := range src.Documents["terms"].Clauses {
		ex.Clauses = append(ex.Clauses, src.Clauses[id])
	}
	r2, err := Import("v2.md", []byte(v2), Options{Existing: ex})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range r2.Documents[0].Clauses {
		ids = append(ids, c.ID)
	}
	if got, want := strings.Join(ids, " "), "definitions professional-services payment"; got != want {
		t.Errorf("clause ids %q, want %q", got, want)
	}
	all := ""
	for _, c := range r2.Documents[0].Clauses {
		all += string(c.Markdown)
	}
	for _, w := range []string{"<!-- id: service -->", "<!-- id: account -->", `[payment terms](#payment "keep")`, "title: Expert Services"} {
		if !strings.Contains(all, w) {
			t.Errorf("re-import lacks %q:\n%s", w, all)
		}
	}
	var kinds []string
	for _, m := range r2.Mapping {
		kinds = append(kinds, string(m.Kind)+" "+m.Old)
	}
	for _, w := range []string{"renamed professional-services", "removed beta-previews", "kept payment"} {
		if !strings.Contains(strings.Join(kinds, "\n"), w) {
			t.Errorf("mapping lacks %q:\n%s", w, strings.Join(kinds, "\n"))
		}
	}
}

func TestUnsureAndCount(t *testing.T) {
	ms := []Match{
		{Kind: Kept, Old: "a", New: "a", Confidence: 1},
		{Kind: Renamed, Old: "b", New: "b", Confidence: 0.5},
		{Kind: Moved, Old: "c", New: "c", Confidence: 0.4, Override: true},
		{Kind: Renamed, Old: "d", New: "d", Confidence: Confirm},
		{Kind: Added, New: "e", Confidence: 1},
	}
	if u := Unsure(ms); len(u) != 1 || u[0].Old != "b" {
		t.Errorf("Unsure = %v, want only b", u)
	}
	c := Count(ms)
	if c[Kept] != 1 || c[Renamed] != 2 || c[Moved] != 1 || c[Added] != 1 || c[Removed] != 0 {
		t.Errorf("Count = %v", c)
	}
}
