package lint

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/lazy"
)

// term is one defined term.
type term struct {
	name   string   // as defined: "Algemene voorwaarden", "Partijen"
	shown  string   // as the definition writes it: "Partij(en)"
	keys   []string // stems of its words
	file   string
	line   int
	clause *clauses.Clause
	// scope is where text is part of the definition itself, so that its
	// words are no use of the term: the defining list item, or for a
	// defines list the whole clause.
	scope map[*clauses.Block]bool
	whole bool // the whole clause is the definition (defines)
	group int  // terms written as one definition ("Partij(en)") share a group
	bare  bool // defined in parentheses without quotes, which may be a gloss
}

// span is a byte range of a text block that defines a term.
type span struct{ off, end int }

// dict is a dictionary of phrases — defined terms or names — matched
// longest first at the start of a run of words.
type dict struct {
	byFirst map[string][]dictEntry
}

type dictEntry struct {
	keys []string
	term *term // nil for a name
}

func (d *dict) add(keys []string, t *term) {
	if len(keys) == 0 {
		return
	}
	if d.byFirst == nil {
		d.byFirst = map[string][]dictEntry{}
	}
	d.byFirst[keys[0]] = append(d.byFirst[keys[0]], dictEntry{keys, t})
	sort.SliceStable(d.byFirst[keys[0]], func(i, j int) bool {
		return len(d.byFirst[keys[0]][i].keys) > len(d.byFirst[keys[0]][j].keys)
	})
}

// match returns the longest entry that the words from toks[i] spell, and
// how many tokens it covers.
func (d *dict) match(toks []token, i int) (dictEntry, int) {
	for _, e := range d.byFirst[stem(toks[i].word)] {
		n := len(e.keys)
		if i+n > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < n; k++ {
			if toks[i+k].opaque || stem(toks[i+k].word) != e.keys[k] {
				ok = false
				break
			}
		}
		if ok {
			return e, n
		}
	}
	return dictEntry{}, 0
}

var (
	// "Term: definition", after any number typed before it.
	defItemRE = lazy.Regexp(`^\s*(?:(?:\d+(?:\.\d+)*\.?|[A-Za-z][.)]|\(?[ivx]+\))\s+)?([^:]{1,80}?)\s*:\s+\S`)
	// "De definities A, B en C … hebben dezelfde betekenis …".
	defByReferenceRE = lazy.Regexp(`(?i)^\s*(?:de|the)\s+(?:definities|begrippen|definitions|terms)\s+(.+?)\s+(?:in\s+(?:deze|dit|this)|hebben|have)\b`)
	// A quoted term in parentheses: (“Log-in-gegevens”), (de ‘AVG’),
	// (hierna "Gebruiksgegevens"); the closing parenthesis may be missing
	// at a line end: (hierna: “Tracksavers”.
	quotedDefRE = lazy.Regexp(`\(\s*(?:(?:hierna(?:\s+te\s+noemen)?|hereinafter(?:\s+referred\s+to\s+as)?|collectively,?)\s*:?\s*)?(?:(?:de|het|the)\s+)?[“"‘'«]([^“”"‘’«»\x00\n()]{1,60}?)[”"’'»]\s*(?:\)|\n|$)`)
	// An unquoted capitalised term in parentheses: (Vertrouwelijke Informatie).
	bareDefRE = lazy.Regexp(`\(((?:\p{Lu}[\p{L}\-]*)(?:\s+[\p{L}\-]+){0,3})\)`)
	// "gezamenlijk aangeduid als Gegevens", "verstaan wij onder ‘Tracksavers’:".
	phraseDefRE = lazy.Regexp(`(?:aangeduid\s+als|aan\s+te\s+duiden\s+als|referred\s+to\s+as)\s+(?:(?:de|het|the)\s+)?[“"‘']?(\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*){0,3})[”"’']?|onder\s+[“"‘']([^“”"‘’]{1,60})[”"’']\s*:`)
	// A quoted term that a sentence defines: "Service" means, “Service”
	// refers to, **"Service"** shall mean, "Klant" betekent.
	meansDefRE = lazy.Regexp(`[“"‘]([^“”"‘’\x00\n()]{1,60}?)[”"’]\s+(?:means|mean|shall\s+mean|refers?,?\s+(?:collectively,\s+)?to|shall\s+refer\s+to|represents?|has\s+the\s+meaning|is\s+defined\s+as|includes|betekent|betekenen|staat\s+voor)\b`)
	// A sentence that opens with a quoted term and says what it is:
	// "“Organizations” are shared workspaces", "An "Account" is …".
	isDefRE = lazy.Regexp(`(?:^|[.;:]\s+)(?:(?:An?|The)\s+)?[“"‘]([^“”"‘’\x00\n()]{1,60}?)[”"’]\s+(?:is|are)\s+\p{L}`)
	// Several quoted terms that one sentence defines: "“GitHub,” “We,”
	// and “Us” refer to", and several in parentheses: (the “Terms of
	// Service” or the "Terms").
	termListDefRE  = lazy.Regexp(`(?:[“"‘][^“”"‘’\x00\n()]{1,60}?[”"’]\s*,?\s*(?:(?:and|or)\s+)?){2,}(?:refers?|means?|shall\s+mean)\b`)
	parenListDefRE = lazy.Regexp(`\(\s*(?:the\s+)?[“"‘][^“”"‘’\x00\n()]{1,60}?[”"’](?:\s*,?\s*(?:or|and)\s+(?:the\s+)?[“"‘][^“”"‘’\x00\n()]{1,60}?[”"’])+\s*\)`)
	// A quoted term in apposition: "between GitHub and you, the
	// "Sponsored Developer", for the Program".
	appositionDefRE = lazy.Regexp(`,\s+(?:the|de|het)\s+[“"‘]([^“”"‘’\x00\n()]{1,60}?)[”"’]\s*[,;]`)
	// Parenthesised variants in a term: Partij(en).
	variantRE = lazy.Regexp(`^(.*?)\((\p{Ll}{1,4})\)$`)
)

