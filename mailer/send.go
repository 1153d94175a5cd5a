package mailer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/termsmith/termsmith/diff/notice"
	"github.com/termsmith/termsmith/ledger"
)

// Item is one customer's notice to send.
type Item struct {
	Customer string
	// Build returns the customer's notice e-mail dated now, and the
	// objection deadline its letter gives (YYYY-MM-DD); a nil message
	// means the customer has no changes and gets no notice.
	Build func(now time.Time) (msg *notice.Message, deadline string, err error)
}

// Options configure a Send.
type Options struct {
	From, To string // the versions: the ledger's record key with the customer
	Server   *Server
	Ledger   *ledger.Ledger
	// Resend names customers to send to once more even though their record
	// is sent or unknown: an operator's decision, made per run.
	Resend map[string]bool
	// Tries is how many SMTP transactions a message gets when the server
	// answers 4xx or the connection fails before the message is complete
	// (default 5); Backoff is the wait after the first, doubling after each
	// (default 2 s, at most 1 min).
	Tries   int
	Backoff time.Duration
	// Jobs is how many notices are built at a time (default 1); messages
	// are sent one at a time over one connection.
	Jobs int
	// Now is the clock (default time.Now): notices are dated when they
	// are sent.
	Now func() time.Time
	// Archive, if not nil, is given each message before it is sent; an
	// error stops that customer's send before anything is recorded.
	Archive func(customer string, m *notice.Message) error
	// Done, if not nil, is called after each item.
	Done func()
}

// Result statuses besides ledger.Sent, ledger.Failed and ledger.Unknown.
const (
	Skipped     = "skipped"       // the ledger already has a sent or unknown attempt
	NoChanges   = "no changes"    // the customer gets no notice
	BuildFailed = "not built"     // the notice could not be built; nothing recorded
	NotTried    = "not attempted" // the run stopped before this customer
)

// Result is what became of one item.
type Result struct {
	Customer string
	Status   string          // ledger.Sent, ledger.Failed, ledger.Unknown or one of the above
	Attempt  *ledger.Attempt // the attempt made; for Skipped the accepted attempt, else the last
	Err      error           // for BuildFailed and NotTried
}

// errSkip aborts a ledger update for a customer another run claimed.
var errSkip = errors.New("already sent or in progress")

// Send sends the items' notices: for each customer without a sent or
// unknown record (or named in Resend), it builds the message, records an
// attempt as unknown, hands the message to the server and records the
// outcome: sent with the server's reply, failed with the refusal, or —
// when the connection broke after the message was handed over — left
// unknown. The returned error says why the run stopped early (the server
// cannot be reached, the ledger cannot be written); the items not tried
// are NotTried.
func Send(ctx context.Context, opts Options, items []Item) ([]Result, error) {
	if opts.Tries < 1 {
		opts.Tries = 5
	}
	if opts.Backoff <= 0 {
		opts.Backoff = 2 * time.Second
	}
	if opts.Jobs < 1 {
		opts.Jobs = 1
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &sender{opts: opts, resend: map[string]bool{}}
	for c := range opts.Resend {
		s.resend[c] = true
	}
	defer s.close()
	results := make([]Result, len(items))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(opts.Jobs, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(items) {
					return
				}
				results[i] = s.one(ctx, items[i])
				if opts.Done != nil {
					opts.Done()
				}
			}
		}()
	}
	wg.Wait()
	return results, s.stopped
}

// sender holds the one connection; its mutex serialises the transactions.
type sender struct {
	opts    Options
	mu      sync.Mutex
	client  *Client
	resend  map[string]bool // guarded by mu; an entry is used once
	stopped error           // guarded by mu; why the run stopped
}

func (s *sender) close() {
	if s.client != nil {
		s.client.Close()
	}
}

// claimed reports whether a record stops an automatic send.
func claimed(r *ledger.Record) bool {
	st := r.Status()
	return st == ledger.Sent || st == ledger.Unknown
}

