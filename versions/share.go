package versions

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	gitssh "github.com/go-git/go-git/v5/plumbing/transport/ssh"
)

// DefaultRemote is the remote push and pull use unless told otherwise.
const DefaultRemote = "origin"

// Environment variables for authentication with a remote. SSH remotes use
// the SSH agent (SSH_AUTH_SOCK) unless a key file is named.
const (
	EnvGitToken   = "TERMSMITH_GIT_TOKEN"    // HTTPS: a token (GitHub, GitLab, Gitea) as the password
	EnvGitUser    = "TERMSMITH_GIT_USER"     // HTTPS: the user name for the token (default "git")
	EnvSSHKey     = "TERMSMITH_SSH_KEY"      // SSH: a private key file instead of the agent
	EnvSSHKeyPass = "TERMSMITH_SSH_PASSWORD" // SSH: the key file's passphrase
)

// ErrRemote: a remote cannot be reached or refused an update.
var ErrRemote = errors.New("remote")

// auth returns the authentication for a remote URL, as git users expect
// it: the SSH agent or a key file for SSH, a token from the environment for
// HTTPS, nothing for local paths.
func auth(url string) (transport.AuthMethod, error) {
	ep, err := transport.NewEndpoint(url)
	if err != nil {
		return nil, err
	}
	switch ep.Protocol {
	case "http", "https":
		token := os.Getenv(EnvGitToken)
		if token == "" {
			return nil, nil
		}
		user := os.Getenv(EnvGitUser)
		if user == "" {
			user = "git"
		}
		return &githttp.BasicAuth{Username: user, Password: token}, nil
	case "ssh":
		user := ep.User
		if user == "" {
			user = "git"
		}
		if key := os.Getenv(EnvSSHKey); key != "" {
			return gitssh.NewPublicKeysFromFile(user, key, os.Getenv(EnvSSHKeyPass))
		}
		return gitssh.NewSSHAgentAuth(user)
	}
	return nil, nil
}

// remote returns the named remote and the authentication for its URL.
func (r *Repo) remote(name string) (*git.Remote, transport.AuthMethod, error) {
	rem, err := r.git.Remote(name)
	if err != nil {
		return nil, nil, fmt.Errorf("%w %s: %w (add one with git remote add %s URL)", ErrRemote, name, err, name)
	}
	urls := rem.Config().URLs
	if len(urls) == 0 {
		return nil, nil, fmt.Errorf("%w %s has no URL", ErrRemote, name)
	}
	a, err := auth(urls[0])
	if err != nil {
		return nil, nil, fmt.Errorf("%w %s: authentication: %w", ErrRemote, name, err)
	}
	return rem, a, nil
}

// HasRemote reports whether the repository has a remote of that name.
func (r *Repo) HasRemote(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, err := r.git.Remote(name)
	return err == nil
}

