package versions

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/config"
	"github.com/termsmith/termsmith/internal/longtest"
)

// gitCmd runs the git binary in dir, as a user of plain git would, with no
// configuration of the machine's.
func gitCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Git User", "-c", "user.email=git@example.test", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func addOrigin(t *testing.T, r *Repo, url string) {
	t.Helper()
	if _, err := r.git.CreateRemote(&config.RemoteConfig{Name: DefaultRemote, URLs: []string{url}}); err != nil {
		t.Fatal(err)
	}
}

// TestShareThroughABareRemote is the team workflow with a real git remote:
// publish and push in one store, a plain git clone that reads and verifies
// every version, publish there, pull it back; then two clones racing to
// publish the same id: one wins, the other is refused at push and at pull,
// and nothing is lost. git fsck --strict is clean throughout.
func TestShareThroughABareRemote(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs the git binary (Debian: git)")
	}
	bare := filepath.Join(t.TempDir(), "terms.git")
	gitCmd(t, filepath.Dir(bare), "init", "-q", "--bare", bare)

	a := newStore(t)
	addOrigin(t, a, bare)
	v1 := publish(t, a, "v1", "2026-01-01", "2025-11-01")
	if _, err := a.Push(DefaultRemote); err != nil {
		t.Fatal(err)
	}
	fsck(t, bare)

	// A colleague clones with plain git: the versions travel with it.
	bdir := filepath.Join(t.TempDir(), "b")
	gitCmd(t, filepath.Dir(bdir), "clone", "-q", bare, bdir)
	b, err := Open(bdir)
	if err != nil {
		t.Fatal(err)
	}
	list, err := b.List()
	if err != nil || len(list) != 1 || list[0].ID != "v1" || list[0].ContentHash != v1.ContentHash {
		t.Fatalf("List in a plain clone = %v, %v; want v1", list, err)
	}
	if n, problems, err := b.Verify(); err != nil || n != 1 || len(problems) > 0 {
		t.Fatalf("Verify in a plain clone = %d, %v, %v", n, problems, err)
	}
	if _, err := b.FS("v1"); err != nil {
		t.Fatalf("FS(v1) in a plain clone: %v", err)
	}
	// The id is taken, in the clone too.
	if _, err := b.Publish(opts(t, "v1", "2027-01-01", "2026-11-01")); !errors.Is(err, ErrExists) {
		t.Errorf("publish v1 again in the clone = %v, want ErrExists", err)
	}

	// The colleague drafts, commits with git, publishes and pushes.
	writeFiles(t, bdir, map[string]string{"clauses/terms/definities.md": "---\nid: definities\ntitle: DEFINITIES\n---\n\nKlant: de wederpartij van de Leverancier.\n"})
	gitCmd(t, bdir, "commit", "-qam", "Definitie Klant verduidelijkt")
	o := opts(t, "v2", "2027-01-01", "2026-11-01")
	o.Remote = DefaultRemote
	v2, err := b.Publish(o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Push(DefaultRemote); err != nil {
		t.Fatal(err)
	}
	fsck(t, bdir)

	// Back in the first store: pull brings the branch and the version.
	if _, err := a.Pull(DefaultRemote); err != nil {
		t.Fatal(err)
	}
	got, err := a.Get("v2")
	if err != nil || got.Commit != v2.Commit {
		t.Fatalf("v2 after pull = %v, %v", got, err)
	}
	data, err := os.ReadFile(filepath.Join(a.Dir(), "clauses", "terms", "definities.md"))
	if err != nil || !strings.Contains(string(data), "wederpartij van de Leverancier") {
		t.Errorf("the working tree did not follow the pulled branch: %q", data)
	}
	fsck(t, a.Dir())

	// Both draft and publish v3 at once; both pass the remote check, as
	// neither has pushed yet.
	setClause(t, a, "tekst van A")
	va, err := a.Publish(opts(t, "v3", "2028-01-01", "2027-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, bdir, map[string]string{"clauses/terms/definities.md": "---\nid: definities\ntitle: DEFINITIES\n---\n\ntekst van B\n"})
	gitCmd(t, bdir, "pull", "-q", "--ff-only")
	gitCmd(t, bdir, "commit", "-qam", "tekst van B")
	if _, err := b.Publish(opts(t, "v3", "2028-01-01", "2027-11-01")); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Push(DefaultRemote); err != nil {
		t.Fatal(err)
	}
	// B loses the race: its push is refused, and so is its pull, naming v3.
	if _, err := b.Push(DefaultRemote); !errors.Is(err, ErrRemote) {
		t.Errorf("the second push of v3 = %v, want it refused", err)
	}
	if _, err := b.Pull(DefaultRemote); !errors.Is(err, ErrIntegrity) || !strings.Contains(err.Error(), "version v3") {
		t.Errorf("pull with a different v3 = %v, want it refused naming v3", err)
	}
	// The remote keeps A's v3, and a fresh clone reads it intact.
	cdir := filepath.Join(t.TempDir(), "c")
	gitCmd(t, filepath.Dir(cdir), "clone", "-q", bare, cdir)
	c, err := Open(cdir)
	if err != nil {
		t.Fatal(err)
	}
	got, err = c.Get("v3")
	if err != nil || got.Tag != va.Tag {
		t.Errorf("v3 on the remote = %v, %v; want A's tag %s", got, err, va.Tag)
	}
	// A new id that the remote already has is refused before publishing.
	o = opts(t, "v3", "2029-01-01", "2028-11-01")
	o.Remote = DefaultRemote
	writeFiles(t, bdir, map[string]string{"clauses/terms/definities.md": "---\nid: definities\ntitle: DEFINITIES\n---\n\nnog een tekst\n"})
	gitCmd(t, bdir, "commit", "-qam", "nog een tekst")
	gitCmd(t, bdir, "tag", "-d", "v3")
	if _, err := b.Publish(o); !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "remote origin has a tag v3") {
		t.Errorf("publish of an id the remote has = %v, want ErrExists", err)
	}
	for _, dir := range []string{bare, a.Dir(), bdir, cdir} {
		fsck(t, dir)
	}
}

// TestMigrate converts a store of the old layout: versions on commits of no
// branch, listed in refs/termsmith/versions. Open refuses it, naming the
// command; Migrate commits the working tree on main on top of the latest
// version and drops the old ref; the versions read and verify as before.
func TestMigrate(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs the git binary (Debian: git)")
	}
	r := newStore(t)
	v1 := publish(t, r, "v1", "2026-01-01", "2025-11-01")
	// Make it look like the old layout: no branch, the old index ref.
	gitCmd(t, r.Dir(), "update-ref", OldIndexRef, v1.Commit)
	gitCmd(t, r.Dir(), "update-ref", "-d", "refs/heads/main")
	if _, err := Open(r.Dir()); !errors.Is(err, ErrOldLayout) || !strings.Contains(err.Error(), "termsmith migrate") {
		t.Fatalf("Open(old layout) = %v, want ErrOldLayout naming termsmith migrate", err)
	}
	old, err := OpenAny(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	msg, err := old.Migrate(fixtureAuthor, now)
	if err != nil || !strings.Contains(msg, "1 version(s) kept") {
		t.Fatalf("Migrate = %q, %v", msg, err)
	}
	m, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if n, problems, err := m.Verify(); err != nil || n != 1 || len(problems) > 0 {
		t.Errorf("Verify after Migrate = %d, %v, %v", n, problems, err)
	}
	if log := gitCmd(t, r.Dir(), "log", "--format=%H", "main"); !strings.Contains(log, v1.Commit) {
		t.Errorf("main's history lacks v1's commit:\n%s", log)
	}
	if st := gitCmd(t, r.Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("git status after Migrate:\n%s", st)
	}
	fsck(t, r.Dir())
}

func TestDraftName(t *testing.T) {
	for in, want := range map[string]string{
		"review/privacy": "review-privacy",
		"main~2":         "main-2",
		"HEAD^":          "HEAD",
		"a..b":           "a.-b",
		"../x":           "x",
		"_x":             "draft-_x",
		"0123abc":        "0123abc",
	} {
		if got := DraftName(in); got != want {
			t.Errorf("DraftName(%q) = %q, want %q", in, got, want)
		}
	}
}

// envPushDir names the store TestPushChild pushes to its origin.
const envPushDir = "TERMSMITH_TEST_PUSH_DIR"

// TestPushChild is the child process of TestPushKilled: it pushes the store
// in $TERMSMITH_TEST_PUSH_DIR to its origin, saying "start" first.
func TestPushChild(t *testing.T) {
	dir := os.Getenv(envPushDir)
	if dir == "" {
		t.Skip("only runs as the child of TestPushKilled")
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("start\n")
	if _, err := r.Push(DefaultRemote); err != nil {
		t.Fatal(err)
	}
}

// TestPushKilled kills pushing processes with SIGKILL at random moments:
// after each kill both repositories pass git fsck --strict, every tag the
// remote has is the local one, and pushing again completes the remote.
func TestPushKilled(t *testing.T) {
	longtest.Skip(t)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs the git binary (Debian: git)")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	r := bigStore(t)
	for i := range 20 {
		publish(t, r, fmt.Sprintf("v%02d", i), date(t, "2027-01-01").AddDate(0, 0, 40*i).Format(DateLayout), "")
	}
	remotes := t.TempDir()
	outcome := map[string]int{}
	defer func() { t.Logf("kills: %v", outcome) }()
	for round := range 10 {
		bare := filepath.Join(remotes, fmt.Sprintf("r%d.git", round))
		gitCmd(t, remotes, "init", "-q", "--bare", bare)
		if round > 0 {
			gitCmd(t, r.Dir(), "remote", "remove", DefaultRemote)
		}
		gitCmd(t, r.Dir(), "remote", "add", DefaultRemote, bare)
		cmd := exec.Command(os.Args[0], "-test.run=^TestPushChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), envPushDir+"="+r.Dir())
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 6)
		if _, err := io.ReadFull(out, buf); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(20000+rng.IntN(40000)) * time.Microsecond)
		cmd.Process.Kill()
		cmd.Wait()
		// With a file remote, the server side is a git-receive-pack the
		// killed process started; like a network server it runs on and
		// finishes (or gives up) on its own. Wait for it, as a user who
		// pushes again would.
		waitForNo(t, "git-receive-pack "+bare)

		fsck(t, bare)
		fsck(t, r.Dir())
		local := gitCmd(t, r.Dir(), "show-ref", "--tags")
		remote, _ := exec.Command("git", "-C", bare, "show-ref", "--tags").Output()
		switch {
		case len(remote) == 0:
			outcome["nothing pushed"]++
		case strings.TrimSpace(string(remote)) == strings.TrimSpace(local):
			outcome["all pushed"]++
		default:
			outcome["partly pushed"]++
		}
		for _, line := range strings.Split(strings.TrimSpace(string(remote)), "\n") {
			if line != "" && !strings.Contains(local, line) {
				t.Errorf("round %d: the remote has %q, which the store does not", round, line)
			}
		}
		if _, err := r.Push(DefaultRemote); err != nil {
			t.Fatalf("round %d: push after the kill: %v", round, err)
		}
		remote, _ = exec.Command("git", "-C", bare, "show-ref", "--tags").Output()
		if strings.TrimSpace(string(remote)) != strings.TrimSpace(local) {
			t.Errorf("round %d: after pushing again the remote's tags differ:\n%s\nwant\n%s", round, remote, local)
		}
		fsck(t, bare)
	}
}

// waitForNo waits until no process has cmdline as its command line.
func waitForNo(t *testing.T, cmdline string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if out, _ := exec.Command("pgrep", "-f", "-x", cmdline).Output(); len(out) == 0 {
			return
		}
	}
	t.Fatalf("%q is still running after 10 s", cmdline)
}
