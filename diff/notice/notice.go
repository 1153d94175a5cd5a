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

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/diff"
)

// ErrTooLate is returned (wrapped) when the new version takes effect fewer
// than notice-period days after the notice date.
var ErrTooLate = errors.New("too late for the notice period")

// Notice is the change notice one customer receives.
type Notice struct {
	// Report holds the versions, the customer, the dates and the changes.
	Report   *diff.Report
	Supplier clauses.Supplier
	// Letter is the store's letter template (of the new version), in the
	// language of the notice.
	Letter  *Letter
	words   *words
	written *written
}

// New returns the notice for a report, in the words of the store's letter
// template. The report needs a customer, a notice date, an effective date
// and the notice period; the supplier needs an e-mail address to send it
// from. New refuses (ErrTooLate) when the effective date is fewer than the
// notice period's days after the notice date, and when the letter cannot
// be written for this customer (a reference the terms in force do not
// have, a variable without a value).
func New(r *diff.Report, supplier clauses.Supplier, letter *Letter) (*Notice, error) {
	switch {
	case r.Customer == nil:
		return nil, errors.New("a notice needs a customer")
	case r.NoticeDate.IsZero() || r.Effective.IsZero():
		return nil, errors.New("a notice needs a notice date and an effective date")
	case supplier.Email == "":
		return nil, fmt.Errorf("%s: supplier.email is required to send notices from", clauses.ConfigFile)
	case letter == nil:
		return nil, errors.New("a notice needs the store's letter template")
	}
	if err := Check(r.To, r.NoticeDate, r.Effective, r.PeriodDays); err != nil {
		return nil, err
	}
	n := &Notice{Report: r, Supplier: supplier, Letter: letter, words: wordsFor(r.Language)}
	w, err := letter.write(n)
	if err != nil {
		return nil, err
	}
	n.written = w
	return n, nil
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
func (n *Notice) Customer() *agreement.Customer { return n.Report.Customer }

// SupplierName is how the supplier signs: its trade name, or its legal name.
func (n *Notice) SupplierName() string {
	if n.Supplier.TradeName != "" {
		return n.Supplier.TradeName
	}
	return n.Supplier.LegalName
}

func (n *Notice) date(t time.Time) string { return agreement.FormatDate(t, n.Report.Language) }

// Subject is the subject of the letter and the e-mail, from the store's
// letter template; a preview's starts with "CONCEPT" ("DRAFT").
func (n *Notice) Subject() string {
	if n.Report.Preview {
		return n.words.Draft + ": " + n.written.subject
	}
	return n.written.subject
}

// letter is the letter's fixed parts, shared by the PDF and the e-mail;
// its body is the store's template written out (n.written).
type letter struct {
	sender     []string // the supplier: name, address, e-mail
	recipient  []string // the customer: name, attention of the contact, address
	placeDate  string
	subject    string
	salutation string
	body       []para
	closing    string
	signature  []string
	enclosures []string
}

func (n *Notice) letter() letter {
	r, w, c := n.Report, n.words, n.Report.Customer
	var enclosed []string
	for _, e := range w.Enclosed {
		if strings.Contains(e, "%s") {
			e = fmt.Sprintf(e, r.Title, r.To)
		}
		enclosed = append(enclosed, e)
	}
	return letter{
		sender:     nonEmpty(n.Supplier.LegalName, n.Supplier.Address, n.Supplier.Email),
		recipient:  nonEmpty(c.LegalName, w.Attention+" "+c.Contact.Name, c.Address),
		placeDate:  strings.TrimPrefix(n.Supplier.Place+", "+n.date(r.NoticeDate), ", "),
		subject:    w.Regarding + ": " + n.Subject(),
		salutation: n.written.salutation,
		body:       n.written.body,
		closing:    n.written.closing,
		signature:  nonEmpty(n.Supplier.Signatory.Name, n.Supplier.Signatory.Title, n.Supplier.LegalName),
		enclosures: enclosed,
	}
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
