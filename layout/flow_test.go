package layout

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/termsmith/termsmith/internal/pdfcheck"
)

var day = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// pageTexts returns the text each laid-out page draws, words separated by
// single spaces, in drawing order.
func pageTexts(f *Flow) []string {
	f.Layout()
	out := make([]string, len(f.pages))
	for i, p := range f.pages {
		var sb strings.Builder
		bands := append(append([]*band{}, p.repeat...), f.bands[p.start:p.end]...)
		for _, b := range bands {
			for _, o := range b.ops {
				if o.kind == opText {
					sb.WriteString(o.text + " ")
				}
			}
		}
		out[i] = strings.Join(strings.Fields(sb.String()), " ")
	}
	return out
}

// pageHeights returns the height each page's bands take.
func pageHeights(f *Flow) []float64 {
	f.Layout()
	var hs []float64
	for _, p := range f.pages {
		h := 0.0
		for _, b := range p.repeat {
			h += b.h
		}
		for i := p.start; i < p.end; i++ {
			h += f.bands[i].h
			if i > p.start {
				h += f.bands[i].before
			}
		}
		hs = append(hs, h)
	}
	return hs
}

func numberedWords(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("woord%d", i)
	}
	return strings.Join(w, " ")
}

func TestParagraphLongerThanAPageKeepsEveryWordInOrder(t *testing.T) {
	f := NewFlow(Options{})
	text := numberedWords(2500)
	f.Paragraph(Para{Runs: []Run{{Text: text}}})
	pages := pageTexts(f)
	if len(pages) < 3 {
		t.Fatalf("2,500 words on %d pages, want at least 3", len(pages))
	}
	if got := strings.Join(pages, " "); got != text {
		t.Errorf("text across pages differs from the paragraph:\n got %.200q…\nwant %.200q…", got, text)
	}
	for i, h := range pageHeights(f) {
		if h > bodyHeight {
			t.Errorf("page %d holds %.2f mm, more than the %.2f mm body", i+1, h, bodyHeight)
		}
	}
}

func TestLinesFitTheirWidth(t *testing.T) {
	f := NewFlow(Options{})
	f.Paragraph(Para{Indent: 10, LabelWidth: 12, Label: []Run{{Text: "11.2.", Bold: true}},
		Runs: []Run{{Text: numberedWords(300)}, {Text: " vet", Bold: true}, {Text: " ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"}}})
	for _, b := range f.bands {
		for _, o := range b.ops {
			if o.kind != opText {
				continue
			}
			if end := o.x + f.m.textWidth(o.face, o.size, o.text); end > f.width+1e-9 {
				t.Errorf("text %q ends at %.2f mm, past the %.2f mm width", o.text, end, f.width)
			}
			if o.x < 10 {
				t.Errorf("text %q starts at %.2f mm, left of the 10 mm indent", o.text, o.x)
			}
		}
	}
}

func TestHangingIndent(t *testing.T) {
	f := NewFlow(Options{})
	f.Paragraph(Para{Indent: 8, LabelWidth: 10, Label: []Run{{Text: "(iii)"}}, Runs: []Run{{Text: numberedWords(60)}}})
	if len(f.bands) < 2 {
		t.Fatalf("60 words on %d line(s), want several", len(f.bands))
	}
	first := f.bands[0].ops
	if first[0].text != "(iii)" || first[0].x != 8 {
		t.Errorf("label: %q at %.2f mm, want \"(iii)\" at 8 mm", first[0].text, first[0].x)
	}
	for i, b := range f.bands {
		o := b.ops[0]
		if i == 0 {
			o = b.ops[1]
		}
		if o.x != 18 {
			t.Errorf("line %d starts at %.2f mm, want the hanging indent at 18 mm", i+1, o.x)
		}
	}
}

// fill fills page 1 of an empty flow so that exactly room mm are left.
func fill(f *Flow, room float64) {
	f.Box(bodyHeight-room, func(*Canvas) {})
}