// remoteRefs lists the refs of a remote (git ls-remote).
func (r *Repo) remoteRefs(name string) (map[plumbing.ReferenceName]plumbing.Hash, error) {
	r.mu.Lock()
	rem, a, err := r.remote(name)
	r.mu.Unlock()
	if err != nil {
		return nil, err
	}
	refs, err := rem.List(&git.ListOptions{Auth: a})
	if errors.Is(err, transport.ErrEmptyRemoteRepository) {
		return map[plumbing.ReferenceName]plumbing.Hash{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w %s cannot be reached: %w", ErrRemote, name, err)
	}
	out := map[plumbing.ReferenceName]plumbing.Hash{}
	for _, ref := range refs {
		if ref.Type() == plumbing.HashReference {
			out[ref.Name()] = ref.Hash()
		}
	}
	return out, nil
}

// checkRemoteID refuses an id that the remote has as a tag.
func (r *Repo) checkRemoteID(remote, id string) error {
	refs, err := r.remoteRefs(remote)
	if err != nil {
		return fmt.Errorf("%w (to check that version %s is new there; use --offline to publish without checking: push will still refuse a clash)", err, id)
	}
	if _, ok := refs[plumbing.ReferenceName(TagRef(id))]; ok {
		return fmt.Errorf("%w: remote %s has a tag %s; pull it (termsmith pull) and choose another version id", ErrExists, remote, id)
	}
	return nil
}

// Push sends the publishing branch, the given extra branches that exist,
// and every tag to the remote. Tags are never forced: a tag the remote has
// with another value is refused by the remote, and Push reports it.
func (r *Repo) Push(remote string, extra ...string) (string, error) {
	release, err := r.exclusive()
	if err != nil {
		return "", err
	}
	defer release()
	branch, err := r.branch()
	if err != nil {
		return "", err
	}
	rem, a, err := r.remote(remote)
	if err != nil {
		return "", err
	}
	specs := []config.RefSpec{}
	for _, b := range append([]string{branch}, extra...) {
		ref := plumbing.NewBranchReferenceName(b)
		if _, err := r.git.Reference(ref, false); err == nil {
			specs = append(specs, config.RefSpec(ref+":"+ref))
		}
	}
	specs = append(specs, "refs/tags/*:refs/tags/*")
	err = rem.Push(&git.PushOptions{RemoteName: remote, RefSpecs: specs, Auth: a})
	switch {
	case errors.Is(err, git.NoErrAlreadyUpToDate):
		return "already up to date", nil
	case err != nil:
		return "", fmt.Errorf("%w %s refused the push: %w (if a version tag clashes, a colleague published the same id: pull, then publish under another id)", ErrRemote, remote, err)
	}
	return "pushed " + branch + " and the version tags", nil
}

// Pull fetches the publishing branch (and the given extra branches) and
// every tag from the remote, after checking that no tag of the remote has
// the name of a local tag with another value: a version of the same id that
// differs is refused, naming it. The publishing branch is fast-forwarded
// (and, when it is checked out, the working tree with it); a branch that
// diverged is left for the user to merge with git.
func (r *Repo) Pull(remote string, extra ...string) (string, error) {
	refs, err := r.remoteRefs(remote)
	if err != nil {
		return "", err
	}
	release, err := r.exclusive()
	if err != nil {
		return "", err
	}
	defer release()
	var clashes []string
	for name, h := range refs {
		if !name.IsTag() {
			continue
		}
		local, err := r.git.Reference(name, false)
		if err != nil || local.Hash() == h {
			continue
		}
		what := "tag " + name.Short()
		if _, err := r.tagVersion(name.Short(), local.Hash()); err == nil {
			what = "version " + name.Short()
		}
		clashes = append(clashes, fmt.Sprintf("%s is %s here but %s on %s", what, local.Hash(), h, remote))
	}
	if len(clashes) > 0 {
		sort.Strings(clashes)
		return "", fmt.Errorf("%w: refusing to pull from %s: %s; a published version never changes, so one of the two was published in error (compare them with termsmith show, and ask who published which)",
			ErrIntegrity, remote, strings.Join(clashes, "; "))
	}
	branch, err := r.branch()
	if err != nil {
		return "", err
	}
	rem, a, err := r.remote(remote)
	if err != nil {
		return "", err
	}
	specs := []config.RefSpec{"refs/tags/*:refs/tags/*"}
	branches := append([]string{branch}, extra...)
	for _, b := range branches {
		if _, ok := refs[plumbing.NewBranchReferenceName(b)]; ok {
			specs = append(specs, config.RefSpec(fmt.Sprintf("+refs/heads/%s:refs/remotes/%s/%s", b, remote, b)))
		}
	}
	err = rem.Fetch(&git.FetchOptions{RemoteName: remote, RefSpecs: specs, Auth: a, Tags: git.NoTags})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		return "", fmt.Errorf("%w %s: fetch: %w", ErrRemote, remote, err)
	}
	r.cache = map[plumbing.Hash]*Version{}
	var done []string
	for _, b := range branches {
		msg, err := r.fastForward(remote, b)
		if err != nil {
			return "", err
		}
		if msg != "" {
			done = append(done, msg)
		}
	}
	if len(done) == 0 {
		return "already up to date", nil
	}
	return strings.Join(done, "; "), nil
}

// fastForward moves branch b to the remote's, when that is a fast forward;
// when b is checked out, the working tree follows (it must be clean).
func (r *Repo) fastForward(remote, b string) (string, error) {
	theirs, err := r.git.Reference(plumbing.NewRemoteReferenceName(remote, b), true)
	if err != nil {
		return "", nil // the remote has no such branch
	}
	name := plumbing.NewBranchReferenceName(b)
	ours, err := r.git.Reference(name, true)
	if err == nil {
		if ours.Hash() == theirs.Hash() {
			return "", nil
		}
		oc, err1 := r.git.CommitObject(ours.Hash())
		tc, err2 := r.git.CommitObject(theirs.Hash())
		if err1 != nil || err2 != nil {
			return "", fmt.Errorf("branch %s: %w", b, errors.Join(err1, err2))
		}
		if ok, err := oc.IsAncestor(tc); err != nil || !ok {
			return "", fmt.Errorf("%w: branch %s has commits that %s/%s does not have, and the other way round; merge them with git (git merge %s/%s), then push", ErrRefused, b, remote, b, remote, b)
		}
	}
	head, _ := r.git.Reference(plumbing.HEAD, false)
	if head != nil && head.Type() == plumbing.SymbolicReference && head.Target() == name {
		wt, err := r.git.Worktree()
		if err != nil {
			return "", err
		}
		st, err := wt.Status()
		if err != nil {
			return "", err
		}
		if !st.IsClean() {
			return "", fmt.Errorf("%w: the working tree has uncommitted changes; commit or stash them before pulling %s", ErrRefused, b)
		}
		if err := r.git.Storer.SetReference(plumbing.NewHashReference(name, theirs.Hash())); err != nil {
			return "", err
		}
		if err := wt.Reset(&git.ResetOptions{Commit: theirs.Hash(), Mode: git.HardReset}); err != nil {
			return "", err
		}
	} else if err := r.git.Storer.SetReference(plumbing.NewHashReference(name, theirs.Hash())); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s at %s", b, theirs.Hash().String()[:12]), nil
}
