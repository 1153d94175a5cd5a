package diff

import (
	"sort"

	"github.com/termsmith/termsmith/agreement"
)

// aligner pairs the units of two flattened documents.
type aligner struct {
	old, new *flat
}

func newAligner(old, new *flat) *aligner { return &aligner{old: old, new: new} }

func (a *aligner) pair(i, j int) {
	a.old.units[i].match = j
	a.new.units[j].match = i
}

// compatible reports whether an old and a new unit of different ids may be
// paired by their text: same kind, and at least one of them without an
// author label (two different labels are two different clauses).
func compatible(o, n *unit) bool {
	return o.kind == n.kind && o.kind != partKind && !(o.labelled && n.labelled)
}

// align pairs units: labelled ones by id across the whole document, then
// the rest by text within aligned parents, then what is left by text across
// the document (an unlabelled clause moved elsewhere), and finally marks
// the pairs that moved.
func (a *aligner) align() {
	byID := map[string]int{}
	for j, n := range a.new.units {
		if n.labelled {
			byID[labelKey(n)] = j
		}
	}
	for i, o := range a.old.units {
		if !o.labelled {
			continue
		}
		if j, ok := byID[labelKey(o)]; ok && a.new.units[j].match < 0 {
			a.pair(i, j)
		}
	}
	a.alignChildren()
	a.alignLeftovers()
	a.alignChildren()
	a.alignRewritten()
	a.markMoves()
}

// alignRewritten pairs, under every aligned pair, the children still
// unpaired that share enough words to be one clause rewritten — a
// paragraph whose sentences were redrafted, or a paragraph that became a
// sub-clause with text added around it — keeping their order. The
// redline then shows the words that changed, not the whole old clause
// removed and the whole new one added.
//
// A clause that is the only one gone from between two paired siblings,
// where exactly one new clause now stands, needs fewer words in common
// (minCommonInPlace): "Effective Date: October 11, 2017" replaced by
// "Effective Date: November 20, 2020" is that line changed, not one line
// removed and another added.
func (a *aligner) alignRewritten() {
	const minCommon, minCommonInPlace, minShare = 4, 2, 0.3
	for i := 0; i < len(a.old.units); i++ {
		o := a.old.units[i]
		if o.match < 0 {
			continue
		}
		n := a.new.units[o.match]
		os, ns := a.unpaired(a.old, o.children), a.unpaired(a.new, n.children)
		if len(os) == 0 || len(ns) == 0 {
			continue
		}
		// A pair may not cross the siblings already paired: both must lie
		// between the same two of them.
		gap := func(f *flat, kids []int, parent int) map[int]int {
			out := map[int]int{}
			g := 0
			for _, k := range kids {
				u := f.units[k]
				if u.match >= 0 && a.other(f).units[u.match].parent == parent {
					g++
					continue
				}
				out[k] = g
			}
			return out
		}
		og, ng := gap(a.old, o.children, o.match), gap(a.new, n.children, i)
		// How many unpaired old and new children each gap holds: one
		// clause gone and one new in its place is one clause replaced.
		inGap := map[int][2]int{}
		for _, k := range os {
			c := inGap[og[k]]
			c[0]++
			inGap[og[k]] = c
		}
		for _, k := range ns {
			c := inGap[ng[k]]
			c[1]++
			inGap[ng[k]] = c
		}
		pairs := orderedPairs(len(os), len(ns), func(x, y int) float64 {
			ou, nu := a.old.units[os[x]], a.new.units[ns[y]]
			if !rewritable(ou, nu) || og[os[x]] != ng[ns[y]] {
				return 0
			}
			need := minCommon
			if inGap[og[os[x]]] == [2]int{1, 1} {
				need = minCommonInPlace
			}
			c := commonWords(ou.words(), nu.words())
			if c < need || float64(c) < minShare*float64(min(len(ou.words()), len(nu.words()))) {
				return 0
			}
			return float64(c)
		})
		for _, p := range pairs {
			a.pair(os[p[0]], ns[p[1]])
		}
	}
}

// other returns the document f is not.
func (a *aligner) other(f *flat) *flat {
	if f == a.old {
		return a.new
	}
	return a.old
}

