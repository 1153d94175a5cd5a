package notice

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"
	"time"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/mailaddr"
)

// Attachment is a file attached to a notice e-mail.
type Attachment struct {
	Name string // the file name the recipient sees
	Data []byte
}

// Message is a notice e-mail as it is sent: the exact bytes, and what a
// proof of sending records about them.
type Message struct {
	Bytes     []byte    // the message (RFC 5322), lines ending in CRLF
	From      string    // the supplier's address: From and the SMTP envelope sender
	To        string    // the contact's address: To and the only SMTP recipient
	MessageID string    // the Message-ID, without angle brackets
	Date      time.Time // the Date header
	// Attachments are the attached files, in the order of the message.
	Attachments []Attachment
}

// EML returns the notice as an e-mail message for a preview: dated the
// notice date at 09:00 UTC, with the notice PDF attached. See Message.
func (n *Notice) EML(pdf []byte) ([]byte, error) {
	d := n.Report.NoticeDate
	m, err := n.Message(time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, time.UTC), Attachment{Name: n.Base() + ".pdf", Data: pdf})
	if err != nil {
		return nil, err
	}
	return m.Bytes, nil
}

// Message returns the notice as an e-mail message (RFC 5322, MIME) dated
// date: from the supplier to the customer's primary contact, a
// multipart/mixed of a multipart/alternative (plain text and HTML, UTF-8,
// quoted-printable) and the attachments (base64). Lines end in CRLF.
//
// Both addresses must pass mailaddr.Parse; every header is written by
// headerWriter, which encodes what it is given (RFC 2047) and folds it, so
// no value — a name, an address, the subject — can end its header and
// start another or add a recipient. The Message-ID and the MIME boundaries
// are derived from the content, so the same notice, date and attachments
// give the same bytes.
func (n *Notice) Message(date time.Time, attachments ...Attachment) (*Message, error) {
	r := n.Report
	from, err := mailaddr.Parse(n.Supplier.Email)
	if err != nil {
		return nil, fmt.Errorf("%s: supplier.email %q: %w", clauses.ConfigFile, n.Supplier.Email, err)
	}
	to, err := mailaddr.Parse(r.Customer.Contact.Email)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: contact.email %q: %w", r.Customer.File, r.Customer.Line("contact"), r.Customer.Contact.Email, err)
	}
	date = date.UTC().Truncate(time.Second)
	text := n.Text()
	html, err := n.HTML()
	if err != nil {
		return nil, err
	}
	sum := digest([]string{r.From, r.To, r.Customer.ID, date.Format(time.RFC3339), from, to, r.Customer.Contact.Name, text, html}, attachments)

	var buf bytes.Buffer
	env := envelope{
		FromName: n.SupplierName(), From: from,
		ToName: r.Customer.Contact.Name, To: to,
		Subject: n.Subject(), Date: date,
		MessageID: messageID(sum, r.From, r.To, r.Customer.ID, mailaddr.Domain(from)),
		Language:  r.Language,
	}
	hw := headerWriter{&buf}
	if err := env.write(hw); err != nil {
		return nil, err
	}

	mixed := multipart.NewWriter(&buf)
	// "=_" cannot occur in quoted-printable or base64 text, so no body
	// line can look like a boundary.
	if err := mixed.SetBoundary("=_mixed_" + sum[:24]); err != nil {
		return nil, err
	}
	hw.raw("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mixed.Boundary()}))
	buf.WriteString("\r\n")

	if err := writeAlternative(mixed, "=_alt_"+sum[:24], text, html); err != nil {
		return nil, err
	}
	for _, a := range attachments {
		if err := writeAttachment(mixed, a); err != nil {
			return nil, err
		}
	}
	if err := mixed.Close(); err != nil {
		return nil, err
	}
	return &Message{Bytes: buf.Bytes(), From: from, To: to, MessageID: strings.Trim(env.MessageID, "<>"), Date: date, Attachments: attachments}, nil
}

// digest is the hex SHA-256 of fields and the attachments' names and
// contents: the Message-ID and the MIME boundaries are made from it.
func digest(fields []string, attachments []Attachment) string {
	h := sha256.New()
	for _, s := range fields {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	for _, a := range attachments {
		io.WriteString(h, a.Name)
		h.Write([]byte{0})
		sum := sha256.Sum256(a.Data)
		h.Write(sum[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writeAlternative adds to mixed a multipart/alternative part with the
// boundary given: text and html, UTF-8, quoted-printable.
func writeAlternative(mixed *multipart.Writer, boundary, text, html string) error {
	var alt bytes.Buffer
	altw := multipart.NewWriter(&alt)
	if err := altw.SetBoundary(boundary); err != nil {
		return err
	}
	for _, part := range []struct{ typ, body string }{{"text/plain", text}, {"text/html", html}} {
		pw, err := altw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.typ + "; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return err
		}
		qp := quotedprintable.NewWriter(pw)
		if _, err := io.WriteString(qp, part.body); err != nil {
			return err
		}
		if err := qp.Close(); err != nil {
			return err
		}
	}
	if err := altw.Close(); err != nil {
		return err
	}
	pw, err := mixed.CreatePart(textproto.MIMEHeader{
		"Content-Type": {mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": altw.Boundary()})},
	})
	if err != nil {
		return err
	}
	_, err = pw.Write(alt.Bytes())
	return err
}

// writeAttachment adds a to mixed as a PDF attachment, in base64 lines of
// 76 characters.
func writeAttachment(mixed *multipart.Writer, a Attachment) error {
	name := sanitizeFileName(a.Name)
	pw, err := mixed.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {mime.FormatMediaType("application/pdf", map[string]string{"name": name})},
		"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": name})},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return err
	}
	enc := base64.StdEncoding.EncodeToString(a.Data)
	for len(enc) > 76 {
		io.WriteString(pw, enc[:76]+"\r\n")
		enc = enc[76:]
	}
	_, err = io.WriteString(pw, enc+"\r\n")
	return err
}

// messageID builds "<notice.FROM.TO.CUSTOMER.HASH@DOMAIN>" from characters
// that may stand in a Message-ID (RFC 5322 dot-atom-text); anything else
// in an id is left out.
func messageID(sum, from, to, customer, domain string) string {
	keep := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
				return r
			}
			return -1
		}, s)
	}
	return "<notice." + keep(from) + "." + keep(to) + "." + keep(customer) + "." + sum[:16] + "@" + domain + ">"
}

// sanitizeFileName keeps an attachment's name to letters, digits, '.',
// '-' and '_', so its parameter is a plain token.
func sanitizeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return r
		}
		return '_'
	}, s)
}
