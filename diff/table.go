package diff

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// TableRow is one row of a table's redline: a row that is the same or
// changed in some cells (Equal, with each cell's redline), a new row
// (Insert) or a deleted one (Delete).
type TableRow struct {
	Op    Op
	Cells [][]Segment
}

// TableRedline returns the redline of a changed table row by row, so that
// it can be shown as a table: rows are aligned as wholes (a new
// sub-processor is one inserted row), and a row replaced by one with as
// many cells is shown as one row with a word-level redline per cell. Nil
// when the change is not of a table.
func (c *Change) TableRedline() []TableRow {
	if !c.IsTable() {
		return nil
	}
	whole := func(op Op, rows [][]string) []TableRow {
		out := make([]TableRow, len(rows))
		for i, row := range rows {
			out[i] = TableRow{Op: op, Cells: make([][]Segment, len(row))}
			for j, cell := range row {
				if cell != "" {
					out[i].Cells[j] = []Segment{{Op: op, Text: cell}}
				}
			}
		}
		return out
	}
	switch {
	case c.oldRows == nil:
		return whole(Insert, c.newRows)
	case c.newRows == nil:
		return whole(Delete, c.oldRows)
	}
	ids := map[string]rune{}
	runes := func(rows [][]string) []rune {
		out := make([]rune, len(rows))
		for i, row := range rows {
			k := strings.Join(row, "\x00")
			r, ok := ids[k]
			if !ok {
				r = tokenRune(len(ids))
				ids[k] = r
			}
			out[i] = r
		}
		return out
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes(runes(c.oldRows), runes(c.newRows), false)
	var out []TableRow
	var del, ins [][]string
	flush := func() {
		if len(del) == len(ins) && sameWidths(del, ins) {
			for i := range del {
				row := TableRow{Op: Equal, Cells: make([][]Segment, len(ins[i]))}
				for j := range ins[i] {
					row.Cells[j] = cellDiff(del[i][j], ins[i][j])
				}
				out = append(out, row)
			}
		} else {
			out = append(out, whole(Delete, del)...)
			out = append(out, whole(Insert, ins)...)
		}
		del, ins = nil, nil
	}
	x, y := 0, 0
	for _, d := range diffs {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			del = append(del, c.oldRows[x:x+n]...)
			x += n
		case diffmatchpatch.DiffInsert:
			ins = append(ins, c.newRows[y:y+n]...)
			y += n
		default:
			flush()
			out = append(out, whole(Equal, c.newRows[y:y+n])...)
			x, y = x+n, y+n
		}
	}
	flush()
	return out
}

func sameWidths(a, b [][]string) bool {
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
	}
	return true
}

// cellDiff is the word-level redline of one table cell.
func cellDiff(old, new string) []Segment {
	if old == new {
		if new == "" {
			return nil
		}
		return []Segment{{Op: Equal, Text: new}}
	}
	tok := func(s string) []token {
		var z tokenizer
		z.text(s)
		z.trimSpace()
		return z.out
	}
	return wordDiff(tok(old), tok(new))
}
