package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/termsmith/termsmith/ledger"
)

// TestNoticeStatus follows the notices from 2026-01-01 to 2026-07-01 in
// the ledger: before anything is sent every customer is due a notice, in
// time until 1 June (30 days before 1 July); a sent notice shows what the
// ledger holds of it; after 1 June the customers not sent are overdue; a
// customer whose file is gone still shows its record.
func TestNoticeStatus(t *testing.T) {
	s := example(t, "2026-05-15")
	n, err := s.NoticeStatus("2026-01-01", "2026-07-01")
	if err != nil {
		t.Fatal(err)
	}
	if got := n.LastDay.Format(time.DateOnly); got != "2026-06-01" {
		t.Errorf("last day to give notice %s, want 2026-06-01", got)
	}
	custs, _ := s.Customers()
	if len(n.Customers) != len(custs) || n.Overdue() != 0 {
		t.Fatalf("%d customers, %d overdue", len(n.Customers), n.Overdue())
	}
	for i, c := range n.Customers {
		if c.Customer != custs[i].ID || c.Status != NotSent || !c.InTime || c.Changes == 0 ||
			c.Recipient != custs[i].Contact.Email || c.Deadline != "2026-06-30" {
			t.Errorf("before sending: %+v", c)
		}
	}

	// The first customer is sent its notice.
	led, err := s.Ledger()
	if err != nil {
		t.Fatal(err)
	}
	sentAt := day("2026-05-15").Add(10 * time.Hour)
	a := ledger.Attempt{Status: ledger.Sent, Started: sentAt, Finished: sentAt.Add(time.Second), Recipient: custs[0].Contact.Email,
		MessageID: "notice.1@smarttrackers.nl", Reply: "250 2.0.0 Ok: queued", Deadline: "2026-06-30"}
	err = led.Update("2026-01-01", "2026-07-01", custs[0].ID, "test: sent", func(r *ledger.Record) (*ledger.Record, error) {
		return &ledger.Record{Customer: custs[0].ID, From: "2026-01-01", To: "2026-07-01", Attempts: []ledger.Attempt{a}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// Too late for the others on 20 June; the record stays when the
	// customer's file is removed.
	if err := os.Remove(filepath.Join(s.dir, custs[0].File)); err != nil {
		t.Fatal(err)
	}
	late := Open(s.dir, func() time.Time { return day("2026-06-20").Add(12 * time.Hour) })
	n, err = late.NoticeStatus("2026-01-01", "2026-07-01")
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Customers) != len(custs) || n.Overdue() != len(custs)-1 {
		t.Fatalf("on 20 June: %d customers, %d overdue, want %d and %d", len(n.Customers), n.Overdue(), len(custs), len(custs)-1)
	}
	for _, c := range n.Customers {
		switch c.Customer {
		case custs[0].ID:
			if c.Status != ledger.Sent || c.When != "2026-05-15T10:00:01Z" || c.MessageID != a.MessageID ||
				c.Reply != a.Reply || c.Deadline != "2026-06-30" || !c.InTime || c.Changes != 0 {
				t.Errorf("the customer sent, file removed: %+v", c)
			}
		default:
			if c.Status != NotSent || c.InTime {
				t.Errorf("a customer not sent, on 20 June: %+v", c)
			}
		}
	}

	if _, err := s.NoticeStatus("2026-07-01", "2026-01-01"); !IsUnusable(err) {
		t.Errorf("versions in the wrong order: %v, want unusable input", err)
	}
}
