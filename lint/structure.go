package lint

import (
	"maps"
	"slices"
	"strings"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/lazy"
)

// checkStore turns the defects clauses.Load collected into findings:
// duplicate ids are ambiguous, and a manifest that names a missing clause
// or a clause file no manifest lists makes the store unfit to assemble. It
// also finds a clause id that is a document id too, which makes a
// reference to either ambiguous.
func checkStore(l *linter) {
	for _, p := range l.st.Problems {
		l.errorf(p.File, p.Line, p.Kind, "%s", p.Msg)
	}
}

// checkTemplates finds template parts naming unknown documents, customers
// using templates that do not exist, and documents no template uses.
func checkTemplates(l *linter) {
	used := map[string]bool{}
	for _, id := range slices.Sorted(maps.Keys(l.tmpls)) {
		t := l.tmpls[id]
		for _, p := range t.Parts {
			used[p.Document] = true
			if _, ok := l.st.Documents[p.Document]; !ok {
				l.errorf(t.File, p.Line, "template-part", "unknown document %q (there is no clauses/%s/document.yaml)%s",
					p.Document, p.Document, suggest(p.Document, l.st.DocumentIDs()))
			}
		}
	}
	for _, id := range l.customerIDs() {
		c := l.custs[id]
		if _, ok := l.tmpls[c.Template]; !ok {
			line := c.Line("template")
			if line == 0 {
				line = 1
			}
			l.errorf(c.File, line, "template-part", "the customer's template %q does not exist (no templates/%s.yaml)", c.Template, c.Template)
		}
	}
	if len(l.tmpls) == 0 {
		return
	}
	for _, id := range l.st.DocumentIDs() {
		if !used[id] {
			d := l.st.Documents[id]
			l.warnf(d.File, 1, "template-part", "document %q is in no template, so it is never part of an agreement", id)
		}
	}
}

// checkReferences finds references to ids that do not exist, and to
// targets that print no number: unnumbered sections, labelled paragraphs,
// tables and headings.
func checkReferences(l *linter) {
	for _, c := range l.st.SortedClauses() {
		eachText(c, func(tb textBlock) {
			for _, x := range tb.inlines {
				if x.Kind != clauses.Ref {
					continue
				}
				msg := l.refProblem(x.Target)
				if x.Keep && msg != "" && l.st.Clauses[x.Target] != nil {
					msg = "" // it prints its link text: any existing target will do
				}
				if msg != "" {
					l.errorf(c.File, l.lineOf(c.File, tb.line, "(#"+x.Target+")"), "dangling-ref", "%s", msg)
				}
			}
		})
	}
}

// refProblem says why a reference to target cannot print, or "".
func (l *linter) refProblem(target string) string {
	if _, ok := l.st.Documents[target]; ok {
		return ""
	}
	c, ok := l.st.Clauses[target]
	if !ok {
		return "reference to unknown id \"" + target + "\"" + suggest(target, l.allIDs())
	}
	if c.ID == target {
		if !c.Numbered {
			return "reference to \"" + target + "\", an unnumbered section that prints no number"
		}
		return ""
	}
	var kind clauses.BlockKind = -1
	clauses.Walk(c.Body, func(b *clauses.Block) {
		if b.ID == target {
			kind = b.Kind
		}
	})
	if kind != clauses.Item {
		return "reference to \"" + target + "\", a labelled " + kind.String() + " that prints no number; label the list item or the article instead"
	}
	return ""
}

// allIDs returns every clause, label and document id, for suggestions.
func (l *linter) allIDs() []string {
	ids := l.st.DocumentIDs()
	for id := range l.st.Clauses {
		ids = append(ids, id)
	}
	return ids
}

// suggest returns ` (did you mean "x"?)` for the candidate closest to s, or "".
func suggest(s string, candidates []string) string {
	best, bestD := "", 0
	for _, c := range candidates {
		d := levenshtein(s, c)
		if d <= max(2, len(s)/5) && (best == "" || d < bestD || d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return ` (did you mean "` + best + `"?)`
}

// levenshtein is the edit distance between a and b, in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

var keyRE = lazy.Regexp(`^(\s*)(?:-\s+)?([^\s:#][^:#]*?)\s*:`)

// yamlLine returns the line of a key in a YAML store file, following path
// through nested mappings ("variables", "dpa.gezondheid"); it returns the
// line of the deepest key found, or 1.
func (l *linter) yamlLine(file string, path ...string) int {
	src, ok := l.srcs[file]
	if !ok {
		src, _ = clauses.ReadFile(l.fsys, file)
		l.srcs[file] = src
	}
	lines := strings.Split(string(src), "\n")
	found, from, indent := 1, 0, -1
	for _, key := range path {
		hit := false
		for i := from; i < len(lines); i++ {
			m := keyRE().FindStringSubmatch(lines[i])
			if m == nil {
				continue
			}
			if len(m[1]) <= indent {
				break
			}
			if strings.Trim(m[2], `"'`) == key {
				found, from, indent, hit = i+1, i+1, len(m[1]), true
				break
			}
		}
		if !hit {
			break
		}
	}
	return found
}
