package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/importer"
	"github.com/termsmith/termsmith/store"
)

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
	req := store.ImportRequest{File: opts.file, Into: opts.into, Markdown: opts.markdown, Supplier: opts.supplier, As: opts.as, DocIDs: map[string]string{}}
	for _, d := range opts.docs {
		key, id, ok := strings.Cut(d, "=")
		key, id = strings.TrimSpace(key), strings.TrimSpace(id)
		if !ok || key == "" || id == "" {
			return unusable(fmt.Errorf("--doc %q: use LABEL=ID, such as \"Bijlage 1=dpa\"", d))
		}
		if prev, dup := req.DocIDs[key]; dup && prev != id {
			return unusable(fmt.Errorf("--doc gives %q two ids: %s and %s", key, prev, id))
		}
		req.DocIDs[key] = id
	}
	var err error
	if req.Matches, err = parseMatches(opts.matches); err != nil {
		return unusable(err)
	}
	res, err := store.Import(req)
	if err != nil {
		return err
	}
	for _, r := range res.Reports {
		fmt.Fprintf(opts.out, "%s:%d: %s\n", opts.file, r.Line, r.Msg)
	}
	if res.Reimport {
		printMapping(opts, res)
		return nil
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
	if !res.NewStore {
		fmt.Fprintln(opts.errOut, "add the new documents to a template under templates/ to use them")
	}
	return nil
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

// printMapping prints a re-import's mapping of new clauses to existing
// ones, and the matches to confirm.
func printMapping(opts *importOptions, res *store.Imported) {
	for _, m := range res.Mapping {
		fmt.Fprintln(opts.out, m.String())
	}
	if low := importer.Unsure(res.Mapping); len(low) > 0 {
		fmt.Fprintf(opts.out, "to confirm (confidence below %.2f); correct with --match \"TITLE=ID\" or --match \"TITLE=new\":\n", importer.Confirm)
		for _, m := range low {
			fmt.Fprintf(opts.out, "  %q continues %s %q? (%.2f)\n", m.NewTitle, m.Old, m.OldTitle, m.Confidence)
		}
	}
	count := importer.Count(res.Mapping)
	fmt.Fprintf(opts.errOut, "re-imported %s into %s: %d kept, %d renamed, %d moved, %d added, %d removed; review with git diff, then publish\n",
		res.Documents[0].ID, opts.into, count[importer.Kept], count[importer.Renamed], count[importer.Moved], count[importer.Added], count[importer.Removed])
}
