package importer

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/termsmith/termsmith/internal/lazy"
)

// builder turns lines into documents, articles and blocks. It reads the
// lines once, front to back, keeping the lists that are open; every
// decision it cannot make with confidence goes into the report.
type builder struct {
	r        *reporter
	lines    []srcLine
	width    []int
	wrapped  bool
	markdown bool

	docs  []*doc
	doc   *doc
	art   *article
	stack []*block // open lists, outermost first
	cur   *block   // the paragraph that continuation lines go to
	last  int      // index of the last line added to cur

	artLevel int // Markdown: the heading level of articles (2 for ##)

	titleOpen bool // the last line was an article title, which may go on
	lastTOC   bool // the last line was a table-of-contents entry

	// heads is how many lists at the bottom of stack hold Markdown
	// sub-sections typed as numbered headings (#### 3.1. General.): the
	// text under such a heading goes into its item.
	heads int
	// runIn is set when the current paragraph is a sub-section's title
	// that ends a sentence ("General."): the text under it runs on after
	// it, "3.1. General. You will: …".
	runIn bool
	// quotes counts the block quotes read so far; quoteBreak is set by an
	// empty quote line (">"), which ends a paragraph of the quote.
	quotes     int
	quoteBreak bool
}

func (b *builder) run() {
	for i := range b.lines {
		l := &b.lines[i]
		// An empty Markdown item ("1." whose text is on the next line, or
		// was only a comment) still opens an item.
		if (l.text == "" && l.md != mdItem && l.md != mdQuote) || l.skip {
			continue
		}
		b.line(i)
	}
}

func (b *builder) line(i int) {
	l := &b.lines[i]
	switch l.md {
	case mdComment:
		b.r.add(l.n, "HTML comment dropped")
		return
	case mdHeading:
		b.mdHeading(i)
		return
	case mdItem:
		b.mdItem(i)
		return
	case mdTable:
		b.mdTableRow(i)
		return
	case mdTableDelim:
		return
	case mdQuote:
		b.mdQuote(i)
		return
	}
	if !l.toc {
		if h, ok := parseDocHeading(l.text); ok {
			b.startDoc(h.label, h.title, l.n)
			return
		}
	}
	if b.doc == nil {
		b.startDoc("", "", l.n)
		if !b.markdown && !l.toc && titleLike(l.text) {
			if _, isMarker := parseMarker(l.text); !isMarker {
				b.doc.title = l.text
				return
			}
		}
	}
	if b.titleOpen {
		b.titleOpen = false
		if startsLower(l.text) && !l.toc {
			if _, isMarker := parseMarker(l.text); !isMarker {
				b.art.title += " " + l.text
				return
			}
		}
	}
	if !l.toc {
		if m, ok := parseMarker(l.text); ok && b.marker(i, m) {
			b.lastTOC = false
			return
		}
	}
	b.textLine(i)
	b.lastTOC = l.toc
}

// titleLike reports whether s reads as a title: short, one phrase.
func titleLike(s string) bool {
	return s != "" && utf8.RuneCountInString(s) <= 120 && len(strings.Fields(s)) <= 16 &&
		!strings.Contains(s, ". ") && !strings.HasSuffix(s, ";") && !strings.HasSuffix(s, ",") &&
		!strings.HasSuffix(s, ".") && startsUpper(s)
}

type docHeading struct{ label, title string }

var docHeadingRE = lazy.Regexp(`^(?i:(bijlage|appendix|annex|addendum|hoofdstuk|chapter|schedule))\s+([0-9]{1,2}|[A-Z]|[IVX]{1,4})\s*[:.–—-]\s*(\S.*)$`)

// parseDocHeading recognises the heading of a new document: "Bijlage 1:
// Verwerkersovereenkomst", "Appendix A – …", "Hoofdstuk B. Hosting".
func parseDocHeading(s string) (docHeading, bool) {
	m := docHeadingRE().FindStringSubmatch(s)
	if m == nil {
		return docHeading{}, false
	}
	kw := strings.ToUpper(m[1][:1]) + strings.ToLower(m[1][1:])
	return docHeading{label: kw + " " + m[2], title: strings.TrimSpace(m[3])}, true
}

