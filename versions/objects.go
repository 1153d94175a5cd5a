package versions

import (
	"fmt"
	"io"
	"path"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/termsmith/termsmith/clauses"
)

// go-git does not re-hash the objects it reads: a rewritten loose object is
// read as it is. Everything termsmith reads for a version goes through
// object, which hashes the bytes it read and compares them with the name
// they were asked for, so that the tag, the commit, each tree and each blob
// are the ones git's hash chain promises.

// object reads the object h, checks that its type and bytes hash to h, and
// returns it in memory. r.mu must be held.
func (r *Repo) object(h plumbing.Hash, want plumbing.ObjectType) (plumbing.EncodedObject, error) {
	if obj, ok := r.verified[h]; ok {
		return obj, nil
	}
	obj, err := r.git.Storer.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return nil, fmt.Errorf("object %s cannot be read: %w", h, err)
	}
	if want != plumbing.AnyObject && obj.Type() != want {
		return nil, fmt.Errorf("object %s is a %s, not a %s", h, obj.Type(), want)
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("object %s cannot be read: %w", h, err)
	}
	data, err := io.ReadAll(rd)
	rd.Close()
	if err != nil {
		return nil, fmt.Errorf("object %s cannot be read: %w", h, err)
	}
	if got := plumbing.ComputeHash(obj.Type(), data); got != h {
		return nil, fmt.Errorf("%w: object %s has been altered: its bytes hash to %s", ErrIntegrity, h, got)
	}
	mem := &plumbing.MemoryObject{}
	mem.SetType(obj.Type())
	mem.SetSize(int64(len(data)))
	if _, err := mem.Write(data); err != nil {
		return nil, err
	}
	if r.verified != nil {
		r.verified[h] = mem
	}
	return mem, nil
}

// tagObject reads and checks an annotated tag object.
func (r *Repo) tagObject(h plumbing.Hash) (*object.Tag, error) {
	obj, err := r.object(h, plumbing.TagObject)
	if err != nil {
		return nil, err
	}
	t := &object.Tag{}
	if err := t.Decode(obj); err != nil {
		return nil, fmt.Errorf("tag object %s: %w", h, err)
	}
	return t, nil
}

// commitObject reads and checks a commit.
func (r *Repo) commitObject(h plumbing.Hash) (*object.Commit, error) {
	obj, err := r.object(h, plumbing.CommitObject)
	if err != nil {
		return nil, err
	}
	c := &object.Commit{}
	if err := c.Decode(obj); err != nil {
		return nil, fmt.Errorf("commit %s: %w", h, err)
	}
	return c, nil
}

// treeObject reads and checks a tree.
func (r *Repo) treeObject(h plumbing.Hash) (*object.Tree, error) {
	obj, err := r.object(h, plumbing.TreeObject)
	if err != nil {
		return nil, err
	}
	t := &object.Tree{}
	if err := t.Decode(obj); err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	return t, nil
}

// blob reads and checks a blob's content.
func (r *Repo) blob(h plumbing.Hash) ([]byte, error) {
	obj, err := r.object(h, plumbing.BlobObject)
	if err != nil {
		return nil, err
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return io.ReadAll(rd)
}

// contentFiles reads the terms content of a commit (see collect: the
// config, and clauses/, letters/ and templates/ without dot names), every
// object checked, sorted by path. Each error names the file.
func (r *Repo) contentFiles(commit plumbing.Hash) ([]file, *object.Commit, error) {
	c, err := r.commitObject(commit)
	if err != nil {
		return nil, nil, err
	}
	var files []file
	var walk func(dir string, h plumbing.Hash) error
	walk = func(dir string, h plumbing.Hash) error {
		t, err := r.treeObject(h)
		if err != nil {
			return fmt.Errorf("%s: %w", dir, err)
		}
		for _, e := range t.Entries {
			p := path.Join(dir, e.Name)
			if !inContent(p, e.Mode == filemode.Dir) {
				continue
			}
			switch e.Mode {
			case filemode.Dir:
				if err := walk(p, e.Hash); err != nil {
					return err
				}
			case filemode.Regular, filemode.Executable:
				if err := checkName(p); err != nil {
					return err
				}
				data, err := r.blob(e.Hash)
				if err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
				files = append(files, file{p, data})
			default:
				return fmt.Errorf("%s: a %s in the content; only regular files are allowed", p, e.Mode)
			}
		}
		return nil
	}
	if err := walk(".", c.TreeHash); err != nil {
		return nil, nil, err
	}
	sortFiles(files)
	return files, c, nil
}

// configAt reads the store configuration of a commit (only that file, its
// objects checked).
func (r *Repo) configAt(commit plumbing.Hash) (clauses.Config, error) {
	c, err := r.commitObject(commit)
	if err != nil {
		return clauses.Config{}, err
	}
	root, err := r.treeObject(c.TreeHash)
	if err != nil {
		return clauses.Config{}, err
	}
	e, err := root.FindEntry(clauses.ConfigFile)
	if err != nil {
		return clauses.Config{}, fmt.Errorf("%s: %w", clauses.ConfigFile, err)
	}
	data, err := r.blob(e.Hash)
	if err != nil {
		return clauses.Config{}, fmt.Errorf("%s: %w", clauses.ConfigFile, err)
	}
	return clauses.LoadConfig(newMemFS([]file{{clauses.ConfigFile, data}}, time.Time{}))
}
