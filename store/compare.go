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
