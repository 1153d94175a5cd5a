package importer

import (
	"strings"
	"unicode"

	"github.com/termsmith/termsmith/internal/lazy"
)

// anchorMap resolves in-page links of Markdown input — "[paid
// Account](#k-payment)" — to the ids of the articles whose headings they
// name, by the anchor a forge gives a heading.
type anchorMap map[string]string

// headingAnchor is the anchor GitHub gives a heading: lower case, spaces
// to hyphens, punctuation other than hyphens and underscores dropped.
func headingAnchor(heading string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ':
			sb.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// anchors maps every heading of every document — article headings and
// sub-headings — to its article's id, and a sub-section typed as a
// heading ("#### 5. Additional Terms") to its sub-clause's label; the
// first heading wins an anchor.
func (imp *importer) buildAnchors() {
	imp.anchors = anchorMap{}
	add := func(heading, id string) {
		if a := headingAnchor(heading); a != "" {
			if _, dup := imp.anchors[a]; !dup {
				imp.anchors[a] = id
			}
		}
	}
	for _, d := range imp.docs {
		for _, a := range d.articles {
			if a.heading != "" {
				add(a.heading, a.id)
			}
			walk(a.body, func(b *block) {
				switch {
				case b.kind == bHeading:
					add(b.text(), a.id)
				case b.kind == bItem && b.heading != "" && b.label != "":
					add(b.heading, b.label) // a sub-section typed as a heading
				}
			})
		}
		if d.title != "" && len(d.articles) > 0 {
			add(d.title, d.articles[0].id)
		}
	}
}

var inPageLinkRE = lazy.Regexp(`\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(#([^)\s]*)\)`)

// rewriteReport turns in-page links in Markdown text into
// cross-references that keep their link text; a link to an anchor no
// heading has becomes its text, and is returned in unknown.
func (m anchorMap) rewriteReport(md string) (string, []string) {
	if !strings.Contains(md, "](#") {
		return md, nil
	}
	var unknown []string
	out := inPageLinkRE().ReplaceAllStringFunc(md, func(link string) string {
		sm := inPageLinkRE().FindStringSubmatch(link)
		text, anchor := sm[1], sm[2]
		if id, ok := m[strings.ToLower(anchor)]; ok {
			return "[" + text + "](#" + id + ` "keep")`
		}
		unknown = append(unknown, link)
		return text
	})
	return out, unknown
}

// linkAnchors rewrites the in-page links of every Markdown paragraph,
// heading and table cell, reporting links to no heading.
func (imp *importer) linkAnchors() {
	imp.buildAnchors()
	for _, d := range imp.docs {
		for _, a := range d.articles {
			walk(a.body, func(b *block) {
				for i := range b.segs {
					s := &b.segs[i]
					if !s.md {
						continue
					}
					var unknown []string
					s.text, unknown = imp.anchors.rewriteReport(s.text)
					for _, u := range unknown {
						imp.r.add(s.line, "in-page link %s goes to no heading of this document: kept as its text", u)
					}
				}
				for r, row := range b.rows {
					for c := range row {
						var unknown []string
						row[c], unknown = imp.anchors.rewriteReport(row[c])
						for _, u := range unknown {
							imp.r.add(b.line+r, "in-page link %s goes to no heading of this document: kept as its text", u)
						}
					}
				}
			})
		}
	}
}
