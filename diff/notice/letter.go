package notice

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/lazy"
)

// Letter is a store's notice letter template: letters/notice.<lang>.md of
// a published version, in the store's own words. It is Markdown with front
// matter:
//
//	---
//	subject: Wijziging van de {{terms}} per {{effective_date}}
//	salutation: Geachte {{contact.name}},
//	closing: Met vriendelijke groet,
//	---
//
//	{{summary}}
//
//	Op grond van artikel [2.2](#toepasselijkheid-2) van de {{terms}} …
//
//	<!-- when: between -->
//	Dit bericht omvat ook de wijzigingen van versie {{between}}.
//	<!-- end -->
//
//	{{changes}}
//
// Paragraphs are separated by blank lines; "- " starts a bullet; lines
// that start with "> " are a quotation (a line of ">" alone separates its
// paragraphs); a trailing backslash breaks the line; **bold** is bold. {{name}} is a
// variable (LetterVariables); a link to #id is a cross-reference that
// prints the number the clause has in the terms in force for the customer,
// so the letter's citation follows renumbering. {{summary}} and
// {{changes}} on a line of their own place legal's plain-language summary
// and the overview of the changes. <!-- when: COND --> … <!-- end -->
// keeps the blocks between only when COND holds (LetterConditions).
type Letter struct {
	File                         string
	Lang                         string
	subject, salutation, closing inlineText
	blocks                       []letterBlock
	hasSummary, hasChanges       bool
}

// inlineText is text with {{variables}}, references and **bold**, and the
// line it starts on.
type inlineText struct {
	text string
	line int
}

type blockKind int

const (
	paraBlock blockKind = iota
	bulletBlock
	quoteBlock
	summaryBlock
	changesBlock
)

type letterBlock struct {
	kind blockKind
	text inlineText
	when []string // the conditions that must all hold
}

// LetterVariables are the variables a letter template may use.
var LetterVariables = []string{
	"supplier.name", "supplier.legal_name", "supplier.email", "supplier.address",
	"customer.name", "customer.address", "contact.name", "contact.email",
	"terms", "from", "to", "notice_date", "effective_date", "deadline",
	"period_days", "objection_days", "change_count", "between",
}

// LetterConditions are the conditions of <!-- when: … --> in a letter
// template: legal's summary is given; versions were passed over; the
// notice is a preview; the terms in force give an objection deadline;
// "changed ID" holds when a clause or document ID changed for the
// customer, "has ID" when the terms in force for the customer have it (a
// clause of a chapter the customer does not buy is not cited). Each may be
// negated with "not".
var LetterConditions = []string{"summary", "between", "preview", "objection", "changed ID", "has ID"}

var (
	varRe  = lazy.Regexp(`\{\{\s*([a-z_.]+)\s*\}\}`)
	refRe  = lazy.Regexp(`\[([^\]]*)\]\(#([a-z0-9-]+)\)`)
	whenRe = lazy.Regexp(`^<!--\s*when:\s*(.*?)\s*-->$`)
	endRe  = lazy.Regexp(`^<!--\s*end\s*-->$`)
	idRe   = lazy.Regexp(`^[a-z0-9][a-z0-9-]*$`)
)