func (s *sender) one(ctx context.Context, it Item) Result {
	o := s.opts
	res := Result{Customer: it.Customer}
	rec, err := o.Ledger.Get(o.From, o.To, it.Customer)
	if err != nil {
		res.Status, res.Err = NotTried, err
		return res
	}
	s.mu.Lock()
	resend := s.resend[it.Customer]
	stopped := s.stopped
	s.mu.Unlock()
	if stopped != nil || ctx.Err() != nil {
		res.Status, res.Err = NotTried, errors.Join(stopped, ctx.Err())
		return res
	}
	if claimed(rec) && !resend {
		res.Status, res.Attempt = Skipped, decisive(rec)
		return res
	}
	msg, deadline, err := it.Build(o.Now())
	if err != nil {
		res.Status, res.Err = BuildFailed, err
		return res
	}
	if msg == nil {
		res.Status = NoChanges
		return res
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped != nil || ctx.Err() != nil {
		res.Status, res.Err = NotTried, errors.Join(s.stopped, ctx.Err())
		return res
	}
	// Dated when sent: a message built on another day than it goes out is
	// built again.
	if now := o.Now(); !sameDay(now, msg.Date) {
		if msg, deadline, err = it.Build(now); err != nil || msg == nil {
			res.Status, res.Err = BuildFailed, err
			return res
		}
	}
	// Connect before recording anything: a server that cannot be reached
	// stops the run and leaves no attempt behind.
	if err := s.connect(ctx); err != nil {
		s.stopped = err
		res.Status, res.Err = NotTried, err
		return res
	}
	if o.Archive != nil {
		if err := o.Archive(it.Customer, msg); err != nil {
			res.Status, res.Err = BuildFailed, err
			return res
		}
	}
	a := newAttempt(msg, deadline, o.Server, o.Now())
	if other, err := s.recordAttempt(it.Customer, a); other != nil {
		res.Status, res.Attempt = Skipped, decisive(other)
		return res
	} else if err != nil {
		s.stopped = fmt.Errorf("recording the attempt for %s: %w", it.Customer, err)
		res.Status, res.Err = NotTried, s.stopped
		return res
	}
	delete(s.resend, it.Customer)

	a.Status, a.Reply, a.Tries = s.transmit(ctx, msg)
	if a.Status != ledger.Unknown {
		a.Finished = o.Now().UTC().Truncate(time.Second)
	}
	if err := s.recordOutcome(it.Customer, a); err != nil {
		// The attempt stays unknown in the ledger: that is what it is now.
		s.stopped = fmt.Errorf("recording the outcome for %s (%s, %s): %w", it.Customer, a.Status, a.Reply, err)
		a.Status = ledger.Unknown
	}
	res.Status, res.Attempt = a.Status, &a
	return res
}

// recordAttempt adds attempt a to the customer's ledger record before the
// message is handed to the server. When the record has meanwhile been
// claimed (another run sent it, or left it unknown) and the customer is
// not to be sent again, it adds nothing and returns that record.
func (s *sender) recordAttempt(customer string, a ledger.Attempt) (claimedBy *ledger.Record, err error) {
	o := s.opts
	resend := s.resend[customer]
	err = o.Ledger.Update(o.From, o.To, customer, fmt.Sprintf("notice %s → %s to %s: attempt", o.From, o.To, customer), func(r *ledger.Record) (*ledger.Record, error) {
		if r == nil {
			r = &ledger.Record{Customer: customer, From: o.From, To: o.To}
		}
		if claimed(r) && !resend {
			claimedBy = r
			return nil, errSkip
		}
		r.Attempts = append(r.Attempts, a)
		return r, nil
	})
	if errors.Is(err, errSkip) {
		return claimedBy, nil
	}
	return nil, err
}

// recordOutcome replaces the recorded attempt a (by Message-ID and start)
// with a as it ended.
func (s *sender) recordOutcome(customer string, a ledger.Attempt) error {
	o := s.opts
	return o.Ledger.Update(o.From, o.To, customer, fmt.Sprintf("notice %s → %s to %s: %s", o.From, o.To, customer, a.Status), func(r *ledger.Record) (*ledger.Record, error) {
		for i := len(r.Attempts) - 1; i >= 0; i-- {
			if p := &r.Attempts[i]; p.MessageID == a.MessageID && p.Started.Equal(a.Started) {
				*p = a
				return r, nil
			}
		}
		return nil, fmt.Errorf("the attempt %s is no longer in the ledger", a.MessageID)
	})
}

// decisive is the attempt that decides a record's status: the accepted
// one, else the last.
func decisive(r *ledger.Record) *ledger.Attempt {
	if a := r.Sent(); a != nil {
		return a
	}
	return r.Last()
}

func sameDay(a, b time.Time) bool {
	a, b = a.UTC(), b.UTC()
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

func newAttempt(m *notice.Message, deadline string, srv *Server, now time.Time) ledger.Attempt {
	sum := sha256.Sum256(m.Bytes)
	a := ledger.Attempt{
		Status:  ledger.Unknown,
		Started: now.UTC().Truncate(time.Second),
		Sender:  m.From, Recipient: m.To, MessageID: m.MessageID,
		Date: m.Date.UTC(), Deadline: deadline, Server: srv.Addr(),
		MessageBytes: len(m.Bytes), MessageSHA256: hex.EncodeToString(sum[:]),
		Attachments: []ledger.File{},
	}
	for _, f := range m.Attachments {
		fs := sha256.Sum256(f.Data)
		a.Attachments = append(a.Attachments, ledger.File{Name: f.Name, Bytes: len(f.Data), SHA256: hex.EncodeToString(fs[:])})
	}
	return a
}

// connect makes sure there is a usable connection, dialling with the
// retries and back-off of a temporary failure. s.mu is held.
func (s *sender) connect(ctx context.Context) error {
	if s.client != nil && s.client.Usable() {
		return nil
	}
	var err error
	for try := 1; ; try++ {
		if s.client, err = Dial(ctx, s.opts.Server); err == nil {
			return nil
		}
		if try >= s.opts.Tries || !s.wait(ctx, try) {
			return err
		}
	}
}

// wait sleeps the back-off after try; false when ctx ends first.
func (s *sender) wait(ctx context.Context, try int) bool {
	d := min(s.opts.Backoff<<(try-1), time.Minute)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// transmit sends m, retrying temporary failures, and returns the outcome
// for the ledger. s.mu is held.
func (s *sender) transmit(ctx context.Context, m *notice.Message) (status, reply string, tries int) {
	for try := 1; ; try++ {
		if err := s.connect(ctx); err != nil {
			return ledger.Failed, "connection failed: " + err.Error(), try - 1
		}
		r, err := s.client.Send(m.From, m.To, m.Bytes)
		if err == nil {
			return ledger.Sent, r, try
		}
		var e *Error
		if !errors.As(err, &e) {
			return ledger.Unknown, err.Error(), try
		}
		switch e.Kind {
		case Permanent:
			return ledger.Failed, e.Reply, try
		case Uncertain:
			return ledger.Unknown, e.Reply, try
		}
		if try >= s.opts.Tries || !s.wait(ctx, try) {
			return ledger.Failed, e.Reply, try
		}
	}
}
