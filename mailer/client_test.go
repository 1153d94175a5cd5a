package mailer

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/emersion/go-smtp"
	"github.com/termsmith/termsmith/internal/smtptest"
)

const body = "From: <legal@acme.nl>\r\nTo: <bert@beta.nl>\r\nSubject: x\r\n\r\n.leading dot\r\nhello\r\n"

func server(s *smtptest.Server, tlsMode string) *Server {
	return &Server{Host: "127.0.0.1", Port: s.Port(), TLS: tlsMode, TLSConfig: s.ClientTLS()}
}

// TestClientTLS sends over STARTTLS and over implicit TLS, with
// authentication, and checks the bytes the server received.
func TestClientTLS(t *testing.T) {
	for _, implicit := range []bool{false, true} {
		srv := smtptest.Start(t, smtptest.Options{StartTLS: !implicit, Implicit: implicit, Users: map[string]string{"notices": "pw"}})
		mode := StartTLS
		if implicit {
			mode = Implicit
		}
		s := server(srv, mode)
		s.Username, s.Password = "notices", "wrong"
		if _, err := Dial(context.Background(), s); err == nil {
			t.Errorf("%s: a wrong password was accepted", mode)
		}
		s.Password = "pw"
		c, err := Dial(context.Background(), s)
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		reply, err := c.Send("legal@acme.nl", "bert@beta.nl", []byte(body))
		if err != nil || !strings.HasPrefix(reply, "250 ") {
			t.Fatalf("%s: %q, %v", mode, reply, err)
		}
		if err := c.Close(); err != nil {
			t.Errorf("%s: close: %v", mode, err)
		}
		msgs := srv.Messages()
		if len(msgs) != 1 || string(msgs[0].Data) != body || msgs[0].From != "legal@acme.nl" || strings.Join(msgs[0].To, ",") != "bert@beta.nl" {
			t.Fatalf("%s: the server got %+v", mode, msgs)
		}
	}
}

// TestClientRefusesPlainText: a server that does not offer STARTTLS is
// refused unless it is on a loopback address.
func TestClientRefusesPlainText(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	s := server(srv, StartTLS)
	s.Host = "localhost" // loopback: plain text allowed
	c, err := Dial(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	// The same server under a name that is not loopback must offer TLS.
	s.Host = "127.0.0.1.nip.invalid"
	if _, err := Dial(context.Background(), s); err == nil {
		t.Error("connected to a non-loopback name without STARTTLS")
	}
}

// TestClientFailures: 4xx is Temporary, 5xx Permanent, a connection
// dropped after the data Uncertain; after a reply the connection is used
// for the next message.
func TestClientFailures(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{
		Reply: func(to string, n int) *smtp.SMTPError {
			switch to {
			case "busy@beta.nl":
				return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"}
			case "nobody@beta.nl":
				return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
			}
			return nil
		},
		Drop: func(to string, n int) bool { return to == "drop@beta.nl" },
	})
	c, err := Dial(context.Background(), server(srv, StartTLS))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ to, kind, reply string }{
		{"busy@beta.nl", Temporary, "451 4.3.0 try later"},
		{"nobody@beta.nl", Permanent, "550 5.1.1 no such user"},
		{"bert@beta.nl", "", "250 2.0.0 OK: queued"},
		{"drop@beta.nl", Uncertain, "no reply after the message was sent"},
	} {
		reply, err := c.Send("legal@acme.nl", tc.to, []byte(body))
		var e *Error
		switch {
		case tc.kind == "" && (err != nil || !strings.HasPrefix(reply, tc.reply)):
			t.Errorf("%s: %q, %v", tc.to, reply, err)
		case tc.kind != "" && (!errors.As(err, &e) || e.Kind != tc.kind || !strings.HasPrefix(e.Reply, tc.reply)):
			t.Errorf("%s: %v, want %s %q", tc.to, err, tc.kind, tc.reply)
		}
	}
	if c.Usable() {
		t.Error("the connection is usable after it was dropped")
	}
}
