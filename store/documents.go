package store

import (
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/output"
	"github.com/termsmith/termsmith/offer"
	"github.com/termsmith/termsmith/render"
	"github.com/termsmith/termsmith/store/terms"
)

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