// listedTerm returns the term of one quoted item of a list of terms:
// “The User,” is the term "User".
func listedTerm(quoted string) string {
	name := strings.TrimFunc(quoted, func(r rune) bool { return strings.ContainsRune(`“”"‘’, `, r) })
	for _, det := range []string{"The ", "A ", "An "} {
		if rest, ok := strings.CutPrefix(name, det); ok && capitalised(rest) {
			return rest
		}
	}
	return name
}

// isDefinitionsTitle reports whether a clause title announces definitions.
func isDefinitionsTitle(title string) bool {
	t := strings.ToLower(title)
	return strings.Contains(t, "definitie") || strings.Contains(t, "definition") || strings.Contains(t, "begripsomschrijving") || strings.Contains(t, "begripsbepaling")
}

// plausibleTerm reports whether s can be a defined term: capitalised, at
// most six words, no sentence punctuation.
func plausibleTerm(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && capitalised(s) && len(strings.Fields(s)) <= 6 && !strings.ContainsAny(s, ".,;:!?\x00")
}

// bareTerm reports whether unquoted text in parentheses defines a term:
// every word capitalised, and not an abbreviation or a number such as (EU)
// or (A).
func bareTerm(s string) bool {
	if allCaps(strings.ReplaceAll(s, " ", "")) {
		return false
	}
	for _, w := range strings.Fields(s) {
		if !capitalised(w) && !connectors[w] {
			return false
		}
	}
	return true
}

// termScan is what checkTerms learns about the store's text.
type termScan struct {
	terms []*term
	byKey map[string][]*term
	uses  map[string]int // uses of each term, by its key
	defs  dict
	names dict
	// supplier holds the supplier's names from the configuration: the
	// text may define one as a term ("GitHub," "We," and "Us" refer to
	// GitHub, Inc.), yet it still names the supplier and the things named
	// after it ("GitHub Support", "GitHub Enterprise Cloud").
	supplier dict
	groups   int
	// spans are the byte ranges of each text block that define a term, and
	// exempt those that name the long form right before an inline
	// definition: "Algemene Verordening Gegevensbescherming (de ‘AVG’)".
	spans map[string][]span
	lang  string // the store's language
	// incorporated holds, per document, where its text gives the terms it
	// does not define another document's meaning ("Any capitalized terms
	// used but not defined below have the meanings in the Agreement").
	incorporated map[string]incorporation
}

// incorporation is a sentence that gives a document's undefined terms the
// meaning another document gives them.
type incorporation struct {
	file string
	line int
}

// blockKey names the idx-th text block of clause c.
func blockKey(c *clauses.Clause, idx int) string {
	return fmt.Sprintf("%s#%d", c.File, idx)
}

// addTerm records a defined term, expanding Partij(en) to Partij and Partijen.
func (s *termScan) addTerm(c *clauses.Clause, name string, line int, scope map[*clauses.Block]bool, whole bool) *term {
	name = strings.Join(strings.Fields(strings.TrimSpace(name)), " ")
	s.groups++
	names := []string{name}
	if m := variantRE().FindStringSubmatch(name); m != nil {
		names = []string{m[1], m[1] + m[2]}
	}
	var first *term
	for _, n := range names {
		t := &term{name: n, shown: name, keys: stems(n), file: c.File, line: line, clause: c, scope: scope, whole: whole, group: s.groups}
		if len(t.keys) == 0 {
			continue
		}
		if first == nil {
			first = t
		}
		s.terms = append(s.terms, t)
		key := strings.Join(t.keys, " ")
		s.byKey[key] = append(s.byKey[key], t)
		s.defs.add(t.keys, t)
	}
	return first
}

// collectDefinitions finds every defined term of the store, and the
// names its text uses that are not terms (of companies, laws, linked
// pages, documents).
func (l *linter) collectDefinitions() *termScan {
	s := &termScan{byKey: map[string][]*term{}, uses: map[string]int{}, spans: map[string][]span{}, lang: l.cfg.Language, incorporated: map[string]incorporation{}}
	for _, n := range []string{l.cfg.Supplier.LegalName, l.cfg.Supplier.TradeName} {
		s.supplier.add(stems(n), nil)
		if f := strings.Fields(n); len(f) > 0 {
			s.supplier.add(stems(f[0]), nil)
		}
	}
	linked := map[*clauses.Block]bool{}
	var owners []string
	for _, c := range l.st.SortedClauses() {
		for _, d := range c.Defines {
			s.addTerm(c, d, l.yamlLine(c.File, "defines"), nil, true)
		}
		defsClause := isDefinitionsTitle(c.Title)
		idx := 0
		eachText(c, func(tb textBlock) {
			key := blockKey(c, idx)
			idx++
			if tb.kind == titleText {
				tb.line = l.yamlLine(c.File, "title")
			}
			if defsClause && tb.kind == paraText {
				s.definitionItem(l, c, tb, key)
			}
			text := plainText(tb.inlines)
			if tb.block != nil && !linked[tb.block] {
				linked[tb.block] = true
				s.linkNames(tb.block)
			}
			owners = append(owners, possessors(text)...)
			s.otherNames(l, c, tb, text)
			s.inlineDefinitions(l, c, tb, text, key)
		})
	}
	s.knownNames(l, owners)
	return s
}

