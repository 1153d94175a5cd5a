package versions

import (
	"bufio"
	"compress/zlib"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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
// are the ones git's hash chain promises. The content as a whole is also
// checked against the record's SHA-256 (hashFiles), so the object check
// uses plain SHA-1, not go-git's slower collision-detecting variant.

// object reads the object h, checks that its type and bytes hash to h, and
// returns it in memory. r.mu must be held.
func (r *Repo) object(h plumbing.Hash, want plumbing.ObjectType) (plumbing.EncodedObject, error) {
	if obj, ok := r.verified[h]; ok {
		return obj, nil
	}
	t, data, err := r.loose(h)
	if errors.Is(err, fs.ErrNotExist) {
		t, data, err = r.packed(h)
	}
	if err != nil {
		return nil, fmt.Errorf("object %s cannot be read: %w", h, err)
	}
	if want != plumbing.AnyObject && t != want {
		return nil, fmt.Errorf("object %s is a %s, not a %s", h, t, want)
	}
	if got := objectHash(t, data); got != h {
		return nil, fmt.Errorf("%w: object %s has been altered: its bytes hash to %s", ErrIntegrity, h, got)
	}
	mem := &plumbing.MemoryObject{}
	mem.SetType(t)
	mem.SetSize(int64(len(data)))
	mem.Write(data) // a MemoryObject does not fail
	if r.verified != nil {
		r.verified[h] = mem
	}
	return mem, nil
}

// objectHash is git's name for an object: the SHA-1 of its header and
// bytes.
func objectHash(t plumbing.ObjectType, data []byte) plumbing.Hash {
	d := sha1.New()
	d.Write(t.Bytes())
	d.Write([]byte{' '})
	d.Write(strconv.AppendInt(nil, int64(len(data)), 10))
	d.Write([]byte{0})
	d.Write(data)
	var h plumbing.Hash
	d.Sum(h[:0])
	return h
}

// loose reads a loose object from .git/objects: its type and bytes, not
// yet checked. An object that is not loose is fs.ErrNotExist.
func (r *Repo) loose(h plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	hex := h.String()
	f, err := os.Open(filepath.Join(r.gitDir, "objects", hex[:2], hex[2:]))
	if err != nil {
		return plumbing.InvalidObject, nil, err
	}
	defer f.Close()
	zr := inflaters.Get()
	var z io.ReadCloser
	if zr != nil {
		z = zr.(io.ReadCloser)
		err = z.(zlib.Resetter).Reset(f, nil)
	} else {
		z, err = zlib.NewReader(f)
	}
	if err != nil {
		return plumbing.InvalidObject, nil, fmt.Errorf("loose object: %w", err)
	}
	defer inflaters.Put(z)
	br := bufio.NewReaderSize(z, 512)
	head, err := br.ReadSlice(0)
	if err != nil {
		return plumbing.InvalidObject, nil, fmt.Errorf("loose object: no header: %w", err)
	}
	typ, size, ok := strings.Cut(string(head[:len(head)-1]), " ")
	t, terr := plumbing.ParseObjectType(typ)
	n, nerr := strconv.Atoi(size)
	if !ok || terr != nil || nerr != nil || n < 0 || n > maxObjectSize {
		return plumbing.InvalidObject, nil, fmt.Errorf("loose object: bad header %q", head)
	}
	data := make([]byte, n)
	if _, err := io.ReadFull(br, data); err != nil {
		return plumbing.InvalidObject, nil, fmt.Errorf("loose object: %w", err)
	}
	if extra, _ := br.Read(make([]byte, 1)); extra > 0 {
		return plumbing.InvalidObject, nil, fmt.Errorf("loose object: longer than its header says (%d bytes)", n)
	}
	return t, data, nil
}

// maxObjectSize bounds what one object may claim to hold: a terms store
// holds text, and a corrupt header must not make termsmith allocate
// gigabytes.
const maxObjectSize = 256 << 20

// inflaters are zlib readers, reused: each holds tens of kilobytes of
// state.
var inflaters sync.Pool

// packed reads an object that is not loose through go-git (packfiles).
func (r *Repo) packed(h plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	obj, err := r.git.Storer.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return plumbing.InvalidObject, nil, err
	}
	rd, err := obj.Reader()
	if err != nil {
		return plumbing.InvalidObject, nil, err
	}
	defer rd.Close()
	data, err := io.ReadAll(rd)
	return obj.Type(), data, err
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
