package clauses

import (
	"fmt"
	"strings"
	"unicode"
)

// Condition is a parsed "when" expression, such as
//
//	hosting in services
//	maintenance in services and not hosting in services
//	dpa.gezondheid
//	land == "BE" or land == "NL"
//
// A bare name is true when the customer field is a true yes/no value; "x in
// f" is true when the list field f holds x; == and != compare text.
type Condition struct {
	src  string
	root *cnode
}

type cnode struct {
	op          string // "or", "and", "not", "in", "==", "!=", "field"
	left, right *cnode
	name        string // field name (field, in, ==, !=)
	value       string // literal (in, ==, !=)
}

// Env gives a condition the customer's fields. A field is a string, a bool
// or a []string; ok is false for a field the customer does not have.
type Env interface {
	Field(name string) (value any, ok bool)
}

// ParseCondition parses a when expression.
func ParseCondition(src string) (*Condition, error) {
	toks, err := lexCondition(src)
	if err != nil {
		return nil, err
	}
	p := &condParser{toks: toks, src: src}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("condition %q: unexpected %q", src, p.toks[p.pos].text)
	}
	return &Condition{src: src, root: n}, nil
}

// String returns the condition as written.
func (c *Condition) String() string { return c.src }

// Fields returns the customer fields the condition reads, in order.
func (c *Condition) Fields() []string {
	var out []string
	c.root.walk(func(n *cnode) {
		if n.name != "" {
			out = append(out, n.name)
		}
	})
	return out
}

// Members returns, for each list field tested with "in", the values tested:
// "hosting in services" gives {"services": ["hosting"]}.
func (c *Condition) Members() map[string][]string {
	out := map[string][]string{}
	c.root.walk(func(n *cnode) {
		if n.op == "in" {
			out[n.name] = append(out[n.name], n.value)
		}
	})
	return out
}

func (n *cnode) walk(f func(*cnode)) {
	if n == nil {
		return
	}
	f(n)
	n.left.walk(f)
	n.right.walk(f)
}

// Eval evaluates the condition. A field the customer lacks is an error, so a
// typo never silently drops a clause.
func (c *Condition) Eval(env Env) (bool, error) {
	v, err := c.root.eval(env)
	if err != nil {
		return false, fmt.Errorf("condition %q: %w", c.src, err)
	}
	return v, nil
}

func (n *cnode) eval(env Env) (bool, error) {
	switch n.op {
	case "or", "and":
		l, err := n.left.eval(env)
		if err != nil {
			return false, err
		}
		if (n.op == "or") == l {
			return l, nil
		}
		return n.right.eval(env)
	case "not":
		v, err := n.left.eval(env)
		return !v, err
	}
	v, ok := env.Field(n.name)
	if !ok {
		return false, fmt.Errorf("unknown field %q", n.name)
	}
	switch n.op {
	case "field":
		b, isBool := v.(bool)
		if !isBool {
			return false, fmt.Errorf("field %q is not a yes/no value; compare it with == or test it with in", n.name)
		}
		return b, nil
	case "in":
		list, isList := v.([]string)
		if !isList {
			return false, fmt.Errorf("field %q is not a list", n.name)
		}
		for _, x := range list {
			if x == n.value {
				return true, nil
			}
		}
		return false, nil
	default: // == and !=
		s := fmt.Sprint(v)
		if b, isBool := v.(bool); isBool {
			s = map[bool]string{true: "yes", false: "no"}[b]
		}
		return (s == n.value) == (n.op == "=="), nil
	}
}

type ctok struct {
	text   string
	quoted bool
}

