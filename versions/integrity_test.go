package versions

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// The child process of the crash and lock tests: it publishes the version
// named by the environment and, at the named point, says so on stdout and
// waits to be killed.
const (
	envChildDir   = "TERMSMITH_TEST_CHILD_DIR"
	envChildPoint = "TERMSMITH_TEST_CHILD_POINT"
)

func TestChildProcess(t *testing.T) {
	dir := os.Getenv(envChildDir)
	if dir == "" {
		t.Skip("only runs as the child of TestCrash and TestLockAcrossProcesses")
	}
	point := os.Getenv(envChildPoint)
	hook = func(p string) {
		if p == point {
			fmt.Printf("at %s\n", p)
			time.Sleep(time.Minute)
			os.Exit(3) // not killed: the parent failed
		}
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Publish(opts(t, "v2", "2027-01-01", "2026-11-01")); err != nil {
		t.Fatal(err)
	}
}

// startChild runs TestChildProcess on dir, waits until it reports reaching
// point, and returns it, still running.
func startChild(t *testing.T, dir, point string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), envChildDir+"="+dir, envChildPoint+"="+point)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "at "+point+"\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child did not reach %s: %q, %v", point, line, err)
	}
	return cmd
}

func kill(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Kill(); err != nil { // SIGKILL where there are signals
		t.Fatal(err)
	}
	cmd.Wait()
}

// state is what a reader sees of a store.
func state(t *testing.T, dir string) string {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	list, err := r.List()
	if err != nil {
		t.Fatal(err)
	}
	inForce, err := r.InForce(date(t, "2099-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	_, problems, err := r.Verify()
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("versions %v, in force %s, problems %v", ids(list), inForce.ID, problems)
}

// fsck runs git fsck on dir when a git binary exists.
func fsck(t *testing.T, dir string) {
	t.Helper()
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Log("no git binary: git fsck skipped")
		return
	}
	cmd := exec.Command(gitBin, "-C", dir, "fsck", "--strict", "--no-progress")
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("git fsck: %v\n%s", err, out)
	}
}

// TestCrash kills a publishing process (SIGKILL) at each point of Publish
// and checks that the store reads as before (or, after the last step, as
// published), that git fsck is clean and that publishing again succeeds.
func TestCrash(t *testing.T) {
	for _, tc := range []struct {
		point     string
		published bool
	}{
		{"locked", false},   // lock held, nothing written
		{"objects", false},  // every object written, no ref moved
		{"published", true}, // the index moved: the version exists
	} {
		t.Run(tc.point, func(t *testing.T) {
			r := newStore(t)
			publish(t, r, "v1", "2026-01-01", "2025-11-01")
			setClause(t, r, "text of v2")
			before := state(t, r.Dir())

			kill(t, startChild(t, r.Dir(), tc.point))

			after := state(t, r.Dir())
			if tc.published {
				if want := "versions [v1 v2], in force v2, problems []"; after != want {
					t.Errorf("after the commit point the store reads %q, want %q", after, want)
				}
				fsck(t, r.Dir())
				return
			}
			if after != before {
				t.Errorf("store reads %q after the kill, want %q as before", after, before)
			}
			fsck(t, r.Dir())
			r2, err := Open(r.Dir())
			if err != nil {
				t.Fatal(err)
			}
			v, err := r2.Publish(opts(t, "v2", "2027-01-01", "2026-11-01"))
			if err != nil {
				t.Fatalf("publish again after the kill: %v", err)
			}
			if got, want := state(t, r.Dir()), "versions [v1 v2], in force v2, problems []"; got != want {
				t.Errorf("after the retry the store reads %q, want %q", got, want)
			}
			tag, err := os.ReadFile(filepath.Join(r.Dir(), ".git", "refs", "tags", "v2"))
			if err != nil || strings.TrimSpace(string(tag)) != v.Tag {
				t.Errorf("tag v2 = %q, %v; want %s", tag, err, v.Tag)
			}
			fsck(t, r.Dir())
		})
	}
}

// TestLockAcrossProcesses holds the writers' lock in another process and
// checks that Publish here fails at once with ErrBusy, changing nothing,
// and succeeds once that process is gone (killed: the lock dies with it).
func TestLockAcrossProcesses(t *testing.T) {
	r := newStore(t)
	publish(t, r, "v1", "2026-01-01", "2025-11-01")
	setClause(t, r, "text of v2")
	child := startChild(t, r.Dir(), "locked")
	before := refs(t, r)
	_, err := r.Publish(opts(t, "v2", "2027-01-01", "2026-11-01"))
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another termsmith process is writing") {
		t.Errorf("publish while another process holds the lock = %v, want ErrBusy", err)
	}
	if after := refs(t, r); !reflect.DeepEqual(after, before) {
		t.Errorf("refs changed by the refused publish")
	}
	kill(t, child)
	if _, err := r.Publish(opts(t, "v2", "2027-01-01", "2026-11-01")); err != nil {
		t.Errorf("publish after the other process died: %v", err)
	}
}

