package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/lazy"
)

var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'æ': "ae",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ò': "o", 'ó': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u",
	'ç': "c", 'ñ': "n", 'ÿ': "y", 'ß': "ss", 'ĳ': "ij",
}

// maxSlug bounds an id made from a title; longer titles are cut at a word.
const maxSlug = 56

// Slug makes an id from a title: "DUUR EN BEËINDIGING" → "duur-en-beeindiging".
// It returns "" when the title has no letters or digits.
func Slug(title string) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			w.WriteRune(r)
		case fold[r] != "":
			w.WriteString(fold[r])
		case r == '\'' || r == '’':
			// "Tracksavers’s" stays one word
		default:
			flush()
		}
	}
	flush()
	out := ""
	for _, word := range words {
		next := word
		if out != "" {
			next = out + "-" + word
		}
		if len(next) > maxSlug && out != "" {
			break
		}
		out = next
	}
	if len(out) > maxSlug {
		out = out[:maxSlug]
	}
	return strings.Trim(out, "-")
}

// idSet hands out ids, unique across the store.
type idSet map[string]bool

// claim returns base if it is free, else prefix-base, else with a counter.
func (s idSet) claim(base, prefix string) string {
	try := []string{base}
	if prefix != "" && !strings.HasPrefix(base, prefix+"-") {
		try = append(try, prefix+"-"+base)
	}
	for _, id := range try {
		if clauses.ValidID(id) && !s[id] {
			s[id] = true
			return id
		}
	}
	last := try[len(try)-1]
	for n := 2; ; n++ {
		id := last + "-" + strconv.Itoa(n)
		if !s[id] {
			s[id] = true
			return id
		}
	}
}

// assignIDs gives every document, article and sub-clause its id.
func (imp *importer) assignIDs() error {
	taken := idSet{}
	for id := range imp.opts.Taken {
		taken[id] = true
	}
	if ex := imp.opts.Existing; ex != nil {
		// The document's own ids are free again: its matched clauses take
		// them back, first.
		for _, id := range ex.ids() {
			delete(taken, id)
		}
		for _, id := range imp.presetArt {
			taken[id] = true
		}
		for _, id := range imp.presetItem {
			taken[id] = true
		}
	}
	used := map[string]string{} // document id → its label or title
	for i, d := range imp.docs {
		id, explicit := imp.docID(d)
		if imp.opts.Existing != nil {
			id, explicit = imp.opts.Existing.Doc, true
		}
		if !explicit {
			switch {
			case d.label != "":
				id = Slug(d.label)
			case i == 0:
				id = "terms"
			default:
				id = Slug(d.title)
			}
		}
		if !clauses.ValidID(id) {
			return fmt.Errorf("document id %q for %q: use lower-case letters, digits and hyphens", id, d.name())
		}
		switch prev, dup := used[id]; {
		case !explicit:
			id = taken.claim(id, "")
		case dup:
			return fmt.Errorf("document id %q is given to both %q and %q", id, prev, d.name())
		case taken[id]:
			return fmt.Errorf("document id %q for %q is already used in the store", id, d.name())
		}
		taken[id] = true
		used[id] = d.name()
		d.id = id
	}
	intro := "inleiding"
	if imp.lang == "en" {
		intro = "introduction"
	}
	for _, d := range imp.docs {
		for _, a := range d.articles {
			if id, ok := imp.presetArt[a]; ok {
				a.id = id
				continue
			}
			base := Slug(a.title)
			if base == "" {
				base = intro
			}
			a.id = taken.claim(base, d.id)
		}
	}
	// Sub-clauses are labelled after the articles, so that a label never
	// takes an article's id.
	for _, d := range imp.docs {
		for _, a := range d.articles {
			for _, b := range a.body {
				if b.kind != bList || !b.style.ordered() {
					continue
				}
				for _, it := range b.items {
					if id, ok := imp.presetItem[it]; ok {
						it.label = id
						continue
					}
					it.label = taken.claim(itemBase(a.id, it), a.id)
				}
			}
		}
	}
	imp.taken = taken
	return nil
}

// docID returns the id the options give a document, if any.
func (imp *importer) docID(d *doc) (string, bool) {
	for _, key := range []string{d.label, d.title, d.label + ": " + d.title} {
		if id, ok := imp.opts.DocIDs[key]; ok && key != "" {
			return id, true
		}
	}
	return "", false
}

func (d *doc) name() string {
	if d.label != "" {
		return d.label
	}
	return d.title
}

var (
	// quotedTermRE finds a defined term at the start of a definition:
	// "Service" means, **"Service"**, "**Service**", An "Account" is.
	quotedTermRE = lazy.Regexp(`^(?:(?:An?|The|Een|De|Het)\s+)?\**["“‘]\**([^"”’*]{1,60}?)\**["”’]\**`)
	// boldTermRE: **Service** means.
	boldTermRE = lazy.Regexp(`^\*\*([^*]{1,60}?)\*\*[\s:]`)
	// colonTermRE: "Klant: degene die …" in a definitions list.
	colonTermRE   = lazy.Regexp(`^(\p{Lu}[\p{L}\-]*(?:\s[\p{L}\-]+){0,4}):\s`)
	mdLinkTextRE  = lazy.Regexp(`\[([^\]]*)\]\([^)]*\)`)
	stopWordsSlug = map[string]bool{
		"a": true, "an": true, "the": true, "of": true, "to": true, "and": true, "or": true, "in": true, "on": true, "for": true, "is": true, "be": true, "by": true,
		"de": true, "het": true, "een": true, "van": true, "en": true, "of-": true, "te": true, "op": true, "voor": true, "is-": true, "zijn": true, "in-": true,
	}
)

// definedTerm returns the term a definition starts with, or "".
func definedTerm(text string) string {
	text = strings.TrimSpace(text)
	for _, re := range []*regexp.Regexp{quotedTermRE(), boldTermRE(), colonTermRE()} {
		if m := re.FindStringSubmatch(text); m != nil {
			return strings.Trim(m[1], " ,.")
		}
	}
	return ""
}

// itemText returns the plain words of an item's first paragraph.
func itemText(it *block) string {
	if len(it.kids) == 0 || it.kids[0].kind != bPara {
		return ""
	}
	return mdLinkTextRE().ReplaceAllString(it.kids[0].text(), "$1")
}

// itemBase is the id an item is labelled with: the term it defines, or its
// enclosing id and its first significant words — never its position, so
// that labels survive reordering and insertions.
func itemBase(parent string, it *block) string {
	text := itemText(it)
	if it.title != "" {
		// A sub-section typed as a heading is labelled by its title.
		text = it.title
	} else if t := Slug(definedTerm(text)); t != "" {
		return t
	}
	var words []string
	for _, w := range strings.Split(Slug(text), "-") {
		if w == "" || stopWordsSlug[w] {
			continue
		}
		words = append(words, w)
		if len(words) == 3 {
			break
		}
	}
	if len(parent) > 40 {
		// A long article id is cut at a word, so that labels stay readable
		// and well under the 80 characters an id may have.
		cut := strings.LastIndex(parent[:40], "-")
		if cut <= 0 {
			cut = 40
		}
		parent = parent[:cut]
	}
	if len(words) == 0 {
		return parent + "-item"
	}
	for len(words) > 1 && len(parent)+len(strings.Join(words, "-")) > 64 {
		words = words[:len(words)-1]
	}
	base := parent + "-" + strings.Join(words, "-")
	if len(base) > 70 {
		base = strings.TrimRight(base[:70], "-")
	}
	return base
}
