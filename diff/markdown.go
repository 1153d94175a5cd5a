package diff

import (
	"bytes"
	"fmt"
	"strings"
)

// Markdown writes, for a pull-request comment, what each customer's report
// holds: per customer the number of changes of each kind and each change
// that is more than a renumbering, by number and title. Customers whose
// agreement does not change are listed in one line. from and to are the
// names as given (a branch keeps its "/"); the reports are each for one
// customer, in the order to print.
func Markdown(from, to string, reports []*Report) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "## termsmith: changes from `%s` to `%s`\n\n", mdCode(from), mdCode(to))
	var unchanged []string
	for _, r := range reports {
		c := r.Customer
		if len(r.Changes) == 0 {
			unchanged = append(unchanged, c.ID)
			continue
		}
		counts := map[Kind]int{}
		for _, ch := range r.Changes {
			counts[ch.Kind]++
		}
		var parts []string
		for _, k := range []Kind{Added, Removed, Modified, Moved, Renumbered} {
			if counts[k] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
			}
		}
		fmt.Fprintf(&b, "### %s (%s)\n\n%s\n\n", mdText(c.LegalName), c.ID, strings.Join(parts, ", "))
		for _, ch := range r.Changes {
			if ch.Kind == Renumbered {
				continue
			}
			num := ch.NewNumber
			if num == "" {
				num = ch.OldNumber
			}
			if ch.PartLabel != "" {
				num = ch.PartLabel + " " + num
			}
			fmt.Fprintf(&b, "- %s: %s %s\n", ch.Kind, mdText(num), mdText(ch.Title))
		}
		b.WriteString("\n")
	}
	if len(unchanged) > 0 {
		fmt.Fprintf(&b, "No change for: %s\n", strings.Join(unchanged, ", "))
	}
	return b.Bytes()
}

// mdText escapes text so that it cannot make Markdown structure or HTML in
// a pull-request comment.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(s), " ") {
		if strings.ContainsRune("\\`*_[]<>#|!~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode keeps a name printable inside a code span.
func mdCode(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "`", "'")
}
