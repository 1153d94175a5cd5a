package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"strings"
	"time"

	"github.com/termsmith/termsmith/internal/names"
	"github.com/termsmith/termsmith/ledger"
)

// Proof is what the store holds to prove one customer's notice from one
// version to another: the ledger's record of it and the kept copy of the
// message sent, checked against each other.
type Proof struct {
	Customer, From, To string
	// Attempt is the attempt that decides the record: the one the server
	// accepted, else the last.
	Attempt *ledger.Attempt
	// Attempts is how many attempts the ledger records.
	Attempts int
	// Copy is where the kept copy of the attempt's message is, or would
	// be: DIR/<customer>/notice-FROM-TO.<UTC time>.eml.
	Copy string
	// Checks are the comparisons of the kept copy with the ledger, in
	// order; all pass for a proven notice.
	Checks []ProofCheck
}

// ProofCheck is one comparison of the kept copy with the ledger.
type ProofCheck struct {
	What   string `json:"what"`   // "message SHA-256", "Message-ID", "attachment agreement-2026-07-01.pdf"…
	OK     bool   `json:"ok"`     // the copy says what the ledger says
	Detail string `json:"detail"` // what was found, when it differs
}

// Proven reports whether the notice was sent and the kept copy of the
// message is the one the ledger recorded.
func (p *Proof) Proven() bool {
	if p.Attempt.Status != ledger.Sent || len(p.Checks) == 0 {
		return false
	}
	for _, c := range p.Checks {
		if !c.OK {
			return false
		}
	}
	return true
}

// Proof reads the ledger's record of customer's notice from published
// version from to to, and checks the kept copy of the message under dir
// (as notice send -o DIR wrote it) against it: the exact bytes (size and
// SHA-256), the sender, recipient, Message-ID and date of its header, and
// each attachment (name, size and SHA-256 of the decoded file). A
// customer without a record is unusable input.
func (s *Store) Proof(from, to, customer, dir string) (*Proof, error) {
	led, err := s.Ledger()
	if err != nil {
		return nil, err
	}
	rec, err := led.Get(from, to, customer)
	if err != nil {
		return nil, Unusable(err)
	}
	if rec == nil || len(rec.Attempts) == 0 {
		return nil, Unusable(fmt.Errorf("the ledger has no notice from %s to %s for customer %s (termsmith notice status %s %s)", from, to, customer, from, to))
	}
	return proofOf(rec, dir)
}

// Proofs is Proof for every customer the ledger has a record of for the
// notice from from to to, in the order of their ids.
func (s *Store) Proofs(from, to, dir string) ([]*Proof, error) {
	led, err := s.Ledger()
	if err != nil {
		return nil, err
	}
	recs, err := led.All(from, to)
	if err != nil {
		return nil, err
	}
	var out []*Proof
	for _, id := range sortedIDs(recs) {
		if rec := recs[id]; len(rec.Attempts) > 0 {
			p, err := proofOf(rec, dir)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// proofOf checks the kept copy of the message of rec's deciding attempt.
func proofOf(rec *ledger.Record, dir string) (*Proof, error) {
	a := rec.Sent()
	if a == nil {
		a = rec.Last()
	}
	for _, name := range []string{rec.Customer, rec.From, rec.To} {
		if !names.Plain(name, 100) || strings.Contains(name, "..") {
			return nil, fmt.Errorf("the ledger's record names %q, which cannot be part of a file name", name)
		}
	}
	p := &Proof{Customer: rec.Customer, From: rec.From, To: rec.To, Attempt: a, Attempts: len(rec.Attempts)}
	p.Copy = keptCopy(dir, rec.Customer, rec.From, rec.To, a.Date)
	data, err := os.ReadFile(p.Copy)
	if errors.Is(err, fs.ErrNotExist) {
		p.Checks = append(p.Checks, ProofCheck{What: "kept copy", Detail: "not found"})
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	p.Checks = checkCopy(a, data)
	return p, nil
}

// checkCopy compares a kept message with the attempt that recorded it.
func checkCopy(a *ledger.Attempt, data []byte) []ProofCheck {
	var checks []ProofCheck
	check := func(what string, ok bool, format string, args ...any) {
		c := ProofCheck{What: what, OK: ok}
		if !ok {
			c.Detail = fmt.Sprintf(format, args...)
		}
		checks = append(checks, c)
	}
	sum := sha256.Sum256(data)
	got := hex.EncodeToString(sum[:])
	check("message size", len(data) == a.MessageBytes, "%d bytes, the ledger says %d", len(data), a.MessageBytes)
	check("message SHA-256", got == a.MessageSHA256, "%s, the ledger says %s", got, a.MessageSHA256)

	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		check("message header", false, "%v", err)
		return checks
	}
	h := msg.Header
	address := func(field string) string {
		if addr, err := mail.ParseAddress(h.Get(field)); err == nil {
			return addr.Address
		}
		return h.Get(field)
	}
	check("From", address("From") == a.Sender, "%q, the ledger says %q", address("From"), a.Sender)
	check("To", address("To") == a.Recipient, "%q, the ledger says %q", address("To"), a.Recipient)
	id := strings.Trim(h.Get("Message-ID"), "<>")
	check("Message-ID", id == a.MessageID, "%q, the ledger says %q", id, a.MessageID)
	date, err := h.Date()
	check("Date", err == nil && date.Equal(a.Date), "%q, the ledger says %s", h.Get("Date"), a.Date.Format(time.RFC3339))

	files, err := attachments(msg)
	if err != nil {
		check("attachments", false, "%v", err)
		return checks
	}
	check("attachments", len(files) == len(a.Attachments), "%d in the message, the ledger records %d", len(files), len(a.Attachments))
	for i, want := range a.Attachments {
		what := "attachment " + want.Name
		if i >= len(files) {
			check(what, false, "not in the message")
			continue
		}
		f := files[i]
		sum := sha256.Sum256(f.data)
		got := hex.EncodeToString(sum[:])
		check(what, f.name == want.Name && len(f.data) == want.Bytes && got == want.SHA256,
			"%s, %d bytes, SHA-256 %s; the ledger says %s, %d bytes, %s", f.name, len(f.data), got, want.Name, want.Bytes, want.SHA256)
	}
	return checks
}

type attachment struct {
	name string
	data []byte
}

// attachments returns the attachments of a multipart/mixed message, in
// order, decoded.
func attachments(msg *mail.Message) ([]attachment, error) {
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		return nil, fmt.Errorf("not a multipart/mixed message (%q)", msg.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var out []attachment
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		disp, dp, err := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		if err != nil || disp != "attachment" {
			continue
		}
		raw, err := io.ReadAll(part)
		if err != nil {
			return nil, err
		}
		if !strings.EqualFold(part.Header.Get("Content-Transfer-Encoding"), "base64") {
			return nil, fmt.Errorf("attachment %s is not base64", dp["filename"])
		}
		data, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(raw)), ""))
		if err != nil {
			return nil, fmt.Errorf("attachment %s: %v", dp["filename"], err)
		}
		out = append(out, attachment{name: dp["filename"], data: data})
	}
}
