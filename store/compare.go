package store

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/diff/notice"
	"github.com/termsmith/termsmith/internal/output"
	"github.com/termsmith/termsmith/offer"
	"github.com/termsmith/termsmith/render"
	"github.com/termsmith/termsmith/store/terms"
)

// Compare compares the agreements customer c (nil: the reference
// customer, who buys every service and has the default values) gets under
// old and new, and dates the report's notice noticeDate (zero if there is
// no notice date yet: then the report has no deadline either) under the
// notice policy of old, the terms in force.
func Compare(old, new *terms.Content, c *agreement.Customer, noticeDate time.Time) (*diff.Report, error) {
	cust := c
	if cust == nil {
		cust = terms.Reference(old, new)
	}
	od, err := assembleFor(old, cust)
	if err != nil {
		return nil, err
	}
	nd, err := assembleFor(new, cust)
	if err != nil {
		return nil, err
	}
	r := diff.NewReport(od, nd)
	notice.PolicyOf(old.Store.Config, new.Store.Config).Apply(r, noticeDate)
	r.Summary = new.Summary
	return r, nil
}

// Diff compares from and to — each a published version, a git revision
// or "worktree" — as customer gets them (Compare), dated the notice date
// of to; with no customer, for the reference customer or, with every set,
// for each customer of the working tree, which must all load. It returns
// one report per customer.
func (s *Store) Diff(from, to, customer string, every bool) ([]*diff.Report, error) {
	old, err := s.Resolve(from)
	if err != nil {
		return nil, err
	}
	new, err := s.Resolve(to)
	if err != nil {
		return nil, err
	}
	custs := []*agreement.Customer{nil} // the reference customer
	if customer != "" {
		c, err := s.Customer(customer)
		if err != nil {
			return nil, err
		}
		custs = []*agreement.Customer{c}
	} else if every {
		var failures []string
		if custs, failures = s.Customers(); len(failures) > 0 {
			return nil, Unusable(errors.New(strings.Join(failures, "\n")))
		}
	}
	reports := make([]*diff.Report, len(custs))
	for i, c := range custs {
		if reports[i], err = Compare(old, new, c, new.NoticeDate); err != nil {
			return nil, err
		}
	}
	return reports, nil
}

// DiffFormats are the forms a comparison is written in (DiffOutput).
var DiffFormats = []string{"text", "json", "html", "pdf", "md"}

// DiffOutput compares from and to for customer (Diff) and returns the
// result in format, one of DiffFormats: text, the redline with control and
// invisible characters shown as \u{XXXX} (a redline must not hide a
// change, nor send a terminal commands); json (docs/notice-json.md); html
// and pdf, the summary table and redline; md, what changes for every
// customer (or only customer), for a pull-request comment. A format that
// is not one of them is unusable input.
func (s *Store) DiffOutput(from, to, customer, format string) ([]byte, error) {
	if !slices.Contains(DiffFormats, format) {
		n := len(DiffFormats) - 1
		return nil, Unusable(fmt.Errorf("--format %q: use %s or %s", format, strings.Join(DiffFormats[:n], ", "), DiffFormats[n]))
	}
	reports, err := s.Diff(from, to, customer, format == "md")
	if err != nil {
		return nil, err
	}
	switch r := reports[0]; format {
	case "md":
		return diff.Markdown(from, to, reports), nil
	case "json":
		return r.JSON()
	case "html":
		return r.HTML()
	case "pdf":
		return notice.RedlinePDF(r)
	default:
		return []byte(clauses.Visible(r.Text())), nil
	}
}

// assembleFor assembles a customer's agreement for a comparison; an error
// names the version and the customer.
func assembleFor(t *terms.Content, c *agreement.Customer) (*agreement.Agreement, error) {
	doc, err := t.Assemble(c)
	if err != nil {
		who := c.ID
		if who == "" {
			who = "(reference)"
		}
		return nil, fmt.Errorf("version %s, customer %s: %w", t.Version, who, err)
	}
	return doc, nil
}

