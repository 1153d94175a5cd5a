package agreement

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/termsmith/termsmith/clauses"
)

// Assemble builds the document a customer gets from a template: the parts
// and clauses whose conditions hold for the customer, numbered, with
// cross-references printed as the current numbers and variables filled with
// the customer's values. Every problem is reported with its file and line;
// a missing value is an error, never a blank.
func Assemble(st *clauses.Store, tmpl *Template, cust *Customer) (*Agreement, error) {
	if err := st.Err(); err != nil {
		return nil, fmt.Errorf("the store has problems (run termsmith lint):\n%w", err)
	}
	e, err := NewEnv(st.Config, tmpl, cust)
	if err != nil {
		return nil, err
	}
	a := &assembler{st: st, env: e, lang: st.Config.Language, refs: map[string]string{}}
	doc := &Agreement{
		Template: tmpl.ID, Title: tmpl.Title, Language: st.Config.Language,
		Supplier: st.Config.Supplier, Customer: cust,
	}
	for _, svc := range st.Config.Services {
		if slices.Contains(cust.Services, svc.ID) {
			doc.Services = append(doc.Services, svc)
		}
	}
	for _, spec := range tmpl.Parts {
		d, ok := st.Documents[spec.Document]
		if !ok {
			a.errorf(tmpl.File, spec.Line, "unknown document %q (no clauses/%s/document.yaml)", spec.Document, spec.Document)
			continue
		}
		if !a.holds(spec.When, tmpl.File, spec.Line) {
			continue
		}
		part := &Part{ID: d.ID, Label: d.Label, Title: d.Title}
		a.refs[d.ID] = part.Label
		if part.Label == "" {
			a.refs[d.ID] = part.Title
		}
		a.part(part, d)
		doc.Parts = append(doc.Parts, part)
	}
	a.resolveRefs()
	if len(a.errs) > 0 {
		return nil, errors.Join(a.errs...)
	}
	return doc, nil
}

// Env is the customer's side of a document: services and variable values,
// as conditions and {{variables}} see them.
type Env struct {
	services []string
	decls    map[string]clauses.VarDecl
	values   map[string]Value
	sources  map[string]string // variable → where its value came from, for errors
	lang     string
}