func TestHeadingNeverEndsAPage(t *testing.T) {
	lh := defaultSize * ptToMM * defaultLeading
	probe := NewFlow(Options{})
	probe.Heading(2, Run{Text: "KOPJE"})
	heading := probe.bands[0].before + probe.bands[0].h + probe.before
	// Room for the heading and one line of its paragraph, not two.
	f := NewFlow(Options{})
	fill(f, heading+1.5*lh)
	f.Heading(2, Run{Text: "KOPJE"})
	f.Paragraph(Para{Runs: []Run{{Text: numberedWords(200)}}})
	pages := pageTexts(f)
	if len(pages) < 2 {
		t.Fatalf("%d page(s), want 2", len(pages))
	}
	if strings.Contains(pages[0], "KOPJE") {
		t.Errorf("the heading stayed at the bottom of page 1 with %q", pages[0])
	}
	if !strings.HasPrefix(pages[1], "KOPJE woord0") {
		t.Errorf("page 2 starts %.40q, want the heading and its paragraph", pages[1])
	}
}

func TestAtLeastTwoLinesOnEachSideOfABreak(t *testing.T) {
	lh := defaultSize * ptToMM * defaultLeading
	probe := NewFlow(Options{})
	probe.Paragraph(Para{Runs: []Run{{Text: numberedWords(80)}}})
	n := len(probe.bands)
	if n < 5 {
		t.Fatalf("80 words on %d lines, want at least 5", n)
	}
	for _, fit := range []int{1, 2, n - 2, n - 1} {
		f := NewFlow(Options{})
		fill(f, (float64(fit)+0.5)*lh)
		f.Paragraph(Para{Runs: []Run{{Text: numberedWords(80)}}})
		f.Layout()
		if len(f.pages) != 2 {
			t.Fatalf("room for %d lines: %d pages, want 2", fit, len(f.pages))
		}
		onFirst, onSecond := f.pages[0].end-1, len(f.bands)-f.pages[0].end
		if onFirst == 1 || onSecond == 1 {
			t.Errorf("room for %d of %d lines: the paragraph is split %d/%d", fit, n, onFirst, onSecond)
		}
	}
}

func TestTableHeaderRepeatsOnTheNextPage(t *testing.T) {
	f := NewFlow(Options{})
	rows := [][][]Run{{{{Text: "Subverwerker"}}, {{Text: "Locatie"}}}}
	for i := 0; i < 80; i++ {
		rows = append(rows, [][]Run{{{Text: fmt.Sprintf("Partij %d", i)}}, {{Text: "EU"}}})
	}
	f.Table(Table{Header: true, Borders: true, Rows: rows})
	pages := pageTexts(f)
	if len(pages) < 2 {
		t.Fatalf("80 rows on %d page(s), want 2", len(pages))
	}
	for i, p := range pages {
		if !strings.HasPrefix(p, "Subverwerker Locatie Partij") {
			t.Errorf("page %d starts %.40q, want the header row", i+1, p)
		}
	}
	if got := strings.Count(strings.Join(pages, " "), "Partij"); got != 80 {
		t.Errorf("%d rows drawn, want 80", got)
	}
}

func TestTableCellsWrapInsideTheirColumn(t *testing.T) {
	f := NewFlow(Options{})
	f.Table(Table{Borders: true, Rows: [][][]Run{
		{{{Text: numberedWords(40)}}, {{Text: "Ja"}}, {{Text: "x"}}},
	}})
	if len(f.bands) < 2 {
		t.Fatalf("a 40-word cell took %d line(s), want several", len(f.bands))
	}
	var right float64 // right edge of the first column: the second vertical border
	for _, o := range f.bands[0].ops {
		if o.kind == opLine && o.x == o.x2 && o.x > 0 {
			right = o.x
			break
		}
	}
	for _, b := range f.bands {
		for _, o := range b.ops {
			if o.kind == opText && strings.HasPrefix(o.text, "woord") {
				if end := o.x + f.m.textWidth(o.face, o.size, o.text); end > right {
					t.Errorf("cell text %q ends at %.2f, past its column edge %.2f", o.text, end, right)
				}
			}
		}
	}
}

