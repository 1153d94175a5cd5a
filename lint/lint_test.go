package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/internal/golden"
)

// base is a small, clean store; each rule test changes or adds files.
var base = map[string]string{
	"termsmith.yaml": `supplier: {legal_name: Norvato B.V., trade_name: SmartTrackers}
services:
  - {id: software, name: Programmatuur}
  - {id: advies, name: Advies}
variables:
  termijn: {type: duration, default: 2 months}
  dpa.gezondheid: {type: yesno}
lint:
  names: [Burgerlijk Wetboek]
`,
	"templates/agreement.yaml": `title: Algemene voorwaarden
parts:
  - document: terms
  - document: dpa
    when: software in services
`,
	"customers/acme.yaml": `legal_name: Acme B.V.
address: Weg 1, Utrecht
kvk: "1"
contact: {name: A, email: a@acme.nl}
signatory: {name: A, title: Directeur}
services: [software]
dpa: {gezondheid: ja}
`,
	"clauses/terms/document.yaml": "title: Algemene voorwaarden\nclauses: [definities, duur]\n",
	"clauses/terms/definities.md": `---
id: definities
title: DEFINITIES
---

1. In deze voorwaarden wordt verstaan onder:

   1. Klant: degene die de Diensten afneemt.
   2. Diensten: de diensten die SmartTrackers aan Klant levert.
   3. Partij(en): SmartTrackers en Klant, elk als Partij.
`,
	"clauses/terms/duur.md": `---
id: duur
title: DUUR
---

1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}.

2. Na opzegging volgens artikel [2.1](#opzegging) eindigen de Diensten.
`,
	"clauses/dpa/document.yaml": "label: Bijlage 1\ntitle: Verwerkersovereenkomst\nclauses: [dpa-gevoelig]\n",
	"clauses/dpa/dpa-gevoelig.md": `---
id: dpa-gevoelig
title: Gevoelige gegevens
---

| Categorie | Ja |
|---|---|
| gezondheid | {{check dpa.gezondheid}} |
`,
}

// lintFiles lints base with files changed (an empty value deletes a file).
func lintFiles(t *testing.T, files map[string]string) *Report {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range base {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	for name, src := range files {
		if src == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	rep, err := Run(fsys)
	if err != nil {
		t.Fatalf("lint: %v", err)
	}
	for _, f := range rep.Findings {
		if !contains(Rules, f.Rule) || f.Severity != Error && f.Severity != Warning {
			t.Errorf("finding with an undocumented rule or severity: %s", f)
		}
	}
	return rep
}

// TestRulesDocumented checks that docs/lint.md has a section for every
// rule lint reports.
func TestRulesDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "lint.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules {
		if !strings.Contains(string(doc), "\n### "+r+" (") {
			t.Errorf("docs/lint.md has no section for rule %s", r)
		}
	}
}

// TestBaseIsClean checks that the fixture every rule test starts from has
// no findings, so that each finding below comes from the change it makes.
func TestBaseIsClean(t *testing.T) {
	if rep := lintFiles(t, nil); len(rep.Findings) > 0 {
		t.Fatalf("base store has findings:\n%s", format(rep.Findings))
	}
}

func format(fs []Finding) string {
	var sb strings.Builder
	for _, f := range fs {
		sb.WriteString(f.String() + "\n")
	}
	return sb.String()
}

// clause writes a clause file with front matter.
func clause(id, title, body string) string {
	return "---\nid: " + id + "\ntitle: " + title + "\n---\n\n" + body
}

