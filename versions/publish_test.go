package versions

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/termsmith/termsmith/internal/longtest"
)

// The child process of TestRandomKill and TestConcurrentPublishProcesses:
// it publishes the version the environment names, saying "start" on
// stdout just before Publish and "ok COMMIT", "busy", "exists", "refused"
// or "error MESSAGE" after it.
const (
	envPublishDir       = "TERMSMITH_TEST_PUBLISH_DIR"
	envPublishID        = "TERMSMITH_TEST_PUBLISH_ID"
	envPublishEffective = "TERMSMITH_TEST_PUBLISH_EFFECTIVE"
	envPublishNotice    = "TERMSMITH_TEST_PUBLISH_NOTICE"
	envCrashSeed        = "TERMSMITH_CRASH_SEED"
)

func TestPublishChild(t *testing.T) {
	dir := os.Getenv(envPublishDir)
	if dir == "" {
		t.Skip("only runs as the child of TestRandomKill and TestConcurrentPublishProcesses")
	}
	r, err := Open(dir)
	if err != nil {
		fmt.Printf("error %v\n", err)
		return
	}
	fmt.Println("start")
	v, err := r.Publish(opts(t, os.Getenv(envPublishID), os.Getenv(envPublishEffective), os.Getenv(envPublishNotice)))
	switch {
	case err == nil:
		fmt.Printf("ok %s\n", v.Commit)
	case errors.Is(err, ErrBusy):
		fmt.Println("busy")
	case errors.Is(err, ErrExists):
		fmt.Println("exists")
	case errors.Is(err, ErrRefused):
		fmt.Println("refused")
	default:
		fmt.Printf("error %s\n", strings.ReplaceAll(err.Error(), "\n", " "))
	}
}

// publishChild starts TestPublishChild publishing id on dir and waits for
// its "start" line.
func publishChild(t *testing.T, dir, id, effective, notice string) (*exec.Cmd, *bufio.Reader) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestPublishChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envPublishDir+"="+dir, envPublishID+"="+id,
		envPublishEffective+"="+effective, envPublishNotice+"="+notice)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(out)
	if line, err := r.ReadString('\n'); err != nil || line != "start\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child publishing %s did not start: %q, %v", id, line, err)
	}
	return cmd, r
}

// result reads the child's last line and waits for it to exit.
func result(cmd *exec.Cmd, r *bufio.Reader) string {
	line, _ := r.ReadString('\n')
	cmd.Wait()
	return strings.TrimSpace(line)
}

// bigStore is the fixture with 40 more clauses, so that a publish writes
// enough objects for a kill to land among them.
func bigStore(t *testing.T) *Repo {
	t.Helper()
	r := newStore(t)
	files := map[string]string{}
	list := "title: Algemene voorwaarden\nclauses:\n  - definities\n"
	for i := range 40 {
		id := fmt.Sprintf("artikel-%02d", i)
		list += "  - " + id + "\n"
		files["clauses/terms/"+id+".md"] = fmt.Sprintf("---\nid: %s\ntitle: ARTIKEL %d\n---\n\n%s\n", id, i, strings.Repeat("Een zin van een artikel. ", 40))
	}
	files["clauses/terms/document.yaml"] = list
	writeFiles(t, r.Dir(), files)
	return r
}

