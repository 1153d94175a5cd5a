// Package versions keeps the published versions of a termsmith store in
// git, through go-git only: publishing freezes the store's terms content
// into a commit with an annotated tag and a version record, and every
// published version can be listed, resolved by date, read straight from git
// objects and verified.
//
// The layout in the repository is described in docs/versions.md: the store
// is an ordinary git repository whose publishing branch (main) holds the
// drafts as commits, and each published version is an annotated tag
// refs/tags/<id> on the commit it was published from, whose message holds
// the version record. Tags are the only source of truth, so plain git clone,
// fetch and push carry everything; every object read for a version is
// re-hashed and its content checked against the recorded hash.
package versions

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/gitrefs"
	"github.com/termsmith/termsmith/internal/names"
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
	// ErrBusy: another process is writing to the same store.
	ErrBusy = gitrefs.ErrBusy
	// ErrIntegrity: a published version's tag, record or content is not
	// what was published (tampered, corrupt or inconsistent).
	ErrIntegrity = errors.New("integrity check failed")
	// ErrOldLayout: the store was made by a termsmith that kept versions in
	// refs/termsmith/versions; `termsmith migrate` converts it.
	ErrOldLayout = errors.New("store in the old layout")
)

// Version is the record of one published version, stored in the message of
// the version's annotated tag.
type Version struct {
	ID          string
	Effective   time.Time // the date the version takes effect (UTC midnight)
	NoticeDate  time.Time // the date customers are notified (UTC midnight)
	Published   time.Time // when it was published
	Author      clauses.Person
	Message     string
	Summary     string // a plain-language summary of the changes, for notices
	ContentHash string // "sha256:<hex>", see ContentHash
	Commit      string // the commit the version was published from, hex
	Tag         string // the annotated tag object refs/tags/<ID> points at, hex
	// Draft marks content that is not a published version but a git
	// revision or the working tree, read for a preview: ID names it,
	// Effective is zero, and nothing made from it may be sent.
	Draft bool
}

// CheckID reports whether id can name a version: 1 to 64 letters, digits,
// '.', '_' and '-', starting with a letter or digit, and a valid git tag
// name (no "..", not ending in "." or ".lock").
func CheckID(id string) error {
	switch {
	case !names.Plain(id, 64):
		return fmt.Errorf("invalid version id %q: use 1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit", id)
	case strings.Contains(id, ".."), strings.HasSuffix(id, "."), strings.HasSuffix(id, ".lock"):
		return fmt.Errorf("invalid version id %q: it may not contain \"..\" or end in \".\" or \".lock\"", id)
	case reservedIDs[strings.ToLower(id)]:
		return fmt.Errorf("invalid version id %q: git and termsmith give it a meaning of their own", id)
	}
	return nil
}

// reservedIDs are names git resolves before tags (HEAD and the other
// special refs) or that termsmith reads as a revision: a version so named
// could not be told apart from them.
var reservedIDs = map[string]bool{
	"head": true, "fetch_head": true, "orig_head": true, "merge_head": true,
	"cherry_pick_head": true, "worktree": true,
}

// ParseDate parses a YYYY-MM-DD date to UTC midnight; an impossible date
// (2026-02-30) is refused as impossible (clauses.ParseDate).
func ParseDate(s string) (time.Time, error) {
	return clauses.ParseDate(s)
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

// record is the YAML form of a Version, in tag messages.
type record struct {
	ID          string `yaml:"id"`
	Effective   string `yaml:"effective"`
	NoticeDate  string `yaml:"notice_date"`
	Published   string `yaml:"published"`
	Author      person `yaml:"author"`
	Message     string `yaml:"message,omitempty"`
	Summary     string `yaml:"summary,omitempty"`
	ContentHash string `yaml:"content_hash"`
	Commit      string `yaml:"commit"`
	// Tag was written by the old layout's index records only.
	Tag string `yaml:"tag,omitempty"`
}

type person struct {
	Name  string `yaml:"name"`
	Email string `yaml:"email"`
}

func (v *Version) record() record {
	return record{
		ID:          v.ID,
		Effective:   v.Effective.Format(DateLayout),
		NoticeDate:  v.NoticeDate.Format(DateLayout),
		Published:   v.Published.Format(time.RFC3339),
		Author:      person{v.Author.Name, v.Author.Email},
		Message:     v.Message,
		Summary:     v.Summary,
		ContentHash: v.ContentHash,
		Commit:      v.Commit,
	}
}

// marshal encodes the record as YAML.
func (v *Version) marshal() []byte {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v.record()); err != nil {
		// A record holds only strings; encoding cannot fail.
		panic(err)
	}
	enc.Close()
	return buf.Bytes()
}

// unmarshalVersion decodes a record; name says where it comes from, for errors.
func unmarshalVersion(name string, src []byte) (*Version, error) {
	var r record
	if err := clauses.DecodeYAML(name, src, &r); err != nil {
		return nil, fmt.Errorf("invalid version record: %w", err)
	}
	v := &Version{
		ID: r.ID, Author: clauses.Person{Name: r.Author.Name, Email: r.Author.Email},
		Message: r.Message, Summary: r.Summary, ContentHash: r.ContentHash, Commit: r.Commit,
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
	if !names.Hex(v.Commit, 40) {
		return nil, fmt.Errorf("%s: invalid commit hash in version record", name)
	}
	if !strings.HasPrefix(v.ContentHash, "sha256:") || !names.Hex(v.ContentHash[len("sha256:"):], 64) {
		return nil, fmt.Errorf("%s: invalid content hash in version record", name)
	}
	return v, nil
}

// tagHeader starts the message of every version tag; the record follows
// after a blank line. Tags of the old layout start with oldTagHeader.
const (
	tagHeader    = "termsmith version "
	oldTagHeader = "Version "
)

// tagMessage is the message of a version's annotated tag: a summary line,
// a blank line, then the record as YAML (docs/versions.md).
func (v *Version) tagMessage() string {
	return fmt.Sprintf("%s%s, effective %s\n\n%s", tagHeader, v.ID, v.Effective.Format(DateLayout), v.marshal())
}

// errNotVersionTag marks an annotated tag that is not a termsmith version:
// its id is taken, but it is not read as a version.
var errNotVersionTag = errors.New("not a termsmith version tag")

// versionFromTag decodes the record in a tag message written by tagMessage
// (or by the old layout). A message that does not start like one is
// errNotVersionTag; one that does but holds no valid record is an error.
func versionFromTag(name, msg string) (*Version, error) {
	if !strings.HasPrefix(msg, tagHeader) && !strings.HasPrefix(msg, oldTagHeader) {
		return nil, errNotVersionTag
	}
	_, body, ok := strings.Cut(msg, "\n\n")
	if !ok || !strings.Contains(body, "content_hash:") {
		if strings.HasPrefix(msg, tagHeader) {
			return nil, fmt.Errorf("%s: the tag message holds no version record", name)
		}
		return nil, errNotVersionTag
	}
	return unmarshalVersion(name, []byte(body))
}
