package diff

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// MaxClauseTokens bounds the word diff: a clause with more tokens (words,
// spaces, punctuation) than this on either side is shown as deleted and
// inserted whole. go-diff runs without a timeout, so that the result never
// depends on how busy the machine is, and this bound keeps it fast.
const MaxClauseTokens = 8000

// wordDiff returns the word-level redline from old to new: go-diff on
// tokens (each distinct token mapped to one rune), glued where a reader
// reads unchanged words as part of a change (see glue), then regrouped so that a replaced phrase reads as one deletion followed by one
// insertion. Equal text is printed as in new (a cross-reference with its
// new number).
func wordDiff(old, new []token) []Segment {
	var ops []tokOp
	switch {
	case len(old) > MaxClauseTokens || len(new) > MaxClauseTokens:
		ops = []tokOp{{Delete, old}, {Insert, new}}
	case hasSep(old) || hasSep(new):
		ops = diffLines(old, new)
		if !hasCell(old) && !hasCell(new) {
			// Paragraphs: line by line, unless one run of words explains
			// the change with fewer changed words (a paragraph split in
			// two, a sentence moved to the next paragraph).
			if lin := diffTokens(old, new); changedWords(lin) < changedWords(ops) {
				ops = lin
			}
		}
	default:
		ops = diffTokens(old, new)
	}
	return segments(regroup(ops))
}

// hasCell reports whether tokens hold a table row.
func hasCell(ts []token) bool {
	for _, t := range ts {
		if t.key == sepCell {
			return true
		}
	}
	return false
}

// changedWords counts the words deleted or inserted by ops.
func changedWords(ops []tokOp) int {
	n := 0
	for _, o := range ops {
		if o.op == Equal {
			continue
		}
		for _, t := range o.toks {
			if t.isWord() {
				n++
			}
		}
	}
	return n
}

// hasSep reports whether tokens hold more than one paragraph or table row.
func hasSep(ts []token) bool {
	for _, t := range ts {
		if t.key == sepPara {
			return true
		}
	}
	return false
}

// maxLinePairs bounds the alignment of lines in diffLines: beyond it, the
// text is compared as one run of words.
const maxLinePairs = 250000

// diffLines compares text of several paragraphs or table rows line by
// line: it aligns the old and new lines in order — the same line, or one
// with at least minLineSimilarity of its words in common — and compares
// each aligned pair word by word; a line without a counterpart is deleted
// or inserted whole. So a rewritten table is redlined row by row, and a
// clause's paragraphs each against its own old version, never a word of
// one paragraph against the same word in another.
func diffLines(old, new []token) []tokOp {
	ol, nl := splitLines(old), splitLines(new)
	if len(ol)*len(nl) > maxLinePairs {
		return diffTokens(old, new)
	}
	const minLineSimilarity = 0.4
	words := func(ls []tokLine) [][]string {
		out := make([][]string, len(ls))
		for i, l := range ls {
			for _, t := range l.toks {
				if t.isWord() {
					out[i] = append(out[i], t.key)
				}
			}
			sort.Strings(out[i])
		}
		return out
	}
	ow, nw := words(ol), words(nl)
	score := func(x, y int) float64 {
		if equalKeys(ol[x].toks, nl[y].toks) {
			return 2
		}
		if s := dice(ow[x], nw[y]); s >= minLineSimilarity {
			return s
		}
		return 0
	}
	w := len(nl) + 1
	dp := make([]float64, (len(ol)+1)*w)
	sc := make([]float64, len(ol)*len(nl))
	for x := len(ol) - 1; x >= 0; x-- {
		for y := len(nl) - 1; y >= 0; y-- {
			s := score(x, y)
			sc[x*len(nl)+y] = s
			best := max(dp[(x+1)*w+y], dp[x*w+y+1])
			if s > 0 {
				best = max(best, s+dp[(x+1)*w+y+1])
			}
			dp[x*w+y] = best
		}
	}
	var ops []tokOp
	sep := func(o, n *token) {
		switch {
		case o != nil && n != nil:
			ops = append(ops, tokOp{Equal, []token{*n}})
		case o != nil:
			ops = append(ops, tokOp{Delete, []token{*o}})
		case n != nil:
			ops = append(ops, tokOp{Insert, []token{*n}})
		}
	}
	// The lines between two aligned pairs that have no counterpart are
	// compared as one run of words: rows rewritten beyond recognition
	// still share words with the rows they replace.
	gap := func(x0, x1, y0, y1 int) {
		var o, n []token
		for ; x0 < x1; x0++ {
			o = append(o, ol[x0].toks...)
			if ol[x0].sep != nil {
				o = append(o, *ol[x0].sep)
			}
		}
		for ; y0 < y1; y0++ {
			n = append(n, nl[y0].toks...)
			if nl[y0].sep != nil {
				n = append(n, *nl[y0].sep)
			}
		}
		ops = append(ops, diffTokens(o, n)...)
	}
	x, y := 0, 0
	gx, gy := 0, 0
	for x < len(ol) && y < len(nl) {
		s := sc[x*len(nl)+y]
		switch {
		case s > 0 && dp[x*w+y] == s+dp[(x+1)*w+y+1]:
			gap(gx, x, gy, y)
			ops = append(ops, diffTokens(ol[x].toks, nl[y].toks)...)
			sep(ol[x].sep, nl[y].sep)
			x, y = x+1, y+1
			gx, gy = x, y
		case dp[x*w+y] == dp[(x+1)*w+y]:
			x++
		default:
			y++
		}
	}
	gap(gx, len(ol), gy, len(nl))
	return ops
}