// TestRules checks each rule on a small change to the base store: the
// findings the change must produce, and nothing else.
func TestRules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "duplicate clause id",
			files: map[string]string{
				"clauses/terms/duur-kopie.md": clause("duur", "DUUR", "Tekst.\n"),
			},
			want: []string{
				`clauses/terms/duur.md:2: error: duplicate id "duur" (also in clauses/terms/duur-kopie.md) [duplicate-id]`,
			},
		},
		{
			name: "clause id that is also a document id",
			files: map[string]string{
				"clauses/terms/document.yaml": "title: Algemene voorwaarden\nclauses: [definities, duur, dpa]\n",
				"clauses/terms/dpa.md":        clause("dpa", "DPA", "Tekst.\n"),
			},
			want: []string{
				`clauses/terms/dpa.md:2: error: id "dpa" is also a document (clauses/dpa/document.yaml); a reference to it is ambiguous [duplicate-id]`,
			},
		},
		{
			name: "manifest names a missing clause; clause in no manifest",
			files: map[string]string{
				"clauses/terms/document.yaml": "title: Algemene voorwaarden\nclauses: [definities, duur, boete]\n",
				"clauses/terms/extra.md":      clause("extra", "EXTRA", "Tekst.\n"),
			},
			want: []string{
				`clauses/terms/document.yaml:2: error: clause "boete" has no clause file [manifest]`,
				`clauses/terms/extra.md:2: error: clause "extra" is not listed in clauses/terms/document.yaml [manifest]`,
			},
		},
		{
			name: "reference to an unknown id, to an unnumbered section and to a paragraph",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}; zie [2.1](#opzeging),
   de [inleiding](#intro) en [dit](#alinea).

<!-- id: alinea -->
Een alinea.
`),
				"clauses/terms/intro.md":      "---\nid: intro\nnumbered: false\n---\n\nInleiding.\n",
				"clauses/terms/document.yaml": "title: Algemene voorwaarden\nclauses: [intro, definities, duur]\n",
			},
			want: []string{
				`clauses/terms/duur.md:7: error: reference to unknown id "opzeging" (did you mean "opzegging"?) [dangling-ref]`,
				`clauses/terms/duur.md:8: error: reference to "alinea", a labelled paragraph that prints no number; label the list item or the article instead [dangling-ref]`,
				`clauses/terms/duur.md:8: error: reference to "intro", an unnumbered section that prints no number [dangling-ref]`,
			},
		},
		{
			name: "reference to a part that does not apply to a customer",
			files: map[string]string{
				"customers/acme.yaml": strings.Replace(base["customers/acme.yaml"], "[software]", "[advies]", 1),
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}.

2. Zie ook [Bijlage 1](#dpa).
`),
			},
			want: []string{
				`clauses/terms/duur.md:9: error: reference to "dpa", which does not apply to the customer of customers/acme.yaml, while the text referring to it does [dangling-ref]`,
			},
		},
		{
			name: "stale link text",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}.

2. Na opzegging volgens artikel [2.3](#opzegging) of [de opzegging](#opzegging)
   eindigen de Diensten; zie [Bijlage 1](#dpa).
`),
			},
			want: []string{
				`clauses/terms/duur.md:9: warning: link text "2.3" is not the number the reference prints: "2.1"; update the link text [stale-ref-text]`,
				`clauses/terms/duur.md:9: warning: link text "de opzegging" is replaced by "2.1" when assembled; write other words outside the link [stale-ref-text]`,
			},
		},
		{
			name: "unknown template part, unknown template, document in no template",
			files: map[string]string{
				"templates/agreement.yaml": "title: Algemene voorwaarden\nparts:\n  - document: terms\n  - document: dpa-a\n",
				"customers/acme.yaml":      base["customers/acme.yaml"] + "template: offerte\n",
			},
			want: []string{
				`clauses/dpa/document.yaml:1: warning: document "dpa" is in no template, so it is never part of an agreement [template-part]`,
				`customers/acme.yaml:8: error: the customer's template "offerte" does not exist (no templates/offerte.yaml) [template-part]`,
				`templates/agreement.yaml:4: error: unknown document "dpa-a" (there is no clauses/dpa-a/document.yaml) (did you mean "dpa"?) [template-part]`,
			},
		},
		{
			name: "unknown variable in text, in a template default and in a customer",
			files: map[string]string{
				"clauses/terms/duur.md":    strings.Replace(base["clauses/terms/duur.md"], "{{termijn}}", "{{termjin}}", 1),
				"templates/agreement.yaml": base["templates/agreement.yaml"] + "defaults:\n  boete: \"100\"\n",
				"customers/acme.yaml":      base["customers/acme.yaml"] + "values:\n  termijn: 3 months\n  looptijd: 1 year\n",
			},
			want: []string{
				`clauses/terms/duur.md:7: error: unknown variable {{termjin}}: declare it under variables in termsmith.yaml (did you mean "termijn"?) [unknown-variable]`,
				`customers/acme.yaml:10: warning: value for variable "looptijd", which this version does not declare; assembly leaves it out [unknown-variable]`,
				`templates/agreement.yaml:7: error: template default for undeclared variable "boete": declare it under variables in termsmith.yaml [unknown-variable]`,
				`termsmith.yaml:6: warning: variable "termijn" is declared but no clause, condition or check mark uses it [unused-variable]`,
			},
		},
		{
			name: "variable without a value for a customer it applies to",
			files: map[string]string{
				"customers/acme.yaml": strings.Replace(base["customers/acme.yaml"], "dpa: {gezondheid: ja}\n", "", 1),
				"customers/beta.yaml": strings.Replace(strings.Replace(base["customers/acme.yaml"], "[software]", "[]", 1), "dpa: {gezondheid: ja}\n", "", 1),
			},
			want: []string{
				`customers/acme.yaml:1: error: variable "dpa.gezondheid" has no value for this customer and no default (used at clauses/dpa/dpa-gevoelig.md:6): set dpa.gezondheid [missing-variable]`,
			},
		},
		{
			name: "values that do not parse, and an unused variable",
			files: map[string]string{
				"termsmith.yaml":      strings.Replace(base["termsmith.yaml"], "default: 2 months}", "default: 2 months}\n  boete: {type: money, default: veel}", 1),
				"customers/acme.yaml": strings.Replace(base["customers/acme.yaml"], "gezondheid: ja", "gezondheid: misschien", 1),
			},
			want: []string{
				`customers/acme.yaml:7: error: DPA answer of variable "dpa.gezondheid" (yesno): "misschien" is not yes or no (ja/nee, true/false) [invalid-value]`,
				`termsmith.yaml:7: error: default of variable "boete" (money): "veel" is not a euro amount (write 1250000 or 1250000.50) [invalid-value]`,
				`termsmith.yaml:7: warning: variable "boete" is declared but no clause, condition or check mark uses it [unused-variable]`,
			},
		},
		{
			name: "conditions on unknown fields and services",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}.