// rewritable reports whether an old and a new unit may be one clause
// rewritten: compatible, or a paragraph, a list item or a quotation (a
// paragraph that became a sub-clause or was set as a quotation, or the
// reverse), not both with an author label.
func rewritable(o, n *unit) bool {
	if compatible(o, n) {
		return true
	}
	text := func(k agreement.Kind) bool {
		return k == agreement.Paragraph || k == agreement.Item || k == agreement.Quote
	}
	return text(o.kind) && text(n.kind) && !(o.labelled && n.labelled)
}

// commonWords counts the words two sorted word lists have in common.
func commonWords(a, b []string) int {
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i, j = i+1, j+1
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return common
}

// orderedPairs aligns m old and k new elements in order, maximising the
// sum of score over the aligned pairs (a score of 0 never pairs), and
// returns the pairs.
func orderedPairs(m, k int, score func(x, y int) float64) [][2]int {
	w := k + 1
	dp := make([]float64, (m+1)*w)
	sc := make([]float64, m*k)
	for x := m - 1; x >= 0; x-- {
		for y := k - 1; y >= 0; y-- {
			s := score(x, y)
			sc[x*k+y] = s
			best := max(dp[(x+1)*w+y], dp[x*w+y+1])
			if s > 0 {
				best = max(best, s+dp[(x+1)*w+y+1])
			}
			dp[x*w+y] = best
		}
	}
	var out [][2]int
	for x, y := 0, 0; x < m && y < k; {
		s := sc[x*k+y]
		switch {
		case s > 0 && dp[x*w+y] == s+dp[(x+1)*w+y+1]:
			out = append(out, [2]int{x, y})
			x, y = x+1, y+1
		case dp[x*w+y] == dp[(x+1)*w+y]:
			x++
		default:
			y++
		}
	}
	return out
}

func labelKey(u *unit) string {
	if u.kind == partKind {
		return "part:" + u.id
	}
	return u.id
}

// alignChildren aligns the unpaired children of every aligned pair, in
// document order, so that the children of a pair made here are aligned in
// turn.
func (a *aligner) alignChildren() {
	for i := 0; i < len(a.old.units); i++ {
		o := a.old.units[i]
		if o.match < 0 {
			continue
		}
		n := a.new.units[o.match]
		a.alignLists(a.unpaired(a.old, o.children), a.unpaired(a.new, n.children))
	}
}

func (a *aligner) unpaired(f *flat, idx []int) []int {
	var out []int
	for _, i := range idx {
		if f.units[i].match < 0 {
			out = append(out, i)
		}
	}
	return out
}

// alignLists pairs old and new sibling units that have no stable id in
// common, keeping their order: first those at the same position with the
// same text, then an alignment that maximises similarity, where an
// identical text scores 2 and a similar one (half its words in common or
// more) scores its similarity.
func (a *aligner) alignLists(os, ns []int) {
	if len(os) == 0 || len(ns) == 0 {
		return
	}
	// The common case, nothing inserted before them: same id, same text.
	byID := map[string]int{}
	for _, j := range ns {
		byID[a.new.units[j].id] = j
	}
	rest := os[:0:0]
	for _, i := range os {
		o := a.old.units[i]
		if j, ok := byID[o.id]; ok && a.new.units[j].match < 0 && compatible(o, a.new.units[j]) && sameText(o, a.new.units[j]) {
			a.pair(i, j)
			continue
		}
		rest = append(rest, i)
	}
	os, ns = rest, a.unpaired(a.new, ns)
	if len(os) == 0 || len(ns) == 0 {
		return
	}
	score := func(i, j int) float64 {
		o, n := a.old.units[i], a.new.units[j]
		if !compatible(o, n) {
			return 0
		}
		if sameText(o, n) {
			return 2
		}
		if s := similarity(o, n); s >= 0.5 {
			return s
		}
		return 0
	}
	// dp[x][y]: best score aligning os[x:] with ns[y:].
	w := len(ns) + 1
	dp := make([]float64, (len(os)+1)*w)
	sc := make([]float64, len(os)*len(ns))
	for x := len(os) - 1; x >= 0; x-- {
		for y := len(ns) - 1; y >= 0; y-- {
			s := score(os[x], ns[y])
			sc[x*len(ns)+y] = s
			best := max(dp[(x+1)*w+y], dp[x*w+y+1])
			if s > 0 {
				best = max(best, s+dp[(x+1)*w+y+1])
			}
			dp[x*w+y] = best
		}
	}
	for x, y := 0, 0; x < len(os) && y < len(ns); {
		s := sc[x*len(ns)+y]
		switch {
		case s > 0 && dp[x*w+y] == s+dp[(x+1)*w+y+1]:
			a.pair(os[x], ns[y])
			x, y = x+1, y+1
		case dp[x*w+y] == dp[(x+1)*w+y]:
			x++
		default:
			y++
		}
	}
}