// markTOC marks document headings that a later heading repeats: they are
// a table of contents, not the start of a document.
func markTOC(lines []srcLine, r *reporter) {
	lastAt := map[string]int{}
	for i, l := range lines {
		if l.skip || l.md != mdNone {
			continue
		}
		if h, ok := parseDocHeading(l.text); ok {
			lastAt[h.label] = i
		}
	}
	for i := range lines {
		l := &lines[i]
		if l.skip || l.md != mdNone {
			continue
		}
		if h, ok := parseDocHeading(l.text); ok && lastAt[h.label] != i {
			l.toc = true
			r.add(l.n, "%q is repeated further on (a table of contents?): kept as text", l.text)
		}
	}
}

func (b *builder) startDoc(label, title string, line int) {
	b.closeLists()
	b.cur, b.art, b.titleOpen = nil, nil, false
	b.doc = &doc{label: label, title: title, line: line}
	b.docs = append(b.docs, b.doc)
}

func (b *builder) closeLists() { b.stack, b.heads, b.runIn = nil, 0, false }

func (b *builder) startArticle(line, num int, title string) {
	b.closeLists()
	b.cur = nil
	a := &article{title: title, numbered: true, typed: num, line: line, doc: b.doc}
	b.doc.articles = append(b.doc.articles, a)
	b.doc.lastNum = num
	b.art = a
	b.titleOpen = true
}

// openPreamble starts the unnumbered section that holds text before a
// document's first article.
func (b *builder) openPreamble(line int) {
	if b.doc == nil {
		b.startDoc("", "", line)
	}
	a := &article{line: line, doc: b.doc}
	b.doc.articles = append(b.doc.articles, a)
	b.art = a
}

// marker decides whether a line-start marker really starts an article, a
// sub-clause or a list item. It returns false to keep the line as text.
func (b *builder) marker(i int, m marker) bool {
	l := &b.lines[i]
	if b.doc == nil {
		b.startDoc("", "", l.n)
	}
	first := m.cands[0]
	expected := b.doc.lastNum + 1
	switch {
	case m.article:
		ok := first.value == expected && (b.doc.letter == m.letter || b.doc.lastNum == 0)
		if ok && titleLike(m.rest) {
			b.doc.letter = m.letter
			b.startArticle(l.n, first.value, m.rest)
			return true
		}
		return false
	case first.style.kind == sDecDot && titleLike(m.rest) && b.doc.letter == "":
		if first.value == expected {
			b.startArticle(l.n, first.value, m.rest)
			return true
		}
		if strings.ToUpper(m.rest) == m.rest {
			b.r.add(l.n, "%q looks like an article heading, but article %d was expected: kept as text", l.text, expected)
			return false
		}
	case first.style.kind == sDotted:
		return b.subClause(i, m)
	}
	return b.listItem(i, m)
}

// subClause adds a numbered sub-clause (11.2.) to the current article.
func (b *builder) subClause(i int, m marker) bool {
	l := &b.lines[i]
	a := b.art
	if a == nil || !a.numbered {
		return false
	}
	v := m.cands[0].value
	if m.parent != a.typed || v < 1 || v > a.lastSub+2 {
		b.r.add(l.n, "%q at the start of a line does not number a sub-clause of article %d: kept as text", m.typed, a.typed)
		return false
	}
	// Sub-clauses run on in one list until a heading interrupts them.
	var list *block
	if n := len(a.body); n > 0 && a.body[n-1].kind == bList && a.body[n-1].style.kind == sDotted {
		list = a.body[n-1]
	} else {
		list = &block{kind: bList, line: l.n, style: style{kind: sDotted}}
		a.body = append(a.body, list)
	}
	b.stack = []*block{list}
	a.subs++
	computed := a.subs
	it := b.addItem(list, l.n, v, m.typed, m.rest)
	it.dotted = m.dot
	it.position = a.subs
	if v != computed || m.parent != a.typed {
		it.pin = strconv.Itoa(m.parent) + "." + strconv.Itoa(v)
		b.r.add(l.n, "sub-clause typed as %s where %d.%d comes: pinned with <!-- number: … --> to stay faithful (a numbering defect in the source)",
			strings.TrimSuffix(m.typed, "."), a.typed, computed)
	}
	a.lastSub = v
	b.splitMidline(i)
	return true
}

