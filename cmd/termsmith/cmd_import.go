package main

import (
	"errors"
	"fmt"
	"github.com/termsmith/termsmith/internal/output"
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
	as       string
	matches  []string
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

Re-import: with --as DOC, where the store already has document DOC, FILE is
read as a new version of it. Its clauses are matched to the existing ones —
by title without number or letter, then by content and place — so that ids
survive reordering, renamed headings, shifted section letters and re-sorted
definitions; new clauses get new ids, and the files of vanished ones are
removed. The working tree is updated (review it with git diff, then
publish) and a mapping is printed: kept, renamed, moved, added, removed, with
a confidence; matches below 0.60 are listed to confirm. Correct a match with
--match "NEW TITLE=existing-id", or --match "NEW TITLE=new" for a new clause.

Exit status: 0 imported (lines to check are not a failure); 2 the input, a
flag or the store cannot be used.`,
		Example: `  termsmith import voorwaarden.txt --into ./terms --supplier "Norvato B.V."
  termsmith import voorwaarden.txt --into ./terms --supplier "Norvato B.V." \
      --doc "Algemene Leveringsvoorwaarden=terms" --doc "Bijlage 1=dpa"
  termsmith import addendum.md --into ./terms
  termsmith import terms-2027.md --into ./terms --as terms
  termsmith import terms-2027.md --into ./terms --as terms --match "Expert Services=professional-services"`,
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
	cmd.Flags().StringVar(&opts.as, "as", "", "the document `ID` FILE is; when the store has it, FILE is its new version (re-import)")
	cmd.Flags().StringArrayVar(&opts.matches, "match", nil, "re-import: `TITLE=ID` continues existing clause ID, TITLE=new makes a new clause (repeatable)")
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
	if iopts.Overrides, err = parseMatches(opts.matches); err != nil {
		return unusable(err)
	}
	if opts.as != "" && !clauses.ValidID(opts.as) {
		return unusable(fmt.Errorf("--as %q: use lower-case letters, digits and hyphens", opts.as))
	}
	newStore := false
	var st *clauses.Store
	switch _, err := os.Stat(filepath.Join(opts.into, clauses.ConfigFile)); {
	case err == nil:
		if st, err = checkStore(opts.into); err != nil {
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
	reimport := st != nil && opts.as != "" && st.Documents[opts.as] != nil
	if opts.as != "" {
		iopts.Existing = &importer.Existing{Doc: opts.as}
		if reimport {
			for _, id := range st.Documents[opts.as].Clauses {
				iopts.Existing.Clauses = append(iopts.Existing.Clauses, st.Clauses[id])
			}
		}
	}
	if !reimport && len(iopts.Overrides) > 0 {
		return unusable(errors.New("--match corrects a re-import: give --as with a document the store has"))
	}
	res, err := importer.Import(opts.file, src, iopts)
	if err != nil {
		return unusable(err)
	}
	if reimport {
		return finishReimport(opts, st, res)
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
		if err := output.New(dir).Check(p); err != nil {
			errs = append(errs, err)
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

// writeFiles writes the files into the store all or nothing.
func writeFiles(dir string, files []importer.File) error {
	out := output.New(dir)
	list := make([]output.File, len(files))
	for i, f := range files {
		if !output.SlashPath(f.Path) {
			return fmt.Errorf("%q is not a path inside the store", f.Path)
		}
		list[i] = output.File{Path: out.Join(f.Path), Data: f.Data}
	}
	return out.WriteAll(list)
}

// parseMatches reads the --match overrides: TITLE=ID, or TITLE=new.
func parseMatches(list []string) (map[string]string, error) {
	if len(list) == 0 {
		return nil, nil
	}
	out := map[string]string{}
	for _, m := range list {
		title, id, ok := strings.Cut(m, "=")
		title, id = strings.TrimSpace(title), strings.TrimSpace(id)
		if !ok || title == "" || id == "" {
			return nil, fmt.Errorf("--match %q: use TITLE=ID or TITLE=new", m)
		}
		if id == "new" {
			id = ""
		} else if !clauses.ValidID(id) {
			return nil, fmt.Errorf("--match %q: %q is not an id", m, id)
		}
		out[title] = id
	}
	return out, nil
}

// finishReimport writes a re-imported document over the existing one —
// every file staged first, then renamed into place, then the files of
// removed clauses deleted — and prints the mapping.
func finishReimport(opts *importOptions, st *clauses.Store, res *importer.Result) error {
	d := res.Documents[0]
	files := res.Files()
	keep := map[string]bool{}
	for _, f := range files {
		keep[f.Path] = true
		p := filepath.Join(opts.into, filepath.FromSlash(f.Path))
		if fi, err := os.Lstat(p); err == nil && !fi.Mode().IsRegular() {
			return unusable(fmt.Errorf("%s is not a regular file; re-import replaces only clause files", p))
		}
	}
	// A clause file of the document that the new version no longer has.
	var remove []string
	for _, id := range st.Documents[d.ID].Clauses {
		if c := st.Clauses[id]; c != nil && !keep[c.File] {
			remove = append(remove, filepath.Join(opts.into, filepath.FromSlash(c.File)))
		}
	}
	if err := writeFiles(opts.into, files); err != nil {
		return err
	}
	if err := output.New(opts.into).Remove(remove...); err != nil {
		return err
	}
	for _, r := range res.Reports {
		fmt.Fprintf(opts.out, "%s:%d: %s\n", opts.file, r.Line, r.Msg)
	}
	var low []importer.Match
	for _, m := range res.Mapping {
		fmt.Fprintln(opts.out, m.String())
		if m.Confidence < importer.Confirm && !m.Override {
			low = append(low, m)
		}
	}
	if len(low) > 0 {
		fmt.Fprintf(opts.out, "to confirm (confidence below %.2f); correct with --match \"TITLE=ID\" or --match \"TITLE=new\":\n", importer.Confirm)
		for _, m := range low {
			fmt.Fprintf(opts.out, "  %q continues %s %q? (%.2f)\n", m.NewTitle, m.Old, m.OldTitle, m.Confidence)
		}
	}
	count := map[importer.MatchKind]int{}
	for _, m := range res.Mapping {
		count[m.Kind]++
	}
	fmt.Fprintf(opts.errOut, "re-imported %s into %s: %d kept, %d renamed, %d moved, %d added, %d removed; review with git diff, then publish\n",
		d.ID, opts.into, count[importer.Kept], count[importer.Renamed], count[importer.Moved], count[importer.Added], count[importer.Removed])
	return nil
}
