package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/termsmith/termsmith/internal/smtptest"
)

// TestNoticeProof sends a notice to a loopback server, then proves it:
// exit 0, the ledger's record printed and every check of the kept copy
// passing, in text, JSON and as one line of --all; a kept copy changed
// by one byte is no proof (exit 1, the check that differs named); a
// customer the ledger has no notice for is unusable input (exit 2).
func TestNoticeProof(t *testing.T) {
	store, from, to := sendStore(t)
	srv := smtptest.Start(t, smtptest.Options{StartTLS: true, Users: map[string]string{"notices": "s3cret"}})
	smtpEnv(t, srv, "smtp")
	atClock(t, time.Date(2026, 5, 15, 13, 4, 5, 0, time.UTC))
	kept := filepath.Join(store, "sent")
	if code, stdout, stderr := vtRun("notice", "send", from, to, "--customer", "zorggroep-de-linde", "--store", store, "-o", kept); code != 0 {
		t.Fatalf("send: exit %d\n%s%s", code, stdout, stderr)
	}

	proof := []string{"notice", "proof", from, to, "zorggroep-de-linde", "--store", store, "-o", kept}
	code, stdout, stderr := vtRun(proof...)
	if code != 0 || strings.Contains(stdout, "DIFFERS") || !strings.Contains(stderr, "proven: zorggroep-de-linde was sent the notice") {
		t.Fatalf("proof: exit %d\n%s%s", code, stdout, stderr)
	}
	flat := strings.Join(strings.Fields(stdout), " ")
	for _, want := range []string{"status sent (1 attempt(s) recorded)", "when (UTC) 2026-05-15T13:04:05Z, by " + srv.Addr + ": 250 ",
		"to f.elamrani@zorggroepdelinde.nl", "objection deadline 2026-06-30", "attachment agreement-" + to + ".pdf, ",
		"Message-ID matches", "attachment notice-" + from + "-" + to + ".pdf matches"} {
		if !strings.Contains(flat, want) {
			t.Errorf("proof lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = vtRun(append(proof, "--json")...)
	var js struct {
		Proven  bool
		Copy    string
		Attempt struct {
			Status        string
			MessageSHA256 string `json:"message_sha256"`
		}
		Checks []struct {
			What string
			OK   bool
		}
	}
	if err := json.Unmarshal([]byte(stdout), &js); err != nil || code != 0 || !js.Proven || js.Attempt.Status != "sent" || len(js.Attempt.MessageSHA256) != 64 || len(js.Checks) != 9 {
		t.Errorf("proof --json: exit %d, %v, %+v", code, err, js)
	}

	all := []string{"notice", "proof", from, to, "--all", "--store", store, "-o", kept}
	code, stdout, stderr = vtRun(all...)
	if code != 0 || !regexpMatch(`(?m)^zorggroep-de-linde +sent +2026-05-15T13:04:05Z +f\.elamrani@zorggroepdelinde\.nl +proven$`, stdout) ||
		!strings.Contains(stderr, "1 of 1 customer(s) in the ledger proven") {
		t.Errorf("proof --all: exit %d\n%s%s", code, stdout, stderr)
	}

	data, err := os.ReadFile(js.Copy)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "Geachte", "Beste  ", 1))
	if err := os.WriteFile(js.Copy, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = vtRun(proof...)
	if code != 1 || !strings.Contains(stdout, "  message SHA-256") || !strings.Contains(stdout, "DIFFERS: ") ||
		!strings.Contains(stderr, "not proven: the notice to zorggroep-de-linde is sent and its kept copy differs from the ledger (message SHA-256)") {
		t.Errorf("a changed copy: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = vtRun(all...)
	if code != 1 || !strings.Contains(stdout, "not proven: sent, kept copy differs from the ledger (message SHA-256)") {
		t.Errorf("proof --all with a changed copy: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := vtRun("notice", "proof", from, to, "--store", store); code != 2 || !strings.Contains(stderr, "give a CUSTOMER or --all") {
		t.Errorf("neither a customer nor --all: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := vtRun("notice", "proof", from, to, "kompas-hr-advies", "--store", store, "-o", kept); code != 2 || !strings.Contains(stderr, "the ledger has no notice from") {
		t.Errorf("a customer not sent: exit %d\n%s", code, stderr)
	}
}