// definitionItem records the term an item of a definitions article
// defines ("A. Algemene voorwaarden: …"), or the terms it says are
// defined elsewhere ("Persoonsgegevens, Verwerking …: zoals gedefinieerd
// in de AVG").
func (s *termScan) definitionItem(l *linter, c *clauses.Clause, tb textBlock, key string) {
	lead := leadingText(tb.inlines)
	if m := defItemRE().FindStringSubmatch(lead); m != nil && plausibleTerm(m[1]) && (tb.item == nil || tb.first) {
		scope := map[*clauses.Block]bool{tb.block: true}
		if tb.item != nil {
			clauses.Walk(tb.item.Children, func(b *clauses.Block) { scope[b] = true })
		}
		s.addTerm(c, m[1], l.lineOf(c.File, tb.line, m[1]+":"), scope, false)
	} else if m := defByReferenceRE().FindStringSubmatchIndex(lead); m != nil {
		for _, name := range splitTermList(lead[m[2]:m[3]]) {
			line := l.lineOf(c.File, tb.line, name, strings.Fields(name)[0])
			s.addTerm(c, name, line, map[*clauses.Block]bool{tb.block: true}, false)
		}
		// The list names the terms, glosses included:
		// "Gevoelige Gegevens (Bijzondere Persoonsgegevens categorieën)".
		s.spans[key] = append(s.spans[key], span{m[2], m[3]})
	}
}

// linkNames records the names in the texts of b's links to other pages:
// such a text names that page or its owner ("[World Bank](https://…)",
// "[GitHub's Privacy Statement](/privacy)").
func (s *termScan) linkNames(b *clauses.Block) {
	for _, link := range b.Links {
		for _, n := range linkNames(link) {
			s.names.add(stems(n), nil)
			// The supplier's document is named without its owner too:
			// "[GitHub Privacy Statement](/privacy)" and then "the
			// Privacy Statement".
			toks := tokenize(n)
			if _, k := s.supplier.match(toks, 0); k > 0 && k < len(toks) && capitalised(toks[k].word) {
				s.names.add(stems(n[toks[k].off:]), nil)
			}
		}
	}
}

// otherNames records the names text uses that its own words show are not
// terms of the store — defined in another document, listed in a table,
// companies — and a sentence that gives the document's undefined terms
// another document's meaning.
func (s *termScan) otherNames(l *linter, c *clauses.Clause, tb textBlock, text string) {
	for _, m := range definedElsewhereRE().FindAllStringSubmatch(text, -1) {
		s.names.add(stems(m[1]), nil)
		s.names.add(stems(m[2]), nil)
	}
	if m := incorporationRE().FindStringIndex(text); m != nil {
		if _, seen := s.incorporated[c.Doc]; !seen {
			words := strings.Fields(text[m[0]:m[1]])
			s.incorporated[c.Doc] = incorporation{c.File, l.lineOf(c.File, tb.line, words[0]+" "+words[1], words[0])}
		}
	}
	if tb.kind == cellText && tb.row > 0 && labelCell(text) {
		// A table listing entities names them: "| Google Analytics |
		// Website analytics | United States |".
		s.names.add(stems(text), nil)
	}
	for _, m := range companyRE().FindAllStringSubmatch(text, -1) {
		f := strings.Fields(m[1])
		for len(f) > 0 && determiners[strings.ToLower(f[0])] {
			f = f[1:] // "The Acme Ltd": the company is Acme
		}
		if len(f) > 0 {
			s.names.add(stems(strings.Join(f, " ")), nil)
			s.names.add(stems(f[0]), nil)
		}
	}
}

