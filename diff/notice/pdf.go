package notice

import (
	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/internal/lazy"
	"github.com/termsmith/termsmith/layout"
)

// Colours of the redline: deletions struck through in red, insertions
// underlined in blue. The colours help on screen; on paper (black and
// white) the strike-through and the underline tell them apart, and a space
// separates a deleted word from the word inserted in its place.
var (
	deleteColor = layout.Red
	insertColor = layout.Blue
)

// PDF returns the notice as a PDF: the letter in the store's words (with
// legal's summary and the overview of the changes), then the redline of
// every changed clause. A preview says "CONCEPT" ("DRAFT") in the running
// header and footer of every page and in a banner above the letter. The
// same notice gives the same bytes; the PDF is dated with the notice date.
func (n *Notice) PDF() ([]byte, error) {
	r, w := n.Report, n.words
	opt := layout.Options{
		Title:     w.Notice + " " + r.From + " → " + r.To,
		Author:    n.Supplier.LegalName,
		Subject:   n.Subject(),
		Keywords:  []string{r.From, r.To, r.Customer.ID},
		Date:      r.NoticeDate,
		Header:    n.SupplierName() + " · " + w.Notice,
		Footer:    r.Customer.LegalName,
		PageLabel: w.Page,
		Lang:      r.Language,
	}
	if r.Preview {
		opt.Title = w.Draft + " " + opt.Title
		opt.HeaderRight = w.Draft
		opt.Footer = w.Draft + " · " + opt.Footer
		opt.Keywords = append(opt.Keywords, w.Draft)
	}
	f := layout.NewFlow(opt)
	l := n.letter()
	if r.Preview {
		f.Table(layout.Table{Rows: [][][]layout.Run{{{{Text: w.DraftNote, Bold: true}}}}, Borders: true})
		f.Space(4)
	}
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
	placed := false
	for _, p := range l.body {
		switch p.kind {
		case summaryBlock:
			if sum := summaryParas(r.Summary); len(sum) > 0 {
				f.Paragraph(layout.Para{Runs: []layout.Run{{Text: w.InShort, Bold: true}}, SpaceBefore: 3, KeepWithNext: true})
				for _, q := range sum {
					pdfPara(f, q)
				}
			}
		case changesBlock:
			addOverview(f, r, w)
			placed = true
		default:
			pdfPara(f, p)
		}
	}
	f.Keep(func() {
		f.Paragraph(layout.Para{Runs: []layout.Run{{Text: l.closing}}, SpaceBefore: 5})
		f.Space(10)
		for _, s := range l.signature {
			f.Paragraph(layout.Para{Runs: []layout.Run{{Text: s}}})
		}
	})
	if len(l.enclosures) > 0 {
		f.Paragraph(layout.Para{Runs: []layout.Run{{Text: w.Enclosures + ":", Color: layout.Gray}}, Size: 9, SpaceBefore: 5})
		for _, e := range l.enclosures {
			f.Paragraph(layout.Para{Label: []layout.Run{{Text: "–", Color: layout.Gray}}, LabelWidth: 4, Runs: []layout.Run{{Text: e, Color: layout.Gray}}, Size: 9})
		}
	}
	f.Space(6)
	if !placed {
		addOverview(f, r, w)
	}
	addRedline(f, r, w)
	return f.PDF()
}

// pdfPara adds a paragraph, bullet or quotation of the letter.
func pdfPara(f *layout.Flow, p para) {
	runs := make([]layout.Run, 0, len(p.spans))
	for _, s := range p.spans {
		runs = append(runs, layout.Run{Text: s.text, Bold: s.bold})
	}
	switch p.kind {
	case bulletBlock:
		f.Paragraph(layout.Para{Label: []layout.Run{{Text: "•"}}, LabelWidth: 5, Runs: runs, SpaceBefore: 1.5})
	case quoteBlock:
		// Indented, with a rule at its left, as in the agreement.
		f.Quote(1.5, func() {
			f.Paragraph(layout.Para{Runs: runs, Indent: 6, SpaceBefore: 3})
		})
	default:
		f.Paragraph(layout.Para{Runs: runs, SpaceBefore: 3})
	}
}

// RedlinePDF returns a report without a letter as a PDF: a heading, the
// overview and the redline (termsmith diff --format pdf). It is dated
// with the new version's effective date.
func RedlinePDF(r *diff.Report) ([]byte, error) {
	w := wordsFor(r.Language)
	heading := w.Changes + " " + r.From + " → " + r.To
	if r.Customer != nil {
		heading += ", " + r.Customer.LegalName
	}
	f := layout.NewFlow(layout.Options{Title: heading, Date: r.Effective, Header: heading, PageLabel: w.Page, Lang: r.Language})
	f.Heading(1, layout.Run{Text: heading})
	addOverview(f, r, w)
	addRedline(f, r, w)
	return f.PDF()
}

