package importer

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// MatchKind says what became of a clause on re-import.
type MatchKind string

// The kinds of a re-import match.
const (
	Kept    MatchKind = "kept"    // same title, same place
	Renamed MatchKind = "renamed" // matched by content; its title changed
	Moved   MatchKind = "moved"   // same title, another place among its neighbours
	Added   MatchKind = "added"   // new: a new id
	Removed MatchKind = "removed" // gone from the new text: its file is removed
)

// Node is one clause or labelled sub-clause on either side of a re-import.
type Node struct {
	ID    string // the existing id; on the new side, the id a fresh import gives
	Title string // an article's title, without number; an item's defined term
	Text  string // its plain text
}

// Match is what re-import decided for one clause or sub-clause.
type Match struct {
	Kind MatchKind
	// Old is the existing id (empty for Added); New the id in the new text:
	// the old id for a matched clause, a new one for an added clause.
	Old, New           string
	OldTitle, NewTitle string
	// Confidence is how sure the match is, 0 to 1; 1 for an override and
	// for added and removed clauses.
	Confidence float64
	// Override is set when a --match override decided the match.
	Override bool
}

// Confirm is the confidence under which a match is listed for a person
// to confirm.
const Confirm = 0.6

// String prints a match as one report line.
func (m Match) String() string {
	switch m.Kind {
	case Added:
		return fmt.Sprintf("added    %s %q", m.New, m.NewTitle)
	case Removed:
		return fmt.Sprintf("removed  %s %q", m.Old, m.OldTitle)
	case Renamed:
		return fmt.Sprintf("renamed  %s %q -> %q (%.2f)", m.Old, m.OldTitle, m.NewTitle, m.Confidence)
	}
	return fmt.Sprintf("%-8s %s %q (%.2f)", string(m.Kind), m.Old, m.NewTitle, m.Confidence)
}

// normTitle folds a title for comparison: its slug, without a typed
// number or letter in front.
func normTitle(t string) string {
	_, _, _, rest := headingNumber(strings.TrimSpace(t))
	return Slug(rest)
}

// bag is a multiset of the words of a text.
type bag struct {
	count map[string]int
	n     int
}

func newBag(text string) bag {
	b := bag{count: map[string]int{}}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		b.count[w]++
		b.n++
	}
	return b
}

// dice is the Dice coefficient of two bags: 1 for the same words, 0 for
// none in common; two empty texts are the same.
func dice(a, b bag) float64 {
	if a.n == 0 && b.n == 0 {
		return 1
	}
	if a.n == 0 || b.n == 0 {
		return 0
	}
	common := 0
	for w, c := range a.count {
		common += min(c, b.count[w])
	}
	return 2 * float64(common) / float64(a.n+b.n)
}