func TestPageRefsResolveAfterLayout(t *testing.T) {
	f := NewFlow(Options{})
	later := &Anchor{}
	f.Paragraph(Para{Runs: []Run{{Text: "Artikel 3"}}, PageRef: later})
	f.PageBreak()
	f.Paragraph(Para{Runs: []Run{{Text: numberedWords(1000)}}})
	f.PageBreak()
	f.anchors = append(f.anchors, later)
	mark := f.NewAnchor()
	f.Paragraph(Para{Runs: []Run{{Text: "3. Artikel"}}})
	if n := f.Layout(); n < 4 {
		t.Fatalf("%d pages, want at least 4", n)
	}
	if later.Page() != mark.Page() || later.Page() != len(f.pages) {
		t.Errorf("anchor on page %d (and %d), want the last page %d", later.Page(), mark.Page(), len(f.pages))
	}
}

func TestPDFIsDeterministicAndDatedFromOptions(t *testing.T) {
	make := func(date time.Time) []byte {
		f := NewFlow(Options{Title: "Voorwaarden", Author: "Norvato B.V.", Date: date, Header: "Kop", PageLabel: "pagina {current} van {total}"})
		f.Heading(1, Run{Text: "Titel"})
		f.Paragraph(Para{Runs: []Run{{Text: "Tekst met "}, {Text: "nadruk", Italic: true}}})
		pdf, err := f.PDF()
		if err != nil {
			t.Fatal(err)
		}
		return pdf
	}
	a, b := make(day), make(day)
	if !bytes.Equal(a, b) {
		t.Fatal("the same flow gave different PDF bytes")
	}
	if c := make(day.AddDate(0, 0, 1)); bytes.Equal(a, c) {
		t.Error("a different date gave the same PDF bytes")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20260101")) || !bytes.Contains(a, []byte("/ModDate (D:20260101")) {
		t.Error("the PDF's dates are not the Options.Date")
	}
}

func TestConcurrentPDFsKeepTheirOwnDates(t *testing.T) {
	var wg sync.WaitGroup
	// Some share a date (created together under the read lock), others
	// change gofpdf's defaults.
	dates := []time.Time{day, day, day.AddDate(1, 0, 0), day.AddDate(1, 0, 0), day.AddDate(2, 0, 0), day.AddDate(3, 0, 0)}
	errs := make([]string, len(dates))
	for i, d := range dates {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				f := NewFlow(Options{Date: d})
				f.Paragraph(Para{Runs: []Run{{Text: "tekst"}}})
				pdf, err := f.PDF()
				if err != nil {
					errs[i] = err.Error()
					return
				}
				want := "/ModDate (D:" + d.Format("20060102")
				if !bytes.Contains(pdf, []byte(want)) {
					errs[i] = "missing " + want
				}
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Error(e)
		}
	}
}

// pdftotext checks a PDF with qpdf and returns its text.
func pdftotext(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	return pdfcheck.Text(t, pdf, args...)
}

func TestUnicodeAndStylesAreExtractable(t *testing.T) {
	f := NewFlow(Options{Date: day})
	want := "€ 100.000 beëindiging café ‘op afstand’ – § ❖ ✓ ☐ e-mail geschrapt"
	f.Paragraph(Para{Runs: []Run{
		{Text: "€ 100.000 "}, {Text: "beëindiging", Bold: true}, {Text: " café ", Italic: true},
		{Text: "‘op afstand’", Underline: true}, {Text: " – § ❖ ✓ ☐ e-mail "}, {Text: "geschrapt", Strike: true, Color: Red},
	}})
	pdf, err := f.PDF()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(pdftotext(t, pdf)), " ")
	if !strings.Contains(got, want) {
		t.Errorf("pdftotext gave %q, want it to contain %q", got, want)
	}
	// Every face used has its font embedded, and only those: the symbols
	// are in the text faces, not in a font of their own.
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`/BaseFont /([\w+-]+)`).FindAllStringSubmatch(string(pdf), -1) {
		name := m[1]
		if tag, rest, ok := strings.Cut(name, "+"); !ok || !regexp.MustCompile(`^[A-Z]{6}$`).MatchString(tag) {
			t.Errorf("font %s: no subset tag", name)
		} else {
			name = rest
		}
		seen[name] = true
	}
	if len(seen) != 3 {
		t.Errorf("fonts embedded: %v, want 3", seen)
	}
	for name, want := range map[string]bool{"NotoSerif-Regular": true, "NotoSerif-Bold": true, "NotoSerif-Italic": true, "NotoSerif-BoldItalic": false} {
		if seen[name] != want {
			t.Errorf("font %s embedded: %v, want %v", name, seen[name], want)
		}
	}
}