// TestConcurrentPublish starts publishes of the same and of different
// versions at once, each through its own Repo (as separate processes
// would), and checks that each either succeeded or failed cleanly, and that
// every success, and only those, is in the index with its tag.
func TestConcurrentPublish(t *testing.T) {
	r := newStore(t)
	publish(t, r, "v1", "2026-01-01", "2025-11-01")
	setClause(t, r, "new text")
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ri, err := Open(r.Dir())
			if err != nil {
				errs[i] = err
				return
			}
			<-start
			id := fmt.Sprintf("v%d", 2+i%2) // two ids, four publishes each
			_, errs[i] = ri.Publish(opts(t, id, fmt.Sprintf("2027-01-0%d", 1+i%2), "2026-11-01"))
		}(i)
	}
	close(start)
	wg.Wait()
	won := map[string]bool{}
	for i, err := range errs {
		id := fmt.Sprintf("v%d", 2+i%2)
		switch {
		case err == nil:
			if won[id] {
				t.Errorf("%s published twice", id)
			}
			won[id] = true
		case errors.Is(err, ErrBusy), errors.Is(err, ErrExists), errors.Is(err, ErrRefused):
		default:
			t.Errorf("publish %d failed unexpectedly: %v", i, err)
		}
	}
	if len(won) == 0 {
		t.Fatal("no publish succeeded")
	}
	list, err := r.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range list[1:] {
		if !won[v.ID] {
			t.Errorf("%s is in the index but its publish failed", v.ID)
		}
		delete(won, v.ID)
	}
	if len(won) > 0 {
		t.Errorf("published but missing from the index: %v", won)
	}
	if _, problems, err := r.Verify(); err != nil || len(problems) > 0 {
		t.Errorf("Verify = %v, %v", problems, err)
	}
	fsck(t, r.Dir())
}

