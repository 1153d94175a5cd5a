package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/diff/notice"
	"github.com/termsmith/termsmith/ledger"
	"github.com/termsmith/termsmith/mailer"
)

// SendRequest says which change notices to send, now: from published
// version From to To, to one customer or to every customer.
type SendRequest struct {
	From, To string
	Customer string   // the one customer; empty: every customer of the working tree
	Resend   []string // customers to send to again although the ledger has a sent or unknown attempt
	Dir      string   // where the exact bytes of each message sent are kept
	Jobs     int      // notices built at a time (they are sent one at a time)
	Tries    int      // SMTP transactions per message on temporary failures
	Backoff  time.Duration
	// Getenv reads the environment: the SMTP server's URL and password
	// (mailer.FromConfig).
	Getenv func(string) string
}

// Sender is a send of change notices, checked and ready to run: the
// server, the ledger, the notices and the customers are known.
type Sender struct {
	From, To string // the versions
	Server   *mailer.Server
	opts     mailer.Options
	items    []mailer.Item
	failures []string // customer files that do not load
}

// Sender checks a send and prepares it: the store, its SMTP settings,
// both versions (published, and in time for the notice period), the
// ledger and the customers, of whom those in Resend must be part. Input
// that cannot be used is unusable; a notice too late is refused.
func (s *Store) Sender(req SendRequest) (*Sender, error) {
	if _, err := s.Repo(); err != nil {
		return nil, err
	}
	cfg, err := s.Config()
	if err != nil {
		return nil, err
	}
	srv, err := mailer.FromConfig(cfg.SMTP, req.Getenv)
	if err != nil {
		return nil, Unusable(err)
	}
	run, err := s.Notices(NoticeRequest{From: req.From, To: req.To, Send: true})
	if err != nil {
		return nil, err
	}
	led, err := s.openLedger(cfg)
	if err != nil {
		return nil, err
	}
	sn := &Sender{From: run.Old.Version, To: run.New.Version, Server: srv}
	var custs []*agreement.Customer
	if req.Customer == "" {
		custs, sn.failures = s.Customers()
	} else {
		c, err := s.Customer(req.Customer)
		if err != nil {
			return nil, err
		}
		custs = append(custs, c)
	}
	resend := map[string]bool{}
	for _, id := range req.Resend {
		if !slices.ContainsFunc(custs, func(c *agreement.Customer) bool { return c.ID == id }) {
			return nil, Unusable(fmt.Errorf("--resend %s: not a customer of this send", id))
		}
		resend[id] = true
	}
	sn.items = make([]mailer.Item, len(custs))
	for i, c := range custs {
		sn.items[i] = mailer.Item{Customer: c.ID, Build: func(now time.Time) (*notice.Message, string, error) { return run.Message(c, now) }}
	}
	sn.opts = mailer.Options{
		From: sn.From, To: sn.To, Server: srv, Ledger: led, Resend: resend,
		Tries: req.Tries, Backoff: req.Backoff, Jobs: req.Jobs, Now: s.now,
		Archive: func(customer string, m *notice.Message) error { return run.Archive(req.Dir, customer, m) },
	}
	return sn, nil
}

// Len returns the number of customers the send is for.
func (sn *Sender) Len() int { return len(sn.items) }

// Sent is what a send did: each customer's result, in order, counted by
// status.
type Sent struct {
	Results []mailer.Result
	Count   map[string]int // results by status
	// Unresolved counts the customers skipped because an earlier attempt
	// has an unknown outcome.
	Unresolved int
	// Failures are the customer files that do not load and the notices
	// that could not be built, one "ID: error" each.
	Failures []string
	// Err says why the send stopped early (the server could not be
	// reached, the ledger could not be written).
	Err error
}

// Complete reports whether every customer with changes has been sent a
// notice: nothing failed, is unknown, was not built or not attempted, now
// or in an earlier run.
func (r *Sent) Complete() bool {
	c := r.Count
	return r.Err == nil && c[ledger.Failed]+c[ledger.Unknown]+c[mailer.BuildFailed]+c[mailer.NotTried]+r.Unresolved == 0 && len(r.Failures) == 0
}

// Run sends the notices (mailer.Send: each attempt recorded in the
// ledger, the messages kept), calling done after each customer, until
// every customer is done or ctx is cancelled.
func (sn *Sender) Run(ctx context.Context, done func()) *Sent {
	defer BatchGC()()
	opts := sn.opts
	opts.Done = done
	r := &Sent{Count: map[string]int{}, Failures: slices.Clone(sn.failures)}
	r.Results, r.Err = mailer.Send(ctx, opts, sn.items)
	for _, res := range r.Results {
		r.Count[res.Status]++
		if res.Status == mailer.Skipped && res.Attempt != nil && res.Attempt.Status == ledger.Unknown {
			r.Unresolved++
		}
		if res.Status == mailer.BuildFailed && res.Err != nil {
			r.Failures = append(r.Failures, res.Customer+": "+res.Err.Error())
		}
	}
	return r
}
