// Package mailaddr checks e-mail addresses the way termsmith sends to them:
// a bare addr-spec (local@domain) that net/mail parses back to exactly the
// same string, printable ASCII only, within the SMTP length limits, with a
// host name as its domain. An address that passes can be written into a
// message header or an SMTP command as it is: it holds no space, no line
// break, no angle bracket, comma, quote or other character that could end
// the address and start another header or recipient.
package mailaddr

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
)

// Limits from RFC 5321, 4.5.3.1.
const (
	maxLocal   = 64
	maxAddress = 254
)

// Parse checks s and returns it re-serialised by net/mail as an addr-spec.
// The error says what is wrong, without quoting s (the caller names the
// field and value).
func Parse(s string) (string, error) {
	if s == "" {
		return "", errors.New("empty")
	}
	if len(s) > maxAddress {
		return "", fmt.Errorf("longer than %d characters", maxAddress)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c > '~' {
			return "", errors.New("contains a space, a line break, a control or a non-ASCII character")
		}
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return "", fmt.Errorf("not an e-mail address: %w", err)
	}
	if a.Name != "" || a.Address != s {
		return "", errors.New("not a bare address such as name@example.com")
	}
	at := strings.LastIndexByte(a.Address, '@')
	local, domain := a.Address[:at], a.Address[at+1:]
	if len(local) > maxLocal {
		return "", fmt.Errorf("the part before @ is longer than %d characters", maxLocal)
	}
	if err := checkHost(domain); err != nil {
		return "", err
	}
	// Re-serialise: an addr-spec of a dot-atom and a host name prints as
	// itself, in angle brackets.
	out := (&mail.Address{Address: a.Address}).String()
	return strings.TrimSuffix(strings.TrimPrefix(out, "<"), ">"), nil
}

// Domain returns the domain of an address that Parse accepted.
func Domain(addr string) string { return addr[strings.LastIndexByte(addr, '@')+1:] }

// checkHost accepts a host name of at least two labels of letters, digits
// and inner hyphens (RFC 1123); address literals ([192.0.2.1]) are refused.
func checkHost(h string) error {
	labels := strings.Split(h, ".")
	if len(labels) < 2 {
		return fmt.Errorf("domain %q is not a host name with a dot", h)
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return fmt.Errorf("domain %q is not a host name", h)
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return fmt.Errorf("domain %q is not a host name", h)
			}
		}
	}
	return nil
}