// tokLine is a paragraph or table row of tokens, and the separator after
// it (nil for the last).
type tokLine struct {
	toks []token
	sep  *token
}

func splitLines(ts []token) []tokLine {
	var out []tokLine
	start := 0
	for i := range ts {
		if ts[i].key == sepPara {
			out = append(out, tokLine{toks: ts[start:i], sep: &ts[i]})
			start = i + 1
		}
	}
	return append(out, tokLine{toks: ts[start:]})
}

func equalKeys(a, b []token) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].key != b[i].key {
			return false
		}
	}
	return true
}

// dice is the Dice coefficient of two sorted word lists.
func dice(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(commonWords(a, b)) / float64(len(a)+len(b))
}

// tokOp is a run of tokens with one operation.
type tokOp struct {
	op   Op
	toks []token
}

func diffTokens(old, new []token) []tokOp {
	// Common ends need no diff; usually most of a clause is one.
	p := 0
	for p < len(old) && p < len(new) && old[p].key == new[p].key {
		p++
	}
	q := 0
	for q < len(old)-p && q < len(new)-p && old[len(old)-1-q].key == new[len(new)-1-q].key {
		q++
	}
	var ops []tokOp
	if p > 0 {
		ops = append(ops, tokOp{Equal, new[:p]})
	}
	ops = append(ops, diffMiddle(old[p:len(old)-q], new[p:len(new)-q])...)
	if q > 0 {
		ops = append(ops, tokOp{Equal, new[len(new)-q:]})
	}
	return ops
}

// diffMiddle diffs tokens with go-diff in two ways, lets glue read some
// unchanged stretches of each as part of the change around them, and
// keeps the redline that marks fewer words as changed. The first compares the
// tokens that are not white space (unitSpans): a comma or a full stop
// counts as much as a word, so "de [-Klant-]{+Leverancier+}, de
// [-Leverancier-]{+Klant+}" keeps the sentence's structure. The second
// (wordSpans) compares the words alone first, then the punctuation and
// spaces between two unchanged words: it keeps the most words unchanged,
// which the first may not when keeping a comma costs a word. On a tie the
// first wins.
func diffMiddle(old, new []token) []tokOp {
	switch {
	case len(old) == 0 && len(new) == 0:
		return nil
	case len(old) == 0:
		return []tokOp{{Insert, new}}
	case len(new) == 0:
		return []tokOp{{Delete, old}}
	}
	ops := glue(unitSpans(old, new, 0, 0), old, new)
	if ws := glue(wordSpans(old, new), old, new); changedWords(ws) < changedWords(ops) {
		ops = ws
	}
	return ops
}

