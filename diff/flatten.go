package diff

import (
	"sort"
	"strings"
	"unicode"

	"github.com/termsmith/termsmith/agreement"
)

// partKind marks the unit of a whole document (a Part) among the block kinds.
const partKind agreement.Kind = -1

// unit is one comparable piece of a document: a part (its heading), an
// article or section (its title), a list item (its own paragraphs and
// tables, without its sub-items), or a paragraph, sub-heading or table
// directly under an article. Units form a tree like the document's.
type unit struct {
	id       string
	kind     agreement.Kind
	labelled bool
	part     *agreement.Part
	block    *agreement.Block // nil for a part
	parent   int              // index of the parent unit; -1 for a part
	children []int
	pos      int     // position among its siblings
	number   string  // printed number, see Change.NewNumber
	local    string  // the number relative to the parent's: what renumbering changes
	title    string  // title of the enclosing article, or the part heading
	key      string  // the comparison key of its text (see normalizer)
	toks     []token // its tokens, made when needed (see tokens)
	wordList []string
	match    int  // index of the aligned unit in the other document, or -1
	moved    bool // aligned, but under another parent or out of order
}

// flat is a document as a list of units in document order.
type flat struct {
	units []*unit
}

func flatten(d *agreement.Agreement) *flat {
	f := &flat{}
	for _, p := range d.Parts {
		// A change's place prints the part's label ("Appendix B"), so the
		// title of what is in it is the part's title alone.
		pi := f.add(&unit{id: p.ID, kind: partKind, labelled: true, part: p, parent: -1, title: p.Title})
		for _, b := range p.Blocks {
			if !b.NotApplicable { // a gap is not content: it changes only with what applies
				f.block(b, pi, nil)
			}
		}
	}
	// The keys of all units, in one buffer and one string.
	n := normalizer{buf: make([]byte, 0, 256<<10)}
	ends := make([]int, 2*len(f.units))
	for i, u := range f.units {
		n.begin()
		feedUnit(&n, u)
		ends[2*i], ends[2*i+1] = n.start, len(n.buf)
	}
	all := string(n.buf)
	for i, u := range f.units {
		u.key = all[ends[2*i]:ends[2*i+1]]
	}
	return f
}

func (f *flat) add(u *unit) int {
	u.match = -1
	i := len(f.units)
	if u.parent >= 0 {
		p := f.units[u.parent]
		u.pos = len(p.children)
		p.children = append(p.children, i)
	}
	f.units = append(f.units, u)
	return i
}

// block adds b, under the unit parent whose block is parentBlock (nil for a
// part), and the units below it.
func (f *flat) block(b *agreement.Block, parent int, parentBlock *agreement.Block) {
	p := f.units[parent]
	u := &unit{id: b.ID, kind: b.Kind, labelled: b.Labelled, part: p.part, block: b, parent: parent, title: p.title}
	switch b.Kind {
	case agreement.Article, agreement.Section:
		u.number, u.local = b.Ref, b.Ref
		if b.Title != "" {
			u.title = b.Title
		}
	case agreement.Item:
		u.number = b.Ref
		if isBullet(b.Number) {
			// A bullet is no number: the item is named by the clause it
			// is in.
			u.number = p.number
		} else {
			u.local = b.Ref
			if parentBlock != nil && parentBlock.Ref != "" {
				u.local = strings.TrimPrefix(b.Ref, parentBlock.Ref)
			}
		}
	default:
		u.number = p.number
	}
	i := f.add(u)
	if b.Kind == agreement.Article || b.Kind == agreement.Section || b.Kind == agreement.Item {
		for _, c := range b.Children {
			if (b.Kind != agreement.Item || c.Kind == agreement.Item) && !c.NotApplicable {
				f.block(c, i, b)
			}
		}
	}
}

// feedUnit passes a unit's own content to s: a part's heading, an
// article's title, an item's paragraphs and tables (not its sub-items), a
// paragraph, heading or table.
func feedUnit(s sink, u *unit) {
	switch {
	case u.kind == partKind:
		s.text(u.part.Heading())
	case u.kind == agreement.Article || u.kind == agreement.Section:
		s.text(u.block.Title)
	case u.kind == agreement.Item:
		for _, c := range u.block.Children {
			if c.Kind != agreement.Item {
				content(s, c)
			}
		}
	default:
		content(s, u.block)
	}
}

// tokens returns the unit's tokens, making them the first time.
func (u *unit) tokens() []token {
	if u.toks == nil {
		var z tokenizer
		feedUnit(&z, u)
		z.trimSpace()
		u.toks = z.out
		if u.toks == nil {
			u.toks = []token{}
		}
	}
	return u.toks
}

// content adds the text of a paragraph, heading or table as its own
// paragraph(s): table cells separated by " | ", rows by line ends; of a
// quotation, the text of every block in it, its list items' included.
func content(z sink, b *agreement.Block) {
	switch b.Kind {
	case agreement.Quote, agreement.Item:
		for _, c := range b.Children {
			content(z, c)
		}
	case agreement.Paragraph, agreement.Heading:
		z.sep(paraToken)
		feedInlines(z, b.Inlines)
	case agreement.Table:
		z.sep(paraToken)
		for r, row := range b.Rows {
			if r > 0 {
				z.sep(paraToken)
			}
			for c, cell := range row {
				if c > 0 {
					z.sep(cellToken)
				}
				feedInlines(z, cell)
			}
		}
	}
}

// isBullet reports whether a printed number is a bullet rather than a
// number: it has no letter or digit.
func isBullet(number string) bool {
	return number != "" && strings.IndexFunc(number, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0
}

// heading reports whether the unit's own text is a title or heading: a
// part, an article or a section.
func (u *unit) heading() bool {
	return u.kind == partKind || u.kind == agreement.Article || u.kind == agreement.Section
}

// text is the unit's own text as printed.
func (u *unit) text() string {
	var p printer
	feedUnit(&p, u)
	return string(p.buf)
}

// fullText is the text of the unit and everything under it, one line per
// block, each numbered as printed: what an added or removed clause shows.
// A clause under it that is aligned with one in the other document (it
// moved in or out) is left out: it is a change of its own.
func (f *flat) fullText(i int) string {
	var lines []string
	var walk func(i int)
	walk = func(i int) {
		u := f.units[i]
		var head string
		switch {
		case u.kind == partKind:
			head = u.text()
		case u.kind == agreement.Article || u.kind == agreement.Section || u.kind == agreement.Item:
			head = strings.TrimSpace(u.block.Number + " " + u.text())
		default:
			head = u.text()
		}
		if head != "" {
			lines = append(lines, head)
		}
		for _, c := range u.children {
			if f.units[c].match < 0 {
				walk(c)
			}
		}
	}
	walk(i)
	return strings.Join(lines, "\n")
}

// words returns the unit's words (and cross-references), sorted, for
// similarity; made the first time.
func (u *unit) words() []string {
	if u.wordList == nil {
		u.wordList = []string{}
		for _, t := range u.tokens() {
			if t.isWord() {
				u.wordList = append(u.wordList, t.key)
			}
		}
		sort.Strings(u.wordList)
	}
	return u.wordList
}

// rows returns the cells of a table unit as printed, row by row; nil for
// any other unit.
func (u *unit) rows() [][]string {
	if u.kind != agreement.Table || u.block == nil {
		return nil
	}
	out := make([][]string, len(u.block.Rows))
	for r, row := range u.block.Rows {
		out[r] = make([]string, len(row))
		for c, cell := range row {
			var p printer
			p.begin()
			feedInlines(&p, cell)
			out[r][c] = string(p.buf)
		}
	}
	return out
}
