package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/golden"
)

var lineRE = regexp.MustCompile(`\.(txt|md):\d+:`)

// seedDir is where the seed documents live: examples/sources in this
// repository.
var seedDir = filepath.Join("..", "examples", "sources")

// seeds are the two real documents, with the document ids the examples use.
var seeds = []struct {
	file string
	ids  map[string]string
}{
	{"smarttrackers.txt", map[string]string{
		"Algemene Leveringsvoorwaarden": "terms", "Bijlage 1": "dpa",
		"Appendix A": "dpa-appendix-a", "Appendix B": "dpa-appendix-b", "Bijlage 2": "data-act",
	}},
	{"tracksavers.txt", map[string]string{"Voorwaarden Tracksavers": "voorwaarden"}},
}

func readSeed(tb testing.TB, name string) []byte {
	tb.Helper()
	src, err := os.ReadFile(filepath.Join(seedDir, name))
	if err != nil {
		tb.Fatalf("the seeds are read from %s: %v", seedDir, err)
	}
	return src
}

// archive renders a result as a txtar archive: the reports as its comment,
// then every file the import writes, then the config and the template.
func archive(r *Result) []byte {
	var comment strings.Builder
	fmt.Fprintf(&comment, "language: %s\n", r.Language)
	if r.Version != "" {
		fmt.Fprintf(&comment, "version: %s\n", r.Version)
	}
	comment.WriteString("\nreports:\n")
	for _, rep := range r.Reports {
		comment.WriteString(rep.String() + "\n")
	}
	a := &txtar.Archive{Comment: []byte(comment.String())}
	for _, f := range r.Files() {
		a.Files = append(a.Files, txtar.File{Name: f.Path, Data: f.Data})
	}
	a.Files = append(a.Files,
		txtar.File{Name: clauses.ConfigFile, Data: r.Config("Example B.V.")},
		txtar.File{Name: "templates/agreement.yaml", Data: r.Template()})
	return txtar.Format(a)
}

// TestGoldenSeeds imports both seeds and compares everything the import
// produces — clause files, manifests, config, template and the report of
// undecided lines — with testdata/<seed>.txtar.
func TestGoldenSeeds(t *testing.T) {
	for _, s := range seeds {
		t.Run(s.file, func(t *testing.T) {
			r, err := Import(s.file, readSeed(t, s.file), Options{DocIDs: s.ids})
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", strings.TrimSuffix(s.file, ".txt")+".txtar"), archive(r))
		})
	}
}