// LoadLetter parses the notice letter template of content t in lang; an
// error names the file when the version has none.
func LoadLetter(t *terms.Content, lang string) (*notice.Letter, error) {
	file := terms.LetterFile(lang)
	data, ok := t.Letters[lang]
	if !ok {
		return nil, fmt.Errorf("version %s has no notice letter %s: a notice is written in the store's own words (see docs/notices.md)", t.Version, file)
	}
	l, err := notice.ParseLetter(file, lang, data)
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", t.Version, err)
	}
	return l, nil
}

// Between returns the versions published between old and new (by
// effective date), oldest first: a notice from old to new includes their
// changes.
func (s *Store) Between(old, new *terms.Content) ([]diff.Step, error) {
	repo, err := s.Repo()
	if err != nil {
		return nil, err
	}
	list, err := repo.List()
	if err != nil {
		return nil, err
	}
	var out []diff.Step
	for _, v := range list {
		if v.Effective.After(old.Effective) && v.Effective.Before(new.Effective) {
			out = append(out, diff.Step{Version: v.ID, Effective: v.Effective})
		}
	}
	sort.Slice(out, func(i, k int) bool { return out[i].Effective.Before(out[k].Effective) })
	return out, nil
}

// RenderAgreement assembles, renders and writes customer c's agreement
// under content t to DIR/<customer>/<version>/agreement.<format> and
// returns the path written. Nothing is written if anything fails.
func RenderAgreement(t *terms.Content, c *agreement.Customer, format render.Format, dir string) (string, error) {
	doc, err := t.Assemble(c)
	if err != nil {
		return "", err
	}
	path, err := render.AgreementPath(dir, c.ID, t.Version, format)
	if err != nil {
		return "", err
	}
	data, err := render.Agreement(doc, format)
	if err != nil {
		return "", err
	}
	if err := output.New(dir).WriteFile(path, data); err != nil {
		return "", err
	}
	return path, nil
}

// RenderAll renders the agreements of custs under content t, as
// RenderAgreement does, on jobs goroutines, calling done after each.
func RenderAll(t *terms.Content, custs []*agreement.Customer, format render.Format, dir string, jobs int, done func()) *Batch {
	return ForCustomers(custs, jobs, done, func(c *agreement.Customer) ([]string, error) {
		path, err := RenderAgreement(t, c, format, dir)
		if err != nil {
			return nil, err
		}
		return []string{path}, nil
	})
}

// Offer builds customer id's offer, renders it — with the terms enclosed,
// or referred to — and writes it to DIR/<customer>/offer-<number>.pdf
// (offer-<number>-without-terms.pdf when the terms are not enclosed), and
// returns the path written. The terms are the content sel chooses or,
// when it chooses none, the version in force on the offer's date, so that
// the same offer always encloses the same terms; a store without
// published versions offers its working tree. A customer's values or
// terms that cannot make an offer are unusable input.
func (s *Store) Offer(id string, sel Selector, attachTerms bool, dir string) (string, error) {
	c, err := s.Customer(id)
	if err != nil {
		return "", err
	}
	date, err := offer.Date(c)
	if err != nil {
		return "", Unusable(err)
	}
	path, err := render.OfferPath(dir, c.ID, c.Offer.Number, attachTerms)
	if err != nil {
		return "", Unusable(&clauses.Error{File: c.File, Line: c.Line("offer"), Msg: "offer.number: " + err.Error()})
	}
	if sel == (Selector{}) {
		if _, v, err := s.ContentFS(Selector{}); err == nil && v != nil {
			sel.At = date.Format(time.DateOnly)
		}
	}
	t, err := s.Content(sel)
	if err != nil {
		return "", err
	}
	doc, err := t.Assemble(c)
	if err != nil {
		return "", Unusable(err)
	}
	o, err := offer.Build(doc, t.Store.Config, t.Templates[c.Template])
	if err != nil {
		return "", Unusable(err)
	}
	pdf, err := render.OfferPDF(o, attachTerms)
	if err != nil {
		return "", err
	}
	if err := output.New(dir).WriteFile(path, pdf); err != nil {
		return "", err
	}
	return path, nil
}