// addItem appends an item with its first line of text to list.
func (b *builder) addItem(list *block, line, value int, typed, text string) *block {
	it := &block{kind: bItem, line: line, value: value, typed: typed, list: list}
	if len(b.stack) > 1 {
		it.parent = b.stack[len(b.stack)-2].lastItem()
	}
	// Merge a list that the stack reopened: items of one list stay in it.
	list.items = append(list.items, it)
	p := it.firstPara()
	p.line = line
	if text != "" {
		p.segs = append(p.segs, seg{line: line, text: text, md: b.markdown})
	}
	b.cur, b.last = p, b.lineIndex(line)
	return it
}

func (b *builder) lineIndex(n int) int { return n - 1 }

// listItem places a lettered, roman or bullet item: as the next item of an
// open list, or as the first item of a new one.
func (b *builder) listItem(i int, m marker) bool {
	l := &b.lines[i]
	if b.art == nil {
		b.openPreamble(l.n)
	}
	for d := len(b.stack) - 1; d >= 0; d-- {
		list := b.stack[d]
		for _, c := range m.cands {
			if c.style != list.style {
				continue
			}
			if c.style.kind == sBullet || c.value == list.lastItem().value+1 {
				b.stack = b.stack[:d+1]
				b.addListItem(list, l.n, c.value, m.typed, m.rest)
				b.splitMidline(i)
				return true
			}
		}
	}
	if b.cur != nil && !endsSentence(b.lines[b.last].text) {
		b.r.add(l.n, "%q continues the sentence of the line before: kept as prose", m.typed)
		return false
	}
	for _, c := range m.cands {
		if c.style.kind != sBullet && c.value != 1 {
			continue
		}
		b.newList(l.n, c.style)
		b.addListItem(b.stack[len(b.stack)-1], l.n, c.value, m.typed, m.rest)
		b.splitMidline(i)
		return true
	}
	b.r.add(l.n, "%q neither continues an open list nor starts one: kept as text", m.typed)
	return false
}

func (b *builder) addListItem(list *block, line, value int, typed, text string) {
	it := b.addItem(list, line, value, typed, text)
	if list.depth == 0 && list.style.ordered() {
		b.art.subs++
		it.position = b.art.subs
	}
}

// newList opens a list nested in the current item, or at the article's
// top level when no list is open.
func (b *builder) newList(line int, st style) {
	list := &block{kind: bList, line: line, style: st, depth: len(b.stack)}
	if len(b.stack) == 0 {
		b.art.body = append(b.art.body, list)
	} else {
		parent := b.stack[len(b.stack)-1].lastItem()
		parent.kids = append(parent.kids, list)
	}
	b.stack = append(b.stack, list)
}

// splitMidline splits the current item where its text holds the marker of
// the next item: "… vergoeding. g. In het geval …", "… Verwerker. ● zij".
func (b *builder) splitMidline(i int) {
	for len(b.stack) > 0 && b.cur != nil {
		list := b.stack[len(b.stack)-1]
		it := list.lastItem()
		if !containsBlock(it.kids, b.cur) || len(b.cur.segs) == 0 {
			return
		}
		s := &b.cur.segs[len(b.cur.segs)-1]
		cut, next, typed := -1, 0, ""
		if list.style.kind == sBullet {
			if k := strings.Index(s.text, list.style.glyph); k > 0 {
				cut, typed = k, list.style.glyph
			}
		} else if list.style.ordered() && list.style.kind != sOrdered && list.style.kind != sDotted {
			typed = list.style.format(it.value + 1)
			re := regexp.MustCompile(`[.;:,]\s+(` + regexp.QuoteMeta(typed) + `)(\s|$)`)
			if loc := re.FindStringSubmatchIndex(s.text); loc != nil {
				cut, next = loc[2], it.value+1
			}
		}
		if cut < 0 {
			return
		}
		rest := strings.TrimSpace(s.text[cut+len(typed):])
		s.text = strings.TrimSpace(s.text[:cut])
		b.r.add(s.line, "%q inside the text of an item: split into a new item", typed)
		b.addListItem(list, s.line, next, typed, rest)
	}
}

func containsBlock(list []*block, b *block) bool {
	for _, x := range list {
		if x == b {
			return true
		}
	}
	return false
}