// inlineDefinitions records the terms text defines in running text, in
// each of the forms the store's languages use: "X means …", "X is …", a
// quoted list, an apposition, a quoted or bare term in parentheses, a
// defining phrase; each defining span is kept (termScan.spans).
func (s *termScan) inlineDefinitions(l *linter, c *clauses.Clause, tb textBlock, text, key string) {
	for _, m := range meansDefRE().FindAllStringSubmatchIndex(text, -1) {
		if name := text[m[2]:m[3]]; plausibleTerm(name) {
			// The sentence is the definition: its words are no use.
			scope := map[*clauses.Block]bool{tb.block: true}
			if tb.item != nil && tb.first {
				clauses.Walk(tb.item.Children, func(b *clauses.Block) { scope[b] = true })
			}
			s.addTerm(c, name, l.lineOf(c.File, tb.line, name), scope, false)
			s.spans[key] = append(s.spans[key], span{m[2], m[3]})
		}
	}
	for _, m := range isDefRE().FindAllStringSubmatchIndex(text, -1) {
		if name := text[m[2]:m[3]]; plausibleTerm(name) {
			s.addTerm(c, name, l.lineOf(c.File, tb.line, name), nil, false)
			s.spans[key] = append(s.spans[key], span{m[2], m[3]})
		}
	}
	for _, re := range []*regexp.Regexp{termListDefRE(), parenListDefRE()} {
		for _, m := range re.FindAllStringIndex(text, -1) {
			for _, q := range quotedRE().FindAllStringIndex(text[m[0]:m[1]], -1) {
				a, b := m[0]+q[0], m[0]+q[1]
				if name := listedTerm(text[a:b]); plausibleTerm(name) {
					s.addTerm(c, name, l.lineOf(c.File, tb.line, name), nil, false)
					s.spans[key] = append(s.spans[key], span{a, b})
				}
			}
		}
	}
	for _, m := range appositionDefRE().FindAllStringSubmatchIndex(text, -1) {
		if name := text[m[2]:m[3]]; plausibleTerm(name) {
			s.addTerm(c, name, l.lineOf(c.File, tb.line, name), nil, false)
			s.spans[key] = append(s.spans[key], span{m[2], m[3]})
		}
	}
	for _, m := range quotedDefRE().FindAllStringSubmatchIndex(text, -1) {
		name := text[m[2]:m[3]]
		if plausibleTerm(name) {
			s.addTerm(c, name, l.lineOf(c.File, tb.line, name), nil, false)
			s.spans[key] = append(s.spans[key], span{m[0], m[1]})
		}
	}
	for _, m := range bareDefRE().FindAllStringSubmatchIndex(text, -1) {
		name := text[m[2]:m[3]]
		if plausibleTerm(name) && bareTerm(name) {
			if t := s.addTerm(c, name, l.lineOf(c.File, tb.line, "("+name), nil, false); t != nil {
				t.bare = true
			}
			s.spans[key] = append(s.spans[key], span{m[0], m[1]})
		}
	}
	for _, m := range phraseDefRE().FindAllStringSubmatchIndex(text, -1) {
		a, b := m[2], m[3]
		if a < 0 {
			a, b = m[4], m[5]
		}
		if name := text[a:b]; plausibleTerm(name) {
			s.addTerm(c, name, l.lineOf(c.File, tb.line, name), nil, false)
			s.spans[key] = append(s.spans[key], span{a, b})
		}
	}
}

// knownNames records the names that are not in the text's own words: the
// configured ones (lint.names), the capitalised owners of capitalised
// things the store does not define ("Microsoft's Anti-Corruption
// Policy"), the supplier's, the built-in ones (laws, places, currencies)
// and the documents' titles and labels.
func (s *termScan) knownNames(l *linter, owners []string) {
	for _, n := range l.cfg.Lint.Names {
		s.names.add(stems(n), nil)
	}
	for _, w := range owners {
		if k := stems(w); len(s.byKey[strings.Join(k, " ")]) == 0 {
			s.names.add(k, nil)
		}
	}
	for _, n := range []string{l.cfg.Supplier.LegalName, l.cfg.Supplier.TradeName} {
		s.names.add(stems(n), nil)
		if f := strings.Fields(n); len(f) > 0 {
			s.names.add(stems(f[0]), nil)
		}
	}
	for _, n := range builtinNames() {
		s.names.add(stems(n), nil)
	}
	for _, id := range l.st.DocumentIDs() {
		d := l.st.Documents[id]
		// A document's title, or its first words, names it: "dit
		// Addendum", "deze Algemene Voorwaarden".
		for words := stems(d.Title); len(words) > 0; words = words[:len(words)-1] {
			s.names.add(words, nil)
		}
		s.names.add(stems(d.Label), nil)
		if f := strings.Fields(d.Label); len(f) > 0 {
			s.names.add(stems(f[0]), nil)
		}
	}
}

var (
	parenRE   = lazy.Regexp(`\([^)]*\)`)
	listSepRE = lazy.Regexp(`\s*,\s*|\s+(?:en|and)\s+`)
)

// splitTermList splits "A, B, C en D (x)" into its capitalised terms.
func splitTermList(s string) []string {
	s = parenRE().ReplaceAllString(s, "")
	var out []string
	for _, part := range listSepRE().Split(s, -1) {
		if part = strings.TrimSpace(part); plausibleTerm(part) {
			out = append(out, part)
		}
	}
	return out
}

// candidate is a capitalised phrase used like a defined term but not
// defined, in one file.
type candidate struct {
	phrase string
	line   int
	count  int
}

