package render

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/internal/preflight"
	"github.com/termsmith/termsmith/templates"
)

// objectText returns the PDF's objects that are not streams, joined: the
// dictionaries finish writes are not compressed.
func objectText(pdf []byte) string {
	var b strings.Builder
	for _, m := range regexp.MustCompile(`(?s)\d+ 0 obj\n(.*?)endobj`).FindAllSubmatch(pdf, -1) {
		if !bytes.Contains(m[1][:min(len(m[1]), 200)], []byte("stream\n")) || bytes.Contains(m[1], []byte("/Type /Metadata")) {
			b.Write(m[1])
		}
	}
	return b.String()
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
	text := objectText(pdf)
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
			if b.Kind == templates.Article || b.Kind == templates.Section && b.Title != "" {
				want++
			}
		}
	}
	if got := strings.Count(text, "<</Title <FEFF"); got != want {
		t.Errorf("%d bookmarks, want %d", got, want)
	}
	if got := strings.Count(text, "/Subtype /Link"); got != want-1 {
		t.Errorf("%d links, want %d (one per contents entry)", got, want-1)
	}
	again, err := AgreementPDF(assemble(t, "acme"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pdf, again) {
		t.Error("the same agreement gave different bytes")
	}
}

func TestLinkify(t *testing.T) {
	got := Linkify([]Run{{Text: "Zie https://smarttrackers.nl/privacy-statement/. Of www.example.nl, of mail info@example.nl."}, {Text: "geen", Bold: true}})
	var links []string
	var text strings.Builder
	for _, r := range got {
		text.WriteString(r.Text)
		if r.Link != "" {
			links = append(links, r.Text+"="+r.Link)
		}
	}
	want := []string{
		"https://smarttrackers.nl/privacy-statement/=https://smarttrackers.nl/privacy-statement/",
		"www.example.nl=https://www.example.nl",
		"info@example.nl=mailto:info@example.nl",
	}
	if strings.Join(links, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(links, "\n"), strings.Join(want, "\n"))
	}
	if text.String() != "Zie https://smarttrackers.nl/privacy-statement/. Of www.example.nl, of mail info@example.nl.geen" {
		t.Errorf("text changed: %q", text.String())
	}
	if plain := []Run{{Text: "geen adres"}}; &Linkify(plain)[0] != &plain[0] {
		t.Error("runs without an address were copied")
	}
}

func TestURLsAreLinks(t *testing.T) {
	f := NewFlow(Options{Title: "t"})
	f.Paragraph(Para{Runs: Linkify([]Run{{Text: "Zie https://example.nl/a voor meer."}})})
	pdf, err := f.PDF()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(objectText(pdf), "/S /URI /URI (https://example.nl/a)") {
		t.Error("no URI link in the PDF")
	}
}

func TestFinishRefusesWhatItDoesNotKnow(t *testing.T) {
	if _, err := finish([]byte("%PDF-1.3\nnot a pdf\n"), &docMeta{}); err == nil {
		t.Error("finish accepted a file that is not gofpdf's")
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
	offer, err := OfferPDF(Offer{Document: assemble(t, "acme"), VATPercent: 21, ValidityDays: 30, AttachTerms: true})
	if err != nil {
		t.Fatal(err)
	}
	pdfs["offer.pdf"] = offer
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