// NewEnv resolves a customer's values against the template and config
// defaults. A customer file serves every version of the terms, so the
// values it gives for variables this version does not declare (introduced
// by a later version, or dropped by one) are left out; lint reports them
// against the working tree. Template defaults for undeclared variables and
// values that do not parse as their type are errors; a variable without any
// value is only an error where it is used.
func NewEnv(cfg clauses.Config, tmpl *Template, cust *Customer) (*Env, error) {
	e := &Env{services: cust.Services, decls: cfg.Variables, values: map[string]Value{}, sources: map[string]string{}, lang: cfg.Language}
	var errs []error
	set := func(name, raw, file string, line int) {
		d, ok := cfg.Variables[name]
		if !ok && file == cust.File {
			return
		}
		if !ok {
			errs = append(errs, &clauses.Error{File: file, Line: line, Msg: fmt.Sprintf("unknown variable %q (declare it under variables in %s)", name, clauses.ConfigFile)})
			return
		}
		v, err := ParseValue(d.Type, raw)
		if err != nil {
			errs = append(errs, &clauses.Error{File: file, Line: line, Kind: clauses.KindInvalidValue, Msg: fmt.Sprintf("variable %q (%s): %v", name, d.Type, err)})
			return
		}
		e.values[name] = v
		e.sources[name] = file
	}
	for _, name := range slices.Sorted(maps.Keys(cfg.Variables)) {
		if d := cfg.Variables[name]; d.Default != "" {
			set(name, d.Default, clauses.ConfigFile, 0)
		}
	}
	if tmpl != nil {
		for _, name := range slices.Sorted(maps.Keys(tmpl.Defaults)) {
			set(name, tmpl.Defaults[name], tmpl.File, 0)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(cust.Values)) {
		set(name, cust.Values[name], cust.File, cust.Line("values"))
	}
	for _, key := range slices.Sorted(maps.Keys(cust.DPA)) {
		set("dpa."+key, cust.DPA[key], cust.File, cust.Line("dpa"))
	}
	return e, errors.Join(errs...)
}

// Field implements clauses.Env.
func (e *Env) Field(name string) (any, bool) {
	if name == "services" {
		return e.services, true
	}
	if v, ok := e.values[name]; ok {
		return v.Field(), true
	}
	return nil, false
}

// Value returns a variable's value; ok is false when it has none.
func (e *Env) Value(name string) (Value, bool) {
	v, ok := e.values[name]
	return v, ok
}

type assembler struct {
	st   *clauses.Store
	env  *Env
	lang string
	errs []error
	refs map[string]string // id → how a reference to it prints
	// pending are the reference inlines to fill in once every number is known.
	pending []pendingRef
}

type pendingRef struct {
	inline *Inline
	file   string
	line   int
	keep   bool // the reference prints its link text
}

func (a *assembler) errorf(file string, line int, format string, args ...any) {
	a.errs = append(a.errs, &clauses.Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// holds evaluates a condition; an empty condition holds.
func (a *assembler) holds(when, file string, line int) bool {
	if when == "" {
		return true
	}
	c, err := clauses.ParseCondition(when)
	if err == nil {
		var ok bool
		if ok, err = c.Eval(a.env); err == nil {
			return ok
		}
	}
	a.errorf(file, line, "%v", err)
	return false
}

func (a *assembler) part(part *Part, d *clauses.Manifest) {
	num := d.Numbering.Merge(a.st.Config.Numbering)
	n := 0
	for _, id := range d.Clauses {
		c := a.st.Clauses[id]
		applies := a.holds(c.When, c.File, c.Line)
		b := &Block{Kind: Section, ID: c.ID, Labelled: true, Title: c.Title, Source: source(c.File, c.Line)}
		if c.Numbered {
			// Numbers count every article of the version, applying or
			// not, so that an article number means one article for every
			// customer; one that does not apply leaves a visible gap.
			n++
			b.Kind = Article
			b.Number = clauses.FormatNumber(num.Article, n, "")
			if c.Number != "" {
				b.Number = c.Number
			}
			b.Ref = refOf(b.Number)
		}
		if !applies {
			if c.Numbered {
				b.Title, b.NotApplicable = NotApplicableText(a.lang), true
				part.Blocks = append(part.Blocks, b)
			}
			continue
		}
		a.refs[c.ID] = b.Ref
		ctx := &context{clause: c, num: num, parentRef: b.Ref, parentID: c.ID}
		b.Children = a.blocks(c.Body, ctx, 0)
		part.Blocks = append(part.Blocks, b)
	}
}

// context is what the blocks of one container share while being assembled.
type context struct {
	clause    *clauses.Clause
	num       clauses.Numbering
	parentRef string
	parentID  string
	bullets   int // enclosing bullet lists: bullets[n] marks the next one
	counter   int // items numbered so far at this level (sub-clauses count across the article)
	position  int // items seen so far at this level, applying or not
	paras     int
	tables    int
	quotes    int
}

func (a *assembler) blocks(in []*clauses.Block, ctx *context, depth int) []*Block {
	var out []*Block
	for _, b := range in {
		file := ctx.clause.File
		switch b.Kind {
		case clauses.Group:
			if a.holds(b.When, file, b.Line) {
				out = append(out, a.blocks(b.Children, ctx, depth)...)
			} else {
				out = append(out, a.skip(b.Children, ctx, depth)...)
			}
		case clauses.Paragraph, clauses.Heading:
			ctx.paras++
			kind := Paragraph
			if b.Kind == clauses.Heading {
				kind = Heading
			}
			id := blockID(b, ctx.parentID, "p", ctx.paras)
			if !a.holds(b.When, file, b.Line) {
				continue
			}
			if b.ID != "" {
				a.refs[b.ID] = "" // a labelled paragraph applies but prints no number
			}
			out = append(out, &Block{Kind: kind, ID: id, Labelled: b.ID != "", Inlines: a.inlines(b.Inlines, file, b.Line), Source: source(file, b.Line)})
		case clauses.Table:
			ctx.tables++
			id := blockID(b, ctx.parentID, "t", ctx.tables)
			if !a.holds(b.When, file, b.Line) {
				continue
			}
			t := &Block{Kind: Table, ID: id, Labelled: b.ID != "", Source: source(file, b.Line)}
			for _, row := range b.Rows {
				cells := make([][]Inline, len(row))
				for i, cell := range row {
					cells[i] = a.inlines(cell, file, b.Line)
				}
				t.Rows = append(t.Rows, cells)
			}
			out = append(out, t)
		case clauses.List:
			out = append(out, a.list(b, ctx, depth, a.holds(b.When, file, b.Line))...)
		case clauses.Quote:
			ctx.quotes++
			id := blockID(b, ctx.parentID, "q", ctx.quotes)
			if !a.holds(b.When, file, b.Line) {
				continue
			}
			if b.ID != "" {
				a.refs[b.ID] = "" // like a labelled paragraph: it applies but has no number
			}
			// What a quotation holds is quoted text, not the terms' own
			// sub-clauses: a list in it numbers as a nested list and
			// restarts, and no article counter moves.
			sub := &context{clause: ctx.clause, num: ctx.num, parentRef: ctx.parentRef, parentID: id, bullets: ctx.bullets}
			q := &Block{Kind: Quote, ID: id, Labelled: b.ID != "", Source: source(file, b.Line)}
			q.Children = a.blocks(b.Children, sub, depth+1)
			out = append(out, q)
		}
	}
	return out
}

// skip passes over blocks that do not apply: positional ids and the
// numbers of their numbered items are counted as if they did, and each
// numbered item leaves a gap.
func (a *assembler) skip(in []*clauses.Block, ctx *context, depth int) []*Block {
	var out []*Block
	for _, b := range in {
		switch b.Kind {
		case clauses.Group:
			out = append(out, a.skip(b.Children, ctx, depth)...)
		case clauses.Paragraph, clauses.Heading:
			ctx.paras++
		case clauses.Table:
			ctx.tables++
		case clauses.Quote:
			ctx.quotes++
		case clauses.List:
			out = append(out, a.list(b, ctx, depth, false)...)
		}
	}
	return out
}

// list assembles a list's items; with applies false (the list, or the
// group holding it, does not apply) every item is a gap.
func (a *assembler) list(l *clauses.Block, ctx *context, depth int, applies bool) []*Block {
	// Ordered lists take their pattern by nesting depth; bullet lists by
	// how many bullet lists enclose them, so a first bullet list under a
	// sub-clause gets the first bullet.
	pattern := l.Numbering
	switch {
	case pattern != "":
	case l.Ordered:
		pattern = ctx.num.Levels[min(depth, len(ctx.num.Levels)-1)]
	default:
		pattern = ctx.num.Bullets[min(ctx.bullets, len(ctx.num.Bullets)-1)]
	}
	// Only the sub-clauses of an article number on across lists; a nested
	// list starts again at 1.
	counter := &ctx.counter
	if depth > 0 || clauses.IsBullet(pattern) {
		local := 0
		counter = &local
	}
	var out []*Block
	for _, it := range l.Children {
		ctx.position++
		file := ctx.clause.File
		holds := applies && a.holds(it.When, file, it.Line)
		if !holds && clauses.IsBullet(pattern) {
			continue // a bullet has no number to keep
		}
		item := &Block{Kind: Item, ID: it.ID, Labelled: it.ID != "", Source: source(file, it.Line)}
		if item.ID == "" {
			item.ID = ctx.parentID + "/" + strconv.Itoa(ctx.position)
		}
		if clauses.IsBullet(pattern) {
			item.Number = clauses.FormatNumber(pattern, 0, ctx.parentRef)
			item.Ref = ctx.parentRef
		} else {
			*counter++
			item.Number = clauses.FormatNumber(pattern, *counter, ctx.parentRef)
			if it.Number != "" {
				item.Number = it.Number
			}
			if clauses.NestsParent(pattern) {
				item.Ref = refOf(item.Number)
			} else {
				item.Ref = strings.TrimSpace(ctx.parentRef + " " + strings.TrimSuffix(item.Number, "."))
			}
		}
		if !holds {
			// The number is kept and the gap shown, as for an article.
			item.NotApplicable = true
			item.Children = []*Block{{Kind: Paragraph, ID: item.ID + "/p1", Inlines: []Inline{{Text: NotApplicableText(a.lang)}}, Source: item.Source}}
			out = append(out, item)
			continue
		}
		if it.ID != "" {
			a.refs[it.ID] = item.Ref
		}
		sub := &context{clause: ctx.clause, num: ctx.num, parentRef: item.Ref, parentID: item.ID, bullets: ctx.bullets}
		if !l.Ordered {
			sub.bullets++
		}
		item.Children = a.blocks(it.Children, sub, depth+1)
		out = append(out, item)
	}
	return out
}

// refOf turns a printed number into how references print it: "11.2." → "11.2".
func refOf(number string) string { return strings.TrimRight(number, ".") }

func source(file string, line int) string { return file + ":" + strconv.Itoa(line) }

func (a *assembler) inlines(in []clauses.Inline, file string, line int) []Inline {
	out := make([]Inline, 0, len(in))
	var refs, keep []int
	for _, x := range in {
		switch x.Kind {
		case clauses.Text:
			out = append(out, Inline{Text: x.Text, Style: x.Style})
		case clauses.Break:
			out = append(out, Inline{Break: true})
		case clauses.Ref:
			if !x.Keep {
				refs = append(refs, len(out))
			} else {
				keep = append(keep, len(out))
			}
			out = append(out, Inline{Ref: x.Target, Text: x.Text, Style: x.Style})
		case clauses.Var:
			out = append(out, Inline{Var: x.Target, Text: a.variable(x.Target, file, line), Style: x.Style})
		case clauses.Check:
			mark := ""
			if a.holds(x.Target, file, line) {
				mark = "x"
			}
			out = append(out, Inline{Var: x.Target, Text: mark, Style: x.Style})
		}
	}
	for _, i := range refs {
		a.pending = append(a.pending, pendingRef{inline: &out[i], file: file, line: line})
	}
	for _, i := range keep {
		a.pending = append(a.pending, pendingRef{inline: &out[i], file: file, line: line, keep: true})
	}
	return out
}

func (a *assembler) variable(name, file string, line int) string {
	if _, declared := a.env.decls[name]; !declared {
		a.errorf(file, line, "unknown variable %q (declare it under variables in %s)", name, clauses.ConfigFile)
		return ""
	}
	v, ok := a.env.values[name]
	if !ok {
		a.errorf(file, line, "variable %q has no value: set it in the customer's values or give it a default", name)
		return ""
	}
	return v.Format(a.lang)
}

func (a *assembler) resolveRefs() {
	for _, p := range a.pending {
		target := p.inline.Ref
		printed, ok := a.refs[target]
		switch {
		case ok && p.keep:
		case ok && printed != "":
			p.inline.Text = printed
		case ok:
			a.errorf(p.file, p.line, "reference to %q, which has no number (an unnumbered section or a bullet)", target)
		case a.st.Clauses[target] != nil || a.st.Documents[target] != nil:
			a.errorf(p.file, p.line, "reference to %q, which does not apply to this customer", target)
		default:
			a.errorf(p.file, p.line, "reference to unknown id %q", target)
		}
	}
}

// blockID is b's id: its label, or, for an unlabelled block, its place
// under its parent: the n-th block of its kind ("p" paragraph, "t" table,
// "q" quotation), as diff aligns blocks by it.
func blockID(b *clauses.Block, parentID, kind string, n int) string {
	if b.ID != "" {
		return b.ID
	}
	return parentID + "/" + kind + strconv.Itoa(n)
}