// checkTerms finds capitalised words and phrases used as defined terms
// but never defined, defined terms never used, and terms defined twice or
// under two names. Definitions count store-wide: a term the DPA defines
// may be used in the terms.
func checkTerms(l *linter) {
	s := l.collectDefinitions()
	// Per document that gives its undefined terms another document's
	// meaning: those terms, in order, reported once.
	referred := map[string][]string{}
	referredKeys := map[string]bool{}
	for _, c := range l.st.SortedClauses() {
		found := map[string]*candidate{}
		var order []string
		idx := 0
		eachText(c, func(tb textBlock) {
			key := blockKey(c, idx)
			idx++
			if tb.quoted {
				return // a quotation's capitals are its author's, not the terms'
			}
			for _, cand := range s.scan(c, tb, s.spans[key]) {
				k := strings.Join(stems(cand), " ")
				if f, ok := found[k]; ok {
					f.count++
					continue
				}
				found[k] = &candidate{phrase: cand, line: l.lineOf(c.File, tb.line, cand, strings.Fields(cand)[0]), count: 1}
				order = append(order, k)
			}
		})
		for _, k := range order {
			f := found[k]
			hint := s.hint(f.phrase)
			if _, ok := s.incorporated[c.Doc]; ok && hint == "" {
				// One entry per term: "Developer Product" and "Developer
				// Products" are one.
				if !referredKeys[c.Doc+"\x00"+k] {
					referredKeys[c.Doc+"\x00"+k] = true
					referred[c.Doc] = append(referred[c.Doc], f.phrase)
				}
				continue
			}
			more := ""
			switch {
			case f.count == 2:
				more = " (1 more use in this file)"
			case f.count > 2:
				more = fmt.Sprintf(" (%d more uses in this file)", f.count-1)
			}
			l.warnf(c.File, f.line, "undefined-term", "%q is capitalised like a defined term but is not defined%s%s", f.phrase, more, hint)
		}
	}
	for _, doc := range slices.Sorted(maps.Keys(referred)) {
		in, list := s.incorporated[doc], referred[doc]
		shown := make([]string, 0, len(list))
		for _, p := range list[:min(len(list), 12)] {
			shown = append(shown, strconv.Quote(p))
		}
		if len(list) > 12 {
			shown = append(shown, fmt.Sprintf("and %d more", len(list)-12))
		}
		what := "term is"
		if len(list) > 1 {
			what = "terms are"
		}
		l.warnf(in.file, in.line, "undefined-term", "%d capitalised %s used but not defined in this document, which gives them the meaning another document defines: %s; check that it defines them",
			len(list), what, strings.Join(shown, ", "))
	}
	reported := map[int]bool{}
	for _, t := range s.terms {
		// An unused term in bare parentheses is likely a gloss, such as
		// "serviceniveau (Service Level Agreement)", not a definition.
		if reported[t.group] || t.bare || s.groupUses(t.group) > 0 {
			continue
		}
		reported[t.group] = true
		l.warnf(t.file, t.line, "unused-term", "defined term %q is never used outside its definition", t.shown)
	}
	l.duplicateTerms(s)
	l.ambiguousTerms(s)
}

// ambiguousTerms finds "deze Overeenkomst" in a document whose title
// names it a kind of Overeenkomst (Verwerkersovereenkomst) while
// Overeenkomst is a term defined elsewhere: the text seems to mean the
// document itself, but the defined term means something else.
func (l *linter) ambiguousTerms(s *termScan) {
	for _, id := range l.st.DocumentIDs() {
		d := l.st.Documents[id]
		for _, t := range s.terms {
			if strings.Contains(t.name, " ") || t.clause.Doc == id || !compoundInTitle(d.Title, t.name) {
				continue
			}
			re := regexp.MustCompile(`\b(?:[Dd]eze|[Dd]it|[Tt]his)\s+` + regexp.QuoteMeta(t.name) + `\b`)
			for _, cid := range d.Clauses {
				c := l.st.Clauses[cid]
				if c == nil || c.ID != cid {
					continue
				}
				first, n := 0, 0
				var phrase string
				eachText(c, func(tb textBlock) {
					for _, m := range re.FindAllString(plainText(tb.inlines), -1) {
						if n == 0 {
							first, phrase = l.lineOf(c.File, tb.line, m, strings.Fields(m)[0]), m
						}
						n++
					}
				})
				if n == 0 {
					continue
				}
				more := ""
				if n > 1 {
					more = fmt.Sprintf(" (%d uses in this file)", n)
				}
				what := d.Title
				if d.Label != "" {
					what = d.Label + " (" + d.Title + ")"
				}
				l.warnf(c.File, first, "ambiguous-term", "%q seems to mean this document, %s, but %q is a defined term for something else (%s:%d)%s; name the document, or define a term for it",
					phrase, what, t.name, t.file, t.line, more)
			}
		}
	}
}

// compoundInTitle reports whether a word of title is a compound ending in
// name: Verwerkersovereenkomst and Overeenkomst.
func compoundInTitle(title, name string) bool {
	n := strings.ToLower(name)
	if utf8.RuneCountInString(n) < 5 {
		return false
	}
	for _, w := range strings.Fields(strings.ToLower(title)) {
		if w != n && strings.HasSuffix(w, n) {
			return true
		}
	}
	return false
}

func (s *termScan) groupUses(g int) int {
	n := 0
	for _, t := range s.terms {
		if t.group == g {
			n += s.uses[strings.Join(t.keys, " ")]
		}
	}
	return n
}

// within reports whether token t lies inside one of spans.
func within(t token, spans []span) bool {
	for _, sp := range spans {
		if t.off >= sp.off && t.end <= sp.end {
			return true
		}
	}
	return false
}

// longForms returns the capitalised words right before each inline
// definition, which name its long form: "Algemene Verordening
// Gegevensbescherming (de ‘AVG’)".
func longForms(toks []token, defining []span) map[int]bool {
	exempt := map[int]bool{}
	for _, sp := range defining {
		for i := len(toks) - 1; i >= 0; i-- {
			if toks[i].end > sp.off {
				continue
			}
			if toks[i].opaque || !capitalised(toks[i].word) && !connectors[toks[i].word] {
				break
			}
			exempt[i] = true
		}
	}
	return exempt
}

