package diff

// Words are the fixed words of the documents this package and its notices
// write, in one language. The content of the terms is never translated;
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
	Notice    string          // "Wijzigingsbericht"
	Regarding string          // "Betreft"
	Attention string          // "t.a.v."
	Page      string          // "pagina {current} van {total}"
	Version   string          // "versie"
	// The overview.
	Was            string // a clause's old number: "was %s"
	RenumberedOne  string // "artikel %s wordt %s"
	RenumberedRun  string // "artikelen %s–%s worden %s–%s"
	Renumbering    string // heading of the renumbered runs
	Typographic    string // heading of the typographic-only changes
	TypographicTip string // what they are
	// The letter's fixed parts.
	Draft      string // watermark of a preview: "CONCEPT"
	DraftNote  string // the preview's banner: not sent, not a notice
	Enclosures string // "Bijlagen"
	// Enclosed lists what goes with the notice; %s the terms' title, %s the version.
	Enclosed   []string
	InShort    string // heading of legal's plain-language summary
	Between    string // a version passed over: "%s (van kracht sinds %s)"
	Attachment string // e-mail: the redline is in the attached PDF
	And        string // joins the last two items of a list
}

var wordTables = map[string]*Words{
	"nl": {
		Kinds: map[Kind]string{
			Added: "toegevoegd", Removed: "verwijderd", Modified: "gewijzigd", Moved: "verplaatst", Renumbered: "hernummerd",
		},
		Old: "oud", New: "nieuw", Number: "Nr.", Title: "Titel", Change: "Wijziging", Changes: "Wijzigingen",
		Summary:   "Overzicht van de wijzigingen",
		Redline:   "De gewijzigde bepalingen",
		LegendDel: "Doorgehaalde tekst vervalt",
		LegendIns: "onderstreepte tekst is nieuw",
		Legend:    "; tussen vervallen en nieuwe tekst staat een spatie. Lange ongewijzigde passages zijn weggelaten ([…]).",
		Elided:    "[…]",
		Moved:     "verplaatst van %s naar %s",
		NoChanges: "Geen wijzigingen.",
		Notice:    "Wijzigingsbericht",
		Regarding: "Betreft", Attention: "t.a.v.",
		Page:           "pagina {current} van {total}",
		Version:        "versie",
		Was:            "was %s",
		RenumberedOne:  "artikel %s wordt %s",
		RenumberedRun:  "artikelen %s–%s worden %s–%s",
		Renumbering:    "Alleen hernummerd",
		Typographic:    "Alleen typografisch gewijzigd",
		TypographicTip: "In deze bepalingen zijn alleen aanhalingstekens of apostrofs anders gezet; de inhoud is niet gewijzigd.",
		Draft:          "CONCEPT",
		DraftNote:      "CONCEPT — dit is een voorbeeld van het wijzigingsbericht. Het is niet verzonden en geldt niet als kennisgeving.",
		Enclosures:     "Bijlagen",
		Enclosed:       []string{"de gewijzigde bepalingen, met de wijzigingen gemarkeerd", "de volledige tekst van de %s, versie %s"},
		InShort:        "In het kort",
		Between:        "%s (van kracht sinds %s)",
		And:            "en",
		Attachment:     "Dit bericht, met de gewijzigde bepalingen en de wijzigingen gemarkeerd, is bijgevoegd als PDF.",
	},
	"en": {
		Kinds: map[Kind]string{
			Added: "added", Removed: "removed", Modified: "modified", Moved: "moved", Renumbered: "renumbered",
		},
		Old: "old", New: "new", Number: "No.", Title: "Title", Change: "Change", Changes: "Changes",
		Summary:   "Summary of changes",
		Redline:   "The changed clauses",
		LegendDel: "Struck-through text is deleted",
		LegendIns: "underlined text is new",
		Legend:    "; a space separates deleted from new text. Long unchanged passages are left out ([…]).",
		Elided:    "[…]",
		Moved:     "moved from %s to %s",
		NoChanges: "No changes.",
		Notice:    "Change notice",
		Regarding: "Subject", Attention: "attn.",
		Page:           "page {current} of {total}",
		Version:        "version",
		Was:            "was %s",
		RenumberedOne:  "article %s becomes %s",
		RenumberedRun:  "articles %s–%s become %s–%s",
		Renumbering:    "Renumbered only",
		Typographic:    "Typographic changes only",
		TypographicTip: "In these clauses only the style of quotation marks or apostrophes changed; what they say did not.",
		Draft:          "DRAFT",
		DraftNote:      "DRAFT — this is a preview of the change notice. It has not been sent and is not a notice.",
		Enclosures:     "Enclosures",
		Enclosed:       []string{"the changed clauses, with the changes marked", "the full text of the %s, version %s"},
		InShort:        "In short",
		Between:        "%s (in force since %s)",
		And:            "and",
		Attachment:     "This notice, with the changed clauses and the changes marked, is attached as a PDF.",
	},
}

// WordsFor returns the fixed words for a document language; Dutch for an
// unknown language.
func WordsFor(lang string) *Words {
	if w, ok := wordTables[lang]; ok {
		return w
	}
	return wordTables["nl"]
}
