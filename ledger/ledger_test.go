package ledger

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

func newRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := git.PlainInit(dir, false); err != nil {
		t.Fatal(err)
	}
	return dir
}

var t0 = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

func open(t *testing.T, dir string) *Ledger {
	t.Helper()
	l, err := Open(dir, "Legal", "legal@acme.nl", func() time.Time { return t0 })
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func attempt(status string) Attempt {
	a := Attempt{Status: status, Started: t0, Sender: "legal@acme.nl", Recipient: "bert@beta.nl", MessageID: "x@acme.nl",
		Date: t0, Server: "127.0.0.1:25", MessageBytes: 3, MessageSHA256: strings.Repeat("a", 64),
		Attachments: []File{{Name: "notice.pdf", Bytes: 1, SHA256: strings.Repeat("b", 64)}}}
	if status != Unknown {
		a.Finished, a.Reply = t0.Add(time.Second), "250 ok"
	}
	return a
}

// add appends an attempt to the record of customer c.
func add(l *Ledger, c string, a Attempt) error {
	return l.Update("v1", "v2", c, "notice v1 → v2 to "+c+": "+a.Status, func(r *Record) (*Record, error) {
		if r == nil {
			r = &Record{Customer: c, From: "v1", To: "v2"}
		}
		r.Attempts = append(r.Attempts, a)
		return r, nil
	})
}

func fsck(t *testing.T, dir string) {
	t.Helper()
	if out, err := exec.Command("git", "-C", dir, "fsck", "--strict", "--no-dangling").CombinedOutput(); err != nil || len(out) > 0 && strings.Contains(string(out), "error") {
		t.Fatalf("git fsck --strict: %v\n%s", err, out)
	}
}

// TestUpdate writes records, reads them back, and checks the history and
// the repository with git.
func TestUpdate(t *testing.T) {
	dir := newRepo(t)
	l := open(t, dir)
	if r, err := l.Get("v1", "v2", "beta"); err != nil || r != nil {
		t.Fatalf("empty ledger: %v, %v", r, err)
	}
	for _, step := range []struct{ c, status string }{{"beta", Unknown}, {"beta", Sent}, {"alfa", Unknown}, {"alfa", Failed}, {"zulu-3", Unknown}} {
		if err := add(l, step.c, attempt(step.status)); err != nil {
			t.Fatal(err)
		}
	}
	all, err := l.All("v1", "v2")
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintln(all["alfa"].Status(), all["beta"].Status(), all["zulu-3"].Status(), len(all))
	if got != "failed sent unknown 3\n" {
		t.Errorf("statuses %s", got)
	}
	if other, err := l.All("v2", "v3"); err != nil || len(other) != 0 {
		t.Errorf("another pair: %v, %v", other, err)
	}
	// Returning nil changes nothing.
	if err := l.Update("v1", "v2", "beta", "nothing", func(r *Record) (*Record, error) { return nil, nil }); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("git", "-C", dir, "log", "--format=%s", Ref).CombinedOutput()
	if err != nil {
		t.Fatalf("git log: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), "\n"); n != 5 {
		t.Errorf("%d commits on the ledger, want 5:\n%s", n, out)
	}
	show, err := exec.Command("git", "-C", dir, "show", Ref+":notices/v1..v2/b/beta.json").CombinedOutput()
	if err != nil || !strings.Contains(string(show), `"status": "sent"`) || !strings.Contains(string(show), `"reply": "250 ok"`) {
		t.Errorf("git show: %v\n%s", err, show)
	}
	fsck(t, dir)
}

// TestClone: a plain git clone brings the ledger along as a remote branch;
// it is read there, and the first record written builds on it.
func TestClone(t *testing.T) {
	dir := newRepo(t)
	l := open(t, dir)
	if err := add(l, "beta", attempt(Sent)); err != nil {
		t.Fatal(err)
	}
	// git clone needs a HEAD that resolves.
	if out, err := exec.Command("git", "-C", dir, "-c", "user.name=t", "-c", "user.email=t@t.nl", "commit", "--allow-empty", "-qm", "init").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	clone := filepath.Join(t.TempDir(), "clone")
	if out, err := exec.Command("git", "clone", "-q", dir, clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	lc := open(t, clone)
	r, err := lc.Get("v1", "v2", "beta")
	if err != nil || r.Status() != Sent {
		t.Fatalf("the clone's ledger: %v, %v", r, err)
	}
	if err := add(lc, "alfa", attempt(Unknown)); err != nil {
		t.Fatal(err)
	}
	all, err := lc.All("v1", "v2")
	if err != nil || len(all) != 2 {
		t.Fatalf("after a write in the clone: %v, %v", all, err)
	}
	fsck(t, clone)
}

// TestConcurrentWriters: two ledgers on one repository (as two processes
// would be) writing at once lose no record.
func TestConcurrentWriters(t *testing.T) {
	dir := newRepo(t)
	a, b := open(t, dir), open(t, dir)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 20 {
		for j, l := range []*Ledger{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- add(l, fmt.Sprintf("c%d-%d", i, j), attempt(Sent))
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	all, err := open(t, dir).All("v1", "v2")
	if err != nil || len(all) != 40 {
		t.Fatalf("%d records, want 40 (%v)", len(all), err)
	}
	fsck(t, dir)
}

// TestCorrupt: a record that does not decode, or that sits under another
// customer's name, is reported, never read as no record.
func TestCorrupt(t *testing.T) {
	dir := newRepo(t)
	l := open(t, dir)
	if err := add(l, "beta", attempt(Sent)); err != nil {
		t.Fatal(err)
	}
	err := l.Update("v1", "v2", "gamma", "forged", func(*Record) (*Record, error) {
		return &Record{Customer: "beta", From: "v1", To: "v2"}, nil
	})
	if err == nil {
		t.Fatal("a record stored under another customer's name")
	}
	// Write a broken blob at gamma's path by hand.
	blob, err := l.writeBlob([]byte("{not json"))
	if err != nil {
		t.Fatal(err)
	}
	head, _ := l.head()
	root, _ := l.rootTree(head)
	tree, err := l.setPath(root.Hash, strings.Split(Path("v1", "v2", "gamma"), "/"), blob)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.readRecord(mustTree(t, l, tree), Path("v1", "v2", "gamma")); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("broken record read: %v", err)
	}
}

func mustTree(t *testing.T, l *Ledger, h plumbing.Hash) *object.Tree {
	t.Helper()
	tr, err := l.repo.TreeObject(h)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestMain(m *testing.M) {
	if _, err := exec.LookPath("git"); err != nil {
		fmt.Fprintln(os.Stderr, "the ledger tests need git")
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// BenchmarkUpdate records an attempt and its outcome (two updates, as a
// send does) for each of 1,000 customers in one ledger.
func BenchmarkUpdate(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		if _, err := git.PlainInit(dir, false); err != nil {
			b.Fatal(err)
		}
		l, err := Open(dir, "Legal", "legal@acme.nl", time.Now)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for i := range 1000 {
			c := fmt.Sprintf("klant-%04d", i)
			if err := add(l, c, attempt(Unknown)); err != nil {
				b.Fatal(err)
			}
			if err := l.Update("v1", "v2", c, "sent", func(r *Record) (*Record, error) {
				r.Attempts[0] = attempt(Sent)
				return r, nil
			}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