// runInTitle returns where a title run into a paragraph ends, 0 for none,
// and marks the token after it as the start of a sentence. A paragraph
// that starts in bold starts with its title ("**Limitation of
// Liability.** Neither party …"), and so does the first paragraph of an
// item that is its bold title alone: a sub-section typed as a heading
// ("#### 1. Account Controls"). The text after it starts a sentence even
// when the title has no full stop: "**Invoicing** For invoiced Users".
func runInTitle(tb textBlock, toks []token) int {
	if tb.kind != paraText || !(len(tb.inlines) > 1 || tb.item != nil && tb.first) || tb.inlines[0].Kind != clauses.Text || tb.inlines[0].Style&clauses.Bold == 0 {
		return 0
	}
	title := len(tb.inlines[0].Text)
	for k := range toks {
		if toks[k].off >= title {
			toks[k].start = true
			break
		}
	}
	return title
}

// scan reads one text block: it counts the uses of defined terms and
// returns the capitalised phrases that are neither defined terms nor
// names, in order.
func (s *termScan) scan(c *clauses.Clause, tb textBlock, defining []span) []string {
	text := plainText(tb.inlines)
	toks := tokenize(text)
	in := func(i int) bool { return within(toks[i], defining) }
	exempt := longForms(toks, defining)
	title := runInTitle(tb, toks)
	// Words in quotes are mentioned, not used: "Do Not Track" (DNT).
	var quoted []span
	for _, q := range quotedRE().FindAllStringIndex(text, -1) {
		quoted = append(quoted, span{q[0], q[1]})
	}
	// A table's header row is headings; a cell that is only a short
	// capitalised label names something.
	heading := tb.kind == titleText || tb.kind == headingText || tb.kind == cellText && (tb.row == 0 || labelCell(text))
	var out []string
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.opaque || !capitalised(t.word) {
			i++
			continue
		}
		e, n := s.defs.match(toks, i)
		_, named := s.names.match(toks, i)
		_, supplied := s.supplier.match(toks, i)
		if n > 0 && named <= n && supplied < n {
			if !in(i) {
				s.use(e.term, c, tb)
			}
			i += n
			continue
		}
		if n > 0 && !in(i) {
			// A defined term that a longer name starts with ("GitHub
			// Additional Product Terms"), or the supplier's name defined
			// as a term: the name is read, the term still used.
			s.use(e.term, c, tb)
		}
		if n := max(named, supplied); n > 0 {
			if possessive(toks[i+n-1].word) {
				// What a name owns is named by it: "GitHub's Code of
				// Ethics", "Microsoft's Supplier Code of Conduct".
				i = s.owned(text, toks, i+n)
				continue
			}
			i = absorb(toks, i+n, s)
			continue
		}
		if strings.Contains(t.word, "-") {
			if used, ok := s.hyphenated(t.word); ok {
				if used != nil && !in(i) {
					s.use(used, c, tb)
				}
				i++
				continue
			}
		}
		if utf8.RuneCountInString(t.word) == 1 {
			// "A", "I", "(B)": an article, a pronoun or an enumeration,
			// not an abbreviation that a name follows.
			i++
			continue
		}
		if allCaps(t.word) || mixedCase(t.word) || pluralAbbreviation(t.word) {
			i = absorb(toks, i+1, s)
			continue
		}
		if t.start {
			// A label that starts a line: "Effective Date: 1 May 2024".
			i = label(text, toks, i)
			continue
		}
		if t.place || exempt[i] || in(i) || t.end <= title || heading || within(t, quoted) || citation(text, toks, i) {
			i++
			continue
		}
		if j := jurisdiction(text, toks, i); j > i {
			i = j
			continue
		}
		if currency(text, toks, i) {
			i++
			continue
		}
		// A capitalised word mid-sentence: the start of an undefined term.
		j := i + 1
		if !determiners[strings.ToLower(t.word)] {
			j = s.extend(text, toks, j)
		}
		next, prev := "", ""
		if j < len(toks) && !toks[j].opaque {
			next = toks[j].word
		}
		if i > 0 && !toks[i-1].opaque {
			prev = toks[i-1].word
		}
		if !s.foreign(toks[i:j]) && !partWords[next] && !lawName(toks[i:j], next) && !selfReference(prev, toks[i:j]) {
			out = append(out, text[toks[i].off:toks[j-1].end])
		}
		i = j
	}
	return out
}

// use counts a use of a defined term, unless the text is part of a
// definition of it (a term can be defined more than once).
func (s *termScan) use(t *term, c *clauses.Clause, tb textBlock) {
	key := strings.Join(t.keys, " ")
	for _, d := range s.byKey[key] {
		if d.covers(c, tb) {
			return
		}
	}
	s.uses[key]++
}

// citation reports whether toks[i] is followed by a number, a letter or a
// reference, as in "Artikel 7:408", "Bijlage B", "Verordening (EU)",
// "Artikel [14.2](#x)": it names a part of a text, not a defined term.
func citation(text string, toks []token, i int) bool {
	if i+1 >= len(toks) || toks[i+1].off-toks[i].end > 3 || toks[i+1].start {
		return false
	}
	next := toks[i+1]
	return next.opaque && strings.TrimSpace(text[toks[i].end:next.off]) == "" ||
		!next.opaque && (isIdentifier(next.word) || next.afterParen && allCaps(next.word))
}

