package lint

import (
	"reflect"
	"testing"
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
