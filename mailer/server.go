// Package mailer sends change notices over SMTP and records each attempt
// in the proof-of-notice ledger (package ledger).
//
// Messages are written by package notice, byte for byte, and handed to the
// server as they are: their SHA-256 in the ledger is the hash of what the
// server received. The SMTP connection — implicit TLS or STARTTLS,
// authentication, time-outs — is github.com/wneessen/go-mail's client;
// its message builder is not used, because it cannot write nested
// multipart messages with fixed boundaries (WithBoundary sets one boundary
// for every level, which RFC 2046 forbids; without it boundaries are
// random), and termsmith's e-mails are the same bytes for the same input.
package mailer

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/termsmith/termsmith/clauses"
)

// URLEnv is the environment variable that names the SMTP server, password
// included; it takes precedence over termsmith.yaml's smtp section.
const URLEnv = "TERMSMITH_SMTP_URL"

// CAEnv, when set, names a PEM file of the certificates to trust for the
// server's TLS instead of the system's: for a relay with a private CA.
const CAEnv = "TERMSMITH_SMTP_CA"

// DefaultPasswordEnv holds the password for the server of termsmith.yaml
// when its smtp.password_env does not name another variable.
const DefaultPasswordEnv = "TERMSMITH_SMTP_PASSWORD"

// TLS modes of a server.
const (
	// StartTLS: a plain connection upgraded with STARTTLS, which the server
	// must offer (smtp://), except on a loopback address, where an offer
	// is used when made.
	StartTLS = "starttls"
	// Implicit: TLS from the first byte (smtps://).
	Implicit = "implicit"
)

// Server is an SMTP server to send through.
type Server struct {
	Host     string
	Port     int
	TLS      string // StartTLS or Implicit
	Username string // empty: no authentication
	Password string
	// TLSConfig, if not nil, replaces the default (the system's roots,
	// server name Host) — for tests, and for a relay with a private CA
	// (SSL_CERT_FILE works too).
	TLSConfig *tls.Config
	Timeout   time.Duration // per command; 0 means 30 s
}

// Addr returns host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Loopback reports whether the server is on this machine.
func (s *Server) Loopback() bool {
	if s.Host == "localhost" {
		return true
	}
	ip := net.ParseIP(s.Host)
	return ip != nil && ip.IsLoopback()
}

// String describes the server without its password.
func (s *Server) String() string {
	scheme := "smtp"
	if s.TLS == Implicit {
		scheme = "smtps"
	}
	user := ""
	if s.Username != "" {
		user = url.User(s.Username).String() + "@"
	}
	return scheme + "://" + user + s.Addr()
}

// ParseURL reads smtp://[user[:password]@]host[:port] (STARTTLS; port 587
// by default) or smtps://… (implicit TLS; port 465).
func ParseURL(raw string) (*Server, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("invalid SMTP URL: %w", redact(err))
	}
	s := &Server{Host: u.Hostname()}
	switch u.Scheme {
	case "smtp":
		s.TLS, s.Port = StartTLS, 587
	case "smtps":
		s.TLS, s.Port = Implicit, 465
	default:
		return nil, fmt.Errorf("SMTP URL scheme %q: use smtp:// (STARTTLS) or smtps:// (implicit TLS)", u.Scheme)
	}
	if s.Host == "" {
		return nil, errors.New("the SMTP URL has no host")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("SMTP URL port %q is not a port number", p)
		}
		s.Port = n
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, errors.New("the SMTP URL may hold only a user, a password, a host and a port")
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	return s, nil
}

// redact drops the URL from a url.Parse error: it may hold a password.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// FromConfig returns the server to send through: TERMSMITH_SMTP_URL when
// set, else the smtp section of termsmith.yaml with the password from the
// environment. getenv is os.Getenv outside tests.
func FromConfig(cfg clauses.SMTPConfig, getenv func(string) string) (*Server, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	s, err := fromConfig(cfg, getenv)
	if err != nil {
		return nil, err
	}
	if ca := getenv(CAEnv); ca != "" {
		pem, err := os.ReadFile(ca)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", CAEnv, err)
		}
		roots := x509.NewCertPool()
		if !roots.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s: %s holds no PEM certificate", CAEnv, ca)
		}
		s.TLSConfig = &tls.Config{RootCAs: roots, ServerName: s.Host, MinVersion: tls.VersionTLS12}
	}
	return s, nil
}

func fromConfig(cfg clauses.SMTPConfig, getenv func(string) string) (*Server, error) {
	if raw := getenv(URLEnv); raw != "" {
		s, err := ParseURL(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", URLEnv, err)
		}
		return s, nil
	}
	if cfg.URL == "" {
		return nil, fmt.Errorf("no SMTP server: set %s (smtp://user:password@host:587) or smtp.url in %s", URLEnv, clauses.ConfigFile)
	}
	s, err := ParseURL(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("%s: smtp.url: %w", clauses.ConfigFile, err)
	}
	if s.Password != "" {
		return nil, fmt.Errorf("%s: smtp.url holds a password; a secret does not belong in the store: put it in the environment variable %s", clauses.ConfigFile, passwordEnv(cfg))
	}
	if s.Username != "" {
		env := passwordEnv(cfg)
		if s.Password = getenv(env); s.Password == "" {
			return nil, fmt.Errorf("%s: smtp.url names user %q: set the password in the environment variable %s", clauses.ConfigFile, s.Username, env)
		}
	}
	return s, nil
}

func passwordEnv(cfg clauses.SMTPConfig) string {
	if e := strings.TrimSpace(cfg.PasswordEnv); e != "" {
		return e
	}
	return DefaultPasswordEnv
}
