package store

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/diff/notice"
	"github.com/termsmith/termsmith/ledger"
	"github.com/termsmith/termsmith/store/terms"
)

// NoChanges is the status of a customer whose agreement does not change.
const NoChanges = "no changes"

// CustomerStatus is one customer's line of notice status: what the proof-of-notice ledger
// records of its notice, or what is due. The JSON field names are
// documented in termsmith notice status --help and do not change.
type CustomerStatus struct {
	Customer  string `json:"customer"`
	Status    string `json:"status"`
	Changes   int    `json:"changes"`
	When      string `json:"when,omitempty"`
	Recipient string `json:"recipient,omitempty"`
	MessageID string `json:"message_id,omitempty"`
	Reply     string `json:"reply,omitempty"`
	Deadline  string `json:"deadline,omitempty"`
	InTime    bool   `json:"in_time"`
	Error     string `json:"error,omitempty"`
}

// NotSent is the status of a customer with changes and no record.
const NotSent = "not sent"

// NoticeStatus is what the ledger records of the notices from one version
// to another, per customer.
type NoticeStatus struct {
	Old, New  *terms.Content
	Today     time.Time
	LastDay   time.Time // the last day notice can be given in time
	Customers []CustomerStatus
	// Failures are the customer files that do not load.
	Failures []string
}

// Overdue returns the number of customers that need a notice, have not
// been sent one and can no longer be given one in time.
func (n *NoticeStatus) Overdue() int {
	overdue := 0
	for _, r := range n.Customers {
		if r.Status != ledger.Sent && r.Status != NoChanges && !r.InTime {
			overdue++
		}
	}
	return overdue
}

// Ledger opens the store's proof-of-notice ledger; its commits are made by
// the publisher of termsmith.yaml, else the supplier.
func (s *Store) Ledger() (*ledger.Ledger, error) {
	if _, err := s.Repo(); err != nil {
		return nil, err
	}
	cfg, err := s.Config()
	if err != nil {
		return nil, err
	}
	return s.openLedger(cfg)
}

// openLedger is Ledger with the configuration already read.
func (s *Store) openLedger(cfg clauses.Config) (*ledger.Ledger, error) {
	name, email := cfg.Publisher.Name, cfg.Publisher.Email
	if name == "" || email == "" {
		name, email = cfg.Supplier.LegalName, cfg.Supplier.Email
	}
	l, err := ledger.Open(s.dir, name, email, s.now)
	if err != nil {
		return nil, Unusable(fmt.Errorf("%s: publisher: %w", clauses.ConfigFile, err))
	}
	return l, nil
}

// NoticeStatus reports, for every customer of the working tree and every
// customer the ledger has a record of, the status of the notice from
// published version from to to.
func (s *Store) NoticeStatus(from, to string) (*NoticeStatus, error) {
	led, err := s.Ledger()
	if err != nil {
		return nil, err
	}
	old, err := s.Resolve(from)
	if err != nil {
		return nil, err
	}
	new, err := s.Resolve(to)
	if err != nil {
		return nil, err
	}
	if !old.Effective.Before(new.Effective) {
		return nil, Unusable(fmt.Errorf("version %s does not take effect before version %s: give the older version first", old.Version, new.Version))
	}
	records, err := led.All(old.Version, new.Version)
	if err != nil {
		return nil, err
	}
	n := &NoticeStatus{Old: old, New: new, Today: s.Today()}
	n.LastDay = notice.PolicyOf(old.Store.Config, new.Store.Config).LastDay(new.Effective)
	open := !n.Today.After(n.LastDay)
	list, failures := s.Customers()
	n.Failures = failures
	custs := map[string]*agreement.Customer{}
	var ids []string
	for _, c := range list {
		custs[c.ID] = c
		ids = append(ids, c.ID)
	}
	for id := range records {
		if custs[id] == nil {
			ids = append(ids, id) // a customer removed since: the record still counts
		}
	}
	sort.Strings(ids)
	n.Customers = make([]CustomerStatus, len(ids))
	Each(len(ids), runtime.NumCPU(), nil, func(i int) {
		n.Customers[i] = customerStatus(old, new, custs[ids[i]], ids[i], records[ids[i]], n.Today, open)
	})
	return n, nil
}

// customerStatus is one customer's status: from the ledger when it has a
// record, else from the customer's changes.
func customerStatus(old, new *terms.Content, c *agreement.Customer, id string, rec *ledger.Record, today time.Time, open bool) CustomerStatus {
	s := CustomerStatus{Customer: id, InTime: open}
	if c != nil {
		r, err := Compare(old, new, c, today)
		if err != nil {
			s.Status, s.Error = "error", err.Error()
			return s
		}
		s.Changes = len(r.Changes)
		if !r.Deadline.IsZero() {
			s.Deadline = r.Deadline.Format(time.DateOnly)
		}
	}
	switch {
	case rec != nil:
		s.Status = rec.Status()
		a := rec.Sent()
		if a == nil {
			a = rec.Last()
		}
		s.When = a.Started.Format(time.RFC3339)
		if !a.Finished.IsZero() {
			s.When = a.Finished.Format(time.RFC3339)
		}
		s.Recipient, s.MessageID, s.Reply = a.Recipient, a.MessageID, a.Reply
		if s.Status == ledger.Sent {
			s.Deadline, s.InTime = a.Deadline, true
		}
	case c == nil:
		s.Status = "error"
		s.Error = errors.New("no customer file").Error()
	case s.Changes == 0:
		s.Status, s.Deadline, s.InTime = NoChanges, "", true
	default:
		s.Status = NotSent
		s.Recipient = c.Contact.Email
	}
	return s
}
