package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/diff/notice"
	"github.com/termsmith/termsmith/internal/output"
	"github.com/termsmith/termsmith/render"
	"github.com/termsmith/termsmith/store/terms"
	"github.com/termsmith/termsmith/versions"
)

// NoticeRequest says which notices to make: from published version From
// to To (a published version, or a draft for a preview).
type NoticeRequest struct {
	From, To string
	// Date dates a preview by hand (zero: today, a notice to send).
	Date time.Time
	// Effective is the date a draft To would take effect: for a preview of
	// a draft only.
	Effective string
	// SummaryFile holds a plain-language summary that replaces the one
	// published with To, for a preview; empty for none.
	SummaryFile string
	// Language is the letter's language; empty for the store's.
	Language string
	// Send: the notices are sent now, so both versions must be published
	// and the letter is in the store's language.
	Send bool
}

// Notices is one run of change notices: what every customer's notice
// shares.
type Notices struct {
	Old, New *terms.Content
	Date     time.Time // the notice date
	Preview  bool      // a preview: dated by hand, or of a draft; never sent
	Summary  *string   // --summary; nil: the summary published with New
	Language string
	Letter   *notice.Letter
	Between  []diff.Step
	Policy   notice.Policy
}

// Notices checks a request and prepares its run: both versions loaded,
// the notice period respected, the letter parsed. A request the input
// cannot satisfy is unusable; a notice too late for the notice period is
// refused (exit status 1).
func (s *Store) Notices(req NoticeRequest) (*Notices, error) {
	n := &Notices{Date: s.Today()}
	if !req.Date.IsZero() {
		n.Date, n.Preview = req.Date, true
	}
	old, err := s.Resolve(req.From)
	if err != nil {
		return nil, err
	}
	new, err := s.Resolve(req.To)
	if err != nil {
		return nil, err
	}
	n.Old, n.New = old, new
	switch {
	case req.Send && (old.Draft || new.Draft):
		return nil, Unusable(fmt.Errorf("%s and %s: only notices between published versions are sent; preview a draft with termsmith notice --date", req.From, req.To))
	case old.Draft:
		return nil, Unusable(fmt.Errorf("%s is a draft, not a published version: a notice compares the terms the customers have (a published version) with the new ones", req.From))
	case new.Draft:
		// A draft under review (a branch, a commit, the worktree) can be
		// previewed, never sent: it has no effective date of its own.
		if req.Effective == "" {
			return nil, Unusable(fmt.Errorf("%s is a draft, not a published version: give --effective DATE for the preview", req.To))
		}
		d, err := versions.ParseDate(req.Effective)
		if err != nil {
			return nil, Unusable(fmt.Errorf("--effective: %w", err))
		}
		new.Effective, n.Preview = d, true
	case req.Effective != "":
		return nil, Unusable(fmt.Errorf("--effective is for a draft: version %s takes effect on %s", new.Version, new.Effective.Format(time.DateOnly)))
	}
	if req.SummaryFile != "" {
		if !n.Preview {
			return nil, Unusable(errors.New("--summary is for a preview (with --date, or of a draft): a notice to send opens with the summary published with version " + req.To))
		}
		s, err := readSummary(req.SummaryFile)
		if err != nil {
			return nil, Unusable(err)
		}
		n.Summary = &s
	}
	if !old.Effective.Before(new.Effective) {
		return nil, Unusable(fmt.Errorf("version %s (effective %s) does not take effect before version %s (effective %s): give the older version first",
			old.Version, old.Effective.Format(time.DateOnly), new.Version, new.Effective.Format(time.DateOnly)))
	}
	n.Policy = notice.PolicyOf(old.Store.Config, new.Store.Config)
	if err := notice.Check(new.Version, n.Date, new.Effective, n.Policy.PeriodDays); err != nil {
		return nil, fmt.Errorf("notice refused: %w", err)
	}
	n.Language = req.Language
	if n.Language == "" {
		n.Language = new.Store.Config.Language
	}
	if !slices.Contains(terms.Languages, n.Language) {
		return nil, Unusable(fmt.Errorf("--language %q: use %s", n.Language, strings.Join(terms.Languages, " or ")))
	}
	if n.Letter, err = LoadLetter(new, n.Language); err != nil {
		return nil, Unusable(err)
	}
	if n.Between, err = s.Between(old, new); err != nil {
		return nil, err
	}
	return n, nil
}

// DeadlineText says what the objection deadline of the run's notices is:
// a date, or why there is none.
func (n *Notices) DeadlineText() string {
	if d := n.Policy.Deadline(n.Date, n.New.Effective); !d.IsZero() {
		return d.Format(time.DateOnly)
	}
	if n.Policy.Objection.String() == "" {
		return "none (no objection rule declared in notices.objection)"
	}
	return "none (objection rule " + n.Policy.Objection.String() + ")"
}

