package clauses

import (
	"strings"
	"testing"
)

// TestParseLoneCarriageReturns checks that a file with classic Mac OS line
// ends (a carriage return alone, found by FuzzParse) parses like the same
// file with LF line ends, and that an error in it names the same line:
// YAML counts a lone CR as a line end, and so must the line numbers.
func TestParseLoneCarriageReturns(t *testing.T) {
	good := "---\nid: x\ntitle: X\n---\n\n1. Een\n   twee.\n"
	a, err := Parse("a.md", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("a.md", []byte(strings.ReplaceAll(good, "\n", "\r")))
	if err != nil {
		t.Fatal(err)
	}
	if dump(a) != dump(b) {
		t.Errorf("CR line ends parse differently:\n%s\nvs\n%s", dump(a), dump(b))
	}
	bad := "---\nid: x\ntitle: X\nwhen: [\n---\n"
	_, errLF := Parse("a.md", []byte(bad))
	_, errCR := Parse("a.md", []byte(strings.ReplaceAll(bad, "\n", "\r")))
	if errLF == nil || errCR == nil || errLF.Error() != errCR.Error() {
		t.Errorf("errors differ:\nLF: %v\nCR: %v", errLF, errCR)
	}
}
