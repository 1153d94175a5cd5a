package render

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/buildinfo"
	"github.com/termsmith/termsmith/internal/golden"
	"github.com/termsmith/termsmith/internal/pdfcheck"
	"github.com/termsmith/termsmith/internal/preflight"
)

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

// checkWords checks that the PDF text (pdftotext -layout) has every word of
// the document in order: the title, the part headings, the article numbers
// and titles, the item numbers and the text. The words of a table row are
// checked as a group — a wrapped cell interleaves with its neighbours in
// the extracted lines — right after the text before the table.
func checkWords(doc *agreement.Agreement, pdfText string) error {
	type item struct {
		word string
		row  []string
	}
	var items []item
	words := func(s string) {
		for _, w := range strings.Fields(s) {
			items = append(items, item{word: w})
		}
	}
	var walk func(bs []*agreement.Block)
	walk = func(bs []*agreement.Block) {
		for _, b := range bs {
			switch b.Kind {
			case agreement.Article, agreement.Section:
				words(b.Number + " " + b.Title)
			case agreement.Item:
				words(b.Number)
			case agreement.Paragraph, agreement.Heading:
				words(agreement.InlineText(b.Inlines))
			case agreement.Table:
				for _, row := range b.Rows {
					var ws []string
					for _, c := range row {
						ws = append(ws, strings.Fields(agreement.InlineText(c))...)
					}
					items = append(items, item{row: ws})
				}
			}
			walk(b.Children)
		}
	}
	words(doc.Title)
	for _, p := range doc.Parts {
		words(p.Heading())
		walk(p.Blocks)
	}
	got := strings.Fields(pdfText)
	j := 0
	context := func(i int) string {
		var prev []string
		for _, it := range items[max(0, i-8):i] {
			prev = append(prev, it.word)
			prev = append(prev, it.row...)
		}
		return fmt.Sprintf("after %q; the PDF text there reads %q", strings.Join(prev, " "), strings.Join(got[max(0, j-8):min(len(got), j+12)], " "))
	}
	for i, it := range items {
		if it.row == nil {
			k := j
			for k < len(got) && got[k] != it.word {
				k++
			}
			if k == len(got) {
				return fmt.Errorf("word %d %q is missing or out of order, %s", i, it.word, context(i))
			}
			j = k + 1
			continue
		}
		// A table row: every word within a window after the text before it.
		window := got[j:min(len(got), j+4*len(it.row)+40)]
		used := make([]bool, len(window))
		last := -1
		for _, w := range it.row {
			k := 0
			for k < len(window) && (used[k] || window[k] != w) {
				k++
			}
			if k == len(window) {
				return fmt.Errorf("table row %q: word %q is missing, %s", strings.Join(it.row, " "), w, context(i))
			}
			used[k] = true
			last = max(last, k)
		}
		j += last + 1
	}
	return nil
}

func TestCheckWordsFindsAMissingWord(t *testing.T) {
	doc := assemble(t, "acme")
	pdf, err := AgreementPDF(doc)
	if err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, pdf, "-layout")
	if err := checkWords(doc, strings.Replace(text, "uitsluitend", "", 1)); err == nil {
		t.Error("a word taken out of the text went unnoticed")
	}
	if err := checkWords(doc, strings.Replace(text, "Hetzner", "", 1)); err == nil {
		t.Error("a word taken out of a table went unnoticed")
	}
}

