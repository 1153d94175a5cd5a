package diff_test

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/diff/internal/examplepairs"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/internal/golden"
	"github.com/termsmith/termsmith/store/terms"
)

// TestExamples compares each pair of consecutive published versions of
// every example store, for each of its customers and for the reference
// customer: the text redlines must match
// testdata/examples/<example>-<from>-<to>.golden, and every change's
// segments must spell its new text.
func TestExamples(t *testing.T) {
	for _, name := range examples.Names() {
		t.Run(name, func(t *testing.T) {
			srcs, custs, err := examplepairs.Versions(name)
			if err != nil {
				t.Fatal(err)
			}
			if len(srcs) < 2 {
				t.Skipf("example %s has one published version; nothing to compare", name)
			}
			ids := make([]string, 0, len(custs))
			for id := range custs {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			for i := 1; i < len(srcs); i++ {
				old, new := srcs[i-1], srcs[i]
				var sb strings.Builder
				for _, id := range append([]string{""}, ids...) {
					var c *agreement.Customer
					if id != "" {
						c = custs[id]
					}
					r, err := diff.ReportFor(old, new, c)
					if err != nil {
						t.Fatal(err)
					}
					for _, ch := range r.Changes {
						var n strings.Builder
						for _, s := range ch.Segments {
							if s.Op != diff.Delete {
								n.WriteString(s.Text)
							}
						}
						if n.String() != ch.NewText {
							t.Errorf("%s %s: segments spell %q, new text is %q", ch.Kind, ch.ID, n.String(), ch.NewText)
						}
					}
					fmt.Fprintf(&sb, "== %s\n%s\n", cmp(id, "reference"), r.Text())
				}
				file := filepath.Join("testdata", "examples", name+"-"+old.Version+"-"+new.Version+".golden")
				golden.Check(t, file, []byte(sb.String()))
			}
		})
	}
}

func cmp(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// examplePair returns the first and last published versions of example
// name, and the customer with the most documents.
func examplePair(b *testing.B, name string) (old, new *terms.Content, c *agreement.Customer) {
	b.Helper()
	srcs, custs, err := examplepairs.Versions(name)
	if err != nil {
		b.Fatal(err)
	}
	if len(srcs) < 2 {
		b.Skipf("example %s has one published version; nothing to compare", name)
	}
	ids := make([]string, 0, len(custs))
	for id := range custs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	most := -1
	for _, id := range ids {
		doc, err := srcs[len(srcs)-1].Assemble(custs[id])
		if err != nil {
			b.Fatal(err)
		}
		if len(doc.Parts) > most {
			most, c = len(doc.Parts), custs[id]
		}
	}
	return srcs[0], srcs[len(srcs)-1], c
}

// BenchmarkCompare compares the full SmartTrackers terms (every document
// the customer with the most documents gets) between the example's two
// versions; the documents are assembled beforehand. Target: ≤ 5 ms.
func BenchmarkCompare(b *testing.B) {
	old, new, c := examplePair(b, "smarttrackers")
	od, err := old.Assemble(c)
	if err != nil {
		b.Fatal(err)
	}
	nd, err := new.Assemble(c)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		diff.Compare(od, nd)
	}
}

// BenchmarkNewReport is BenchmarkCompare with the assembly of both
// documents for the customer: what a notice costs before its PDF.
func BenchmarkNewReport(b *testing.B) {
	old, new, c := examplePair(b, "smarttrackers")
	for b.Loop() {
		if _, err := diff.ReportFor(old, new, c); err != nil {
			b.Fatal(err)
		}
	}
}

// TestExampleChanges checks the changes docs/examples.md lists for the
// examples' 2026-07-01 versions, per customer: the new article and the
// renumbering after it, the liability cap and payment term with their
// amounts as whole words, the moved sub-clause, the changed definition, the
// sub-processor table; and that a clause whose only difference is a
// reference to a renumbered article is not reported.
func TestExampleChanges(t *testing.T) {
	type want struct {
		kind     diff.Kind
		id       string
		redline  string // a piece of the redline, [-…-]{+…+}; "" for none
		old, new string // numbers, when checked
	}
	tests := []struct {
		example, customer string
		wants             []want
		unchanged         []string // ids in the new version that must not be reported
		notApplicable     []string // ids this customer does not get, in neither version
	}{
		{"smarttrackers", "van-dijk-installatietechniek", []want{
			{diff.Added, "beschikbaarheid-en-ondersteuning", "", "", "4"},
			{diff.Renumbered, "gebruik-van-data", "", "4", "5"},
			{diff.Renumbered, "toepasselijk-recht-en-geschillen", "", "16", "17"},
			{diff.Modified, "aansprakelijkheid-1", "[-€ 100,000 (honderdduizend euro)-]{+€ 150.000+}", "11.1", "12.1"},
			{diff.Modified, "tarieven-en-betaling-5", "termijn van [-30-]{+veertien (14)+} dagen", "6.5", "7.5"},
			{diff.Moved, "gebruik-van-data-9", "", "4.9", "6.3"},
			{diff.Modified, "definities-1/8", "{+, met inbegrip van nieuwe versies daarvan+}", "1.1 H", "1.1 H"},
			{diff.Added, "subverwerkers/t1", "Lexa Language Services Inc.", "", ""},
			{diff.Modified, "beeindiging-1/2", "artikel [-5.1-]{+2.1+}", "", ""},
		}, []string{"duur-en-beeindiging-4", "nadere-bepalingen-programmatuur-1", "nadere-bepalingen-programmatuur-12", "aansprakelijkheid-2"}, nil},
		{"smarttrackers", "zorggroep-de-linde", []want{
			{diff.Modified, "aansprakelijkheid-1", "[-€ 100,000 (honderdduizend euro)-]{+€ 250.000+}", "11.1", "12.1"},
		}, nil, nil},
		{"smarttrackers", "kompas-hr-advies", []want{
			// One number per article per version: 16 → 17 as for every
			// customer, although article 15 (software) is a gap here.
			{diff.Renumbered, "toepasselijk-recht-en-geschillen", "", "16", "17"},
		}, nil, []string{"nadere-bepalingen-programmatuur", "nadere-bepalingen-programmatuur-8", "data-act", "beeindiging-1/2"}},
		{"tracksavers", "bloemenhuis-de-linde", []want{
			{diff.Added, "digitale-toegankelijkheid", "", "", "7"},
			{diff.Modified, "aansprakelijkheid-4", "[-€ 750-]{+€ 2.500+}", "14 d", "15 d"},
			{diff.Modified, "betaling-3", "[-veertien-]{+dertig+} ([-14-]{+30+})", "11 c", "12 c"},
			{diff.Moved, "overige-bepalingen-1", "[-de-]{+te+} wijzigen", "21 a", "11 d"},
			{diff.Renumbered, "overige-bepalingen-2", "", "21 b", "22 a"},
		}, nil, nil},
	}
	pairs := map[string][]*terms.Content{}
	customers := map[string]map[string]*agreement.Customer{}
	for _, tt := range tests {
		t.Run(tt.example+"/"+tt.customer, func(t *testing.T) {
			if pairs[tt.example] == nil {
				srcs, custs, err := examplepairs.Versions(tt.example)
				if err != nil {
					t.Fatal(err)
				}
				pairs[tt.example], customers[tt.example] = srcs, custs
			}
			srcs := pairs[tt.example]
			if len(srcs) < 2 {
				t.Fatalf("example %s has %d version(s), want 2", tt.example, len(srcs))
			}
			c := customers[tt.example][tt.customer]
			if c == nil {
				t.Fatalf("no customer %s", tt.customer)
			}
			r, err := diff.ReportFor(srcs[0], srcs[1], c)
			if err != nil {
				t.Fatal(err)
			}
			byID := map[string]diff.Change{}
			for _, ch := range r.Changes {
				byID[ch.ID] = ch
			}
			for _, w := range tt.wants {
				ch, ok := byID[w.id]
				if !ok {
					t.Errorf("%s %s: not reported", w.kind, w.id)
					continue
				}
				if ch.Kind != w.kind {
					t.Errorf("%s: kind %s, want %s", w.id, ch.Kind, w.kind)
				}
				if w.redline != "" && !strings.Contains(redlineText(ch.Segments), w.redline) {
					t.Errorf("%s: redline lacks %q:\n%s", w.id, w.redline, redlineText(ch.Segments))
				}
				if (w.old != "" || w.new != "") && (ch.OldNumber != w.old || ch.NewNumber != w.new) {
					t.Errorf("%s: numbers %q → %q, want %q → %q", w.id, ch.OldNumber, ch.NewNumber, w.old, w.new)
				}
			}
			nd, err := srcs[1].Assemble(c)
			if err != nil {
				t.Fatal(err)
			}
			present, gap := map[string]bool{}, map[string]bool{}
			for _, p := range nd.Parts {
				present[p.ID] = true
				agreement.Walk(p.Blocks, func(b *agreement.Block) { present[b.ID], gap[b.ID] = true, b.NotApplicable })
			}
			for _, id := range tt.unchanged {
				if !present[id] {
					t.Errorf("%s is not in the new version: the check cannot fail", id)
				}
				if ch, ok := byID[id]; ok {
					t.Errorf("%s reported as %s:\n%s", id, ch.Kind, redlineText(ch.Segments))
				}
			}
			for _, id := range tt.notApplicable {
				if present[id] && !gap[id] {
					t.Errorf("%s applies to %s", id, tt.customer)
				}
				if ch, ok := byID[id]; ok {
					t.Errorf("%s reported as %s for a customer it does not apply to", id, ch.Kind)
				}
			}
		})
	}
}

func redlineText(segs []diff.Segment) string {
	var sb strings.Builder
	for _, s := range segs {
		switch s.Op {
		case diff.Delete:
			sb.WriteString("[-" + s.Text + "-]")
		case diff.Insert:
			sb.WriteString("{+" + s.Text + "+}")
		default:
			sb.WriteString(s.Text)
		}
	}
	return sb.String()
}
