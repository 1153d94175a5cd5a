package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emersion/go-smtp"
	"github.com/termsmith/termsmith/internal/smtptest"
	"github.com/termsmith/termsmith/ledger"
	"github.com/termsmith/termsmith/mailer"
)

// TestSender sends the example's notices to a server that refuses the
// first message once, and checks the counts, the failures, the archive,
// that a second run sends only what is missing, and the refusals.
func TestSender(t *testing.T) {
	s := example(t, "2026-05-15")
	srv, _ := refusingServer(t, false)
	getenv := smtpGetenv(srv)
	archive := filepath.Join(t.TempDir(), "sent")
	req := SendRequest{From: "2026-01-01", To: "2026-07-01", Dir: archive, Jobs: 2, Tries: 1, Getenv: getenv}
	sn, err := s.Sender(req)
	if err != nil {
		t.Fatal(err)
	}
	custs, _ := s.Customers()
	if sn.Len() != len(custs) || sn.From != "2026-01-01" || sn.To != "2026-07-01" || sn.Server == nil {
		t.Fatalf("Sender: %d customers, %s → %s via %v", sn.Len(), sn.From, sn.To, sn.Server)
	}
	done := 0
	sent := sn.Run(context.Background(), func() { done++ })
	if sent.Err != nil || done != len(custs) || len(sent.Results) != len(custs) {
		t.Fatalf("Run: %v, done %d, %d results", sent.Err, done, len(sent.Results))
	}
	if sent.Count[ledger.Failed] != 1 || sent.Count[ledger.Sent] != len(srv.Messages()) || sent.Complete() {
		t.Errorf("first run: counts %v, complete %v", sent.Count, sent.Complete())
	}
	if entries, _ := os.ReadDir(archive); len(entries) != len(custs) {
		t.Errorf("the archive has %d customers' messages, want %d", len(entries), len(custs))
	}

	// The second run sends the failed one only; the others are skipped.
	sn, err = s.Sender(req)
	if err != nil {
		t.Fatal(err)
	}
	sent = sn.Run(context.Background(), nil)
	if sent.Count[ledger.Sent] != 1 || sent.Count[mailer.Skipped] != len(custs)-1 || sent.Unresolved != 0 || !sent.Complete() {
		t.Errorf("second run: counts %v, unresolved %d, complete %v", sent.Count, sent.Unresolved, sent.Complete())
	}

	for _, c := range []struct {
		req  SendRequest
		want string
	}{
		{SendRequest{From: "2026-01-01", To: "2026-07-01", Resend: []string{"nobody"}, Getenv: getenv}, "--resend nobody: not a customer of this send"},
		{SendRequest{From: "2026-01-01", To: "2026-07-01", Customer: "nobody", Getenv: getenv}, "nobody"},
		{SendRequest{From: "2026-01-01", To: "worktree", Getenv: getenv}, "only notices between published versions are sent"},
		{SendRequest{From: "2026-01-01", To: "2026-07-01", Getenv: func(string) string { return "" }}, "no SMTP server"},
	} {
		if _, err := s.Sender(c.req); !IsUnusable(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want unusable input: %s", c.req, err, c.want)
		}
	}
}

// refusingServer starts a loopback SMTP server that refuses the first
// recipient it is given — its first message only, or every one (always)
// — and returns the server and that recipient, once known.
func refusingServer(t *testing.T, always bool) (*smtptest.Server, *string) {
	refused := new(string)
	srv := smtptest.Start(t, smtptest.Options{Reply: func(rcpt string, n int) *smtp.SMTPError {
		if *refused == "" {
			*refused = rcpt
		}
		if rcpt == *refused && (always || n == 1) {
			return &smtp.SMTPError{Code: 550, Message: "mailbox unavailable"}
		}
		return nil
	}})
	return srv, refused
}

// smtpGetenv is an environment that names srv as the SMTP server.
func smtpGetenv(srv *smtptest.Server) func(string) string {
	return func(k string) string {
		if k == "TERMSMITH_SMTP_URL" {
			return "smtp://" + srv.Addr
		}
		return ""
	}
}
