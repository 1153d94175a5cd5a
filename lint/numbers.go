package lint

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/lazy"
)

// checkNumbers compares what the text says about numbers with what
// assembly prints: link text that no longer matches the number a
// reference prints, numbers pinned by hand, and numbers printed twice in
// one document. The numbers come from agreement.Assemble itself, run for
// every customer and for an imaginary customer of each template who buys
// every service, on a copy of the store from which the defects other rules
// report have been removed, so that one broken reference does not hide
// every number.
func checkNumbers(l *linter) {
	pinned := l.assembleAll(true)
	unpinned := l.assembleAll(false)

	printed := map[string]map[string]bool{} // target id → what references to it print
	for _, doc := range pinned {
		for _, p := range doc.Parts {
			addPrinted(printed, p.ID, p.Label)
			if p.Label == "" {
				addPrinted(printed, p.ID, p.Title)
			}
			agreement.Walk(p.Blocks, func(b *agreement.Block) {
				if b.Ref != "" && (b.Labelled || b.Kind == agreement.Article) {
					addPrinted(printed, b.ID, b.Ref)
				}
			})
			l.duplicateNumbers(p)
		}
	}
	for _, c := range l.st.SortedClauses() {
		eachText(c, func(tb textBlock) {
			for _, x := range tb.inlines {
				if x.Kind != clauses.Ref || x.Keep || strings.TrimSpace(x.Text) == "" || len(printed[x.Target]) == 0 {
					continue
				}
				if msg := staleText(x.Text, printed[x.Target]); msg != "" {
					l.warnf(c.File, l.lineOf(c.File, tb.line, "](#"+x.Target+")"), "stale-ref-text", "%s", msg)
				}
			}
		})
	}

	computed := map[string]map[string]bool{} // source "file:line" → computed number
	for _, doc := range unpinned {
		for _, p := range doc.Parts {
			agreement.Walk(p.Blocks, func(b *agreement.Block) {
				if b.Number != "" {
					addPrinted(computed, b.Source, b.Number)
				}
			})
		}
	}
	pin := func(file string, line int, number string) {
		would := ""
		if n := computed[fmt.Sprintf("%s:%d", file, line)]; len(n) > 0 {
			would = fmt.Sprintf(" (termsmith would number it %s)", orList(n))
		}
		l.warnf(file, line, "pinned-number", "number pinned to %q by hand%s; remove the pin once the legacy numbering need not be kept", number, would)
	}
	for _, c := range l.st.SortedClauses() {
		if c.Number != "" {
			pin(c.File, c.Line, c.Number)
		}
		clauses.Walk(c.Body, func(b *clauses.Block) {
			if b.Number != "" {
				pin(c.File, b.Line, b.Number)
			}
		})
	}
}

func addPrinted(m map[string]map[string]bool, key, val string) {
	if m[key] == nil {
		m[key] = map[string]bool{}
	}
	m[key][val] = true
}

// orList prints a set of numbers as "11.7" or "11.7 or 11.8".
func orList(set map[string]bool) string {
	return strings.Join(slices.Sorted(maps.Keys(set)), " or ")
}

// normRef normalises link text and printed numbers for comparison.
func normRef(s string) string {
	return strings.TrimRight(strings.ToLower(strings.Join(strings.Fields(s), " ")), ".")
}

// staleText says how link text differs from what the reference prints, or
// "" when it matches one of the printings.
func staleText(text string, printings map[string]bool) string {
	for p := range printings {
		if normRef(text) == normRef(p) {
			return ""
		}
	}
	if numberLike(text) {
		return fmt.Sprintf("link text %q is not the number the reference prints: %s; update the link text", text, quoteList(printings))
	}
	return fmt.Sprintf("link text %q is replaced by %s when assembled; write other words outside the link", text, quoteList(printings))
}

func quoteList(set map[string]bool) string {
	keys := slices.Sorted(maps.Keys(set))
	for i, k := range keys {
		keys[i] = strconv.Quote(k)
	}
	return strings.Join(keys, " or ")
}

var numberTokenRE = lazy.Regexp(`^\(?(?:[0-9]+|[A-Za-z]|[ivxlcIVXLC]+)(?:\.(?:[0-9]+|[A-Za-z]))*[.)]?$`)

