package notice

import (
	"bytes"
	"mime"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/termsmith/termsmith/internal/fuzzguard"
	"github.com/termsmith/termsmith/internal/mailaddr"
)

// The attack of issue 10: an address that ends itself and adds a Bcc.
const injected = "m@evil.example>\r\nBcc: spy@attacker.example"

// writeEnvelope writes the header fields of a notice e-mail for the given
// input, as Message does.
func writeEnvelope(fromName, from, toName, to, subject string) ([]byte, error) {
	var buf bytes.Buffer
	e := envelope{
		FromName: fromName, From: from, ToName: toName, To: to, Subject: subject,
		Date:      time.Date(2026, 12, 2, 10, 30, 0, 0, time.UTC),
		MessageID: messageID(strings.Repeat("ab", 8), "2026-01-01", "2026-07-01", "alfa", "example.nl"),
		Language:  "nl",
	}
	if err := e.write(headerWriter{&buf}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// checkHeader asserts what must hold for any input: the header block is
// exactly the seven fields written, each once; From and To each name one
// address, the one given, with the name given (cleaned); the subject
// decodes to the subject given (cleaned); lines end in CRLF and are at
// most maxLine characters except for an address too long to fold.
func checkHeader(t *testing.T, fromName, from, toName, to, subject string) {
	t.Helper()
	hdr, err := writeEnvelope(fromName, from, toName, to, subject)
	_, ferr := mailaddr.Parse(from)
	_, terr := mailaddr.Parse(to)
	if err != nil {
		if ferr == nil && terr == nil {
			t.Fatalf("valid addresses refused: %v", err)
		}
		return
	}
	if ferr != nil || terr != nil {
		t.Fatalf("invalid address accepted: from %q (%v), to %q (%v)", from, ferr, to, terr)
	}
	if bytes.Contains(bytes.ReplaceAll(hdr, []byte("\r\n"), nil), []byte("\r")) || bytes.Contains(bytes.ReplaceAll(hdr, []byte("\r\n"), nil), []byte("\n")) {
		t.Fatalf("a bare CR or LF in the header:\n%q", hdr)
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(hdr), "\r\n"), "\r\n") {
		if len(line) > maxLine && !strings.HasSuffix(line, " <"+from+">") && !strings.HasSuffix(line, " <"+to+">") {
			t.Fatalf("line of %d characters: %q", len(line), line)
		}
		if line == "" {
			t.Fatalf("an empty line ends the header early:\n%q", hdr)
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(append(hdr, "\r\n"...)))
	if err != nil {
		t.Fatalf("the header does not parse: %v\n%q", err, hdr)
	}
	want := []string{"Content-Language", "Date", "From", "Message-Id", "Mime-Version", "Subject", "To"}
	if len(msg.Header) != len(want) {
		t.Fatalf("header fields %v, want %v\n%q", keys(msg.Header), want, hdr)
	}
	for _, k := range want {
		if len(msg.Header[k]) != 1 {
			t.Fatalf("field %s occurs %d times\n%q", k, len(msg.Header[k]), hdr)
		}
	}
	for _, f := range []struct{ field, name, addr string }{{"From", fromName, from}, {"To", toName, to}} {
		list, err := msg.Header.AddressList(f.field)
		if err != nil || len(list) != 1 {
			t.Fatalf("%s: %v, %v\n%q", f.field, list, err, hdr)
		}
		if list[0].Address != f.addr || list[0].Name != cleanText(f.name) {
			t.Fatalf("%s: %q <%s>, want %q <%s>\n%q", f.field, list[0].Name, list[0].Address, cleanText(f.name), f.addr, hdr)
		}
	}
	var dec mime.WordDecoder
	if s, err := dec.DecodeHeader(msg.Header.Get("Subject")); err != nil || s != cleanText(subject) {
		t.Fatalf("Subject decodes to %q (%v), want %q\n%q", s, err, cleanText(subject), hdr)
	}
}

func keys(h mail.Header) []string {
	var out []string
	for k := range h {
		out = append(out, k)
	}
	return out
}

// TestHeaderInjection: the addresses of issue 10 are refused; names and a
// subject with line breaks and header text add nothing.
func TestHeaderInjection(t *testing.T) {
	for _, addr := range []string{injected, "m@evil.example\r\nBcc: spy@attacker.example", "a@b.nl, spy@attacker.example", "Spy <spy@attacker.example>", "a@b.nl>", "<a@b.nl>", "a@localhost", "a@[192.0.2.1]", "é@b.nl"} {
		if _, err := writeEnvelope("Acme", "legal@acme.nl", "Bert", addr, "s"); err == nil {
			t.Errorf("To %q accepted", addr)
		}
		if _, err := writeEnvelope("Acme", addr, "Bert", "bert@beta.nl", "s"); err == nil {
			t.Errorf("From %q accepted", addr)
		}
	}
	for _, evil := range []string{
		"Bert\r\nBcc: spy@attacker.example",
		"Bert\nBcc: spy@attacker.example",
		"Bert\rBcc: spy@attacker.example",
		"Bert\r\n\r\nbody",
		"Bert <spy@attacker.example>, Eve",
		`"Bert" <spy@attacker.example>`,
		"=?utf-8?q?Bert=0D=0ABcc:_spy@attacker.example?=",
		"Bèrt\u2028Bcc: spy@attacker.example",
		strings.Repeat("Zorggroep de Linde ", 20),
		strings.Repeat("x", 300),
	} {
		checkHeader(t, evil, "legal@acme.nl", evil, "bert@beta.nl", evil)
		hdr, _ := writeEnvelope(evil, "legal@acme.nl", evil, "bert@beta.nl", evil)
		if bytes.Contains(hdr, []byte("\nBcc")) || bytes.Contains(hdr, []byte("\r\n\r\n")) {
			t.Errorf("%q: the header gained a field:\n%s", evil, hdr)
		}
	}
}

// TestHeaderFormat shows the fields as they are written for ordinary input.
func TestHeaderFormat(t *testing.T) {
	hdr, err := writeEnvelope("Acme B.V.", "legal@acme.nl", "Bèrt Béta", "bert@beta.nl", "Wijziging algemene voorwaarden per 1 juli 2026")
	if err != nil {
		t.Fatal(err)
	}
	want := "From: \"Acme B.V.\" <legal@acme.nl>\r\n" +
		"To: =?utf-8?q?B=C3=A8rt_B=C3=A9ta?= <bert@beta.nl>\r\n" +
		"Subject: Wijziging algemene voorwaarden per 1 juli 2026\r\n" +
		"Date: Wed, 02 Dec 2026 10:30:00 +0000\r\n" +
		"Message-ID: <notice.2026-01-01.2026-07-01.alfa.abababababababab@example.nl>\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Language: nl\r\n"
	if string(hdr) != want {
		t.Errorf("header:\n%s\nwant:\n%s", hdr, want)
	}
	checkHeader(t, "Acme B.V.", "legal@acme.nl", "Bèrt Béta", "bert@beta.nl", "Wijziging algemene voorwaarden per 1 juli 2026")
}

// FuzzHeader: no name, address or subject adds a header field or a
// recipient, or breaks the limits on lines.
func FuzzHeader(f *testing.F) {
	f.Add("SmartTrackers", "legal@smarttrackers.nl", "Bèrt Béta", "bert@beta.nl", "Wijziging algemene voorwaarden per 1 juli 2026")
	f.Add("Acme B.V.", "legal@acme.nl", "Bert\r\nBcc: spy@attacker.example", injected, "x\r\nBcc: spy@attacker.example")
	f.Add("=?utf-8?b?QmNjOg==?=", "a.b-c@x-y.example.nl", `"\" <spy@attacker.example>`, "bert@beta.nl", strings.Repeat("ü", 80))
	f.Fuzz(func(t *testing.T, fromName, from, toName, to, subject string) {
		defer fuzzguard.Start(t)()
		if len(fromName)+len(from)+len(toName)+len(to)+len(subject) > 4096 {
			return
		}
		checkHeader(t, fromName, from, toName, to, subject)
	})
}
