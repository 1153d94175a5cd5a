package notice

import (
	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/internal/i18n"
)

// words are the fixed words of a notice in one language: the redline
// labels of package diff and the letter's own fixed parts. The content of
// the terms and the store's letter are never translated; only these words
// are.
type words struct {
	*diff.Words
	Notice     string // "Wijzigingsbericht"
	Regarding  string // "Betreft"
	Attention  string // "t.a.v."
	Page       string // "pagina {current} van {total}"
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

var letterWords = map[string]*words{
	"nl": {
		Notice:     "Wijzigingsbericht",
		Regarding:  "Betreft",
		Attention:  "t.a.v.",
		Page:       "pagina {current} van {total}",
		Draft:      "CONCEPT",
		DraftNote:  "CONCEPT — dit is een voorbeeld van het wijzigingsbericht. Het is niet verzonden en geldt niet als kennisgeving.",
		Enclosures: "Bijlagen",
		Enclosed:   []string{"de gewijzigde bepalingen, met de wijzigingen gemarkeerd", "de volledige tekst van de %s, versie %s"},
		InShort:    "In het kort",
		Between:    "%s (van kracht sinds %s)",
		Attachment: "Dit bericht, met de gewijzigde bepalingen en de wijzigingen gemarkeerd, is bijgevoegd als PDF.",
		And:        "en",
	},
	"en": {
		Notice:     "Change notice",
		Regarding:  "Subject",
		Attention:  "attn.",
		Page:       "page {current} of {total}",
		Draft:      "DRAFT",
		DraftNote:  "DRAFT — this is a preview of the change notice. It has not been sent and is not a notice.",
		Enclosures: "Enclosures",
		Enclosed:   []string{"the changed clauses, with the changes marked", "the full text of the %s, version %s"},
		InShort:    "In short",
		Between:    "%s (in force since %s)",
		Attachment: "This notice, with the changed clauses and the changes marked, is attached as a PDF.",
		And:        "and",
	},
}

// wordsFor returns a notice's fixed words for a language; Dutch for an
// unknown language.
func wordsFor(lang string) *words {
	out := *i18n.Pick(letterWords, lang)
	out.Words = diff.WordsFor(lang)
	return &out
}
