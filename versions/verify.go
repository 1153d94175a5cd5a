package versions

import (
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
)

// ProblemKind classifies what Verify found.
type ProblemKind string

// The kinds of problem Verify reports.
const (
	// TagCorrupt: a tag that says it is a version cannot be read, was
	// altered, or disagrees with the record it holds.
	TagCorrupt ProblemKind = "tag-corrupt"
	// DateClash: two versions take effect on the same date.
	DateClash ProblemKind = "date-clash"
	// ContentChanged: the content read from the version's commit does not
	// match the recorded hash.
	ContentChanged ProblemKind = "content-changed"
	// ObjectCorrupt: an object of the version is missing or altered.
	ObjectCorrupt ProblemKind = "object-corrupt"
)

// Problem is one thing Verify found wrong with a version.
type Problem struct {
	Version string      `json:"version"` // the version id
	Kind    ProblemKind `json:"kind"`
	Detail  string      `json:"detail"` // what is wrong, in words
}

func (p Problem) String() string {
	return fmt.Sprintf("%s: %s: %s", p.Version, p.Kind, p.Detail)
}

// Verify checks every version tag: that the tag object, its record, the
// commit it points at and every tree and blob of the content are intact
// (re-hashed), and that the content has the recorded hash. It returns the
// number of versions found (including those with problems) and the
// problems; the error is for a store that cannot be read at all.
func (r *Repo) Verify() (int, []Problem, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.verified = map[plumbing.Hash]plumbing.EncodedObject{}
	defer func() { r.verified = nil }()
	list, problems, err := r.scan(false)
	if err != nil {
		return 0, nil, err
	}
	n := len(list)
	for _, p := range problems {
		if p.Kind == TagCorrupt {
			n++
		}
	}
	for _, v := range list {
		files, _, err := r.contentFiles(plumbing.NewHash(v.Commit))
		if err != nil {
			problems = append(problems, Problem{v.ID, ObjectCorrupt, fmt.Sprintf("commit %s: %v", v.Commit, err)})
			continue
		}
		if h := hashFiles(files); h != v.ContentHash {
			problems = append(problems, Problem{v.ID, ContentChanged,
				fmt.Sprintf("the content of commit %s hashes to %s; it was published as %s", v.Commit, h, v.ContentHash)})
		}
	}
	return n, problems, nil
}