// Notice returns customer c's notice dated date, or nil when c's
// agreement does not change.
func (n *Notices) Notice(c *agreement.Customer, date time.Time) (*notice.Notice, error) {
	r, err := Compare(n.Old, n.New, c, date)
	if err != nil || len(r.Changes) == 0 {
		return nil, err
	}
	r.Preview, r.Language, r.Between = n.Preview, n.Language, n.Between
	if n.Summary != nil {
		r.Summary = *n.Summary
	}
	return notice.New(r, n.New.Store.Config.Supplier, n.Letter)
}

// Write writes customer c's notice — PDF, e-mail and JSON in
// DIR/<customer>/ — all or none, and returns the paths written; none for a
// customer without changes.
func (n *Notices) Write(c *agreement.Customer, dir string) ([]string, error) {
	nt, err := n.Notice(c, n.Date)
	if err != nil || nt == nil {
		return nil, err
	}
	files, err := nt.Build()
	if err != nil {
		return nil, err
	}
	out := output.New(dir)
	base := filepath.Join(dir, c.ID, nt.Base())
	list := []output.File{{Path: base + ".pdf", Data: files.PDF}, {Path: base + ".eml", Data: files.EML}, {Path: base + ".json", Data: files.JSON}}
	if err := out.WriteAll(list); err != nil {
		return nil, err
	}
	return []string{list[0].Path, list[1].Path, list[2].Path}, nil
}

// WriteAll writes the notices of custs, as Write does, on jobs goroutines,
// calling done after each; customers without changes are counted as
// unchanged.
func (n *Notices) WriteAll(custs []*agreement.Customer, dir string, jobs int, done func()) *Batch {
	return ForCustomers(custs, jobs, done, func(c *agreement.Customer) ([]string, error) { return n.Write(c, dir) })
}

// Message builds customer c's notice e-mail dated now (the moment it is
// sent), with the notice PDF and the full agreement under the new version
// attached, and returns it with the objection deadline it gives; nil for
// a customer without changes.
func (n *Notices) Message(c *agreement.Customer, now time.Time) (*notice.Message, string, error) {
	nt, err := n.Notice(c, versions.Day(now))
	if err != nil || nt == nil {
		return nil, "", err
	}
	pdf, err := nt.PDF()
	if err != nil {
		return nil, "", fmt.Errorf("notice PDF: %w", err)
	}
	doc, err := assembleFor(n.New, c)
	if err != nil {
		return nil, "", err
	}
	agreement, err := render.Agreement(doc, render.PDF)
	if err != nil {
		return nil, "", fmt.Errorf("agreement PDF: %w", err)
	}
	m, err := nt.Message(now,
		notice.Attachment{Name: nt.Base() + ".pdf", Data: pdf},
		notice.Attachment{Name: "agreement-" + n.New.Version + ".pdf", Data: agreement})
	if err != nil {
		return nil, "", err
	}
	return m, nt.Report.Deadline.Format(time.DateOnly), nil
}

// Archive keeps the exact bytes of a message about to be sent in
// DIR/<customer>/notice-FROM-TO.<UTC time>.eml.
func (n *Notices) Archive(dir, customer string, m *notice.Message) error {
	return output.New(dir).WriteFile(keptCopy(dir, customer, n.Old.Version, n.New.Version, m.Date), m.Bytes)
}

// keptCopy is where the copy of a notice message dated date is kept:
// DIR/<customer>/notice-FROM-TO.<UTC time>.eml.
func keptCopy(dir, customer, from, to string, date time.Time) string {
	return filepath.Join(dir, customer, "notice-"+from+"-"+to+"."+date.UTC().Format("20060102T150405Z")+".eml")
}

// maxSummary bounds a summary file: a plain-language summary is a few
// paragraphs.
const maxSummary = 64 << 10

// readSummary reads a plain-language summary: UTF-8 text, at most 64 KiB.
func readSummary(file string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("--summary: %w", err)
	}
	if len(data) > maxSummary {
		return "", fmt.Errorf("--summary: %s: %d bytes; a summary is at most %d", file, len(data), maxSummary)
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return "", fmt.Errorf("--summary: %s:%d: not UTF-8 text", file, 1+bytes.Count(data[:i], []byte("\n")))
		}
		i += size
	}
	return strings.TrimSpace(strings.TrimPrefix(string(data), "\ufeff")), nil
}

// LoadLetter parses the notice letter template of content t in lang; an
// error names the file when the version has none.
func LoadLetter(t *terms.Content, lang string) (*notice.Letter, error) {
	file := terms.LetterFile(lang)
	data, ok := t.Letters[lang]
	if !ok {
		return nil, fmt.Errorf("version %s has no notice letter %s: a notice is written in the store's own words (see docs/notices.md)", t.Version, file)
	}
	l, err := notice.ParseLetter(file, lang, data)
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", t.Version, err)
	}
	return l, nil
}
