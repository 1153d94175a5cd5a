package lint

import (
	"strconv"
	"strings"
	"unicode"

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
			for _, m := range typedRunInRE().FindAllStringSubmatchIndex(full, -1) {
				label := full[m[2]:m[3]]
				if enumerationGoesOn(full[:m[2]], label) {
					continue
				}
				l.warnf(c.File, l.lineOf(c.File, tb.line, " "+label+" "), "typed-number", "%q inside the text looks like a list item run into the one before; make it a list item of its own", label)
				break
			}
			if m := typedBulletRE().FindStringSubmatch(full); m != nil {
				l.warnf(c.File, l.lineOf(c.File, tb.line, m[1]), "typed-number", "bullet %q inside the text: a list item run into the text before it; make it a list item (- …)", m[1])
			}
		})
	}
}

// enumerationGoesOn reports whether the text before a run-in number holds
// the number before it written the same way, inside the text: "that result
// from: (i) your use …; (ii) any modification …; (iii) Marketplace …" is
// one sentence's enumeration, whose items may start with a name.
func enumerationGoesOn(before, label string) bool {
	for _, prev := range previousLabels(label) {
		if strings.Contains(before, " "+prev+" ") {
			return true
		}
	}
	return false
}

// previousLabels returns the numbers that may come before label in its
// own style: "(ii)" before "(iii)", "b)" before "c)", "3." before "4.";
// both "(iv)" and "(u)" before "(v)"; none for a first one.
func previousLabels(label string) []string {
	open, close, core := "", "", label
	if strings.HasPrefix(core, "(") {
		open, core = "(", core[1:]
	}
	if n := len(core); n > 0 && (core[n-1] == ')' || core[n-1] == '.') {
		close, core = core[n-1:], core[:n-1]
	}
	var out []string
	if v := romanValue(core); v > 1 {
		out = append(out, open+romanNumeral(v-1)+close)
	}
	if len(core) == 1 && core != "a" && core != "A" && unicode.IsLetter(rune(core[0])) {
		out = append(out, open+string(core[0]-1)+close)
	}
	if n, err := strconv.Atoi(core); err == nil && n > 1 {
		out = append(out, open+strconv.Itoa(n-1)+close)
	}
	if i := strings.LastIndex(core, "."); i > 0 {
		// "2.3" after "2.2".
		if n, err := strconv.Atoi(core[i+1:]); err == nil && n > 1 {
			out = append(out, open+core[:i+1]+strconv.Itoa(n-1)+close)
		}
	}
	return out
}

// romanValue returns the value of a lower-case roman numeral up to
// xxxix, or 0.
func romanValue(s string) int {
	for n := 1; n < 40; n++ {
		if romanNumeral(n) == s {
			return n
		}
	}
	return 0
}

// romanNumeral writes n (1–39) in lower-case roman numerals.
func romanNumeral(n int) string {
	ones := []string{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"}
	return strings.Repeat("x", n/10) + ones[n%10]
}
