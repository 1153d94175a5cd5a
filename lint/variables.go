package lint

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
)

// checkVariables finds {{variables}} nobody declared, values given for
// undeclared variables, values that do not parse as their type, and
// declared variables nothing uses.
func checkVariables(l *linter) {
	used := map[string]bool{}
	for _, c := range l.st.SortedClauses() {
		eachText(c, func(tb textBlock) {
			for _, x := range tb.inlines {
				if x.Kind != clauses.Var {
					continue
				}
				used[x.Target] = true
				if _, ok := l.cfg.Variables[x.Target]; !ok {
					l.errorf(c.File, l.lineOf(c.File, tb.line, "{{"+x.Target, x.Target), "unknown-variable", "unknown variable {{%s}}: declare it under variables in %s%s",
						x.Target, clauses.ConfigFile, suggest(x.Target, slices.Sorted(maps.Keys(l.cfg.Variables))))
				}
			}
		})
	}
	for _, u := range l.conditions() {
		if cond, err := clauses.ParseCondition(u.src); err == nil {
			for _, f := range cond.Fields() {
				used[f] = true
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(l.cfg.Variables)) {
		d := l.cfg.Variables[name]
		if d.Default != "" {
			if _, err := agreement.ParseValue(d.Type, d.Default); err != nil {
				l.errorf(clauses.ConfigFile, l.yamlLine(clauses.ConfigFile, "variables", name), "invalid-value", "default of variable %q (%s): %v", name, d.Type, err)
			}
		}
		if !used[name] {
			l.warnf(clauses.ConfigFile, l.yamlLine(clauses.ConfigFile, "variables", name), "unused-variable", "variable %q is declared but no clause, condition or check mark uses it", name)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(l.tmpls)) {
		t := l.tmpls[id]
		for _, name := range slices.Sorted(maps.Keys(t.Defaults)) {
			l.checkValue(t.File, l.yamlLine(t.File, "defaults", name), "template default", name, t.Defaults[name])
		}
	}
	for _, id := range l.customerIDs() {
		c := l.custs[id]
		for _, name := range slices.Sorted(maps.Keys(c.Values)) {
			l.checkValue(c.File, l.yamlLine(c.File, "values", name), "value", name, c.Values[name])
		}
		for _, key := range slices.Sorted(maps.Keys(c.DPA)) {
			l.checkValue(c.File, l.yamlLine(c.File, "dpa", key), "DPA answer", "dpa."+key, c.DPA[key])
		}
	}
}

// checkValue checks one value given for a variable.
func (l *linter) checkValue(file string, line int, what, name, raw string) {
	d, ok := l.cfg.Variables[name]
	if !ok && strings.HasPrefix(file, "customers/") {
		// A customer file serves every version of the terms, and assembly
		// leaves out values this version does not declare; so it is a
		// likely typo, or a value for another version, not a break.
		l.warnf(file, line, "unknown-variable", "%s for variable %q, which this version does not declare; assembly leaves it out%s",
			what, name, suggest(name, slices.Sorted(maps.Keys(l.cfg.Variables))))
		return
	}
	if !ok {
		l.errorf(file, line, "unknown-variable", "%s for undeclared variable %q: declare it under variables in %s%s",
			what, name, clauses.ConfigFile, suggest(name, slices.Sorted(maps.Keys(l.cfg.Variables))))
		return
	}
	if _, err := agreement.ParseValue(d.Type, raw); err != nil {
		l.errorf(file, line, "invalid-value", "%s of variable %q (%s): %v", what, name, d.Type, err)
	}
}

// checkCustomers checks each customer against the content that applies to
// it: services the configuration does not offer, variables used for the
// customer that have no value, and references to parts that do not apply
// to the customer.
func checkCustomers(l *linter) {
	services := l.cfg.ServiceIDs()
	type refKey struct {
		file   string
		line   int
		target string
	}
	notApplying := map[refKey][]string{}
	for _, id := range l.customerIDs() {
		c := l.custs[id]
		for _, s := range c.Services {
			if !contains(services, s) {
				l.errorf(c.File, c.Line("services"), "unknown-field", "service %q is not a service in %s (services: %s)%s",
					s, clauses.ConfigFile, strings.Join(services, ", "), suggest(s, services))
			}
		}
		t, ok := l.tmpls[c.Template]
		if !ok {
			continue // reported by checkTemplates
		}
		w := l.applyFor(t, c)
		for _, name := range slices.Sorted(maps.Keys(w.missing)) {
			if l.hasValue(t, c, name) {
				continue // the value does not parse: reported as invalid-value
			}
			use := w.missing[name]
			key, where := "values", "values."+name
			if strings.HasPrefix(name, "dpa.") {
				key, where = "dpa", name
			}
			line := c.Line(key)
			if line == 0 {
				line = 1
			}
			l.errorf(c.File, line, "missing-variable", "variable %q has no value for this customer and no default (used at %s:%d): set %s",
				name, use.file, use.line, where)
		}
		for _, r := range w.refs {
			if !w.included[r.target] && l.refProblem(r.target) == "" {
				k := refKey(r)
				notApplying[k] = append(notApplying[k], c.File)
			}
		}
	}
	for k, files := range notApplying {
		files = unique(files)
		who := files[0]
		if len(files) > 1 {
			who = fmt.Sprintf("%s and %d other customers", files[0], len(files)-1)
		}
		l.errorf(k.file, k.line, "dangling-ref", "reference to %q, which does not apply to the customer of %s, while the text referring to it does", k.target, who)
	}
}

// applied is what applies to one customer: ids of the parts, clauses and
// labelled blocks, the references in applying text, and the variables the
// customer has no value for, with their first use.
type applied struct {
	included map[string]bool
	refs     []refUse
	missing  map[string]refUse
}

type refUse struct {
	file   string
	line   int
	target string
}

// recordingEnv is a customer's Env that records the fields it has no value
// for and answers them with a value of the declared type, so that one
// missing value does not hide the rest.
type recordingEnv struct {
	env     *agreement.Env
	decls   map[string]clauses.VarDecl
	missing []string
}

func (e *recordingEnv) Field(name string) (any, bool) {
	if v, ok := e.env.Field(name); ok {
		return v, true
	}
	if d, ok := e.decls[name]; ok {
		e.missing = append(e.missing, name)
		if d.Type == "yesno" {
			return false, true
		}
		return "", true
	}
	return nil, false
}

// applyFor walks what applies to customer c under template t, the way
// agreement.Assemble chooses parts, clauses and blocks.
func (l *linter) applyFor(t *agreement.Template, c *agreement.Customer) *applied {
	env, _ := agreement.NewEnv(l.cfg, t, c) // bad values are reported by checkVariables
	rec := &recordingEnv{env: env, decls: l.cfg.Variables}
	w := &applied{included: map[string]bool{}, missing: map[string]refUse{}}
	holds := func(when, file string, line int) bool {
		if when == "" {
			return true
		}
		cond, err := clauses.ParseCondition(when)
		if err != nil {
			return true
		}
		rec.missing = rec.missing[:0]
		ok, err := cond.Eval(rec)
		for _, name := range rec.missing {
			if _, seen := w.missing[name]; !seen {
				w.missing[name] = refUse{file: file, line: line}
			}
		}
		return err != nil || ok // an unknown field is reported by checkConditions
	}
	var walk func(file string, blocks []*clauses.Block)
	text := func(file string, line int, in []clauses.Inline) {
		for _, x := range in {
			switch x.Kind {
			case clauses.Ref:
				w.refs = append(w.refs, refUse{file: file, line: line, target: x.Target})
			case clauses.Var:
				if _, declared := l.cfg.Variables[x.Target]; !declared {
					continue
				}
				if _, ok := env.Value(x.Target); !ok {
					if _, seen := w.missing[x.Target]; !seen {
						w.missing[x.Target] = refUse{file: file, line: line}
					}
				}
			case clauses.Check:
				holds(x.Target, file, line)
			}
		}
	}
	walk = func(file string, blocks []*clauses.Block) {
		for _, b := range blocks {
			if !holds(b.When, file, b.Line) {
				continue
			}
			if b.ID != "" {
				w.included[b.ID] = true
			}
			switch b.Kind {
			case clauses.Paragraph, clauses.Heading:
				text(file, b.Line, b.Inlines)
			case clauses.Table:
				for _, row := range b.Rows {
					for _, cell := range row {
						text(file, b.Line, cell)
					}
				}
			}
			walk(file, b.Children)
		}
	}
	for _, p := range t.Parts {
		d, ok := l.st.Documents[p.Document]
		if !ok || !holds(p.When, t.File, p.Line) {
			continue
		}
		w.included[d.ID] = true
		for _, id := range d.Clauses {
			cl := l.st.Clauses[id]
			if cl == nil || cl.ID != id || !holds(cl.When, cl.File, cl.Line) {
				continue
			}
			w.included[cl.ID] = true
			walk(cl.File, cl.Body)
		}
	}
	sort.Slice(w.refs, func(i, j int) bool {
		a, b := w.refs[i], w.refs[j]
		if a.file != b.file {
			return a.file < b.file
		}
		return a.line < b.line
	})
	return w
}

// hasValue reports whether a value is written for a variable for customer
// c, valid or not.
func (l *linter) hasValue(t *agreement.Template, c *agreement.Customer, name string) bool {
	_, inValues := c.Values[name]
	_, inDPA := c.DPA[strings.TrimPrefix(name, "dpa.")]
	_, inTemplate := t.Defaults[name]
	return inValues || inTemplate || inDPA && strings.HasPrefix(name, "dpa.") || l.cfg.Variables[name].Default != ""
}