// TestRandomKill publishes 100 versions, each in a child process killed
// with SIGKILL after a random delay within the time a publish takes, and
// after every kill checks that the store reads as before the publish or as
// after it (if the kill came after the commit point), that Verify finds
// nothing, that git fsck --strict is clean after every kill (when git is
// installed) and
// that publishing the version again succeeds, or is refused because the
// killed publish had completed. The delays come from a seed that is
// logged; TERMSMITH_CRASH_SEED=N repeats a run.
func TestRandomKill(t *testing.T) {
	longtest.Skip(t)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv(envCrashSeed); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("seed %d (repeat with %s=%d)", seed, envCrashSeed, seed)
	rng := rand.New(rand.NewPCG(seed, 0))

	r := bigStore(t)
	publish(t, r, "v000", "2027-01-01", "2026-11-01")
	effective := date(t, "2027-01-01")
	version := func(i int) (id, eff, notice string) {
		e := effective.AddDate(0, 0, 7*i)
		return fmt.Sprintf("v%03d", i), e.Format(DateLayout), e.AddDate(0, 0, -60).Format(DateLayout)
	}

	// Calibrate: how long a child's publish takes, from its "start" line
	// to its result line.
	setClause(t, r, "text of v001")
	id, eff, notice := version(1)
	child, out := publishChild(t, r.Dir(), id, eff, notice)
	start := time.Now()
	line, _ := out.ReadString('\n')
	span := time.Since(start)
	child.Wait()
	if !strings.HasPrefix(line, "ok ") {
		t.Fatalf("calibration publish: %s", line)
	}
	t.Logf("a publish takes %v; kills land in [0, %v)", span, span*5/4)

	published := []string{"v000", "v001"}
	killedBefore, killedAfter := 0, 0
	for i := 2; i < 102; i++ {
		id, eff, notice := version(i)
		setClause(t, r, "text of "+id)
		before := state(t, r.Dir())
		delay := time.Duration(rng.Int64N(int64(span * 5 / 4)))
		child, out := publishChild(t, r.Dir(), id, eff, notice)
		time.Sleep(delay)
		child.Process.Kill() // SIGKILL; an error means it had exited already
		res := result(child, out)

		after := state(t, r.Dir())
		done := strings.HasPrefix(res, "ok ")
		switch {
		case after == before:
			if done {
				t.Fatalf("kill %d after %v: the child said %q but the store reads as before", i, delay, res)
			}
			killedBefore++
		case after == stateWith(before, published, id):
			killedAfter++
		default:
			t.Fatalf("kill %d after %v (child: %q): the store reads\n%s\nwant as before\n%s\nor with %s", i, delay, res, after, before, id)
		}
		fsck(t, r.Dir())
		r2, err := Open(r.Dir())
		if err != nil {
			t.Fatal(err)
		}
		_, err = r2.Publish(opts(t, id, eff, notice))
		switch {
		case after == before && err != nil:
			t.Fatalf("kill %d after %v: publishing %s again: %v", i, delay, id, err)
		case after != before && !errors.Is(err, ErrExists):
			t.Fatalf("kill %d after %v: %s was published, but publishing it again gave %v", i, delay, id, err)
		}
		published = append(published, id)
		if got, want := state(t, r.Dir()), stateWith(before, published[:len(published)-1], id); got != want {
			t.Fatalf("after the retry of %s the store reads\n%s\nwant\n%s", id, got, want)
		}
	}
	t.Logf("100 kills: %d before the commit point, %d after it", killedBefore, killedAfter)
	if killedBefore == 0 {
		t.Error("no kill landed before the commit point: the delays do not cover the publish")
	}
	fsck(t, r.Dir())
}

// stateWith is what state returns for a store that read as before and has
// version id published after the versions in list.
func stateWith(before string, list []string, id string) string {
	return fmt.Sprintf("versions %v, in force %s, problems []", append(append([]string(nil), list...), id), id)
}

// TestConcurrentPublishProcesses starts eight processes at once, each
// publishing its own version of the working tree, in rounds: in each round
// one wins, the others find the store busy or, after the winner, the same
// content already published, and try again in the next round with new
// content and later dates. It checks that every process that reported
// success has its version, with the commit it reported, in the index, and
// that nothing else is there: concurrent publishes never lose a commit.
func TestConcurrentPublishProcesses(t *testing.T) {
	longtest.Skip(t)
	r := bigStore(t)
	publish(t, r, "v1", "2026-01-01", "2025-11-01")
	won := map[string]string{} // version → commit its process reported
	pending := map[int]bool{}
	for i := range 8 {
		pending[i] = true
	}
	rounds, lost := 0, 0
	for round := 0; len(pending) > 0; round++ {
		rounds++
		if round == 40 {
			t.Fatalf("still publishing after 40 rounds: %v", pending)
		}
		setClause(t, r, fmt.Sprintf("round %d", round))
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i := range pending {
			wg.Add(1)
			go func() {
				defer wg.Done()
				id := fmt.Sprintf("p%d", i)
				e := date(t, "2027-01-01").AddDate(0, 0, 30*round+i)
				child, out := publishChild(t, r.Dir(), id, e.Format(DateLayout), e.AddDate(0, 0, -60).Format(DateLayout))
				res := result(child, out)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case strings.HasPrefix(res, "ok "):
					won[id] = strings.TrimPrefix(res, "ok ")
					delete(pending, i)
				case res == "busy", res == "refused":
					lost++
				default:
					t.Errorf("%s: %s", id, res)
					delete(pending, i)
				}
			}()
		}
		wg.Wait()
	}
	t.Logf("%d publishes succeeded in %d rounds, %d refused as busy or identical", len(won), rounds, lost)
	if len(won) != 8 {
		t.Errorf("%d publishes succeeded, want all 8", len(won))
	}
	list, err := r.List()
	if err != nil {
		t.Fatal(err)
	}
	inIndex := map[string]string{}
	for _, v := range list[1:] {
		inIndex[v.ID] = v.Commit
	}
	for id, commit := range won {
		if inIndex[id] != commit {
			t.Errorf("%s reported commit %s, the index has %q", id, commit, inIndex[id])
		}
	}
	for id := range inIndex {
		if _, ok := won[id]; !ok {
			t.Errorf("%s is in the index but no process reported publishing it", id)
		}
	}
	if _, problems, err := r.Verify(); err != nil || len(problems) > 0 {
		t.Errorf("Verify = %v, %v", problems, err)
	}
	fsck(t, r.Dir())
}

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
