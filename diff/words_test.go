package diff

import (
	"strings"
	"testing"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/templates"
)

// TestTokens checks the word tokens: amounts with a euro sign, clause
// numbers, hyphenated and apostrophed words, e-mail addresses and decimal
// commas are one token each; punctuation and white space are separate.
func TestTokens(t *testing.T) {
	tests := []struct{ in, want string }{
		{"beperkt tot € 100.000 per jaar.", "beperkt| |tot| |€ 100.000| |per| |jaar|."},
		{"zie artikel 15.11, lid (a)", "zie| |artikel| |15.11|,| |lid| |(|a|)"},
		{"e-mail naar ’s-Hertogenbosch", "e-mail| |naar| |’s-Hertogenbosch"},
		{"mail legal@voorbeeld.nl of EUR 99,95", "mail| |legal@voorbeeld.nl| |of| |EUR 99,95"},
		{"a,b en 1,5", "a|,|b| |en| |1,5"},
		{"beëindiging  –  café", "beëindiging| |–| |café"},
		{"€100 en 10%", "€100| |en| |10|%"},
	}
	for _, tt := range tests {
		var z tokenizer
		z.text(tt.in)
		var got []string
		for _, tok := range z.out {
			got = append(got, tok.text)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.in, g, tt.want)
		}
	}
}

// TestTokensIgnoreStyleAndSpace checks that the comparison key ignores
// emphasis and how runs are split, and that a cross-reference compares by
// its target, not by the number it prints.
func TestTokensIgnoreStyleAndSpace(t *testing.T) {
	a := []templates.Inline{{Text: "De "}, {Text: "Klant", Style: clauses.Bold}, {Text: "  betaalt, zie "}, {Ref: "cap", Text: "4.1"}, {Text: "."}}
	b := []templates.Inline{{Text: "De Klant betaalt,"}, {Break: true}, {Text: "zie "}, {Ref: "cap", Text: "5.1", Style: clauses.Italic}, {Text: ". "}}
	if ka, kb := tokenKey(tokens(a)), tokenKey(tokens(b)); ka != kb {
		t.Errorf("keys differ:\n%q\n%q", ka, kb)
	}
	c := []templates.Inline{{Text: "De Klant betaalt, zie "}, {Ref: "opzegging", Text: "4.1"}, {Text: "."}}
	if tokenKey(tokens(a)) == tokenKey(tokens(c)) {
		t.Error("a reference to another clause compares equal")
	}
}

func redline(segs []Segment) string {
	var sb strings.Builder
	for _, s := range segs {
		switch s.Op {
		case Equal:
			sb.WriteString(s.Text)
		case Delete:
			sb.WriteString("[-" + s.Text + "-]")
		case Insert:
			sb.WriteString("{+" + s.Text + "+}")
		}
	}
	return sb.String()
}

func textTokens(s string) []token {
	var z tokenizer
	z.text(s)
	z.trimSpace()
	return z.out
}

// TestWordDiff checks the word-level redline: whole words only, and a
// replaced phrase grouped as one deletion followed by one insertion.
func TestWordDiff(t *testing.T) {
	tests := []struct{ old, new, want string }{
		{"beperkt tot € 100.000 per gebeurtenis.", "beperkt tot € 150.000 per gebeurtenis.",
			"beperkt tot [-€ 100.000-]{+€ 150.000+} per gebeurtenis."},
		{"binnen 30 dagen na factuurdatum", "binnen 14 dagen na factuurdatum",
			"binnen [-30-]{+14+} dagen na factuurdatum"},
		{"De Klant betaalt de factuur binnen de termijn.", "De Klant voldoet het volledige bedrag binnen de termijn.",
			"De Klant [-betaalt de factuur-]{+voldoet het volledige bedrag+} binnen de termijn."},
		{"zie artikel 15.11 en 15.12", "zie artikel 15.11 en 15.13",
			"zie artikel 15.11 en [-15.12-]{+15.13+}"},
		{"een twee drie", "een drie", "een [-twee -]drie"},
		{"Klant", "Leverancier", "[-Klant-]{+Leverancier+}"},
	}
	for _, tt := range tests {
		segs := wordDiff(textTokens(tt.old), textTokens(tt.new))
		if got := redline(segs); got != tt.want {
			t.Errorf("%q → %q:\n got %s\nwant %s", tt.old, tt.new, got, tt.want)
		}
		checkSegments(t, tt.old, tt.new, segs)
	}
}

// checkSegments checks that the equal and inserted segments spell new,
// and the equal and deleted ones old — up to digits, because a
// cross-reference in equal text prints its new number.
func checkSegments(t *testing.T, old, new string, segs []Segment) {
	t.Helper()
	var o, n strings.Builder
	for _, s := range segs {
		if s.Op != Insert {
			o.WriteString(s.Text)
		}
		if s.Op != Delete {
			n.WriteString(s.Text)
		}
		if s.Text == "" {
			t.Errorf("empty %s segment", s.Op)
		}
	}
	if maskDigits(o.String()) != maskDigits(old) || n.String() != new {
		t.Errorf("segments spell\n%q\n%q\nwant\n%q\n%q", o.String(), n.String(), old, new)
	}
}

// TestWordDiffBound checks that a clause over MaxClauseTokens is shown as
// deleted and inserted whole, quickly, instead of diffed word by word.
func TestWordDiffBound(t *testing.T) {
	old := strings.Repeat("alfa beta ", MaxClauseTokens)
	new := strings.Repeat("gamma delta ", MaxClauseTokens)
	segs := wordDiff(textTokens(old), textTokens(new))
	if len(segs) != 2 || segs[0].Op != Delete || segs[1].Op != Insert {
		t.Errorf("got %d segments, want one deletion and one insertion", len(segs))
	}
}

// TestElide checks that long unchanged passages keep ElideContext words
// next to each change and are marked where text was left out.
func TestElide(t *testing.T) {
	var words []string
	for i := range 100 {
		words = append(words, "w"+strings.Repeat("x", i%3))
	}
	long := strings.Join(words, " ")
	c := Change{Kind: Modified, Segments: []Segment{
		{Op: Equal, Text: long + " "}, {Op: Delete, Text: "oud"}, {Op: Insert, Text: "nieuw"}, {Op: Equal, Text: " " + long},
	}}
	segs := c.Redline("[…]")
	head, tail := segs[0].Text, segs[3].Text
	if !strings.HasPrefix(head, "[…] ") || len(strings.Fields(head)) != ElideContext+1 {
		t.Errorf("text before the change: %q", head)
	}
	if !strings.HasSuffix(tail, " […]") || len(strings.Fields(tail)) != ElideContext+1 {
		t.Errorf("text after the change: %q", tail)
	}
	short := Change{Kind: Modified, Segments: []Segment{{Op: Equal, Text: "kort "}, {Op: Insert, Text: "nieuw"}}}
	if got := short.Redline("[…]")[0].Text; got != "kort " {
		t.Errorf("short text elided: %q", got)
	}
}

func maskDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '#'
		}
		return r
	}, s)
}
