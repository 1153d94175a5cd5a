package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/internal/longtest"
	"github.com/termsmith/termsmith/internal/smtptest"
	"github.com/termsmith/termsmith/ledger"
)

// sendStore makes a store from the SmartTrackers example and returns it
// with its first and last version.
func sendStore(t testing.TB) (store, from, to string) {
	t.Helper()
	history, err := examples.History("smarttrackers")
	if err != nil {
		t.Fatal(err)
	}
	if len(history) < 2 {
		t.Skip("the smarttrackers example has one published version")
	}
	store = filepath.Join(t.TempDir(), "store")
	var errOut bytes.Buffer
	if code := Main([]string{"init", store, "--example", "smarttrackers"}, io.Discard, &errOut); code != 0 {
		t.Fatalf("init: %s", errOut.String())
	}
	return store, history[0].ID, history[len(history)-1].ID
}

// smtpEnv points termsmith at srv over STARTTLS (or implicit TLS) with
// user notices and the server's own CA.
func smtpEnv(t *testing.T, srv *smtptest.Server, scheme string) {
	t.Helper()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, srv.CAPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TERMSMITH_SMTP_URL", scheme+"://notices:s3cret@"+srv.Addr)
	t.Setenv("TERMSMITH_SMTP_CA", ca)
}

func atClock(t *testing.T, when time.Time) {
	t.Helper()
	old := clock
	clock = func() time.Time { return when }
	t.Cleanup(func() { clock = old })
}

