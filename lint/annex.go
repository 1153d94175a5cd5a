package lint

import (
	"fmt"
	"strings"

	"github.com/termsmith/termsmith/internal/lazy"
)

// A mention of an annex, appendix or chapter by its label: "Bijlage 1",
// "Appendix B", "hoofdstuk C", "Annex II".
var annexRE = lazy.Regexp(`(?i:\b(bijlage|appendix|annex|hoofdstuk|chapter|schedule))\s+([0-9]+|[A-Z]|[IVX]+)\b`)

// Text after a mention that makes it a reference to another text, such as
// a law: "hoofdstuk V van de AVG", "Annex II of the GDPR".
var externalRE = lazy.Regexp(`^\s+(?:van|of|der)\s+(?:(?:de|het|the)\s+)?(?:[A-Z]{2,}\b|\p{L}*(?:wet|Wet|verordening|Verordening|richtlijn|Richtlijn|wetboek|Wetboek|Act|Regulation|Directive|Code)\b)`)

// checkAnnexNames finds text that names an annex, appendix or chapter no
// document of the store carries ("opgenomen in Bijlage B" where the store
// has Appendix B), and text that names a document by a title that is
// almost, but not quite, its title.
func checkAnnexNames(l *linter) {
	type doc struct{ id, label, title, file string }
	var docs []doc
	for _, id := range l.st.DocumentIDs() {
		d := l.st.Documents[id]
		docs = append(docs, doc{id, d.Label, d.Title, d.File})
	}
	names := func(d doc) []string {
		return []string{normRef(d.label), normRef(d.title)}
	}
	for _, c := range l.st.SortedClauses() {
		eachText(c, func(tb textBlock) {
			text := plainText(tb.inlines)
			for _, m := range annexRE().FindAllStringSubmatchIndex(text, -1) {
				if externalRE().MatchString(text[m[1]:]) {
					continue
				}
				mention := text[m[0]:m[1]]
				key := normRef(mention)
				found := false
				var sameID []string
				for _, d := range docs {
					for _, n := range names(d) {
						if n == key || strings.HasPrefix(n, key) && !isWordByte(n, len(key)) {
							found = true
						}
					}
					if d.label != "" && strings.HasSuffix(d.label, " "+text[m[4]:m[5]]) {
						sameID = append(sameID, fmt.Sprintf("%s (%s)", d.label, d.file))
					}
				}
				if found {
					continue
				}
				hint := ""
				if len(sameID) > 0 {
					hint = "; did you mean " + strings.Join(sameID, " or ") + "?"
				} else if labels := l.labels(); labels != "" {
					hint = "; the store has " + labels
				}
				l.warnf(c.File, l.lineOf(c.File, tb.line, mention), "annex-name", "%q names no document of the store%s", mention, hint)
			}
			for _, d := range docs {
				if mention, ok := nearTitle(text, d.title); ok {
					what := d.label
					if what == "" {
						what = "document " + d.id
					}
					l.warnf(c.File, l.lineOf(c.File, tb.line, mention, strings.Fields(mention)[0]), "annex-name", "%q is not quite the title of %s, %q (%s); correct the text or the title", mention, what, d.title, d.file)
				}
			}
		})
	}
}

// labels lists the document labels of the store, for hints.
func (l *linter) labels() string {
	var out []string
	for _, id := range l.st.DocumentIDs() {
		if lb := l.st.Documents[id].Label; lb != "" {
			out = append(out, lb)
		}
	}
	return strings.Join(out, ", ")
}

func isWordByte(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	b := s[i]
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// nearTitle finds in text a phrase that starts with the first word of a
// multi-word title and differs from the title by a small misspelling: it
// names the document, but not by its title.
func nearTitle(text, title string) (string, bool) {
	tw := strings.Fields(title)
	if len(tw) < 2 || len(tw) > 6 {
		return "", false
	}
	words := strings.Fields(strings.Map(func(r rune) rune {
		if strings.ContainsRune(`.,;:()"“”‘’'`, r) {
			return ' '
		}
		return r
	}, text))
	want := strings.ToLower(strings.Join(tw, " "))
	for i := 0; i+len(tw) <= len(words); i++ {
		if words[i] != tw[0] {
			continue
		}
		got := strings.Join(words[i:i+len(tw)], " ")
		d := levenshtein(strings.ToLower(got), want)
		if d > 0 && d <= max(1, len(want)/8) {
			return got, true
		}
	}
	return "", false
}
