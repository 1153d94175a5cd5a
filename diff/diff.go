// Package diff compares two assembled documents (agreement.Document) and
// reports what changed between them, clause by clause, with a word-level
// redline inside every changed clause.
//
// Clauses are aligned by their stable ids: articles by clause id,
// sub-clauses by author label, and unlabelled blocks (whose ids are
// positional) by text within the same parent, so that one inserted item does
// not turn every later item into a modification. Each change is one of
// added, removed, modified, moved or renumbered. Text is compared as word
// tokens with cross-references keyed by their target id and styles ignored:
// a reference that prints a new number only because of renumbering, a
// change of emphasis markup, white space or line wrapping is not a change.
//
// The package works on the assembled model only: a customer's notice is the
// comparison of the two documents that customer gets (see NewReport); the
// notice policy and letter are package notice's.
package diff

import (
	"github.com/termsmith/termsmith/agreement"
)

// Kind is the kind of a change.
type Kind string

// The kinds of change, as they appear in JSON.
const (
	Added      Kind = "added"      // the clause is new
	Removed    Kind = "removed"    // the clause is gone
	Modified   Kind = "modified"   // the clause's text changed (its number may have changed too)
	Moved      Kind = "moved"      // the clause is under another article or in another position, perhaps edited
	Renumbered Kind = "renumbered" // only the clause's number changed
)

// Op is the operation of a redline segment.
type Op string

// The segment operations, as they appear in JSON.
const (
	Equal  Op = "equal"
	Insert Op = "insert"
	Delete Op = "delete"
)

// Segment is a run of text of a redline: unchanged, inserted or deleted.
type Segment struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// Change is one changed clause.
type Change struct {
	Kind Kind
	// ID is the clause's stable id: a clause id, an author label, or a
	// positional id ("aansprakelijkheid/3") for an unlabelled block.
	ID string
	// Part is the id of the document (terms, annex, appendix) the clause is
	// in: in the new version, or in the old one when it was removed.
	Part string
	// PartLabel is how that document is labelled ("Bijlage 1"); empty for
	// the main terms.
	PartLabel string
	// OldNumber and NewNumber are the clause's printed numbers as a
	// reference prints them ("11.2", "2.1 (i)"); for an unnumbered block
	// (a paragraph, table or sub-heading) the number of the clause it is
	// in. OldNumber is empty for an added clause, NewNumber for a removed one.
	OldNumber, NewNumber string
	// Title is the title of the article the clause is (or was) in; for a
	// whole document, or a clause in an untitled section, the document's
	// title.
	Title string
	// OldText and NewText are the clause's plain text in each version (an
	// added or removed clause includes everything under it).
	OldText, NewText string
	// Segments is the word-level redline from OldText to NewText: the
	// equal and inserted segments make up NewText, the equal and deleted
	// ones OldText (with cross-references in equal text printing their new
	// numbers).
	Segments []Segment

	// heading: the clause is a document, article or section, whose own text
	// is its title or heading.
	heading bool
	// unit is the kind of block the clause is; parent the id of the clause
	// it is under ("" for a document); oldPos and newPos its position among
	// its siblings (-1 where it does not exist). The overview groups
	// renumbered runs with them.
	unit           agreement.Kind
	parent         string
	oldPos, newPos int
	// oldRows and newRows are the cells of a table, as printed, for a
	// change of a table.
	oldRows, newRows [][]string
}

// Edited reports whether the change alters text, as opposed to only the
// place or number of a clause.
func (c *Change) Edited() bool {
	for _, s := range c.Segments {
		if s.Op != Equal {
			return true
		}
	}
	return false
}

// Compare returns the changes from old to new, in the order of the new
// document (a removed clause where it used to be). Both documents should be
// assembled for the same customer. The result is deterministic.
func Compare(old, new *agreement.Agreement) []Change {
	a := newAligner(flatten(old), flatten(new))
	a.align()
	return a.changes()
}
