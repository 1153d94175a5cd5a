package render

import "github.com/termsmith/termsmith/internal/i18n"

// labels are the fixed words termsmith prints in documents, in the
// document's language. Content (titles, clause text) comes from the store;
// only these words come from here.
type labels struct {
	PageOf        string // page number pattern with {current} and {total}
	Contents      string
	Version       string
	WorkingTree   string // the version name of an unpublished working tree
	Effective     string
	Parties       string
	Supplier      string
	Customer      string
	KvK           string
	VATID         string
	Email         string
	DocumentID    string
	Signatures    string
	SignIntro     string
	On            string // "namens": signing on behalf of
	Name          string
	Function      string
	Place         string
	Date          string
	Signature     string
	Offer         string
	OfferNumber   string
	OfferDate     string
	ValidUntil    string
	Attention     string // "t.a.v.": for the attention of
	Service       string
	Quantity      string
	UnitPrice     string
	Period        string
	Amount        string
	Subtotal      string
	VAT           string // with %s for the percentage
	Total         string
	TermsApply    string // with %s for the title, the version and its date
	TermsAttached string
	Acceptance    string
	AcceptText    string // with %s for the customer
	Annex         string
	Services      string // the cover: the customer's services
	PartsLabel    string // the cover: the parts of the agreement
	EffectiveDate string // the cover: "Ingangsdatum"
	Reference     string // the cover: the agreement's reference (its document id)
	AgreementWith string // the cover, under the title: with %s for the customer
}

var labelTable = map[string]*labels{
	"nl": {
		PageOf:        "pagina {current} van {total}",
		Contents:      "Inhoudsopgave",
		Version:       "Versie",
		WorkingTree:   "werkversie (niet gepubliceerd)",
		Effective:     "ingangsdatum",
		Parties:       "Partijen",
		Supplier:      "Leverancier",
		Customer:      "Klant",
		KvK:           "KvK-nummer",
		VATID:         "Btw-nummer",
		Email:         "E-mail",
		DocumentID:    "Document-id",
		Signatures:    "Ondertekening",
		SignIntro:     "Aldus overeengekomen en ondertekend:",
		On:            "Namens",
		Name:          "Naam",
		Function:      "Functie",
		Place:         "Plaats",
		Date:          "Datum",
		Signature:     "Handtekening",
		Offer:         "Offerte",
		OfferNumber:   "Offertenummer",
		OfferDate:     "Datum",
		ValidUntil:    "Geldig tot",
		Attention:     "t.a.v.",
		Service:       "Dienst",
		Quantity:      "Aantal",
		UnitPrice:     "Prijs per eenheid",
		Period:        "Periode",
		Amount:        "Bedrag",
		Subtotal:      "Subtotaal excl. btw",
		VAT:           "Btw %s%%",
		Total:         "Totaal incl. btw",
		TermsApply:    "Op deze offerte zijn de %s van toepassing, versie %s (%s).",
		TermsAttached: "De volledige tekst is als bijlage bij deze offerte gevoegd.",
		Acceptance:    "Voor akkoord",
		AcceptText:    "Door ondertekening aanvaardt %s deze offerte en de daarop toepasselijke voorwaarden.",
		Annex:         "Bijlage",
		Services:      "Diensten",
		PartsLabel:    "Onderdelen",
		EffectiveDate: "Ingangsdatum",
		Reference:     "Kenmerk",
		AgreementWith: "Overeenkomst met %s",
	},
	"en": {
		PageOf:        "page {current} of {total}",
		Contents:      "Contents",
		Version:       "Version",
		WorkingTree:   "working draft (not published)",
		Effective:     "effective",
		Parties:       "Parties",
		Supplier:      "Supplier",
		Customer:      "Customer",
		KvK:           "Chamber of Commerce no.",
		VATID:         "VAT no.",
		Email:         "E-mail",
		DocumentID:    "Document id",
		Signatures:    "Signatures",
		SignIntro:     "Agreed and signed:",
		On:            "On behalf of",
		Name:          "Name",
		Function:      "Title",
		Place:         "Place",
		Date:          "Date",
		Signature:     "Signature",
		Offer:         "Offer",
		OfferNumber:   "Offer number",
		OfferDate:     "Date",
		ValidUntil:    "Valid until",
		Attention:     "attn.",
		Service:       "Service",
		Quantity:      "Quantity",
		UnitPrice:     "Unit price",
		Period:        "Period",
		Amount:        "Amount",
		Subtotal:      "Subtotal excl. VAT",
		VAT:           "VAT %s%%",
		Total:         "Total incl. VAT",
		TermsApply:    "This offer is subject to the %s, version %s (%s).",
		TermsAttached: "The full text is attached to this offer.",
		Acceptance:    "Acceptance",
		AcceptText:    "By signing, %s accepts this offer and the terms that apply to it.",
		Annex:         "Annex",
		Services:      "Services",
		PartsLabel:    "Parts",
		EffectiveDate: "Effective date",
		Reference:     "Reference",
		AgreementWith: "Agreement with %s",
	},
}

// labelsFor returns the labels of a language, Dutch when it is unknown.
func labelsFor(lang string) *labels { return i18n.Pick(labelTable, lang) }
