package layout

import (
	"strings"
	"testing"

	"github.com/termsmith/termsmith/internal/pdfcheck"
)

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
	if !strings.Contains(pdfcheck.ObjectText(pdf), "/S /URI /URI (https://example.nl/a)") {
		t.Error("no URI link in the PDF")
	}
}

func TestFinishRefusesWhatItDoesNotKnow(t *testing.T) {
	if _, err := finish([]byte("%PDF-1.3\nnot a pdf\n"), &docMeta{}); err == nil {
		t.Error("finish accepted a file that is not gofpdf's")
	}
}
