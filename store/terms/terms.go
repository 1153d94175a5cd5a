// Package terms loads the terms content of one version — a published
// version, a draft revision or the working tree — once, so that the
// agreements of many customers can be assembled from it. It is the lower
// half of the application layer (package store): it chooses nothing and
// writes nothing, and it knows no comparison or notice.
package terms

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
)

// Content is one version of the terms content, loaded: the clauses, the
// templates and the notice letters, with what is known of the version.
// Assembly only reads it, so workers may share it.
type Content struct {
	// Version is the version id; empty for the working tree of a store
	// without published versions. A draft is named by its revision.
	Version    string
	Effective  time.Time // the date the version takes effect; zero for a draft
	NoticeDate time.Time // the notice date recorded when it was published; zero if unknown
	// Draft marks content that is not a published version (a git revision
	// or the working tree, for a preview): no notice made from it is sent.
	Draft bool
	// Summary is the plain-language summary of the change recorded when
	// the version was published; empty if none.
	Summary   string
	Store     *clauses.Store
	Templates map[string]*agreement.Template
	// Letters are the version's notice letter templates by language:
	// letters/notice.<lang>.md (see package notice).
	Letters map[string][]byte
	// FS holds the content's files.
	FS fs.FS
}

// Languages a notice letter can be written in.
var Languages = []string{"nl", "en"}

// LetterFile returns the path of the notice letter template of a language.
func LetterFile(lang string) string { return "letters/notice." + lang + ".md" }

// Load reads the terms content in fsys: its clauses, templates and letters.
// The version's id and dates are the caller's to fill in.
func Load(fsys fs.FS) (*Content, error) {
	st, err := clauses.Load(fsys)
	if err != nil {
		return nil, err
	}
	ts, err := agreement.LoadTemplates(fsys)
	if err != nil {
		return nil, err
	}
	letters := map[string][]byte{}
	for _, lang := range Languages {
		src, err := clauses.ReadFile(fsys, LetterFile(lang))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		letters[lang] = src
	}
	return &Content{Store: st, Templates: ts, Letters: letters, FS: fsys}, nil
}

// LoadVersion reads the terms content of version id, effective on
// effective and noticed on noticeDate, from fsys; an error names the
// version.
func LoadVersion(fsys fs.FS, id string, effective, noticeDate time.Time) (*Content, error) {
	c, err := Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", id, err)
	}
	c.Version, c.Effective, c.NoticeDate = id, effective, noticeDate
	return c, nil
}

// Assemble returns the agreement customer c gets under this content: its
// template, the parts and clauses that apply to it and its own values
// (values for variables this version does not declare are left out by
// agreement.Assemble, so one customer file serves both versions of a
// comparison). For the Reference customer, variables that only have a
// stand-in value print as "{{name}}".
func (t *Content) Assemble(c *agreement.Customer) (*agreement.Agreement, error) {
	tmpl := t.Templates[c.Template]
	if tmpl == nil {
		msg := fmt.Sprintf("unknown template %q (no templates/%s.yaml)", c.Template, c.Template)
		if c.File == "" {
			return nil, errors.New(msg)
		}
		return nil, &clauses.Error{File: c.File, Line: c.Line("template"), Msg: msg}
	}
	doc, err := agreement.Assemble(t.Store, tmpl, c)
	if err != nil {
		return nil, err
	}
	doc.Customer = c
	doc.Version, doc.Effective = t.Version, t.Effective
	if c.ID == "" {
		placeholders(doc, t.Store.Config.Variables, c.Values)
	}
	return doc, nil
}

// Reference returns the customer a comparison without a customer uses: one
// who buys every service of the contents and has no values of its own, so
// that every default applies. A variable without any default gets a
// stand-in value that its conditions see (a yes/no variable is "no"), and
// prints as "{{name}}". Its ID is empty.
func Reference(contents ...*Content) *agreement.Customer {
	c := &agreement.Customer{Template: agreement.DefaultTemplate, Values: map[string]string{}, DPA: map[string]string{}}
	services := map[string]bool{}
	for _, t := range contents {
		for _, svc := range t.Store.Config.Services {
			if !services[svc.ID] {
				services[svc.ID] = true
				c.Services = append(c.Services, svc.ID)
			}
		}
		for name, d := range t.Store.Config.Variables {
			if d.Default != "" || t.hasTemplateDefault(name) {
				continue
			}
			v := standIn[d.Type]
			if dpa, ok := strings.CutPrefix(name, "dpa."); ok && dpa != "" {
				c.DPA[dpa] = v
			} else {
				c.Values[name] = v
			}
		}
	}
	sort.Strings(c.Services)
	return c
}

func (t *Content) hasTemplateDefault(name string) bool {
	tmpl := t.Templates[agreement.DefaultTemplate]
	if tmpl == nil {
		return false
	}
	_, ok := tmpl.Defaults[name]
	return ok
}

// standIn are the values of variables without a default in a comparison
// without a customer; the text is replaced by the variable's name.
var standIn = map[string]string{
	"text": "-", "date": "2000-01-01", "money": "0", "number": "0", "duration": "1 month", "yesno": "no",
}

// placeholders prints the variables that had only a stand-in value as
// "{{name}}".
func placeholders(doc *agreement.Agreement, decls map[string]clauses.VarDecl, values map[string]string) {
	fix := func(in []agreement.Inline) {
		for i := range in {
			name := in[i].Var
			if name == "" || decls[name].Type == "yesno" {
				continue
			}
			if _, ok := values[name]; ok {
				in[i].Text = "{{" + name + "}}"
			}
		}
	}
	for _, p := range doc.Parts {
		agreement.Walk(p.Blocks, func(b *agreement.Block) {
			fix(b.Inlines)
			for _, row := range b.Rows {
				for _, cell := range row {
					fix(cell)
				}
			}
		})
	}
}
