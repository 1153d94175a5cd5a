package mailer

import (
	"context"
	"errors"
	"fmt"
	"net/textproto"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// Outcome kinds of a failed transaction, see Error.
const (
	// Temporary: a 4xx reply, or the connection failed before the message
	// was complete; the server has not taken the message, and it may be
	// sent again.
	Temporary = "temporary"
	// Permanent: a 5xx reply; sending the same message again will fail.
	Permanent = "permanent"
	// Uncertain: the connection failed after the whole message was handed
	// over, before the server's reply: it may have been delivered.
	Uncertain = "uncertain"
)

// Error is a failed SMTP transaction.
type Error struct {
	Kind  string // Temporary, Permanent or Uncertain
	Reply string // the server's reply ("550 5.1.1 no such user"), or the error
	Err   error
}

func (e *Error) Error() string { return e.Reply }
func (e *Error) Unwrap() error { return e.Err }

// Client is a connection to an SMTP server, for one message at a time.
type Client struct {
	srv  *Server
	gm   *gomail.Client
	conn *smtp.Client
}

func (s *Server) timeout() time.Duration {
	if s.Timeout > 0 {
		return s.Timeout
	}
	return 30 * time.Second
}

// Dial connects to the server: TLS as the server asks (see StartTLS and
// Implicit), then authentication when it has a user name.
func Dial(ctx context.Context, s *Server) (*Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.Port), gomail.WithTimeout(s.timeout())}
	switch {
	case s.TLS == Implicit:
		opts = append(opts, gomail.WithSSL())
	case s.Loopback():
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(s.TLSConfig))
	}
	if s.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.Username), gomail.WithPassword(s.Password))
	}
	gm, err := gomail.NewClient(s.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("SMTP server %s: %w", s, err)
	}
	conn, err := gm.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("SMTP server %s: %w", s, err)
	}
	return &Client{srv: s, gm: gm, conn: conn}, nil
}

// Send hands msg to the server for the one recipient to, from from (both
// checked addresses), and returns the server's final reply, e.g. "250
// 2.0.0 Ok: queued as 4Q5". A failure is an *Error. After a Temporary or
// Uncertain error that was not a server reply, the connection is closed
// and the Client cannot be used again.
func (c *Client) Send(from, to string, msg []byte) (string, error) {
	if err := c.conn.UpdateDeadline(c.srv.timeout()); err != nil {
		return "", c.broken(err)
	}
	if err := c.conn.Mail(from); err != nil {
		return "", c.fail(err)
	}
	if err := c.conn.Rcpt(to); err != nil {
		return "", c.fail(err)
	}
	w, err := c.conn.Data()
	if err != nil {
		return "", c.fail(err)
	}
	if _, err := w.Write(msg); err != nil {
		return "", c.broken(err)
	}
	if err := w.Close(); err != nil {
		var te *textproto.Error
		if errors.As(err, &te) {
			return "", c.fail(err)
		}
		c.close()
		return "", &Error{Kind: Uncertain, Reply: "no reply after the message was sent: " + err.Error(), Err: err}
	}
	reply := "250"
	if dc, ok := w.(*smtp.DataCloser); ok && dc.ServerResponse() != "" {
		reply += " " + strings.ReplaceAll(dc.ServerResponse(), "\n", " / ")
	}
	return reply, nil
}

// fail classifies an error of a command: a reply is Temporary (4xx) or
// Permanent (5xx), and the transaction is reset for the next message; any
// other error breaks the connection.
func (c *Client) fail(err error) error {
	var te *textproto.Error
	if !errors.As(err, &te) {
		return c.broken(err)
	}
	kind := Permanent
	if te.Code/100 == 4 {
		kind = Temporary
	}
	if rerr := c.conn.Reset(); rerr != nil {
		c.close()
	}
	return &Error{Kind: kind, Reply: fmt.Sprintf("%d %s", te.Code, strings.ReplaceAll(te.Msg, "\n", " / ")), Err: err}
}

// broken closes a connection that failed before the message was complete.
func (c *Client) broken(err error) error {
	c.close()
	return &Error{Kind: Temporary, Reply: "connection failed: " + err.Error(), Err: err}
}

// Usable reports whether the connection is still open.
func (c *Client) Usable() bool { return c.conn != nil && c.conn.HasConnection() }

func (c *Client) close() {
	if c.conn != nil {
		c.conn.Close()
	}
}

// Close ends the session with QUIT.
func (c *Client) Close() error {
	if !c.Usable() {
		return nil
	}
	return c.gm.CloseWithSMTPClient(c.conn)
}
