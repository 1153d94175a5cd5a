package diff

import (
	"fmt"
	"strings"

	"github.com/termsmith/termsmith/agreement"
)

// Overview is the summary of a report as a reader needs it: one row per
// changed clause, named by its number and title; pure renumbering
// collapsed into one line per run of clauses ("artikelen 4–16 worden
// 5–17"); and the clauses whose only change is the style of their quotes
// or apostrophes, apart from the changes of substance.
type Overview struct {
	Rows        []OverviewRow // changes of substance, in document order
	Renumbering []string      // one line per run of renumbered clauses
	Typographic []OverviewRow // changes of quote or apostrophe style only
}

// OverviewRow is one changed clause in an overview.
type OverviewRow struct {
	Number string // "12.1", "Bijlage 1, 4.8", "6.3 (was 4.9)"
	Title  string // the title of the article the clause is in
	Kind   string // the kind of change, in the document language
}

// Overview returns the report's overview in its language.
func (r *Report) Overview() *Overview {
	w := WordsFor(r.Language)
	ov := &Overview{}
	// Runs of renumbered clauses, in the order they start. Renumbered
	// sub-clauses come between the articles in document order; a run
	// continues past them.
	var runs [][]*Change
	add := func(rows []OverviewRow, row OverviewRow) []OverviewRow {
		if n := len(rows); n > 0 && rows[n-1] == row {
			return rows // two changes inside one clause: one row
		}
		return append(rows, row)
	}
	for i := range r.Changes {
		c := &r.Changes[i]
		if c.Kind == Renumbered {
			k := len(runs) - 1
			for k >= 0 && !continues(runs[k][len(runs[k])-1], c) {
				k--
			}
			if k >= 0 {
				runs[k] = append(runs[k], c)
			} else {
				runs = append(runs, []*Change{c})
			}
			continue
		}
		row := OverviewRow{Number: c.place(w), Title: c.Title, Kind: w.Kinds[c.Kind]}
		if c.Typographic() {
			ov.Typographic = add(ov.Typographic, row)
		} else {
			ov.Rows = add(ov.Rows, row)
		}
	}
	for _, run := range runs {
		ov.Renumbering = append(ov.Renumbering, renumberLine(w, run))
	}
	return ov
}

// place names where a change is for a reader: the document's label, then
// the clause's number, with its old number when that changed.
func (c *Change) place(w *Words) string {
	n := c.NewNumber
	switch {
	case n == "":
		n = c.OldNumber
	case c.OldNumber != "" && c.OldNumber != n:
		n += " (" + fmt.Sprintf(w.Was, c.OldNumber) + ")"
	}
	if c.unit == partKind {
		n = ""
	}
	return inPart(c.PartLabel, n)
}

// continues reports whether renumbered clause c follows b in one run: the
// next sibling of b under the same parent, in both versions.
func continues(b, c *Change) bool {
	return b.Part == c.Part && b.parent == c.parent && b.unit == c.unit &&
		c.oldPos == b.oldPos+1 && c.newPos == b.newPos+1
}

// renumberLine describes a run of renumbered clauses: "artikelen 4–16
// worden 5–17", "artikel 11.6 wordt 12.7", with the document's label
// outside the main terms.
func renumberLine(w *Words, run []*Change) string {
	first, last := run[0], run[len(run)-1]
	var s string
	if len(run) == 1 {
		s = fmt.Sprintf(w.RenumberedOne, first.OldNumber, first.NewNumber)
	} else {
		s = fmt.Sprintf(w.RenumberedRun, first.OldNumber, last.OldNumber, first.NewNumber, last.NewNumber)
	}
	if first.PartLabel != "" {
		s = first.PartLabel + ": " + s
	}
	return s
}

// Typographic reports whether the change is only one of typography: each
// replaced phrase differs from its replacement only in the style of its
// quotes and apostrophes (" → “, ' → ’). Such a change does not alter what
// the terms say.
func (c *Change) Typographic() bool {
	if c.Kind != Modified || !c.Edited() {
		return false
	}
	var del, ins strings.Builder
	pair := func() bool {
		d, i := del.String(), ins.String()
		del.Reset()
		ins.Reset()
		return d == i || d != "" && i != "" && plainQuotes(d) == plainQuotes(i)
	}
	for _, s := range c.Segments {
		switch s.Op {
		case Delete:
			del.WriteString(s.Text)
		case Insert:
			ins.WriteString(s.Text)
		default:
			if !pair() {
				return false
			}
		}
	}
	return pair()
}

// quoteStyle maps every quotation mark and apostrophe to its plain form.
var quoteStyle = strings.NewReplacer(
	"“", `"`, "”", `"`, "„", `"`, "‟", `"`, "«", `"`, "»", `"`, "″", `"`,
	"‘", "'", "’", "'", "‚", "'", "‛", "'", "′", "'", "`", "'",
)

func plainQuotes(s string) string { return quoteStyle.Replace(s) }

// IsTable reports whether the change is of a table, which a redline shows
// as a table (see TableRedline).
func (c *Change) IsTable() bool {
	return c.unit == agreement.Table && (c.oldRows != nil || c.newRows != nil)
}
