package importer

import "strings"

// The import builds a tree of documents, articles and blocks from the
// lines, then resolves references and writes Markdown from it.

type doc struct {
	id, label, title string
	line             int
	articles         []*article
	letter           string // "A" when articles are numbered A.1, A.2
	lettered         bool   // articles are lettered A., B. (Markdown headings)
	lastNum          int    // typed number of the last article
	numbering        numberingInfo
}

type article struct {
	id       string
	title    string
	heading  string // Markdown: the heading as typed, for in-page links to it
	numbered bool
	typed    int // typed article number
	headNum  int // Markdown: the number the heading typed, which may differ from typed
	line     int
	body     []*block
	doc      *doc
	subs     int // top-level items so far (for labels and expected numbers)
	lastSub  int // typed number of the last sub-clause
}

type blockKind int

const (
	bPara blockKind = iota
	bHeading
	bList
	bItem
	bTable
)

type block struct {
	kind blockKind
	line int

	// bPara, bHeading: the text, as it was read, then as pieces.
	segs   []seg
	pieces []piece
	// quote is set on the paragraphs of a block quote: the quote's number
	// in its article, so that the paragraphs of one quote are written as
	// one quotation.
	quote int

	// bList
	style     style
	depth     int
	items     []*block
	numbering string // pattern directive, when it differs from the document's

	// bTable: rows of cells, as Markdown; row 0 is the header
	rows [][]string

	// bItem
	value    int
	typed    string
	dotted   bool // typed with a trailing dot (sub-clauses)
	kids     []*block
	label    string
	pin      string
	parent   *block // the enclosing item, for nested items
	list     *block
	position int    // 1-based position of a top-level item within its article
	title    string // a sub-section's title ("General."), typed as a heading over it
	heading  string // Markdown: the heading a sub-section was typed as, for in-page links to it
}

// seg is one source line's contribution to a paragraph.
type seg struct {
	line  int
	text  string
	brk   bool // a hard line break comes before it
	plain bool // not to be scanned for references (a table-of-contents entry)
	md    bool // already Markdown: written as is
}

// piece is a run of paragraph text after references were found.
type piece struct {
	text   string
	target string // a reference: the id it points to
	brk    bool   // a hard line break
	md     bool   // already Markdown: written as is
}

func (b *block) text() string {
	var sb strings.Builder
	for i, s := range b.segs {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(s.text)
	}
	return sb.String()
}

// lastItem returns the list's last item.
func (b *block) lastItem() *block { return b.items[len(b.items)-1] }

// firstPara returns an item's first paragraph, creating it if needed.
func (b *block) firstPara() *block {
	if len(b.kids) == 0 || b.kids[0].kind != bPara {
		p := &block{kind: bPara, line: b.line}
		b.kids = append([]*block{p}, b.kids...)
	}
	return b.kids[0]
}

// walk calls f for every block under blocks, depth first.
func walk(blocks []*block, f func(*block)) {
	for _, b := range blocks {
		f(b)
		walk(b.items, f)
		walk(b.kids, f)
	}
}
