package versions

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termsmith/termsmith/clauses"
)

// ContentDirs are the directories that, with clauses.ConfigFile, make up a
// store's terms content: what a version freezes and its hash covers
// (letters/ holds the change notice letter templates).
// customers/ is per-customer data, read from the working tree, and out/ is
// output: neither is part of a version.
var ContentDirs = []string{"clauses", "templates", "letters"}

// file is one content file: a slash-separated path and its bytes.
type file struct {
	path string
	data []byte
}

// collect reads the terms content of fsys: termsmith.yaml and every regular
// file under clauses/ and templates/, except names starting with "." (editor
// and system files). Symbolic links and files larger than
// clauses.MaxFileSize are errors. The result is sorted by path, byte-wise.
func collect(fsys fs.FS) ([]file, error) {
	cfg, err := readContentFile(fsys, clauses.ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s not found", ErrNotStore, clauses.ConfigFile)
	}
	if err != nil {
		return nil, err
	}
	files := []file{{clauses.ConfigFile, cfg}}
	for _, dir := range ContentDirs {
		err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				if name == dir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir
				}
				return err
			}
			if name != dir && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if err := checkName(name); err != nil {
				return err
			}
			switch t := d.Type(); {
			case t.IsDir():
				return nil
			case t&fs.ModeSymlink != 0:
				return fmt.Errorf("%s: symbolic links are not allowed in a store's content", name)
			case !t.IsRegular():
				return fmt.Errorf("%s: not a regular file", name)
			}
			data, err := readContentFile(fsys, name)
			if err != nil {
				return err
			}
			files = append(files, file{name, data})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	return files, nil
}

// checkName refuses paths that would make the content hash's manifest
// ambiguous or that git cannot store faithfully.
func checkName(name string) error {
	if !utf8.ValidString(name) {
		return fmt.Errorf("%q: file name is not valid UTF-8", name)
	}
	for _, r := range name {
		if unicode.IsControl(r) || r == '\\' {
			return fmt.Errorf("%q: file name contains a control character or a backslash", name)
		}
	}
	return nil
}

// readContentFile reads a file's raw bytes, bounded by clauses.MaxFileSize.
func readContentFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, clauses.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > clauses.MaxFileSize {
		return nil, fmt.Errorf("%s: file is larger than the limit of %d bytes", name, clauses.MaxFileSize)
	}
	return data, nil
}

// ContentHash returns the hash of the terms content of fsys (a working tree
// or a version): "sha256:" and the hex SHA-256 of a manifest that has, for
// each content file in byte-wise order of its slash-separated path, the line
//
//	<hex SHA-256 of the file's bytes>  <path>\n
//
// the format of sha256sum, so that in a checkout
//
//	find termsmith.yaml clauses templates -type f ! -name '.*' | LC_ALL=C sort | xargs sha256sum | sha256sum
//
// prints the same hex (when no directory under clauses/ or templates/
// starts with "."). Content files are those collect reads; bytes are hashed
// as stored, without normalising line ends.
func ContentHash(fsys fs.FS) (string, error) {
	files, err := collect(fsys)
	if err != nil {
		return "", err
	}
	return hashFiles(files), nil
}

func hashFiles(files []file) string {
	lines := make([]manifestLine, len(files))
	for i, f := range files {
		lines[i] = manifestLine{f.path, sha256.Sum256(f.data)}
	}
	return hashManifest(lines)
}

// manifestLine is one line of the content hash's manifest.
type manifestLine struct {
	path string
	sum  [sha256.Size]byte
}

// hashManifest hashes the manifest of lines, which must be sorted by path.
func hashManifest(lines []manifestLine) string {
	h := sha256.New()
	for _, l := range lines {
		fmt.Fprintf(h, "%s  %s\n", hex.EncodeToString(l.sum[:]), l.path)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// inContent reports whether the slash-separated path p, a directory if dir,
// is or may contain terms content, by the rules of collect.
func inContent(p string, dir bool) bool {
	parts := strings.Split(p, "/")
	if len(parts) == 1 {
		if dir {
			return slices.Contains(ContentDirs, p)
		}
		return p == clauses.ConfigFile
	}
	if !slices.Contains(ContentDirs, parts[0]) {
		return false
	}
	for _, part := range parts[1:] {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return true
}
