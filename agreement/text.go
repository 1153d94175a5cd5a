package agreement

import "strings"

// PlainText prints the document as plain text, one block per line: the
// title, each part's heading, each article's number and title, each item's
// number and text, table rows as cells separated by " | ". It is the text
// faithfulness tests compare with a source document.
func (d *Agreement) PlainText() string {
	var sb strings.Builder
	sb.WriteString(d.Title + "\n")
	for _, p := range d.Parts {
		sb.WriteString("\n" + p.Heading() + "\n")
		writeBlocks(&sb, p.Blocks)
	}
	return sb.String()
}

func writeBlocks(sb *strings.Builder, blocks []*Block) {
	for _, b := range blocks {
		switch b.Kind {
		case Article, Section:
			if head := strings.TrimSpace(b.Number + " " + b.Title); head != "" {
				sb.WriteString("\n" + head + "\n")
			}
			writeBlocks(sb, b.Children)
		case Item:
			sb.WriteString(b.Number)
			// The item's first paragraph continues the line of its number.
			rest := b.Children
			if len(rest) > 0 && rest[0].Kind == Paragraph {
				sb.WriteString(" " + InlineText(rest[0].Inlines) + "\n")
				rest = rest[1:]
			} else {
				sb.WriteString("\n")
			}
			writeBlocks(sb, rest)
		case Paragraph, Heading:
			sb.WriteString(InlineText(b.Inlines) + "\n")
		case Quote:
			writeBlocks(sb, b.Children)
		case Table:
			for _, row := range b.Rows {
				cells := make([]string, len(row))
				for i, c := range row {
					cells[i] = InlineText(c)
				}
				sb.WriteString(strings.TrimSpace(strings.Join(cells, " | ")) + "\n")
			}
		}
	}
}

// InlineText joins inline runs into plain text; a hard break becomes a
// newline.
func InlineText(in []Inline) string {
	var sb strings.Builder
	for _, x := range in {
		if x.Break {
			sb.WriteString("\n")
			continue
		}
		sb.WriteString(x.Text)
	}
	return sb.String()
}
