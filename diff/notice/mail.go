package notice

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/mailaddr"
)

// Text returns the plain-text body of the e-mail: the letter and the
// summary table; the redline is in the attached PDF.
func (n *Notice) Text() string {
	l, w := n.letter(), n.words
	var sb strings.Builder
	sb.WriteString(l.salutation + "\n\n")
	for _, p := range l.paragraphs {
		sb.WriteString(wrap(p, 72) + "\n\n")
	}
	sb.WriteString(w.Summary + "\n\n")
	tw := tabwriter.NewWriter(&sb, 0, 4, 3, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\n", w.Number, w.Title, w.Change)
	for _, c := range n.Report.Changes {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Where(), c.Title, w.Kinds[c.Kind])
	}
	tw.Flush()
	sb.WriteString("\n" + wrap(w.Attachment, 72) + "\n\n")
	sb.WriteString(l.closing + "\n\n")
	sb.WriteString(strings.Join(l.signature, "\n") + "\n")
	return sb.String()
}

// wrap breaks s into lines of at most width characters at spaces.
func wrap(s string, width int) string {
	var sb strings.Builder
	n := 0
	for i, word := range strings.Fields(s) {
		wl := len([]rune(word))
		if i > 0 {
			if n+1+wl > width {
				sb.WriteByte('\n')
				n = 0
			} else {
				sb.WriteByte(' ')
				n++
			}
		}
		sb.WriteString(word)
		n += wl
	}
	return sb.String()
}

// The HTML body uses inline styles only: many mail programs drop <style>.
var htmlBody = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.45; color: #111;">
<p>{{.Letter.Salutation}}</p>
{{range .Letter.Paragraphs}}<p>{{.}}</p>
{{end}}<h2 style="font-size: 16px;">{{.Words.Summary}}</h2>
<table style="border-collapse: collapse;">
<tr>{{range .Header}}<th style="border: 1px solid #999; padding: 3px 8px; text-align: left; background: #e8e8e8;">{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range .}}<td style="border: 1px solid #999; padding: 3px 8px; text-align: left; vertical-align: top;">{{.}}</td>{{end}}</tr>
{{end}}</table>
<p>{{.Words.Attachment}}</p>
<p>{{.Letter.Closing}}</p>
<p>{{range $i, $s := .Letter.Signature}}{{if $i}}<br>{{end}}{{$s}}{{end}}</p>
</body>
</html>
`))

// HTML returns the HTML body of the e-mail: the letter and the summary
// table.
func (n *Notice) HTML() (string, error) {
	l, w := n.letter(), n.words
	data := struct {
		Lang, Subject string
		Words         any
		Letter        struct {
			Salutation, Closing   string
			Paragraphs, Signature []string
		}
		Header []string
		Rows   [][]string
	}{Lang: n.Report.Language, Subject: n.Subject(), Words: w, Header: []string{w.Number, w.Title, w.Change}}
	data.Letter.Salutation, data.Letter.Closing = l.salutation, l.closing
	data.Letter.Paragraphs, data.Letter.Signature = l.paragraphs, l.signature
	for _, c := range n.Report.Changes {
		data.Rows = append(data.Rows, []string{c.Where(), c.Title, w.Kinds[c.Kind]})
	}
	var buf bytes.Buffer
	if err := htmlBody.Execute(&buf, data); err != nil {
		return "", err
	}
	return buf.String(), nil
}

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
	h := sha256.New()
	for _, s := range []string{r.From, r.To, r.Customer.ID, date.Format(time.RFC3339), from, to, r.Customer.Contact.Name, text, html} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	for _, a := range attachments {
		io.WriteString(h, a.Name)
		h.Write([]byte{0})
		sum := sha256.Sum256(a.Data)
		h.Write(sum[:])
	}
	sum := hex.EncodeToString(h.Sum(nil))

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

	var alt bytes.Buffer
	altw := multipart.NewWriter(&alt)
	if err := altw.SetBoundary("=_alt_" + sum[:24]); err != nil {
		return nil, err
	}
	for _, part := range []struct{ typ, body string }{{"text/plain", text}, {"text/html", html}} {
		pw, err := altw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.typ + "; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(pw)
		if _, err := io.WriteString(qp, part.body); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := altw.Close(); err != nil {
		return nil, err
	}
	pw, err := mixed.CreatePart(textproto.MIMEHeader{
		"Content-Type": {mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": altw.Boundary()})},
	})
	if err != nil {
		return nil, err
	}
	if _, err := pw.Write(alt.Bytes()); err != nil {
		return nil, err
	}

	for _, a := range attachments {
		name := sanitizeFileName(a.Name)
		pw, err = mixed.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {mime.FormatMediaType("application/pdf", map[string]string{"name": name})},
			"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": name})},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return nil, err
		}
		enc := base64.StdEncoding.EncodeToString(a.Data)
		for len(enc) > 76 {
			io.WriteString(pw, enc[:76]+"\r\n")
			enc = enc[76:]
		}
		io.WriteString(pw, enc+"\r\n")
	}
	if err := mixed.Close(); err != nil {
		return nil, err
	}
	return &Message{Bytes: buf.Bytes(), From: from, To: to, MessageID: strings.Trim(env.MessageID, "<>"), Date: date, Attachments: attachments}, nil
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
