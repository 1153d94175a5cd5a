package diff

import "github.com/termsmith/termsmith/agreement"

// TableChangeForTest returns a modified change of a table from old rows to
// new rows, for tests of TableRedline.
func TableChangeForTest(old, new [][]string) *Change {
	return &Change{Kind: Modified, unit: agreement.Table, oldRows: old, newRows: new}
}
