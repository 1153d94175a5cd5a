package lint

import (
	"strings"

	"github.com/termsmith/termsmith/internal/lazy"
)

// A number typed at the start of a text: "1.2", "11.3.", "A.", "a)", "(iv)",
// "iv)", "(b)", "(2)", or a bullet glyph.
var typedStartRE = lazy.Regexp(`^\s*(\d+(?:\.\d+)+\.?|\d+\.|[A-Za-z][.)]|\([A-Za-z]\)|\(?[ivxlcIVXLC]+[.)]|\(\d+\)|[●○■▪•❖◦])(?:\s|$)`)

// A list item run into the text before it: a sentence ends, and a number
// and a capitalised word follow ("… vergoeding. g. In het geval …").
var typedRunInRE = lazy.Regexp(`[.;:]\s+((?:\d+(?:\.\d+)+|[a-zA-Z]|[ivx]+)[.)]|\([a-zA-Z]\)|\([ivx]+\))\s+\p{Lu}`)

// A bullet glyph inside a paragraph: a list item run into the text.
var typedBulletRE = lazy.Regexp(`\s([●○■▪•❖◦])\s`)

// checkTypedNumbers finds numbering typed by hand: titles, headings and
// paragraphs that start with a clause or list number or a bullet, and list
// items run into the paragraph before them. Enumerations inside a sentence
// ("houdt (i) met … dan wel (ii) met …") are prose and are left alone.
func checkTypedNumbers(l *linter) {
	for _, c := range l.st.SortedClauses() {
		eachText(c, func(tb textBlock) {
			if tb.kind == cellText {
				return // a table cell cannot hold a list; typed bullets are its only way
			}
			if tb.kind == titleText {
				tb.line = l.yamlLine(c.File, "title")
			}
			text := leadingText(tb.inlines)
			if m := typedStartRE().FindStringSubmatch(text); m != nil {
				where := map[textKind]string{titleText: "title", headingText: "heading", paraText: "text"}[tb.kind]
				if strings.ContainsAny(m[1], "●○■▪•❖◦") {
					l.warnf(c.File, tb.line, "typed-number", "%s starts with a bullet %q typed by hand; make it a list item (- …)", where, m[1])
				} else {
					l.warnf(c.File, tb.line, "typed-number", "%s starts with the number %q typed by hand; termsmith numbers clauses and list items itself: make it a list item or remove the number", where, m[1])
				}
			}
			if tb.kind != paraText {
				return
			}
			full := plainText(tb.inlines)
			if m := typedRunInRE().FindStringSubmatch(full); m != nil {
				l.warnf(c.File, l.lineOf(c.File, tb.line, " "+m[1]+" "), "typed-number", "%q inside the text looks like a list item run into the one before; make it a list item of its own", m[1])
			}
			if m := typedBulletRE().FindStringSubmatch(full); m != nil {
				l.warnf(c.File, l.lineOf(c.File, tb.line, m[1]), "typed-number", "bullet %q inside the text: a list item run into the text before it; make it a list item (- …)", m[1])
			}
		})
	}
}
