// Package smtptest runs a real SMTP server (github.com/emersion/go-smtp) on
// 127.0.0.1 for tests, with STARTTLS or implicit TLS on a certificate of
// its own, authentication, and failures on demand: a reply of the test's
// choice to a message, or the connection dropped after the message's data.
package smtptest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options choose how the server behaves.
type Options struct {
	StartTLS bool // offer STARTTLS
	Implicit bool // TLS from the first byte (smtps)
	// Users, if not empty, are the accepted user names and passwords, and
	// a client must authenticate before MAIL.
	Users map[string]string
	// Reply, if not nil, is called after a message's data was read, with
	// its recipient and the number of messages to that recipient so far,
	// this one included: a non-nil *smtp.SMTPError is the reply and the
	// message is not kept.
	Reply func(to string, n int) *smtp.SMTPError
	// Drop, if not nil, is asked the same: true closes the connection
	// after the data without a reply, and the message is not kept.
	Drop func(to string, n int) bool
	// Delay, if not zero, is waited before the reply to each message.
	Delay time.Duration
}

// Message is a message the server accepted.
type Message struct {
	From string
	To   []string
	Data []byte
}

// Server is a running test server.
type Server struct {
	Addr string // 127.0.0.1:port
	// CAPEM is the certificate (PEM) a client must trust for TLS.
	CAPEM []byte
	opts  Options
	srv   *smtp.Server
	l     net.Listener
	roots *x509.CertPool

	mu       sync.Mutex
	messages []Message
	tries    map[string]int // data received per recipient, kept or not
}

// Start starts a server on a free port of 127.0.0.1; it stops when the
// test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// New starts a server on a free port of 127.0.0.1; Close stops it.
func New(opts Options) (*Server, error) {
	s := &Server{opts: opts, tries: map[string]int{}}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{s: s, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 30*time.Second, 30*time.Second
	srv.MaxMessageBytes = 64 << 20
	srv.MaxRecipients = 50
	if opts.StartTLS || opts.Implicit {
		cfg, pemBytes, roots, err := selfSigned()
		if err != nil {
			return nil, err
		}
		srv.TLSConfig, s.CAPEM, s.roots = cfg, pemBytes, roots
	}
	var l net.Listener
	var err error
	if opts.Implicit {
		l, err = tls.Listen("tcp", "127.0.0.1:0", srv.TLSConfig)
	} else {
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		return nil, err
	}
	s.Addr, s.srv, s.l = l.Addr().String(), srv, l
	go srv.Serve(l)
	return s, nil
}

// Close stops the server. The listener is closed here too: Serve may not
// have registered it with the server yet.
func (s *Server) Close() error {
	s.l.Close()
	return s.srv.Close()
}

// ClientTLS returns a TLS configuration that trusts the server.
func (s *Server) ClientTLS() *tls.Config {
	return &tls.Config{RootCAs: s.roots, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
}

// Port returns the server's port.
func (s *Server) Port() int {
	_, p, _ := net.SplitHostPort(s.Addr)
	n, _ := strconv.Atoi(p)
	return n
}

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Tries returns how many times data for to was received, kept or not.
func (s *Server) Tries(to string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tries[to]
}

type session struct {
	s      *Server
	conn   *smtp.Conn
	authed bool
	from   string
	to     []string
}

func (x *session) AuthMechanisms() []string {
	if len(x.s.opts.Users) == 0 {
		return nil
	}
	return []string{sasl.Plain}
}

func (x *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if want, ok := x.s.opts.Users[user]; !ok || want != pass {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "authentication failed"}
		}
		x.authed = true
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if len(x.s.opts.Users) > 0 && !x.authed {
		return smtp.ErrAuthRequired
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s := x.s
	s.mu.Lock()
	var n int
	for _, to := range x.to {
		s.tries[to]++
		n = max(n, s.tries[to])
	}
	s.mu.Unlock()
	to := ""
	if len(x.to) > 0 {
		to = x.to[0]
	}
	if s.opts.Delay > 0 {
		time.Sleep(s.opts.Delay)
	}
	if s.opts.Drop != nil && s.opts.Drop(to, n) {
		x.conn.Conn().Close()
		return errors.New("dropped")
	}
	if s.opts.Reply != nil {
		if e := s.opts.Reply(to, n); e != nil {
			return e
		}
	}
	s.mu.Lock()
	s.messages = append(s.messages, Message{From: x.from, To: append([]string(nil), x.to...), Data: bytes.Clone(data)})
	s.mu.Unlock()
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and localhost.
func selfSigned() (*tls.Config, []byte, *x509.CertPool, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "termsmith test SMTP server"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, nil, err
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	cfg := &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}
	return cfg, pemBytes, roots, nil
}
