// Package clauses reads a termsmith store: the store configuration, the
// document manifests and the Markdown clause files, into a clause model that
// the rest of termsmith works on. Nothing outside this package sees Markdown.
package clauses

import "fmt"

// Clause is one clause file: an article of a document, or an unnumbered
// text section such as a preamble.
type Clause struct {
	ID       string   // stable id from the front matter
	Title    string   // article title, without number
	When     string   // optional condition; the clause applies only when it holds
	Numbered bool     // false for unnumbered text sections (preambles, intros)
	Number   string   // optional pinned number, overriding the computed one (flagged by lint)
	Defines  []string // terms this clause defines in prose (e.g. "by reference to the GDPR")
	Doc      string   // id of the document the clause belongs to
	File     string   // path of the clause file inside the store
	Line     int      // line of the front matter's id
	Body     []*Block
}

// BlockKind says what a Block is.
type BlockKind int

// The block kinds of a clause body.
const (
	Paragraph BlockKind = iota // a run of inline text
	Heading                    // a sub-heading inside an article ("Toegang tot de Programmatuur")
	List                       // a list; its Children are Items
	Item                       // a list item: a sub-clause, a lettered or roman item, or a bullet
	Table                      // a table; Rows[0] is the header row
	Group                      // several blocks under one condition (a when … end directive pair)
	Quote                      // a quotation (a > block quote): its Children are its paragraphs, lists and tables
)

var blockKindNames = [...]string{"paragraph", "heading", "list", "item", "table", "group", "quote"}

func (k BlockKind) String() string {
	if int(k) < len(blockKindNames) {
		return blockKindNames[k]
	}
	return fmt.Sprintf("BlockKind(%d)", int(k))
}

// Block is one block of a clause body.
type Block struct {
	Kind      BlockKind
	Line      int          // line in the clause file where the block starts
	ID        string       // stable label, from an "id:" directive
	When      string       // condition, from a "when:" directive
	Number    string       // pinned number, from a "number:" directive (flagged by lint)
	Numbering string       // List: numbering pattern override, from a "numbering:" directive
	Ordered   bool         // List: numbered or lettered (true), or bullets (false)
	Inlines   []Inline     // Paragraph, Heading
	Children  []*Block     // List: its items; Item, Group and Quote: their blocks
	Rows      [][][]Inline // Table: rows of cells; row 0 is the header
	// Links are the texts of the external links in a paragraph's, a
	// heading's or a table's text ("[Privacy Statement](/privacy)"), in
	// order: the names of other documents and places, for lint. The
	// addresses are not kept, as they are not printed.
	Links []string
}

// InlineKind says what an Inline is.
type InlineKind int

// The inline kinds.
const (
	Text  InlineKind = iota // literal text
	Ref                     // a cross-reference to Target; Text is the link text as typed
	Var                     // a variable reference {{Target}}
	Check                   // {{check Target}}: a mark ("x") when the condition Target holds
	Break                   // a hard line break
)

var inlineKindNames = [...]string{"text", "ref", "var", "check", "break"}

func (k InlineKind) String() string {
	if int(k) < len(inlineKindNames) {
		return inlineKindNames[k]
	}
	return fmt.Sprintf("InlineKind(%d)", int(k))
}

// Style is a set of inline text styles.
type Style uint8

// The inline styles; they combine.
const (
	Bold Style = 1 << iota
	Italic
	Underline
)

func (s Style) String() string {
	out := ""
	for _, f := range []struct {
		s    Style
		name string
	}{{Bold, "b"}, {Italic, "i"}, {Underline, "u"}} {
		if s&f.s != 0 {
			out += f.name
		}
	}
	return out
}

// Inline is a piece of text inside a paragraph, heading or table cell.
type Inline struct {
	Kind   InlineKind
	Text   string // Text: the text; Ref: the link text as typed (replaced at assembly)
	Style  Style
	Target string // Ref: the target id; Var: the variable name; Check: the condition
	// Keep is set on a Ref written with the link title "keep" —
	// [paid Account](#payment "keep"): it prints its link text, not the
	// target's number.
	Keep bool
}
