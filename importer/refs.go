package importer

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termsmith/termsmith/internal/lazy"
)

// refIndex maps the numbers a document's text uses for its parts to them.
type refIndex struct {
	articles map[string]*article // "11", "A.2"
	items    map[string]*block   // "14.2", "2.1 (i)"
	itemArt  map[*block]*article
}

func (imp *importer) index(d *doc) *refIndex {
	ix := &refIndex{articles: map[string]*article{}, items: map[string]*block{}, itemArt: map[*block]*article{}}
	for _, a := range d.articles {
		if !a.numbered {
			continue
		}
		key := strconv.Itoa(a.typed)
		if d.letter != "" {
			key = d.letter + "." + key
		}
		if _, dup := ix.articles[key]; !dup {
			ix.articles[key] = a
		}
		walk(a.body, func(b *block) {
			if b.kind != bItem {
				return
			}
			ix.itemArt[b] = a
			if b.list.style.kind == sOrdered && b.list.depth == 0 && b.position > 0 {
				// A Markdown list: the sub-clause's number is computed.
				sub := key + "." + strconv.Itoa(b.position)
				if _, dup := ix.items[sub]; !dup {
					ix.items[sub] = b
				}
				return
			}
			if b.list.style.kind == sDotted {
				key := strings.TrimSuffix(b.typed, ".")
				if _, dup := ix.items[key]; !dup {
					ix.items[key] = b
				}
				return
			}
			if b.parent != nil && b.parent.list.style.kind == sDotted && b.list.style.ordered() {
				key := strings.TrimSuffix(b.parent.typed, ".") + " " + strings.TrimSuffix(b.typed, ".")
				if _, dup := ix.items[key]; !dup {
					ix.items[key] = b
				}
			}
		})
	}
	return ix
}

var (
	artRefRE    = lazy.Regexp(`\b(?:[Aa]rtikel|ARTIKEL|[Aa]rt\.|[Aa]rticle|[Cc]lause)\s+((?:[A-Z]\.)?\d{1,3}(?:\.\d{1,3})*)`)
	suffixRE    = lazy.Regexp(`^\s*(\((?:[ivx]+|[a-z])\)|(?:[ivx]+|[a-z])\))`)
	lawAfterRE  = lazy.Regexp(`^[\s,]*(lid\b|van (boek|het|de)\b|BW\b|AVG\b|UAVG\b|GDPR\b|Burgerlijk|Wetboek|t/m\b|tot en met\b|Sr\b|Rv\b)`)
	lawBeforeRE = lazy.Regexp(`(AVG|BW|Wetboek|GDPR|Verordening|Richtlijn|Wet)[\s,]*$`)
	docRefRE    = lazy.Regexp(`\b(Bijlage|BIJLAGE|Appendix|APPENDIX|Annex|Hoofdstuk|Chapter)\s+([0-9]{1,2}|[A-Z])\b`)
	bareRefRE   = lazy.Regexp(`\b([A-Z])\.(\d{1,2})\b`)
	fillInRE    = lazy.Regexp(`\[[^\[\]]{1,80}\]`)
	mdLinkRE    = lazy.Regexp(`\[[^\]]*\]\([^)]*\)`)
	enumRE      = lazy.Regexp(`(?:^|[\s;:,])(\(([ivx]+|[a-z])\)|([ivx]+|[a-z])\))(?:\s|$)`)
)

type span struct {
	start, end int
	target     string
}

// link finds the cross-references in every paragraph of every document and
// turns the paragraphs' lines into pieces of text and links.
func (imp *importer) link() {
	ixs := map[*doc]*refIndex{}
	for _, d := range imp.docs {
		ixs[d] = imp.index(d)
	}
	// Labels for nested items are handed out when something refers to
	// them, so first find every reference, then write the pieces.
	type para struct {
		d *doc
		p *block
	}
	var paras []para
	for _, d := range imp.docs {
		for _, a := range d.articles {
			walk(a.body, func(b *block) {
				if b.kind == bPara {
					paras = append(paras, para{d, b})
				}
			})
		}
	}
	for _, x := range paras {
		imp.linkPara(x.d, ixs[x.d], x.p)
	}
}

