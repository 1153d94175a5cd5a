package importer

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termsmith/termsmith/internal/lazy"
)

// srcLine is one input line after clean-up.
type srcLine struct {
	n           int    // 1-based line number in the input
	raw         string // the line as read, without its line end
	text        string // trimmed, runs of white space collapsed to one space
	blankBefore bool   // a blank line (or a skipped line) comes before it
	skip        bool   // not content: a page footer, a version line
	toc         bool   // a document heading that is only a table-of-contents entry

	// Markdown input only.
	md        mdKind
	mdLevel   int      // heading level, or list depth
	mdOrdered bool     // list item: ordered
	hardBreak bool     // the line ends with a hard line break
	cells     []string // mdTable: the row's cells, as Markdown
}

type mdKind int

const (
	mdNone mdKind = iota
	mdHeading
	mdItem
	mdComment
	mdTable      // a row of a pipe table; mdLevel 0 on its header row
	mdTableDelim // the delimiter row under a table's header
	mdQuote      // a line of a block quote ("> text"); text is without the ">"
)

// splitLines cuts src into lines; src is valid UTF-8 without CR or BOM.
func splitLines(src []byte) []srcLine {
	raw := strings.Split(string(src), "\n")
	if len(raw) > 0 && raw[len(raw)-1] == "" {
		raw = raw[:len(raw)-1]
	}
	out := make([]srcLine, len(raw))
	for i, r := range raw {
		out[i] = srcLine{n: i + 1, raw: r, text: clean(r)}
	}
	return out
}

// clean trims a line and collapses runs of white space (including
// no-break spaces and tabs, which PDF extraction leaves behind) to one space.
func clean(s string) string {
	var sb strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' {
			space = sb.Len() > 0
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

var (
	versionRE    = lazy.Regexp(`(?i)^(versie|version|geldig vanaf|valid from)\s*:?\s+(\d{1,2}\s+\p{L}+\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[-/]\d{1,2}[-/]\d{4})$`)
	pageNumberRE = lazy.Regexp(`(?i)^(pagina|page|blz\.?)\s+\d+(\s+(van|of)\s+\d+)?$`)
	endsNumberRE = lazy.Regexp(`\s\d+$`)
)

// maskDigits replaces each run of digits with "#", so that lines that
// differ only in a page number compare equal.
func maskDigits(s string) string {
	var sb strings.Builder
	digit := false
	for _, r := range s {
		if r >= '0' && r <= '9' {
			if !digit {
				sb.WriteByte('#')
			}
			digit = true
			continue
		}
		digit = false
		sb.WriteRune(r)
	}
	return sb.String()
}

// markSkipped marks the lines that are not content — version lines and
// repeated page footers — and reports each. It returns the version text
// ("1 januari 2026") if there is one.
func markSkipped(lines []srcLine, r *reporter) string {
	// A footer repeats on every page with only its page number changed:
	// group lines by their text with digits masked.
	count := map[string]int{}
	masked := make([]string, len(lines))
	for i, l := range lines {
		if l.text != "" {
			masked[i] = maskDigits(l.text)
			count[masked[i]]++
		}
	}
	version := ""
	for i := range lines {
		l := &lines[i]
		switch {
		case l.text == "":
		case len(l.text) < 60 && versionRE().MatchString(l.text):
			l.skip = true
			if version == "" {
				version = versionRE().FindStringSubmatch(l.text)[2]
			}
			r.add(l.n, "version line %q is not clause content: the version and its effective date come from the published version", l.text)
		case len(l.text) < 30 && pageNumberRE().MatchString(l.text):
			l.skip = true
			r.add(l.n, "page number %q dropped", l.text)
		case count[masked[i]] >= 2 && endsNumberRE().MatchString(l.text) && len(strings.Fields(l.text)) >= 3:
			l.skip = true
			r.add(l.n, "repeated page footer %q dropped", l.text)
		}
	}
	// blankBefore: a blank or skipped line separates a line from the
	// previous content line; an empty Markdown item is content.
	blank := true
	for i := range lines {
		l := &lines[i]
		if (l.text == "" && l.md != mdItem) || l.skip {
			// An empty quote line (">") separates the quote's paragraphs.
			blank = true
			continue
		}
		l.blankBefore = blank
		blank = false
	}
	return version
}

// hardWrapped reports whether the text was wrapped at a fixed width, as
// PDF extraction does, rather than one line per paragraph as web pages are.
func hardWrapped(lines []srcLine) bool {
	var lens []int
	for _, l := range lines {
		if l.text != "" && !l.skip {
			lens = append(lens, utf8.RuneCountInString(l.text))
		}
	}
	if len(lens) == 0 {
		return false
	}
	sort.Ints(lens)
	return lens[len(lens)*9/10] <= 140
}

// localWidth returns, for each line, the longest content line near it: the
// width the text around it was wrapped at. A line much shorter than that
// ends its paragraph.
func localWidth(lines []srcLine) []int {
	var idx []int
	for i, l := range lines {
		if l.text != "" && !l.skip {
			idx = append(idx, i)
		}
	}
	out := make([]int, len(lines))
	const near = 6
	for k, i := range idx {
		w := 0
		for j := max(0, k-near); j < min(len(idx), k+near+1); j++ {
			w = max(w, utf8.RuneCountInString(lines[idx[j]].text))
		}
		out[i] = w
	}
	return out
}

// endsSentence reports whether s ends with sentence-final punctuation,
// perhaps followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "”’\"')»]")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".:;!?", r)
}

// startsUpper reports whether s starts with an upper-case letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// startsLower reports whether s starts with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

var gapRE = lazy.Regexp(`\S\s{3,}\S`)

// tableHints reports lines that look like table rows flattened into text:
// wide gaps between columns, a lone cell mark, or a line that repeats its
// own first words (two column headers side by side).
func tableHints(lines []srcLine, r *reporter) {
	for _, l := range lines {
		if l.skip || l.text == "" || l.md != mdNone {
			continue
		}
		raw := strings.TrimSpace(strings.ReplaceAll(l.raw, "\u00a0", " "))
		switch {
		case strings.Contains(raw, "   ") && gapRE().MatchString(raw):
			r.add(l.n, "wide gap inside the line (a table row?): kept as text")
		case l.text == "x" || l.text == "X" || l.text == "✓":
			r.add(l.n, "lone %q (a table cell?): kept as text", l.text)
		default:
			w := strings.Fields(l.text)
			for j := max(2, len(w)/3); len(w) <= 10 && j+1 < len(w); j++ {
				if w[j] == w[0] && w[j+1] == w[1] {
					r.add(l.n, "the line repeats %q (two table columns side by side?): kept as text", w[0]+" "+w[1])
					break
				}
			}
		}
	}
}
