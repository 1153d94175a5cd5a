package notice

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/diff/internal/examplepairs"
	"github.com/termsmith/termsmith/internal/golden"
	"github.com/termsmith/termsmith/store/terms"
)

// exampleLetterNotice builds the notice of an example's customer from the first
// to the last published version, dated the notice date recorded with the
// last, in lang.
func exampleLetterNotice(t *testing.T, name, customer, lang string, preview bool, summary string) *Notice {
	t.Helper()
	srcs, custs, err := examplepairs.Versions(name)
	if err != nil {
		t.Fatal(err)
	}
	old, new := srcs[0], srcs[len(srcs)-1]
	r, err := newReport(old, new, custs[customer], new.NoticeDate)
	if err != nil {
		t.Fatal(err)
	}
	r.Language, r.Preview, r.Summary = lang, preview, summary
	n, err := New(r, new.Store.Config.Supplier, testLetter(t, new, lang))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestExampleLetters checks the notices of both examples, in Dutch and in
// English, against golden files — the PDF's text (pdftotext), the e-mail's
// plain text and the JSON — and what each store's terms require of them:
// SmartTrackers cites article 2.2 and gives the customer until the day
// before the new terms take effect (a notice of 15 May for 1 July: 30
// June); Tracksavers cites its own article and gives no objection right,
// and never reads "Tracksavers van Tracksavers".
func TestExampleLetters(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	summary, err := os.ReadFile("testdata/examples/smarttrackers-summary.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, customer, lang, summary string
		want, never                   []string
	}{
		{"smarttrackers", "zorggroep-de-linde", "nl", string(summary),
			[]string{"artikel 2.2 van de Algemene Leveringsvoorwaarden", "tot en met 30 juni 2026", "In het kort",
				"niet automatisch in werking", "artikel 6.3 van Bijlage 1", "artikel 15.20", "artikel 15.22",
				"artikelen 4–16 worden 5–17", "Met ingang van 1 juli 2026 geldt versie 2026-07-01", "Bijlagen:",
				"CONCEPT"},
			[]string{"14 juni", "●", "hernummerd  "}},
		{"smarttrackers", "zorggroep-de-linde", "en", "",
			[]string{"article 2.2 of the Algemene Leveringsvoorwaarden", "Until and including 30 June 2026",
				"articles 4–16 become 5–17", "article 6.3 of Bijlage 1", "Enclosures:", "DRAFT"},
			[]string{"14 June", "In short"}},
		{"tracksavers", "bloemenhuis-de-linde", "nl", "",
			[]string{"artikel 21 b van hoofdstuk A", "artikel 21 c van hoofdstuk A", "de Algemene voorwaarden Tracksavers",
				"Hoofdstuk A: artikelen 7–21 worden 8–22", "CONCEPT"},
			[]string{"bezwaar", "Tracksavers van Tracksavers", "automatisch in werking"}},
		{"tracksavers", "bloemenhuis-de-linde", "en", "",
			[]string{"article 21 b of chapter A", "the Algemene voorwaarden Tracksavers", "DRAFT"},
			[]string{"object", "Tracksavers of Tracksavers"}},
	} {
		t.Run(tc.name+"-"+tc.lang, func(t *testing.T) {
			n := exampleLetterNotice(t, tc.name, tc.customer, tc.lang, true, tc.summary)
			files, err := n.Build()
			if err != nil {
				t.Fatal(err)
			}
			base := filepath.Join("testdata", "examples", tc.name+"-"+tc.customer+"."+tc.lang)
			text, body := pdfText(t, files.PDF), n.Text()
			golden.Check(t, base+".pdf.txt", []byte(text))
			golden.Check(t, base+".mail.txt", []byte(body))
			golden.Check(t, base+".json", files.JSON)
			flat := strings.Join(strings.Fields(text+"\n"+body), " ")
			for _, w := range tc.want {
				if !strings.Contains(flat, w) {
					t.Errorf("notice lacks %q", w)
				}
			}
			for _, w := range tc.never {
				if strings.Contains(flat, w) {
					t.Errorf("notice has %q", w)
				}
			}
			// A preview says so on every page.
			pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
			for i, p := range pages {
				if !strings.Contains(p, n.words.Draft) {
					t.Errorf("page %d of %d lacks %s", i+1, len(pages), n.words.Draft)
				}
			}
			if !strings.Contains(string(files.JSON), `"preview": true`) {
				t.Error(`JSON lacks "preview": true`)
			}
		})
	}
}

// TestNoticeAcrossVersions checks a notice from 2026-01-01 to a version
// two steps later: the version the customer has stays in force until the
// new one takes effect, the version passed over is named, and the changes
// of both steps are listed — with a change of quote style apart.
func TestNoticeAcrossVersions(t *testing.T) {
	srcs, custs, err := examplepairs.Versions("smarttrackers")
	if err != nil {
		t.Fatal(err)
	}
	files, err := examplepairs.Latest("smarttrackers")
	if err != nil {
		t.Fatal(err)
	}
	next := fstest.MapFS{}
	for k, v := range files {
		next[k] = v
	}
	edit := func(file, from, to string) {
		s := string(next[file].Data)
		if !strings.Contains(s, from) {
			t.Fatalf("%s lacks %q", file, from)
		}
		next[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, from, to, 1))}
	}
	edit("clauses/terms/tarieven-en-betaling.md", "uiterlijk binnen 30", "uiterlijk binnen 21")
	edit("clauses/terms/gebruik-van-data.md", `(hierna "Gebruiksgegevens")`, "(hierna “Gebruiksgegevens”)")
	third, err := terms.LoadVersion(next, "2027-01-01", day("2027-01-01"), day("2026-11-15"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := newReport(srcs[0], third, custs["zorggroep-de-linde"], day("2026-11-15"))
	if err != nil {
		t.Fatal(err)
	}
	r.Between = []diff.Step{{Version: srcs[1].Version, Effective: srcs[1].Effective}}
	n, err := New(r, third.Store.Config.Supplier, testLetter(t, third, "nl"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(n.Text()), " ")
	for _, want := range []string{
		"Met ingang van 1 januari 2027 geldt versie 2027-01-01. Tot die datum blijft versie 2026-01-01 op uw overeenkomst van toepassing.",
		"ook de wijzigingen van versie 2026-07-01 (van kracht sinds 1 juli 2026)",
		"tot en met 31 december 2026",
		"12.1 (was 11.1) AANSPRAKELIJKHEID gewijzigd",  // the first step
		"7.5 (was 6.5) TARIEVEN EN BETALING gewijzigd", // both steps
	} {
		if !strings.Contains(text, want) {
			t.Errorf("notice lacks %q:\n%s", want, n.Text())
		}
	}
	var combined bool
	for _, c := range r.Changes {
		if c.ID == "tarieven-en-betaling-5" {
			combined = strings.Contains(c.NewText, "veertien (14) dagen na factuurdatum") && // the first step
				strings.Contains(c.NewText, "uiterlijk binnen 21") && // the second
				strings.Contains(c.OldText, "termijn van 30 dagen na factuurdatum")
		}
	}
	if !combined {
		t.Error("article 7.5 is not compared from 2026-01-01 to 2027-01-01, both steps in one")
	}
	// From 2026-07-01 to the third version the only change of 5.1 is the
	// style of its quotes: listed apart, not as a change of substance.
	r2, err := newReport(srcs[1], third, custs["zorggroep-de-linde"], day("2026-11-15"))
	if err != nil {
		t.Fatal(err)
	}
	ov := r2.Overview()
	if len(ov.Typographic) != 1 || ov.Typographic[0].Number != "5.1" {
		t.Errorf("typographic %v, want 5.1 alone", ov.Typographic)
	}
	for _, row := range ov.Rows {
		if row.Number == "5.1" {
			t.Errorf("the quote-style change of 5.1 is listed as one of substance: %v", row)
		}
	}
}

// TestLetterQuotation quotes in a letter and in legal's summary: "> "
// lines are a quotation in the PDF (indented, with a rule), in the
// e-mail's text ("> " before every line) and in its HTML (blockquote);
// a nested quotation, a heading or a table is an error naming its line.
func TestLetterQuotation(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	srcs, custs, err := examplepairs.Versions("smarttrackers")
	if err != nil {
		t.Fatal(err)
	}
	old, new := srcs[0], srcs[len(srcs)-1]
	src := string(new.Letters["nl"]) + "\nArtikel 2.2 luidt nu:\n\n" +
		"> SmartTrackers kan deze voorwaarden wijzigen met een schriftelijke\n" +
		"> kennisgeving van ten minste dertig dagen.\n>\n> Tweede alinea van het citaat.\nNa het citaat.\n"
	l, err := ParseLetter("letters/notice.nl.md", "nl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var quotes []string
	for _, b := range l.blocks {
		if b.kind == quoteBlock {
			quotes = append(quotes, b.text.text)
		}
	}
	want := []string{"SmartTrackers kan deze voorwaarden wijzigen met een schriftelijke kennisgeving van ten minste dertig dagen.", "Tweede alinea van het citaat."}
	if strings.Join(quotes, "|") != strings.Join(want, "|") {
		t.Errorf("quotation blocks = %q, want %q", quotes, want)
	}
	if last := l.blocks[len(l.blocks)-1]; last.kind != paraBlock || last.text.text != "Na het citaat." {
		t.Errorf("the line after the quotation = %+v, want a paragraph of its own", last)
	}

	r, err := newReport(old, new, custs["zorggroep-de-linde"], new.NoticeDate)
	if err != nil {
		t.Fatal(err)
	}
	r.Summary = "Wat verandert:\n\n> Een citaat in de samenvatting.\n"
	n, err := New(r, new.Store.Config.Supplier, l)
	if err != nil {
		t.Fatal(err)
	}
	text := n.Text()
	for _, w := range []string{"> SmartTrackers kan deze voorwaarden wijzigen met een schriftelijke\n> kennisgeving", "> Tweede alinea van het citaat.", "> Een citaat in de samenvatting."} {
		if !strings.Contains(text, w) {
			t.Errorf("the e-mail's text lacks %q:\n%s", w, text)
		}
	}
	html, err := n.HTML()
	if err != nil {
		t.Fatal(err)
	}
	if c := strings.Count(html, "<blockquote"); c != 3 {
		t.Errorf("the e-mail's HTML has %d blockquotes, want 3", c)
	}
	files, err := n.Build()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(pdfText(t, files.PDF)), " ")
	for _, w := range []string{"wijzigen met een schriftelijke kennisgeving van ten minste dertig dagen. Tweede alinea van het citaat. Na het citaat.", "Een citaat in de samenvatting."} {
		if !strings.Contains(flat, w) {
			t.Errorf("the PDF lacks %q", w)
		}
	}

	for _, tc := range []struct{ body, want string }{
		{"> > genest", "letters/notice.nl.md:7: a quotation inside a quotation"},
		{"## Kop", "letters/notice.nl.md:7: a letter has paragraphs, bullets and quotations only"},
		{"| a | b |", "letters/notice.nl.md:7: a letter has paragraphs, bullets and quotations only"},
	} {
		src := "---\nsubject: Wijziging\nsalutation: Geachte {{contact.name}},\nclosing: Met vriendelijke groet,\n---\n\n" + tc.body + "\n"
		if _, err := ParseLetter("letters/notice.nl.md", "nl", []byte(src)); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %s", tc.body, err, tc.want)
		}
	}
}

// FuzzParseLetter feeds the letter parser any text: it never panics, an
// error names the file and a line of it, and every block it keeps starts
// on a line of the text.
func FuzzParseLetter(f *testing.F) {
	front := "---\nsubject: Wijziging per {{effective_date}}\nsalutation: Geachte {{contact.name}},\nclosing: Met vriendelijke groet,\n---\n\n"
	for _, body := range []string{
		"{{summary}}\n\nOp grond van artikel [2.2](#toepasselijkheid-2) wijzigen de voorwaarden.\n\n{{changes}}\n",
		"<!-- when: objection -->\nU kunt bezwaar maken tot {{deadline}}.\n<!-- end -->\n",
		"- een\n- twee\nvervolg\n\n> citaat\n> regel twee\n>\n> alinea\nna\n",
		"> > genest\n", "## kop\n", "<!-- when: has x\n", "regel\\\nnieuwe regel **vet**\n",
	} {
		f.Add(front + body)
	}
	f.Add("geen front matter")
	f.Fuzz(func(t *testing.T, src string) {
		const file = "letters/notice.nl.md"
		l, err := ParseLetter(file, "nl", []byte(src))
		lines := strings.Count(src, "\n") + 1
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, file+":") && !strings.HasPrefix(msg, file+" ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, b := range l.blocks {
			if b.text.line < 1 || b.text.line > lines {
				t.Fatalf("a block on line %d of a text of %d lines", b.text.line, lines)
			}
		}
	})
}