// ParseLetter parses a letter template; file names it in errors
// ("letters/notice.nl.md:12: …").
func ParseLetter(file, lang string, src []byte) (*Letter, error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	l := &Letter{File: file, Lang: lang}
	fail := func(line int, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...))
	}
	end, err := l.frontMatter(lines, fail)
	if err != nil {
		return nil, err
	}

	var when []string
	var whenLine []int
	var cur []string
	curLine, curKind := 0, paraBlock
	flush := func() {
		if len(cur) > 0 {
			l.blocks = append(l.blocks, letterBlock{kind: curKind, text: inlineText{text: joinLines(cur), line: curLine}, when: slices.Clone(when)})
		}
		cur = nil
	}
	for i := end + 1; i < len(lines); i++ {
		n, s := i+1, strings.TrimSpace(lines[i])
		switch {
		case s == "":
			flush()
		case whenRe().MatchString(s):
			flush()
			cond := whenRe().FindStringSubmatch(s)[1]
			if err := checkCondition(cond); err != nil {
				return nil, fail(n, "%v", err)
			}
			when, whenLine = append(when, cond), append(whenLine, n)
		case endRe().MatchString(s):
			flush()
			if len(when) == 0 {
				return nil, fail(n, "<!-- end --> without <!-- when: … -->")
			}
			when, whenLine = when[:len(when)-1], whenLine[:len(whenLine)-1]
		case strings.HasPrefix(s, "<!--"):
			flush() // a note for authors, perhaps over several lines
			for !strings.Contains(lines[i], "-->") {
				if i++; i == len(lines) {
					return nil, fail(n, "comment not closed with -->")
				}
			}
		case s == "{{summary}}" || s == "{{changes}}":
			flush()
			k := summaryBlock
			if s == "{{changes}}" {
				k = changesBlock
				l.hasChanges = true
			} else {
				l.hasSummary = true
			}
			l.blocks = append(l.blocks, letterBlock{kind: k, text: inlineText{line: n}, when: slices.Clone(when)})
		case strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* "):
			flush()
			cur, curLine, curKind = []string{strings.TrimSpace(s[2:])}, n, bulletBlock
		case strings.HasPrefix(s, ">"):
			q := strings.TrimSpace(s[1:])
			if q == "" || strings.HasPrefix(q, ">") {
				if q != "" {
					return nil, fail(n, "a quotation inside a quotation: a letter quotes one level deep")
				}
				flush() // "> " alone separates the paragraphs of a quotation
				continue
			}
			if cur != nil && curKind != quoteBlock {
				flush()
			}
			if cur == nil {
				curLine, curKind = n, quoteBlock
			}
			cur = append(cur, q)
		case strings.HasPrefix(s, "#") || strings.HasPrefix(s, "|") || strings.HasPrefix(s, "```"):
			return nil, fail(n, "a letter has paragraphs, bullets and quotations only")
		default:
			if cur != nil && curKind == quoteBlock {
				flush() // a quotation ends where its "> " lines end
			}
			if cur == nil {
				curLine, curKind = n, paraBlock
			}
			cur = append(cur, lines[i])
		}
	}
	flush()
	if len(when) > 0 {
		return nil, fail(whenLine[len(whenLine)-1], "<!-- when: %s --> is not closed with <!-- end -->", when[len(when)-1])
	}
	for _, t := range l.texts() {
		if err := checkInline(t); err != nil {
			return nil, fail(t.line, "%v", err)
		}
	}
	return l, nil
}

// frontMatter reads the letter's front matter — subject, salutation and
// closing, between --- lines — and returns the index of its closing line.
func (l *Letter) frontMatter(lines []string, fail func(int, string, ...any) error) (int, error) {
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return 0, fail(1, "a letter starts with front matter (subject, salutation, closing) between --- lines")
	}
	end := slices.IndexFunc(lines[1:], func(s string) bool { return strings.TrimSpace(s) == "---" })
	if end < 0 {
		return 0, fail(1, "front matter is not closed with ---")
	}
	end++
	var fm struct {
		Subject    string `yaml:"subject"`
		Salutation string `yaml:"salutation"`
		Closing    string `yaml:"closing"`
	}
	if err := clauses.DecodeYAML(l.File, []byte(strings.Join(lines[1:end], "\n")), &fm); err != nil {
		return 0, err
	}
	for _, f := range []struct {
		key, val string
		dst      *inlineText
	}{{"subject", fm.Subject, &l.subject}, {"salutation", fm.Salutation, &l.salutation}, {"closing", fm.Closing, &l.closing}} {
		if strings.TrimSpace(f.val) == "" {
			return 0, fail(1, "front matter needs %s", f.key)
		}
		*f.dst = inlineText{text: f.val, line: 1 + slices.IndexFunc(lines, func(s string) bool { return strings.HasPrefix(s, f.key+":") })}
	}
	return end, nil
}

// joinLines joins the lines of a paragraph: a soft line end is a space, a
// trailing backslash a line break.
func joinLines(lines []string) string {
	var sb strings.Builder
	for i, s := range lines {
		s = strings.TrimSpace(s)
		hard := strings.HasSuffix(s, "\\")
		sb.WriteString(strings.TrimSuffix(s, "\\"))
		if i < len(lines)-1 {
			if hard {
				sb.WriteByte('\n')
			} else {
				sb.WriteByte(' ')
			}
		}
	}
	return sb.String()
}

func (l *Letter) texts() []inlineText {
	out := []inlineText{l.subject, l.salutation, l.closing}
	for _, b := range l.blocks {
		if b.kind == paraBlock || b.kind == bulletBlock || b.kind == quoteBlock {
			out = append(out, b.text)
		}
	}
	return out
}