// TestLockInProcess holds the lock inside Publish and checks that a second
// publish, of another version, fails with ErrBusy and that the first then
// completes with nothing lost.
func TestLockInProcess(t *testing.T) {
	r := newStore(t)
	publish(t, r, "v1", "2026-01-01", "2025-11-01")
	setClause(t, r, "text of v2")
	entered, release := make(chan struct{}), make(chan struct{})
	hook = func(p string) {
		if p == "locked" {
			close(entered)
			<-release
		}
	}
	defer func() { hook = func(string) {} }()
	done := make(chan error)
	go func() {
		_, err := r.Publish(opts(t, "v2", "2027-01-01", "2026-11-01"))
		done <- err
	}()
	<-entered
	hook = func(string) {}
	r2, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r2.Publish(opts(t, "v3", "2028-01-01", "2027-11-01")); !errors.Is(err, ErrBusy) {
		t.Errorf("second publish = %v, want ErrBusy", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("first publish: %v", err)
	}
	setClause(t, r, "text of v3")
	if _, err := r2.Publish(opts(t, "v3", "2028-01-01", "2027-11-01")); err != nil {
		t.Fatalf("second publish, retried: %v", err)
	}
	if list, _ := r.List(); !reflect.DeepEqual(ids(list), []string{"v1", "v2", "v3"}) {
		t.Errorf("List = %v, want v1 v2 v3", ids(list))
	}
}

// TestVerify tampers with a store in the ways verify, and every command
// that reads versions, must notice.
func TestVerify(t *testing.T) {
	forgedTag := func(t *testing.T, r *Repo, name string, v Version, target string) plumbing.Hash {
		v.Commit = target
		return writeObj(t, r, &object.Tag{Name: name, Tagger: object.Signature{Name: "x", Email: "x@x", When: now},
			Message: v.tagMessage(), TargetType: plumbing.CommitObject, Target: plumbing.NewHash(target)})
	}
	for _, tc := range []struct {
		name   string
		tamper func(t *testing.T, r *Repo, v1, v2 *Version)
		kind   ProblemKind
		substr string
	}{
		{
			name: "copied tag",
			tamper: func(t *testing.T, r *Repo, v1, v2 *Version) {
				setRefFile(t, r, "refs/tags/v3", plumbing.NewHash(v1.Tag))
			},
			kind: TagCorrupt, substr: "v3: tag-corrupt: tag v3 holds the record of version v1",
		},
		{
			name: "moved tag",
			tamper: func(t *testing.T, r *Repo, v1, v2 *Version) {
				// An annotated tag v1, with v1's record, on v2's commit.
				h := writeObj(t, r, &object.Tag{Name: "v1", Tagger: object.Signature{Name: "x", Email: "x@x", When: now},
					Message: v1.tagMessage(), TargetType: plumbing.CommitObject, Target: plumbing.NewHash(v2.Commit)})
				setRefFile(t, r, "refs/tags/v1", h)
			},
			kind: TagCorrupt, substr: "but its record names commit",
		},
		{
			name: "tag without record",
			tamper: func(t *testing.T, r *Repo, v1, v2 *Version) {
				h := writeObj(t, r, &object.Tag{Name: "v1", Tagger: object.Signature{Name: "x", Email: "x@x", When: now},
					Message: "termsmith version v1, effective 2026-01-01\n\nforged\n", TargetType: plumbing.CommitObject, Target: plumbing.NewHash(v1.Commit)})
				setRefFile(t, r, "refs/tags/v1", h)
			},
			kind: TagCorrupt, substr: "holds no version record",
		},
		{
			name: "record with another content hash",
			tamper: func(t *testing.T, r *Repo, v1, v2 *Version) {
				forged := *v1
				forged.ContentHash = v2.ContentHash
				setRefFile(t, r, "refs/tags/v1", forgedTag(t, r, "v1", forged, v1.Commit))
			},
			kind: ContentChanged, substr: "it was published as",
		},
		{
			name: "two versions on one date",
			tamper: func(t *testing.T, r *Repo, v1, v2 *Version) {
				other := *v2
				other.ID = "v2b"
				setRefFile(t, r, "refs/tags/v2b", forgedTag(t, r, "v2b", other, v2.Commit))
			},
			kind: DateClash, substr: "both take effect on 2027-01-01",
		},
		{
			name: "rewritten content",
			tamper: func(t *testing.T, r *Repo, v1, v2 *Version) {
				// Replace the clause blob of v1 in the object store with
				// other bytes, as a rewrite of the object files would.
				c, _ := r.git.CommitObject(plumbing.NewHash(v1.Commit))
				tree, _ := c.Tree()
				f, err := tree.File("clauses/terms/definities.md")
				if err != nil {
					t.Fatal(err)
				}
				other := writeBlobObj(t, r, "---\nid: definities\ntitle: DEFINITIES\n---\n\nforged\n")
				src := filepath.Join(r.Dir(), ".git", "objects", other.String()[:2], other.String()[2:])
				dst := filepath.Join(r.Dir(), ".git", "objects", f.Hash.String()[:2], f.Hash.String()[2:])
				data, err := os.ReadFile(src)
				if err != nil {
					t.Fatal(err)
				}
				os.Chmod(dst, 0o644)
				if err := os.WriteFile(dst, data, 0o644); err != nil {
					t.Fatal(err)
				}
			},
			kind: ObjectCorrupt, substr: "has been altered",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newStore(t)
			v1 := publish(t, r, "v1", "2026-01-01", "2025-11-01")
			v2 := publish(t, r, "v2", "2027-01-01", "2026-11-01")
			if _, problems, err := r.Verify(); err != nil || len(problems) != 0 {
				t.Fatalf("Verify before tampering = %v, %v", problems, err)
			}
			tc.tamper(t, r, v1, v2)
			r, err := Open(r.Dir()) // a new process, no caches
			if err != nil {
				t.Fatal(err)
			}
			_, problems, err := r.Verify()
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range problems {
				if p.Kind == tc.kind && strings.Contains(p.String(), tc.substr) {
					found = true
				}
			}
			if !found {
				t.Errorf("Verify = %v, want a %s problem containing %q", problems, tc.kind, tc.substr)
			}
			// Reading fails closed too: the list, or the content.
			_, lerr := r.List()
			_, ferr := r.FS("v1")
			if !errors.Is(lerr, ErrIntegrity) && !errors.Is(ferr, ErrIntegrity) && !errors.Is(ferr, ErrNotFound) {
				t.Errorf("List = %v, FS(v1) = %v; want an integrity error", lerr, ferr)
			}
		})
	}
}

func writeObj(t *testing.T, r *Repo, o interface {
	Encode(plumbing.EncodedObject) error
}) plumbing.Hash {
	t.Helper()
	h, err := r.writeObject(o)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func writeBlobObj(t *testing.T, r *Repo, s string) plumbing.Hash {
	t.Helper()
	obj := r.git.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(s))
	w.Close()
	h, err := r.git.Storer.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func setRefFile(t *testing.T, r *Repo, name string, h plumbing.Hash) {
	t.Helper()
	writeFiles(t, r.Dir(), map[string]string{".git/" + name: h.String() + "\n"})
}