// wordSpans diffs the words of old and new (words and cross-references)
// with go-diff, each distinct word mapped to one rune, and the tokens
// between two unchanged words with unitSpans.
func wordSpans(old, new []token) []span {
	ids := make(map[string]rune)
	words := func(ts []token) (rs []rune, at []int) {
		for i, t := range ts {
			if !t.isWord() {
				continue
			}
			r, ok := ids[t.key]
			if !ok {
				r = tokenRune(len(ids))
				ids[t.key] = r
			}
			rs = append(rs, r)
			at = append(at, i)
		}
		return rs, at
	}
	r1, at1 := words(old)
	r2, at2 := words(new)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	var spans []span
	x, y := 0, 0   // tokens done
	wx, wy := 0, 0 // words done
	for _, d := range dmp.DiffMainRunes(r1, r2, false) {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			for ; n > 0; n, wx, wy = n-1, wx+1, wy+1 {
				i, j := at1[wx], at2[wy]
				spans = appendSpans(spans, unitSpans(old[x:i], new[y:j], x, y)...)
				spans = appendSpans(spans, span{Equal, i, j, 1})
				x, y = i+1, j+1
			}
		case diffmatchpatch.DiffDelete:
			wx += n
		case diffmatchpatch.DiffInsert:
			wy += n
		}
	}
	return appendSpans(spans, unitSpans(old[x:], new[y:], x, y)...)
}

// appendSpans appends spans, merging each into the last one when they
// have the same operation and follow each other.
func appendSpans(spans []span, add ...span) []span {
	for _, s := range add {
		if s.n == 0 {
			continue
		}
		if k := len(spans) - 1; k >= 0 && spans[k].op == s.op {
			p := &spans[k]
			if (s.op == Delete || p.x+p.n == s.x) && (s.op == Insert || p.y+p.n == s.y) {
				p.n += s.n
				continue
			}
		}
		spans = append(spans, s)
	}
	return spans
}

// unitSpans diffs tokens with go-diff, each distinct token mapped to one
// rune, and returns the spans at old[x0:] and new[y0:]. go-diff compares
// the tokens that are not white space, each with the white space after
// it: "Voorwaarden." → "Voorwaarden als Bijlage 2." keeps "Voorwaarden"
// although a space now follows it.
func unitSpans(old, new []token, x0, y0 int) []span {
	switch {
	case len(old) == 0 && len(new) == 0:
		return nil
	case len(old) == 0:
		return []span{{Insert, x0, y0, len(new)}}
	case len(new) == 0:
		return []span{{Delete, x0, y0, len(old)}}
	}
	ids := make(map[string]rune, len(old)+len(new))
	units := func(ts []token) (rs []rune, starts []int) {
		rs, starts = make([]rune, 0, len(ts)), make([]int, 0, len(ts)+1)
		for i := 0; i < len(ts); {
			starts = append(starts, i)
			k := ts[i].key
			if k != " " {
				i++
			}
			for i < len(ts) && ts[i].key == " " {
				i++
			}
			r, ok := ids[k]
			if !ok {
				r = tokenRune(len(ids))
				ids[k] = r
			}
			rs = append(rs, r)
		}
		return rs, append(starts, len(ts))
	}
	r1, s1 := units(old)
	r2, s2 := units(new)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes(r1, r2, false)
	var spans []span
	add := func(op Op, x, y, n int) {
		spans = appendSpans(spans, span{op, x0 + x, y0 + y, n})
	}
	x, y := 0, 0 // in units
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			for ; n > 0; n, x, y = n-1, x+1, y+1 {
				ol, nl := s1[x+1]-s1[x], s2[y+1]-s2[y]
				if ol == nl {
					add(Equal, s1[x], s2[y], nl)
					continue
				}
				// The same token, with white space after it on one side only.
				c := min(ol, nl, 1)
				add(Equal, s1[x], s2[y], c)
				add(Delete, s1[x]+c, s2[y]+c, ol-c)
				add(Insert, s1[x+1], s2[y]+c, nl-c)
			}
		case diffmatchpatch.DiffDelete:
			add(Delete, s1[x], s2[y], s1[x+n]-s1[x])
			x += n
		case diffmatchpatch.DiffInsert:
			add(Insert, s1[x], s2[y], s2[y+n]-s2[y])
			y += n
		}
	}
	return spans
}