func TestAgreementPDFHasEveryWordInOrder(t *testing.T) {
	for _, c := range []string{"acme", "globex"} {
		t.Run(c, func(t *testing.T) {
			doc := assemble(t, c)
			pdf, err := AgreementPDF(doc)
			if err != nil {
				t.Fatal(err)
			}
			if err := checkWords(doc, pdftotext(t, pdf, "-layout")); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestExampleAgreements renders every customer of the example stores and
// checks the PDF text against the assembled document, word by word.
func TestExampleAgreements(t *testing.T) {
	stores, _ := filepath.Glob("../examples/*/termsmith.yaml")
	if len(stores) == 0 {
		t.Skip("no example stores in ../examples")
	}
	for _, cfg := range stores {
		dir := filepath.Dir(cfg)
		fsys := os.DirFS(dir)
		st, err := clauses.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		tmpls, err := agreement.LoadTemplates(fsys)
		if err != nil {
			t.Fatal(err)
		}
		custs, err := agreement.LoadCustomers(fsys)
		if err != nil {
			t.Fatal(err)
		}
		for id, cust := range custs {
			t.Run(filepath.Base(dir)+"/"+id, func(t *testing.T) {
				doc, err := agreement.Assemble(st, tmpls[cust.Template], cust)
				if err != nil {
					t.Fatal(err)
				}
				pdf, err := AgreementPDF(doc)
				if err != nil {
					t.Fatal(err)
				}
				if err := checkWords(doc, pdftotext(t, pdf, "-layout")); err != nil {
					t.Error(err)
				}
			})
		}
	}
}

func TestAgreementPDFText(t *testing.T) {
	pdf, err := AgreementPDF(assemble(t, "acme"))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "acme-agreement.txt", []byte(pdftotext(t, pdf, "-layout")))
}

func TestAgreementPDFIsDeterministic(t *testing.T) {
	a, err := AgreementPDF(assemble(t, "acme"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := AgreementPDF(assemble(t, "acme"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same agreement differ")
	}
	doc := assemble(t, "acme")
	doc.Version = "2026-02-01"
	c, err := AgreementPDF(doc)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, c) {
		t.Error("another version renders the same bytes")
	}
}

// TestTableOfContentsPages checks each contents entry's page number
// against the page the heading is printed on.
func TestTableOfContentsPages(t *testing.T) {
	doc := assemble(t, "globex")
	pdf, err := AgreementPDF(doc)
	if err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, pdf, "-layout")
	pages := strings.Split(text, "\f")
	toc := pages[1]
	entry := regexp.MustCompile(`(?m)^\s*(\S.*?\S)\s+(\d+)\s*$`)
	found := 0
	for _, m := range entry.FindAllStringSubmatch(toc, -1) {
		title := strings.Join(strings.Fields(m[1]), " ")
		if strings.HasPrefix(title, "Versie") || strings.Contains(title, "pagina") {
			continue
		}
		page, _ := strconv.Atoi(m[2])
		if page < 3 || page > len(pages) {
			t.Errorf("contents entry %q points at page %d of %d", title, page, len(pages)-1)
			continue
		}
		body := strings.Join(strings.Fields(pages[page-1]), " ")
		if !strings.Contains(body, title) {
			t.Errorf("contents entry %q says page %d, which reads %.120q…", title, page, body)
		}
		found++
	}
	// Four parts, their articles and the signatures.
	if found < 10 {
		t.Errorf("%d contents entries checked, want at least 10:\n%s", found, toc)
	}
}

func TestCoverAndSignaturePage(t *testing.T) {
	doc := assemble(t, "acme")
	pdf, err := AgreementPDF(doc)
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(pdftotext(t, pdf), "\f")
	cover := strings.Join(strings.Fields(pages[0]), " ")
	for _, want := range []string{
		"Algemene Voorwaarden SmartTrackers Overeenkomst met Bakkerij De Korenschoof B.V.",
		"Norvato B.V. (SmartTrackers)", "Voorbeeldstraat 1, 3511 AB Utrecht", "KvK-nummer 12345678",
		"Bakkerij De Korenschoof B.V.", "Molenweg 12, 3811 AB Amersfoort", "KvK-nummer 30123456",
		// The services the customer takes and the parts that apply.
		"Diensten Programmatuur (SaaS) Onderdelen Algemene Voorwaarden Bijlage 1: Verwerkersovereenkomst Appendix A: Persoonsgegevens en betrokkenen Bijlage 2: Addendum Dataverordening",
		"Versie 2026-01-01 Ingangsdatum 1 januari 2026 Kenmerk " + DocumentID(doc),
	} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover lacks %q: %s", want, cover)
		}
	}
	last := strings.Join(strings.Fields(pages[len(pages)-2]), " ")
	for _, want := range []string{"Ondertekening", "Namens Norvato B.V.", "Namens Bakkerij De Korenschoof B.V.",
		"Naam: A. de Vries", "Naam: Joost Visser", "Functie: Directeur", "Plaats: Utrecht", "Plaats: Amersfoort",
		"Datum:", "Handtekening:"} {
		if !strings.Contains(last, want) {
			t.Errorf("signature page lacks %q: %s", want, last)
		}
	}
}

func TestDocumentIDFollowsTheContent(t *testing.T) {
	a, b := assemble(t, "acme"), assemble(t, "acme")
	if DocumentID(a) != DocumentID(b) {
		t.Fatal("the same document has two ids")
	}
	if ok, _ := regexp.MatchString(`^[0-9a-f]{12}$`, DocumentID(a)); !ok {
		t.Errorf("id %q is not 12 hex digits", DocumentID(a))
	}
	b.Parts[0].Blocks[0].Children[0].Inlines[0].Text += "!"
	if DocumentID(a) == DocumentID(b) {
		t.Error("a changed text kept the id")
	}
	if g := assemble(t, "globex"); DocumentID(g) == DocumentID(a) {
		t.Error("two customers share an id")
	}
}

func TestAgreementPDFMetadata(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo not found: install poppler-utils to read the PDF metadata")
	}
	doc := assemble(t, "acme")
	pdf, err := AgreementPDF(doc)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "agreement.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Title:           Algemene Voorwaarden SmartTrackers — Bakkerij De Korenschoof B.V.",
		"Subject:         Algemene Voorwaarden SmartTrackers, versie 2026-01-01, ingangsdatum 1 januari 2026",
		"Keywords:        agreement, 2026-01-01, acme, " + DocumentID(doc),
		"Author:          Norvato B.V.",
		"Pages:           8",
	} {
		if !strings.Contains(string(out), want+"\n") {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
}

func TestFinishWritesPDFAStructure(t *testing.T) {
	doc := assemble(t, "acme")
	pdf, err := AgreementPDF(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")) {
		t.Errorf("header %q, want PDF 1.4 and a binary comment", pdf[:16])
	}
	text := pdfcheck.ObjectText(pdf)
	tail := string(pdf[bytes.LastIndex(pdf, []byte("trailer")):])
	id := regexp.MustCompile(`/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]`).FindStringSubmatch(tail)
	if id == nil || id[1] != id[2] {
		t.Errorf("trailer without a document /ID: %s", tail)
	}
	for _, want := range []string{
		"/Lang (nl-NL)", "/OutputIntents [", "/S /GTS_PDFA1", "/DestOutputProfile", "/PageMode /UseOutlines",
		"<pdfaid:part>1</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
		"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Algemene Voorwaarden SmartTrackers — Bakkerij De Korenschoof B.V.</rdf:li>",
		"<dc:creator><rdf:Seq><rdf:li>Norvato B.V.</rdf:li>", "<xmp:CreateDate>2026-01-01T00:00:00Z</xmp:CreateDate>",
		"/CreationDate (D:20260101000000Z)",
		// The build that made it (termsmith --version), in Info and XMP.
		"<xmp:CreatorTool>" + buildinfo.String() + "</xmp:CreatorTool>",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if strings.Contains(text, "EmbeddedFiles") {
		t.Error("the PDF has an EmbeddedFiles entry")
	}
	// One bookmark for the contents, each part, each article or titled
	// section, and the signatures; one link per contents entry.
	want := 2
	for _, p := range doc.Parts {
		want++
		for _, b := range p.Blocks {
			if b.Kind == agreement.Article || b.Kind == agreement.Section && b.Title != "" {
				want++
			}
		}
	}
	if got := strings.Count(text, "<</Title <FEFF"); got != want {
		t.Errorf("%d bookmarks, want %d", got, want)
	}
	// Cross-references are links to the clause they name.
	ids, refs := map[string]bool{}, 0
	for _, p := range doc.Parts {
		agreement.Walk(p.Blocks, func(b *agreement.Block) { ids[b.ID] = true })
	}
	for _, p := range doc.Parts {
		agreement.Walk(p.Blocks, func(b *agreement.Block) {
			for _, x := range b.Inlines {
				if x.Ref != "" && ids[x.Ref] {
					refs++
				}
			}
		})
	}
	if refs == 0 {
		t.Fatal("the fixture has no cross-references")
	}
	if got := strings.Count(text, "/Subtype /Link"); got != want-1+refs {
		t.Errorf("%d links, want %d (one per contents entry and cross-reference)", got, want-1+refs)
	}
	again, err := AgreementPDF(assemble(t, "acme"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pdf, again) {
		t.Error("the same agreement gave different bytes")
	}
}

// TestAgreementAndOfferArePDFA validates an agreement of each example
// store and an offer with the terms attached with PDFBox Preflight, and
// checks them with qpdf. (The notice is checked in diff/notice.)
func TestAgreementAndOfferArePDFA(t *testing.T) {
	if err := preflight.Available(); err != nil {
		t.Skipf("PDFBox Preflight is not installed, PDF/A-1b not checked: %v", err)
	}
	pdfs := map[string][]byte{}
	for _, c := range []struct{ store, customer string }{
		{"smarttrackers", "van-dijk-installatietechniek"}, {"tracksavers", "kaashandel-van-leeuwen"},
	} {
		pdf, err := AgreementPDF(exampleDocument(t, c.store, c.customer))
		if err != nil {
			t.Fatal(err)
		}
		pdfs[c.customer+".pdf"] = pdf
	}
	o, err := fixtureOffer(t, "acme")
	if err != nil {
		t.Fatal(err)
	}
	offerPDF, err := OfferPDF(o, true)
	if err != nil {
		t.Fatal(err)
	}
	pdfs["offer.pdf"] = offerPDF
	dir := t.TempDir()
	failed, err := preflight.Check(dir, pdfs)
	if err != nil {
		t.Fatal(err)
	}
	for name, errs := range failed {
		t.Errorf("%s is not PDF/A-1b:\n%s", name, strings.Join(errs, "\n"))
	}
	for name, pdf := range pdfs {
		qpdfCheck(t, pdf)
		if _, err := exec.LookPath("pdfinfo"); err == nil {
			file := filepath.Join(dir, name)
			out, err := exec.Command("pdfinfo", file).Output()
			if err != nil || !strings.Contains(string(out), "PDF version:     1.4") {
				t.Errorf("pdfinfo %s: %v\n%s", name, err, out)
			}
		}
	}
}

// TestBulletListsHangUnderTheirHeading checks Appendix A of the
// SmartTrackers example: the bullets of A.1 stand at the article's text
// indent (where its paragraphs start), not in the column of its number,
// and the paragraph after the list of A.2 starts left of the bullets'
// text (outside the list).
func TestBulletListsHangUnderTheirHeading(t *testing.T) {
	pdf, err := AgreementPDF(exampleDocument(t, "smarttrackers", "van-dijk-installatietechniek"))
	if err != nil {
		t.Fatal(err)
	}
	bbox := pdftotext(t, pdf, "-bbox")
	// Appendix A's first page: the first page with a ❖.
	for _, page := range strings.Split(bbox, "<page ") {
		if strings.Contains(page, ">❖<") {
			bbox = page
			break
		}
	}
	xMin := func(word string) float64 {
		m := regexp.MustCompile(`xMin="([0-9.]+)"[^>]*>` + regexp.QuoteMeta(word) + `<`).FindStringSubmatch(bbox)
		if m == nil {
			t.Fatalf("no word %q in the PDF", word)
		}
		x, _ := strconv.ParseFloat(m[1], 64)
		return x
	}
	heading, bullet, item, after := xMin("Categorieën"), xMin("❖"), xMin("eindgebruikers"), xMin("Wanneer")
	if bullet < heading-0.5 {
		t.Errorf("bullet at x=%.1f, left of its heading's text at %.1f", bullet, heading)
	}
	if after >= item-0.5 {
		t.Errorf("the paragraph after the list starts at x=%.1f, not left of the items' text at %.1f", after, item)
	}
}

// TestRunningHeaderNamesThePart checks that every page of a part carries
// the part's own name in its running header, and the cover none.
func TestRunningHeaderNamesThePart(t *testing.T) {
	doc := exampleDocument(t, "smarttrackers", "van-dijk-installatietechniek")
	pdf, err := AgreementPDF(doc)
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(pdftotext(t, pdf), "\f")
	if first := strings.TrimSpace(pages[0]); !strings.HasPrefix(first, doc.Title) {
		t.Errorf("the cover starts %.40q, want the title and no running header", first)
	}
	seen := 0
	for _, p := range doc.Parts[1:] {
		for i, page := range pages {
			var lines []string // the page's non-empty lines: header left, header right, then the body
			for _, l := range strings.Split(page, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					lines = append(lines, l)
				}
			}
			if len(lines) > 2 && lines[2] == p.Heading() {
				// The part's first page: its header names it, not the terms.
				if lines[0] != p.Heading() {
					t.Errorf("page %d starts part %q under the header %q", i+1, p.Heading(), lines[0])
				}
				seen++
			}
		}
	}
	if seen < 3 {
		t.Errorf("found the first page of %d parts after the terms, want at least 3", seen)
	}
}

// TestAShortIntroductionSharesItsPage checks that Tracksavers' preamble,
// a few lines that list the chapters, does not stand alone on a page: the
// first chapter follows it on the same page.
func TestAShortIntroductionSharesItsPage(t *testing.T) {
	doc := exampleDocument(t, "tracksavers", "bloemenhuis-de-linde")
	if len(doc.Parts) < 2 || !shortIntro(doc.Parts[0]) {
		t.Fatalf("the first part of the example is no short introduction")
	}
	pdf, err := AgreementPDF(doc)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, page := range strings.Split(pdftotext(t, pdf), "\f") {
		if strings.Contains(page, "is hoofdstuk A steeds ook van") {
			found = true
			if !strings.Contains(page, doc.Parts[1].Heading()) {
				t.Errorf("the introduction's page does not go on with %q:\n%s", doc.Parts[1].Heading(), page)
			}
		}
	}
	if !found {
		t.Error("no page with the introduction")
	}
}
