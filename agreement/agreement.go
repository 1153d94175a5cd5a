// Package agreement assembles a customer's agreement: a template
// (templates/<id>.yaml in a store) names the documents of an agreement and
// when each applies; a customer (customers/<id>.yaml) supplies the values;
// the result is one Agreement with numbers computed, cross-references
// resolved, variables filled and only the parts that apply to that customer.
//
// Agreement is the model that package render lays out and package diff
// compares. It holds no Markdown.
package agreement

import (
	"time"

	"github.com/termsmith/termsmith/clauses"
)

// Agreement is one assembled agreement for one customer.
type Agreement struct {
	Template  string    // template id
	Title     string    // template title, e.g. "Algemene Leveringsvoorwaarden"
	Language  string    // "nl" or "en"
	Version   string    // version id, set by the caller ("" for the working tree)
	Effective time.Time // effective date of the version, zero for the working tree
	Supplier  clauses.Supplier
	Customer  *Customer
	// Services are the store's services the customer takes, in the
	// store's order (termsmith.yaml services).
	Services []clauses.Service
	Parts    []*Part
}

// Part is one document of the agreement: the terms, an annex, an appendix.
type Part struct {
	ID     string // document id
	Label  string // "Bijlage 1"; empty for the main terms
	Title  string // "Verwerkersovereenkomst"
	Blocks []*Block
}

// Heading returns the part's printed heading: "Bijlage 1: Verwerkersovereenkomst".
func (p *Part) Heading() string {
	if p.Label == "" {
		return p.Title
	}
	return p.Label + ": " + p.Title
}

// Kind says what a Block is.
type Kind int

// The kinds of assembled blocks.
const (
	Article   Kind = iota // a numbered clause: Number "11.", Title, Children
	Section               // an unnumbered clause (a preamble): optional Title, Children
	Item                  // a list item: a sub-clause, a lettered or roman item, a bullet
	Paragraph             // text: Inlines
	Heading               // a sub-heading inside an article: Inlines
	Table                 // Rows of cells; row 0 is the header
	Quote                 // a quotation: Children are its paragraphs, items and tables
)

var kindNames = [...]string{"article", "section", "item", "paragraph", "heading", "table", "quote"}

func (k Kind) String() string { return kindNames[k] }

// Block is a block of an assembled document.
type Block struct {
	Kind Kind
	// ID is stable across versions: the clause id for articles and sections,
	// the label for labelled items, and for anything else the parent's id
	// with a position ("aansprakelijkheid-2/3", "toepasselijkheid/p1").
	ID       string
	Labelled bool   // the id was written by an author (not derived from the position)
	Number   string // the printed number: "11.", "11.2.", "A.", "(i)", "●"; empty if unnumbered
	Ref      string // how a cross-reference prints this block: "11.2", "2.1 (i)"
	Title    string // Article, Section: title
	Inlines  []Inline
	Rows     [][][]Inline
	Children []*Block
	Source   string // "clauses/terms/aansprakelijkheid.md:14"
	// NotApplicable marks the gap left by a numbered article or item that
	// does not apply to this customer: it keeps its number, so that a
	// number means one clause for every customer of a version, and its
	// text (the title of an article, the paragraph of an item) is
	// NotApplicableText.
	NotApplicable bool
}

// NotApplicableText is what a gap says: "[Niet van toepassing]" (nl),
// "[Not applicable]" (en).
func NotApplicableText(lang string) string {
	if lang == "en" {
		return "[Not applicable]"
	}
	return "[Niet van toepassing]"
}

// Inline is a run of text with one style.
type Inline struct {
	Text  string
	Style clauses.Style
	Ref   string // a cross-reference: the target id; Text is its computed number or label
	Var   string // the variable this text was filled from
	Break bool   // a hard line break (Text is empty)
}

// Walk calls f for every block, depth first, in document order.
func Walk(blocks []*Block, f func(*Block)) {
	for _, b := range blocks {
		f(b)
		Walk(b.Children, f)
	}
}