// numberLike reports whether link text is a number such as "14.2",
// "2.1 (i)" or "A.3".
func numberLike(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	for _, t := range f {
		if !numberTokenRE().MatchString(t) {
			return false
		}
	}
	return strings.ContainsFunc(s, unicode.IsDigit) || len(f) == 1 && len(f[0]) <= 5
}

// duplicateNumbers reports numbers printed twice in one part: two articles
// or sub-clauses with the same full number ("11.6"), or two items of one
// list with the same number.
func (l *linter) duplicateNumbers(p *agreement.Part) {
	name := p.Heading()
	seen := map[string]string{} // full number → source
	var walk func(blocks []*agreement.Block)
	walk = func(blocks []*agreement.Block) {
		siblings := map[string]string{}
		for _, b := range blocks {
			if (b.Kind == agreement.Article || b.Kind == agreement.Item) && numbered(b.Number) {
				file, line := splitSource(b.Source)
				if b.Ref != "" && !strings.Contains(b.Ref, " ") {
					if prev, dup := seen[b.Ref]; dup {
						l.warnf(file, line, "duplicate-number", "number %s is printed twice in %s (also at %s)", b.Ref, name, prev)
					} else {
						seen[b.Ref] = b.Source
					}
				} else if prev, dup := siblings[b.Number]; dup {
					l.warnf(file, line, "duplicate-number", "number %s is printed twice in one list of %s (also at %s)", b.Number, name, prev)
				} else {
					siblings[b.Number] = b.Source
				}
			}
			walk(b.Children)
		}
	}
	walk(p.Blocks)
}

