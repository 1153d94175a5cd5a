package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/importer"
	"github.com/termsmith/termsmith/templates"
)

// maxImportSize bounds the input file: terms are tens of kilobytes.
const maxImportSize = 8 << 20

type importOptions struct {
	*globalOptions
	file     string
	into     string
	docs     []string
	supplier string
	markdown bool
}

func newImportCmd(g *globalOptions) *cobra.Command {
	opts := &importOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "import FILE --into DIR",
		Short: "Turn an existing terms document into clause files",
		Long: `Import reads an existing terms document — plain text extracted from a PDF
or a web page, or Markdown (FILE ending in .md, or --markdown) — and writes
it into the store in DIR as documents and clause files.

It joins hard-wrapped lines, drops repeated page footers and the version
line, recognises article headings, sub-clause numbers (1.1., 3.2, 3.1.Een),
lettered and roman lists (A., a., a), (i), i)), bullets (●, ❖, •) and
annexes ("Bijlage 1: …", "Appendix A – …", "Hoofdstuk B. …"). Each article
becomes a clause file whose id is the slug of its title; each sub-clause a
labelled list item; references such as "artikel 14.2" or "Bijlage 1" become
links. Numbers that differ from the computed ones are pinned, so the text
stays faithful.

Lines it cannot decide — an enumeration inside a sentence, a table flattened
into text, a fill-in such as "[twee (2) maanden]", a reference to a document
it does not know — are kept as text and listed on stdout as FILE:LINE:
message, for the author to finish by hand.

DIR is an existing store, or a new one: then --supplier is required and
import also writes termsmith.yaml and templates/agreement.yaml, which list
every document without conditions. Import never overwrites: it refuses when
a file or document directory it would write exists, or when the store has
problems, and then writes nothing. Files are written to temporary names and
renamed; a failure removes what was written.

Exit status: 0 imported (lines to check are not a failure); 2 the input, a
flag or the store cannot be used.`,
		Example: `  termsmith import voorwaarden.txt --into ./terms --supplier "Norvato B.V."
  termsmith import voorwaarden.txt --into ./terms --supplier "Norvato B.V." \
      --doc "Algemene Leveringsvoorwaarden=terms" --doc "Bijlage 1=dpa"
  termsmith import addendum.md --into ./terms`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.file = a[0]
			return runImport(opts)
		},
	}
	cmd.Flags().StringVar(&opts.into, "into", "", "the store `DIR` to write into; required")
	cmd.Flags().StringArrayVar(&opts.docs, "doc", nil, "give a document an id: `LABEL=ID`, by its label (\"Bijlage 1\") or, without one, its title (repeatable)")
	cmd.Flags().StringVar(&opts.supplier, "supplier", "", "the supplier's legal `NAME`, for the termsmith.yaml of a new store")
	cmd.Flags().BoolVar(&opts.markdown, "markdown", false, "read FILE as Markdown whatever its name")
	return cmd
}