// MatchNodes pairs the new text's clauses with the existing ones. First
// every override; then clauses with the same title (without number), the
// closest in content when a title repeats; then, by score, pairs whose
// content (and place) are close enough. Overrides map a new clause — by
// its title or its fresh id — to an existing id, or to "" to make it new.
// The result lists the new clauses in order, then the removed ones.
func MatchNodes(old, new []Node, overrides map[string]string) ([]Match, error) {
	oldIdx := map[string]int{}
	for i, o := range old {
		oldIdx[o.ID] = i
	}
	oldTaken := make([]bool, len(old))
	pair := make([]int, len(new)) // new index → old index, or -1
	conf := make([]float64, len(new))
	over := make([]bool, len(new))
	for j := range pair {
		pair[j] = -1
	}
	bagsO := make([]bag, len(old))
	for i, o := range old {
		bagsO[i] = newBag(o.Text)
	}
	bagsN := make([]bag, len(new))
	for j, n := range new {
		bagsN[j] = newBag(n.Text)
	}
	// Overrides.
	decided := make([]bool, len(new))
	keys := make([]string, 0, len(overrides))
	for k := range overrides {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		target := overrides[k]
		found := false
		for j, n := range new {
			if n.ID != k && normTitle(n.Title) != normTitle(k) {
				continue
			}
			found = true
			decided[j], over[j], conf[j] = true, true, 1
			if target == "" {
				continue
			}
			i, ok := oldIdx[target]
			if !ok {
				return nil, fmt.Errorf("match %s=%s: no existing clause %q", k, target, target)
			}
			if oldTaken[i] {
				return nil, fmt.Errorf("match %s=%s: %q is matched twice", k, target, target)
			}
			pair[j], oldTaken[i] = i, true
		}
		if !found {
			return nil, fmt.Errorf("match %s=%s: the new text has no clause titled or named %q", k, target, k)
		}
	}
	pos := func(i, n int) float64 {
		if n <= 1 {
			return 0
		}
		return float64(i) / float64(n-1)
	}
	type cand struct {
		i, j  int
		score float64
	}
	// Same title: the closest in content first.
	var same []cand
	for j, n := range new {
		if decided[j] || normTitle(n.Title) == "" {
			continue
		}
		for i, o := range old {
			if !oldTaken[i] && normTitle(o.Title) == normTitle(n.Title) {
				same = append(same, cand{i, j, dice(bagsO[i], bagsN[j]) - 0.1*abs(pos(i, len(old))-pos(j, len(new)))})
			}
		}
	}
	sortCands := func(cs []cand) {
		sort.SliceStable(cs, func(a, b int) bool {
			if cs[a].score != cs[b].score {
				return cs[a].score > cs[b].score
			}
			if cs[a].j != cs[b].j {
				return cs[a].j < cs[b].j
			}
			return cs[a].i < cs[b].i
		})
	}
	sortCands(same)
	for _, c := range same {
		if decided[c.j] || oldTaken[c.i] {
			continue
		}
		d := dice(bagsO[c.i], bagsN[c.j])
		pair[c.j], oldTaken[c.i], decided[c.j] = c.i, true, true
		conf[c.j] = 0.7 + 0.3*d
	}
	// By content and place.
	var rest []cand
	for j := range new {
		if decided[j] {
			continue
		}
		for i := range old {
			if oldTaken[i] {
				continue
			}
			d := dice(bagsO[i], bagsN[j])
			t := dice(newBag(old[i].Title), newBag(new[j].Title))
			if d < 0.4 && t < 0.5 {
				continue
			}
			p := 1 - abs(pos(i, len(old))-pos(j, len(new)))
			rest = append(rest, cand{i, j, 0.65*d + 0.2*t + 0.15*p})
		}
	}
	sortCands(rest)
	for _, c := range rest {
		if decided[c.j] || oldTaken[c.i] || c.score < 0.45 {
			continue
		}
		pair[c.j], oldTaken[c.i], decided[c.j] = c.i, true, true
		conf[c.j] = c.score
	}
	// Moved: matched pairs off the longest run in the same order.
	var seq []int
	var seqJ []int
	for j, i := range pair {
		if i >= 0 {
			seq = append(seq, i)
			seqJ = append(seqJ, j)
		}
	}
	inOrder := map[int]bool{}
	for k, ok := range longestIncreasing(seq) {
		if ok {
			inOrder[seqJ[k]] = true
		}
	}
	var out []Match
	for j, n := range new {
		i := pair[j]
		if i < 0 {
			out = append(out, Match{Kind: Added, New: n.ID, NewTitle: n.Title, Confidence: 1, Override: over[j]})
			continue
		}
		o := old[i]
		m := Match{Old: o.ID, New: o.ID, OldTitle: o.Title, NewTitle: n.Title, Confidence: round2(conf[j]), Override: over[j]}
		switch {
		case normTitle(o.Title) != normTitle(n.Title):
			m.Kind = Renamed
		case !inOrder[j]:
			m.Kind = Moved
		default:
			m.Kind = Kept
		}
		out = append(out, m)
	}
	for i, o := range old {
		if !oldTaken[i] {
			out = append(out, Match{Kind: Removed, Old: o.ID, OldTitle: o.Title, Confidence: 1})
		}
	}
	return out, nil
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// longestIncreasing marks the elements of xs that form a longest strictly
// increasing subsequence (the first one found, for determinism).
func longestIncreasing(xs []int) []bool {
	n := len(xs)
	length := make([]int, n)
	prev := make([]int, n)
	best := -1
	for i := range xs {
		length[i], prev[i] = 1, -1
		for k := 0; k < i; k++ {
			if xs[k] < xs[i] && length[k]+1 > length[i] {
				length[i], prev[i] = length[k]+1, k
			}
		}
		if best < 0 || length[i] > length[best] {
			best = i
		}
	}
	out := make([]bool, n)
	for i := best; i >= 0; i = prev[i] {
		out[i] = true
	}
	return out
}

// Unsure returns the matches of ms a person should confirm: those below
// Confirm that no override decided.
func Unsure(ms []Match) []Match {
	var out []Match
	for _, m := range ms {
		if m.Confidence < Confirm && !m.Override {
			out = append(out, m)
		}
	}
	return out
}

// Count returns how many matches of ms are of each kind.
func Count(ms []Match) map[MatchKind]int {
	count := map[MatchKind]int{}
	for _, m := range ms {
		count[m.Kind]++
	}
	return count
}