2. <!-- when: hosting in services -->
   Hosting eindigt ook.

3. <!-- when: dpa.gezondhied -->
   Gezondheid.

4. <!-- when: termijn -->
   Termijn.
`),
				"customers/acme.yaml": strings.Replace(base["customers/acme.yaml"], "[software]", "[software, hostng]", 1),
			},
			want: []string{
				`clauses/terms/duur.md:9: error: condition "hosting in services": "hosting" is not a service in termsmith.yaml (services: software, advies) [unknown-field]`,
				`clauses/terms/duur.md:12: error: condition "dpa.gezondhied": unknown field "dpa.gezondhied"; fields are services and the variables in termsmith.yaml (did you mean "dpa.gezondheid"?) [unknown-field]`,
				`clauses/terms/duur.md:15: error: condition "termijn": field "termijn" is not a yes/no value; compare it with == or test it with in [unknown-field]`,
				`customers/acme.yaml:6: error: service "hostng" is not a service in termsmith.yaml (services: software, advies) [unknown-field]`,
			},
		},
		{
			name: "a clause condition is located at its when line",
			files: map[string]string{
				"clauses/dpa/dpa-gevoelig.md": strings.Replace(base["clauses/dpa/dpa-gevoelig.md"], "title: Gevoelige gegevens\n", "title: Gevoelige gegevens\nwhen: dpa.ras\n", 1),
			},
			want: []string{
				`clauses/dpa/dpa-gevoelig.md:4: error: condition "dpa.ras": unknown field "dpa.ras"; fields are services and the variables in termsmith.yaml [unknown-field]`,
			},
		},
		{
			name: "pinned number printed twice",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}.

2. De Diensten eindigen.

3. <!-- number: 2.2 -->
   Ook de Klant eindigt.
`),
			},
			want: []string{
				`clauses/terms/duur.md:11: warning: number 2.2 is printed twice in Algemene voorwaarden (also at clauses/terms/duur.md:9) [duplicate-number]`,
				`clauses/terms/duur.md:11: warning: number pinned to "2.2" by hand (termsmith would number it 2.3.); remove the pin once the legacy numbering need not be kept [pinned-number]`,
			},
		},
		{
			name: "numbers typed by hand, but not an enumeration inside a sentence",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}.

2. 11.3. De Diensten eindigen.

