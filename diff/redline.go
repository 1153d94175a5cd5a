package diff

import (
	"fmt"
	"strings"
	"unicode"
)

// Elision of long unchanged passages in a redline: an unchanged run of more
// than ElideAbove words keeps ElideContext words next to each change.
const (
	ElideAbove   = 40
	ElideContext = 12
)

// Where returns how the change's place prints: "11.2", "12 → 13" for a
// clause whose number changed, prefixed with the document's label outside
// the main terms ("Bijlage 1, 3.2"), as in the overview.
func (c *Change) Where() string {
	var s string
	switch {
	case c.OldNumber == c.NewNumber, c.OldNumber == "":
		s = c.NewNumber
	case c.NewNumber == "":
		s = c.OldNumber
	default:
		s = c.OldNumber + " → " + c.NewNumber
	}
	return inPart(c.PartLabel, s)
}

// inPart prefixes a place with the label of the document it is in, when
// it is not in the main terms: "Bijlage 1, 4.8", or the label alone.
func inPart(label, place string) string {
	switch {
	case label == "":
		return place
	case place == "":
		return label
	}
	return label + ", " + place
}

// Heading returns the heading of the change's redline: where it is and
// the title of its article, apart — "1.1 H – Definities", not "1.1 H
// Definities", which reads as if H began the title.
func (c *Change) Heading() string {
	if c.Title == "" {
		return c.Where()
	}
	return c.Where() + " – " + c.Title
}

// Redline returns the segments to show for the change, with long unchanged
// passages shortened to the words next to each change and elided marked by
// marker. A renumbered clause has no redline; a sub-clause that moved
// without edits shows its (shortened) text, so that the reader sees what
// moved, and an article that moved without edits shows nothing.
func (c *Change) Redline(marker string) []Segment {
	if c.Kind == Renumbered || (c.heading && !c.Edited() && c.Kind == Moved) {
		return nil
	}
	if !c.Edited() {
		return []Segment{{Op: Equal, Text: elide(c.NewText, true, false, marker)}}
	}
	out := make([]Segment, 0, len(c.Segments))
	for i, s := range c.Segments {
		if s.Op == Equal {
			s.Text = elide(s.Text, i > 0, i < len(c.Segments)-1, marker)
		}
		out = append(out, s)
	}
	return out
}

// elide shortens an unchanged run of text, keeping ElideContext words at
// the end next to a change before it (keepHead) and at the end next to a
// change after it (keepTail).
func elide(s string, keepHead, keepTail bool, marker string) string {
	starts := wordStarts(s)
	n := len(starts)
	if n <= ElideAbove {
		return s
	}
	head, tail := "", ""
	if keepHead {
		head = strings.TrimRightFunc(s[:starts[ElideContext]], unicode.IsSpace) + " "
	}
	if keepTail {
		tail = " " + s[starts[n-ElideContext]:]
	}
	return head + marker + tail
}

// wordStarts returns the byte offsets where the words of s start.
func wordStarts(s string) []int {
	var out []int
	inWord := false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inWord {
			out = append(out, i)
		}
		inWord = !space
	}
	return out
}

// Text returns the report as plain text: a heading line, then per change
// its kind, place, title and id, and its redline, deletions as [-…-] and
// insertions as {+…+}.
func (r *Report) Text() string {
	var sb strings.Builder
	who := "the reference customer (every service, default values)"
	if r.Customer != nil {
		who = "customer " + r.Customer.ID
	}
	fmt.Fprintf(&sb, "%s → %s, %s: %d change(s)\n", r.From, r.To, who, len(r.Changes))
	for _, c := range r.Changes {
		title := c.Title
		if title != "" {
			title += " "
		}
		fmt.Fprintf(&sb, "\n%-11s %-13s %s(%s)\n", c.Kind, c.Where(), title, c.ID)
		segs := c.Redline("[…]")
		if len(segs) == 0 {
			continue
		}
		var line strings.Builder
		for _, s := range segs {
			switch s.Op {
			case Equal:
				line.WriteString(s.Text)
			case Delete:
				line.WriteString("[-" + s.Text + "-]")
			case Insert:
				line.WriteString("{+" + s.Text + "+}")
			}
		}
		for _, l := range strings.Split(line.String(), "\n") {
			sb.WriteString("    " + l + "\n")
		}
	}
	return sb.String()
}
