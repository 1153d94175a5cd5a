package lint

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/termsmith/termsmith/clauses"
)

// condUse is one condition written somewhere in the store.
type condUse struct {
	src  string
	file string
	line int
}

// conditions returns every condition in the store: on template parts,
// clauses, blocks and check marks.
func (l *linter) conditions() []condUse {
	var out []condUse
	for _, id := range slices.Sorted(maps.Keys(l.tmpls)) {
		t := l.tmpls[id]
		for _, p := range t.Parts {
			if p.When != "" {
				out = append(out, condUse{src: p.When, file: t.File, line: p.Line})
			}
		}
	}
	for _, c := range l.st.SortedClauses() {
		if c.When != "" {
			out = append(out, condUse{src: c.When, file: c.File, line: l.yamlLine(c.File, "when")})
		}
		clauses.Walk(c.Body, func(b *clauses.Block) {
			if b.When != "" {
				out = append(out, condUse{src: b.When, file: c.File, line: b.Line})
			}
		})
		eachText(c, func(tb textBlock) {
			for _, x := range tb.inlines {
				if x.Kind == clauses.Check {
					out = append(out, condUse{src: x.Target, file: c.File, line: l.lineOf(c.File, tb.line, "{{check "+x.Target, x.Target)})
				}
			}
		})
	}
	return out
}

// checkConditions finds conditions that name fields that are neither
// services nor a declared variable, test services the configuration does
// not offer, or test a variable in a way its type does not allow.
func checkConditions(l *linter) {
	services := l.cfg.ServiceIDs()
	for _, u := range l.conditions() {
		cond, err := clauses.ParseCondition(u.src)
		if err != nil {
			// Only check marks reach here: the parser checks every when.
			l.errorf(u.file, u.line, "unknown-field", "check mark {{check %s}}: %v", u.src, err)
			continue
		}
		bad := false
		for _, f := range unique(cond.Fields()) {
			if f == "services" {
				continue
			}
			if _, ok := l.cfg.Variables[f]; !ok {
				bad = true
				l.errorf(u.file, u.line, "unknown-field", "condition %q: unknown field %q; fields are services and the variables in %s%s",
					u.src, f, clauses.ConfigFile, suggest(f, append(slices.Sorted(maps.Keys(l.cfg.Variables)), "services")))
			}
		}
		members := cond.Members()
		for _, field := range slices.Sorted(maps.Keys(members)) {
			if field != "services" {
				if _, ok := l.cfg.Variables[field]; ok {
					bad = true
					l.errorf(u.file, u.line, "unknown-field", "condition %q: %q is not a list; only services can be tested with in", u.src, field)
				}
				continue
			}
			for _, s := range unique(members[field]) {
				if !contains(services, s) {
					l.errorf(u.file, u.line, "unknown-field", "condition %q: %q is not a service in %s (services: %s)%s",
						u.src, s, clauses.ConfigFile, strings.Join(services, ", "), suggest(s, services))
				}
			}
		}
		if bad {
			continue
		}
		// Evaluating with a value of each field's type finds a text
		// variable tested as yes/no and the like.
		if _, err := cond.Eval(typeEnv{l.cfg.Variables}); err != nil {
			l.errorf(u.file, u.line, "unknown-field", "%v", err)
		}
	}
}

// typeEnv gives every field a value of its declared type.
type typeEnv struct{ decls map[string]clauses.VarDecl }

func (e typeEnv) Field(name string) (any, bool) {
	if name == "services" {
		return []string{}, true
	}
	d, ok := e.decls[name]
	if !ok {
		return nil, false
	}
	if d.Type == "yesno" {
		return false, true
	}
	return "", true
}

func unique(list []string) []string {
	out := append([]string(nil), list...)
	sort.Strings(out)
	n := 0
	for i, s := range out {
		if i == 0 || s != out[i-1] {
			out[n] = s
			n++
		}
	}
	return out[:n]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
