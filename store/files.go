package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/versions"
)

// Published returns the files of published version id, read from git and
// checked, or those of a draft when id names a git revision or "worktree"
// instead (the version is then marked Draft); a name that is neither is
// unusable input.
func (s *Store) Published(id string) (*versions.Version, fs.FS, error) {
	repo, err := s.Repo()
	if err != nil {
		return nil, nil, err
	}
	fsys, v, err := repo.Resolve(id)
	if errors.Is(err, versions.ErrNotFound) {
		return nil, nil, Unusable(err)
	}
	if err != nil {
		return nil, nil, err
	}
	return v, fsys, nil
}

// SourceOf returns the source of one clause (or labelled sub-clause's
// clause), document (its document.yaml) or file of version v's files
// fsys, by id or path; one it does not have is unusable input.
func SourceOf(v *versions.Version, fsys fs.FS, id string) ([]byte, error) {
	file := ""
	if fs.ValidPath(id) && strings.Contains(id, "/") || id == clauses.ConfigFile {
		file = id
	} else if st, err := clauses.Load(fsys); err != nil {
		return nil, fmt.Errorf("version %s: %w", v.ID, err)
	} else if c := st.Clauses[id]; c != nil {
		file = c.File
	} else if d := st.Documents[id]; d != nil {
		file = d.File
	}
	data, err := fs.ReadFile(fsys, file)
	if file == "" || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
		return nil, Unusable(fmt.Errorf("version %s has no clause, document or file %q", v.ID, id))
	}
	return data, err
}

// ReadText reads a file given on the command line, such as a summary to
// publish: a regular file of at most 1 MiB of UTF-8 text.
func ReadText(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	if st.Size() > clauses.MaxFileSize {
		return nil, fmt.Errorf("%s is larger than the limit of %d bytes", name, clauses.MaxFileSize)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s is not UTF-8 text", name)
	}
	return data, nil
}

// Outline is what a version holds: its documents, each with its clauses
// in order, and its templates.
type Outline struct {
	Documents []OutlineDocument
	Templates []string // the names of the files in templates/, without extension
}

// OutlineDocument is a document of an Outline.
type OutlineDocument struct {
	ID, Title string
	Clauses   []OutlineClause
}

// OutlineClause is a clause of an OutlineDocument; a clause the document
// lists but the version lacks has no title.
type OutlineClause struct{ ID, Title string }

// OutlineOf returns the outline of version v's files fsys.
func OutlineOf(v *versions.Version, fsys fs.FS) (*Outline, error) {
	st, err := clauses.Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", v.ID, err)
	}
	o := &Outline{}
	for _, id := range st.DocumentIDs() {
		doc := st.Documents[id]
		d := OutlineDocument{ID: id, Title: doc.Title}
		for _, cid := range doc.Clauses {
			c := OutlineClause{ID: cid}
			if cl := st.Clauses[cid]; cl != nil {
				c.Title = cl.Title
			}
			d.Clauses = append(d.Clauses, c)
		}
		o.Documents = append(o.Documents, d)
	}
	entries, _ := fs.ReadDir(fsys, "templates")
	for _, e := range entries {
		if !e.IsDir() {
			o.Templates = append(o.Templates, strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
		}
	}
	return o, nil
}
