package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/ledger"
)

// TestProof sends the example's notices to a loopback server that refuses
// one customer, then proves each: the sent ones by their kept copies,
// which match the ledger in every check; a copy changed by one byte, or
// gone, no longer proves anything; the refused one is not proven; a
// customer the ledger has no record of is unusable input.
func TestProof(t *testing.T) {
	s := example(t, "2026-05-15")
	srv, refused := refusingServer(t, true)
	dir := filepath.Join(t.TempDir(), "sent")
	sn, err := s.Sender(SendRequest{From: "2026-01-01", To: "2026-07-01", Dir: dir, Jobs: 2, Tries: 1, Getenv: smtpGetenv(srv)})
	if err != nil {
		t.Fatal(err)
	}
	if sent := sn.Run(context.Background(), nil); sent.Err != nil || sent.Count[ledger.Sent] != sn.Len()-1 {
		t.Fatalf("send: %v, %v", sent.Err, sent.Count)
	}

	custs, _ := s.Customers()
	var proven *Proof
	for _, c := range custs {
		p, err := s.Proof("2026-01-01", "2026-07-01", c.ID, dir)
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		if c.Contact.Email == *refused {
			if p.Proven() || p.Attempt.Status != ledger.Failed {
				t.Errorf("%s, refused: proven %v, status %s", c.ID, p.Proven(), p.Attempt.Status)
			}
			continue
		}
		if !p.Proven() || len(p.Checks) != 7+len(p.Attempt.Attachments) || p.Attempt.Recipient != c.Contact.Email {
			t.Errorf("%s: proven %v, checks %+v", c.ID, p.Proven(), p.Checks)
		}
		proven = p
	}
	if proven == nil {
		t.Fatal("no customer was sent a notice")
	}
	all, err := s.Proofs("2026-01-01", "2026-07-01", dir)
	if err != nil || len(all) != len(custs) {
		t.Fatalf("Proofs: %d, %v; want one per customer sent to", len(all), err)
	}
	n := 0
	for i, p := range all {
		if i > 0 && all[i-1].Customer >= p.Customer {
			t.Errorf("Proofs not in the order of the ids: %s before %s", all[i-1].Customer, p.Customer)
		}
		if p.Proven() {
			n++
		}
	}
	if n != len(custs)-1 {
		t.Errorf("Proofs: %d proven, want %d", n, len(custs)-1)
	}

	// One byte of the agreement's PDF changed in the kept copy.
	data, err := os.ReadFile(proven.Copy)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(data, []byte("agreement-2026-07-01.pdf"))
	at += bytes.Index(data[at:], []byte("\r\n\r\n")) + 4 + 100
	data[at] ^= 'A' ^ 'B'
	if err := os.WriteFile(proven.Copy, data, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := s.Proof("2026-01-01", "2026-07-01", proven.Customer, dir)
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, c := range p.Checks {
		if !c.OK {
			failed = append(failed, c.What)
		}
	}
	if p.Proven() || strings.Join(failed, ", ") != "message SHA-256, attachment agreement-2026-07-01.pdf" {
		t.Errorf("a changed copy: proven %v, failed checks %q", p.Proven(), failed)
	}

	if err := os.Remove(proven.Copy); err != nil {
		t.Fatal(err)
	}
	if p, err := s.Proof("2026-01-01", "2026-07-01", proven.Customer, dir); err != nil || p.Proven() || p.Checks[0].Detail != "not found" {
		t.Errorf("a missing copy: %+v, %v", p, err)
	}
	if _, err := s.Proof("2026-01-01", "2026-07-01", "nobody", dir); !IsUnusable(err) {
		t.Errorf("a customer without a record: %v, want unusable input", err)
	}
}
