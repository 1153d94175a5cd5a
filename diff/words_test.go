package diff

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/store/terms"
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
	a := []agreement.Inline{{Text: "De "}, {Text: "Klant", Style: clauses.Bold}, {Text: "  betaalt, zie "}, {Ref: "cap", Text: "4.1"}, {Text: "."}}
	b := []agreement.Inline{{Text: "De Klant betaalt,"}, {Break: true}, {Text: "zie "}, {Ref: "cap", Text: "5.1", Style: clauses.Italic}, {Text: ". "}}
	if ka, kb := tokenKey(tokens(a)), tokenKey(tokens(b)); ka != kb {
		t.Errorf("keys differ:\n%q\n%q", ka, kb)
	}
	c := []agreement.Inline{{Text: "De Klant betaalt, zie "}, {Ref: "opzegging", Text: "4.1"}, {Text: "."}}
	if tokenKey(tokens(a)) == tokenKey(tokens(c)) {
		t.Error("a reference to another clause compares equal")
	}
}

// tokens returns the tokens of inline runs, as one paragraph.
func tokens(in []agreement.Inline) []token {
	var z tokenizer
	feedInlines(&z, in)
	z.trimSpace()
	return z.out
}

// tokenKey joins the keys of tokens as the normalizer does: a NUL after
// each cross-reference.
func tokenKey(ts []token) string {
	var sb strings.Builder
	for _, t := range ts {
		sb.WriteString(t.key)
		if strings.HasPrefix(t.key, refPrefix) {
			sb.WriteByte(0)
		}
	}
	return sb.String()
}