// TestEveryFaceHasTabularFiguresSymbolsAndAHyphen checks the embedded
// fonts that fonts/build.py makes: each face draws the symbols, its
// figures are all as wide (amounts line up in a column), and its
// hyphen-minus is a hyphen, narrower than an en dash, not a dash as wide
// as a minus.
func TestEveryFaceHasTabularFiguresSymbolsAndAHyphen(t *testing.T) {
	m, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for fc := faceRegular; fc < numFaces; fc++ {
		for _, r := range "❖✓☐☑☒➢★→●○■◦−≤≥€§" {
			if m.width[fc][r] == 0 {
				t.Errorf("face %d has no glyph for %q", fc, r)
			}
		}
		for _, d := range "123456789" {
			if m.width[fc][d] != m.width[fc]['0'] {
				t.Errorf("face %d: %q is %d wide, 0 is %d: figures are not tabular", fc, d, m.width[fc][d], m.width[fc]['0'])
			}
		}
		hyphen, dash, minus := m.units(fc, "-"), m.units(fc, "–"), m.units(fc, "−")
		if hyphen == 0 || hyphen >= dash || hyphen >= minus*2/3 {
			t.Errorf("face %d: hyphen %d wide, en dash %d, minus %d: want a hyphen narrower than both", fc, hyphen, dash, minus)
		}
	}
}

// TestTextThatIsNotUTF8 renders bytes that are not UTF-8 as U+FFFD:
// gofpdf reads text as UTF-8 without checking and would index past the
// end of "\xff".
func TestTextThatIsNotUTF8(t *testing.T) {
	f := NewFlow(Options{Date: day})
	f.Paragraph(Para{Runs: []Run{{Text: "kapot \xff"}, {Text: " en \xe2\x82", Bold: true}}})
	pdf, err := f.PDF()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(pdftotext(t, pdf)), " ")
	if want := "kapot \uFFFD en \uFFFD"; !strings.Contains(got, want) {
		t.Errorf("pdftotext gave %q, want it to contain %q", got, want)
	}
}

func TestQuoteDrawsOneRuleBesideItsLines(t *testing.T) {
	f := NewFlow(Options{})
	f.Paragraph(Para{Runs: []Run{{Text: "Before the quotation."}}})
	f.Quote(2, func() {
		f.Paragraph(Para{Runs: []Run{{Text: numberedWords(40)}}, Indent: 6})
		f.Paragraph(Para{Runs: []Run{{Text: "Second quoted paragraph."}}, Indent: 6, SpaceBefore: 2})
	})
	f.Paragraph(Para{Runs: []Run{{Text: "After the quotation."}}, SpaceBefore: 2})
	n := len(f.bands)
	if n < 5 {
		t.Fatalf("%d bands; want a quotation of several lines between two paragraphs", n)
	}
	for _, i := range []int{0, n - 1} {
		if _, ok := f.quoteRule(i, 0); ok {
			t.Errorf("band %d is outside the quotation but has a rule", i)
		}
	}
	for i := 1; i < n-1; i++ {
		rule, ok := f.quoteRule(i, 0)
		if !ok {
			t.Fatalf("quoted band %d has no rule", i)
		}
		if rule.x != 2 || rule.x2 != 2 || rule.y2 != f.bands[i].h {
			t.Errorf("band %d: rule from (%.1f, %.1f) to (%.1f, %.1f); want at x=2 down to the band's foot", i, rule.x, rule.y, rule.x2, rule.y2)
		}
		// The first line starts the rule; every later one joins it, over
		// the space between the two quoted paragraphs too.
		if want := -f.bands[i].before; i > 1 && rule.y != want || i == 1 && rule.y != 0 {
			t.Errorf("band %d: rule starts at y=%.1f", i, rule.y)
		}
		// At the top of a page the rule starts at the line.
		if rule, _ := f.quoteRule(i, i); rule.y != 0 {
			t.Errorf("band %d at the top of a page: rule starts at y=%.1f, want 0", i, rule.y)
		}
	}
}
