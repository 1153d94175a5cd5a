package importer

import (
	"strings"
	"testing"

	"github.com/termsmith/termsmith/clauses"
)

// TestMarkdownClauseFilesDoNotAllow imports Markdown that clause files
// refuse — found by FuzzImport: a directive after an item's marker, raw
// HTML, a rule, an image — and checks that the import
// succeeds, keeps the structure it can, and reports what it changed,
// instead of failing with a clause file of its own that does not parse.
func TestMarkdownClauseFilesDoNotAllow(t *testing.T) {
	for _, c := range []struct {
		name, body, report, want string
	}{
		{"directive after an item marker", "1. <!-- id: x-1 -->\n   Tekst van het item.\n2. Twee.\n",
			"HTML comment dropped", "1. <!-- id: a-tekst-item -->\n   Tekst van het item.\n\n2. <!-- id: a-twee -->\n   Twee.\n"},
		{"an item with its text on the next line", "1.\u0020\n   Tekst.\n", "", "1. <!-- id: a-tekst -->\n   Tekst.\n"},
		{"an empty item at the end", "Tekst.\n\n0) ", "", "Tekst.\n"},
		{"raw HTML", "00) <!A0\n", "HTML is not allowed in clause text", `\<!A0`},
		{"inline HTML", "Tekst met <b>vet</b> en *schuin*.\n", `inline HTML "<b>" is not allowed`, `Tekst met \<b\>vet\</b\> en \*schuin\*.`},
		{"an image beside a block quote", "Een ![plaatje](x.png).\n\n> Een *citaat*.\n", "images are not allowed", "> Een \\*citaat\\*."},
		{"a rule", "Een.\n\n***\n\nTwee.\n", "a horizontal rule", `\*\*\*`},
		{"an image", "Een ![plaatje](x.png).\n", "images are not allowed", `Een !\[plaatje\](x.png).`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Import("in.md", []byte("# T\n\n## 1. A\n\n"+c.body), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := findClause(t, r, "terms/a")
			if !strings.Contains(got, c.want) {
				t.Errorf("clause file does not contain %q:\n%s", c.want, got)
			}
			var reports []string
			for _, rep := range r.Reports {
				reports = append(reports, rep.String())
			}
			if all := strings.Join(reports, "\n"); !strings.Contains(all, c.report) {
				t.Errorf("reports do not say %q:\n%s", c.report, all)
			}
		})
	}
}

// TestMarkdownSubSections imports sub-sections typed with their number, as
// headings (#### 3.1. General.) and as bold bullets (* **3.3.1. X.** …),
// and checks that they become numbered sub-clauses whose numbers
// termsmith computes — the text under a heading inside its item, lists
// nested in it — and that a heading whose number does not continue stays
// a sub-heading, reported.
func TestMarkdownSubSections(t *testing.T) {
	in := "# T\n\n### 1. Definitions.\n\nText.\n\n### 3. Obligations.\n\n" +
		"#### 3.1. General.\nYou will comply.\n\n" +
		"#### 3.2 Registration\n\nRegister first.\n\nThen wait.\n\n* one;\n* two.\n\n" +
		"#### 3.3. Monetization.\nSome options.\n\n" +
		"  * **3.3.1. Subscriptions.** The Program offers them.\n\n" +
		"  * **3.3.2. \"Other\"** means any other.\n\n" +
		"##### 3.3.3. Advertising.\nNo ads.\n\n" +
		"#### 3.7. Stray.\nKept.\n"
	r, err := Import("in.md", []byte(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := findClause(t, r, "terms/obligations")
	for _, want := range []string{
		"1. <!-- id: obligations-general -->\n   **General.** You will comply.\n",
		"2. <!-- id: obligations-registration -->\n   **Registration**\n\n   Register first.\n\n   Then wait.\n\n   - one;\n\n   - two.\n",
		"3. <!-- id: obligations-monetization -->\n   **Monetization.** Some options.\n\n" +
			"   1. **Subscriptions.** The Program offers them.\n\n" +
			"   2. **\"Other\"** means any other.\n\n" +
			"   3. **Advertising.** No ads.\n",
		"### 3.7. Stray.\n\nKept.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("clause lacks %q:\n%s", want, got)
		}
	}
	var reports []string
	for _, rep := range r.Reports {
		reports = append(reports, rep.String())
	}
	if all := strings.Join(reports, "\n"); !strings.Contains(all, `sub-section "3.7" does not continue the numbering (3.4 expected)`) {
		t.Errorf("reports:\n%s", all)
	}
	if lv := r.Numbering.Levels; len(lv) < 2 || lv[0] != "{parent}.{1}." || lv[1] != "{parent}.{1}." {
		t.Errorf("numbering levels %q; want {parent}.{1}. at both depths", lv)
	}
}

// TestMarkdownBlockQuotes imports block quotes as policy pages write them
// and checks that each is written back as one quotation with its inline
// formatting, never as escaped text: a quote that interrupts a paragraph,
// one of several paragraphs with a list, a lazy continuation line, and
// two quotes in a row that stay two.
func TestMarkdownBlockQuotes(t *testing.T) {
	in := "# T\n\n## 1. A\n\n" +
		"The **Code of Ethics** says:\n>You must *never* pay.\n\n" +
		"Further:\n\n> First paragraph,\ncontinued lazily.\n>\n> It covers:\n> - gifts;\n> - travel.\n\n" +
		"> One quote.\n\n> Another quote.\n"
	r, err := Import("in.md", []byte(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := findClause(t, r, "terms/a")
	want := "The **Code of Ethics** says:\n\n> You must *never* pay.\n\n" +
		"Further:\n\n> First paragraph, continued lazily.\n>\n> It covers:\n>\n> - gifts;\n>\n> - travel.\n\n" +
		"> One quote.\n\n> Another quote.\n"
	if !strings.HasSuffix(got, want) {
		t.Errorf("clause file:\n%s\nwant it to end with:\n%s", got, want)
	}
	for _, rep := range r.Reports {
		t.Errorf("unexpected report %s", rep)
	}
	c, err := clauses.Parse("a.md", []byte(got))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, b := range c.Body {
		kinds = append(kinds, b.Kind.String())
	}
	if k := strings.Join(kinds, " "); k != "paragraph quote paragraph quote quote quote" {
		t.Errorf("blocks %s; want paragraph quote paragraph quote quote quote", k)
	}
	if q := c.Body[3]; len(q.Children) != 3 || q.Children[2].Kind != clauses.List {
		t.Errorf("the second quote holds %d blocks; want two paragraphs and a list", len(q.Children))
	}
}
