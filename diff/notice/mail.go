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
	"net/mail"
	"net/textproto"
	"strings"
	"text/tabwriter"
	"time"
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