// textLine adds a line that is not a marker: it continues the current
// paragraph, or starts a heading or a new paragraph.
func (b *builder) textLine(i int) {
	l := &b.lines[i]
	if b.art == nil {
		b.openPreamble(l.n)
	}
	s := seg{line: l.n, text: l.text, plain: l.toc, md: b.markdown}
	if l.toc {
		if b.cur != nil && b.lastTOC {
			s.brk = true
			b.appendSeg(i, s)
			return
		}
		b.newPara(i, s)
		return
	}
	if b.cur != nil {
		switch {
		case b.markdown && b.runIn:
			// A sub-section's title that ends a sentence: its text runs on.
			b.runIn = false
			b.appendSeg(i, s)
			return
		case b.markdown && !l.blankBefore:
			s.brk = b.lines[b.last].hardBreak
			b.appendSeg(i, s)
			return
		case !b.markdown && !b.wrapped && !l.blankBefore:
			s.brk = true
			b.appendSeg(i, s)
			return
		}
	}
	if !b.markdown && b.isHeading(i) {
		b.closeLists()
		b.art.body = append(b.art.body, &block{kind: bHeading, line: l.n, segs: []seg{s}})
		b.cur = nil
		return
	}
	if b.cur != nil && !b.markdown && b.continues(i) {
		b.appendSeg(i, s)
		return
	}
	b.newPara(i, s)
}

func (b *builder) appendSeg(i int, s seg) {
	b.cur.segs = append(b.cur.segs, s)
	b.last = i
	b.splitMidline(i)
}

// continues reports whether line i goes on with the current paragraph.
func (b *builder) continues(i int) bool {
	l := b.lines[i]
	prev := b.lines[b.last].text
	term := endsSentence(prev)
	if b.wrapped {
		if !l.blankBefore {
			return true // a wrapped paragraph's lines follow each other
		}
		full := b.full(b.last)
		if term {
			return full
		}
		// A bullet's text often ends without punctuation; a short line and
		// a capital after a blank line then start something new.
		if !full && startsUpper(l.text) && l.blankBefore && b.inBullet() {
			return false
		}
		return true
	}
	return !term && (utf8.RuneCountInString(prev) >= 60 || startsLower(l.text))
}

// inBullet reports whether the current paragraph is a bullet's text.
func (b *builder) inBullet() bool {
	if len(b.stack) == 0 {
		return false
	}
	top := b.stack[len(b.stack)-1]
	return top.style.kind == sBullet && containsBlock(top.lastItem().kids, b.cur)
}

// full reports whether line j runs (nearly) to the wrap width, so that the
// paragraph goes on after it.
func (b *builder) full(j int) bool {
	return float64(utf8.RuneCountInString(b.lines[j].text)) >= 0.8*float64(b.width[j])
}

// isHeading reports whether line i is a sub-heading inside an article: a
// short phrase followed by a sub-clause or list item.
func (b *builder) isHeading(i int) bool {
	l := b.lines[i]
	if b.art == nil || !b.art.numbered || len(strings.Fields(l.text)) > 8 || !startsUpper(l.text) ||
		strings.ContainsAny(l.text[len(l.text)-1:], ",;:") || strings.Contains(l.text, ". ") {
		return false
	}
	next := -1
	for j := i + 1; j < len(b.lines); j++ {
		if b.lines[j].text != "" && !b.lines[j].skip {
			next = j
			break
		}
	}
	if next < 0 {
		return false
	}
	m, ok := parseMarker(b.lines[next].text)
	if !ok || m.article || (m.cands[0].style.kind == sDotted && m.parent != b.art.typed) {
		return false
	}
	if m.cands[0].style.kind == sDecDot && titleLike(m.rest) {
		return false
	}
	if b.cur != nil && !endsSentence(b.lines[b.last].text) {
		// Only a bullet's text may end without punctuation before a heading.
		if b.full(b.last) || len(b.stack) == 0 || b.stack[len(b.stack)-1].style.kind != sBullet {
			return false
		}
	}
	return true
}

// newPara starts a paragraph: inside the current sub-clause when one is
// open (a second paragraph of 4.8), else at the article's top level.
func (b *builder) newPara(i int, s seg) {
	p := &block{kind: bPara, line: s.line, segs: []seg{s}}
	b.runIn = false
	if b.heads > 0 {
		// Text under a numbered sub-section heading belongs to it.
		b.stack = b.stack[:b.heads]
		it := b.stack[b.heads-1].lastItem()
		it.kids = append(it.kids, p)
		b.cur, b.last = p, i
		return
	}
	if len(b.stack) > 1 {
		b.stack = b.stack[:1]
	}
	if len(b.stack) == 1 && b.stack[0].style.ordered() {
		it := b.stack[0].lastItem()
		it.kids = append(it.kids, p)
	} else {
		b.stack = nil
		b.art.body = append(b.art.body, p)
	}
	b.cur, b.last = p, i
}

