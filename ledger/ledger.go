// Package ledger keeps the proof-of-notice ledger in a store's git
// repository: for every customer and pair of versions, each attempt to
// send the change notice — to which address, with which Message-ID, when,
// the SMTP server's final reply, and the SHA-256 of the exact message bytes
// and of each attachment.
//
// The ledger is the branch Ref, a chain of commits, one per change to a
// record, so it travels with the store (git clone, push and pull copy
// branches) and its history shows every state a record went through. Each
// commit's tree holds one JSON file per record:
//
//	notices/<from>..<to>/<first character of the customer id>/<customer>.json
//
// Writers are serialised by the store's writer lock, .git/termsmith.lock,
// the lock publish takes. A record is read and changed under that lock, so
// two senders can never both claim the same customer. Objects are written
// first; the branch moves last, by writing a temporary file and renaming
// it over the ref: a process killed at any point leaves the ledger as it
// was before or after that one change.
package ledger

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/termsmith/termsmith/internal/gitrefs"
)

// Ref is the branch that holds the ledger.
const Ref = "refs/heads/termsmith/ledger"

// remoteRef is where a plain `git clone` puts the ledger of the store it
// cloned; it is read (and built on) while the store has no Ref of its own.
const remoteRef = "refs/remotes/origin/termsmith/ledger"

// The statuses of an attempt and of a record.
const (
	// Unknown: the attempt was recorded and the SMTP transaction started,
	// but no final reply was recorded — the process was killed, or the
	// connection broke after the message was handed over. The message may
	// or may not have been delivered; an operator resolves it (send
	// --resend). A customer whose record is unknown is never sent to again
	// automatically.
	Unknown = "unknown"
	// Sent: the server accepted the message (a 2xx reply to its data).
	Sent = "sent"
	// Failed: the server refused it (5xx, or 4xx after every retry) or
	// the message never reached it; sending again is safe.
	Failed = "failed"
)

// lockWait is how long a writer waits for the lock before giving up.
var lockWait = 60 * time.Second

// ErrCorrupt is wrapped by errors about a ledger that cannot be read.
var ErrCorrupt = errors.New("the notice ledger is damaged")

