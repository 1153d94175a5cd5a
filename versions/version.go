// Package versions keeps the published versions of a termsmith store in
// git, through go-git only: publishing freezes the store's terms content
// into a commit with an annotated tag and a version record, and every
// published version can be listed, resolved by date, read straight from git
// objects and verified.
//
// The layout in the repository is described in docs/versions.md: each
// version is a commit of the terms content, an annotated tag refs/tags/<id>
// whose message holds the version record, and a record file in the version
// index, a commit chain at refs/termsmith/versions that is the source of
// truth for which versions exist.
package versions

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/termsmith/termsmith/clauses"
	"go.yaml.in/yaml/v3"
)

// DateLayout is how dates are written: effective dates, notice dates, --at.
const DateLayout = "2006-01-02"

// Errors a caller may want to tell apart; the errors returned wrap them.
var (
	// ErrNotStore: the directory has no termsmith.yaml.
	ErrNotStore = errors.New("not a termsmith store")
	// ErrNoRepository: the store is not (yet) a git repository.
	ErrNoRepository = errors.New("not a git repository")
	// ErrNotFound: no such version, or no version in force on a date.
	ErrNotFound = errors.New("no such version")
	// ErrExists: a version with that id has already been published.
	ErrExists = errors.New("version already exists")
	// ErrRefused: publish refused the version (dates, content, author).
	ErrRefused = errors.New("publish refused")
	// ErrBusy: another process is publishing in the same store.
	ErrBusy = errors.New("store is busy")
)

// Version is the record of one published version. It is stored in the
// version index and, without Tag, in the message of the version's tag.
type Version struct {
	ID          string
	Effective   time.Time // the date the version takes effect (UTC midnight)
	NoticeDate  time.Time // the date customers are notified (UTC midnight)
	Published   time.Time // when it was published
	Author      clauses.Person
	Message     string
	ContentHash string // "sha256:<hex>", see ContentHash
	Commit      string // the commit holding the content, hex
	Tag         string // the annotated tag object refs/tags/<ID> points at, hex
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// CheckID reports whether id can name a version: 1 to 64 letters, digits,
// '.', '_' and '-', starting with a letter or digit, and a valid git tag
// name (no "..", not ending in "." or ".lock").
func CheckID(id string) error {
	switch {
	case !idPattern.MatchString(id):
		return fmt.Errorf("invalid version id %q: use 1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit", id)
	case strings.Contains(id, ".."), strings.HasSuffix(id, "."), strings.HasSuffix(id, ".lock"):
		return fmt.Errorf("invalid version id %q: it may not contain \"..\" or end in \".\" or \".lock\"", id)
	}
	return nil
}

// ParseDate parses a YYYY-MM-DD date to UTC midnight.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid date %q: use YYYY-MM-DD", s)
	}
	return t, nil
}

// Day returns t's calendar date, in t's own location, as UTC midnight.
func Day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// inForce returns the version of vs (sorted by effective date, as List
// returns them) in force on date, or nil.
func inForce(vs []*Version, date time.Time) *Version {
	date = Day(date)
	var found *Version
	for _, v := range vs {
		if v.Effective.After(date) {
			break
		}
		found = v
	}
	return found
}

// record is the YAML form of a Version, in the index and in tag messages.
type record struct {
	ID          string `yaml:"id"`
	Effective   string `yaml:"effective"`
	NoticeDate  string `yaml:"notice_date"`
	Published   string `yaml:"published"`
	Author      person `yaml:"author"`
	Message     string `yaml:"message,omitempty"`
	ContentHash string `yaml:"content_hash"`
	Commit      string `yaml:"commit"`
	Tag         string `yaml:"tag,omitempty"`
}

type person struct {
	Name  string `yaml:"name"`
	Email string `yaml:"email"`
}

func (v *Version) record(withTag bool) record {
	r := record{
		ID:          v.ID,
		Effective:   v.Effective.Format(DateLayout),
		NoticeDate:  v.NoticeDate.Format(DateLayout),
		Published:   v.Published.Format(time.RFC3339),
		Author:      person{v.Author.Name, v.Author.Email},
		Message:     v.Message,
		ContentHash: v.ContentHash,
		Commit:      v.Commit,
	}
	if withTag {
		r.Tag = v.Tag
	}
	return r
}

// marshal encodes the record as YAML; withTag includes the tag hash, which
// the tag's own message cannot hold.
func (v *Version) marshal(withTag bool) []byte {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v.record(withTag)); err != nil {
		// A record holds only strings; encoding cannot fail.
		panic(err)
	}
	enc.Close()
	return buf.Bytes()
}

// unmarshalVersion decodes a record; name says where it comes from, for errors.
func unmarshalVersion(name string, src []byte) (*Version, error) {
	var r record
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("%s: invalid version record: %w", name, err)
	}
	v := &Version{
		ID: r.ID, Author: clauses.Person{Name: r.Author.Name, Email: r.Author.Email},
		Message: r.Message, ContentHash: r.ContentHash, Commit: r.Commit, Tag: r.Tag,
	}
	var err error
	if v.Effective, err = ParseDate(r.Effective); err != nil {
		return nil, fmt.Errorf("%s: effective: %w", name, err)
	}
	if v.NoticeDate, err = ParseDate(r.NoticeDate); err != nil {
		return nil, fmt.Errorf("%s: notice_date: %w", name, err)
	}
	if v.Published, err = time.Parse(time.RFC3339, r.Published); err != nil {
		return nil, fmt.Errorf("%s: published: invalid time %q", name, r.Published)
	}
	if err := CheckID(v.ID); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if !hashPattern.MatchString(v.Commit) || v.Tag != "" && !hashPattern.MatchString(v.Tag) {
		return nil, fmt.Errorf("%s: invalid object hash in version record", name)
	}
	return v, nil
}

var hashPattern = regexp.MustCompile(`^[0-9a-f]{40}$`)

// equal reports whether two records agree on every field but Tag.
func (v *Version) equal(w *Version) bool {
	return bytes.Equal(v.marshal(false), w.marshal(false))
}

// tagMessage is the message of a version's annotated tag: a summary line,
// then the record.
func (v *Version) tagMessage() string {
	return fmt.Sprintf("Version %s, effective %s\n\n%s", v.ID, v.Effective.Format(DateLayout), v.marshal(false))
}

// versionFromTag decodes the record in a tag message written by tagMessage.
func versionFromTag(name, msg string) (*Version, error) {
	_, body, ok := strings.Cut(msg, "\n\n")
	if !ok || !strings.HasPrefix(msg, "Version ") {
		return nil, fmt.Errorf("%s: not a termsmith version tag", name)
	}
	return unmarshalVersion(name, []byte(body))
}