// TestNoticeSend sends the example's notices over STARTTLS with
// authentication and checks, customer by customer, that the ledger proves
// what the server received: the recipient, the Message-ID, the reply, the
// hash of the exact bytes and of each attachment; that the message is
// dated when it was sent and carries the notice and the full agreement;
// that a second run sends nothing; that status reports it; and that the
// ledger branch passes git fsck --strict.
func TestNoticeSend(t *testing.T) {
	store, from, to := sendStore(t)
	srv := smtptest.Start(t, smtptest.Options{StartTLS: true, Users: map[string]string{"notices": "s3cret"}})
	smtpEnv(t, srv, "smtp")
	sent := time.Date(2026, 5, 15, 13, 4, 5, 0, time.UTC)
	atClock(t, sent)

	code, stdout, stderr := vtRun("notice", "send", from, to, "--all", "--store", store, "-o", filepath.Join(store, "sent"))
	if code != 0 {
		t.Fatalf("send: exit %d\n%s%s", code, stdout, stderr)
	}
	msgs := srv.Messages()
	if len(msgs) == 0 || strings.Count(stdout, "\tsent\t") != len(msgs) {
		t.Fatalf("%d messages received; stdout:\n%s", len(msgs), stdout)
	}
	led, err := ledger.Open(store, "x", "x@x.nl", time.Now)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := led.All(from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(msgs) {
		t.Errorf("%d records for %d messages", len(recs), len(msgs))
	}
	for _, m := range msgs {
		msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		if d, err := msg.Header.Date(); err != nil || !d.Equal(sent) {
			t.Errorf("Date %v (%v), want the time sent %v", d, err, sent)
		}
		var rec *ledger.Record
		for _, r := range recs {
			if a := r.Sent(); a != nil && a.Recipient == m.To[0] {
				rec = r
			}
		}
		if rec == nil {
			t.Fatalf("no sent record for %s", m.To[0])
		}
		a := rec.Sent()
		sum := sha256.Sum256(m.Data)
		if a.MessageSHA256 != hex.EncodeToString(sum[:]) || a.MessageBytes != len(m.Data) || "<"+a.MessageID+">" != msg.Header.Get("Message-Id") ||
			!strings.HasPrefix(a.Reply, "250 ") || !a.Finished.Equal(sent) || a.Sender != "legal@smarttrackers.nl" || a.Date.Format(time.DateOnly) != "2026-05-15" {
			t.Errorf("%s: the record does not prove the message received: %+v", rec.Customer, a)
		}
		// The attachments: the notice PDF and the full agreement under TO,
		// each hashed in the record.
		_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
		mr := multipart.NewReader(msg.Body, params["boundary"])
		var names []string
		var firstPDF []byte // the notice, the first attachment
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.FileName() == "" {
				continue
			}
			raw, _ := io.ReadAll(p)
			data, err := io.ReadAll(base64Reader(raw))
			if firstPDF == nil {
				firstPDF = data
			}
			if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Errorf("%s: attachment %s is not a PDF (%v)", rec.Customer, p.FileName(), err)
			}
			fs := sha256.Sum256(data)
			names = append(names, p.FileName())
			found := false
			for _, f := range a.Attachments {
				found = found || f.Name == p.FileName() && f.SHA256 == hex.EncodeToString(fs[:]) && f.Bytes == len(data)
			}
			if !found {
				t.Errorf("%s: attachment %s is not in the record %+v", rec.Customer, p.FileName(), a.Attachments)
			}
		}
		if want := "notice-" + from + "-" + to + ".pdf agreement-" + to + ".pdf"; strings.Join(names, " ") != want {
			t.Errorf("%s: attachments %v, want %s", rec.Customer, names, want)
		}
		// The notice sent is dated when it is sent and is not a preview:
		// no draft mark, the deadline of article 2.2 (the day before the
		// new terms take effect).
		sentPDF := filepath.Join(t.TempDir(), "sent.pdf")
		if err := os.WriteFile(sentPDF, firstPDF, 0o644); err != nil {
			t.Fatal(err)
		}
		text, err := exec.Command("pdftotext", "-layout", sentPDF, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		if bytes.Contains(text, []byte("CONCEPT")) || !bytes.Contains(text, []byte("15 mei 2026")) || !bytes.Contains(text, []byte("30 juni 2026")) {
			t.Errorf("%s: the notice sent is not dated 15 mei 2026 with the deadline 30 juni 2026, or is marked as a draft:\n%s", rec.Customer, text)
		}
		// The copy kept is the message sent, byte for byte.
		kept, err := os.ReadFile(filepath.Join(store, "sent", rec.Customer, "notice-"+from+"-"+to+".20260515T130405Z.eml"))
		if err != nil || !bytes.Equal(kept, m.Data) {
			t.Errorf("%s: the kept copy differs from the message sent (%v)", rec.Customer, err)
		}
	}

	// A second run sends nothing.
	code, stdout, stderr = vtRun("notice", "send", from, to, "--all", "--store", store, "-o", filepath.Join(store, "sent"))
	if code != 0 || len(srv.Messages()) != len(msgs) || strings.Count(stdout, "\tskipped\t") != len(msgs) {
		t.Errorf("second run: exit %d, %d messages\n%s%s", code, len(srv.Messages()), stdout, stderr)
	}

	code, stdout, stderr = vtRun("notice", "status", from, to, "--store", store, "--json")
	if code != 0 {
		t.Fatalf("status: exit %d\n%s", code, stderr)
	}
	var st struct {
		LastNoticeDate string
		Customers      []struct {
			Customer, Status, When, Deadline string
			InTime                           bool `json:"in_time"`
		}
	}
	if err := json.Unmarshal([]byte(stdout), &st); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range st.Customers {
		if c.Status == ledger.Sent {
			n++
			if c.When != "2026-05-15T13:04:05Z" || c.Deadline == "" || !c.InTime {
				t.Errorf("status of %s: %+v", c.Customer, c)
			}
		} else if c.Status != "no changes" {
			t.Errorf("status of %s: %+v", c.Customer, c)
		}
	}
	if n != len(msgs) {
		t.Errorf("status lists %d sent, want %d", n, len(msgs))
	}
	if out, err := exec.Command("git", "-C", store, "fsck", "--strict").CombinedOutput(); err != nil {
		t.Errorf("git fsck --strict: %v\n%s", err, out)
	}
}

// base64Reader decodes a base64 body with line breaks.
func base64Reader(raw []byte) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, bytes.NewReader(bytes.ReplaceAll(raw, []byte("\r\n"), nil)))
}