// TestSeedsLoad checks that what the import writes is a store termsmith
// reads without problems: every file parses, every manifest names its
// clauses, every reference resolves when everything applies.
func TestSeedsLoad(t *testing.T) {
	for _, s := range seeds {
		t.Run(s.file, func(t *testing.T) {
			r, err := Import(s.file, readSeed(t, s.file), Options{DocIDs: s.ids})
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			write := func(p string, data []byte) {
				full := filepath.Join(dir, filepath.FromSlash(p))
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range r.Files() {
				write(f.Path, f.Data)
			}
			write(clauses.ConfigFile, r.Config("Example B.V."))
			st, err := clauses.Load(os.DirFS(dir))
			if err != nil {
				t.Fatal(err)
			}
			if err := st.Err(); err != nil {
				t.Errorf("the imported store has problems:\n%v", err)
			}
			if len(st.Documents) != len(r.Documents) {
				t.Errorf("%d documents loaded, %d imported", len(st.Documents), len(r.Documents))
			}
		})
	}
}

// TestSeedStructure checks the structure the import finds in the
// SmartTrackers seed against what the document says: article and
// sub-clause counts, the pinned duplicate 11.6, the labels.
func TestSeedStructure(t *testing.T) {
	s := seeds[0]
	r, err := Import(s.file, readSeed(t, s.file), Options{DocIDs: s.ids})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, d := range r.Documents {
		counts[d.ID] = len(d.Clauses)
	}
	want := map[string]int{"terms": 16, "dpa": 12, "dpa-appendix-a": 6, "dpa-appendix-b": 1, "data-act": 6}
	for id, n := range want {
		if counts[id] != n {
			t.Errorf("document %s: %d clauses, want %d", id, counts[id], n)
		}
	}
	clause := func(doc, id string) string {
		for _, d := range r.Documents {
			for _, c := range d.Clauses {
				if d.ID == doc && c.ID == id {
					return string(c.Markdown)
				}
			}
		}
		t.Fatalf("no clause %s/%s", doc, id)
		return ""
	}
	for _, c := range []struct{ doc, id, want string }{
		{"terms", "aansprakelijkheid", "<!-- id: aansprakelijkheid-uitsluitingen-beperkingen-aansprakelijkheid; number: 11.6. -->"},
		{"terms", "duur-en-beeindiging", "Artikel [14.2](#duur-en-beeindiging-tenzij-uitdrukkelijk-anders)"},
		{"terms", "duur-en-beeindiging", "Artikel 7:408 BW"},
		{"terms", "duur-en-beeindiging", `<!-- numbering: "{a}." -->`},
		{"terms", "totstandkoming-en-uitvoering-overeenkomst", "artikel 227b lid 1"},
		{"terms", "nadere-bepalingen-programmatuur", "### Toegang tot de Programmatuur"},
		{"terms", "nadere-bepalingen-programmatuur", "[15.11](#nadere-bepalingen-programmatuur-klant-kan-overeenkomst)"},
		{"terms", "privacy", "als [Bijlage 1](#dpa)."},
		{"dpa", "rechten-en-plichten-van-de-verwerker", "de AVG artikel 32 t/m 36"},
		{"dpa", "inschakelen-derden-voor-verwerker-en-data-overdracht", "opgenomen in Bijlage B."},
		{"dpa", "inschakelen-derden-voor-verwerker-en-data-overdracht", "(artikel 45 AVG)"},
		{"dpa-appendix-a", "categorieen-van-persoonsgegevens", "bij\n[A.2](#categorieen-van-persoonsgegevens)"},
		{"data-act", "overstappen-naar-een-andere-dienst-of-een-on-premises", "[2.1 (i)](#recht-van-klant-om-over-te-stappen-en-overstap-initieren-naar)"},
	} {
		if got := clause(c.doc, c.id); !strings.Contains(got, c.want) {
			t.Errorf("%s/%s does not contain %q:\n%s", c.doc, c.id, c.want, got)
		}
	}
}

// TestText runs small inputs through the import and checks one clause file
// or the reports.
func TestText(t *testing.T) {
	cases := []struct {
		name    string
		in      string
		clause  string // document/clause whose file must contain want
		want    []string
		reports []string // substrings, each of some report
		absent  []string // must not appear in the clause
	}{
		{
			name: "hard-wrapped lines join, footers and the version line go",
			in: "Voorwaarden\n\nVersie 3 maart 2025\n\n1. BETALING\n\n1.1. Klant betaalt binnen dertig dagen na de\n\n" +
				"factuurdatum, tenzij anders overeengekomen met de leverancier van\n" +
				"Voorwaarden Voorbeeld 3 maart 2025   4\n\n" +
				"de diensten.\n\n1.2. Bezwaar schort de betaling niet op.\n\nVoorwaarden Voorbeeld 3 maart 2025   5\n",
			clause:  "terms/betaling",
			want:    []string{"Klant betaalt binnen dertig dagen na de factuurdatum, tenzij anders\n   overeengekomen met de leverancier van de diensten.", "<!-- id: betaling-bezwaar-schort-betaling -->"},
			reports: []string{`version line "Versie 3 maart 2025"`, "repeated page footer"},
			absent:  []string{"Voorbeeld"},
		},
		{
			name:    "a duplicated sub-clause number is pinned and reported",
			in:      "T\n\n1. RECHT\n\n1.1. Een.\n\n1.2. Twee.\n\n1.2. Drie.\n",
			clause:  "terms/recht",
			want:    []string{"<!-- id: recht-drie; number: 1.2. -->\n   Drie."},
			reports: []string{"typed as 1.2 where 1.3 comes"},
		},
		{
			name:   "lettered and roman lists nest; a list that differs from the default gets a directive",
			in:     "T\n\n1. DUUR\n\n1.1. Ontbinding is mogelijk indien:\n\na. faillissement;\n\nb. surseance:\n\n(i) voorlopig;\n\n(ii) definitief.\n\n1.2. Einde.\n",
			clause: "terms/duur",
			want: []string{"   1. faillissement;\n\n   2. surseance:\n\n      1. voorlopig;\n\n      2. definitief.",
				"2. <!-- id: duur-einde -->"},
		},
		{
			name:    "a marker in the middle of a line splits the item",
			in:      "T\n\n1. BETALING\n\na. Per maand. b. Per jaar.\n\nc. Nooit.\n",
			clause:  "terms/betaling",
			want:    []string{"1. <!-- id: betaling-per-maand -->\n   Per maand.\n\n2. <!-- id: betaling-per-jaar -->\n   Per jaar.\n\n3. <!-- id: betaling-nooit -->\n   Nooit."},
			reports: []string{`"b." inside the text of an item: split`},
		},
		{
			name:    "an enumeration inside a sentence stays prose",
			in:      "T\n\n1. VRIJWARING\n\n1.1. De vrijwaring vervalt indien de inbreuk verband houdt\n\n(i) met materialen van Klant, dan wel (ii) met wijzigingen.\n",
			clause:  "terms/vrijwaring",
			want:    []string{"houdt (i) met materialen van Klant, dan wel (ii) met wijzigingen."},
			reports: []string{`"(i)" continues the sentence`, `enumeration "(i)" … "(ii)"`},
		},
		{
			name:    "references to the document become links, references to laws stay text",
			in:      "T\n\n1. DUUR\n\n1.1. Opzegging kan altijd.\n\n1.2. Naast artikel 1.1 geldt art. 7:404 BW, artikel 6:96 lid 5 BW, artikel 45 AVG en artikel 9.9.\n",
			clause:  "terms/duur",
			want:    []string{"artikel [1.1](#duur-opzegging-kan-altijd)", "art. 7:404 BW", "artikel 6:96 lid 5 BW", "artikel 45 AVG", "artikel 9.9."},
			reports: []string{`"artikel 9.9": no article or sub-clause 9.9`},
		},
		{
			name:    "an annex gets its own document, and a reference to it a link",
			in:      "T\n\n1. PRIVACY\n\n1.1. Zie Bijlage 1 en Bijlage 3.\n\nBIJLAGE 1: Verwerkersovereenkomst\n\n1. Inleiding\n\n1.1 Deze Bijlage 1 geldt.\n",
			clause:  "terms/privacy",
			want:    []string{"Zie [Bijlage 1](#bijlage-1) en Bijlage 3."},
			reports: []string{`"Bijlage 3" names no document`},
		},
		{
			name:    "a repeated chapter heading is a table of contents",
			in:      "T\n\nHoofdstuk A. Algemeen\n\nHoofdstuk B. Hosting\n\nHoofdstuk A. Algemeen\n\n1. Definities\n\na. Klant: wie koopt.\n\nHoofdstuk B. Hosting\n\n1. Uitvoering\n\na. Wij hosten.\n",
			clause:  "terms/inleiding",
			want:    []string{"Hoofdstuk A. Algemeen\\\nHoofdstuk B. Hosting"},
			reports: []string{`"Hoofdstuk A. Algemeen" is repeated further on`},
		},
		{
			name:   "lines of a web page without blank lines are hard breaks",
			in:     "Voorwaarden van een bedrijf met een heel lange naam die niet op een regel van honderdveertig tekens past maar veel langer is dan dat, echt waar\n\n1. Identiteit\n\nVoorbeeld BV\nDorpsstraat 1\n1234 AB Plaats\n",
			clause: "terms/identiteit",
			want:   []string{"Voorbeeld BV\\\nDorpsstraat 1\\\n1234 AB Plaats"},
		},
		{
			name:   "sub-headings inside an article; numbering runs on",
			in:     "T\n\n1. PROGRAMMATUUR\n\n1.1. Dit geldt.\n\nToegang tot de Programmatuur\n\n1.2. Wachtwoorden zijn persoonlijk.\n",
			clause: "terms/programmatuur",
			want:   []string{"1. <!-- id: programmatuur-dit-geldt -->\n   Dit geldt.\n\n### Toegang tot de Programmatuur\n\n2. <!-- id: programmatuur-wachtwoorden-persoonlijk -->"},
		},
		{
			name:    "Markdown-looking text is escaped; a bracketed fill-in is reported",
			in:      "T\n\n1. PRIJS\n\n1.1. De prijs is [bedrag] *excl.* btw <zie offerte>.\n",
			clause:  "terms/prijs",
			want:    []string{`\[bedrag\] \*excl.\* btw \<zie offerte\>.`},
			reports: []string{`bracketed fill-in "[bedrag]"`},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Import("in.txt", []byte(c.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := findClause(t, r, c.clause)
			for _, w := range c.want {
				if !contains(got, w) {
					t.Errorf("%s lacks %q:\n%s", c.clause, w, got)
				}
			}
			for _, a := range c.absent {
				if strings.Contains(got, a) {
					t.Errorf("%s holds %q:\n%s", c.clause, a, got)
				}
			}
			checkReports(t, r, c.reports)
		})
	}
}

// contains reports whether got holds want; a want without a line break
// may be wrapped in got.
func contains(got, want string) bool {
	if strings.Contains(want, "\n") {
		return strings.Contains(got, want)
	}
	return strings.Contains(strings.Join(strings.Fields(got), " "), want)
}

func findClause(t *testing.T, r *Result, path string) string {
	t.Helper()
	doc, id, _ := strings.Cut(path, "/")
	var have []string
	for _, d := range r.Documents {
		for _, c := range d.Clauses {
			if d.ID == doc && c.ID == id {
				return string(c.Markdown)
			}
			have = append(have, d.ID+"/"+c.ID)
		}
	}
	t.Fatalf("no clause %s; the import made %v", path, have)
	return ""
}

func checkReports(t *testing.T, r *Result, want []string) {
	t.Helper()
	for _, w := range want {
		found := false
		for _, rep := range r.Reports {
			found = found || strings.Contains(rep.String(), w)
		}
		if !found {
			t.Errorf("no report says %q; reports: %v", w, r.Reports)
		}
	}
}

// TestMarkdown imports Markdown: headings make documents and articles,
// lists keep their nesting, inline Markdown stays as written.
func TestMarkdown(t *testing.T) {
	in := `---
title: Voorwaarden Voorbeeld
id: voorwaarden
---

# Voorwaarden Voorbeeld

## 1. Betaling

1. Klant betaalt **binnen** dertig dagen,
   zie artikel 1.2.
2. Bij te late betaling:
   - rente;
   - kosten.

## 2. Duur

Deze overeenkomst duurt een jaar.\
Daarna stilzwijgend.

### Opzegging

1. Opzeggen kan per [e-mail](https://example.com).

# Bijlage 1: Verwerkersovereenkomst

## Inleiding

Deze bijlage geldt.
`
	r, err := Import("voorwaarden.md", []byte(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(r.Documents); got != 2 {
		t.Fatalf("%d documents, want 2", got)
	}
	if d := r.Documents[0]; d.ID != "voorwaarden" || d.Title != "Voorwaarden Voorbeeld" {
		t.Errorf("first document %s %q; want voorwaarden from the front matter", d.ID, d.Title)
	}
	if d := r.Documents[1]; d.ID != "bijlage-1" || d.Label != "Bijlage 1" || d.Title != "Verwerkersovereenkomst" {
		t.Errorf("second document %s %q %q", d.ID, d.Label, d.Title)
	}
	betaling := findClause(t, r, "voorwaarden/betaling")
	for _, w := range []string{
		"1. <!-- id: betaling-klant-betaalt-binnen -->\n   Klant betaalt **binnen** dertig dagen, zie artikel\n   [1.2](#betaling-bij-late-betaling).\n",
		"   - rente;\n\n   - kosten.",
	} {
		if !strings.Contains(betaling, w) {
			t.Errorf("betaling lacks %q:\n%s", w, betaling)
		}
	}
	duur := findClause(t, r, "voorwaarden/duur")
	for _, w := range []string{"Deze overeenkomst duurt een jaar.\\\nDaarna stilzwijgend.", "### Opzegging", "[e-mail](https://example.com)"} {
		if !strings.Contains(duur, w) {
			t.Errorf("duur lacks %q:\n%s", w, duur)
		}
	}
	if got := findClause(t, r, "bijlage-1/inleiding"); !strings.Contains(got, "Deze bijlage geldt.") {
		t.Errorf("inleiding:\n%s", got)
	}
}

// TestBadInput checks that input the import cannot use is an error that
// names the file and line, and that nothing is returned.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name string
		file string
		in   string
		opts Options
		want string
	}{
		{"invalid UTF-8", "in.txt", "T\n\n1. A\n\n1.1. B \xff\n", Options{}, "in.txt:5: invalid UTF-8"},
		{"empty input", "in.txt", " \n\n", Options{}, "in.txt: the input is empty"},
		{"malformed front matter", "in.md", "---\ntitle: [unclosed\n---\n\n# T\n", Options{}, "in.md:2: invalid YAML"},
		{"unclosed front matter", "in.md", "---\ntitle: x\n\n# T\n", Options{}, "in.md:1: front matter is not closed"},
		{"front matter that is no mapping", "in.md", "---\n- x\n---\n\n# T\n", Options{}, "in.md:2: front matter is not a mapping"},
		{"an id that is a path", "in.md", "---\ntitle: T\nid: ../x\n---\n\n# T\n", Options{}, `in.md:3: invalid id "../x"`},
		{"an absolute path as id", "in.txt", "T\n\n1. A\n", Options{DocIDs: map[string]string{"T": "/etc/passwd"}}, `document id "/etc/passwd"`},
		{"a duplicate document id", "in.txt", "T\n\n1. A\n\nBijlage 1: B\n\n1. C\n", Options{DocIDs: map[string]string{"T": "x", "Bijlage 1": "x"}}, `document id "x" is given to both`},
		{"a document id the store uses", "in.txt", "T\n\n1. A\n", Options{DocIDs: map[string]string{"T": "terms"}, Taken: map[string]bool{"terms": true}}, `document id "terms" for "T" is already used`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Import(c.file, []byte(c.in), c.opts)
			if err == nil {
				t.Fatalf("no error; the import made %d documents", len(r.Documents))
			}
			if r != nil {
				t.Errorf("a result came with the error")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not say %q", err, c.want)
			}
			var ce *clauses.Error
			if lineRE.MatchString(c.want) {
				if !errors.As(err, &ce) || ce.Line == 0 {
					t.Errorf("error %q does not carry a line", err)
				}
			}
		})
	}
}

// TestTakenIDs checks that ids the target store uses are avoided: a clause
// whose title slug is taken gets its document's id as prefix.
func TestTakenIDs(t *testing.T) {
	r, err := Import("in.txt", []byte("T\n\n1. BETALING\n\n1.1. Nu.\n"), Options{
		DocIDs: map[string]string{"T": "extra"},
		Taken:  map[string]bool{"betaling": true},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := findClause(t, r, "extra/extra-betaling")
	if !strings.Contains(got, "<!-- id: extra-betaling-nu -->") {
		t.Errorf("labels follow the clause id:\n%s", got)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"AANSPRAKELIJKHEID":                          "aansprakelijkheid",
		"DUUR EN BEËINDIGING":                        "duur-en-beeindiging",
		"Duur van de Verwerking:":                    "duur-van-de-verwerking",
		"Overzicht huidige derden (‘subverwerkers’)": "overzicht-huidige-derden-subverwerkers",
		"Tracksavers’s personeel":                    "tracksaverss-personeel",
		"— ":                                         "",
		strings.Repeat("woord ", 20):                 "woord-woord-woord-woord-woord-woord-woord-woord-woord",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
		if got := Slug(in); got != "" && !clauses.ValidID(got) {
			t.Errorf("Slug(%q) = %q is not a valid id", in, got)
		}
	}
}

// BenchmarkImport measures importing each seed.
func BenchmarkImport(b *testing.B) {
	for _, s := range seeds {
		src := readSeed(b, s.file)
		b.Run(s.file, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Import(s.file, src, Options{DocIDs: s.ids}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