func checkCondition(cond string) error {
	c := strings.TrimSpace(strings.TrimPrefix(cond, "not "))
	for _, p := range []string{"changed ", "has "} {
		if id, ok := strings.CutPrefix(c, p); ok {
			if !idRe().MatchString(strings.TrimSpace(id)) {
				return fmt.Errorf("when: %s%q: not an id", p, id)
			}
			return nil
		}
	}
	if !slices.Contains(LetterConditions, c) {
		return fmt.Errorf("when: unknown condition %q: use %s, each perhaps after not", cond, strings.Join(LetterConditions, ", "))
	}
	return nil
}

func checkInline(t inlineText) error {
	for _, m := range varRe().FindAllStringSubmatch(t.text, -1) {
		switch m[1] {
		case "summary", "changes":
			return fmt.Errorf("{{%s}} stands on a line of its own", m[1])
		}
		if !slices.Contains(LetterVariables, m[1]) {
			return fmt.Errorf("unknown variable {{%s}}; a letter knows %s", m[1], strings.Join(LetterVariables, ", "))
		}
	}
	if rest := varRe().ReplaceAllString(t.text, ""); strings.Contains(rest, "{{") {
		return errors.New("unclosed or malformed {{variable}}")
	}
	if strings.Count(t.text, "**")%2 != 0 {
		return errors.New("unclosed **bold**")
	}
	return nil
}

// span is a piece of a letter's text, bold or not.
type span struct {
	text string
	bold bool
}

// para is one block of a letter as written for a customer.
type para struct {
	kind  blockKind
	spans []span
}

func plain(spans []span) string {
	var sb strings.Builder
	for _, s := range spans {
		sb.WriteString(s.text)
	}
	return sb.String()
}

// letterData is what a letter's variables and conditions are filled from.
type letterData struct {
	n    *Notice
	vars map[string]string
}

func (n *Notice) letterData() *letterData {
	r, c, s := n.Report, n.Report.Customer, n.Supplier
	d := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return n.date(t)
	}
	objectionDays := ""
	if r.Objection.Kind == clauses.ObjectionDays {
		objectionDays = fmt.Sprint(r.Objection.Days)
	}
	var between []string
	for _, b := range r.Between {
		between = append(between, fmt.Sprintf(n.words.Between, b.Version, d(b.Effective)))
	}
	return &letterData{n: n, vars: map[string]string{
		"supplier.name": n.SupplierName(), "supplier.legal_name": s.LegalName, "supplier.email": s.Email, "supplier.address": s.Address,
		"customer.name": c.LegalName, "customer.address": c.Address, "contact.name": c.Contact.Name, "contact.email": c.Contact.Email,
		"terms": r.Title, "from": r.From, "to": r.To,
		"notice_date": d(r.NoticeDate), "effective_date": d(r.Effective), "deadline": d(r.Deadline),
		"period_days": fmt.Sprint(r.PeriodDays), "objection_days": objectionDays,
		"change_count": fmt.Sprint(len(r.Changes)), "between": listJoin(between, n.words.And),
	}}
}

// listJoin joins "a", "b" and "c" as "a, b and c".
func listJoin(items []string, and string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + and + " " + items[len(items)-1]
}

func (d *letterData) holds(cond string) bool {
	neg := strings.HasPrefix(cond, "not ")
	c := strings.TrimSpace(strings.TrimPrefix(cond, "not "))
	r := d.n.Report
	var v bool
	switch {
	case c == "summary":
		v = strings.TrimSpace(r.Summary) != ""
	case c == "between":
		v = len(r.Between) > 0
	case c == "preview":
		v = r.Preview
	case c == "objection":
		v = !r.Deadline.IsZero()
	case strings.HasPrefix(c, "has "):
		_, v = r.Ref(strings.TrimSpace(strings.TrimPrefix(c, "has ")))
	case strings.HasPrefix(c, "changed "):
		id := strings.TrimSpace(strings.TrimPrefix(c, "changed "))
		for _, ch := range r.Changes {
			if ch.ID == id || ch.Part == id {
				v = true
				break
			}
		}
	}
	return v != neg
}

// fill writes out one text of the letter for the customer: variables
// filled in, references printed as numbered in the terms in force.
func (d *letterData) fill(l *Letter, t inlineText) ([]span, error) {
	var err error
	s := varRe().ReplaceAllStringFunc(t.text, func(m string) string {
		name := varRe().FindStringSubmatch(m)[1]
		v := d.vars[name]
		if v == "" && err == nil {
			err = fmt.Errorf("%s:%d: {{%s}} has no value for this notice (%s)", l.File, t.line, name, d.why(name))
		}
		return v
	})
	s = refRe().ReplaceAllStringFunc(s, func(m string) string {
		sub := refRe().FindStringSubmatch(m)
		num, ok := d.n.Report.Ref(sub[2])
		if !ok && err == nil {
			err = fmt.Errorf("%s:%d: reference #%s: version %s, the terms in force, has no such clause for customer %s",
				l.File, t.line, sub[2], d.n.Report.From, d.n.Report.Customer.ID)
		}
		return num
	})
	if err != nil {
		return nil, err
	}
	var out []span
	for i, part := range strings.Split(s, "**") {
		if part != "" {
			out = append(out, span{text: part, bold: i%2 == 1})
		}
	}
	return out, nil
}