var (
	mdLetterTitleRE   = lazy.Regexp(`^([A-Z])\.\s*(\S.*)$`)
	mdNumberedTitleRE = lazy.Regexp(`^(?:([A-Z])\.)?(\d{1,3})(?:\.\s*|\s+)(\S.*)$`)
)

// headingNumber splits a typed number or letter off a heading: "A.
// Definitions", "3. Payment", "1.Definitions.", "B.2 Scope". The number is
// returned as its value; letter is the letter of "A." or of "B.2".
func headingNumber(text string) (num int, letter string, lettered bool, title string) {
	if m := mdNumberedTitleRE().FindStringSubmatch(text); m != nil {
		n, _ := strconv.Atoi(m[2])
		return n, m[1], false, m[3]
	}
	if m := mdLetterTitleRE().FindStringSubmatch(text); m != nil {
		return int(m[1][0]-'A') + 1, "", true, m[2]
	}
	return 0, "", false, text
}

// mdHeading handles a Markdown heading: # starts a document (or titles
// it), a heading at the document's article level starts an article —
// numbered when the heading types a number or letter, an unnumbered section
// when it does not — and deeper headings are sub-headings.
func (b *builder) mdHeading(i int) {
	l := &b.lines[i]
	switch {
	case l.mdLevel == 1:
		if h, ok := parseDocHeading(l.text); ok {
			b.startDoc(h.label, h.title, l.n)
		} else if b.doc == nil {
			b.startDoc("", l.text, l.n)
		} else if b.doc.title == "" {
			b.doc.title = l.text
		} else {
			b.startDoc("", l.text, l.n)
		}
	case l.mdLevel <= b.artLevel:
		if b.doc == nil {
			b.startDoc("", "", l.n)
		}
		num, letter, lettered, title := headingNumber(l.text)
		if num == 0 {
			b.startSection(l.n, l.text)
			return
		}
		expected := b.doc.lastNum + 1
		if b.doc.lastNum == 0 {
			b.doc.lettered = lettered
			if letter != "" {
				b.doc.letter = letter
			}
		}
		if num != expected {
			typed := strconv.Itoa(num)
			if lettered {
				typed = string(rune('A' + num - 1))
			} else if letter != "" {
				typed = letter + "." + typed
			}
			b.r.add(l.n, "article typed as %s where %s comes: the number is computed now", typed, b.doc.articleNumber(expected))
		}
		b.startArticle(l.n, expected, title)
		b.art.heading, b.art.headNum = l.text, num
		b.titleOpen = false
	default:
		if b.art == nil {
			b.openPreamble(l.n)
		}
		if b.sectionClause(l.n, l.text, "") || l.mdLevel == b.artLevel+1 && b.ownNumberSection(l.n, l.text) {
			return
		}
		b.closeLists()
		b.art.body = append(b.art.body, &block{kind: bHeading, line: l.n, segs: []seg{{line: l.n, text: l.text, md: true}}})
		b.cur = nil
	}
}