func lexCondition(src string) ([]ctok, error) {
	var toks []ctok
	rs := []rune(src)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(' || r == ')':
			toks = append(toks, ctok{text: string(r)})
			i++
		case r == '=' || r == '!':
			if i+1 < len(rs) && rs[i+1] == '=' {
				toks = append(toks, ctok{text: string(rs[i : i+2])})
				i += 2
				continue
			}
			return nil, fmt.Errorf("condition %q: use == or != to compare", src)
		case r == '"' || r == '\'':
			j := i + 1
			for j < len(rs) && rs[j] != r {
				j++
			}
			if j == len(rs) {
				return nil, fmt.Errorf("condition %q: unclosed quote", src)
			}
			toks = append(toks, ctok{text: string(rs[i+1 : j]), quoted: true})
			i = j + 1
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || strings.ContainsRune("_.-", rs[j])) {
				j++
			}
			toks = append(toks, ctok{text: string(rs[i:j])})
			i = j
		default:
			return nil, fmt.Errorf("condition %q: unexpected %q", src, string(r))
		}
	}
	if len(toks) == 0 {
		return nil, fmt.Errorf("empty condition")
	}
	return toks, nil
}

type condParser struct {
	toks []ctok
	pos  int
	src  string
}

func (p *condParser) peek() string {
	if p.pos < len(p.toks) && !p.toks[p.pos].quoted {
		return p.toks[p.pos].text
	}
	return ""
}

func (p *condParser) or() (*cnode, error) {
	l, err := p.and()
	for err == nil && p.peek() == "or" {
		p.pos++
		var r *cnode
		if r, err = p.and(); err == nil {
			l = &cnode{op: "or", left: l, right: r}
		}
	}
	return l, err
}

func (p *condParser) and() (*cnode, error) {
	l, err := p.unary()
	for err == nil && p.peek() == "and" {
		p.pos++
		var r *cnode
		if r, err = p.unary(); err == nil {
			l = &cnode{op: "and", left: l, right: r}
		}
	}
	return l, err
}

func (p *condParser) unary() (*cnode, error) {
	if p.peek() == "not" {
		p.pos++
		n, err := p.unary()
		return &cnode{op: "not", left: n}, err
	}
	return p.primary()
}

func (p *condParser) primary() (*cnode, error) {
	if p.pos >= len(p.toks) {
		return nil, fmt.Errorf("condition %q: ends too early", p.src)
	}
	if p.peek() == "(" {
		p.pos++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, fmt.Errorf("condition %q: missing )", p.src)
		}
		p.pos++
		return n, nil
	}
	first := p.toks[p.pos]
	if !first.quoted && isKeyword(first.text) {
		return nil, fmt.Errorf("condition %q: unexpected %q", p.src, first.text)
	}
	p.pos++
	switch op := p.peek(); op {
	case "in":
		p.pos++
		if p.pos >= len(p.toks) || p.toks[p.pos].quoted || !isName(p.toks[p.pos].text) {
			return nil, fmt.Errorf("condition %q: \"in\" needs a list field after it, such as services", p.src)
		}
		name := p.toks[p.pos].text
		p.pos++
		return &cnode{op: "in", name: name, value: first.text}, nil
	case "==", "!=":
		p.pos++
		if p.pos >= len(p.toks) {
			return nil, fmt.Errorf("condition %q: %s needs a value after it", p.src, op)
		}
		val := p.toks[p.pos].text
		p.pos++
		if first.quoted || !isName(first.text) {
			return nil, fmt.Errorf("condition %q: a field name must come before %s", p.src, op)
		}
		return &cnode{op: op, name: first.text, value: val}, nil
	}
	if first.quoted || !isName(first.text) {
		return nil, fmt.Errorf("condition %q: %q is not a field name", p.src, first.text)
	}
	return &cnode{op: "field", name: first.text}, nil
}

func isKeyword(s string) bool {
	switch s {
	case "and", "or", "not", "in", ")", "==", "!=":
		return true
	}
	return false
}

func isName(s string) bool {
	if s == "" || isKeyword(s) || s == "(" {
		return false
	}
	r := []rune(s)[0]
	return unicode.IsLetter(r) || r == '_'
}
