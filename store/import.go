package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/importer"
	"github.com/termsmith/termsmith/internal/output"
)

// maxImportSize bounds the input file: terms are tens of kilobytes.
const maxImportSize = 8 << 20

// ImportRequest is an import of a terms document into the store in Into.
type ImportRequest struct {
	File     string            // the document: PDF text, or Markdown
	Into     string            // the store's directory; a new store when it has no termsmith.yaml
	Markdown bool              // read File as Markdown whatever its name
	DocIDs   map[string]string // document ids by label or title
	Supplier string            // the supplier's legal name, for a new store
	As       string            // the document id File is; a re-import when the store has it
	Matches  map[string]string // re-import: clause ids by new title ("" for a new clause)
}

// Imported is what an import wrote.
type Imported struct {
	*importer.Result
	NewStore bool // the import made the store
	Reimport bool // the import replaced a document of the store
}

// Import turns a terms document into clause files, as one transaction: it
// refuses a store with problems, a file or document directory that exists
// (import never overwrites, except a re-import's own document), and a
// path outside the store, and then writes nothing; otherwise every file is
// written all or nothing. A re-import (As names a document the store has)
// replaces the document's clause files and removes those of clauses the
// new version no longer has. Every refusal is unusable input.
func Import(req ImportRequest) (*Imported, error) {
	src, err := readInput(req.File)
	if err != nil {
		return nil, Unusable(err)
	}
	opts := importer.Options{Markdown: req.Markdown, DocIDs: req.DocIDs, Taken: map[string]bool{}, Overrides: req.Matches}
	if req.As != "" && !clauses.ValidID(req.As) {
		return nil, Unusable(fmt.Errorf("--as %q: use lower-case letters, digits and hyphens", req.As))
	}
	var st *clauses.Store
	switch _, err := os.Stat(filepath.Join(req.Into, clauses.ConfigFile)); {
	case err == nil:
		if st, err = checkStore(req.Into); err != nil {
			return nil, Unusable(err)
		}
		for id := range st.Clauses {
			opts.Taken[id] = true
		}
		for id := range st.Documents {
			opts.Taken[id] = true
		}
		opts.Default = st.Config.Numbering
	case errors.Is(err, fs.ErrNotExist):
		if req.Supplier == "" {
			return nil, Unusable(fmt.Errorf("%s is not a store: give --supplier NAME to create one there", req.Into))
		}
	default:
		return nil, Unusable(err)
	}
	done := &Imported{NewStore: st == nil, Reimport: st != nil && req.As != "" && st.Documents[req.As] != nil}
	if req.As != "" {
		opts.Existing = &importer.Existing{Doc: req.As}
		if done.Reimport {
			for _, id := range st.Documents[req.As].Clauses {
				opts.Existing.Clauses = append(opts.Existing.Clauses, st.Clauses[id])
			}
		}
	}
	if !done.Reimport && len(opts.Overrides) > 0 {
		return nil, Unusable(errors.New("--match corrects a re-import: give --as with a document the store has"))
	}
	if done.Result, err = importer.Import(req.File, src, opts); err != nil {
		return nil, Unusable(err)
	}
	if done.Reimport {
		return done, replaceDocument(req.Into, st, done.Result)
	}
	files := done.Files()
	if done.NewStore {
		files = append(files,
			importer.File{Path: clauses.ConfigFile, Data: done.Config(req.Supplier)},
			importer.File{Path: path.Join("templates", agreement.DefaultTemplate+".yaml"), Data: done.Template()})
	}
	list, err := checkTargets(req.Into, done.Result, files)
	if err != nil {
		return nil, Unusable(err)
	}
	return done, output.New(req.Into).WriteAll(list)
}

// readInput reads the file to import, bounded in size.
func readInput(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxImportSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(src) > maxImportSize {
		return nil, fmt.Errorf("%s: larger than %d bytes; is it a terms document?", name, maxImportSize)
	}
	return src, nil
}

// checkStore loads the target store in full — clauses, templates,
// customers — and refuses one with problems: the import adds to a store
// that reads cleanly, or to none.
func checkStore(dir string) (*clauses.Store, error) {
	fsys := os.DirFS(dir)
	st, err := clauses.Load(fsys)
	if err != nil {
		return nil, err
	}
	if err := st.Err(); err != nil {
		return nil, fmt.Errorf("the store has problems; fix them first (termsmith lint):\n%w", err)
	}
	tmpls, err := agreement.LoadTemplates(fsys)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, id := range sortedIDs(tmpls) {
		t := tmpls[id]
		for _, p := range t.Parts {
			if st.Documents[p.Document] == nil {
				errs = append(errs, &clauses.Error{File: t.File, Line: p.Line, Msg: fmt.Sprintf("unknown document %q (no clauses/%s/document.yaml)", p.Document, p.Document)})
			}
		}
	}
	if _, err := agreement.LoadCustomers(fsys); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return st, nil
}

// checkTargets refuses to overwrite: no file the import writes may exist,
// nor any imported document's directory, and every target must be one the
// output writer accepts (inside dir, not through a link). It returns the
// files to write.
func checkTargets(dir string, res *importer.Result, files []importer.File) ([]output.File, error) {
	out := output.New(dir)
	var errs []error
	for _, d := range res.Documents {
		p := filepath.Join(dir, "clauses", d.ID)
		if _, err := os.Lstat(p); err == nil {
			errs = append(errs, fmt.Errorf("%s exists: document %q is already in the store (choose another id with --doc)", p, d.ID))
		}
	}
	list, err := storeFiles(out, files)
	if err != nil {
		return nil, err
	}
	for _, f := range list {
		if _, err := os.Lstat(f.Path); err == nil {
			errs = append(errs, fmt.Errorf("%s exists; import never overwrites", f.Path))
		}
		if err := out.Check(f.Path); err != nil {
			errs = append(errs, err)
		}
	}
	return list, errors.Join(dedupe(errs)...)
}

// storeFiles returns the importer's files as paths under the store.
func storeFiles(out output.Dir, files []importer.File) ([]output.File, error) {
	list := make([]output.File, len(files))
	for i, f := range files {
		if !output.SlashPath(f.Path) {
			return nil, fmt.Errorf("%q is not a path inside the store", f.Path)
		}
		list[i] = output.File{Path: out.Join(f.Path), Data: f.Data}
	}
	return list, nil
}

func dedupe(errs []error) []error {
	seen := map[string]bool{}
	var out []error
	for _, e := range errs {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			out = append(out, e)
		}
	}
	return out
}

// replaceDocument writes a re-imported document over the existing one —
// every file at once, all or nothing — and then removes the files of the
// clauses the new version no longer has.
func replaceDocument(dir string, st *clauses.Store, res *importer.Result) error {
	out := output.New(dir)
	d := res.Documents[0]
	list, err := storeFiles(out, res.Files())
	if err != nil {
		return Unusable(err)
	}
	keep := map[string]bool{}
	for _, f := range list {
		keep[f.Path] = true
		if fi, err := os.Lstat(f.Path); err == nil && !fi.Mode().IsRegular() {
			return Unusable(fmt.Errorf("%s is not a regular file; re-import replaces only clause files", f.Path))
		}
	}
	var remove []string
	for _, id := range st.Documents[d.ID].Clauses {
		if c := st.Clauses[id]; c != nil && !keep[out.Join(c.File)] {
			remove = append(remove, out.Join(c.File))
		}
	}
	if err := out.WriteAll(list); err != nil {
		return err
	}
	return out.Remove(remove...)
}
