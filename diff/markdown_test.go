package diff

import "testing"

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
