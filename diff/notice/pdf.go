package notice

import (
	"regexp"

	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/layout"
)

// Colours of the redline: deletions struck through in red, insertions
// underlined in blue.
var (
	deleteColor = layout.Red
	insertColor = layout.Blue
)

// PDF returns the notice as a PDF: the letter, the summary table and the
// redline of every changed clause. The same notice gives the same bytes;
// the PDF is dated with the notice date.
func (n *Notice) PDF() ([]byte, error) {
	r, w := n.Report, n.words
	f := layout.NewFlow(layout.Options{
		Title:     w.Notice + " " + r.From + " → " + r.To,
		Author:    n.Supplier.LegalName,
		Subject:   n.Subject(),
		Keywords:  []string{r.From, r.To, r.Customer.ID},
		Date:      r.NoticeDate,
		Header:    n.SupplierName() + " · " + w.Notice,
		Footer:    r.Customer.LegalName,
		PageLabel: w.Page,
		Lang:      r.Language,
	})
	l := n.letter()
	small := func(lines []string) {
		for _, s := range lines {
			f.Paragraph(layout.Para{Runs: []layout.Run{{Text: s, Color: layout.Gray}}, Size: 9, Leading: 1.3})
		}
	}
	small(l.sender)
	f.Space(8)
	for _, s := range l.recipient {
		f.Paragraph(layout.Para{Runs: []layout.Run{{Text: s}}, Leading: 1.3})
	}
	f.Space(8)
	f.Paragraph(layout.Para{Runs: []layout.Run{{Text: l.placeDate}}})
	f.Space(4)
	f.Paragraph(layout.Para{Runs: []layout.Run{{Text: l.subject, Bold: true}}})
	f.Space(4)
	f.Paragraph(layout.Para{Runs: []layout.Run{{Text: l.salutation}}})
	for _, p := range l.paragraphs {
		f.Paragraph(layout.Para{Runs: []layout.Run{{Text: p}}, SpaceBefore: 3})
	}
	f.Keep(func() {
		f.Paragraph(layout.Para{Runs: []layout.Run{{Text: l.closing}}, SpaceBefore: 5})
		f.Space(10)
		for _, s := range l.signature {
			f.Paragraph(layout.Para{Runs: []layout.Run{{Text: s}}})
		}
	})
	f.Space(6)
	addChanges(f, r, w)
	return f.PDF()
}

// RedlinePDF returns a report without a letter as a PDF: a heading, the
// summary table and the redline (termsmith diff --format pdf). It is dated
// with the new version's effective date.
func RedlinePDF(r *diff.Report) ([]byte, error) {
	w := diff.WordsFor(r.Language)
	heading := w.Changes + " " + r.From + " → " + r.To
	if r.Customer != nil {
		heading += ", " + r.Customer.LegalName
	}
	f := layout.NewFlow(layout.Options{Title: heading, Date: r.Effective, Header: heading, PageLabel: w.Page, Lang: r.Language})
	f.Heading(1, layout.Run{Text: heading})
	addChanges(f, r, w)
	return f.PDF()
}

// addChanges adds the summary table and the redline of each change.
func addChanges(f *layout.Flow, r *diff.Report, w *diff.Words) {
	f.Heading(2, layout.Run{Text: w.Summary})
	if len(r.Changes) == 0 {
		f.Paragraph(layout.Para{Runs: []layout.Run{{Text: w.NoChanges}}})
		return
	}
	rows := [][][]layout.Run{{{{Text: w.Number}}, {{Text: w.Title}}, {{Text: w.Change}}}}
	for _, c := range r.Changes {
		rows = append(rows, [][]layout.Run{{{Text: c.Where()}}, {{Text: c.Title}}, {{Text: w.Kinds[c.Kind]}}})
	}
	f.Table(layout.Table{Rows: rows, Header: true, Borders: true, Size: 9,
		Columns: []layout.Column{{Width: 3}, {Width: 6}, {Width: 2}}})

	f.Heading(2, layout.Run{Text: w.Redline})
	f.Paragraph(layout.Para{Runs: []layout.Run{{Text: w.Legend, Color: layout.Gray}}, Size: 9})
	for _, c := range r.Changes {
		segs := c.Redline(w.Elided)
		if len(segs) == 0 {
			continue
		}
		f.Heading(3, layout.Run{Text: c.Where() + "  " + c.Title}, layout.Run{Text: "  (" + w.Kinds[c.Kind] + ")", Color: layout.Gray})
		runs := make([]layout.Run, 0, len(segs))
		for _, s := range segs {
			s.Text = keepAmounts(s.Text)
			switch s.Op {
			case diff.Delete:
				runs = append(runs, layout.Run{Text: s.Text, Strike: true, Color: deleteColor})
			case diff.Insert:
				runs = append(runs, layout.Run{Text: s.Text, Underline: true, Color: insertColor})
			default:
				runs = append(runs, layout.Run{Text: s.Text})
			}
		}
		f.Paragraph(layout.Para{Runs: runs})
	}
}

var amount = regexp.MustCompile(`(€|EUR) ([0-9])`)

// keepAmounts joins a currency sign to its amount with a no-break space,
// so that "€ 150.000" is never split over two lines.
func keepAmounts(s string) string { return amount.ReplaceAllString(s, "$1\u00a0$2") }