// span is a run of n tokens with one operation, at old[x:] (Equal,
// Delete) and new[y:] (Equal, Insert).
type span struct {
	op      Op
	x, y, n int
}

// Glue: which unchanged text between two edits is read as part of them.
const (
	glueWords   = 2 // at most this many words (punctuation alone too) …
	glueLetters = 3 // … each of at most this many letters, all lower case …
	glueEdit    = 3 // … between edits of at least this many words on each side …
	glueMin     = 1 // … that each delete and insert at least this many words
)

// glue turns go-diff's minimal edit script into the redline's. An
// unchanged stretch between two edits is read as part of the change when
// it is only punctuation or one or two short lower-case words ("the",
// "in de", "of") and the edits on both sides replace text, at least
// glueEdit words on one side of each: a passage rewritten beyond a
// chance "in" reads "[-old sentence-]{+new sentence+}", not as fragments
// around a lone "in". Every other unchanged word stays unchanged: a shared
// content word, a number, a name, a cross-reference, a phrase of three
// words, and a short word next to a pure insertion or a one-word change
// ("[-veertien-]{+dertig+} ([-14-]{+30+})"). go-diff's semantic clean-up,
// used before, merged any unchanged stretch no longer than the edits
// around it, and so reported shared content words as changed.
func glue(spans []span, old, new []token) []tokOp {
	// run counts the words an edit run deletes and inserts, from span i
	// on in direction step.
	run := func(i, step int) (del, ins int) {
		for ; i >= 0 && i < len(spans) && spans[i].op != Equal; i += step {
			s := spans[i]
			if s.op == Delete {
				del += countWords(old[s.x : s.x+s.n])
			} else {
				ins += countWords(new[s.y : s.y+s.n])
			}
		}
		return del, ins
	}
	long := func(del, ins int) bool {
		return del >= glueMin && ins >= glueMin && max(del, ins) >= glueEdit
	}
	ops := make([]tokOp, 0, len(spans))
	var gDel, gIns int // words of the glued stretches and edits before the current run
	for i, s := range spans {
		switch s.op {
		case Delete:
			ops = append(ops, tokOp{Delete, old[s.x : s.x+s.n]})
			continue
		case Insert:
			ops = append(ops, tokOp{Insert, new[s.y : s.y+s.n]})
			continue
		}
		toks := new[s.y : s.y+s.n]
		if i > 0 && i+1 < len(spans) {
			w := countWords(toks)
			ld, li := run(i-1, -1)
			ld, li = ld+gDel, li+gIns
			if w <= glueWords && shortWords(toks) && long(ld, li) && long(run(i+1, 1)) {
				ops = append(ops, tokOp{Delete, old[s.x : s.x+s.n]}, tokOp{Insert, toks})
				gDel, gIns = ld+w, li+w
				continue
			}
		}
		ops = append(ops, tokOp{Equal, toks})
		gDel, gIns = 0, 0
	}
	return ops
}

// countWords counts the words of tokens.
func countWords(ts []token) int {
	n := 0
	for _, t := range ts {
		if t.isWord() {
			n++
		}
	}
	return n
}

// shortWords reports whether every word of tokens is a short lower-case
// word — an article, preposition or conjunction, not a number, a name or a
// cross-reference.
func shortWords(ts []token) bool {
	for _, t := range ts {
		if !t.isWord() {
			continue
		}
		if utf8.RuneCountInString(t.key) > glueLetters || strings.HasPrefix(t.key, refPrefix) {
			return false
		}
		for _, r := range t.key {
			if !unicode.IsLower(r) {
				return false
			}
		}
	}
	return true
}