// numbered reports whether a printed number holds a counter, not a bullet.
func numbered(n string) bool {
	return strings.IndexFunc(n, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

func splitSource(src string) (string, int) {
	i := strings.LastIndexByte(src, ':')
	if i < 0 {
		return src, 0
	}
	n, _ := strconv.Atoi(src[i+1:])
	return src[:i], n
}

// assembleAll assembles a sanitised copy of the store for every customer
// and for each template's imaginary all-services customer. With pins false,
// the copy drops the numbers pinned by hand, to learn what termsmith would
// compute instead.
func (l *linter) assembleAll(pins bool) []*agreement.Agreement {
	st := l.sanitizedStore(pins)
	var docs []*agreement.Agreement
	// Numbers depend only on what applies, and what applies only on the
	// fields conditions read: customers alike in those share one assembly,
	// which keeps lint fast for thousands of customers.
	fields := map[string]bool{}
	for _, u := range l.conditions() {
		if cond, err := clauses.ParseCondition(u.src); err == nil {
			for _, f := range cond.Fields() {
				fields[f] = true
			}
		}
	}
	seen := map[string]bool{}
	add := func(t *agreement.Template, c *agreement.Customer) {
		key := t.ID + "\x00" + strings.Join(unique(c.Services), ",")
		for _, f := range slices.Sorted(maps.Keys(fields)) {
			v, ok := c.Values[f]
			if !ok {
				v, ok = c.DPA[strings.TrimPrefix(f, "dpa.")]
				ok = ok && strings.HasPrefix(f, "dpa.")
			}
			key += fmt.Sprintf("\x00%s=%v:%s", f, ok, v)
		}
		if seen[key] {
			return
		}
		seen[key] = true
		doc, err := agreement.Assemble(st, l.sanitizedTemplate(t), l.sanitizedCustomer(t, c))
		if err == nil {
			docs = append(docs, doc)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(l.tmpls)) {
		add(l.tmpls[id], &agreement.Customer{ID: "all-services", Template: id, Services: l.cfg.ServiceIDs()})
	}
	for _, id := range l.customerIDs() {
		c := l.custs[id]
		if t, ok := l.tmpls[c.Template]; ok {
			add(t, c)
		}
	}
	return docs
}

// sanitizedStore copies the store without what makes assembly fail and
// what other rules report: problems, manifest entries without a clause,
// conditions on unknown fields, references, variables and check marks
// (their text is kept). With pins false, pinned numbers are dropped too.
func (l *linter) sanitizedStore(pins bool) *clauses.Store {
	cfg := l.cfg
	cfg.Variables = map[string]clauses.VarDecl{}
	for name, d := range l.cfg.Variables {
		if _, err := agreement.ParseValue(d.Type, d.Default); d.Default != "" && err != nil {
			d.Default = ""
		}
		cfg.Variables[name] = d
	}
	st := &clauses.Store{Config: cfg, Documents: map[string]*clauses.Manifest{}, Clauses: map[string]*clauses.Clause{}}
	for id, d := range l.st.Documents {
		d2 := *d
		d2.Clauses = nil
		for _, cid := range d.Clauses {
			if c := l.st.Clauses[cid]; c != nil && c.ID == cid && c.Doc == id {
				d2.Clauses = append(d2.Clauses, cid)
			}
		}
		st.Documents[id] = &d2
	}
	copies := map[*clauses.Clause]*clauses.Clause{}
	for id, c := range l.st.Clauses {
		c2, ok := copies[c]
		if !ok {
			c2 = l.cloneClause(c, pins)
			copies[c] = c2
		}
		st.Clauses[id] = c2
	}
	return st
}

func (l *linter) cloneClause(c *clauses.Clause, pins bool) *clauses.Clause {
	c2 := *c
	c2.When = l.fixCondition(c.When)
	if !pins {
		c2.Number = ""
	}
	var clone func(blocks []*clauses.Block) []*clauses.Block
	clone = func(blocks []*clauses.Block) []*clauses.Block {
		out := make([]*clauses.Block, len(blocks))
		for i, b := range blocks {
			b2 := *b
			b2.When = l.fixCondition(b.When)
			if !pins {
				b2.Number = ""
			}
			b2.Inlines = textOnly(b.Inlines)
			b2.Rows = make([][][]clauses.Inline, len(b.Rows))
			for r, row := range b.Rows {
				b2.Rows[r] = make([][]clauses.Inline, len(row))
				for k, cell := range row {
					b2.Rows[r][k] = textOnly(cell)
				}
			}
			b2.Children = clone(b.Children)
			out[i] = &b2
		}
		return out
	}
	c2.Body = clone(c.Body)
	return &c2
}

// textOnly replaces references, variables and check marks by plain text.
func textOnly(in []clauses.Inline) []clauses.Inline {
	out := make([]clauses.Inline, len(in))
	for i, x := range in {
		if x.Kind != clauses.Text && x.Kind != clauses.Break {
			x = clauses.Inline{Kind: clauses.Text, Text: x.Text, Style: x.Style}
		}
		out[i] = x
	}
	return out
}

// fixCondition drops a condition that names an unknown field: evaluating
// it would fail, and checkConditions reports it.
func (l *linter) fixCondition(when string) string {
	if when == "" {
		return ""
	}
	cond, err := clauses.ParseCondition(when)
	if err != nil {
		return ""
	}
	if _, err := cond.Eval(typeEnv{l.cfg.Variables}); err != nil {
		return ""
	}
	return when
}

func (l *linter) sanitizedTemplate(t *agreement.Template) *agreement.Template {
	t2 := *t
	t2.Parts = nil
	for _, p := range t.Parts {
		if _, ok := l.st.Documents[p.Document]; ok {
			p.When = l.fixCondition(p.When)
			t2.Parts = append(t2.Parts, p)
		}
	}
	t2.Defaults = l.validValues(t.Defaults, "")
	return &t2
}

// sanitizedCustomer copies c keeping only valid values, and gives every
// declared variable still without a value a placeholder of its type.
func (l *linter) sanitizedCustomer(t *agreement.Template, c *agreement.Customer) *agreement.Customer {
	c2 := *c
	c2.Values = l.validValues(c.Values, "")
	for k, v := range l.validValues(c.DPA, "dpa.") {
		c2.Values["dpa."+k] = v
	}
	c2.DPA = nil
	defaults := l.validValues(t.Defaults, "")
	for name, d := range l.cfg.Variables {
		if _, ok := c2.Values[name]; ok {
			continue
		}
		if _, ok := defaults[name]; ok {
			continue
		}
		if _, err := agreement.ParseValue(d.Type, d.Default); d.Default != "" && err == nil {
			continue
		}
		c2.Values[name] = placeholder[d.Type]
	}
	return &c2
}

// placeholder is a valid value of each variable type.
var placeholder = map[string]string{
	"text": "x", "date": "2026-01-01", "money": "1", "number": "1", "duration": "1 month", "yesno": "no",
}

func (l *linter) validValues(values map[string]string, prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range values {
		d, ok := l.cfg.Variables[prefix+k]
		if !ok {
			continue
		}
		if _, err := agreement.ParseValue(d.Type, v); err == nil {
			out[k] = v
		}
	}
	return out
}