// File is one attached file of a sent message.
type File struct {
	Name   string `json:"name"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Attempt is one attempt to send a notice.
type Attempt struct {
	Status string `json:"status"` // Unknown, Sent or Failed
	// Started is when the attempt was recorded, before the SMTP
	// transaction (UTC).
	Started time.Time `json:"started"`
	// Finished is when the outcome was recorded: for Sent, when the server
	// accepted the message (UTC). Zero while Unknown.
	Finished  time.Time `json:"finished,omitzero"`
	Sender    string    `json:"sender"`    // From and the SMTP envelope sender
	Recipient string    `json:"recipient"` // To and the only SMTP recipient
	MessageID string    `json:"message_id"`
	// Date is the message's Date header; the notice is dated that day.
	Date time.Time `json:"date"`
	// Deadline is the objection deadline the letter gives (YYYY-MM-DD).
	Deadline string `json:"deadline,omitempty"`
	Server   string `json:"server"` // host:port of the SMTP server
	// Reply is the server's final reply to the message ("250 2.0.0 Ok:
	// queued as …"), or for a failure the last reply or error.
	Reply         string `json:"reply,omitempty"`
	MessageBytes  int    `json:"message_bytes"`
	MessageSHA256 string `json:"message_sha256"` // of the exact bytes given to DATA, before dot-stuffing
	Attachments   []File `json:"attachments"`
	Tries         int    `json:"tries,omitempty"` // SMTP transactions made (retries after 4xx)
}

// Record is the ledger's record of one customer's notice from one version
// to another: every attempt, oldest first.
type Record struct {
	Customer string    `json:"customer"`
	From     string    `json:"from"`
	To       string    `json:"to"`
	Attempts []Attempt `json:"attempts"`
}

// Status is Sent when any attempt was accepted by the server, else the
// status of the last attempt.
func (r *Record) Status() string {
	if r == nil || len(r.Attempts) == 0 {
		return ""
	}
	if r.Sent() != nil {
		return Sent
	}
	return r.Attempts[len(r.Attempts)-1].Status
}

// Sent returns the first accepted attempt, or nil.
func (r *Record) Sent() *Attempt {
	for i := range r.Attempts {
		if r.Attempts[i].Status == Sent {
			return &r.Attempts[i]
		}
	}
	return nil
}

// Last returns the last attempt, or nil.
func (r *Record) Last() *Attempt {
	if r == nil || len(r.Attempts) == 0 {
		return nil
	}
	return &r.Attempts[len(r.Attempts)-1]
}

// Path returns the path of the record of customer's notice from from to
// to in a ledger commit's tree.
func Path(from, to, customer string) string {
	return "notices/" + pairDir(from, to) + "/" + customer[:1] + "/" + customer + ".json"
}

func pairDir(from, to string) string { return from + ".." + to }

// Marshal encodes r as the ledger stores it: indented JSON with a final
// newline, fields in a fixed order.
func (r *Record) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Ledger is the notice ledger of one store. Its methods are safe for
// concurrent use.
type Ledger struct {
	gitDir string
	author object.Signature // Name and Email; When is set per commit
	now    func() time.Time

	mu   sync.Mutex // guards repo
	repo *git.Repository
}

// Open opens the ledger of the store in dir (the top of a git
// repository). Commits are made by author (name and e-mail) at the time
// now returns.
func Open(dir string, authorName, authorEmail string, now func() time.Time) (*Ledger, error) {
	repo, err := git.PlainOpen(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if authorName == "" || authorEmail == "" || strings.ContainsAny(authorName+authorEmail, "<>\r\n\x00") {
		return nil, fmt.Errorf("the ledger needs an author name and e-mail address without <, > or line breaks (got %q <%s>)", authorName, authorEmail)
	}
	return &Ledger{
		gitDir: filepath.Join(dir, ".git"),
		author: object.Signature{Name: authorName, Email: authorEmail},
		now:    now,
		repo:   repo,
	}, nil
}

// head returns the ledger's current commit: Ref, else the ledger a clone
// brought along, else the zero hash.
func (l *Ledger) head() (plumbing.Hash, error) {
	for _, name := range []string{Ref, remoteRef} {
		ref, err := l.repo.Reference(plumbing.ReferenceName(name), true)
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			continue
		}
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("reading %s: %w", name, err)
		}
		return ref.Hash(), nil
	}
	return plumbing.ZeroHash, nil
}

// localHead returns the hash Ref holds, or zero when it does not exist.
func (l *Ledger) localHead() (plumbing.Hash, error) {
	ref, err := l.repo.Reference(plumbing.ReferenceName(Ref), true)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("reading %s: %w", Ref, err)
	}
	return ref.Hash(), nil
}

// Get returns the record of customer's notice from from to to, or nil when
// there is none.
func (l *Ledger) Get(from, to, customer string) (*Record, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	head, err := l.head()
	if err != nil || head.IsZero() {
		return nil, err
	}
	root, err := l.rootTree(head)
	if err != nil {
		return nil, err
	}
	return l.readRecord(root, Path(from, to, customer))
}

// All returns every record of notices from from to to, by customer id.
func (l *Ledger) All(from, to string) (map[string]*Record, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]*Record{}
	head, err := l.head()
	if err != nil || head.IsZero() {
		return out, err
	}
	root, err := l.rootTree(head)
	if err != nil {
		return nil, err
	}
	dir := "notices/" + pairDir(from, to)
	pair, err := root.Tree(dir)
	if errors.Is(err, object.ErrDirectoryNotFound) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, dir, err)
	}
	for _, shard := range pair.Entries {
		for _, name := range l.treeNames(pair, shard.Name) {
			r, err := l.readRecord(root, dir+"/"+shard.Name+"/"+name)
			if err != nil {
				return nil, err
			}
			if r != nil {
				out[r.Customer] = r
			}
		}
	}
	return out, nil
}

func (l *Ledger) treeNames(parent *object.Tree, name string) []string {
	t, err := parent.Tree(name)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range t.Entries {
		names = append(names, e.Name)
	}
	return names
}

func (l *Ledger) rootTree(head plumbing.Hash) (*object.Tree, error) {
	c, err := l.repo.CommitObject(head)
	if err != nil {
		return nil, fmt.Errorf("%w: ledger commit %s: %w", ErrCorrupt, head, err)
	}
	t, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("%w: ledger commit %s: %w", ErrCorrupt, head, err)
	}
	return t, nil
}

// readRecord reads the record at p in root, or nil when there is none. A
// record that does not decode, or names another customer or versions than
// its path, is an error: the ledger is evidence and is never guessed at.
func (l *Ledger) readRecord(root *object.Tree, p string) (*Record, error) {
	f, err := root.File(p)
	if errors.Is(err, object.ErrFileNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, p, err)
	}
	rd, err := f.Reader()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, p, err)
	}
	defer rd.Close()
	data, err := io.ReadAll(io.LimitReader(rd, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, p, err)
	}
	var r Record
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, p, err)
	}
	if r.Customer == "" || Path(r.From, r.To, r.Customer) != p {
		return nil, fmt.Errorf("%w: %s holds the record of customer %q, %s to %s", ErrCorrupt, p, r.Customer, r.From, r.To)
	}
	return &r, nil
}

// Update changes the record of customer's notice from from to to under the
// writers' lock: change gets the current record (nil when there is none)
// and returns the record to store, or nil to leave the ledger as it is;
// an error from change is returned and nothing is written. The new record
// is committed with message as the commit message's first line.
func (l *Ledger) Update(from, to, customer, message string, change func(*Record) (*Record, error)) error {
	if customer == "" || strings.ContainsAny(customer+from+to, "/\\\x00") || strings.Contains(from+to, "..") {
		return fmt.Errorf("invalid customer %q or versions %q, %q for the ledger", customer, from, to)
	}
	unlock, err := l.lock()
	if err != nil {
		return err
	}
	defer unlock()
	l.mu.Lock()
	defer l.mu.Unlock()

	local, err := l.localHead()
	if err != nil {
		return err
	}
	head, err := l.head()
	if err != nil {
		return err
	}
	var rootHash plumbing.Hash
	var cur *Record
	if !head.IsZero() {
		root, err := l.rootTree(head)
		if err != nil {
			return err
		}
		rootHash = root.Hash
		if cur, err = l.readRecord(root, Path(from, to, customer)); err != nil {
			return err
		}
	}
	next, err := change(cur)
	if err != nil || next == nil {
		return err
	}
	if next.Customer != customer || next.From != from || next.To != to {
		return fmt.Errorf("record of customer %q, %s to %s stored as customer %s", next.Customer, next.From, next.To, customer)
	}
	data, err := next.Marshal()
	if err != nil {
		return err
	}
	blob, err := l.writeBlob(data)
	if err != nil {
		return err
	}
	newRoot, err := l.setPath(rootHash, strings.Split(Path(from, to, customer), "/"), blob)
	if err != nil {
		return err
	}
	sig := l.author
	sig.When = l.now().UTC().Truncate(time.Second)
	c := &object.Commit{Author: sig, Committer: sig, TreeHash: newRoot, Message: message + "\n"}
	if !head.IsZero() {
		c.ParentHashes = []plumbing.Hash{head}
	}
	commit, err := l.writeObject(c)
	if err != nil {
		return err
	}
	return l.setRef(local, commit)
}

// lock takes the writers' lock, waiting up to lockWait for another writer
// (a publish, or another sender) to finish.
func (l *Ledger) lock() (func() error, error) {
	path := filepath.Join(l.gitDir, gitrefs.LockName)
	deadline := time.Now().Add(lockWait)
	for {
		unlock, err := gitrefs.Lock(l.gitDir)
		if err == nil {
			gitrefs.RemoveTemps(l.gitDir)
			return unlock, nil
		}
		if !errors.Is(err, gitrefs.ErrBusy) || time.Now().After(deadline) {
			if errors.Is(err, gitrefs.ErrBusy) {
				return nil, fmt.Errorf("%s is locked by another termsmith process for more than %s", path, lockWait)
			}
			return nil, err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// setPath returns the tree root with the file at path set to blob; a zero
// root is the empty tree.
func (l *Ledger) setPath(root plumbing.Hash, path []string, blob plumbing.Hash) (plumbing.Hash, error) {
	var entries []object.TreeEntry
	if !root.IsZero() {
		t, err := l.repo.TreeObject(root)
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		entries = append(entries, t.Entries...)
	}
	i := sort.Search(len(entries), func(i int) bool { return entries[i].Name >= path[0] })
	found := i < len(entries) && entries[i].Name == path[0]
	e := object.TreeEntry{Name: path[0], Mode: filemode.Regular, Hash: blob}
	if len(path) > 1 {
		var sub plumbing.Hash
		if found {
			if entries[i].Mode != filemode.Dir {
				return plumbing.ZeroHash, fmt.Errorf("%w: %s is not a directory", ErrCorrupt, path[0])
			}
			sub = entries[i].Hash
		}
		h, err := l.setPath(sub, path[1:], blob)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		e = object.TreeEntry{Name: path[0], Mode: filemode.Dir, Hash: h}
	}
	if found {
		entries[i] = e
	} else {
		entries = append(entries, e)
	}
	// Git orders a tree's entries by name, a directory's as if it ended
	// in "/"; the ledger never has a file and a directory of one name.
	key := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(entries, func(a, b int) bool { return key(entries[a]) < key(entries[b]) })
	return l.writeObject(&object.Tree{Entries: entries})
}

func (l *Ledger) writeObject(o interface {
	Encode(plumbing.EncodedObject) error
}) (plumbing.Hash, error) {
	obj := l.repo.Storer.NewEncodedObject()
	if err := o.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return l.store(obj)
}

func (l *Ledger) writeBlob(data []byte) (plumbing.Hash, error) {
	obj := l.repo.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	obj.SetSize(int64(len(data)))
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return l.store(obj)
}

func (l *Ledger) store(obj plumbing.EncodedObject) (plumbing.Hash, error) {
	if h := obj.Hash(); l.repo.Storer.HasEncodedObject(h) == nil {
		return h, nil
	}
	return l.repo.Storer.SetEncodedObject(obj)
}

// setRef points Ref at h if it still points at old (zero: does not exist).
// The caller holds the writers' lock.
func (l *Ledger) setRef(old, h plumbing.Hash) error {
	cur, err := l.localHead()
	if err != nil {
		return err
	}
	if cur != old {
		return fmt.Errorf("%s moved while the writers' lock was held (from %s to %s)", Ref, old, cur)
	}
	return gitrefs.Write(l.gitDir, Ref, h)
}