// articleNumber prints the n-th article number as the document types it.
func (d *doc) articleNumber(n int) string {
	switch {
	case d.lettered:
		return string(rune('A' + n - 1))
	case d.letter != "":
		return d.letter + "." + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// startSection starts an unnumbered section with a title.
func (b *builder) startSection(line int, title string) {
	b.closeLists()
	b.cur = nil
	a := &article{title: title, heading: title, line: line, doc: b.doc}
	b.doc.articles = append(b.doc.articles, a)
	b.art = a
}

// mdQuote adds a line of a Markdown block quote. Its lines make
// paragraphs, as other text does, marked as one quotation: a line right
// after a quote line goes on with the same quote, an empty quote line
// (">") starts its next paragraph, and a list item or heading inside the
// quote starts a paragraph of its own, so that it is written back on a
// line of its own and read as what it is.
func (b *builder) mdQuote(i int) {
	l := &b.lines[i]
	if b.art == nil {
		b.openPreamble(l.n)
	}
	same := i > 0 && (b.lines[i-1].md == mdQuote || b.cur != nil && b.cur.quote != 0 && b.cur.quote == b.quotes && b.last == i-1)
	if !same {
		b.quotes++
		b.quoteBreak = false
	}
	if l.text == "" {
		b.quoteBreak = true
		return
	}
	s := seg{line: l.n, text: l.text, md: true}
	block := mdItemRE().MatchString(l.text) || mdHeadingRE().MatchString(l.text)
	if same && !b.quoteBreak && !block && b.cur != nil && b.cur.quote == b.quotes {
		s.brk = b.lines[b.last].hardBreak
		b.appendSeg(i, s)
		return
	}
	b.quoteBreak = false
	b.newPara(i, s)
	b.cur.quote = b.quotes
}

// mdTableRow adds a row of a pipe table: the header row starts a table.
func (b *builder) mdTableRow(i int) {
	l := &b.lines[i]
	if b.art == nil {
		b.openPreamble(l.n)
	}
	body := &b.art.body
	if b.heads > 0 {
		// A table under a numbered sub-section heading belongs to it.
		b.stack = b.stack[:b.heads]
		body = &b.stack[b.heads-1].lastItem().kids
	}
	n := len(*body)
	if l.mdLevel == 0 || n == 0 || (*body)[n-1].kind != bTable {
		if b.heads == 0 {
			b.closeLists()
		}
		*body = append(*body, &block{kind: bTable, line: l.n})
		n++
	}
	t := (*body)[n-1]
	t.rows = append(t.rows, l.cells)
	b.cur, b.runIn = nil, false
}

// boldSectionRE matches a bullet that is a numbered sub-section written as
// a list item: "**3.3.1. Subscriptions.** The Program …".
var boldSectionRE = lazy.Regexp(`^\*\*(\d{1,3}(?:\.\d{1,3})+\.?\s+[^*]+?)\*\*(\.?)\s+(\S.*)$`)

// mdItem handles a Markdown list item; its depth comes from indentation.
func (b *builder) mdItem(i int) {
	l := &b.lines[i]
	if b.art == nil {
		b.openPreamble(l.n)
	}
	if m := boldSectionRE().FindStringSubmatch(l.text); m != nil && !l.mdOrdered && l.mdLevel == 0 {
		if b.sectionClause(l.n, m[1]+m[2], m[3]) {
			b.last = i
			return
		}
		// The same sub-section as a heading over its text, which is how
		// other versions of such a page write it.
		b.closeLists()
		b.art.body = append(b.art.body, &block{kind: bHeading, line: l.n, segs: []seg{{line: l.n, text: m[1] + m[2], md: true}}})
		b.r.add(l.n, "bullet %q is a numbered sub-section: written as a sub-heading over its text", m[1]+m[2])
		b.newPara(i, seg{line: l.n, text: m[3], md: true})
		return
	}
	st := style{kind: sBullet}
	if l.mdOrdered {
		st = style{kind: sOrdered}
	}
	// Lists under a numbered sub-section heading nest in its item.
	depth := b.heads + min(l.mdLevel, len(b.stack)-b.heads)
	b.runIn = false
	b.stack = b.stack[:min(len(b.stack), depth+1)]
	if len(b.stack) == depth+1 && b.stack[depth].style.kind != st.kind {
		b.stack = b.stack[:depth]
	}
	if len(b.stack) < depth+1 {
		b.newList(l.n, st)
	}
	list := b.stack[len(b.stack)-1]
	value := 1
	if len(list.items) > 0 {
		value = list.lastItem().value + 1
	}
	b.addListItem(list, l.n, value, "", l.text)
	b.last = i
}

// sectionNumberRE splits a typed sub-section number off a heading or a
// bold bullet: "3.1. General.", "3.3.1 Subscriptions", "4.2.1. \"Sponsorship Payment\"".
var sectionNumberRE = lazy.Regexp(`^(\d{1,3}(?:\.\d{1,3})+)\.?\s+(\S.*)$`)

// sectionClause turns a Markdown sub-section typed with its number — a
// heading "#### 3.1. General." or a bullet "* **3.3.1. Subscriptions.** …"
// — into a numbered sub-clause of the current article (3.1) or of the
// sub-clause its number names (3.3.1 under 3.3), so that termsmith
// computes the number. Its title starts the item in bold; rest is text on
// the same line. It returns false, changing nothing, when the number does
// not continue the article's sub-clauses: the heading stays a sub-heading.
func (b *builder) sectionClause(line int, text, rest string) bool {
	a := b.art
	m := sectionNumberRE().FindStringSubmatch(strings.TrimSpace(strings.ReplaceAll(text, "**", "")))
	if m == nil || a == nil || !a.numbered {
		return false
	}
	var comps []int
	for _, p := range strings.Split(m[1], ".") {
		n, _ := strconv.Atoi(p)
		comps = append(comps, n)
	}
	if comps[0] != a.typed && comps[0] != a.headNum || len(comps)-2 > b.heads {
		return false
	}
	heading := ""
	if rest == "" {
		heading = text // a bold bullet has no anchor
	}
	return b.addSection(line, m[1], comps, m[2], rest, heading, false)
}

// ownNumberRE matches a sub-section heading that types only its own
// number: "1. Account Controls" under "B. Account Terms".
var ownNumberRE = lazy.Regexp(`^(\d{1,3})\.\s+(\S.*)$`)

// ownNumberSection turns a heading one level under the article's that
// types only its own number — "#### 1. Account Controls" under "### B.
// Account Terms", as pages whose articles are lettered write them — into
// a numbered sub-clause of the article, as sectionClause does for "3.1.".
// The numbers must rise; a number skipped (1, then 3, where a sub-section
// was removed and the rest not renumbered) is reported and computed, as
// an article's is.
func (b *builder) ownNumberSection(line int, text string) bool {
	a := b.art
	m := ownNumberRE().FindStringSubmatch(strings.TrimSpace(strings.ReplaceAll(text, "**", "")))
	if m == nil || a == nil || !a.numbered {
		return false
	}
	v, _ := strconv.Atoi(m[1])
	return b.addSection(line, m[1], []int{a.typed, v}, m[2], "", text, true)
}

// addSection adds the sub-section numbered comps (the article's number,
// then each level's) titled title, with rest the text on its line. A
// number that does not continue its level is kept as a sub-heading, or,
// with skip, when it is higher than the next, computed and reported.
// heading is the Markdown heading it was typed as, if it was one.
func (b *builder) addSection(line int, typed string, comps []int, title, rest, heading string, skip bool) bool {
	a := b.art
	depth := len(comps) - 2
	// The enclosing sub-sections must be the open ones: 3.3.1 under 3.3.
	for k := 0; k < depth; k++ {
		if b.stack[k].lastItem().value != comps[k+1] {
			return false
		}
	}
	v := comps[depth+1]
	var list *block
	switch {
	case depth < b.heads:
		list = b.stack[depth]
	case depth == 0:
		if n := len(a.body); n > 0 && a.body[n-1].kind == bList && a.body[n-1].style.kind == sDotted {
			list = a.body[n-1] // sub-clauses run on until a heading interrupts them
		}
	}
	expected := 1
	if list != nil {
		expected = list.lastItem().value + 1
	}
	switch {
	case skip && v > expected:
		b.r.add(line, "sub-section typed as %s where %d comes: the number is computed now", typed, expected)
	case skip && v == expected:
	case v != expected || depth == 0 && list == nil && v != a.subs+1:
		b.r.add(line, "sub-section %q does not continue the numbering (%s expected): kept as a sub-heading", typed, numberPath(comps[:depth+1], expected))
		return false
	}
	if list == nil {
		list = &block{kind: bList, line: line, style: style{kind: sDotted}, depth: depth}
		if depth == 0 {
			a.body = append(a.body, list)
		} else {
			parent := b.stack[depth-1].lastItem()
			parent.kids = append(parent.kids, list)
		}
	}
	b.stack = append(b.stack[:depth], list)
	b.heads = depth + 1
	title = strings.TrimSpace(title)
	first := ""
	if title != "" {
		first = "**" + title + "**"
	}
	it := b.addItem(list, line, v, typed+".", first)
	it.dotted = true
	it.title = strings.Trim(title, "\"“”' ")
	it.heading = heading
	if depth == 0 {
		a.subs++
		a.lastSub = v
		it.position = a.subs
	}
	b.runIn = false
	switch {
	case rest != "":
		b.cur.segs = append(b.cur.segs, seg{line: line, text: rest, md: true})
	case strings.HasSuffix(title, ".") || strings.HasSuffix(title, ":"):
		b.runIn = true
	case title != "":
		b.cur = nil // the text under the title is a paragraph of its own
	}
	return true
}

// numberPath prints a sub-section number: the article and enclosing
// numbers, then n.
func numberPath(prefix []int, n int) string {
	var parts []string
	for _, p := range prefix {
		parts = append(parts, strconv.Itoa(p))
	}
	return strings.Join(append(parts, strconv.Itoa(n)), ".")
}
