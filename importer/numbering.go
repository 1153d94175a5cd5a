package importer

import (
	"slices"

	"github.com/termsmith/termsmith/clauses"
)

// numberingInfo is what a document's typed numbers say about its numbering
// patterns; an empty string means the document gave no evidence.
type numberingInfo struct {
	article string
	levels  []string
	bullets []string
}

// detect finds a document's patterns: for each list depth, the style most
// of its lists use (the first seen wins a tie).
func (d *doc) detect() numberingInfo {
	info := numberingInfo{article: "{1}."}
	if d.letter != "" {
		info.article = d.letter + ".{1}"
	}
	if d.lettered {
		info.article = "{A}."
	}
	type tally struct {
		order []string
		count map[string]int
	}
	var ordered, bullet []*tally
	vote := func(ts *[]*tally, depth int, p string) {
		for len(*ts) <= depth {
			*ts = append(*ts, &tally{count: map[string]int{}})
		}
		t := (*ts)[depth]
		if t.count[p] == 0 {
			t.order = append(t.order, p)
		}
		t.count[p]++
	}
	dots, plain := 0, 0
	for _, a := range d.articles {
		walk(a.body, func(b *block) {
			switch {
			case b.kind == bItem && b.list.style.kind == sDotted:
				if b.dotted {
					dots++
				} else {
					plain++
				}
			case b.kind == bList && b.style.kind == sBullet && b.style.glyph != "":
				vote(&bullet, b.depth, b.style.glyph)
			case b.kind == bList && b.style.ordered() && b.style.kind != sOrdered && b.style.kind != sDotted:
				vote(&ordered, b.depth, b.style.pattern(true))
			case b.kind == bList && b.style.kind == sDotted:
				vote(&ordered, b.depth, "dotted")
			case b.kind == bList && b.style.kind == sOrdered && b.depth == 0:
				// A Markdown list is shown as 1., 2. wherever it stands.
				vote(&ordered, 0, "{1}.")
			}
		})
	}
	winner := func(t *tally) string {
		best := ""
		for _, p := range t.order {
			if best == "" || t.count[p] > t.count[best] {
				best = p
			}
		}
		return best
	}
	for _, t := range ordered {
		p := winner(t)
		if p == "dotted" {
			p = style{kind: sDotted}.pattern(dots >= plain)
		}
		info.levels = append(info.levels, p)
	}
	for _, t := range bullet {
		info.bullets = append(info.bullets, winner(t))
	}
	return info
}

// merge fills the gaps in detected patterns from def.
func (n numberingInfo) merge(def clauses.Numbering) clauses.Numbering {
	out := clauses.Numbering{Article: n.article}
	if out.Article == "" {
		out.Article = def.Article
	}
	fill := func(got, def []string) []string {
		var res []string
		for i := 0; i < max(len(got), len(def)); i++ {
			switch {
			case i < len(got) && got[i] != "":
				res = append(res, got[i])
			case i < len(def):
				res = append(res, def[i])
			default:
				res = append(res, def[len(def)-1])
			}
		}
		return res
	}
	out.Levels = fill(n.levels, def.Levels)
	out.Bullets = fill(n.bullets, def.Bullets)
	return out
}

// numbering settles the store's default numbering and, per document, what
// its document.yaml overrides and which lists need a numbering directive.
func (imp *importer) numbering() {
	def := imp.opts.Default
	if def.Article == "" {
		// The first document with articles sets the default; a title page
		// or preamble says nothing about numbering.
		for _, d := range imp.docs {
			if d.lastNum > 0 {
				def = d.detect().merge(clauses.DefaultNumbering)
				break
			}
		}
	}
	def = def.Merge(clauses.DefaultNumbering)
	imp.def = def
	for _, d := range imp.docs {
		eff := d.detect().merge(def)
		d.numbering = numberingInfo{}
		if eff.Article != def.Article {
			d.numbering.article = eff.Article
		}
		if !slices.Equal(eff.Levels, def.Levels) {
			d.numbering.levels = eff.Levels
		}
		if !slices.Equal(eff.Bullets, def.Bullets) {
			d.numbering.bullets = eff.Bullets
		}
		for _, a := range d.articles {
			walk(a.body, func(b *block) {
				if b.kind != bList {
					return
				}
				p := b.style.pattern(true)
				if b.style.kind == sDotted {
					p = eff.Levels[0]
				}
				pats := eff.Levels
				if !b.style.ordered() {
					pats = eff.Bullets
				}
				if p != "" && p != pats[min(b.depth, len(pats)-1)] {
					b.numbering = p
				}
			})
		}
	}
}
