package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/internal/output"
	"github.com/termsmith/termsmith/lint"
	"github.com/termsmith/termsmith/store"
	"github.com/termsmith/termsmith/versions"
)

type demoOptions struct {
	*globalOptions
	outDir   string
	examples []string
	keep     bool
}

func newDemoCmd(g *globalOptions) *cobra.Command {
	opts := &demoOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run termsmith's main jobs on the built-in examples",
		Long: `Demo builds each built-in example store, with its published versions, in a
temporary directory and runs the main jobs on it, writing the results under
-o DIR (default ./out), one directory per example:

  lint-<first version>.txt       the drafting defects lint finds in the imported terms
  <customer>/<version>/agreement.pdf   every customer's agreement, for every version
  <customer>/offer-<number>.pdf  every customer's offer, with the terms attached
  diff-<from>-<to>.txt           the changes between the first and the last version
  <customer>/notice-<from>-<to>.{pdf,eml,json}   every customer's change notice,
                                 dated the last version's notice date

Everything is derived from the examples' data, so two runs give the same
files. Standard output lists what was written, per example and by kind
(lint reports, agreements, offers, redlines, notices), with the summary
of the lint report; the example stores live in a temporary directory
that is removed at the end, unless --keep.`,
		Example: `  termsmith demo
  termsmith demo -o /tmp/demo --example tracksavers`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, a []string) error { return runDemo(opts) },
	}
	cmd.Flags().StringVarP(&opts.outDir, "output", "o", "out", "write the results under `DIR`")
	cmd.Flags().StringSliceVar(&opts.examples, "example", examples.Names(), "the examples to run (`NAME`s)")
	cmd.Flags().BoolVar(&opts.keep, "keep", false, "keep the example stores (under DIR/stores) instead of a temporary directory")
	return cmd
}

func runDemo(opts *demoOptions) error {
	for _, name := range opts.examples {
		if _, err := examples.Store(name); err != nil {
			return unusable(fmt.Errorf("unknown example %q (known: %s)", name, strings.Join(examples.Names(), ", ")))
		}
	}
	stores := filepath.Join(opts.outDir, "stores")
	if !opts.keep {
		tmp, err := os.MkdirTemp("", "termsmith-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		stores = tmp
	}
	n := 0
	for _, name := range opts.examples {
		w, err := demoExample(opts, name, filepath.Join(stores, name), filepath.Join(opts.outDir, name))
		if err != nil {
			return fmt.Errorf("example %s: %w", name, err)
		}
		n += w.print(opts.out, name)
	}
	fmt.Fprintf(opts.errOut, "demo: wrote %d files under %s\n", n, opts.outDir)
	return nil
}

// demoKinds are the kinds of file demo writes, in the order it lists them.
var demoKinds = []string{"lint reports", "agreements", "offers", "redlines", "notices"}

// demoWritten is what demo wrote for one example, by kind; lint is the
// summary of the lint report.
type demoWritten struct {
	files map[string][]string
	lint  string
	store string // the example store, when it is kept
}

// collect records the paths a command printed on standard output, one a
// line, as files of kind.
func (w *demoWritten) collect(kind string, out *bytes.Buffer) {
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if line != "" {
			w.files[kind] = append(w.files[kind], line)
		}
	}
	out.Reset()
}

// print lists the files on w, grouped by kind, and returns their number.
func (w *demoWritten) print(out io.Writer, name string) int {
	n := 0
	fmt.Fprintf(out, "%s:\n", name)
	if w.store != "" {
		fmt.Fprintf(out, "  store: %s\n", w.store)
	}
	for _, kind := range demoKinds {
		files := w.files[kind]
		sort.Strings(files)
		fmt.Fprintf(out, "  %s (%d):\n", kind, len(files))
		n += len(files)
		for _, f := range files {
			if kind == "lint reports" {
				f += ": " + w.lint
			}
			fmt.Fprintf(out, "    %s\n", f)
		}
	}
	return n
}

// demoExample runs the main jobs on one example, through the same run
// functions the commands use, and returns the files they wrote (the paths
// each prints on standard output).
func demoExample(opts *demoOptions, name, storeDir, out string) (*demoWritten, error) {
	w := &demoWritten{files: map[string][]string{}}
	if err := store.Create(storeDir, name, clock(), io.Discard); err != nil {
		return nil, err
	}
	if opts.keep {
		w.store = storeDir
	}
	var buf bytes.Buffer
	g := &globalOptions{storeDir: storeDir, out: &buf, errOut: io.Discard}
	st := g.store()
	repo, err := st.Repo()
	if err != nil {
		return nil, err
	}
	list, err := repo.List()
	if err != nil {
		return nil, err
	}
	first, last := list[0], list[len(list)-1]

	// Lint the first version: the defects of the imported document.
	fsys, err := repo.VersionFS(first)
	if err != nil {
		return nil, err
	}
	rep, err := lint.Run(fsys)
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	for _, f := range rep.Findings {
		sb.WriteString(f.String() + "\n")
	}
	w.lint = fmt.Sprintf("%d findings: %d errors, %d warnings", len(rep.Findings), rep.Errors(), rep.Warnings())
	sb.WriteString(w.lint + "\n")
	lintFile := filepath.Join(out, "lint-"+first.ID+".txt")
	if err := output.New(out).WriteFile(lintFile, []byte(sb.String())); err != nil {
		return nil, err
	}
	w.files["lint reports"] = []string{lintFile}

	for _, v := range list {
		ro := &renderOptions{globalOptions: g, all: true, sel: store.Selector{Version: v.ID}, format: "pdf", outDir: out, jobs: runtime.NumCPU()}
		if err := runRender(ro); err != nil {
			return nil, err
		}
		w.collect("agreements", &buf)
	}
	customers, _ := st.Customers()
	for _, c := range customers {
		if err := runOffer(&offerOptions{globalOptions: g, customer: c.ID, attachTerms: true, outDir: out}); err != nil {
			return nil, err
		}
		w.collect("offers", &buf)
	}
	redline := filepath.Join(out, fmt.Sprintf("diff-%s-%s.txt", first.ID, last.ID))
	if err := runDiff(&diffOptions{globalOptions: g, from: first.ID, to: last.ID, format: "text", output: redline}); err != nil {
		return nil, err
	}
	w.files["redlines"] = []string{redline}
	no := &noticeOptions{globalOptions: g, from: first.ID, to: last.ID, all: true,
		date: last.NoticeDate.Format(versions.DateLayout), outDir: out, jobs: runtime.NumCPU()}
	if err := runNotice(no); err != nil {
		return nil, err
	}
	w.collect("notices", &buf)
	return w, nil
}