// addOverview adds the overview: a table of the changed clauses by number
// and title, the renumbered runs in one line each, and the typographic
// changes apart.
func addOverview(f *layout.Flow, r *diff.Report, w *words) {
	f.Heading(2, layout.Run{Text: w.Summary})
	if len(r.Changes) == 0 {
		f.Paragraph(layout.Para{Runs: []layout.Run{{Text: w.NoChanges}}})
		return
	}
	ov := r.Overview()
	if len(ov.Rows) > 0 {
		rows := [][][]layout.Run{{{{Text: w.Number}}, {{Text: w.Title}}, {{Text: w.Change}}}}
		for _, row := range ov.Rows {
			rows = append(rows, [][]layout.Run{{{Text: row.Number}}, {{Text: row.Title}}, {{Text: row.Kind}}})
		}
		f.Table(layout.Table{Rows: rows, Header: true, Borders: true, Size: 9,
			Columns: []layout.Column{{Width: 3}, {Width: 6}, {Width: 2}}})
	}
	list := func(heading string, items []string, tip string) {
		if len(items) == 0 {
			return
		}
		f.Paragraph(layout.Para{Runs: []layout.Run{{Text: heading, Bold: true}}, Size: 9, SpaceBefore: 4, KeepWithNext: true})
		if tip != "" {
			f.Paragraph(layout.Para{Runs: []layout.Run{{Text: tip, Color: layout.Gray}}, Size: 9})
		}
		for _, s := range items {
			f.Paragraph(layout.Para{Label: []layout.Run{{Text: "–"}}, LabelWidth: 4, Runs: []layout.Run{{Text: s}}, Size: 9})
		}
	}
	list(w.Renumbering, ov.Renumbering, "")
	var typo []string
	for _, row := range ov.Typographic {
		typo = append(typo, row.Number+"  "+row.Title)
	}
	list(w.Typographic, typo, w.TypographicTip)
}

// addRedline adds the redline of each change: tables as tables, text with
// its line breaks.
func addRedline(f *layout.Flow, r *diff.Report, w *words) {
	if len(r.Changes) == 0 {
		return
	}
	f.Heading(2, layout.Run{Text: w.Redline})
	f.Paragraph(layout.Para{Size: 9, Runs: []layout.Run{
		{Text: w.LegendDel, Strike: true, Color: deleteColor},
		{Text: ", "},
		{Text: w.LegendIns, Underline: true, Color: insertColor},
		{Text: w.Legend, Color: layout.Gray},
	}})
	for i := range r.Changes {
		c := &r.Changes[i]
		segs := c.Redline(w.Elided)
		if len(segs) == 0 {
			continue
		}
		f.Heading(3, layout.Run{Text: c.Heading()}, layout.Run{Text: "  (" + w.Kinds[c.Kind] + ")", Color: layout.Gray})
		if rows := c.TableRedline(); rows != nil {
			t := layout.Table{Borders: true, Size: 9}
			for _, row := range rows {
				cells := make([][]layout.Run, len(row.Cells))
				for j, cell := range row.Cells {
					cells[j] = redlineRuns(cell)
				}
				t.Rows = append(t.Rows, cells)
			}
			f.Table(t)
			continue
		}
		f.Paragraph(layout.Para{Runs: redlineRuns(segs)})
	}
}

// redlineRuns turns segments into runs: deletions struck through,
// insertions underlined, and a space between a deletion and the insertion
// that replaces it, so that "14" → "30" reads "14 30", never "1430".
func redlineRuns(segs []diff.Segment) []layout.Run {
	runs := make([]layout.Run, 0, len(segs)+2)
	for i, s := range segs {
		s.Text = keepAmounts(s.Text)
		switch s.Op {
		case diff.Delete:
			runs = append(runs, layout.Run{Text: s.Text, Strike: true, Color: deleteColor})
		case diff.Insert:
			if i > 0 && segs[i-1].Op == diff.Delete {
				runs = append(runs, layout.Run{Text: " "})
			}
			runs = append(runs, layout.Run{Text: s.Text, Underline: true, Color: insertColor})
		default:
			runs = append(runs, layout.Run{Text: s.Text})
		}
	}
	return runs
}

var amount = lazy.Regexp(`(€|EUR) ([0-9])`)

// keepAmounts joins a currency sign to its amount with a no-break space,
// so that "€ 150.000" is never split over two lines.
func keepAmounts(s string) string { return amount().ReplaceAllString(s, "$1\u00a0$2") }
