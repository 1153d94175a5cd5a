package notice

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/internal/golden"
	"github.com/termsmith/termsmith/store/terms"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// load reads the diff package's base store with a case over it (see
// diff's tests) and returns both versions and the customers.
func load(t testing.TB, caseFile string) (old, new *terms.Content, customers map[string]*agreement.Customer) {
	t.Helper()
	oldFS, newFS := fstest.MapFS{}, fstest.MapFS{}
	for i, file := range []string{"../testdata/base.txtar", caseFile} {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			name, side := f.Name, ""
			if i == 1 {
				for _, p := range []string{"old/", "new/"} {
					if strings.HasPrefix(name, p) {
						name, side = strings.TrimPrefix(name, p), p
					}
				}
			}
			if side != "new/" {
				oldFS[name] = &fstest.MapFile{Data: f.Data}
			}
			if side != "old/" {
				newFS[name] = &fstest.MapFile{Data: f.Data}
			}
		}
	}
	var err error
	if old, err = terms.LoadVersion(oldFS, "2026-01-01", day("2026-01-01"), day("2025-11-01")); err != nil {
		t.Fatal(err)
	}
	if new, err = terms.LoadVersion(newFS, "2026-07-01", day("2026-07-01"), day("2026-05-15")); err != nil {
		t.Fatal(err)
	}
	if customers, err = agreement.LoadCustomers(newFS); err != nil {
		t.Fatal(err)
	}
	return old, new, customers
}

func testNotice(t testing.TB, caseFile, customer string, date time.Time) *Notice {
	t.Helper()
	old, new, cs := load(t, caseFile)
	r, err := newReport(old, new, cs[customer], date)
	if err != nil {
		t.Fatal(err)
	}
	n, err := New(r, new.Store.Config.Supplier, testLetter(t, new, r.Language))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func testLetter(t testing.TB, src *terms.Content, lang string) *Letter {
	t.Helper()
	l, err := ParseLetter(terms.LetterFile(lang), lang, src.Letters[lang])
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// newReport compares the agreements customer c gets under old and new and
// dates the report's notice under the policy of old, as the application
// layer (package store) does.
func newReport(old, new *terms.Content, c *agreement.Customer, noticeDate time.Time) (*diff.Report, error) {
	if c == nil {
		c = terms.Reference(old, new)
	}
	od, err := old.Assemble(c)
	if err != nil {
		return nil, err
	}
	nd, err := new.Assemble(c)
	if err != nil {
		return nil, err
	}
	r := diff.NewReport(od, nd)
	PolicyOf(old.Store.Config, new.Store.Config).Apply(r, noticeDate)
	r.Summary = new.Summary
	return r, nil
}

// TestCheck checks the notice period rule: the notice must be dated at
// least the period's days before the effective date.
func TestCheck(t *testing.T) {
	tests := []struct {
		notice string
		ok     bool
	}{
		{"2026-05-01", true},
		{"2026-06-01", true}, // exactly 30 days
		{"2026-06-02", false},
		{"2026-07-01", false},
	}
	for _, tt := range tests {
		err := Check("v2", day(tt.notice), day("2026-07-01"), 30)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrTooLate)) {
			t.Errorf("notice %s: err = %v, want ok=%v", tt.notice, err, tt.ok)
		}
	}
	err := Check("v2", day("2026-06-11"), day("2026-07-01"), 30)
	want := "version v2 takes effect on 2026-07-01, 20 days after the notice date 2026-06-11; the notice period is 30 days, so the notice must be dated 2026-06-01 or earlier"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("message: %v\nwant it to say: %s", err, want)
	}
}