func runImport(opts *importOptions) error {
	if opts.into == "" {
		return unusable(errors.New("--into DIR is required"))
	}
	ids := map[string]string{}
	for _, d := range opts.docs {
		key, id, ok := strings.Cut(d, "=")
		key, id = strings.TrimSpace(key), strings.TrimSpace(id)
		if !ok || key == "" || id == "" {
			return unusable(fmt.Errorf("--doc %q: use LABEL=ID, such as \"Bijlage 1=dpa\"", d))
		}
		if prev, dup := ids[key]; dup && prev != id {
			return unusable(fmt.Errorf("--doc gives %q two ids: %s and %s", key, prev, id))
		}
		ids[key] = id
	}
	src, err := readInput(opts.file)
	if err != nil {
		return unusable(err)
	}
	iopts := importer.Options{Markdown: opts.markdown, DocIDs: ids, Taken: map[string]bool{}}
	newStore := false
	switch _, err := os.Stat(filepath.Join(opts.into, clauses.ConfigFile)); {
	case err == nil:
		st, err := checkStore(opts.into)
		if err != nil {
			return unusable(err)
		}
		for id := range st.Clauses {
			iopts.Taken[id] = true
		}
		for id := range st.Documents {
			iopts.Taken[id] = true
		}
		iopts.Default = st.Config.Numbering
	case errors.Is(err, fs.ErrNotExist):
		if opts.supplier == "" {
			return unusable(fmt.Errorf("%s is not a store: give --supplier NAME to create one there", opts.into))
		}
		newStore = true
	default:
		return unusable(err)
	}
	res, err := importer.Import(opts.file, src, iopts)
	if err != nil {
		return unusable(err)
	}
	files := res.Files()
	if newStore {
		files = append(files,
			importer.File{Path: clauses.ConfigFile, Data: res.Config(opts.supplier)},
			importer.File{Path: path.Join("templates", templates.DefaultTemplate+".yaml"), Data: res.Template()})
	}
	if err := checkTargets(opts.into, res, files); err != nil {
		return unusable(err)
	}
	if err := writeFiles(opts.into, files); err != nil {
		return err
	}
	for _, r := range res.Reports {
		fmt.Fprintf(opts.out, "%s:%d: %s\n", opts.file, r.Line, r.Msg)
	}
	clauseCount := 0
	for _, d := range res.Documents {
		clauseCount += len(d.Clauses)
	}
	fmt.Fprintf(opts.errOut, "imported %d documents, %d clauses into %s", len(res.Documents), clauseCount, opts.into)
	switch n := len(res.Reports); n {
	case 0:
	case 1:
		fmt.Fprint(opts.errOut, "; 1 line to check (listed on stdout)")
	default:
		fmt.Fprintf(opts.errOut, "; %d lines to check (listed on stdout)", n)
	}
	fmt.Fprintln(opts.errOut)
	if !newStore {
		fmt.Fprintln(opts.errOut, "add the new documents to a template under templates/ to use them")
	}
	return nil
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
	tmpls, err := templates.LoadTemplates(fsys)
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
	if _, err := templates.LoadCustomers(fsys); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return st, nil
}

func sortedIDs[V any](m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// checkTargets refuses to overwrite: no file the import writes may exist,
// nor any imported document's directory. Every target must stay inside dir
// and reach it through real directories, not symbolic links.
func checkTargets(dir string, res *importer.Result, files []importer.File) error {
	var errs []error
	for _, d := range res.Documents {
		p := filepath.Join(dir, "clauses", d.ID)
		if _, err := os.Lstat(p); err == nil {
			errs = append(errs, fmt.Errorf("%s exists: document %q is already in the store (choose another id with --doc)", p, d.ID))
		}
	}
	for _, f := range files {
		if !fs.ValidPath(f.Path) || strings.Contains(f.Path, "..") {
			errs = append(errs, fmt.Errorf("%q is not a path inside the store", f.Path))
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if _, err := os.Lstat(p); err == nil {
			errs = append(errs, fmt.Errorf("%s exists; import never overwrites", p))
		}
		// Every directory on the way must be a real one.
		for q := path.Dir(f.Path); q != "."; q = path.Dir(q) {
			if fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(q))); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
				errs = append(errs, fmt.Errorf("%s is a symbolic link; import writes only inside %s", filepath.Join(dir, q), dir))
			}
		}
	}
	return errors.Join(dedupe(errs)...)
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

// writeFiles writes each file to a temporary name beside it and renames it
// into place. When a write fails, the files and directories written so far
// are removed again, so the store is as it was.
func writeFiles(dir string, files []importer.File) (err error) {
	var written, made []string
	defer func() {
		if err == nil {
			return
		}
		for i := len(written) - 1; i >= 0; i-- {
			os.Remove(written[i])
		}
		for i := len(made) - 1; i >= 0; i-- {
			os.Remove(made[i])
		}
	}()
	mkdir := func(d string) error {
		var missing []string
		for p := d; ; p = filepath.Dir(p) {
			if _, err := os.Lstat(p); err == nil {
				break
			}
			missing = append(missing, p)
			if filepath.Dir(p) == p {
				break
			}
		}
		for i := len(missing) - 1; i >= 0; i-- {
			if err := os.Mkdir(missing[i], 0o755); err != nil {
				return err
			}
			made = append(made, missing[i])
		}
		return nil
	}
	for _, f := range files {
		target := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := mkdir(filepath.Dir(target)); err != nil {
			return err
		}
		tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-")
		if err != nil {
			return err
		}
		_, werr := tmp.Write(f.Data)
		cerr := tmp.Close()
		if err := errors.Join(werr, cerr); err != nil {
			os.Remove(tmp.Name())
			return err
		}
		if err := os.Chmod(tmp.Name(), 0o644); err != nil {
			os.Remove(tmp.Name())
			return err
		}
		if err := os.Rename(tmp.Name(), target); err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("writing %s: %w", target, err)
		}
		written = append(written, target)
	}
	return nil
}
