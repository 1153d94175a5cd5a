package notice

import (
	"bytes"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/termsmith/termsmith/internal/mailaddr"
)

// maxLine is the longest header line written, CRLF not counted (RFC 5322,
// 2.1.1: SHOULD be no more than 78). Only an address longer than a line
// can exceed it: an addr-spec cannot be folded.
const maxLine = 78

// maxWord is the longest encoded-word written: with "Subject: " before it
// the line stays within maxLine.
const maxWord = 66

// envelope holds the header fields of a notice e-mail that come from
// input: names, addresses and the subject.
type envelope struct {
	FromName, From string // From's display name and address
	ToName, To     string // To's display name and address
	Subject        string
	Date           time.Time
	MessageID      string // with angle brackets, built by messageID
	Language       string // "nl" or "en"
}

// write writes e's header fields, in a fixed order. Addresses must pass
// mailaddr.Parse; names and the subject may be anything.
func (e envelope) write(h headerWriter) error {
	if err := h.address("From", e.FromName, e.From); err != nil {
		return err
	}
	if err := h.address("To", e.ToName, e.To); err != nil {
		return err
	}
	h.text("Subject", e.Subject)
	h.raw("Date", e.Date.Format(time.RFC1123Z))
	h.raw("Message-ID", e.MessageID)
	h.raw("MIME-Version", "1.0")
	if e.Language == "nl" || e.Language == "en" {
		h.raw("Content-Language", e.Language)
	}
	return nil
}

// headerWriter writes header fields. Nothing it is given is written as it
// is except through raw, which only takes values termsmith builds itself
// from checked parts (a date, a Message-ID, a media type).
type headerWriter struct{ buf *bytes.Buffer }

// raw writes a header whose value is made by termsmith, folded at spaces.
func (h headerWriter) raw(name, value string) { h.fold(name, strings.Fields(value)) }

// text writes an unstructured header (Subject): printable ASCII words as
// they are; anything else — a non-ASCII letter, a control character, a
// word that looks like an encoded-word or is too long for a line — makes
// the whole value RFC 2047 encoded-words. Runs of white space and control
// characters become one space.
func (h headerWriter) text(name, value string) {
	value = cleanText(value)
	if plainWords(value) {
		h.fold(name, strings.Fields(value))
		return
	}
	h.fold(name, encodeWords(value))
}

// address writes "Name <addr>": addr must pass mailaddr.Parse and is
// re-serialised by net/mail; the name is written as atoms, as a quoted
// string, or as encoded-words, whichever it needs.
func (h headerWriter) address(name, display, addr string) error {
	a, err := mailaddr.Parse(addr)
	if err != nil {
		return fmt.Errorf("%s address %q: %w", name, addr, err)
	}
	spec := (&mail.Address{Address: a}).String() // "<local@domain>"
	if !strings.HasPrefix(spec, "<") || strings.ContainsAny(spec[1:len(spec)-1], "<> \t\r\n,;\"") {
		return errors.New("internal error: address re-serialised as " + spec)
	}
	display = cleanText(display)
	var tokens []string
	switch {
	case display == "":
	case plainWords(display) && allAtext(display):
		tokens = strings.Fields(display)
	case plainWords(display) && len(display) <= maxWord-2:
		// A quoted string on one line: no folding inside the quotes.
		tokens = []string{`"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(display) + `"`}
	default:
		tokens = encodeWords(display)
	}
	h.fold(name, append(tokens, spec))
	return nil
}

// fold writes "Name: t1 t2 …" with a line break before a token that would
// take the line past maxLine.
func (h headerWriter) fold(name string, tokens []string) {
	line := name + ":"
	for _, t := range tokens {
		if len(line)+1+len(t) > maxLine && line != name+":" {
			h.buf.WriteString(line + "\r\n")
			line = ""
		}
		line += " " + t
	}
	h.buf.WriteString(line + "\r\n")
}

// cleanText makes s valid UTF-8 and turns every run of white space and
// control characters into one space, trimmed at both ends.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\uFEFF'
	}), " ")
}

// plainWords reports whether s (cleaned) can be written as it is: printable
// ASCII words that fit a line, none of which a reader would decode as an
// encoded-word.
func plainWords(s string) bool {
	for _, w := range strings.Split(s, " ") {
		if len(w) > maxWord || strings.Contains(w, "=?") {
			return false
		}
		for i := 0; i < len(w); i++ {
			if w[i] < '!' || w[i] > '~' {
				return false
			}
		}
	}
	return true
}

// allAtext reports whether the words of s are atoms (RFC 5322, 3.2.3), so
// that a display name needs no quotes.
func allAtext(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0 {
			continue
		}
		return false
	}
	return true
}

// encodeWords returns s as RFC 2047 "Q" encoded-words of at most maxWord
// characters, each holding whole characters. Only letters, digits and
// "!*+-/" stand for themselves (the set RFC 2047, 5(3) allows in a
// display name); a space is "_"; every other byte is "=XX". Readers join
// adjacent encoded-words without the space between them.
func encodeWords(s string) []string {
	const prefix, suffix = "=?utf-8?q?", "?="
	var words []string
	var w strings.Builder
	for _, r := range s {
		var enc string
		switch {
		case r == ' ':
			enc = "_"
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!*+-/", r)):
			enc = string(r)
		default:
			var b [utf8.UTFMax]byte
			n := utf8.EncodeRune(b[:], r)
			for _, c := range b[:n] {
				enc += fmt.Sprintf("=%02X", c)
			}
		}
		if w.Len() > 0 && len(prefix)+w.Len()+len(enc)+len(suffix) > maxWord {
			words = append(words, prefix+w.String()+suffix)
			w.Reset()
		}
		w.WriteString(enc)
	}
	if w.Len() > 0 {
		words = append(words, prefix+w.String()+suffix)
	}
	return words
}
