package versions

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"sort"
	"time"
)

// memFS is a read-only, in-memory file system over a version's content (or
// the content about to be published). It is immutable once built, so it is
// safe for concurrent use, and it never touches the repository again.
type memFS struct {
	nodes map[string]*node // by path; "." is the root
}

type node struct {
	name     string
	dir      bool
	data     []byte
	modTime  time.Time
	children []*node // sorted by name
}

// newMemFS builds a file system from files (sorted or not); every file and
// directory gets modTime.
func newMemFS(files []file, modTime time.Time) *memFS {
	m := &memFS{nodes: map[string]*node{".": {name: ".", dir: true, modTime: modTime}}}
	var mkdir func(p string) *node
	mkdir = func(p string) *node {
		if n, ok := m.nodes[p]; ok {
			return n
		}
		parent := mkdir(path.Dir(p))
		n := &node{name: path.Base(p), dir: true, modTime: modTime}
		parent.children = append(parent.children, n)
		m.nodes[p] = n
		return n
	}
	for _, f := range files {
		parent := mkdir(path.Dir(f.path))
		n := &node{name: path.Base(f.path), data: f.data, modTime: modTime}
		parent.children = append(parent.children, n)
		m.nodes[f.path] = n
	}
	for _, n := range m.nodes {
		sort.Slice(n.children, func(i, j int) bool { return n.children[i].name < n.children[j].name })
	}
	return m
}

func (m *memFS) lookup(op, name string) (*node, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	n, ok := m.nodes[name]
	if !ok {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return n, nil
}

// Open implements fs.FS.
func (m *memFS) Open(name string) (fs.File, error) {
	n, err := m.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if n.dir {
		return &openDir{node: n, path: name}, nil
	}
	return &openFile{node: n, Reader: bytes.NewReader(n.data)}, nil
}

// ReadFile implements fs.ReadFileFS.
func (m *memFS) ReadFile(name string) ([]byte, error) {
	n, err := m.lookup("read", name)
	if err != nil {
		return nil, err
	}
	if n.dir {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errIsDir}
	}
	return bytes.Clone(n.data), nil
}

// ReadDir implements fs.ReadDirFS.
func (m *memFS) ReadDir(name string) ([]fs.DirEntry, error) {
	n, err := m.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if !n.dir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errNotDir}
	}
	out := make([]fs.DirEntry, len(n.children))
	for i, c := range n.children {
		out[i] = info{c}
	}
	return out, nil
}

// Stat implements fs.StatFS.
func (m *memFS) Stat(name string) (fs.FileInfo, error) {
	n, err := m.lookup("stat", name)
	if err != nil {
		return nil, err
	}
	return info{n}, nil
}

type fsError string

func (e fsError) Error() string { return string(e) }

const (
	errIsDir  = fsError("is a directory")
	errNotDir = fsError("not a directory")
)

// info is a node's fs.FileInfo and fs.DirEntry.
type info struct{ n *node }

func (i info) Name() string { return i.n.name }
func (i info) Size() int64  { return int64(len(i.n.data)) }
func (i info) Mode() fs.FileMode {
	if i.n.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i info) ModTime() time.Time         { return i.n.modTime }
func (i info) IsDir() bool                { return i.n.dir }
func (i info) Sys() any                   { return nil }
func (i info) Type() fs.FileMode          { return i.Mode().Type() }
func (i info) Info() (fs.FileInfo, error) { return i, nil }
func (i info) String() string             { return fs.FormatDirEntry(i) }

type openFile struct {
	node *node
	*bytes.Reader
}

func (f *openFile) Stat() (fs.FileInfo, error) { return info{f.node}, nil }
func (f *openFile) Close() error               { return nil }

type openDir struct {
	node *node
	path string
	next int
}

func (d *openDir) Stat() (fs.FileInfo, error) { return info{d.node}, nil }
func (d *openDir) Close() error               { return nil }
func (d *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.path, Err: errIsDir}
}

// ReadDir implements fs.ReadDirFile.
func (d *openDir) ReadDir(count int) ([]fs.DirEntry, error) {
	rest := d.node.children[d.next:]
	if count > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if count > 0 && count < len(rest) {
		rest = rest[:count]
	}
	d.next += len(rest)
	out := make([]fs.DirEntry, len(rest))
	for i, c := range rest {
		out[i] = info{c}
	}
	return out, nil
}

// memFS implements the optional interfaces, so fs.ReadDir, fs.ReadFile and
// fs.Stat need not open files.
var _ interface {
	fs.ReadDirFS
	fs.ReadFileFS
	fs.StatFS
} = (*memFS)(nil)
