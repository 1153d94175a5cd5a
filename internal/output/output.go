// Package output is the one way termsmith writes files: every file goes
// through a temporary file in its own directory, is synced to disk and
// renamed into place, so that a reader sees the old file or the new one,
// never part of one. Files are written inside an output directory only,
// never through a symbolic link below it, and a write that fails removes
// what it made: its temporary files and the directories it created. A
// group of files (a notice's PDF, e-mail and JSON; an import's clause
// files) is written all or nothing.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
)

// Dir is an output directory. Every path written through it must lie
// inside it; the directory itself may be a symbolic link (the user's choice
// of where output goes), the names below it may not.
type Dir struct{ root string }

// New returns the output directory root. It need not exist: the first
// write makes it.
func New(root string) Dir { return Dir{root: root} }

// Root returns the directory's path as given to New.
func (d Dir) Root() string { return d.root }

// Join returns the path of the slash-separated name under the directory.
func (d Dir) Join(name string) string { return filepath.Join(d.root, filepath.FromSlash(name)) }

// File is one file to write: Path is its path under the directory (as
// Join or filepath.Join(root, …) makes it), Data its content.
type File struct {
	Path string
	Data []byte
}

// WriteFile writes one file atomically and durably.
func (d Dir) WriteFile(path string, data []byte) error {
	return d.WriteAll([]File{{Path: path, Data: data}})
}

// WriteAll writes a group of files all or nothing: every file is written
// to a temporary file beside its target and synced, and only when all are
// written are they renamed into place. When anything fails, the temporary
// files, the directories made for them and the files already renamed that
// did not exist before are removed.
func (d Dir) WriteAll(files []File) (err error) {
	var made []string
	seen := map[string]bool{}
	for _, f := range files {
		dirs, err := d.check(f.Path)
		if err != nil {
			return err
		}
		for _, m := range dirs {
			if !seen[m] {
				seen[m] = true
				made = append(made, m)
			}
		}
	}
	type staged struct {
		tmp, target string
		existed     bool
	}
	var done []staged
	renamed := 0
	defer func() {
		if err == nil {
			return
		}
		for i, s := range done {
			if i < renamed {
				if !s.existed {
					os.Remove(s.target)
				}
				continue
			}
			os.Remove(s.tmp)
		}
		for i := len(made) - 1; i >= 0; i-- {
			os.Remove(made[i]) // only an empty directory goes
		}
	}()
	for _, m := range made {
		if err := os.Mkdir(m, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	}
	for _, f := range files {
		tmp, err := writeTemp(f.Path, f.Data)
		if tmp != "" {
			_, lerr := os.Lstat(f.Path)
			done = append(done, staged{tmp: tmp, target: f.Path, existed: lerr == nil})
		}
		if err != nil {
			return err
		}
	}
	for _, s := range done {
		if blockRename != nil {
			blockRename(s.target)
		}
		if err := os.Rename(s.tmp, s.target); err != nil {
			return fmt.Errorf("writing %s: %w", s.target, err)
		}
		renamed++
	}
	return syncDirs(files)
}

// WriteFS writes every file of fsys under the directory, as WriteAll does.
func (d Dir) WriteFS(fsys fs.FS) error {
	var files []File
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: d.Join(p), Data: data})
		return nil
	})
	if err != nil {
		return err
	}
	return d.WriteAll(files)
}

// Remove removes files under the directory, checked as writes are; a file
// that does not exist is no error.
func (d Dir) Remove(paths ...string) error {
	for _, p := range paths {
		if _, err := d.check(p); err != nil {
			return err
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// Check reports, without writing anything, whether the files at paths may
// be written: inside the directory, not through a symbolic link, not over
// a file on the way. Every write makes the same check.
func (d Dir) Check(paths ...string) error {
	var errs []error
	for _, p := range paths {
		if _, err := d.check(p); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// check vets the way from the directory to file before anything is
// written: file must lie inside the directory, no name below the
// directory may be a symbolic link (a link left there could send the file
// anywhere), and every name on the way that exists must be a directory.
// It returns the directories, outermost first, that do not exist yet and
// that the write makes — the output directory itself and its missing
// parents included.
func (d Dir) check(file string) ([]string, error) {
	rel, err := filepath.Rel(d.root, file)
	if err != nil || !filepath.IsLocal(rel) || rel == "." {
		return nil, fmt.Errorf("refusing to write %s outside %s", file, d.root)
	}
	notDir := func(p string) error {
		return fmt.Errorf("cannot write %s: %s is not a directory", file, p)
	}
	var missing []string
	// The directory itself may be a link; it or its parents may be missing.
	for p := d.root; ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err == nil {
			if !fi.IsDir() {
				return nil, notDir(p)
			}
			break
		}
		missing = append([]string{p}, missing...)
		if filepath.Dir(p) == p {
			break
		}
	}
	p := d.root
	for _, name := range strings.Split(filepath.Dir(rel), string(filepath.Separator)) {
		if name == "." {
			continue
		}
		p = filepath.Join(p, name)
		if len(missing) > 0 {
			missing = append(missing, p)
			continue
		}
		fi, err := os.Lstat(p)
		switch {
		case err != nil:
			missing = append(missing, p) // the write makes it, or says why it cannot
		case fi.Mode()&fs.ModeSymlink != 0:
			return nil, fmt.Errorf("%s is a symbolic link; termsmith writes only inside %s, not through links", p, d.root)
		case !fi.IsDir():
			return nil, notDir(p)
		}
	}
	if fi, err := os.Lstat(file); err == nil && !fi.Mode().IsRegular() {
		if fi.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s is a symbolic link; termsmith writes only inside %s, not through links", file, d.root)
		}
		return nil, fmt.Errorf("cannot write %s: it exists and is not a regular file", file)
	}
	return missing, nil
}

// blockRename, when set by a test, runs before each rename of a group, to
// make one fail.
var blockRename func(target string)

var tempSeq atomic.Uint64

// writeTemp writes data to a new file .<name>.<pid>-<n>.tmp beside path,
// readable by all (0644 before the umask), and syncs it. It returns the
// temporary file's name whenever the file was created, also on failure
// (the caller removes it).
func writeTemp(path string, data []byte) (string, error) {
	dir, base := filepath.Split(path)
	var f *os.File
	for {
		name := filepath.Join(dir, fmt.Sprintf(".%s.%d-%d.tmp", base, os.Getpid(), tempSeq.Add(1)))
		var err error
		f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		break
	}
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return f.Name(), err
}

// syncDirs syncs the directories the files were renamed in, so that the
// renames survive a power cut. A file system that cannot sync a
// directory is no error.
func syncDirs(files []File) error {
	seen := map[string]bool{}
	for _, f := range files {
		dir := filepath.Dir(f.Path)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		if d, err := os.Open(dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return nil
}

// Build makes the directory dir whole or not at all: build fills a fresh
// directory beside dir, which is renamed to dir when build succeeds and
// removed when it fails. dir must not exist or be empty.
func Build(dir string, build func(tmp string) error) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".tmp-")
	if err != nil {
		return err
	}
	if err := build(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	// An empty target directory is replaced.
	if err := os.Remove(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, abs); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

// SlashPath reports whether name is a slash-separated relative path that
// stays inside the directory it is relative to (no "..", not absolute).
func SlashPath(name string) bool {
	return fs.ValidPath(name) && name != "." && !strings.Contains(name, "..") && path.Clean(name) == name
}
