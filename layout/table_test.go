package layout

import (
	"math"
	"strings"
	"testing"
)

// widthsOf returns the column widths the flow gives table t.
func widthsOf(t *testing.T, tb Table) []float64 {
	t.Helper()
	f := NewFlow(Options{})
	cells := make([][][]word, len(tb.Rows))
	for r, row := range tb.Rows {
		cells[r] = make([][]word, len(row))
		for c, runs := range row {
			cells[r][c] = f.words(runs, f.opt.FontSize)
		}
	}
	return f.columnWidths(tb, cells, len(tb.Rows[0]), f.width)
}

func TestTwoColumnsOfRunningTextAreBalanced(t *testing.T) {
	// Bijlage 2's table: two lists side by side, one far longer.
	long := "Alle overige data die specifiek onderdeel uitmaakt van de interne werking van de Diensten waarbij risico bestaat op schending van intellectuele eigendomsrechten en/of bedrijfsgeheimen, waaronder maar niet beperkt tot:" +
		"\n● algoritmes voor berekeningen\n● interne database structuren en indexering\n● beveiligingssleutels, authenticatiegegevens en encryptie-informatie" +
		"\n● performance metrics, system logs en diagnostische data\n● licentie-informatie en gebruiksstatistieken\n● interne workflow engines en business logic"
	w := widthsOf(t, Table{Rows: [][][]Run{
		{{{Text: "Uitputtende lijst A"}}, {{Text: "Uitputtende lijst B"}}},
		{{{Text: "Alle door Klant ingevoerde data en content beschikbaar in een export"}}, {{Text: "Alle metadata en logs die betrekking hebben op de interne werking van de Diensten"}}},
		{{{Text: "De door Klant gegenereerde rapporten"}}, {{Text: "Audittrails"}}},
		{{}, {{Text: long}}},
	}})
	if math.Abs(w[0]-w[1]) > 0.01 {
		t.Errorf("widths %.1f and %.1f, want them equal", w[0], w[1])
	}
}

func TestATableOfEntriesAndOneLongColumnStaysCompact(t *testing.T) {
	// A name, a long description and a mark: balancing would cost more
	// than a tenth more lines, so the description keeps the room.
	long := strings.Repeat("de verwerking van persoonsgegevens ", 20)
	tb := Table{Rows: [][][]Run{
		{{{Text: "Naam"}}, {{Text: "Omschrijving"}}, {{Text: "Ja"}}},
		{{{Text: "Amazon Web Services"}}, {{Text: long}}, {{Text: "x"}}},
	}}
	w := widthsOf(t, tb)
	f := NewFlow(Options{})
	if !(w[1] > w[0] && w[1] > w[2]) {
		t.Errorf("widths %.1f, want the description widest", w)
	}
	if w[2] < 14-0.01 {
		t.Errorf("mark column %.1f mm, want at least 14", w[2])
	}
	if sum := w[0] + w[1] + w[2]; math.Abs(sum-f.width) > 0.01 {
		t.Errorf("widths add up to %.1f, want %.1f", sum, f.width)
	}
}
