package diff

import "github.com/termsmith/termsmith/internal/i18n"

// Words are the fixed words of the comparisons this package writes — the
// labels of the summary table and the redline — in one language; the
// notice letter's own words are package notice's. The content of the terms is never translated;
// only these words are.
type Words struct {
	Kinds     map[Kind]string // "toegevoegd", "gewijzigd", …
	Old, New  string          // column headings: "oud", "nieuw"
	Number    string          // "Nr."
	Title     string          // "Titel"
	Change    string          // "Wijziging"
	Changes   string          // "Wijzigingen"
	Summary   string          // heading of the overview
	Redline   string          // heading of the redline
	LegendDel string          // legend: struck-through text is deleted (printed struck through)
	LegendIns string          // legend: underlined text is new (printed underlined)
	Legend    string          // legend: the rest, after LegendDel and LegendIns
	Elided    string          // marker of left-out unchanged text
	Moved     string          // "verplaatst van %s naar %s"
	NoChanges string          // "Geen wijzigingen."
	Version   string          // "versie"
	// The overview.
	Was            string // a clause's old number: "was %s"
	RenumberedOne  string // "artikel %s wordt %s"
	RenumberedRun  string // "artikelen %s–%s worden %s–%s"
	Renumbering    string // heading of the renumbered runs
	Typographic    string // heading of the typographic-only changes
	TypographicTip string // what they are
}

var wordTables = map[string]*Words{
	"nl": {
		Kinds: map[Kind]string{
			Added: "toegevoegd", Removed: "verwijderd", Modified: "gewijzigd", Moved: "verplaatst", Renumbered: "hernummerd",
		},
		Old: "oud", New: "nieuw", Number: "Nr.", Title: "Titel", Change: "Wijziging", Changes: "Wijzigingen",
		Summary:        "Overzicht van de wijzigingen",
		Redline:        "De gewijzigde bepalingen",
		LegendDel:      "Doorgehaalde tekst vervalt",
		LegendIns:      "onderstreepte tekst is nieuw",
		Legend:         "; tussen vervallen en nieuwe tekst staat een spatie. Lange ongewijzigde passages zijn weggelaten ([…]).",
		Elided:         "[…]",
		Moved:          "verplaatst van %s naar %s",
		NoChanges:      "Geen wijzigingen.",
		Version:        "versie",
		Was:            "was %s",
		RenumberedOne:  "artikel %s wordt %s",
		RenumberedRun:  "artikelen %s–%s worden %s–%s",
		Renumbering:    "Alleen hernummerd",
		Typographic:    "Alleen typografisch gewijzigd",
		TypographicTip: "In deze bepalingen zijn alleen aanhalingstekens of apostrofs anders gezet; de inhoud is niet gewijzigd.",
	},
	"en": {
		Kinds: map[Kind]string{
			Added: "added", Removed: "removed", Modified: "modified", Moved: "moved", Renumbered: "renumbered",
		},
		Old: "old", New: "new", Number: "No.", Title: "Title", Change: "Change", Changes: "Changes",
		Summary:        "Summary of changes",
		Redline:        "The changed clauses",
		LegendDel:      "Struck-through text is deleted",
		LegendIns:      "underlined text is new",
		Legend:         "; a space separates deleted from new text. Long unchanged passages are left out ([…]).",
		Elided:         "[…]",
		Moved:          "moved from %s to %s",
		NoChanges:      "No changes.",
		Version:        "version",
		Was:            "was %s",
		RenumberedOne:  "article %s becomes %s",
		RenumberedRun:  "articles %s–%s become %s–%s",
		Renumbering:    "Renumbered only",
		Typographic:    "Typographic changes only",
		TypographicTip: "In these clauses only the style of quotation marks or apostrophes changed; what they say did not.",
	},
}

// WordsFor returns the fixed words for a document language; Dutch for an
// unknown language.
func WordsFor(lang string) *Words { return i18n.Pick(wordTables, lang) }