// linkPara turns the references in paragraph p of document d into links
// — to articles and sub-clauses ("artikel 14.2"), to the document's own
// lettered articles ("A.4"), to other documents ("Bijlage 1") — and
// reports what it cannot link, bracketed fill-ins and enumerations inside
// a sentence.
func (imp *importer) linkPara(d *doc, ix *refIndex, p *block) {
	ps := newParaScan(p, imp.markdown)
	spans := imp.articleRefs(ps, ix)
	if d.letter != "" {
		for _, m := range bareRefRE().FindAllStringSubmatchIndex(ps.text, -1) {
			if ps.skipped(m[0]) || ps.text[m[2]:m[3]] != d.letter {
				continue
			}
			if a, ok := ix.articles[ps.text[m[0]:m[1]]]; ok {
				spans = append(spans, span{m[0], m[1], a.id})
			}
		}
	}
	spans = append(spans, imp.documentRefs(ps)...)
	if !imp.markdown && strings.Contains(ps.text, "[") {
		for _, loc := range fillInRE().FindAllStringIndex(ps.text, -1) {
			imp.r.add(ps.lineAt(loc[0]), "bracketed fill-in %q: kept as text; make it a {{variable}}", ps.text[loc[0]:loc[1]])
		}
	}
	if !imp.markdown && strings.Contains(ps.text, ")") {
		imp.enumerations(ps.text, ps.lineAt)
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	p.pieces = linkPieces(ps.text, spans, imp.markdown)
}

// paraScan is a paragraph's text as one string, for the reference
// patterns to scan.
type paraScan struct {
	p      *block
	text   string
	starts []int    // where each of p's segments starts in text
	skip   [][2]int // byte ranges not to scan: plain segments, Markdown links
}

func newParaScan(p *block, markdown bool) *paraScan {
	ps := &paraScan{p: p, starts: make([]int, len(p.segs))}
	var sb strings.Builder
	for i, s := range p.segs {
		if i > 0 {
			if s.brk {
				sb.WriteByte('\n')
			} else {
				sb.WriteByte(' ')
			}
		}
		ps.starts[i] = sb.Len()
		if s.plain {
			ps.skip = append(ps.skip, [2]int{sb.Len(), sb.Len() + len(s.text)})
		}
		sb.WriteString(s.text)
	}
	ps.text = sb.String()
	if markdown {
		for _, loc := range mdLinkRE().FindAllStringIndex(ps.text, -1) {
			ps.skip = append(ps.skip, [2]int{loc[0], loc[1]})
		}
	}
	return ps
}

// lineAt is the source line of the text at byte off.
func (ps *paraScan) lineAt(off int) int {
	k := sort.Search(len(ps.starts), func(i int) bool { return ps.starts[i] > off }) - 1
	return ps.p.segs[max(k, 0)].line
}

// skipped reports whether byte at is in a range not to scan.
func (ps *paraScan) skipped(at int) bool {
	for _, r := range ps.skip {
		if at >= r[0] && at < r[1] {
			return true
		}
	}
	return false
}

// articleRefs returns the links of the references to articles and
// sub-clauses of the document ("artikel 14.2", "art. 3.1 b"), leaving out
// a law's articles ("artikel 6:227b BW", "artikel 46 AVG") and reporting
// a number the document does not have.
func (imp *importer) articleRefs(ps *paraScan, ix *refIndex) []span {
	text := ps.text
	if !strings.Contains(text, "rt") && !strings.Contains(text, "RT") && !strings.Contains(text, "lause") {
		return nil
	}
	var spans []span
	for _, m := range artRefRE().FindAllStringSubmatchIndex(text, -1) {
		if ps.skipped(m[0]) {
			continue
		}
		num := text[m[2]:m[3]]
		end := m[3]
		if r, _ := utf8.DecodeRuneInString(text[end:]); unicode.IsLetter(r) || unicode.IsDigit(r) || r == ':' {
			continue // 227b, 7:404 — a law's article
		}
		if lawBeforeRE().MatchString(text[max(0, m[0]-24):m[0]]) {
			continue
		}
		key := num
		if sm := suffixRE().FindStringSubmatchIndex(text[end:]); sm != nil {
			suffix := text[end+sm[2] : end+sm[3]]
			if _, ok := ix.items[num+" "+suffix]; ok {
				key = num + " " + suffix
				end += sm[1]
			}
		}
		if lawAfterRE().MatchString(text[end:]) {
			continue
		}
		target := imp.target(ix, key)
		if target == "" {
			imp.r.add(ps.lineAt(m[0]), "%q: no article or sub-clause %s in this document: kept as text", text[m[0]:end], key)
			continue
		}
		spans = append(spans, span{m[2], end, target})
	}
	return spans
}

// documentRefs returns the links of the references to documents of the
// import ("Bijlage 1", "Appendix B"), reporting those that name none.
func (imp *importer) documentRefs(ps *paraScan) []span {
	text := ps.text
	if !strings.ContainsAny(text, "BAHCbah") {
		return nil
	}
	var spans []span
	for _, m := range docRefRE().FindAllStringSubmatchIndex(text, -1) {
		if ps.skipped(m[0]) {
			continue
		}
		kw := text[m[2]:m[3]]
		label := strings.ToUpper(kw[:1]) + strings.ToLower(kw[1:]) + " " + text[m[4]:m[5]]
		if t := imp.docByLabel(label); t != nil {
			spans = append(spans, span{m[0], m[1], t.id})
		} else {
			imp.r.add(ps.lineAt(m[0]), "%q names no document of this import: kept as text", text[m[0]:m[1]])
		}
	}
	return spans
}

// linkPieces cuts text into the pieces of a paragraph: text, line breaks
// and the links of spans (in order; one that overlaps an earlier one is
// left out).
func linkPieces(text string, spans []span, markdown bool) []piece {
	var pieces []piece
	emit := func(s string) {
		for i, part := range strings.Split(s, "\n") {
			if i > 0 {
				pieces = append(pieces, piece{brk: true})
			}
			if part != "" {
				pieces = append(pieces, piece{text: part, md: markdown})
			}
		}
	}
	at := 0
	for _, s := range spans {
		if s.start < at {
			continue // overlaps an earlier reference
		}
		emit(text[at:s.start])
		pieces = append(pieces, piece{text: text[s.start:s.end], target: s.target, md: markdown})
		at = s.end
	}
	emit(text[at:])
	return pieces
}

// target returns the id a typed number refers to, labelling a nested item
// when it is the target.
func (imp *importer) target(ix *refIndex, key string) string {
	if a, ok := ix.articles[key]; ok {
		return a.id
	}
	it, ok := ix.items[key]
	if !ok {
		return ""
	}
	if it.label == "" {
		parent := ix.itemArt[it].id
		if it.parent != nil && it.parent.label != "" {
			parent = it.parent.label
		}
		it.label = imp.taken.claim(itemBase(parent, it), parent)
	}
	return it.label
}

func (imp *importer) docByLabel(label string) *doc {
	for _, d := range imp.docs {
		if d.label == label {
			return d
		}
	}
	return nil
}

// enumerations reports enumerations inside a sentence — "(i) … (ii)",
// "a) … b)" — which stay prose: whether they are a list is the author's
// call.
func (imp *importer) enumerations(text string, lineAt func(int) int) {
	type mark struct {
		off   int
		typed string
		kind  string
		value []int
	}
	var marks []mark
	for _, m := range enumRE().FindAllStringSubmatchIndex(text, -1) {
		before := strings.TrimRight(text[:m[2]], " ")
		if before != "" {
			if r, _ := utf8.DecodeLastRuneInString(before); unicode.IsDigit(r) {
				continue // "artikel 2.1 (i)": part of a reference
			}
		}
		typed := text[m[2]:m[3]]
		var c string
		kind := "x)"
		if m[4] >= 0 {
			c, kind = text[m[4]:m[5]], "(x)"
		} else {
			c = text[m[6]:m[7]]
		}
		var vals []int
		if v := romanValue(c); v > 0 {
			vals = append(vals, v)
		}
		if len(c) == 1 && (romanValue(c) == 0 || c == "i") {
			vals = append(vals, int(c[0]-'a')+1+100) // letters, kept apart from roman values
		}
		marks = append(marks, mark{m[2], typed, kind, vals})
	}
	has := func(m mark, v int) bool {
		for _, x := range m.value {
			if x == v {
				return true
			}
		}
		return false
	}
	for i, a := range marks {
		for _, first := range []int{1, 101} {
			if !has(a, first) {
				continue
			}
			for _, b := range marks[i+1:] {
				if b.kind == a.kind && has(b, first+1) {
					imp.r.add(lineAt(a.off), "enumeration %q … %q inside a sentence: kept as prose", a.typed, b.typed)
					return
				}
			}
		}
	}
}
