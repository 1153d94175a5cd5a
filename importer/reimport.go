package importer

import (
	"fmt"
	"strings"

	"github.com/termsmith/termsmith/clauses"
)

// Existing is the document a re-import updates: the store's clauses of
// that document, in manifest order. Their ids are kept for the clauses
// of the new text that match them.
type Existing struct {
	Doc     string
	Clauses []*clauses.Clause
}

// ids returns every id the existing document uses: its clauses' and
// their labels'.
func (e *Existing) ids() []string {
	out := []string{e.Doc}
	for _, c := range e.Clauses {
		out = append(out, c.ID)
		clauses.Walk(c.Body, func(b *clauses.Block) {
			if b.ID != "" {
				out = append(out, b.ID)
			}
		})
	}
	return out
}

// inlineText is the plain text of inlines.
func inlineText(in []clauses.Inline) string {
	var sb strings.Builder
	for _, x := range in {
		sb.WriteString(x.Text)
	}
	return sb.String()
}

// blocksText is the plain text of clause blocks, tables included.
func blocksText(blocks []*clauses.Block) string {
	var parts []string
	clauses.Walk(blocks, func(b *clauses.Block) {
		if len(b.Inlines) > 0 {
			parts = append(parts, inlineText(b.Inlines))
		}
		for _, row := range b.Rows {
			for _, cell := range row {
				parts = append(parts, inlineText(cell))
			}
		}
	})
	return strings.Join(parts, " ")
}

// existingNodes returns the existing document's articles and labelled
// items as match nodes; an item's title is the term it defines.
func (e *Existing) nodes() (arts, items []Node) {
	for _, c := range e.Clauses {
		arts = append(arts, Node{ID: c.ID, Title: c.Title, Text: blocksText(c.Body)})
		clauses.Walk(c.Body, func(b *clauses.Block) {
			if b.ID == "" || b.Kind != clauses.Item {
				return
			}
			title := ""
			if len(b.Children) > 0 && b.Children[0].Kind == clauses.Paragraph {
				title = itemTitle(b.Children[0].Inlines)
			}
			items = append(items, Node{ID: b.ID, Title: title, Text: blocksText(b.Children)})
		})
	}
	return arts, items
}

// itemTitle is the title of an existing item, from its first paragraph:
// the term a definition defines, or the bold title a sub-section starts
// with ("**General.** You will …").
func itemTitle(in []clauses.Inline) string {
	if t := definedTerm(inlineText(in)); t != "" {
		return t
	}
	if len(in) > 0 && in[0].Kind == clauses.Text && in[0].Style&clauses.Bold != 0 {
		return strings.Trim(in[0].Text, "\"“”' ")
	}
	return ""
}

// plainBlocks is the plain text of the import's blocks: Markdown links
// read as their text.
func plainBlocks(blocks []*block) string {
	var parts []string
	walk(blocks, func(b *block) {
		if len(b.segs) > 0 {
			parts = append(parts, b.text())
		}
		for _, row := range b.rows {
			parts = append(parts, row...)
		}
	})
	return mdLinkTextRE().ReplaceAllString(strings.Join(parts, " "), "$1")
}

// topItems returns the items that get labels: the top-level items of an
// article's ordered lists.
func topItems(a *article) []*block {
	var out []*block
	for _, b := range a.body {
		if b.kind == bList && b.style.ordered() {
			out = append(out, b.items...)
		}
	}
	return out
}

// matchExisting matches the imported document's articles and labelled
// items with the existing ones, and records the ids to keep.
func (imp *importer) matchExisting() error {
	ex := imp.opts.Existing
	if len(imp.docs) != 1 {
		return fmt.Errorf("re-import updates one document, and the text holds %d; import them one at a time", len(imp.docs))
	}
	d := imp.docs[0]
	oldArts, oldItems := ex.nodes()
	var newArts, newItems []Node
	var arts []*article
	var items []*block
	for _, a := range d.articles {
		newArts = append(newArts, Node{ID: Slug(a.title), Title: a.title, Text: plainBlocks(a.body)})
		arts = append(arts, a)
		for _, it := range topItems(a) {
			text := itemText(it)
			title := it.title
			if title == "" {
				title = definedTerm(text)
			}
			newItems = append(newItems, Node{ID: itemBase("", it), Title: title, Text: plainBlocks(it.kids)})
			items = append(items, it)
		}
	}
	am, err := MatchNodes(oldArts, newArts, imp.opts.Overrides)
	if err != nil {
		return err
	}
	im, err := MatchNodes(oldItems, newItems, nil)
	if err != nil {
		return err
	}
	imp.presetArt = map[*article]string{}
	imp.presetItem = map[*block]string{}
	for j, m := range am[:len(arts)] {
		if m.Old != "" {
			imp.presetArt[arts[j]] = m.Old
		}
	}
	for j, m := range im[:len(items)] {
		if m.Old != "" {
			imp.presetItem[items[j]] = m.Old
		}
	}
	imp.artMatches, imp.itemMatches = am, im
	imp.matchArts, imp.matchItems = arts, items
	return nil
}

// mapping completes the matches with the ids the new clauses got.
func (imp *importer) mapping() []Match {
	var out []Match
	for j, m := range imp.artMatches {
		if j < len(imp.matchArts) {
			m.New = imp.matchArts[j].id
		}
		out = append(out, m)
	}
	for j, m := range imp.itemMatches {
		if j < len(imp.matchItems) {
			m.New = imp.matchItems[j].label
		}
		if m.Kind == Kept && m.Old == m.New {
			continue // an unchanged sub-clause is not news
		}
		out = append(out, m)
	}
	return out
}
