package main

import (
	"fmt"
	"github.com/termsmith/termsmith/internal/output"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/lint"
	"github.com/termsmith/termsmith/templates"
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
files.`,
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
	for _, name := range opts.examples {
		if err := demoExample(opts, name, filepath.Join(stores, name), filepath.Join(opts.outDir, name)); err != nil {
			return fmt.Errorf("example %s: %w", name, err)
		}
	}
	fmt.Fprintf(opts.errOut, "demo: results in %s\n", opts.outDir)
	return nil
}

// demoExample runs the main jobs on one example, through the same run
// functions the commands use.
func demoExample(opts *demoOptions, name, storeDir, out string) error {
	g := &globalOptions{storeDir: storeDir, out: opts.out, errOut: opts.errOut}
	quiet := &globalOptions{storeDir: storeDir, out: io.Discard, errOut: opts.errOut}
	if err := runInit(&initOptions{globalOptions: g, dir: storeDir, example: name}); err != nil {
		return err
	}
	repo, err := versions.Open(storeDir)
	if err != nil {
		return err
	}
	list, err := repo.List()
	if err != nil {
		return err
	}
	first, last := list[0], list[len(list)-1]

	// Lint the first version: the defects of the imported document.
	fsys, err := repo.FS(first.ID)
	if err != nil {
		return err
	}
	rep, err := lint.Run(fsys)
	if err != nil {
		return err
	}
	var sb strings.Builder
	for _, f := range rep.Findings {
		sb.WriteString(f.String() + "\n")
	}
	fmt.Fprintf(&sb, "%d findings: %d errors, %d warnings\n", len(rep.Findings), rep.Errors(), rep.Warnings())
	if err := writeDemoFile(filepath.Join(out, "lint-"+first.ID+".txt"), sb.String()); err != nil {
		return err
	}

	for _, v := range list {
		ro := &renderOptions{globalOptions: quiet, all: true, contentFlags: contentFlags{version: v.ID}, format: "pdf", outDir: out, jobs: runtime.NumCPU()}
		if err := runRender(ro); err != nil {
			return err
		}
	}
	customers, err := templates.LoadCustomers(os.DirFS(storeDir))
	if err != nil {
		return err
	}
	for _, c := range slices.Sorted(maps.Keys(customers)) {
		oo := &offerOptions{globalOptions: quiet, customer: c, attachTerms: true, outDir: out}
		if err := runOffer(oo); err != nil {
			return err
		}
	}
	do := &diffOptions{globalOptions: quiet, from: first.ID, to: last.ID, format: "text",
		output: filepath.Join(out, fmt.Sprintf("diff-%s-%s.txt", first.ID, last.ID))}
	if err := runDiff(do); err != nil {
		return err
	}
	no := &noticeOptions{globalOptions: quiet, from: first.ID, to: last.ID, all: true,
		date: last.NoticeDate.Format(versions.DateLayout), outDir: out, jobs: runtime.NumCPU()}
	return runNotice(no)
}

func writeDemoFile(name, text string) error {
	return output.New(filepath.Dir(name)).WriteFile(name, []byte(text))
}
