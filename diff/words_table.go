package diff

// Words are the fixed words of the documents this package and its notices
// write, in one language. The content of the terms is never translated;
// only these words are.
type Words struct {
	Kinds       map[Kind]string // "toegevoegd", "gewijzigd", …
	Old, New    string          // column headings: "oud", "nieuw"
	Number      string          // "Nr."
	Title       string          // "Titel"
	Change      string          // "Wijziging"
	Changes     string          // "Wijzigingen"
	Summary     string          // heading of the summary table
	Redline     string          // heading of the redline
	Legend      string          // how to read the redline
	Elided      string          // marker of left-out unchanged text
	Moved       string          // "verplaatst van %s naar %s"
	NoChanges   string          // "Geen wijzigingen."
	Notice      string          // "Wijzigingsbericht"
	Subject     string          // "Wijziging algemene voorwaarden per %s"
	Regarding   string          // "Betreft"
	Attention   string          // "t.a.v."
	Dear        string          // "Geachte"
	Regards     string          // "Met vriendelijke groet"
	Page        string          // "pagina {current} van {total}"
	Intro       string          // letter: what changes, from when; %s: terms title, supplier, effective date, to, from
	Scope       string          // letter: this notice is about this customer only; %s: customer name, %d: number of changes
	Objection   string          // letter: the right to object; %d period, %s deadline, %s e-mail address
	NoObjection string          // letter: without objection the terms apply; %s effective date
	Attachment  string          // e-mail: the redline is in the attached PDF
	Version     string          // "versie"
}

var wordTables = map[string]*Words{
	"nl": {
		Kinds: map[Kind]string{
			Added: "toegevoegd", Removed: "verwijderd", Modified: "gewijzigd", Moved: "verplaatst", Renumbered: "hernummerd",
		},
		Old: "oud", New: "nieuw", Number: "Nr.", Title: "Titel", Change: "Wijziging", Changes: "Wijzigingen",
		Summary:   "Overzicht van de wijzigingen",
		Redline:   "De gewijzigde bepalingen",
		Legend:    "Verwijderde tekst is rood doorgehaald, nieuwe tekst is blauw onderstreept; ongewijzigde tekst is zwart, en lange ongewijzigde passages zijn weggelaten ([…]).",
		Elided:    "[…]",
		Moved:     "verplaatst van %s naar %s",
		NoChanges: "Geen wijzigingen.",
		Notice:    "Wijzigingsbericht",
		Subject:   "Wijziging algemene voorwaarden per %s",
		Regarding: "Betreft", Attention: "t.a.v.", Dear: "Geachte", Regards: "Met vriendelijke groet",
		Page:        "pagina {current} van {total}",
		Intro:       "Hierbij informeren wij u over een wijziging van de %s van %s. Met ingang van %s geldt versie %s; tot die datum blijft versie %s op uw overeenkomst van toepassing.",
		Scope:       "Dit bericht noemt alleen de bepalingen die voor %s gelden, met uw eigen gegevens: %d wijziging(en), in het overzicht hieronder. Daarna volgen de gewijzigde bepalingen zelf.",
		Objection:   "U heeft het recht om binnen %d dagen na de datum van dit bericht, dus uiterlijk op %s, bezwaar te maken tegen de wijzigingen, door op dit bericht te antwoorden of te schrijven naar %s.",
		NoObjection: "Maakt u geen bezwaar, dan treden de gewijzigde voorwaarden op %s automatisch in werking.",
		Attachment:  "De gewijzigde bepalingen, met de wijzigingen gemarkeerd, staan in de bijlage (PDF).",
		Version:     "versie",
	},
	"en": {
		Kinds: map[Kind]string{
			Added: "added", Removed: "removed", Modified: "modified", Moved: "moved", Renumbered: "renumbered",
		},
		Old: "old", New: "new", Number: "No.", Title: "Title", Change: "Change", Changes: "Changes",
		Summary:   "Summary of changes",
		Redline:   "The changed clauses",
		Legend:    "Deleted text is struck through in red, new text is underlined in blue; unchanged text is black, and long unchanged passages are left out ([…]).",
		Elided:    "[…]",
		Moved:     "moved from %s to %s",
		NoChanges: "No changes.",
		Notice:    "Change notice",
		Subject:   "Change of general terms and conditions as of %s",
		Regarding: "Subject", Attention: "attn.", Dear: "Dear", Regards: "Kind regards",
		Page:        "page {current} of {total}",
		Intro:       "We hereby inform you of a change to the %s of %s. As of %s, version %s applies; until that date, version %s continues to apply to your agreement.",
		Scope:       "This notice lists only the clauses that apply to %s, with your own details: %d change(s), summarised below. The changed clauses themselves follow.",
		Objection:   "You have the right to object to the changes within %d days of the date of this notice, that is no later than %s, by replying to this message or writing to %s.",
		NoObjection: "If you do not object, the changed terms take effect automatically on %s.",
		Attachment:  "The changed clauses, with the changes marked, are in the attached PDF.",
		Version:     "version",
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
