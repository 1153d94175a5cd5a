package main

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/templates"
)

// markdownSummary writes, for a pull-request comment, what each customer
// (or the one given) would be sent: per customer the number of changes of
// each kind and each change that is more than a renumbering, by number and
// title. Customers whose agreement does not change are listed in one line.
// from and to are the names as given (a branch keeps its "/").
func markdownSummary(from, to string, old, new *diff.Source, storeDir string, only *templates.Customer) ([]byte, error) {
	var customers []*templates.Customer
	if only != nil {
		customers = []*templates.Customer{only}
	} else {
		all, err := templates.LoadCustomers(os.DirFS(storeDir))
		if err != nil {
			return nil, unusable(err)
		}
		for _, c := range all {
			customers = append(customers, c)
		}
		sort.Slice(customers, func(i, j int) bool { return customers[i].ID < customers[j].ID })
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "## termsmith: changes from `%s` to `%s`\n\n", mdCode(from), mdCode(to))
	var unchanged []string
	for _, c := range customers {
		r, err := diff.NewReport(old, new, c, new.NoticeDate)
		if err != nil {
			return nil, err
		}
		if len(r.Changes) == 0 {
			unchanged = append(unchanged, c.ID)
			continue
		}
		counts := map[diff.Kind]int{}
		for _, ch := range r.Changes {
			counts[ch.Kind]++
		}
		var parts []string
		for _, k := range []diff.Kind{diff.Added, diff.Removed, diff.Modified, diff.Moved, diff.Renumbered} {
			if counts[k] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
			}
		}
		fmt.Fprintf(&b, "### %s (%s)\n\n%s\n\n", mdText(c.LegalName), c.ID, strings.Join(parts, ", "))
		for _, ch := range r.Changes {
			if ch.Kind == diff.Renumbered {
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
	return b.Bytes(), nil
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
