package mailer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/go-git/go-git/v5"
	"github.com/termsmith/termsmith/diff/notice"
	"github.com/termsmith/termsmith/internal/smtptest"
	"github.com/termsmith/termsmith/ledger"
)

var now = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

// items returns one item per customer c, sent to c@beta.nl; builds counts
// the messages built.
func items(builds *atomic.Int64, customers ...string) []Item {
	var out []Item
	for _, c := range customers {
		out = append(out, Item{Customer: c, Build: func(t time.Time) (*notice.Message, string, error) {
			builds.Add(1)
			if c == "unchanged" {
				return nil, "", nil
			}
			to := c + "@beta.nl"
			id := fmt.Sprintf("notice.%s.%d@acme.nl", c, t.Unix())
			data := []byte("From: <legal@acme.nl>\r\nTo: <" + to + ">\r\nMessage-ID: <" + id + ">\r\nSubject: notice\r\n\r\nhello " + c + "\r\n")
			return &notice.Message{Bytes: data, From: "legal@acme.nl", To: to, MessageID: id, Date: t,
				Attachments: []notice.Attachment{{Name: "notice.pdf", Data: []byte("%PDF " + c)}}}, "2026-06-30", nil
		}})
	}
	return out
}

func newLedger(t *testing.T) (*ledger.Ledger, string) {
	t.Helper()
	dir := t.TempDir()
	if _, err := git.PlainInit(dir, false); err != nil {
		t.Fatal(err)
	}
	l, err := ledger.Open(dir, "Legal", "legal@acme.nl", func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	return l, dir
}

func statuses(rs []Result) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Customer+"="+r.Status)
	}
	return strings.Join(out, " ")
}

func opts(l *ledger.Ledger, srv *smtptest.Server) Options {
	return Options{From: "v1", To: "v2", Server: server(srv, StartTLS), Ledger: l, Backoff: time.Millisecond, Tries: 3, Jobs: 2,
		Now: func() time.Time { return now }}
}

// TestSend: 4xx then success is sent once; 5xx is failed with the reply;
// a connection dropped after the data is unknown; a customer without
// changes gets nothing. A second run sends only to the failed customer;
// --resend sends the unknown one once more.
func TestSend(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{
		Reply: func(to string, n int) *smtp.SMTPError {
			switch {
			case to == "busy@beta.nl" && n <= 2:
				return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 4, 5}, Message: "too busy"}
			case to == "refused@beta.nl" && n == 1:
				return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "refused"}
			}
			return nil
		},
		Drop: func(to string, n int) bool { return to == "drop@beta.nl" && n == 1 },
	})
	l, dir := newLedger(t)
	var builds atomic.Int64
	all := []string{"busy", "refused", "drop", "ok", "unchanged"}
	rs, err := Send(context.Background(), opts(l, srv), items(&builds, all...))
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(rs); got != "busy=sent refused=failed drop=unknown ok=sent unchanged=no changes" {
		t.Fatalf("first run: %s", got)
	}
	if srv.Tries("busy@beta.nl") != 3 || rs[0].Attempt.Tries != 3 {
		t.Errorf("busy: %d transactions, %d recorded; want 3", srv.Tries("busy@beta.nl"), rs[0].Attempt.Tries)
	}
	if r := rs[1].Attempt.Reply; r != "554 5.7.1 refused" {
		t.Errorf("refused: reply %q", r)
	}
	// The ledger holds what the server received, hash for hash.
	recs, err := l.All("v1", "v2")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range srv.Messages() {
		c := strings.TrimSuffix(m.To[0], "@beta.nl")
		a := recs[c].Sent()
		sum := sha256.Sum256(m.Data)
		if a == nil || a.MessageSHA256 != hex.EncodeToString(sum[:]) || a.Recipient != m.To[0] || !strings.HasPrefix(a.Reply, "250 ") || a.Finished.IsZero() {
			t.Errorf("%s: the ledger's attempt %+v does not match the message the server got", c, a)
		}
		fs := sha256.Sum256([]byte("%PDF " + c))
		if len(a.Attachments) != 1 || a.Attachments[0].SHA256 != hex.EncodeToString(fs[:]) {
			t.Errorf("%s: attachments %+v", c, a.Attachments)
		}
	}
	if len(recs) != 4 || recs["drop"].Status() != ledger.Unknown || recs["refused"].Status() != ledger.Failed {
		t.Errorf("records: %v", recs)
	}

	rs, err = Send(context.Background(), opts(l, srv), items(&builds, all...))
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(rs); got != "busy=skipped refused=sent drop=skipped ok=skipped unchanged=no changes" {
		t.Fatalf("second run: %s", got)
	}
	o := opts(l, srv)
	o.Resend = map[string]bool{"drop": true}
	rs, err = Send(context.Background(), o, items(&builds, "drop", "ok"))
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(rs); got != "drop=sent ok=skipped" {
		t.Fatalf("resend: %s", got)
	}
	for _, to := range []string{"busy", "refused", "ok", "drop"} {
		n := 0
		for _, m := range srv.Messages() {
			if m.To[0] == to+"@beta.nl" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s got %d messages, want 1", to, n)
		}
	}
	recs, _ = l.All("v1", "v2")
	if a := recs["drop"].Attempts; len(a) != 2 || a[0].Status != ledger.Unknown || !strings.Contains(a[0].Reply, "no reply") || a[1].Status != ledger.Sent {
		t.Errorf("drop's attempts: %+v", a)
	}
	if out, err := exec.Command("git", "-C", dir, "fsck", "--strict").CombinedOutput(); err != nil {
		t.Errorf("git fsck --strict: %v\n%s", err, out)
	}
}

// TestSendServerDown: a server that cannot be reached stops the run
// before anything is recorded.
func TestSendServerDown(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	srv.Close()
	l, _ := newLedger(t)
	var builds atomic.Int64
	rs, err := Send(context.Background(), opts(l, srv), items(&builds, "a", "b", "c"))
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("error %v", err)
	}
	if got := statuses(rs); got != "a=not attempted b=not attempted c=not attempted" {
		t.Errorf("statuses: %s", got)
	}
	if recs, err := l.All("v1", "v2"); err != nil || len(recs) != 0 {
		t.Errorf("records after a failed connection: %v, %v", recs, err)
	}
}
