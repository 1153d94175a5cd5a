package diff_test

import (
	"strings"
	"testing"

	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/diff/internal/examplepairs"
)

// TestTableRedlineOfTheSubProcessors checks that SmartTrackers' new
// Appendix B sub-processor table is redlined as a table: one inserted row
// per sub-processor, its cells kept apart (no " | " in a cell).
func TestTableRedlineOfTheSubProcessors(t *testing.T) {
	srcs, _, err := examplepairs.Versions("smarttrackers")
	if err != nil {
		t.Fatal(err)
	}
	r, err := diff.ReportFor(srcs[0], srcs[1], nil)
	if err != nil {
		t.Fatal(err)
	}
	var rows []diff.TableRow
	for i := range r.Changes {
		if c := &r.Changes[i]; c.Part == "dpa-appendix-b" && c.IsTable() {
			rows = c.TableRedline()
		}
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows, want the header and four sub-processors: %v", len(rows), rows)
	}
	for i, row := range rows {
		if row.Op != diff.Insert || len(row.Cells) != 4 {
			t.Errorf("row %d: %s with %d cells, want an inserted row of 4", i, row.Op, len(row.Cells))
		}
		for _, cell := range row.Cells {
			for _, s := range cell {
				if s.Op != diff.Insert || s.Text == "" || strings.Contains(s.Text, " | ") {
					t.Errorf("row %d: cell segment %+v", i, s)
				}
			}
		}
	}
	if got := rows[4].Cells[0][0].Text; got != "Lexa Language Services Inc." {
		t.Errorf("last row starts %q, want the new Lexa Language Services Inc.", got)
	}
}

// TestTableRedlineOfAChangedRow checks that a row replaced by one with as
// many cells is one row with a redline per cell.
func TestTableRedlineOfAChangedRow(t *testing.T) {
	c := diff.TableChangeForTest([][]string{{"Naam", "Land"}, {"Nordhost", "Nederland"}, {"Postwerk", "Duitsland"}},
		[][]string{{"Naam", "Land"}, {"Nordhost", "België"}, {"Postwerk", "Duitsland"}, {"Lexa", "Verenigde Staten"}})
	rows := c.TableRedline()
	ops := ""
	for _, r := range rows {
		ops += string(r.Op)[:1]
	}
	if ops != "eeei" {
		t.Fatalf("row ops %q, want eeei: %+v", ops, rows)
	}
	cell := rows[1].Cells[1]
	if len(cell) != 2 || cell[0] != (diff.Segment{Op: diff.Delete, Text: "Nederland"}) || cell[1] != (diff.Segment{Op: diff.Insert, Text: "België"}) {
		t.Errorf("changed cell %+v", cell)
	}
}
