package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/layout"
)

// WorkingTreeEpoch is the date written into documents rendered from a
// working tree, which has no effective date: a fixed date, so that output
// stays byte-identical.
var WorkingTreeEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// DocumentID identifies an assembled document by its content: the first
// 12 hex digits of a SHA-256 over the template, version, customer and the
// document's text. The same agreement always has the same id, and any
// change to its text changes it.
func DocumentID(doc *agreement.Agreement) string {
	h := sha256.New()
	cust := ""
	if doc.Customer != nil {
		cust = doc.Customer.ID
	}
	for _, s := range []string{doc.Template, doc.Version, cust, doc.PlainText()} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// versionText prints a document's version for people: "2026-01-01,
// ingangsdatum 1 januari 2026", or the working-tree label.
func versionText(doc *agreement.Agreement, l *labels) string {
	if doc.Version == "" {
		return l.WorkingTree
	}
	if doc.Effective.IsZero() {
		return doc.Version
	}
	return doc.Version + ", " + l.Effective + " " + agreement.FormatDate(doc.Effective, doc.Language)
}

// documentDate is the date written into a document's files.
func documentDate(doc *agreement.Agreement) time.Time {
	if doc.Effective.IsZero() {
		return WorkingTreeEpoch
	}
	return doc.Effective
}

// AgreementPDF renders a customer's assembled agreement: cover page with
// both parties and the document id, table of contents, the parts with
// their numbering and hanging indents, and a signature page.
func AgreementPDF(doc *agreement.Agreement) ([]byte, error) {
	f, err := agreementFlow(doc)
	if err != nil {
		return nil, err
	}
	return f.PDF()
}

// agreementFlow lays out an agreement's pages.
func agreementFlow(doc *agreement.Agreement) (*layout.Flow, error) {
	if doc.Customer == nil {
		return nil, fmt.Errorf("agreement %q has no customer", doc.Template)
	}
	if err := printable(doc); err != nil {
		return nil, err
	}
	l := labelsFor(doc.Language)
	id := DocumentID(doc)
	version := doc.Version
	if version == "" {
		version = l.WorkingTree
	}
	f := layout.NewFlow(layout.Options{
		Title:               doc.Title + " — " + doc.Customer.LegalName,
		Author:              doc.Supplier.LegalName,
		Subject:             doc.Title + ", " + strings.ToLower(l.Version) + " " + versionText(doc, l),
		Keywords:            []string{doc.Template, version, doc.Customer.ID, id},
		Date:                documentDate(doc),
		Header:              doc.Title,
		HeaderRight:         l.Version + " " + version,
		Footer:              doc.Customer.LegalName + " · " + l.DocumentID + " " + id,
		PageLabel:           l.PageOf,
		NoHeaderOnFirstPage: true,
		Lang:                doc.Language,
	})
	cover(f, doc, l, id)
	f.PageBreak()

	// The table of contents refers to anchors that the body sets; the
	// flow resolves their pages when it paginates.
	f.Outline(1, l.Contents, f.Heading(1, layout.Run{Text: l.Contents}))
	body := newBodyWriter(f, doc)
	var entries []tocEntry
	for _, p := range doc.Parts {
		entries = append(entries, tocEntry{level: 1, text: p.Heading(), anchor: &layout.Anchor{}})
		for _, b := range p.Blocks {
			if b.Kind == agreement.Article || b.Kind == agreement.Section && b.Title != "" {
				entries = append(entries, tocEntry{level: 2, number: b.Number, text: b.Title, anchor: &layout.Anchor{}})
			}
		}
	}
	signatures := &layout.Anchor{}
	entries = append(entries, tocEntry{level: 1, text: l.Signatures, anchor: signatures})
	// Entries are a little smaller than body text, so that the contents
	// of a full agreement fit on one page.
	const tocSize, tocLeading = 9.5, 1.3
	tocIndent := 0.0
	for _, e := range entries {
		tocIndent = max(tocIndent, f.TextWidth(tocSize, layout.Run{Text: e.number}))
	}
	tocIndent += 3
	for _, e := range entries {
		title := e.text
		if e.number != "" {
			title = e.number + " " + e.text
		}
		f.Outline(e.level, title, e.anchor)
		if e.level == 1 {
			f.Paragraph(layout.Para{Runs: []layout.Run{{Text: e.text, Bold: true}}, PageRef: e.anchor, Size: tocSize, Leading: tocLeading, SpaceBefore: 2.5})
			continue
		}
		p := layout.Para{Runs: []layout.Run{{Text: e.text}}, PageRef: e.anchor, Size: tocSize, Leading: tocLeading, Indent: 4, LabelWidth: tocIndent, SpaceBefore: 0.3}
		if e.number != "" {
			p.Label = []layout.Run{{Text: e.number}}
		}
		f.Paragraph(p)
	}

	k := 0
	for i, p := range doc.Parts {
		partBreak(f, doc.Parts, i)
		f.SetHeader(p.Heading()) // the part's own name, not the terms' on a DPA page
		f.Place(entries[k].anchor)
		k++
		body.part(p, func() *layout.Anchor { a := entries[k].anchor; k++; return a })
	}

	f.PageBreak()
	f.SetHeader(doc.Title)
	f.Place(signatures)
	signaturePage(f, doc, l)
	return f, nil
}

// partBreak starts part i of parts on a new page, unless it follows a
// first part that is a short introduction (a preamble without articles or
// tables, such as the one that lists Tracksavers' chapters): then it
// follows on the same page, so that no page holds only the introduction.
func partBreak(f *layout.Flow, parts []*agreement.Part, i int) {
	if i == 1 && shortIntro(parts[0]) {
		f.Space(8)
		return
	}
	f.PageBreak()
}

// shortIntro reports whether a part is a short text without articles: at
// most about a third of a page.
func shortIntro(p *agreement.Part) bool {
	n := 0
	short := true
	agreement.Walk(p.Blocks, func(b *agreement.Block) {
		if b.Kind == agreement.Article || b.Kind == agreement.Table {
			short = false
		}
		n += len(b.Title) + len(agreement.InlineText(b.Inlines))
	})
	return short && n <= 1200
}

type tocEntry struct {
	level  int
	number string
	text   string
	anchor *layout.Anchor
}

// cover lays out the cover page: the title and whom the agreement is
// with; the parties; the services the customer takes and the parts of
// the agreement that apply to it; the version, its effective date and the
// agreement's reference (its document id, also in every page footer).
func cover(f *layout.Flow, doc *agreement.Agreement, l *labels, id string) {
	f.Space(30)
	f.Paragraph(layout.Para{Runs: []layout.Run{{Text: doc.Title, Bold: true}}, Size: 24, Leading: 1.25})
	f.Space(2)
	f.Paragraph(layout.Para{Runs: []layout.Run{{Text: fmt.Sprintf(l.AgreementWith, doc.Customer.LegalName)}}, Size: 13})
	f.Space(16)
	f.Paragraph(layout.Para{Runs: []layout.Run{{Text: l.Parties, Bold: true}}, Size: 12, KeepWithNext: true})
	f.Space(3)
	rows := [][][]layout.Run{{{{Text: l.Supplier, Color: layout.Gray}}, {{Text: l.Customer, Color: layout.Gray}}}}
	for i, r := range partyRows(doc, l) {
		rows = append(rows, [][]layout.Run{{{Text: r[0], Bold: i == 0}}, {{Text: r[1], Bold: i == 0}}})
	}
	f.Table(layout.Table{Rows: rows, Columns: []layout.Column{{Width: 1}, {Width: 1}}})
	f.Space(12)
	f.Rule(0.3, layout.Gray)
	f.Space(3)

	var details [][][]layout.Run
	row := func(label string, values ...string) {
		details = append(details, [][]layout.Run{{{Text: label, Color: layout.Gray}}, {{Text: strings.Join(values, "\n")}}})
	}
	if len(doc.Services) > 0 {
		var names []string
		for _, s := range doc.Services {
			names = append(names, s.Name)
		}
		row(l.Services, names...)
	}
	var parts []string
	for _, p := range doc.Parts {
		parts = append(parts, p.Heading())
	}
	row(l.PartsLabel, parts...)
	if doc.Version == "" {
		row(l.Version, l.WorkingTree)
	} else {
		row(l.Version, doc.Version)
		if !doc.Effective.IsZero() {
			row(l.EffectiveDate, agreement.FormatDate(doc.Effective, doc.Language))
		}
	}
	row(l.Reference, id)
	f.Table(layout.Table{Rows: details, Columns: []layout.Column{{Width: 1}, {Width: 3}}})
}

func kv(label, value string) string {
	if value == "" {
		return ""
	}
	return label + " " + value
}

// signaturePage lays out a signature block for each party: name, title,
// place, and a date and signature line to fill in.
func signaturePage(f *layout.Flow, doc *agreement.Agreement, l *labels) {
	f.Heading(1, layout.Run{Text: l.Signatures})
	f.Paragraph(layout.Para{Runs: []layout.Run{{Text: l.SignIntro}}})
	f.Space(8)
	s, c := doc.Supplier, doc.Customer
	f.Box(0, func(cv *layout.Canvas) {
		col := (cv.Width - 10) / 2
		signatureBlock(cv, 0, col, l, l.Supplier, s.LegalName, s.Signatory, s.Place)
		signatureBlock(cv, col+10, col, l, l.Customer, c.LegalName, c.Signatory, customerPlace(c))
	})
}

// signatureBlock draws one party's block in a column of a canvas.
func signatureBlock(cv *layout.Canvas, x, width float64, l *labels, role, party string, who clauses.Person, place string) {
	const size, row = 10.0, 7.0
	y := cv.TextBox(x, 0, width, size, layout.Run{Text: role, Bold: true, Color: layout.Gray})
	y += cv.TextBox(x, y, width, size, layout.Run{Text: l.On + " " + party, Bold: true})
	y += 3
	label := 0.0
	for _, s := range []string{l.Name, l.Function, l.Place, l.Date, l.Signature} {
		label = max(label, cv.TextWidth(size, layout.Run{Text: s + ":"}))
	}
	label += 3
	field := func(name, value string, line bool) {
		cv.Text(x, y+row-2, size, layout.Run{Text: name + ":"})
		h := row
		if value != "" {
			h = max(row, cv.TextBox(x+label, y+row-2-layout.Baseline(size), width-label, size, layout.Run{Text: value})+2)
		}
		if line {
			cv.Line(x+label, y+row-1, x+width, y+row-1, 0.2, layout.Black)
		}
		y += h
	}
	field(l.Name, who.Name, false)
	field(l.Function, who.Title, false)
	field(l.Place, place, false)
	field(l.Date, "", true)
	y += 12
	field(l.Signature, "", true)
}

var postcode = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d{4}\s?[A-Z]{2}\s+`) })

// customerPlace is where the customer signs: its place, or else the town
// of its address ("Molenweg 12, 3811 AB Amersfoort" → "Amersfoort").
func customerPlace(c *agreement.Customer) string {
	if c.Place != "" {
		return c.Place
	}
	last := c.Address
	if i := strings.LastIndex(last, ","); i >= 0 {
		last = last[i+1:]
	}
	return postcode().ReplaceAllString(strings.TrimSpace(last), "")
}

// bodyWriter lays out the assembled blocks of the parts.
type bodyWriter struct {
	f    *layout.Flow
	lang string
	// targets are the anchors of the blocks that cross-references name,
	// by block id: a reference is a link to its clause.
	targets map[string]*layout.Anchor
}

// newBodyWriter returns a writer of doc's parts into f.
func newBodyWriter(f *layout.Flow, doc *agreement.Agreement) *bodyWriter {
	w := &bodyWriter{f: f, lang: doc.Language, targets: map[string]*layout.Anchor{}}
	refs := func(in []agreement.Inline) {
		for _, x := range in {
			if x.Ref != "" && w.targets[x.Ref] == nil {
				w.targets[x.Ref] = &layout.Anchor{}
			}
		}
	}
	for _, p := range doc.Parts {
		agreement.Walk(p.Blocks, func(b *agreement.Block) {
			refs(b.Inlines)
			for _, row := range b.Rows {
				for _, cell := range row {
					refs(cell)
				}
			}
		})
	}
	return w
}

// place sets the anchor of block b, if a cross-reference names it, at the
// next block laid out.
func (w *bodyWriter) place(b *agreement.Block) {
	if a := w.targets[b.ID]; a != nil && b.ID != "" {
		w.f.Place(a)
	}
}

// runs converts assembled inlines to styled runs, with each
// cross-reference a link to the clause it names.
func (w *bodyWriter) runs(in []agreement.Inline) []layout.Run {
	return linkedRuns(in, w.targets)
}

// part lays out one part, starting with its heading. next returns the
// anchor of the next table of contents entry below the part heading.
func (w *bodyWriter) part(p *agreement.Part, next func() *layout.Anchor) {
	f := w.f
	f.Heading(1, layout.Run{Text: p.Heading()})
	// Article numbers, their titles and the top-level sub-clauses share
	// one hanging indent across the part.
	indent := 10.0
	for _, b := range p.Blocks {
		indent = max(indent, w.labelWidth(b.Number, true))
		for _, c := range b.Children {
			if c.Kind == agreement.Item {
				indent = max(indent, w.labelWidth(c.Number, false))
			}
		}
	}
	for i, b := range p.Blocks {
		var a *layout.Anchor
		if next != nil && (b.Kind == agreement.Article || b.Kind == agreement.Section && b.Title != "") {
			a = next()
		}
		before := 5.0
		if i == 0 {
			before = 1
		}
		w.clause(b, indent, before, a)
	}
}

// labelWidth is the room a number needs in front of its text.
func (w *bodyWriter) labelWidth(number string, bold bool) float64 {
	if number == "" {
		return 0
	}
	return w.f.TextWidth(layout.DefaultSize, layout.Run{Text: number, Bold: bold}) + 3
}

// clause lays out an article or a section: its title, then its blocks.
func (w *bodyWriter) clause(b *agreement.Block, indent, before float64, a *layout.Anchor) {
	f := w.f
	if a != nil {
		f.Place(a)
	}
	w.place(b)
	if b.Kind == agreement.Article || b.Title != "" {
		p := layout.Para{Runs: []layout.Run{{Text: b.Title, Bold: true}}, Size: 10.5, SpaceBefore: before, KeepWithNext: true}
		if b.Number != "" {
			p.Label = []layout.Run{{Text: b.Number, Bold: true}}
			p.LabelWidth = indent
		}
		f.Paragraph(p)
		f.Space(1)
		before = 0
	}
	textIndent := 0.0
	if b.Kind == agreement.Article {
		textIndent = indent
	}
	w.blocks(b.Children, 0, textIndent, indent, before)
}

// blocks lays out a container's blocks. Items hang their number at
// itemIndent with the given label width at the top level; paragraphs,
// headings and tables sit at textIndent.
func (w *bodyWriter) blocks(bs []*agreement.Block, itemIndent, textIndent, topLabel, before float64) {
	f := w.f
	label := topLabel
	if topLabel > 0 && textIndent > itemIndent && bulletList(bs) {
		// A bulleted list under an article's text hangs its bullets at
		// the text, not in the column of the article's number: it reads
		// as part of what precedes it, and a paragraph after it, at the
		// text's indent, stands clearly outside the list.
		itemIndent, topLabel = textIndent, 0
	}
	if itemIndent > 0 || topLabel == 0 {
		// A nested list: room for its widest number.
		label = 7
		for _, b := range bs {
			if b.Kind == agreement.Item {
				label = max(label, w.labelWidth(b.Number, false))
			}
		}
	}
	for _, b := range bs {
		space := 1.8
		if before > 0 {
			space, before = before, 0
		}
		switch b.Kind {
		case agreement.Item:
			w.place(b)
			rest := b.Children
			p := layout.Para{Label: []layout.Run{{Text: b.Number}}, Indent: itemIndent, LabelWidth: label, SpaceBefore: space}
			if len(rest) > 0 && rest[0].Kind == agreement.Paragraph {
				p.Runs = w.runs(rest[0].Inlines)
				p.KeepWithNext = len(rest) > 1 && strings.HasSuffix(strings.TrimSpace(agreement.InlineText(rest[0].Inlines)), ":")
				rest = rest[1:]
			} else {
				p.KeepWithNext = true
			}
			f.Paragraph(p)
			w.blocks(rest, itemIndent+label, itemIndent+label, 0, 0)
		case agreement.Paragraph:
			// A paragraph that introduces what follows ("…, namelijk:")
			// stays on the page of what it introduces.
			intro := strings.HasSuffix(strings.TrimSpace(agreement.InlineText(b.Inlines)), ":")
			f.Paragraph(layout.Para{Runs: w.runs(b.Inlines), Indent: textIndent, SpaceBefore: space, KeepWithNext: intro})
		case agreement.Heading:
			f.Paragraph(layout.Para{Runs: bold(w.runs(b.Inlines)), Indent: textIndent, SpaceBefore: space + 2, KeepWithNext: true})
		case agreement.Table:
			rows := make([][][]layout.Run, len(b.Rows))
			for i, row := range b.Rows {
				rows[i] = make([][]layout.Run, len(row))
				for j, cell := range row {
					rows[i][j] = w.runs(cell)
				}
			}
			f.Table(layout.Table{Rows: rows, Columns: markColumns(b.Rows), Header: true, Borders: true, Indent: textIndent, SpaceBefore: space + 1})
			f.Space(1)
		case agreement.Quote:
			// A quotation is indented from the text it is part of, with a
			// rule at its left; its own words keep their formatting.
			w.place(b)
			f.Quote(textIndent+quoteRule, func() {
				w.blocks(b.Children, textIndent+quoteIndent, textIndent+quoteIndent, 0, space)
			})
			f.Space(1)
		case agreement.Article, agreement.Section:
			w.clause(b, label, space, nil)
		}
	}
}

// A quotation's rule stands quoteRule right of the text it is part of,
// and its text quoteIndent right of it, in mm.
const (
	quoteRule   = 1.5
	quoteIndent = 6.0
)

// bulletList reports whether the items among bs are all bullets (a
// number without a letter or digit: ●, ❖, –) and there is at least one.
func bulletList(bs []*agreement.Block) bool {
	n := 0
	for _, b := range bs {
		if b.Kind != agreement.Item {
			continue
		}
		for _, r := range b.Number {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return false
			}
		}
		n++
	}
	return n > 0
}

// linkedRuns converts assembled inlines to styled runs; a cross-reference
// whose target has an anchor in targets links to it.
func linkedRuns(in []agreement.Inline, targets map[string]*layout.Anchor) []layout.Run {
	out := make([]layout.Run, 0, len(in))
	for _, x := range in {
		if x.Break {
			out = append(out, layout.Run{Text: "\n"})
			continue
		}
		out = append(out, layout.Run{
			Text:      x.Text,
			Bold:      x.Style&clauses.Bold != 0,
			Italic:    x.Style&clauses.Italic != 0,
			Underline: x.Style&clauses.Underline != 0,
			GoTo:      targets[x.Ref],
		})
	}
	return layout.Linkify(out)
}

func bold(rs []layout.Run) []layout.Run {
	for i := range rs {
		rs[i].Bold = true
	}
	return rs
}

// markColumns centres the columns whose cells below the header are all
// marks of at most three characters: the x of a Ja/Nee table.
func markColumns(rows [][][]agreement.Inline) []layout.Column {
	if len(rows) < 2 {
		return nil
	}
	cols := make([]layout.Column, len(rows[0]))
	for c := range cols {
		marks := true
		for _, row := range rows[1:] {
			if c < len(row) && utf8.RuneCountInString(strings.TrimSpace(agreement.InlineText(row[c]))) > 3 {
				marks = false
				break
			}
		}
		if marks {
			cols[c].Align = layout.AlignCenter
		}
	}
	return cols
}