// foreign reports whether a capitalised phrase in a Dutch text is joined by
// English words — "Software as a Service" — and so is the English name of
// a thing, not a Dutch defined term.
func (s *termScan) foreign(phrase []token) bool {
	if s.lang != "nl" {
		return false
	}
	for _, t := range phrase {
		if englishConnectors[t.word] {
			return true
		}
	}
	return false
}

// quotedRE finds text in double or typographic quotes.
var quotedRE = lazy.Regexp(`"[^"\n]{1,80}"|“[^”\n]{1,80}”|‘[^’\n]{1,80}’`)

// labelCell reports whether a table cell is a short label rather than a
// sentence: at most four words, each capitalised or a connector, no full
// stop at the end.
func labelCell(text string) bool {
	f := strings.Fields(text)
	if len(f) == 0 || len(f) > 4 || strings.HasSuffix(text, ".") || !capitalised(f[0]) {
		return false
	}
	for _, w := range f {
		if !capitalised(w) && !connectors[w] {
			return false
		}
	}
	return true
}

// pluralAbbreviation reports whether a word is an abbreviation in the
// plural: URLs, APIs, ICOs.
func pluralAbbreviation(w string) bool {
	return len(w) > 2 && strings.HasSuffix(w, "s") && allCaps(w[:len(w)-1])
}

// partWords, after a capitalised phrase, make it the title of a part of
// some text: "the Acceptable Use section of the Agreement".
var partWords = map[string]bool{
	"section": true, "sections": true, "clause": true, "clauses": true, "article": true, "paragraph": true,
	"schedule": true, "annex": true, "appendix": true, "policy": true, "artikel": true, "bijlage": true, "hoofdstuk": true,
}

var englishConnectors = map[string]bool{"as": true, "a": true, "an": true, "the": true, "for": true}

// covers reports whether text block tb is part of the definition of t.
func (t *term) covers(c *clauses.Clause, tb textBlock) bool {
	return t.whole && t.clause == c || t.scope != nil && tb.block != nil && t.scope[tb.block]
}

// hyphenated judges a hyphenated word by its parts: "Norvato-groep" and
// "ICT-infrastructuur" start with a name or abbreviation; "IE-Rechten"
// capitalises a later part, so it is a term of its own. ok is false when
// the word is to be judged as a whole; used is the defined term it
// starts with, if any.
func (s *termScan) hyphenated(w string) (used *term, ok bool) {
	parts := strings.Split(w, "-")
	for _, p := range parts[1:] {
		if capitalised(p) && !allCaps(p) {
			return nil, false
		}
	}
	first := []token{{word: parts[0]}}
	if e, n := s.defs.match(first, 0); n > 0 {
		return e.term, true
	}
	if _, n := s.names.match(first, 0); n > 0 || allCaps(parts[0]) || mixedCase(parts[0]) {
		return nil, true
	}
	return nil, false
}

// owned skips the capitalised words from toks[i] that name a thing its
// owner, right before, owns: "Code of Ethics" after "GitHub's", joined by
// "of", "and", "for" … . It stops at a defined term, which is counted
// where it stands.
func (s *termScan) owned(text string, toks []token, i int) int {
	joined := func(k int) bool { return strings.TrimSpace(text[toks[k-1].end:toks[k].off]) == "" }
	for i < len(toks) && !toks[i].opaque && !toks[i].start && joined(i) {
		w := toks[i].word
		if nameJoiners[w] && i+1 < len(toks) && !toks[i+1].opaque && !toks[i+1].start && joined(i+1) && capitalised(toks[i+1].word) {
			i++
			continue
		}
		if !capitalised(w) {
			break
		}
		if _, n := s.defs.match(toks, i); n > 0 {
			break
		}
		i++
	}
	return i
}

// label skips a line's first word and, when the words up to a colon are
// all capitalised, the whole label: "Effective Date:" names a field of the
// page, not a defined term.
func label(text string, toks []token, i int) int {
	j := i + 1
	for j < len(toks) && !toks[j].opaque && !toks[j].start && capitalised(toks[j].word) && strings.TrimSpace(text[toks[j-1].end:toks[j].off]) == "" {
		j++
	}
	if j > i+1 && strings.HasPrefix(text[toks[j-1].end:], ":") {
		return j
	}
	return i + 1
}

// absorb skips the capitalised words that continue a name: "Europees
// Parlement", "JMDJ Beheer BV".
func absorb(toks []token, i int, s *termScan) int {
	for i < len(toks) && !toks[i].opaque && !toks[i].start && capitalised(toks[i].word) {
		if _, n := s.defs.match(toks, i); n > 0 {
			break
		}
		i++
	}
	return i
}

// extend grows an undefined phrase from toks[j]: over further capitalised
// words that are not names, over up to two connectors between them
// ("Software as a Service"), and over a defined term that ends it
// ("Gevoelige Gegevens").
func (s *termScan) extend(text string, toks []token, j int) int {
	// Only white space may separate the words of a phrase.
	joined := func(k int) bool { return strings.TrimSpace(text[toks[k-1].end:toks[k].off]) == "" }
	for j < len(toks) {
		t := toks[j]
		if t.opaque || t.start || !joined(j) {
			return j
		}
		if capitalised(t.word) {
			if _, n := s.names.match(toks, j); n > 0 || citation(text, toks, j) {
				return j
			}
			if _, n := s.defs.match(toks, j); n > 0 {
				return j + n
			}
			if allCaps(t.word) {
				return j
			}
			j++
			continue
		}
		k := j
		for k < len(toks) && k-j < 2 && !toks[k].opaque && connectors[toks[k].word] && joined(k) {
			k++
		}
		if k == j || k >= len(toks) || toks[k].opaque || toks[k].start || !joined(k) || !capitalised(toks[k].word) || allCaps(toks[k].word) || citation(text, toks, k) {
			return j
		}
		if _, n := s.names.match(toks, k); n > 0 {
			return j
		}
		if _, n := s.defs.match(toks, k); n > 0 {
			return j
		}
		j = k
	}
	return j
}

