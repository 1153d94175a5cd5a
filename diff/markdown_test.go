package diff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/agreement"
)

// TestMDRedline checks the redline of a pull-request comment: marks hug
// their words (GFM strikes "~~word~~", not "~~ word~~"), a replacement
// keeps a space between its deletion and insertion, each line of a
// segment is marked on its own, and text cannot make Markdown or HTML.
func TestMDRedline(t *testing.T) {
	for _, tc := range []struct {
		segs []Segment
		want string
	}{
		{[]Segment{{Equal, "binnen "}, {Delete, "14"}, {Insert, "30"}, {Equal, " dagen"}}, "binnen ~~14~~ <ins>30</ins> dagen"},
		{[]Segment{{Equal, "de"}, {Delete, " oude "}, {Equal, "tekst"}}, "de ~~oude~~ tekst"},
		{[]Segment{{Insert, "4. TITEL\n4.1. Eerste lid."}}, "<ins>4. TITEL</ins><br><ins>4.1. Eerste lid.</ins>"},
		{[]Segment{{Equal, "a <b> *c* | d"}}, `a \<b\> \*c\* \| d`},
		{[]Segment{{Delete, "\n"}, {Equal, "rest"}}, "<br>rest"},
	} {
		if got := mdRedline(tc.segs); got != tc.want {
			t.Errorf("mdRedline(%q)\n got %q\nwant %q", tc.segs, got, tc.want)
		}
	}
}

// TestMarkdownGroups checks that customers with the same list of changes
// share a section (what differs in their values shows in the redline), that a long list of customers is cut after mdNamed
// names, and that a redline that reads the same for every customer names
// none of them.
func TestMarkdownGroups(t *testing.T) {
	change := func(title, old, new string) Change {
		return Change{Kind: Modified, ID: "c", OldNumber: "2.1", NewNumber: "2.1", Title: title, OldText: old, NewText: new,
			Segments: []Segment{{Delete, old}, {Insert, new}}}
	}
	var reports []*Report
	for i := range 13 {
		id := fmt.Sprintf("klant-%02d", i)
		r := &Report{Customer: &agreement.Customer{ID: id, LegalName: "Klant " + id}}
		switch {
		case i < 12:
			r.Changes = []Change{change("Betaling", "14 dagen", "30 dagen")}
		default:
			r.Changes = []Change{change("Facturering", "14 dagen", "60 dagen")}
		}
		reports = append(reports, r)
	}
	reports = append(reports, &Report{Customer: &agreement.Customer{ID: "ongewijzigd", LegalName: "Ongewijzigd"}})
	md := string(Markdown("v1", "v2", reports))
	for _, want := range []string{
		"### 12 customers: Klant klant-00 (klant-00), ",
		", Klant klant-09 (klant-09), and 2 more\n\n1 modified\n\n- modified: 2.1 Betaling\n",
		"No change for: ongewijzigd\n",
		"**2.1 – Betaling (modified)** — for klant-00, klant-01, ",
		"klant-09, and 2 more\n\n~~14 dagen~~ <ins>30 dagen</ins>\n",
		"### Klant klant-12 (klant-12)\n\n1 modified\n\n- modified: 2.1 Facturering\n",
		"**2.1 – Facturering (modified)** — for klant-12\n\n~~14 dagen~~ <ins>60 dagen</ins>\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the comment lacks %q:\n%s", want, md)
		}
	}
	if n := strings.Count(md, "###"); n != 2 {
		t.Errorf("%d sections, want 2 (12 customers alike, 1 apart)", n)
	}
}
