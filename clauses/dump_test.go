package clauses

import (
	"fmt"
	"strings"
)

// dump prints a clause model in a stable, readable form for golden files.
func dump(c *Clause) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "clause %s %q numbered=%v line=%d", c.ID, c.Title, c.Numbered, c.Line)
	if c.When != "" {
		fmt.Fprintf(&sb, " when=%q", c.When)
	}
	if c.Number != "" {
		fmt.Fprintf(&sb, " number=%q", c.Number)
	}
	if len(c.Defines) > 0 {
		fmt.Fprintf(&sb, " defines=%q", c.Defines)
	}
	sb.WriteString("\n")
	dumpBlocks(&sb, c.Body, 1)
	return sb.String()
}

func dumpBlocks(sb *strings.Builder, blocks []*Block, depth int) {
	for _, b := range blocks {
		fmt.Fprintf(sb, "%s%s @%d", strings.Repeat("  ", depth), b.Kind, b.Line)
		for _, kv := range [][2]string{{"id", b.ID}, {"when", b.When}, {"number", b.Number}, {"numbering", b.Numbering}} {
			if kv[1] != "" {
				fmt.Fprintf(sb, " %s=%q", kv[0], kv[1])
			}
		}
		if b.Kind == List {
			fmt.Fprintf(sb, " ordered=%v", b.Ordered)
		}
		if len(b.Inlines) > 0 {
			sb.WriteString(" " + dumpInlines(b.Inlines))
		}
		sb.WriteString("\n")
		for _, row := range b.Rows {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = dumpInlines(c)
			}
			fmt.Fprintf(sb, "%srow %s\n", strings.Repeat("  ", depth+1), strings.Join(cells, " | "))
		}
		dumpBlocks(sb, b.Children, depth+1)
	}
}

func dumpInlines(in []Inline) string {
	parts := make([]string, len(in))
	for i, x := range in {
		switch x.Kind {
		case Text:
			parts[i] = fmt.Sprintf("%q", x.Text)
		case Break:
			parts[i] = "<br>"
		default:
			parts[i] = fmt.Sprintf("%s(%s %q)", x.Kind, x.Target, x.Text)
		}
		if x.Style != 0 {
			parts[i] += "/" + x.Style.String()
		}
	}
	return strings.Join(parts, " ")
}
