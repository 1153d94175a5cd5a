package render

import (
	"strings"
	"testing"
)

func TestAgreementMarkdown(t *testing.T) {
	doc := assemble(t, "acme")
	out, err := AgreementMarkdown(doc)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "acme-agreement.md", out)
	if err := checkWords(doc, strings.NewReplacer("\\", "", "*", "", "<u>", "", "</u>", "", "|", " ").Replace(string(out))); err != nil {
		t.Error(err)
	}
}

func TestMarkdownEscapesNumbersAndMarkup(t *testing.T) {
	for in, want := range map[string]string{
		"1.":    `1\.`,
		"12)":   `12\)`,
		"1.1.":  "1.1.",
		"-":     `\-`,
		"A.":    "A.",
		"(iii)": "(iii)",
		"●":     "●",
	} {
		if got := mdNumber(in); got != want {
			t.Errorf("mdNumber(%q) = %q, want %q", in, got, want)
		}
	}
	if got := mdEscape("a*b_c[d]|e<f"); got != `a\*b\_c\[d\]\|e\<f` {
		t.Errorf("mdEscape: %q", got)
	}
}