func (d *letterData) why(name string) string {
	switch name {
	case "deadline":
		return "the terms in force give no objection right: notices.objection is " + strings.TrimSpace(d.n.Report.Objection.String()+" ") + "; use <!-- when: objection -->"
	case "objection_days":
		return `notices.objection is not "N days"`
	case "between":
		return "no version was passed over; use <!-- when: between -->"
	}
	return "empty"
}

// written is a letter template written out for one customer.
type written struct {
	subject, salutation, closing string
	body                         []para // summaryBlock and changesBlock mark where those go
}

// write fills in the letter for the notice's customer, keeping the blocks
// whose conditions hold. The summary opens the letter when the template
// does not place it.
func (l *Letter) write(n *Notice) (*written, error) {
	d := n.letterData()
	w := &written{}
	one := func(t inlineText) (string, error) {
		spans, err := d.fill(l, t)
		return plain(spans), err
	}
	var err error
	if w.subject, err = one(l.subject); err != nil {
		return nil, err
	}
	if w.salutation, err = one(l.salutation); err != nil {
		return nil, err
	}
	if w.closing, err = one(l.closing); err != nil {
		return nil, err
	}
	if !l.hasSummary {
		w.body = append(w.body, para{kind: summaryBlock})
	}
blocks:
	for _, b := range l.blocks {
		for _, c := range b.when {
			if !d.holds(c) {
				continue blocks
			}
		}
		p := para{kind: b.kind}
		if b.kind == paraBlock || b.kind == bulletBlock || b.kind == quoteBlock {
			if p.spans, err = d.fill(l, b.text); err != nil {
				return nil, err
			}
		}
		w.body = append(w.body, p)
	}
	return w, nil
}

// summaryParas splits legal's plain-language summary into paragraphs,
// bullets and quotations: blank lines separate paragraphs, "- " starts a
// bullet, "> " a line of a quotation.
func summaryParas(s string) []para {
	var out []para
	var cur []string
	kind := paraBlock
	flush := func() {
		if len(cur) > 0 {
			out = append(out, para{kind: kind, spans: []span{{text: joinLines(cur)}}})
		}
		cur = nil
	}
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* "):
			flush()
			cur, kind = []string{t[2:]}, bulletBlock
		case strings.HasPrefix(t, ">"):
			q := strings.TrimSpace(strings.TrimLeft(t, ">"))
			if q == "" {
				flush()
				continue
			}
			if cur != nil && kind != quoteBlock {
				flush()
			}
			cur, kind = append(cur, q), quoteBlock
		default:
			if cur != nil && kind == quoteBlock {
				flush()
			}
			if cur == nil {
				kind = paraBlock
			}
			cur = append(cur, t)
		}
	}
	flush()
	return out
}

// Check reports, as "file:line: message" errors, every cross-reference and
// every "changed ID"/"has ID" condition of the letter that names no clause
// or document of st: the letter of a version must cite that version's own
// clauses. Parsing already checked variables and conditions' syntax.
func (l *Letter) Check(st *clauses.Store) []error {
	known := func(id string) bool { return st.Clauses[id] != nil || st.Documents[id] != nil }
	var errs []error
	for _, t := range l.texts() {
		for _, m := range refRe().FindAllStringSubmatch(t.text, -1) {
			if !known(m[2]) {
				errs = append(errs, fmt.Errorf("%s:%d: reference [%s](#%s) to unknown id %q", l.File, t.line, m[1], m[2], m[2]))
			}
		}
	}
	for _, b := range l.blocks {
		for _, cond := range b.when {
			c := strings.TrimSpace(strings.TrimPrefix(cond, "not "))
			for _, p := range []string{"changed ", "has "} {
				if id, ok := strings.CutPrefix(c, p); ok && !known(strings.TrimSpace(id)) {
					errs = append(errs, fmt.Errorf("%s:%d: condition %q names unknown id %q", l.File, b.text.line, cond, strings.TrimSpace(id)))
				}
			}
		}
	}
	return errs
}
