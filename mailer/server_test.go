package mailer

import (
	"crypto/tls"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/smtptest"
)

func TestParseURL(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{"smtp://user:pa%40ss@mail.example.nl:587", "smtp://user@mail.example.nl:587 pa@ss starttls", ""},
		{"smtp://mail.example.nl", "smtp://mail.example.nl:587  starttls", ""},
		{"smtps://u:p@mail.example.nl", "smtps://u@mail.example.nl:465 p implicit", ""},
		{"smtps://[::1]:2465", "smtps://[::1]:2465  implicit", ""},
		{"http://mail.example.nl", "", `scheme "http"`},
		{"smtp://", "", "no host"},
		{"smtp://h.nl:99999", "", "not a port"},
		{"smtp://h.nl/x?y=1", "", "only a user"},
		{"smtp://user:secret@h.nl:%zz", "", "invalid SMTP URL"},
	} {
		s, err := ParseURL(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || strings.Contains(err.Error(), "secret") {
				t.Errorf("ParseURL(%q): %v, want an error with %q and no password", c.in, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseURL(%q): %v", c.in, err)
			continue
		}
		if got := s.String() + " " + s.Password + " " + s.TLS; got != c.want {
			t.Errorf("ParseURL(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestFromConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cfg := clauses.SMTPConfig{URL: "smtp://notices@mail.example.nl:587"}
	for _, c := range []struct {
		name string
		cfg  clauses.SMTPConfig
		env  map[string]string
		want string // server and password, or the error
	}{
		{"url env wins", cfg, map[string]string{URLEnv: "smtps://a:b@other.nl", DefaultPasswordEnv: "x"}, "smtps://a@other.nl:465 b"},
		{"config with password env", cfg, map[string]string{DefaultPasswordEnv: "s3cret"}, "smtp://notices@mail.example.nl:587 s3cret"},
		{"named password env", clauses.SMTPConfig{URL: cfg.URL, PasswordEnv: "MAIL_PW"}, map[string]string{"MAIL_PW": "pw"}, "smtp://notices@mail.example.nl:587 pw"},
		{"no password", cfg, nil, "set the password in the environment variable TERMSMITH_SMTP_PASSWORD"},
		{"password in the store", clauses.SMTPConfig{URL: "smtp://u:pw@h.nl"}, nil, "a secret does not belong in the store"},
		{"nothing", clauses.SMTPConfig{}, nil, "no SMTP server: set TERMSMITH_SMTP_URL"},
		{"bad env", cfg, map[string]string{URLEnv: "ftp://h.nl"}, "TERMSMITH_SMTP_URL: SMTP URL scheme"},
	} {
		s, err := FromConfig(c.cfg, env(c.env))
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = s.String() + " " + s.Password
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// TestFromConfigCA trusts a relay's private CA from the PEM file that
// TERMSMITH_SMTP_CA names, for that server's name only, and refuses a
// file that is missing or holds no certificate.
func TestFromConfigCA(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{StartTLS: true})
	dir := t.TempDir()
	pem := filepath.Join(dir, "ca.pem")
	notPEM := filepath.Join(dir, "ca.txt")
	if err := os.WriteFile(pem, srv.CAPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := func(ca string) func(string) string {
		return func(k string) string {
			return map[string]string{URLEnv: "smtps://relay.example.nl", CAEnv: ca}[k]
		}
	}
	s, err := FromConfig(clauses.SMTPConfig{}, env(pem))
	if err != nil || s.TLSConfig == nil || s.TLSConfig.RootCAs == nil || s.TLSConfig.ServerName != "relay.example.nl" || s.TLSConfig.MinVersion != tls.VersionTLS12 {
		t.Fatalf("FromConfig with a CA file: %+v, %v", s, err)
	}
	for ca, want := range map[string]string{
		notPEM:                         "holds no PEM certificate",
		filepath.Join(dir, "gone.pem"): CAEnv + ":",
	} {
		if _, err := FromConfig(clauses.SMTPConfig{}, env(ca)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CA file %s: %v, want %q", filepath.Base(ca), err, want)
		}
	}
}