// TestNormalizerMatchesTokens checks, for every unit of both versions of
// both examples and every test case, that the comparison key the normalizer
// makes is the joined keys of the unit's tokens: units compare equal by key
// exactly when their tokens do.
func TestNormalizerMatchesTokens(t *testing.T) {
	var docs []*agreement.Agreement
	for _, name := range examples.Names() {
		fsys, err := examples.Store(name)
		if err != nil {
			t.Fatal(err)
		}
		src, err := terms.LoadVersion(fsys, "v1", time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		custs, err := agreement.LoadCustomers(fsys)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range custs {
			doc, err := src.Assemble(c)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, doc)
		}
	}
	docs = append(docs, &agreement.Agreement{Parts: []*agreement.Part{{ID: "p", Title: "T", Blocks: []*agreement.Block{
		{Kind: agreement.Table, ID: "p/t1", Rows: [][][]agreement.Inline{
			{{{Text: " "}}, {{Text: "x "}, {Ref: "a", Text: "1"}}},
			{{{Text: "€"}}, {{Break: true}, {Text: " 100  "}, {Text: "k", Style: clauses.Bold}}},
		}},
	}}}})
	n := 0
	for _, doc := range docs {
		for _, u := range flatten(doc).units {
			if want := tokenKey(u.tokens()); u.key != want {
				t.Errorf("%s: key %q, tokens %q", u.id, u.key, want)
			}
			n++
		}
	}
	if n < 1000 {
		t.Errorf("only %d units checked", n)
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
		{"de organisatie Opdrachtgever en", "de organisatie van Opdrachtgever en", "de organisatie {+van +}Opdrachtgever en"},
		{"de totale aansprakelijkheid, cumulatieve", "de totale, cumulatieve", "de totale[- aansprakelijkheid-], cumulatieve"},
		// A word that only gained white space after it is unchanged.
		{"aangehecht bij deze Algemene Voorwaarden.", "aangehecht bij deze Algemene Voorwaarden als Bijlage 2.",
			"aangehecht bij deze Algemene Voorwaarden{+ als Bijlage 2+}."},
		// Of the equally short edit scripts, the one that keeps the word.
		{"withhold payment due to Sponsored Developer", "withhold payment to the Sponsored Developer",
			"withhold payment [-due -]to {+the +}Sponsored Developer"},
		// Keeping a comma never costs a word: of the two redlines, the one
		// that marks fewer words as changed …
		{"fees, taxes; and costs.", "taxes and fees, costs.", "[-fees, -]taxes[-;-] and {+fees, +}costs."},
		// … and of two that mark as many, the one that keeps the
		// punctuation in place: two words swapped read as two replacements.
		{"de Klant, de Leverancier, of", "de Leverancier, de Klant, of", "de [-Klant-]{+Leverancier+}, de [-Leverancier-]{+Klant+}, of"},
		// A shared content word between two edits stays unchanged.
		{"zal de Verwerkingsverantwoordelijke gegevens toevoegen aan de Software (\"Klantgegevens\").",
			"zal de Verwerkingsverantwoordelijke Klantgegevens, als bedoeld in artikel 5.1, toevoegen aan de Programmatuur.",
			"zal de Verwerkingsverantwoordelijke [-gegevens-]{+Klantgegevens, als bedoeld in artikel 5.1,+} toevoegen aan de [-Software (\"Klantgegevens\")-]{+Programmatuur+}."},
		// A short word between two long replacements is read with them:
		// the passage was rewritten.
		{"Wij bewaren uw gegevens zorgvuldig en veilig in Nederland.",
			"Leverancier verwerkt alle persoonsgegevens uitsluitend in datacentra binnen Europa.",
			"[-Wij bewaren uw gegevens zorgvuldig en veilig in Nederland-]{+Leverancier verwerkt alle persoonsgegevens uitsluitend in datacentra binnen Europa+}."},
		// … but not between two short ones, nor next to a pure insertion.
		{"binnen veertien (14) dagen", "binnen dertig (30) dagen", "binnen [-veertien-]{+dertig+} ([-14-]{+30+}) dagen"},
		{"de natuurlijke persoon of rechtspersoon die", "de natuurlijke persoon die handelt in een beroep of bedrijf, of de rechtspersoon, die",
			"de natuurlijke persoon {+die handelt in een beroep +}of {+bedrijf, of de +}rechtspersoon{+,+} die"},
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

// TestWordDiffProperties runs the word diff over every clause of the
// SmartTrackers example against edited copies of it (words dropped,
// replaced, inserted and swapped, with a fixed seed) and checks what must
// always hold: the segments spell both texts, no segment is empty, no two
// neighbours have the same operation, and a deletion is never followed by
// an equal run of white space and another deletion.
func TestWordDiffProperties(t *testing.T) {
	fsys, err := examples.Store("smarttrackers")
	if err != nil {
		t.Fatal(err)
	}
	src, err := terms.LoadVersion(fsys, "v1", time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	custs, err := agreement.LoadCustomers(fsys)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := src.Assemble(custs["zorggroep-de-linde"])
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for _, u := range flatten(doc).units {
		words := strings.Fields(u.text())
		if len(words) < 3 {
			continue
		}
		for range 3 {
			edited := append([]string(nil), words...)
			for range 1 + rng.IntN(3) {
				i := rng.IntN(len(edited))
				switch rng.IntN(4) {
				case 0:
					edited = append(edited[:i], edited[i+1:]...)
				case 1:
					edited[i] = "gewijzigd"
				case 2:
					edited = append(edited[:i], append([]string{"nieuw", "woord"}, edited[i:]...)...)
				case 3:
					j := rng.IntN(len(edited))
					edited[i], edited[j] = edited[j], edited[i]
				}
				if len(edited) == 0 {
					edited = []string{"leeg"}
				}
			}
			old, new := strings.Join(words, " "), strings.Join(edited, " ")
			segs := wordDiff(textTokens(old), textTokens(new))
			checkSegments(t, old, new, segs)
			for i := 1; i < len(segs); i++ {
				if segs[i].Op == segs[i-1].Op {
					t.Fatalf("%q → %q: two %s segments in a row", old, new, segs[i].Op)
				}
				if i >= 2 && segs[i].Op == Delete && segs[i-1].Op == Equal && strings.TrimSpace(segs[i-1].Text) == "" && segs[i-2].Op != Equal {
					t.Fatalf("%q → %q: an edit split by white space: %q", old, new, redline(segs))
				}
			}
			checked++
		}
	}
	if checked < 300 {
		t.Errorf("only %d edits checked; the example has fewer clauses than expected", checked)
	}
}
