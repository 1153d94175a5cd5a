package lint

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/importer"
)

// TestTerms checks the defined-term rules on text modelled on the seeds:
// what counts as a definition and as a use, and what is reported as an
// undefined term, an unused term or a term defined twice.
func TestTerms(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "definitions list: nested, multi-word, variants, plurals and case after the first letter",
			files: map[string]string{
				"clauses/terms/definities.md": clause("definities", "DEFINITIES", `1. In deze voorwaarden gehanteerde definities hebben de volgende betekenis:

   1. Algemene voorwaarden: deze voorwaarden.
   2. Dienst: een dienst die SmartTrackers levert.
   3. Eindgebruiker: een persoon die de Programmatuur gebruikt.
   4. Klant: degene die Diensten afneemt.
   5. Partij(en): SmartTrackers en Klant, elk als Partij.
   6. Programmatuur: de Dienst bestaande uit software.
`),
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}, zoals de
   Algemene Voorwaarden zeggen; Klanten en Eindgebruikers worden tijdig
   geïnformeerd.
`),
			},
		},
		{
			name: "a finding's line is where the word stands, not where a longer word starts with it",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}; de Opzegverklaringen
   gaan naar de andere Partij, en een Opzeg geldt direct.
`),
			},
			want: []string{
				`clauses/terms/duur.md:7: warning: "Opzegverklaringen" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:8: warning: "Opzeg" is capitalised like a defined term but is not defined [undefined-term]`,
			},
		},
		{
			name: "a quotation's capitalised words are its author's: not reported, while the same word outside it is",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: wet -->
   Artikel 6:74 lid 1 van het Burgerlijk Wetboek luidt:

   > Iedere Tekortkoming in de nakoming van een verbintenis verplicht de
   > Schuldenaar de schade die de Schuldeiser daardoor lijdt te vergoeden.

2. De Schuldenaar betaalt binnen {{termijn}} aan de andere Partij.
`),
			},
			want: []string{`clauses/terms/duur.md:12: warning: "Schuldenaar" is capitalised like a defined term but is not defined [undefined-term]`},
		},
		{
			name: "inline definitions and phrases count, and their own words are no use",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}} (de "Opzegtermijn").
   Klant wijst accounts toe aan hulppersonen (“Gebruikers”) met codes
   (“Log-in-gegevens”). Gegevens die Klant toevoegt (Klantgegevens) en
   gebruiksgegevens (hierna "Gebruiksgegevens") heten gezamenlijk aangeduid als
   Gegevens. Elke Partij houdt informatie geheim (Vertrouwelijke Informatie).
   De Algemene Verordening Gegevensbescherming (de ‘AVG’) is van toepassing.
   Opzeggen gaat per brief ("Opzegbrief").

2. Gebruikers houden de Log-in-gegevens geheim. Klantgegevens en
   Gebruiksgegevens zijn Gegevens. Na de Opzegtermijn eindigen de Diensten
   volgens de AVG.
`),
			},
			// An unused term in bare parentheses may be a gloss: only the
			// quoted one is reported.
			want: []string{
				`clauses/terms/duur.md:13: warning: defined term "Opzegbrief" is never used outside its definition [unused-term]`,
			},
		},
		{
			name: "undefined terms: once per file with a count and a hint; names, abbreviations and sentence starts are not",
			files: map[string]string{
				"clauses/terms/definities.md": clause("definities", "DEFINITIES", `1. In deze voorwaarden wordt verstaan onder:

   1. Klant: degene die de Diensten afneemt.
   2. Diensten: de diensten die SmartTrackers aan Klant levert.
   3. Partij(en): SmartTrackers en Klant, elk als Partij.
   4. Eindgebruiker: een persoon die de Diensten gebruikt.
   5. Overeenkomst: de overeenkomst tussen Partijen.
   6. Verwerkingsverantwoordelijke: Klant.
   7. Dataverordening: Verordening (EU) 2023/2854 van het Europees Parlement.
`),
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}. Een Overeenkomst
   tussen Leverancier en Klant betreft de Software; de Software is van de
   Norvato-groep. Klant en Iedere Eindgebruiker gebruiken de Software volgens
   de Dataverordening en de Verwerkingsverantwoordelijke.

2. De Dienstenovereenkomst eindigt; kosten komen voor de
   Verwerkersverantwoordelijke. Artikel 7:408 BW en het Burgerlijk Wetboek
   gelden niet, Nederlands recht wel; de KvK in ’s-Gravenhage en de API
   ook. Zie artikel [2.1](#opzegging). Levering op basis van Software as a
   Service.

### Toegang tot de Webapplicatie
`),
			},
			want: []string{
				`clauses/terms/duur.md:8: warning: "Leverancier" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:8: warning: "Software" is capitalised like a defined term but is not defined (2 more uses in this file) [undefined-term]`,
				`clauses/terms/duur.md:9: warning: "Iedere" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:12: warning: "Dienstenovereenkomst" is capitalised like a defined term but is not defined; it is a compound of the defined terms "Diensten" and "Overeenkomst", which does not define it [undefined-term]`,
				`clauses/terms/duur.md:13: warning: "Verwerkersverantwoordelijke" is capitalised like a defined term but is not defined; did you mean "Verwerkingsverantwoordelijke"? [undefined-term]`,
			},
		},
		{
			name: "terms defined twice or under two names; defines lists count store-wide",
			files: map[string]string{
				"clauses/dpa/dpa-gevoelig.md": `---
id: dpa-gevoelig
title: Bijzondere categorieën (Gevoelige Persoonsgegevens)
defines: [Verwerkingsverantwoordelijke, Gevoelige Gegevens]
---

De Verwerkingsverantwoordelijke voegt gegevens toe aan de Diensten ("Klantgegevens").
Geen Gevoelige Persoonsgegevens, tenzij:

| Categorie | Ja |
|---|---|
| gezondheid | {{check dpa.gezondheid}} |
`,
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   Partijen kunnen opzeggen met een termijn van {{termijn}}.

2. Klant voegt gegevens toe (Klantgegevens); de Klantgegevens blijven van de
   Verwerkingsverantwoordelijke, en geen Gevoelige Gegevens.
`),
			},
			want: []string{
				`clauses/dpa/dpa-gevoelig.md:4: warning: "Gevoelige Gegevens" and "Gevoelige Persoonsgegevens" (clauses/dpa/dpa-gevoelig.md:3) look like two names for one term; define one and use it throughout [duplicate-term]`,
				`clauses/dpa/dpa-gevoelig.md:7: warning: "Klantgegevens" is defined again; it is already defined at clauses/terms/duur.md:9 [duplicate-term]`,
			},
		},
		{
			name: "English drafting: definitions in sentences, names of countries, laws, institutions, companies and dates",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   **"Service"** means the hosted software. "Account" means a login. “Fee”
   refers to the price. You, the "Subscriber", and the customer (the
   "Customer") pay. "Beta" shall mean early access. Software Ltd hosts it.

2. The Customer and the Subscriber use the Service, an Account and the Beta
   in the Netherlands, Germany, the United States and Nederland, België en
   Frankrijk, from January to March and on Monday, under the General Data
   Protection Regulation, as the European Commission and the U.S. Federal
   Trade Commission say, for the Fee; Acme Inc. pays. Software supports it.
   Partijen kunnen de Diensten opzeggen met {{termijn}}.

3. **Limitation of Liability; Indemnification.** The Acceptable Use section
   applies. "Do Not Track" (DNT) is a setting.
   Data goes over URLs, e.g. Gadget. A Widget is new.

| Name of Provider | Country |
|---|---|
| Magic Robot | United States |
`),
			},
			want: []string{
				`clauses/terms/duur.md:20: warning: "Gadget" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:20: warning: "Widget" is capitalised like a defined term but is not defined [undefined-term]`,
			},
		},
		{
			name: "English names by their form: link texts, laws, what a name owns, labels, terms defined elsewhere, the document itself",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `Last Revised: 3 May 2024. Partijen kunnen de Diensten opzeggen met {{termijn}}.

1. <!-- id: opzegging -->
   As the [Open Source Initiative](https://opensource.org) and [Acme's
   Security Whitepaper](/security) say, the Security Whitepaper and the
   [Apache License version 2.0](https://apache.org/licenses) apply, with the
   Sarbanes-Oxley Act, the Securities Exchange Act of 1934, the Machinery
   Regulation, the Medical Devices Directive, the Hague Convention, the
   Mededingingswet and the Wet bescherming persoonsgegevens, in Seattle,
   Ontario, Victoria and Zurich, as the World Trade Organization says.
   Globex's Code of Business Conduct and Globex's Travel and Expense Policy
   apply; Globex hosts it. Customer Content (as defined in the Data
   Processing Addendum) is kept; Customer Content is deleted later. Log in
   with OAuth or IPv6, and follow this Responsible Disclosure Statement.

2. The Supplier's Records, the Acme Widget, an Access Code and the
   Customer's obligations: a Gizmo. Follow the Code of Ethics and this
   Statement.
`),
			},
			// The Security Whitepaper is named by a link text, Acme owns
			// it there and so is a name ("the Acme Widget"); Globex owns
			// things, so it is a name; "the Supplier's Records" takes an
			// article, so Supplier is a term; "Customer's obligations" owns
			// nothing capitalised; "this Statement" is one word, and the
			// "Code of Ethics" has no owner.
			want: []string{
				`clauses/terms/duur.md:21: warning: "Access Code" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:21: warning: "Code" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:21: warning: "Supplier's Records" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:22: warning: "Customer's" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:22: warning: "Ethics" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:22: warning: "Gizmo" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:23: warning: "Statement" is capitalised like a defined term but is not defined [undefined-term]`,
			},
		},
		{
			name: "English names by their place: the supplier's name and what is named after it, jurisdictions, currencies, run-in titles",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `1. <!-- id: opzegging -->
   “SmartTrackers,” “We,” and “Us” refer to Norvato B.V. and its affiliates.
   "Service" means the hosted software. Partijen kunnen de Diensten opzeggen
   met {{termijn}}. We and Us host the Services of SmartTrackers.

2. Write to SmartTrackers Support, read the [SmartTrackers Privacy
   Notice](/privacy) and then the Privacy Notice; the Support Policy
   applies. The laws of the State of California and the courts of the City
   and County of San Francisco govern, and the Province of Ontario.

3. **Invoicing** For each Service, you pay in U.S. Dollars, US Dollars or
   Australian Dollars, not in Dollars.

4. **Usage** Some Service features cost more; Other Fees apply.

5. The State may not, nor the County.
`),
			},
			// The supplier's name is a defined term here, yet it names
			// the supplier: "SmartTrackers Support" is the supplier's, and
			// the linked "Privacy Notice" a document of its; "Support
			// Policy" on its own is not. "Services" is the plural of
			// "Service". A kind of place with "of" and a name is a
			// jurisdiction, alone it is not; a currency after a country's
			// abbreviation is a name, alone it is not. The word after a
			// run-in title starts a sentence, and only the defined term
			// after it counts ("Some Service").
			want: []string{
				`clauses/terms/duur.md:12: warning: "Support Policy" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:16: warning: "Dollars" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:19: warning: "Other Fees" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:21: warning: "County" is capitalised like a defined term but is not defined [undefined-term]`,
				`clauses/terms/duur.md:21: warning: "State" is capitalised like a defined term but is not defined [undefined-term]`,
			},
		},
		{
			name: "a text that gives its undefined terms another document's meaning: one finding that lists them, misspellings still apart",
			files: map[string]string{
				"clauses/terms/duur.md": clause("duur", "DUUR", `Any capitalized terms used but not defined below have the meanings in the
Agreement. Partijen kunnen de Diensten opzeggen met {{termijn}}.

1. <!-- id: opzegging -->
   The Service is for Users; the Service ends with the Agreement. De
   Klanten en de Klnt gaan.
`),
			},
			want: []string{
				`clauses/terms/duur.md:6: warning: 3 capitalised terms are used but not defined in this document, which gives them the meaning another document defines: "Agreement", "Service", "Users"; check that it defines them [undefined-term]`,
				`clauses/terms/duur.md:11: warning: "Klnt" is capitalised like a defined term but is not defined; did you mean "Klant"? [undefined-term]`,
			},
		},
		{
			name: "a document calls itself by a defined term that means something else",
			files: map[string]string{
				"clauses/terms/definities.md": clause("definities", "DEFINITIES", `1. In deze voorwaarden wordt verstaan onder:

   1. Klant: degene die de Diensten afneemt.
   2. Diensten: de diensten die SmartTrackers aan Klant levert.
   3. Partij(en): SmartTrackers en Klant, elk als Partij.
   4. Overeenkomst: de orderbevestiging tussen Partijen.
`),
				"clauses/dpa/dpa-gevoelig.md": `---
id: dpa-gevoelig
title: Gevoelige gegevens
---

Geen gevoelige gegevens, tenzij in deze Overeenkomst vermeld; de
Overeenkomst zelf regelt niets. Dit geldt ook na deze
Overeenkomst.

| Categorie | Ja |
|---|---|
| gezondheid | {{check dpa.gezondheid}} |
`,
			},
			want: []string{
				`clauses/dpa/dpa-gevoelig.md:6: warning: "deze Overeenkomst" seems to mean this document, Bijlage 1 (Verwerkersovereenkomst), but "Overeenkomst" is a defined term for something else (clauses/terms/definities.md:11) (2 uses in this file); name the document, or define a term for it [ambiguous-term]`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range lintFiles(t, tc.files).Findings {
				got = append(got, f.String())
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findings differ\ngot:\n%swant:\n%s", lines(got), lines(tc.want))
			}
		})
	}
}

func lines(list []string) string {
	s := ""
	for _, l := range list {
		s += l + "\n"
	}
	return s
}

// TestEnglishTermsPages imports the real English terms pages of
// importer/testdata/realworld (GitHub's Terms of Service, its Sponsors, Marketplace and
// trademark terms, its subprocessors and cookies page and its
// anti-bribery statement, two versions each; see SOURCES.md there) as a
// user would and lints them: a well-drafted page gives no errors and at
// most ten warnings — its definitions ("**Sponsored Developer Account**"
// means, the "Program", you, the "Sponsored Developer"), countries,
// cities, laws, institutions, the documents and organisations it links to
// or names as someone's, and its own sub-section numbering recognised.
// Every page is held to this, the forks' versions too: they are real
// states of GitHub's pages.
func TestEnglishTermsPages(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join("..", "importer", "testdata", "realworld", "*", "*.md"))
	if err != nil || len(pages) < 14 {
		t.Fatalf("want the 14 pages of seven pairs, got %d: %v", len(pages), err)
	}
	// Names these pages use, which must not be reported: defined terms,
	// countries, a city, laws, institutions and organisations they link
	// to, documents of a named party, a product written in mixed case and
	// a field label.
	known := []string{`"Sponsored Developer Account"`, `"GitHub Policies"`, `"United States"`, `"Federal Trade Commission`,
		`"Foreign Assets Control"`, `"Bribery Act"`, `"Foreign Corrupt Practices Act"`, `"Microsoft`, `"World Bank"`,
		`"Transparency International"`, `"San Francisco"`, `"Privacy Statement"`, `"Anti-Corruption`, `"Creative Commons`,
		`"OAuth"`, `"Date"`, `"Terms"`, `"Corporate Terms"`, `"Supplier Code`, `"Conduct"`}
	// The newer Marketplace page uses the terms whose definitions it
	// removed: a true finding that must stay.
	mustFind := map[string][]string{
		"marketplace/b.md": {`"Marketplace"`, `"Developer Product`},
	}
	for _, page := range pages {
		name := filepath.Base(filepath.Dir(page)) + "/" + filepath.Base(page)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			r, err := importer.Import(filepath.Base(page), src, importer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			files := append(r.Files(),
				importer.File{Path: clauses.ConfigFile, Data: r.Config("GitHub, Inc.")},
				importer.File{Path: "templates/agreement.yaml", Data: r.Template()})
			for _, f := range files {
				p := filepath.Join(dir, filepath.FromSlash(f.Path))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := Run(os.DirFS(dir))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d findings:\n%s", len(rep.Findings), format(rep.Findings))
			if rep.Errors() > 0 || rep.Warnings() > 10 {
				t.Errorf("%d errors, %d warnings; want none and at most 10", rep.Errors(), rep.Warnings())
			}
			all := format(rep.Findings)
			for _, want := range mustFind[name] {
				if !strings.Contains(all, want) {
					t.Errorf("no finding names %s, which the page uses but does not define", want)
				}
			}
			for _, f := range rep.Findings {
				for _, known := range known {
					if strings.Contains(f.Message, known) {
						t.Errorf("%s is defined or a name, yet: %s", known, f)
					}
				}
				if f.Rule == "typed-number" {
					t.Errorf("the import keeps a typed number: %s", f)
				}
			}
		})
	}
}