// hint points from an undefined phrase to the defined term it probably
// means: a misspelling ("Verwerkersverantwoordelijke"), a variant
// ("Gevoelige Gegevens" for "Gevoelige Persoonsgegevens"), or a compound
// of defined terms ("Dienstenovereenkomst").
func (s *termScan) hint(phrase string) string {
	p := strings.ToLower(phrase)
	best, bestD := "", 0
	for _, t := range s.terms {
		n := strings.ToLower(t.name)
		d := levenshtein(p, n)
		// Two letters apart is a misspelling of a long word, another word
		// for a short one ("User" is not "USD").
		limit := max(2, utf8.RuneCountInString(n)/8)
		if utf8.RuneCountInString(n) < 6 {
			limit = 1
		}
		if d <= limit && (best == "" || d < bestD) {
			best, bestD = t.name, d
		}
	}
	if best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	pw := strings.Fields(phrase)
	for _, t := range s.terms {
		tw := strings.Fields(t.name)
		if len(pw) > 1 && len(tw) == len(pw) && strings.EqualFold(tw[0], pw[0]) {
			return fmt.Sprintf("; did you mean %q?", t.name)
		}
	}
	if len(pw) != 1 {
		return ""
	}
	var parts []string
	seen := map[string]bool{}
	for _, t := range s.terms {
		n := strings.ToLower(t.name)
		if strings.Contains(n, " ") || utf8.RuneCountInString(n) < 5 || n == p || seen[t.shown] {
			continue
		}
		if strings.HasPrefix(p, n) || strings.HasSuffix(p, n) || strings.HasPrefix(p, stem(n)) && len(stem(n)) >= 5 {
			parts = append(parts, fmt.Sprintf("%q", t.name))
			seen[t.shown] = true
		}
	}
	sort.Strings(parts)
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return "; it is a compound of the defined term " + parts[0] + ", which does not define it"
	}
	return "; it is a compound of the defined terms " + strings.Join(parts, " and ") + ", which does not define it"
}

// duplicateTerms finds a term defined in two places, and two defined terms
// that differ in one word where one word contains the other: "Gevoelige
// Gegevens" and "Gevoelige Persoonsgegevens".
func (l *linter) duplicateTerms(s *termScan) {
	order := l.readingOrder()
	ts := append([]*term(nil), s.terms...)
	sort.SliceStable(ts, func(i, j int) bool {
		if oi, oj := order[ts[i].clause], order[ts[j].clause]; oi != oj {
			return oi < oj
		}
		return ts[i].line < ts[j].line
	})
	reported := map[[2]int]bool{}
	for j, b := range ts {
		for _, a := range ts[:j] {
			if a.group == b.group || reported[[2]int{a.group, b.group}] {
				continue
			}
			switch {
			case strings.Join(a.keys, " ") == strings.Join(b.keys, " ") && a.clause != b.clause:
				reported[[2]int{a.group, b.group}] = true
				l.warnf(b.file, b.line, "duplicate-term", "%q is defined again; it is already defined at %s:%d", b.shown, a.file, a.line)
			case variantTerms(a.keys, b.keys):
				reported[[2]int{a.group, b.group}] = true
				l.warnf(b.file, b.line, "duplicate-term", "%q and %q (%s:%d) look like two names for one term; define one and use it throughout", b.shown, a.shown, a.file, a.line)
			}
		}
	}
}

// readingOrder numbers the clauses in the order a reader meets them: the
// documents in the order of the templates' parts, then any other document,
// each document's clauses in manifest order. Clauses in no manifest come
// last.
func (l *linter) readingOrder() map[*clauses.Clause]int {
	order := map[*clauses.Clause]int{}
	var docs []string
	for _, id := range slices.Sorted(maps.Keys(l.tmpls)) {
		for _, p := range l.tmpls[id].Parts {
			docs = append(docs, p.Document)
		}
	}
	docs = append(docs, l.st.DocumentIDs()...)
	for _, id := range docs {
		d, ok := l.st.Documents[id]
		if !ok {
			continue
		}
		for _, cid := range d.Clauses {
			if c := l.st.Clauses[cid]; c != nil && c.ID == cid {
				if _, seen := order[c]; !seen {
					order[c] = len(order)
				}
			}
		}
	}
	for _, c := range l.st.SortedClauses() {
		if _, seen := order[c]; !seen {
			order[c] = len(order)
		}
	}
	return order
}

// variantTerms reports whether two multi-word terms differ in exactly one
// word, one of which ends with the other.
func variantTerms(a, b []string) bool {
	if len(a) != len(b) || len(a) < 2 {
		return false
	}
	diff := 0
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		diff++
		if !strings.HasSuffix(a[i], b[i]) && !strings.HasSuffix(b[i], a[i]) {
			return false
		}
	}
	return diff == 1
}
