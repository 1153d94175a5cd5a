package render

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
)

// AgreementMarkdown renders an assembled agreement as CommonMark with GFM
// tables: the title and parties, each part as a section, articles as
// headings and every item as a paragraph that starts with its computed
// number. Numbers are escaped so that no Markdown renderer renumbers them.
func AgreementMarkdown(doc *agreement.Agreement) ([]byte, error) {
	l := labelsFor(doc.Language)
	var b bytes.Buffer
	b.WriteString("# " + mdEscape(doc.Title) + "\n\n")
	b.WriteString(mdEscape(l.Version+" "+versionText(doc, l)) + "\n\n")
	if doc.Customer != nil {
		b.WriteString("| " + mdEscape(l.Supplier) + " | " + mdEscape(l.Customer) + " |\n|---|---|\n")
		for _, r := range partyRows(doc, l) {
			b.WriteString("| " + mdEscape(r[0]) + " | " + mdEscape(r[1]) + " |\n")
		}
		b.WriteString("\n")
	}
	b.WriteString(mdEscape(l.DocumentID+" "+DocumentID(doc)) + "\n")
	for _, p := range doc.Parts {
		b.WriteString("\n## " + mdEscape(p.Heading()) + "\n")
		mdBlocks(&b, p.Blocks)
	}
	if c := doc.Customer; c != nil {
		s := doc.Supplier
		b.WriteString("\n## " + mdEscape(l.Signatures) + "\n\n" + mdEscape(l.SignIntro) + "\n")
		for _, side := range []struct {
			role, party string
			who         clauses.Person
			place       string
		}{{l.Supplier, s.LegalName, s.Signatory, s.Place}, {l.Customer, c.LegalName, c.Signatory, customerPlace(c)}} {
			b.WriteString("\n**" + mdEscape(side.role+": "+l.On+" "+side.party) + "**\\\n")
			b.WriteString(mdEscape(l.Name+": "+side.who.Name) + "\\\n")
			b.WriteString(mdEscape(l.Function+": "+side.who.Title) + "\\\n")
			b.WriteString(mdEscape(l.Place+": "+side.place) + "\\\n")
			b.WriteString(mdEscape(l.Date+":") + "\\\n")
			b.WriteString(mdEscape(l.Signature+":") + "\n")
		}
	}
	return b.Bytes(), nil
}

func mdBlocks(b *bytes.Buffer, bs []*agreement.Block) {
	for _, x := range bs {
		switch x.Kind {
		case agreement.Article, agreement.Section:
			if head := strings.TrimSpace(x.Number + " " + x.Title); head != "" {
				b.WriteString("\n### " + mdEscape(head) + "\n")
			}
			mdBlocks(b, x.Children)
		case agreement.Item:
			rest := x.Children
			line := mdNumber(x.Number)
			if len(rest) > 0 && rest[0].Kind == agreement.Paragraph {
				line += " " + mdInlines(rest[0].Inlines)
				rest = rest[1:]
			}
			b.WriteString("\n" + mdLineStart(line) + "\n")
			mdBlocks(b, rest)
		case agreement.Paragraph:
			b.WriteString("\n" + mdLineStart(mdInlines(x.Inlines)) + "\n")
		case agreement.Heading:
			b.WriteString("\n#### " + mdInlines(x.Inlines) + "\n")
		case agreement.Quote:
			var q bytes.Buffer
			mdBlocks(&q, x.Children)
			b.WriteString("\n" + mdQuote(q.String()))
		case agreement.Table:
			b.WriteString("\n")
			for i, row := range x.Rows {
				cells := make([]string, len(row))
				for j, c := range row {
					cells[j] = strings.ReplaceAll(mdInlines(c), "\\\n", " ")
				}
				b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
				if i == 0 {
					b.WriteString(strings.Repeat("|---", len(row)) + "|\n")
				}
			}
		}
	}
}

// mdQuote prefixes every line of md with "> ", a blank line with ">":
// the blocks of a block quote. The blank line that starts md is dropped.
func mdQuote(md string) string {
	lines := strings.Split(strings.TrimPrefix(strings.TrimSuffix(md, "\n"), "\n"), "\n")
	var sb strings.Builder
	for _, l := range lines {
		if l == "" {
			sb.WriteString(">\n")
			continue
		}
		sb.WriteString("> " + l + "\n")
	}
	return sb.String()
}

// mdSpecial escapes what Markdown (CommonMark with GFM tables and
// strikethrough) reads as markup anywhere in a line — every backslash
// escape below is valid CommonMark — and turns every line break into a
// space: text from a customer file or a clause ends up on one line, where
// nothing can start a block (a heading, a list item, a table row) or end
// the one it is in.
var mdSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	`|`, `\|`, `#`, `\#`, `&`, `\&`, `~`, `\~`, `!`, `\!`,
	"\r\n", " ", "\n", " ", "\r", " ", "\v", " ", "\f", " ", "\u0085", " ", "\u2028", " ", "\u2029", " ",
)

// mdEscape escapes the characters that Markdown would read as markup.
func mdEscape(s string) string { return mdSpecial.Replace(s) }

// mdListMarker matches a line start that Markdown would read as an ordered
// list item: "1.", "12)".
var mdListMarker = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,9})([.)])(\s|$)`) })

// mdLineStart escapes a paragraph's start that would read as a block: an
// ordered list item, a bullet ("-", "+"), a thematic break ("---"), a
// setext underline ("==="); leading blanks, which would make an indented
// code block, are dropped, as Markdown drops them from a paragraph anyway.
func mdLineStart(s string) string {
	s = strings.TrimLeft(s, " \t")
	if m := mdListMarker().FindStringSubmatchIndex(s); m != nil {
		return s[:m[3]] + `\` + s[m[3]:]
	}
	if s != "" && strings.ContainsRune("-+=", rune(s[0])) {
		return `\` + s
	}
	return s
}

// mdNumber prints an item's number; "1." and "-" are escaped.
func mdNumber(n string) string {
	return mdLineStart(mdEscape(n))
}

// mdInlines prints runs with **bold**, *italic* and <u>underline</u>.
// Spaces at a run's edges go outside its markers, where CommonMark needs
// them.
func mdInlines(in []agreement.Inline) string {
	var sb strings.Builder
	lineStart := false // after a hard break: the text starts a line
	write := func(s string) {
		if lineStart {
			s = mdLineStart(s)
		}
		sb.WriteString(s)
		lineStart = lineStart && s == ""
	}
	for _, x := range in {
		if x.Break {
			sb.WriteString("\\\n")
			lineStart = true
			continue
		}
		t := x.Text
		core := strings.TrimSpace(t)
		if core == "" || x.Style == 0 {
			write(mdEscape(t))
			continue
		}
		lead := t[:len(t)-len(strings.TrimLeft(t, " \t"))]
		trail := t[len(strings.TrimRight(t, " \t")):]
		m := mdEscape(core)
		if x.Style&clauses.Underline != 0 {
			m = "<u>" + m + "</u>"
		}
		switch {
		case x.Style&clauses.Bold != 0 && x.Style&clauses.Italic != 0:
			m = "***" + m + "***"
		case x.Style&clauses.Bold != 0:
			m = "**" + m + "**"
		case x.Style&clauses.Italic != 0:
			m = "*" + m + "*"
		}
		write(lead + m + trail)
	}
	return sb.String()
}
