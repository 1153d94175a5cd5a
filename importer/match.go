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
	m := newMatcher(old, new)
	if err := m.override(overrides); err != nil {
		return nil, err
	}
	m.sameTitle()
	m.byContent()
	return m.result(), nil
}

// matcher holds a matching of new clauses to old ones as it is made.
type matcher struct {
	old, new     []Node
	oldIdx       map[string]int // old index by id
	bagsO, bagsN []bag          // the words of each clause
	pair         []int          // new index → old index, or -1
	conf         []float64      // the confidence of each new clause's match
	over         []bool         // the new clause's match is an override
	decided      []bool         // the new clause is matched, or new for good
	oldTaken     []bool         // the old clause is matched
}

func newMatcher(old, new []Node) *matcher {
	m := &matcher{old: old, new: new, oldIdx: map[string]int{},
		bagsO: make([]bag, len(old)), bagsN: make([]bag, len(new)),
		pair: make([]int, len(new)), conf: make([]float64, len(new)), over: make([]bool, len(new)),
		decided: make([]bool, len(new)), oldTaken: make([]bool, len(old))}
	for i, o := range old {
		m.oldIdx[o.ID] = i
		m.bagsO[i] = newBag(o.Text)
	}
	for j, n := range new {
		m.pair[j] = -1
		m.bagsN[j] = newBag(n.Text)
	}
	return m
}

// take matches new clause j to old clause i with confidence conf.
func (m *matcher) take(i, j int, conf float64) {
	m.pair[j], m.oldTaken[i], m.decided[j] = i, true, true
	m.conf[j] = conf
}

// override applies the overrides, in the order of their keys: a new
// clause (by title or fresh id) continues an existing id, or is new ("").
func (m *matcher) override(overrides map[string]string) error {
	keys := make([]string, 0, len(overrides))
	for k := range overrides {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		target := overrides[k]
		found := false
		for j, n := range m.new {
			if n.ID != k && normTitle(n.Title) != normTitle(k) {
				continue
			}
			found = true
			m.decided[j], m.over[j], m.conf[j] = true, true, 1
			if target == "" {
				continue
			}
			i, ok := m.oldIdx[target]
			if !ok {
				return fmt.Errorf("match %s=%s: no existing clause %q", k, target, target)
			}
			if m.oldTaken[i] {
				return fmt.Errorf("match %s=%s: %q is matched twice", k, target, target)
			}
			m.pair[j], m.oldTaken[i] = i, true
		}
		if !found {
			return fmt.Errorf("match %s=%s: the new text has no clause titled or named %q", k, target, k)
		}
	}
	return nil
}

// candidate is a possible match of old clause i to new clause j.
type candidate struct {
	i, j  int
	score float64
}

// sortCandidates puts the best first; ties in the order of the new
// clauses, then of the old.
func sortCandidates(cs []candidate) {
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

// place is clause i's place among n, from 0 (first) to 1 (last).
func place(i, n int) float64 {
	if n <= 1 {
		return 0
	}
	return float64(i) / float64(n-1)
}

// distance is how far apart old clause i and new clause j stand.
func (m *matcher) distance(i, j int) float64 {
	return abs(place(i, len(m.old)) - place(j, len(m.new)))
}

// sameTitle matches the clauses with the same title (without number), the
// closest in content first when a title repeats.
func (m *matcher) sameTitle() {
	var cs []candidate
	for j, n := range m.new {
		if m.decided[j] || normTitle(n.Title) == "" {
			continue
		}
		for i, o := range m.old {
			if !m.oldTaken[i] && normTitle(o.Title) == normTitle(n.Title) {
				cs = append(cs, candidate{i, j, dice(m.bagsO[i], m.bagsN[j]) - 0.1*m.distance(i, j)})
			}
		}
	}
	sortCandidates(cs)
	for _, c := range cs {
		if !m.decided[c.j] && !m.oldTaken[c.i] {
			m.take(c.i, c.j, 0.7+0.3*dice(m.bagsO[c.i], m.bagsN[c.j]))
		}
	}
}

// byContent matches the rest by a score of content, title and place, the
// best first, when it is high enough.
func (m *matcher) byContent() {
	var cs []candidate
	for j := range m.new {
		if m.decided[j] {
			continue
		}
		for i := range m.old {
			if m.oldTaken[i] {
				continue
			}
			d := dice(m.bagsO[i], m.bagsN[j])
			t := dice(newBag(m.old[i].Title), newBag(m.new[j].Title))
			if d < 0.4 && t < 0.5 {
				continue
			}
			cs = append(cs, candidate{i, j, 0.65*d + 0.2*t + 0.15*(1-m.distance(i, j))})
		}
	}
	sortCandidates(cs)
	for _, c := range cs {
		if !m.decided[c.j] && !m.oldTaken[c.i] && c.score >= 0.45 {
			m.take(c.i, c.j, c.score)
		}
	}
}

// result lists the new clauses in order — added, renamed, moved (off the
// longest run of matches in the same order) or kept — then the removed.
func (m *matcher) result() []Match {
	var seq, seqJ []int
	for j, i := range m.pair {
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
	for j, n := range m.new {
		i := m.pair[j]
		if i < 0 {
			out = append(out, Match{Kind: Added, New: n.ID, NewTitle: n.Title, Confidence: 1, Override: m.over[j]})
			continue
		}
		o := m.old[i]
		mt := Match{Old: o.ID, New: o.ID, OldTitle: o.Title, NewTitle: n.Title, Confidence: round2(m.conf[j]), Override: m.over[j]}
		switch {
		case normTitle(o.Title) != normTitle(n.Title):
			mt.Kind = Renamed
		case !inOrder[j]:
			mt.Kind = Moved
		default:
			mt.Kind = Kept
		}
		out = append(out, mt)
	}
	for i, o := range m.old {
		if !m.oldTaken[i] {
			out = append(out, Match{Kind: Removed, Old: o.ID, OldTitle: o.Title, Confidence: 1})
		}
	}
	return out
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
