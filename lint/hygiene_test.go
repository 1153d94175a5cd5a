package lint

import (
	"strings"
	"testing"
)

// TestHiddenCharacters checks that every kind of hidden character is an
// error with its file, line and column, typed as it is or written as a
// YAML escape, and that a character reference (shown as written) and
// text in normalisation form D (read as NFC) are not.
func TestHiddenCharacters(t *testing.T) {
	clause := "---\nid: duur\ntitle: \"DU\\u200BUR\"\n---\n\n" +
		"1. <!-- id: opzegging -->\n   Partijen kunnen op\u00adzeggen met een termijn van {{termijn}}.\n\n" +
		"2. Na opzegging volgens artikel [2.1](#opzegging) eindigen de\u200b Diensten\u202e.\n\n" +
		"3. Een bel\x07, een escape\x1b[31m en een C1-teken\u0085 en een woordverbinder\u2060.\n\n" +
		"4. Een verwijzing&#8203;als entiteit, en \u00e9e\u0301n in NFD.\n"
	customer := strings.Replace(base["customers/acme.yaml"], "address: Weg 1, Utrecht", `address: "Weg 1\u202e, Utrecht"`, 1)
	rep := lintFiles(t, map[string]string{"clauses/terms/duur.md": clause, "customers/acme.yaml": customer})
	var got []string
	for _, f := range rep.Findings {
		if f.Rule == "hidden-character" {
			got = append(got, f.String())
		}
	}
	want := []string{
		`clauses/terms/duur.md:3:8: error: hidden character U+200B (zero-width character) (written as an escape): it changes or hides text without showing; remove it [hidden-character]`,
		`clauses/terms/duur.md:7:22: error: hidden character U+00AD (soft hyphen): it changes or hides text without showing; remove it [hidden-character]`,
		`clauses/terms/duur.md:9:62: error: hidden character U+200B (zero-width character): it changes or hides text without showing; remove it [hidden-character]`,
		`clauses/terms/duur.md:9:72: error: hidden character U+202E (bidirectional control): it changes or hides text without showing; remove it [hidden-character]`,
		`clauses/terms/duur.md:11:11: error: hidden character U+0007 (control character): it changes or hides text without showing; remove it [hidden-character]`,
		`clauses/terms/duur.md:11:24: error: hidden character U+001B (control character): it changes or hides text without showing; remove it [hidden-character]`,
		`clauses/terms/duur.md:11:45: error: hidden character U+0085 (C1 control character): it changes or hides text without showing; remove it [hidden-character]`,
		`clauses/terms/duur.md:11:68: error: hidden character U+2060 (zero-width character): it changes or hides text without showing; remove it [hidden-character]`,
		`customers/acme.yaml:2:10: error: hidden character U+202E (bidirectional control) (written as an escape): it changes or hides text without showing; remove it [hidden-character]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.Errors() < len(want) {
		t.Errorf("%d errors, want at least %d: publish refuses a store with any", rep.Errors(), len(want))
	}
}
