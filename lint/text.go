package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termsmith/termsmith/clauses"
)

// textKind says where a run of text sits.
type textKind int

const (
	titleText   textKind = iota // a clause title, from the front matter
	headingText                 // a sub-heading inside an article
	paraText                    // a paragraph, on its own or in a list item
	cellText                    // a table cell
)

// textBlock is one run of text lint reads.
type textBlock struct {
	clause  *clauses.Clause
	kind    textKind
	line    int
	inlines []clauses.Inline
	block   *clauses.Block // the paragraph, heading or table; nil for a title
	item    *clauses.Block // the innermost enclosing list item, if any
	first   bool           // the first paragraph of item: it continues the item's number
	row     int            // a table cell: its row, 0 for the header
	quoted  bool           // inside a quotation: another author's words
}

// eachText calls f for the title of c and every run of text in its body,
// in document order.
func eachText(c *clauses.Clause, f func(textBlock)) {
	if c.Title != "" {
		f(textBlock{clause: c, kind: titleText, line: c.Line, inlines: []clauses.Inline{{Kind: clauses.Text, Text: c.Title}}})
	}
	var walk func(blocks []*clauses.Block, item *clauses.Block, quoted bool)
	walk = func(blocks []*clauses.Block, item *clauses.Block, quoted bool) {
		for i, b := range blocks {
			switch b.Kind {
			case clauses.Paragraph:
				f(textBlock{clause: c, kind: paraText, line: b.Line, inlines: b.Inlines, block: b, item: item, first: item != nil && i == 0, quoted: quoted})
			case clauses.Heading:
				f(textBlock{clause: c, kind: headingText, line: b.Line, inlines: b.Inlines, block: b, item: item, quoted: quoted})
			case clauses.Table:
				for r, row := range b.Rows {
					for _, cell := range row {
						f(textBlock{clause: c, kind: cellText, line: b.Line, inlines: cell, block: b, item: item, row: r, quoted: quoted})
					}
				}
			case clauses.Item:
				walk(b.Children, b, quoted)
			case clauses.Quote:
				walk(b.Children, item, true)
			default:
				walk(b.Children, item, quoted)
			}
		}
	}
	walk(c.Body, nil, false)
}

// Placeholders for the inlines that are not text, in plainText.
const (
	opaqueMark = '\x00' // a reference, variable or check mark
	breakMark  = '\n'   // a hard line break
)

// plainText joins the text of inlines; references and variables become
// opaqueMark, hard breaks breakMark, so that their words are never read as
// the author's text.
func plainText(in []clauses.Inline) string {
	var sb strings.Builder
	for _, x := range in {
		switch x.Kind {
		case clauses.Text:
			sb.WriteString(x.Text)
		case clauses.Break:
			sb.WriteRune(breakMark)
		default:
			sb.WriteRune(opaqueMark)
		}
	}
	return sb.String()
}

// leadingText returns the text of inlines up to the first inline that is
// not text.
func leadingText(in []clauses.Inline) string {
	var sb strings.Builder
	for _, x := range in {
		if x.Kind != clauses.Text {
			break
		}
		sb.WriteString(x.Text)
	}
	return sb.String()
}

// lineOf returns the line of a clause file, from line from to the end of
// that paragraph (the next blank line), that holds the first of needles
// found there; or from. A block knows the line it starts on; this finds
// the line within it where a finding is.
func (l *linter) lineOf(file string, from int, needles ...string) int {
	src, ok := l.srcs[file]
	if !ok {
		src, _ = clauses.ReadFile(l.fsys, file)
		l.srcs[file] = src
	}
	lines := strings.Split(string(src), "\n")
	// A whole word first ("State" is not the start of "Statement"), then
	// any occurrence.
	for _, match := range []func(line, n string) bool{containsWord, strings.Contains} {
		for _, n := range needles {
			if n == "" {
				continue
			}
			for i := from - 1; i >= 0 && i < len(lines); i++ {
				if i > from-1 && strings.TrimSpace(lines[i]) == "" {
					break
				}
				if match(lines[i], n) {
					return i + 1
				}
			}
		}
	}
	return from
}

// containsWord reports whether n occurs in line with no letter or digit
// joined to it on either side.
func containsWord(line, n string) bool {
	for off := 0; ; {
		k := strings.Index(line[off:], n)
		if k < 0 {
			return false
		}
		start, end := off+k, off+k+len(n)
		before, _ := utf8.DecodeLastRuneInString(line[:start])
		after, _ := utf8.DecodeRuneInString(line[end:])
		if (start == 0 || !wordRune(before)) && (end == len(line) || !wordRune(after)) {
			return true
		}
		off = start + 1
	}
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
