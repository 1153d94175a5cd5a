// Package notice writes the change notice a customer receives when the
// terms change: a letter from the supplier to the customer's primary
// contact with the date the new terms take effect and the deadline to
// object, a summary table of the changes and the redline of every changed
// clause — as a PDF, as an e-mail message (.eml) with that PDF attached,
// and as JSON.
//
// A notice is built from a diff.Report of the two documents that customer
// gets, so it lists only the changes that apply to that customer.
package notice

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/templates"
)

// ErrTooLate is returned (wrapped) when the new version takes effect fewer
// than notice-period days after the notice date.
var ErrTooLate = errors.New("too late for the notice period")

// Notice is the change notice one customer receives.
type Notice struct {
	// Report holds the versions, the customer, the dates and the changes.
	Report   *diff.Report
	Supplier clauses.Supplier
	words    *diff.Words
}

// New returns the notice for a report. The report needs a customer, a
// notice date, an effective date and the notice period; the supplier needs
// an e-mail address to send it from. New refuses (ErrTooLate) when the
// effective date is fewer than the notice period's days after the notice
// date.
func New(r *diff.Report, supplier clauses.Supplier) (*Notice, error) {
	switch {
	case r.Customer == nil:
		return nil, errors.New("a notice needs a customer")
	case r.NoticeDate.IsZero() || r.Effective.IsZero():
		return nil, errors.New("a notice needs a notice date and an effective date")
	case supplier.Email == "":
		return nil, fmt.Errorf("%s: supplier.email is required to send notices from", clauses.ConfigFile)
	}
	if err := Check(r.To, r.NoticeDate, r.Effective, r.PeriodDays); err != nil {
		return nil, err
	}
	return &Notice{Report: r, Supplier: supplier, words: diff.WordsFor(r.Language)}, nil
}

// Check returns an error wrapping ErrTooLate when version to, effective on
// effective, takes effect fewer than days after noticeDate.
func Check(to string, noticeDate, effective time.Time, days int) error {
	latest := effective.AddDate(0, 0, -days)
	if noticeDate.After(latest) {
		gap := int(effective.Sub(noticeDate).Hours() / 24)
		return fmt.Errorf("%w: version %s takes effect on %s, %d days after the notice date %s; the notice period is %d days, so the notice must be dated %s or earlier",
			ErrTooLate, to, effective.Format(time.DateOnly), gap, noticeDate.Format(time.DateOnly), days, latest.Format(time.DateOnly))
	}
	return nil
}

// Base returns the file name of the notice without extension:
// "notice-<from>-<to>".
func (n *Notice) Base() string { return "notice-" + n.Report.From + "-" + n.Report.To }

// Customer returns the customer the notice is for.
func (n *Notice) Customer() *templates.Customer { return n.Report.Customer }

// SupplierName is how the supplier signs: its trade name, or its legal name.
func (n *Notice) SupplierName() string {
	if n.Supplier.TradeName != "" {
		return n.Supplier.TradeName
	}
	return n.Supplier.LegalName
}

func (n *Notice) date(t time.Time) string { return templates.FormatDate(t, n.Report.Language) }

// Subject is the subject of the letter and the e-mail: "Wijziging algemene
// voorwaarden per 1 juli 2026".
func (n *Notice) Subject() string { return fmt.Sprintf(n.words.Subject, n.date(n.Report.Effective)) }

// letter is the text of the letter, shared by the PDF and the e-mail.
type letter struct {
	sender     []string // the supplier: name, address, e-mail
	recipient  []string // the customer: name, attention of the contact, address
	placeDate  string
	subject    string
	salutation string
	paragraphs []string
	closing    string
	signature  []string
}

func (n *Notice) letter() letter {
	r, w, c := n.Report, n.words, n.Report.Customer
	title := r.Title
	if title == "" {
		title = "algemene voorwaarden"
	}
	l := letter{
		sender:     nonEmpty(n.Supplier.LegalName, n.Supplier.Address, n.Supplier.Email),
		recipient:  nonEmpty(c.LegalName, w.Attention+" "+c.Contact.Name, c.Address),
		placeDate:  strings.TrimPrefix(n.Supplier.Place+", "+n.date(r.NoticeDate), ", "),
		subject:    w.Regarding + ": " + n.Subject(),
		salutation: w.Dear + " " + c.Contact.Name + ",",
		paragraphs: []string{
			fmt.Sprintf(w.Intro, title, n.SupplierName(), n.date(r.Effective), r.To, r.From),
			fmt.Sprintf(w.Scope, c.LegalName, len(r.Changes)),
			fmt.Sprintf(w.Objection, r.PeriodDays, n.date(r.Deadline), n.Supplier.Email),
			fmt.Sprintf(w.NoObjection, n.date(r.Effective)),
		},
		closing:   w.Regards + ",",
		signature: nonEmpty(n.Supplier.Signatory.Name, n.Supplier.Signatory.Title, n.Supplier.LegalName),
	}
	return l
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Files are a notice's three outputs.
type Files struct {
	PDF, EML, JSON []byte
}

// Build returns the notice as PDF, e-mail message (with the PDF attached)
// and JSON.
func (n *Notice) Build() (*Files, error) {
	pdf, err := n.PDF()
	if err != nil {
		return nil, fmt.Errorf("notice for %s: %w", n.Report.Customer.ID, err)
	}
	eml, err := n.EML(pdf)
	if err != nil {
		return nil, fmt.Errorf("notice for %s: e-mail: %w", n.Report.Customer.ID, err)
	}
	js, err := n.Report.JSON()
	if err != nil {
		return nil, fmt.Errorf("notice for %s: json: %w", n.Report.Customer.ID, err)
	}
	return &Files{PDF: pdf, EML: eml, JSON: js}, nil
}