// TestNewRefuses checks that a notice is refused when it comes too late
// and when the supplier has no e-mail address to send it from.
func TestNewRefuses(t *testing.T) {
	old, new, cs := load(t, "../testdata/cases/one-word.txtar")
	r, err := newReport(old, new, cs["alfa"], day("2026-06-20"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(r, new.Store.Config.Supplier, testLetter(t, new, "nl")); !errors.Is(err, ErrTooLate) {
		t.Errorf("late notice: err = %v, want ErrTooLate", err)
	}
	r.NoticeDate = day("2026-05-15")
	sup := new.Store.Config.Supplier
	sup.Email = ""
	if _, err := New(r, sup, testLetter(t, new, "nl")); err == nil || !strings.Contains(err.Error(), "supplier.email is required") {
		t.Errorf("no supplier e-mail: err = %v", err)
	}
}

// TestLetter checks the e-mail's plain text against a golden file: the
// salutation to the primary contact, the effective date, the objection
// deadline (notice date + 30 days), the summary table.
func TestLetter(t *testing.T) {
	n := testNotice(t, "../testdata/cases/inserted-article.txtar", "alfa", day("2026-05-15"))
	golden.Check(t, "testdata/inserted-article-alfa.txt", []byte(n.Text()))
	got := strings.Join(strings.Fields(n.Text()), " ")
	for _, want := range []string{"Geachte Anna Åkesson,", "tot en met 30 juni 2026", "ingang van 1 juli 2026", "artikel 2.2 van"} {
		if !strings.Contains(got, want) {
			t.Errorf("letter lacks %q", want)
		}
	}
	if s := n.Subject(); s != "Wijziging van de Algemene voorwaarden per 1 juli 2026" {
		t.Errorf("subject %q", s)
	}
}

// TestEML parses the e-mail back with net/mail and mime/multipart: the
// headers, the encoded recipient name and subject, the two alternatives
// and the attached PDF.
func TestEML(t *testing.T) {
	n := testNotice(t, "../testdata/cases/customer-value.txtar", "beta", day("2026-05-15"))
	files, err := n.Build()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bytes.ReplaceAll(files.EML, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("a line ends in a bare LF")
	}
	for i, line := range bytes.Split(files.EML, []byte("\r\n")) {
		if len(line) > 998 {
			t.Errorf("line %d is %d bytes", i+1, len(line))
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(files.EML))
	if err != nil {
		t.Fatal(err)
	}
	to, err := msg.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != "Bert Beta" || to[0].Address != "bert@beta.nl" {
		t.Errorf("To: %v, %v", to, err)
	}
	from, err := msg.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Address != "legal@voorbeeld.nl" {
		t.Errorf("From: %v, %v", from, err)
	}
	var dec mime.WordDecoder
	if subj, err := dec.DecodeHeader(msg.Header.Get("Subject")); err != nil || subj != n.Subject() {
		t.Errorf("Subject: %q, %v", subj, err)
	}
	if d, err := msg.Header.Date(); err != nil || d.Format(time.DateOnly) != "2026-05-15" {
		t.Errorf("Date: %v, %v", d, err)
	}
	if id := msg.Header.Get("Message-ID"); !strings.HasPrefix(id, "<notice.") || !strings.HasSuffix(id, "@voorbeeld.nl>") {
		t.Errorf("Message-ID %q", id)
	}
	if v := msg.Header.Get("MIME-Version"); v != "1.0" {
		t.Errorf("MIME-Version %q", v)
	}
	typ, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || typ != "multipart/mixed" {
		t.Fatalf("Content-Type %q, %v", typ, err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	alt, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	atyp, aparams, err := mime.ParseMediaType(alt.Header.Get("Content-Type"))
	if err != nil || atyp != "multipart/alternative" {
		t.Fatalf("first part %q, %v", atyp, err)
	}
	ar := multipart.NewReader(alt, aparams["boundary"])
	var bodies []string
	for {
		p, err := ar.NextPart() // decodes quoted-printable
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(p)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, p.Header.Get("Content-Type")+"\n"+string(b))
	}
	html, _ := n.HTML()
	if len(bodies) != 2 || bodies[0] != "text/plain; charset=utf-8\n"+strings.ReplaceAll(n.Text(), "\n", "\r\n") || bodies[1] != "text/html; charset=utf-8\n"+strings.ReplaceAll(html, "\n", "\r\n") {
		t.Errorf("alternatives differ from the text and HTML bodies: %d parts", len(bodies))
	}
	att, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	ptyp, pparams, err := mime.ParseMediaType(att.Header.Get("Content-Type"))
	if att.FileName() != "notice-2026-01-01-2026-07-01.pdf" || err != nil || ptyp != "application/pdf" || pparams["name"] != att.FileName() {
		t.Errorf("attachment %q, %q", att.FileName(), att.Header.Get("Content-Type"))
	}
	raw, err := io.ReadAll(att)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := io.ReadAll(base64Decoder(raw))
	if err != nil || !bytes.Equal(pdf, files.PDF) {
		t.Errorf("attached PDF differs from the PDF (%v)", err)
	}
	if _, err := mr.NextPart(); err != io.EOF {
		t.Errorf("more parts after the attachment: %v", err)
	}
}

// TestDeterministic checks that building the same notice twice gives
// byte-identical PDF, e-mail and JSON.
func TestDeterministic(t *testing.T) {
	a, err := testNotice(t, "../testdata/cases/one-word.txtar", "alfa", day("2026-05-15")).Build()
	if err != nil {
		t.Fatal(err)
	}
	b, err := testNotice(t, "../testdata/cases/one-word.txtar", "alfa", day("2026-05-15")).Build()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.PDF, b.PDF) || !bytes.Equal(a.EML, b.EML) || !bytes.Equal(a.JSON, b.JSON) {
		t.Error("two builds of the same notice differ")
	}
}

// TestPDFText extracts the text of a notice PDF with pdftotext and compares
// it with a golden file: letter, summary table, redline.
func TestPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils)")
	}
	n := testNotice(t, "../testdata/cases/moved-edited.txtar", "alfa", day("2026-05-15"))
	pdf, err := n.PDF()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/moved-edited-alfa.pdf.txt", []byte(pdfText(t, pdf)))
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "n.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	qpdfCheckFile(t, file)
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func base64Decoder(raw []byte) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, bytes.NewReader(raw))
}

// TestLetterEnglish checks that a store in English gets the English letter:
// subject, salutation, dates and kinds.
func TestLetterEnglish(t *testing.T) {
	n := testNotice(t, "testdata/english.txtar", "alfa", day("2026-05-15"))
	if s := n.Subject(); s != "Change of the Algemene voorwaarden as of 1 July 2026" {
		t.Errorf("subject %q", s)
	}
	text := strings.Join(strings.Fields(n.Text()), " ")
	for _, want := range []string{"Dear Anna Åkesson,", "until and including 30 June 2026", "modified", "Kind regards,"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q:\n%s", want, text)
		}
	}
}