3. De vrijwaring vervalt als de inbreuk verband houdt (i) met materialen van Klant,
   dan wel (ii) met wijzigingen door Klant; (iii) Klant het zo wil; of (iv) Klant
   iets anders doet.

4. De Klant betaalt. g. In het geval van incasso betaalt de Klant maandelijks.

5. De Klant erkent:

   a) dat het zo is;

   (iv) dat het anders is.

### A. Gevolgen

6. Verwerker. ● zij heeft voldaan.
`),
			},
			want: []string{
				`clauses/terms/duur.md:9: warning: text starts with the number "11.3." typed by hand; termsmith numbers clauses and list items itself: make it a list item or remove the number [typed-number]`,
				`clauses/terms/duur.md:15: warning: "g." inside the text looks like a list item run into the one before; make it a list item of its own [typed-number]`,
				`clauses/terms/duur.md:19: warning: text starts with the number "a)" typed by hand; termsmith numbers clauses and list items itself: make it a list item or remove the number [typed-number]`,
				`clauses/terms/duur.md:21: warning: text starts with the number "(iv)" typed by hand; termsmith numbers clauses and list items itself: make it a list item or remove the number [typed-number]`,
				`clauses/terms/duur.md:23: warning: heading starts with the number "A." typed by hand; termsmith numbers clauses and list items itself: make it a list item or remove the number [typed-number]`,
				`clauses/terms/duur.md:25: warning: bullet "●" inside the text: a list item run into the text before it; make it a list item (- …) [typed-number]`,
			},
		},
		{
			name: "annex named wrongly, and a title misspelled",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}.

2. De subverwerkers staan in Bijlage B; de Verwerkersovereenkomst is Bijlage 1,
   doorgifte volgt hoofdstuk V van de AVG.
`),
				"clauses/dpa/document.yaml": "label: Bijlage 1\ntitle: Verwerkersovereenkomst\nclauses: [dpa-gevoelig]\n",
				"clauses/sub/document.yaml": "label: Appendix B\ntitle: Subverwerkers\nclauses: [subverwerkers]\n",
				"clauses/sub/sub.md":        clause("subverwerkers", "SUBVERWERKERS", "Zie de website.\n"),
				"templates/agreement.yaml":  base["templates/agreement.yaml"] + "  - document: sub\n",
			},
			want: []string{
				`clauses/terms/duur.md:9: warning: "Bijlage B" names no document of the store; did you mean Appendix B (clauses/sub/document.yaml)? [annex-name]`,
			},
		},
		{
			name: "document title misspelled where the text names it",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}.

2. Overstappen regelt het Addendum Dataverordening.
`),
				"clauses/da/document.yaml": "label: Bijlage 2\ntitle: Addendum Dataverorderdening\nclauses: [da-algemeen]\n",
				"clauses/da/da.md":         clause("da-algemeen", "ALGEMEEN", "Dit Addendum geldt.\n"),
				"templates/agreement.yaml": base["templates/agreement.yaml"] + "  - document: da\n",
			},
			want: []string{
				`clauses/terms/duur.md:9: warning: "Addendum Dataverordening" is not quite the title of Bijlage 2, "Addendum Dataverorderdening" (clauses/da/document.yaml); correct the text or the title [annex-name]`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := format(lintFiles(t, tc.files).Findings)
			want := ""
			for _, w := range tc.want {
				want += w + "\n"
			}
			if got != want {
				t.Errorf("findings differ\ngot:\n%swant:\n%s", got, want)
			}
		})
	}
}

// TestRunExamples lints each built-in example store and compares the
// findings with testdata/<example>.golden. The examples keep the drafting
// defects of their seeds, so the goldens are the findings a careful
// reviewer makes on the seeds: terms used but never defined, an annex
// named wrongly, a duplicated article number, and the like.
func TestRunExamples(t *testing.T) {
	names := examples.Names()
	if len(names) == 0 {
		t.Fatal("no example stores")
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			fsys, err := examples.Store(name)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Run(fsys)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".golden"), []byte(format(rep.Findings)))
			// An example must stay publishable: drafting defects only.
			if n := rep.Errors(); n > 0 {
				t.Errorf("%s has %d error findings; publish would refuse it", name, n)
			}
		})
	}
}