func regexpMatch(re, s string) bool { return regexp.MustCompile(re).MatchString(s) }

// TestNoticeSendFailures: a 5xx is failed, a connection dropped after
// the data is unknown, and status says so; a re-run sends to the failed
// customer only; --resend sends the unknown one once more. With the server
// down nothing is recorded. After the last day to give notice, status
// exits 1 for the customers never sent.
func TestNoticeSendFailures(t *testing.T) {
	store, from, to := sendStore(t)
	var refused, dropped string
	srv := smtptest.Start(t, smtptest.Options{
		Reply: func(rcpt string, n int) *smtp.SMTPError {
			if refused == "" {
				refused = rcpt
			}
			if rcpt == refused && n == 1 {
				return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "mailbox unavailable"}
			}
			return nil
		},
		Drop: func(rcpt string, n int) bool {
			if dropped == "" && refused != "" && rcpt != refused {
				dropped = rcpt
			}
			return rcpt == dropped && n == 1
		},
	})
	t.Setenv("TERMSMITH_SMTP_URL", "smtp://"+srv.Addr)
	atClock(t, time.Date(2026, 5, 15, 9, 0, 0, 0, time.UTC))
	send := func(extra ...string) (int, string, string) {
		return vtRun(append([]string{"notice", "send", from, to, "--all", "--store", store, "-o", filepath.Join(store, "sent"), "--jobs", "1", "--backoff", "1ms"}, extra...)...)
	}
	code, stdout, stderr := send()
	if code != 1 || !strings.Contains(stdout, "\tfailed\t"+refused+"\t") || !strings.Contains(stdout, "\tunknown\t"+dropped+"\t") {
		t.Fatalf("first run: exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "550 5.1.1 mailbox unavailable") || !strings.Contains(stdout, "no reply after the message was sent") {
		t.Errorf("replies missing:\n%s", stdout)
	}
	_, status, _ := vtRun("notice", "status", from, to, "--store", store)
	if !regexpMatch(`(?m)^\S+ +failed +2026-05-15T09:00:00Z +`+refused, status) || !regexpMatch(`(?m)^\S+ +unknown +2026-05-15T09:00:00Z +`+dropped, status) {
		t.Errorf("status:\n%s", status)
	}
	before := len(srv.Messages())
	code, stdout, stderr = send()
	if code != 1 || len(srv.Messages()) != before+1 || !strings.Contains(stdout, "\tsent\t"+refused+"\t") {
		t.Fatalf("second run (failed again, unknown stays): exit %d, %d new\n%s%s", code, len(srv.Messages())-before, stdout, stderr)
	}
	var unknown string
	for _, line := range strings.Split(stdout, "\n") {
		if strings.Contains(line, "\tskipped\tunknown earlier") {
			unknown, _, _ = strings.Cut(line, "\t")
		}
	}
	if unknown == "" {
		t.Fatalf("no unknown customer skipped:\n%s", stdout)
	}
	code, stdout, stderr = send("--resend", unknown)
	if code != 0 || len(srv.Messages()) != before+2 {
		t.Fatalf("resend: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr = vtRun("notice", "status", from, to, "--store", store); code != 0 {
		t.Errorf("status after every notice was sent: exit %d\n%s", code, stderr)
	}

	// A new store, the server down: nothing recorded, exit 1.
	store2, _, _ := sendStore(t)
	srv.Close()
	code, _, stderr = vtRun("notice", "send", from, to, "--all", "--store", store2, "-o", filepath.Join(store2, "sent"), "--tries", "2", "--backoff", "1ms")
	if code != 1 || !strings.Contains(stderr, "sending stopped") || !strings.Contains(stderr, "connection refused") {
		t.Errorf("server down: exit %d\n%s", code, stderr)
	}
	if out, err := exec.Command("git", "-C", store2, "rev-parse", "--verify", "-q", ledger.Ref).CombinedOutput(); err == nil {
		t.Errorf("a ledger was written with the server down: %s", out)
	}
	// Past the last day to give notice, customers never sent make status
	// exit 1.
	atClock(t, time.Date(2026, 6, 20, 9, 0, 0, 0, time.UTC))
	code, stdout, stderr = vtRun("notice", "status", from, to, "--store", store2)
	if code != 1 || !strings.Contains(stderr, "have not been sent a notice and the last day to give notice") || !strings.Contains(stdout, "no: the last day was") {
		t.Errorf("status after the last day: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestNoticeSendRefuses: no server, a password in the store, a --date, and
// a bad contact address are refused.
func TestNoticeSendRefuses(t *testing.T) {
	store, from, to := sendStore(t)
	atClock(t, time.Date(2026, 5, 15, 9, 0, 0, 0, time.UTC))
	t.Setenv("TERMSMITH_SMTP_URL", "")
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"--all"}, 2, "no SMTP server: set TERMSMITH_SMTP_URL"},
		{[]string{"--all", "--date", "2026-05-01"}, 2, "unknown flag: --date"},
		{nil, 2, "give --customer C or --all"},
	} {
		code, _, stderr := vtRun(append([]string{"notice", "send", from, to, "--store", store}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.err) {
			t.Errorf("%v: exit %d, %s", c.args, code, stderr)
		}
	}
}

// manyCustomers replaces the store's customers by n copies of the
// example's, each with its own name and contact address
// (contactNNNN@example.nl).
func manyCustomers(t testing.TB, store string, n int) {
	t.Helper()
	dir := filepath.Join(store, "customers")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var originals []string
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		originals = append(originals, string(data))
		os.Remove(filepath.Join(dir, e.Name()))
	}
	sort.Strings(originals)
	for i := range n {
		var out []string
		for _, line := range strings.Split(originals[i%len(originals)], "\n") {
			switch {
			case strings.HasPrefix(line, "legal_name:"):
				line = fmt.Sprintf("legal_name: Klant %04d B.V.", i)
			case strings.HasPrefix(line, "contact:"):
				line = fmt.Sprintf("contact: {name: Contact %04d, email: contact%04d@example.nl}", i, i)
			}
			out = append(out, line)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("klant-%04d.yaml", i)), []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sendChild starts this test binary as "termsmith notice send …" (see
// TestNoticeSendChild), dated at.
func sendChild(at time.Time, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoticeSendChild$")
	cmd.Env = append(os.Environ(), "TERMSMITH_SEND_CHILD="+strings.Join(args, "\x1f"), "TERMSMITH_SEND_CLOCK="+at.Format(time.RFC3339))
	return cmd
}

// TestNoticeSendChild is the child process of the kill and benchmark
// tests: it runs termsmith with the arguments in TERMSMITH_SEND_CHILD at
// the time in TERMSMITH_SEND_CLOCK and exits with its status; it is
// skipped otherwise.
func TestNoticeSendChild(t *testing.T) {
	env := os.Getenv("TERMSMITH_SEND_CHILD")
	if env == "" {
		t.Skip("the child process of TestNoticeSendKilled and BenchmarkNoticeSend")
	}
	at, err := time.Parse(time.RFC3339, os.Getenv("TERMSMITH_SEND_CLOCK"))
	if err != nil {
		t.Fatal(err)
	}
	clock = func() time.Time { return at }
	os.Exit(Main(strings.Split(env, "\x1f"), os.Stdout, os.Stderr))
}

// TestNoticeSendKilled kills "notice send --all" of 300 customers with
// SIGKILL twice while it sends, then runs it to the end: every customer
// receives exactly one notice; at most one attempt per kill is unknown,
// and the operator's --resend after checking the server's log sends those
// that did not arrive; the ledger agrees with the server and passes git
// fsck --strict.
func TestNoticeSendKilled(t *testing.T) {
	longtest.Skip(t)
	store, from, to := sendStore(t)
	manyCustomers(t, store, 300)
	srv := smtptest.Start(t, smtptest.Options{Delay: 2 * time.Millisecond})
	t.Setenv("TERMSMITH_SMTP_URL", "smtp://"+srv.Addr)
	at := time.Date(2026, 5, 15, 9, 0, 0, 0, time.UTC)
	args := []string{"notice", "send", from, to, "--all", "--store", store, "-o", filepath.Join(store, "sent")}
	for _, killAt := range []int{80, 190} {
		cmd := sendChild(at, args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(3 * time.Minute)
		for len(srv.Messages()) < killAt && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if n := len(srv.Messages()); n < killAt || n >= 300 {
			t.Fatalf("killed with %d messages received, want between %d and 300", n, killAt)
		}
	}
	out, err := sendChild(at, args...).CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("last run: %v\n%s", err, out)
	}
	received := map[string]int{}
	for _, m := range srv.Messages() {
		received[m.To[0]]++
	}
	led, err := ledger.Open(store, "x", "x@x.nl", time.Now)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := led.All(from, to)
	if err != nil {
		t.Fatal(err)
	}
	var unknown []string
	for c, r := range recs {
		switch r.Status() {
		case ledger.Unknown:
			unknown = append(unknown, c)
		case ledger.Sent:
		default:
			t.Errorf("%s: status %s", c, r.Status())
		}
	}
	if len(unknown) > 2 {
		t.Errorf("%d unknown records after two kills: %v", len(unknown), unknown)
	}
	// The operator checks the server's log and resends what did not arrive.
	for _, c := range unknown {
		if received[recs[c].Last().Recipient] == 0 {
			if out, err := sendChild(at, "notice", "send", from, to, "--customer", c, "--resend", c, "--store", store, "-o", filepath.Join(store, "sent")).CombinedOutput(); err != nil {
				t.Fatalf("resend %s: %v\n%s", c, err, out)
			}
		}
	}
	received = map[string]int{}
	for _, m := range srv.Messages() {
		received[m.To[0]]++
	}
	if len(recs) != 300 || len(received) != 300 {
		t.Errorf("%d records, %d recipients; want 300 of each", len(recs), len(received))
	}
	for to, n := range received {
		if n != 1 {
			t.Errorf("%s received %d notices", to, n)
		}
	}
	if out, err := exec.Command("git", "-C", store, "fsck", "--strict").CombinedOutput(); err != nil {
		t.Errorf("git fsck --strict: %v\n%s", err, out)
	}
	t.Logf("unknown after the kills: %v", unknown)
}

// BenchmarkNoticeSend runs "termsmith notice send --all" of 1,000
// customers (copies of the SmartTrackers example's) to a loopback SMTP
// server in a child process, and reports the wall and CPU time, the
// child's peak RSS and the ledger's size on disk. See docs/benchmarks.md.
func BenchmarkNoticeSend(b *testing.B) {
	const n = 1000
	var wall, cpu time.Duration
	var rss int64
	for i := 0; i < b.N; i++ {
		store, from, to := sendStore(b)
		manyCustomers(b, store, n)
		srv, err := smtptest.New(smtptest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		os.Setenv("TERMSMITH_SMTP_URL", "smtp://"+srv.Addr)
		cmd := sendChild(time.Date(2026, 5, 15, 9, 0, 0, 0, time.UTC), "notice", "send", from, to, "--all", "--store", store, "-o", filepath.Join(store, "sent"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("send --all: %v\n%s", err, stderr.String())
		}
		wall += time.Since(start)
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = max(rss, ru.Maxrss) // KiB on Linux
		}
		srv.Close()
		if got := len(srv.Messages()); got != n {
			b.Fatalf("%d messages received, want %d", got, n)
		}
		du, _ := exec.Command("du", "-sk", filepath.Join(store, ".git")).Output()
		b.Logf("%s; .git: %s", strings.TrimSpace(stderr.String()), strings.Fields(string(du) + " ?")[0]+" KiB")
	}
	os.Unsetenv("TERMSMITH_SMTP_URL")
	b.ReportMetric(wall.Seconds()/float64(b.N), "s/run")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/run")
	b.ReportMetric(float64(rss)/1024, "peak-RSS-MiB")
}
