package diff

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/termsmith/termsmith/agreement"
)

// Markdown writes, for a pull-request comment, what each customer's report
// holds: the number of changes of each kind and each change that is more
// than a renumbering, by number and title, in one section for all the
// customers whose list reads the same. Customers whose agreement does not
// change are listed in one line. Then the redline of each change, in a
// collapsed section: a change that reads the same for several customers
// is shown once and names them, one that reads differently (a customer's
// own values) once for each reading. from and to are the names as given
// (a branch keeps its "/"); the reports are each for one customer, in the
// order to print.
func Markdown(from, to string, reports []*Report) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "## termsmith: changes from `%s` to `%s`\n\n", mdCode(from), mdCode(to))
	// Customers whose lists of changes read the same share one section.
	type group struct {
		list      string
		customers []*agreement.Customer
	}
	var groups []*group
	byList := map[string]*group{}
	var unchanged []*agreement.Customer
	for _, r := range reports {
		if len(r.Changes) == 0 {
			unchanged = append(unchanged, r.Customer)
			continue
		}
		list := mdChangeList(r)
		g := byList[list]
		if g == nil {
			g = &group{list: list}
			byList[list] = g
			groups = append(groups, g)
		}
		g.customers = append(g.customers, r.Customer)
	}
	for _, g := range groups {
		if len(g.customers) == 1 {
			c := g.customers[0]
			fmt.Fprintf(&b, "### %s (%s)\n\n", mdText(c.LegalName), c.ID)
		} else {
			fmt.Fprintf(&b, "### %d customers: %s\n\n", len(g.customers), mdCustomers(g.customers, true))
		}
		b.WriteString(g.list)
	}
	if len(unchanged) > 0 {
		fmt.Fprintf(&b, "No change for: %s\n\n", mdCustomers(unchanged, false))
	}
	writeMarkdownRedlines(&b, reports)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// mdChangeList is a report's section: the number of changes of each kind,
// then each change that is more than a renumbering, by number and title.
func mdChangeList(r *Report) string {
	var b strings.Builder
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
	b.WriteString(strings.Join(parts, ", ") + "\n\n")
	for _, ch := range r.Changes {
		if ch.Kind == Renumbered {
			continue
		}
		num := ch.NewNumber
		if num == "" {
			num = ch.OldNumber
		}
		fmt.Fprintf(&b, "- %s: %s %s\n", ch.Kind, mdText(inPart(ch.PartLabel, num)), mdText(ch.Title))
	}
	b.WriteString("\n")
	return b.String()
}

// mdNamed is how many customers a line names before "and N more": a
// comment for thousands of customers stays readable (and within a
// forge's size limit).
const mdNamed = 10

// mdCustomers names customers — by legal name and id, or by id only —
// the first mdNamed of them, then how many more.
func mdCustomers(cs []*agreement.Customer, legal bool) string {
	var names []string
	for i, c := range cs {
		if i == mdNamed {
			names = append(names, fmt.Sprintf("and %d more", len(cs)-mdNamed))
			break
		}
		if legal {
			names = append(names, mdText(c.LegalName)+" ("+c.ID+")")
		} else {
			names = append(names, c.ID)
		}
	}
	return strings.Join(names, ", ")
}

// writeMarkdownRedlines writes the redline of every change of the reports
// that has one, each distinct redline once, in a <details> section:
// deletions struck through (~~…~~), insertions underlined (<ins>…</ins>).
func writeMarkdownRedlines(b *bytes.Buffer, reports []*Report) {
	type shown struct {
		head, text string
		customers  []*agreement.Customer
	}
	var list []*shown
	seen := map[string]*shown{}
	for _, r := range reports {
		for _, ch := range r.Changes {
			segs := ch.Redline("[…]")
			if len(segs) == 0 {
				continue
			}
			head := mdText(ch.Heading()) + " (" + string(ch.Kind) + ")"
			text := mdRedline(segs)
			key := head + "\x00" + text
			s := seen[key]
			if s == nil {
				s = &shown{head: head, text: text}
				seen[key] = s
				list = append(list, s)
			}
			if r.Customer != nil {
				s.customers = append(s.customers, r.Customer)
			}
		}
	}
	if len(list) == 0 {
		return
	}
	b.WriteString("<details><summary>The redline: ~~deleted~~, <ins>inserted</ins></summary>\n\n")
	for _, s := range list {
		fmt.Fprintf(b, "**%s**", s.head)
		if len(s.customers) > 0 && len(s.customers) < len(reports) {
			fmt.Fprintf(b, " — for %s", mdCustomers(s.customers, false))
		}
		fmt.Fprintf(b, "\n\n%s\n\n", s.text)
	}
	b.WriteString("</details>\n")
}

// mdRedline writes segments as one Markdown paragraph: equal text as it
// is, deletions as ~~…~~ and insertions as <ins>…</ins>, each line of a
// segment marked on its own and the lines joined by <br>, the white space
// at a segment's edges kept outside its marks (GFM does not strike
// "~~ text~~").
func mdRedline(segs []Segment) string {
	var b strings.Builder
	for k, s := range segs {
		if k > 0 && s.Op == Insert && segs[k-1].Op == Delete {
			b.WriteByte(' ') // "14" → "30" never reads "1430"
		}
		for i, line := range strings.Split(s.Text, "\n") {
			if i > 0 {
				b.WriteString("<br>")
			}
			text := mdText(line)
			if text == "" {
				continue
			}
			if line[0] == ' ' || line[0] == '\t' {
				b.WriteByte(' ')
			}
			switch s.Op {
			case Delete:
				b.WriteString("~~" + text + "~~")
			case Insert:
				b.WriteString("<ins>" + text + "</ins>")
			default:
				b.WriteString(text)
			}
			if last := line[len(line)-1]; last == ' ' || last == '\t' {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
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