// tokenRune maps the i-th distinct token to a rune that survives the
// round trip through a Go string: private-use code points, never a
// surrogate.
func tokenRune(i int) rune {
	const bmp = 0xF8FF - 0xE000 + 1
	if i < bmp {
		return rune(0xE000 + i)
	}
	return rune(0xF0000 + i - bmp)
}

// regroup merges every stretch of deletions, insertions and the white
// space between them into one deletion followed by one insertion, so a
// replaced phrase reads "[-old words-]{+new words+}" rather than as
// alternating fragments; white space common to both ends goes back to the
// unchanged text.
func regroup(ops []tokOp) []tokOp {
	var out []tokOp
	for i := 0; i < len(ops); {
		if ops[i].op == Equal {
			out = appendOp(out, ops[i])
			i++
			continue
		}
		var del, ins []token
		j := i
		for j < len(ops) {
			switch {
			case ops[j].op == Delete:
				del = append(del, ops[j].toks...)
			case ops[j].op == Insert:
				ins = append(ins, ops[j].toks...)
			case allSpace(ops[j].toks) && j+1 < len(ops) && ops[j+1].op != Equal:
				del = append(del, ops[j].toks...)
				ins = append(ins, ops[j].toks...)
			default:
				goto done
			}
			j++
		}
	done:
		p := 0
		for p < len(del) && p < len(ins) && del[p].key == ins[p].key && del[p].isSpace() {
			p++
		}
		s := 0
		for s < len(del)-p && s < len(ins)-p && del[len(del)-1-s].key == ins[len(ins)-1-s].key && del[len(del)-1-s].isSpace() {
			s++
		}
		out = appendOp(out, tokOp{Equal, ins[:p]})
		out = appendOp(out, tokOp{Delete, del[p : len(del)-s]})
		out = appendOp(out, tokOp{Insert, ins[p : len(ins)-s]})
		out = appendOp(out, tokOp{Equal, ins[len(ins)-s:]})
		i = j
	}
	return slideSpace(out)
}

// slideSpace moves a lone insertion or deletion that starts with white
// space one token to the right when the text after it starts with the
// same white space, so that it starts with its first word:
// "organisatie {+van +}Opdrachtgever", not "organisatie{+ van+} Opdrachtgever".
func slideSpace(ops []tokOp) []tokOp {
	for i := range ops {
		if ops[i].op == Equal || i+1 >= len(ops) || ops[i+1].op != Equal || (i > 0 && ops[i-1].op != Equal) {
			continue
		}
		x, b := ops[i].toks, ops[i+1].toks
		if len(x) < 2 || !x[0].isSpace() || x[0].key != b[0].key {
			continue
		}
		moved := append(append([]token(nil), x[1:]...), b[0])
		if i > 0 {
			ops[i-1].toks = append(append([]token(nil), ops[i-1].toks...), x[0])
		} else {
			ops = append([]tokOp{{Equal, x[:1]}}, ops...)
			i++
		}
		ops[i].toks = moved
		ops[i+1].toks = b[1:]
		if len(ops[i+1].toks) == 0 {
			ops = append(ops[:i+1], ops[i+2:]...)
		}
	}
	return ops
}

// appendOp appends op to ops, merging it into the last one of the same
// kind and dropping it if empty.
func appendOp(ops []tokOp, op tokOp) []tokOp {
	if len(op.toks) == 0 {
		return ops
	}
	if n := len(ops); n > 0 && ops[n-1].op == op.op {
		merged := append(append([]token(nil), ops[n-1].toks...), op.toks...)
		ops[n-1].toks = merged
		return ops
	}
	return append(ops, op)
}

func allSpace(ts []token) bool {
	for _, t := range ts {
		if !t.isSpace() {
			return false
		}
	}
	return true
}

func segments(ops []tokOp) []Segment {
	out := make([]Segment, 0, len(ops))
	for _, o := range ops {
		out = append(out, Segment{Op: o.op, Text: tokenString(o.toks)})
	}
	return out
}