// sameText reports whether two units have the same text, as the
// comparison sees it (keys, not printed text).
func sameText(o, n *unit) bool { return o.key == n.key }

// similarity is the Dice coefficient of two units' words: 1 when they have
// the same words, 0 when they share none.
func similarity(o, n *unit) float64 {
	ow, nw := o.words(), n.words()
	if len(ow)+len(nw) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(ow) && j < len(nw); {
		switch {
		case ow[i] == nw[j]:
			common++
			i, j = i+1, j+1
		case ow[i] < nw[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(ow)+len(nw))
}

// alignLeftovers pairs unpaired units anywhere in the documents whose text
// is the same, or nearly the same and long enough not to be a coincidence:
// an unlabelled clause that moved to another article.
func (a *aligner) alignLeftovers() {
	const minSame, minSimilar, minSimilarity = 4, 8, 0.8
	var os, ns []int
	for i, o := range a.old.units {
		if o.match < 0 && o.kind != partKind {
			os = append(os, i)
		}
	}
	for j, n := range a.new.units {
		if n.match < 0 && n.kind != partKind {
			ns = append(ns, j)
		}
	}
	if len(os) == 0 || len(ns) == 0 {
		return
	}
	byKey := map[string][]int{}
	for _, j := range ns {
		n := a.new.units[j]
		byKey[n.key] = append(byKey[n.key], j)
	}
	for _, i := range os {
		o := a.old.units[i]
		if len(o.words()) < minSame {
			continue
		}
		for _, j := range byKey[o.key] {
			if a.new.units[j].match < 0 && compatible(o, a.new.units[j]) {
				a.pair(i, j)
				break
			}
		}
	}
	type cand struct {
		i, j int
		s    float64
	}
	var cands []cand
	for _, i := range os {
		o := a.old.units[i]
		if o.match >= 0 || len(o.words()) < minSimilar {
			continue
		}
		for _, j := range ns {
			n := a.new.units[j]
			if n.match >= 0 || !compatible(o, n) || len(n.words()) < minSimilar {
				continue
			}
			if s := similarity(o, n); s >= minSimilarity {
				cands = append(cands, cand{i, j, s})
			}
		}
	}
	sort.SliceStable(cands, func(x, y int) bool { return cands[x].s > cands[y].s })
	for _, c := range cands {
		if a.old.units[c.i].match < 0 && a.new.units[c.j].match < 0 {
			a.pair(c.i, c.j)
		}
	}
}

// markMoves marks the pairs whose parent is not the counterpart of their
// old parent, and, among siblings that stayed under the same parent, those
// out of order: the fewest that explain the new order.
func (a *aligner) markMoves() {
	for _, n := range a.new.units {
		if n.match < 0 || n.kind == partKind {
			continue
		}
		o := a.old.units[n.match]
		if a.old.units[o.parent].match != n.parent {
			n.moved = true
		}
	}
	for _, p := range a.new.units {
		var olds, news []int
		for _, j := range p.children {
			n := a.new.units[j]
			if n.match >= 0 && !n.moved {
				olds = append(olds, a.old.units[n.match].pos)
				news = append(news, j)
			}
		}
		keep := longestIncreasing(olds)
		for x, j := range news {
			if !keep[x] {
				a.new.units[j].moved = true
			}
		}
	}
	for _, n := range a.new.units {
		if n.match >= 0 {
			a.old.units[n.match].moved = n.moved
		}
	}
}

// longestIncreasing marks the elements of one longest strictly increasing
// subsequence of xs.
func longestIncreasing(xs []int) []bool {
	keep := make([]bool, len(xs))
	if len(xs) == 0 {
		return keep
	}
	// tails[k]: index in xs of the smallest tail of an increasing run of length k+1.
	var tails []int
	prev := make([]int, len(xs))
	for i, x := range xs {
		k := sort.Search(len(tails), func(k int) bool { return xs[tails[k]] >= x })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
		keep[i] = true
	}
	return keep
}

// changes lists the changes, in the order of the new document, with
// removed clauses where they used to be.
func (a *aligner) changes() []Change {
	type keyed struct {
		at, after, seq int
		c              Change
	}
	var out []keyed
	for j, n := range a.new.units {
		if n.match < 0 {
			if n.parent >= 0 && a.new.units[n.parent].match < 0 {
				continue // part of an added ancestor
			}
			text := a.new.fullText(j)
			c := Change{
				Kind: Added, ID: n.id, Part: n.part.ID, PartLabel: n.part.Label,
				NewNumber: n.number, Title: n.title, NewText: text,
				Segments: []Segment{{Op: Insert, Text: text}},
			}
			a.place(&c, nil, n)
			out = append(out, keyed{at: j, c: c})
			continue
		}
		o := a.old.units[n.match]
		c := Change{
			ID: n.id, Part: n.part.ID, PartLabel: n.part.Label,
			OldNumber: o.number, NewNumber: n.number, Title: n.title,
			heading: n.heading(),
		}
		edited := !sameText(o, n)
		switch {
		case n.moved:
			c.Kind = Moved
		case edited:
			c.Kind = Modified
		case o.local != n.local && o.number != n.number:
			// Its own number changed, not only its parent's (that is the
			// parent's renumbering), nor only around a pinned number.
			c.Kind = Renumbered
		default:
			continue
		}
		a.place(&c, o, n)
		c.OldText, c.NewText = o.text(), n.text()
		if edited {
			c.Segments = wordDiff(o.tokens(), n.tokens())
		} else {
			c.Segments = []Segment{{Op: Equal, Text: c.NewText}}
		}
		out = append(out, keyed{at: j, c: c})
	}
	anchor := -1
	for i, o := range a.old.units {
		if o.match >= 0 {
			if !o.moved {
				anchor = o.match
			}
			continue
		}
		if o.parent >= 0 && a.old.units[o.parent].match < 0 {
			continue // part of a removed ancestor
		}
		text := a.old.fullText(i)
		c := Change{
			Kind: Removed, ID: o.id, Part: o.part.ID, PartLabel: o.part.Label,
			OldNumber: o.number, Title: o.title, OldText: text,
			Segments: []Segment{{Op: Delete, Text: text}},
		}
		a.place(&c, o, nil)
		out = append(out, keyed{at: anchor, after: 1, seq: i, c: c})
	}
	sort.SliceStable(out, func(x, y int) bool {
		p, q := out[x], out[y]
		if p.at != q.at {
			return p.at < q.at
		}
		if p.after != q.after {
			return p.after < q.after
		}
		return p.seq < q.seq
	})
	changes := make([]Change, len(out))
	for i, k := range out {
		changes[i] = k.c
	}
	return changes
}

// place records where a change's clause is — its kind of block, its
// parent and its position among its siblings in each version (o or n nil
// where it does not exist) — and the cells of a table.
func (a *aligner) place(c *Change, o, n *unit) {
	c.oldPos, c.newPos = -1, -1
	if o != nil {
		c.unit, c.oldPos, c.oldRows = o.kind, o.pos, o.rows()
		if o.parent >= 0 {
			c.parent = a.old.units[o.parent].id
		}
	}
	if n != nil {
		c.unit, c.newPos, c.newRows = n.kind, n.pos, n.rows()
		if n.parent >= 0 {
			c.parent = a.new.units[n.parent].id
		}
	}
}
