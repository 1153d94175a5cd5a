package diff

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"time"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/templates"
)

// Source is one version of the terms content, loaded once so that the
// documents of many customers can be assembled from it.
type Source struct {
	Version    string    // version id
	Effective  time.Time // effective date of the version
	NoticeDate time.Time // the notice date recorded when it was published; zero if unknown
	// Draft marks content that is not a published version (a git revision
	// or the working tree, for a preview): no notice made from it is sent.
	Draft bool
	// Summary is the plain-language summary of the change recorded when
	// the version was published; empty if none.
	Summary   string
	Store     *clauses.Store
	Templates map[string]*templates.Template
	// Letters are the version's notice letter templates by language:
	// letters/notice.<lang>.md (see package notice).
	Letters map[string][]byte
}

// LetterFile returns the path of the notice letter template of a language.
func LetterFile(lang string) string { return "letters/notice." + lang + ".md" }

// Languages a notice letter can be written in.
var Languages = []string{"nl", "en"}

// Load reads the terms content of version id from fsys.
func Load(fsys fs.FS, id string, effective, noticeDate time.Time) (*Source, error) {
	st, err := clauses.Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", id, err)
	}
	ts, err := templates.LoadTemplates(fsys)
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", id, err)
	}
	letters := map[string][]byte{}
	for _, lang := range Languages {
		src, err := clauses.ReadFile(fsys, LetterFile(lang))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("version %s: %w", id, err)
		}
		letters[lang] = src
	}
	return &Source{Version: id, Effective: effective, NoticeDate: noticeDate, Store: st, Templates: ts, Letters: letters}, nil
}

// Assemble returns the document customer c gets under this version: its
// template, the parts and clauses that apply to it, its own values (values
// for variables this version does not declare are left out by
// templates.Assemble, so one customer file serves both versions of a
// comparison).
func (s *Source) Assemble(c *templates.Customer) (*templates.Document, error) {
	tmpl := s.Templates[c.Template]
	if tmpl == nil {
		return nil, fmt.Errorf("version %s has no template %q (the template of customer %s)", s.Version, c.Template, customerName(c))
	}
	doc, err := templates.Assemble(s.Store, tmpl, c)
	if err != nil {
		return nil, fmt.Errorf("version %s, customer %s: %w", s.Version, customerName(c), err)
	}
	doc.Customer = c
	doc.Version, doc.Effective = s.Version, s.Effective
	if c.ID == "" {
		placeholders(doc, s.Store.Config.Variables, c.Values)
	}
	return doc, nil
}

func customerName(c *templates.Customer) string {
	if c.ID == "" {
		return "(reference)"
	}
	return c.ID
}

// Reference returns the customer a comparison without a customer uses: one
// who buys every service of both versions and has no values of its own, so
// that every default applies. A variable without any default gets a stand-in
// value that its conditions see (a yes/no variable is "no"), and prints as
// "{{name}}".
func Reference(srcs ...*Source) *templates.Customer {
	c := &templates.Customer{Template: templates.DefaultTemplate, Values: map[string]string{}, DPA: map[string]string{}}
	services := map[string]bool{}
	for _, s := range srcs {
		for _, svc := range s.Store.Config.Services {
			if !services[svc.ID] {
				services[svc.ID] = true
				c.Services = append(c.Services, svc.ID)
			}
		}
		for name, d := range s.Store.Config.Variables {
			if d.Default != "" || hasTemplateDefault(s, name) {
				continue
			}
			v := standIn[d.Type]
			if len(name) > 4 && name[:4] == "dpa." {
				c.DPA[name[4:]] = v
			} else {
				c.Values[name] = v
			}
		}
	}
	sort.Strings(c.Services)
	return c
}

func hasTemplateDefault(s *Source, name string) bool {
	t := s.Templates[templates.DefaultTemplate]
	if t == nil {
		return false
	}
	_, ok := t.Defaults[name]
	return ok
}

// standIn are the values of variables without a default in a comparison
// without a customer; the text is replaced by the variable's name.
var standIn = map[string]string{
	"text": "-", "date": "2000-01-01", "money": "0", "number": "0", "duration": "1 month", "yesno": "no",
}

// placeholders prints the variables that had only a stand-in value as
// "{{name}}".
func placeholders(doc *templates.Document, decls map[string]clauses.VarDecl, values map[string]string) {
	fix := func(in []templates.Inline) {
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
		templates.Walk(p.Blocks, func(b *templates.Block) {
			fix(b.Inlines)
			for _, row := range b.Rows {
				for _, cell := range row {
					fix(cell)
				}
			}
		})
	}
}

// NoticePeriod returns the notice period, in days, for a change from old to
// new: old's notice_period_days. The notice is given under the terms in
// force, so a new version cannot shorten (or lengthen) the period of its
// own notice.
func NoticePeriod(old, new *Source) int {
	return old.Store.Config.NoticePeriodDays
}

// ObjectionRule returns the objection rule for a change from old to new:
// old's notices.objection, the rule of the terms in force; new's when old
// declares none (a version published before the store declared its rule).
func ObjectionRule(old, new *Source) clauses.Objection {
	if r := old.Store.Config.Notices.Rule(); r.Kind != "" {
		return r
	}
	return new.Store.Config.Notices.Rule()
}

// NewReport compares the documents customer c gets under old and new (nil:
// the Reference customer) and returns the report, dated noticeDate (zero if
// there is no notice date yet: then the report has no deadline either).
func NewReport(old, new *Source, c *templates.Customer, noticeDate time.Time) (*Report, error) {
	cust := c
	if cust == nil {
		cust = Reference(old, new)
	}
	od, err := old.Assemble(cust)
	if err != nil {
		return nil, err
	}
	nd, err := new.Assemble(cust)
	if err != nil {
		return nil, err
	}
	r := &Report{
		old:  od,
		From: old.Version, To: new.Version, Customer: c,
		Language: nd.Language, Title: nd.Title,
		NoticeDate: noticeDate, Effective: new.Effective,
		PeriodDays: NoticePeriod(old, new),
		Objection:  ObjectionRule(old, new),
		Summary:    new.Summary,
		Changes:    Compare(od, nd),
	}
	r.Deadline = Deadline(noticeDate, r.Effective, r.Objection)
	return r, nil
}
