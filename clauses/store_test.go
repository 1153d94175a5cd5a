package clauses

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// miniStore is a store with one document of two clauses, the second with
// a labelled sub-clause; extra files are added or replace these.
func miniStore(extra map[string]string) fstest.MapFS {
	files := map[string]string{
		"termsmith.yaml":              "supplier: {legal_name: Voorbeeld B.V.}\nlanguage: nl\n",
		"clauses/terms/document.yaml": "title: Algemene voorwaarden\nclauses:\n  - definities\n  - betaling\n",
		"clauses/terms/definities.md": "---\nid: definities\ntitle: Definities\n---\n\nKlant: de wederpartij.\n",
		"clauses/terms/betaling.md":   "---\nid: betaling\ntitle: Betaling\n---\n\n1. <!-- id: termijn -->\n   Binnen dertig dagen.\n",
		"clauses/dpa/document.yaml":   "title: Verwerkersovereenkomst\nlabel: Bijlage 1\nclauses: [verwerking]\n",
		"clauses/dpa/verwerking.md":   "---\nid: verwerking\ntitle: Verwerking\n---\n\nDe verwerker verwerkt.\n",
		"clauses/terms/notes.txt":     "not a clause file",
		"customers/acme.yaml":         "id: acme\n",
	}
	for name, src := range extra {
		if src == "" {
			delete(files, name)
			continue
		}
		files[name] = src
	}
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// TestLoad reads a store: its documents in id order, each clause and
// labelled sub-clause by id, the defaults of the configuration filled in,
// and no problems.
func TestLoad(t *testing.T) {
	s, err := Load(miniStore(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Err(); err != nil {
		t.Fatalf("problems in a sound store: %v", err)
	}
	if got := s.DocumentIDs(); !slices.Equal(got, []string{"dpa", "terms"}) {
		t.Errorf("DocumentIDs() = %q", got)
	}
	if c := s.Clauses["termijn"]; c == nil || c.ID != "betaling" || c.Doc != "terms" {
		t.Errorf(`Clauses["termijn"] = %+v, want the clause betaling of document terms`, c)
	}
	var files []string
	for _, c := range s.SortedClauses() {
		files = append(files, c.File)
	}
	if want := []string{"clauses/dpa/verwerking.md", "clauses/terms/betaling.md", "clauses/terms/definities.md"}; !slices.Equal(files, want) {
		t.Errorf("SortedClauses() files = %q, want %q", files, want)
	}
	if s.Config.NoticePeriodDays != 30 || s.Config.VATPercent != "21" || s.Config.Numbering.Article != "{1}." {
		t.Errorf("configuration defaults not filled in: %+v", s.Config)
	}
	if s.Documents["dpa"].Label != "Bijlage 1" {
		t.Errorf("the annex's label = %q", s.Documents["dpa"].Label)
	}
}

// TestLoadProblems checks what a store can get wrong between its files:
// each is a problem naming the file and line, of the kind lint reports,
// while the store still loads.
func TestLoadProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		extra map[string]string
		kind  string
		want  string
	}{
		{"clause not listed", map[string]string{"clauses/terms/extra.md": "---\nid: extra\ntitle: Extra\n---\n\nTekst.\n"},
			ProblemManifest, `clauses/terms/extra.md:2: clause "extra" is not listed in clauses/terms/document.yaml`},
		{"listed without a file", map[string]string{"clauses/terms/definities.md": ""},
			ProblemManifest, `clauses/terms/document.yaml:3: clause "definities" has no clause file`},
		{"listed twice", map[string]string{"clauses/dpa/document.yaml": "title: Verwerkersovereenkomst\nclauses: [verwerking, betaling]\n"},
			ProblemDuplicateID, `clause "betaling" is listed twice (also in document "dpa")`},
		{"a label listed as a clause", map[string]string{"clauses/terms/document.yaml": "title: Algemene voorwaarden\nclauses:\n  - definities\n  - betaling\n  - termijn\n"},
			ProblemManifest, `clauses/terms/document.yaml:5: "termijn" is a sub-clause label in clauses/terms/betaling.md, not a clause`},
		{"duplicate id", map[string]string{"clauses/dpa/verwerking.md": "---\nid: verwerking\ntitle: Verwerking\n---\n\n1. <!-- id: termijn -->\n   Ook een termijn.\n"},
			ProblemDuplicateID, `clauses/terms/betaling.md:6: duplicate id "termijn" (also in clauses/dpa/verwerking.md)`},
		{"an id that is a document's", map[string]string{"clauses/terms/definities.md": "---\nid: definities\ntitle: Definities\n---\n\n1. <!-- id: dpa -->\n   Zie de bijlage.\n"},
			ProblemDuplicateID, `clauses/terms/definities.md:6: id "dpa" is also a document (clauses/dpa/document.yaml)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(miniStore(tc.extra))
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, p := range s.Problems {
				if strings.Contains(p.Error(), tc.want) {
					found = true
					if !HasKind(s.Err(), tc.kind) || p.Kind != tc.kind {
						t.Errorf("%v: kind %q, want %q", p, p.Kind, tc.kind)
					}
				}
			}
			if !found {
				t.Errorf("no problem %q among %v", tc.want, s.Problems)
			}
		})
	}
}

// TestLoadErrors checks what keeps a store from loading at all: every
// file that cannot be read is reported, with its file and line.
func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		extra map[string]string
		want  []string
	}{
		{"no configuration", map[string]string{"termsmith.yaml": ""}, []string{"not a termsmith store: termsmith.yaml not found"}},
		{"no supplier", map[string]string{"termsmith.yaml": "language: nl\n"}, []string{"termsmith.yaml:1: supplier.legal_name is required"}},
		{"a language it cannot write", map[string]string{"termsmith.yaml": "supplier: {legal_name: X}\nlanguage: de\n"}, []string{`termsmith.yaml:2: language "de": use nl or en`}},
		{"an objection rule it cannot read", map[string]string{"termsmith.yaml": "supplier: {legal_name: X}\nnotices:\n  objection: two weeks\n"},
			[]string{`termsmith.yaml:2: notices.objection "two weeks": use until-effective, none or "N days"`}},
		{"two broken clause files", map[string]string{
			"clauses/terms/definities.md": "no front matter\n",
			"clauses/dpa/verwerking.md":   "---\nid: Verwerking\ntitle: Verwerking\n---\n\nTekst.\n",
		}, []string{"clauses/terms/definities.md:1:", `clauses/dpa/verwerking.md:2: invalid id "Verwerking"`}},
		{"a document without a manifest", map[string]string{"clauses/dpa/document.yaml": ""}, []string{"clauses/dpa: document directory has no document.yaml"}},
		{"a manifest without a title", map[string]string{"clauses/dpa/document.yaml": "clauses: [verwerking]\n"}, []string{"clauses/dpa/document.yaml:1: document has no title"}},
		{"a numbering pattern it cannot count", map[string]string{"clauses/dpa/document.yaml": "title: DPA\nnumbering:\n  article: \"{x}.\"\nclauses: [verwerking]\n"},
			[]string{"clauses/dpa/document.yaml:2: numbering pattern \"{x}.\": unknown counter {x}"}},
		{"a directory name that is no id", map[string]string{"clauses/Bijlage/document.yaml": "title: B\n"}, []string{`clauses/Bijlage: document directory name "Bijlage"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(miniStore(tc.extra))
			if err == nil {
				t.Fatal("the store loaded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestParseObjection reads the objection rules termsmith.yaml may declare,
// and writes them back as they were written.
func TestParseObjection(t *testing.T) {
	for src, want := range map[string]Objection{
		"":                {},
		"until-effective": {Kind: ObjectionUntilEffective},
		" none ":          {Kind: ObjectionNone},
		"30 days":         {Kind: ObjectionDays, Days: 30},
		"1 day":           {Kind: ObjectionDays, Days: 1},
	} {
		got, err := ParseObjection(src)
		if err != nil || got != want {
			t.Errorf("ParseObjection(%q) = %+v, %v; want %+v", src, got, err, want)
		}
	}
	if s := (Objection{Kind: ObjectionDays, Days: 14}).String(); s != "14 days" {
		t.Errorf("String() = %q", s)
	}
	for _, src := range []string{"0 days", "-3 days", "30 weeks", "thirty days", "until effective", "days"} {
		if _, err := ParseObjection(src); err == nil {
			t.Errorf("ParseObjection(%q) accepted", src)
		}
	}
}
