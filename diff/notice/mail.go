package notice

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
)

// EML returns the notice as an e-mail message (RFC 5322, MIME): from the
// supplier to the customer's primary contact, dated the notice date, a
// multipart/mixed of a multipart/alternative (plain text and HTML, UTF-8,
// quoted-printable) and the PDF attached (base64). Lines end in CRLF. The
// Message-ID and the MIME boundaries are derived from the content, so the
// same notice gives the same bytes.
func (n *Notice) EML(pdf []byte) ([]byte, error) {
	text := n.Text()
	html, err := n.HTML()
	if err != nil {
		return nil, err
	}
	r := n.Report
	h := sha256.New()
	for _, s := range []string{r.From, r.To, r.Customer.ID, r.NoticeDate.Format(time.DateOnly), n.Supplier.Email, r.Customer.Contact.Email, text, html} {
		io.WriteString(h, s)
		h.Write([]byte{0})
	}
	h.Write(pdf)
	sum := hex.EncodeToString(h.Sum(nil))

	from := mail.Address{Name: n.SupplierName(), Address: n.Supplier.Email}
	to := mail.Address{Name: r.Customer.Contact.Name, Address: r.Customer.Contact.Email}
	domain := "termsmith.invalid"
	if _, d, ok := strings.Cut(n.Supplier.Email, "@"); ok && d != "" {
		domain = d
	}
	// The notice is dated at 09:00 UTC on the notice date: the same day in
	// Europe, and never the clock.
	date := time.Date(r.NoticeDate.Year(), r.NoticeDate.Month(), r.NoticeDate.Day(), 9, 0, 0, 0, time.UTC)

	var buf bytes.Buffer
	header := func(name, value string) { writeHeader(&buf, name, value) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", n.Subject()))
	header("Date", date.Format(time.RFC1123Z))
	header("Message-ID", "<notice."+r.From+"."+r.To+"."+r.Customer.ID+"."+sum[:16]+"@"+domain+">")
	header("MIME-Version", "1.0")
	header("Content-Language", r.Language)

	mixed := multipart.NewWriter(&buf)
	if err := mixed.SetBoundary("=_mixed_" + sum[:24]); err != nil {
		return nil, err
	}
	header("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mixed.Boundary()}))
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

	name := n.Base() + ".pdf"
	pw, err = mixed.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {mime.FormatMediaType("application/pdf", map[string]string{"name": name})},
		"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": name})},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return nil, err
	}
	enc := base64.StdEncoding.EncodeToString(pdf)
	for len(enc) > 76 {
		io.WriteString(pw, enc[:76]+"\r\n")
		enc = enc[76:]
	}
	io.WriteString(pw, enc+"\r\n")
	if err := mixed.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeHeader writes a header field, folded at spaces so that no line is
// longer than 78 characters where it can be helped (RFC 5322, 2.2.3).
func writeHeader(buf *bytes.Buffer, name, value string) {
	line := name + ":"
	for _, word := range strings.Split(value, " ") {
		if len(line)+1+len(word) > 78 && strings.TrimSpace(line) != name+":" {
			buf.WriteString(line + "\r\n")
			line = ""
		}
		line += " " + word
	}
	buf.WriteString(line + "\r\n")
}
