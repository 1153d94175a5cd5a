package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/store"
	"github.com/termsmith/termsmith/versions"
)

type showOptions struct {
	*globalOptions
	version string
	id      string
}

func newShowCmd(g *globalOptions) *cobra.Command {
	opts := &showOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "show VERSION [ID]",
		Short: "Print a published version, or one clause of it, from git",
		Long: `Show prints published version VERSION as it was frozen, read straight from
git objects (the working tree is not touched): without ID, the version's
record and its documents with their clauses in order; with ID, the source of
the clause (or labelled sub-clause's clause) with that id, the document.yaml
of the document with that id, or the file at that path. VERSION may also be
a draft: a git revision (branch, commit) or "worktree".`,
		Example: `  termsmith show 2026-01-01
  termsmith show 2026-01-01 aansprakelijkheid
  termsmith show 2026-01-01 templates/agreement.yaml`,
		Args: args(cobra.RangeArgs(1, 2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.version = a[0]
			if len(a) == 2 {
				opts.id = a[1]
			}
			return runShow(opts)
		},
	}
	return cmd
}

// runShow prints to opts.out with control and invisible characters shown
// as \u{XXXX} (clauses.Visible): what a terminal shows is what the
// version holds, and no file can send the terminal commands.
func runShow(opts *showOptions) error {
	var buf bytes.Buffer
	err := show(opts, &buf)
	if _, werr := io.WriteString(opts.out, clauses.Visible(buf.String())); err == nil {
		err = werr
	}
	return err
}

// show writes what runShow prints to out, as the version holds it.
func show(opts *showOptions, out io.Writer) error {
	v, fsys, err := opts.store().Published(opts.version)
	if err != nil {
		return err
	}
	if opts.id != "" {
		data, err := store.SourceOf(v, fsys, opts.id)
		if err == nil {
			_, err = out.Write(data)
		}
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	if v.Draft {
		fmt.Fprintf(tw, "draft\t%s (not a published version)\n", opts.version)
		if v.Commit != "" {
			fmt.Fprintf(tw, "commit\t%s\n", v.Commit)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		return showContents(out, v, fsys)
	}
	fmt.Fprintf(tw, "version\t%s\n", v.ID)
	fmt.Fprintf(tw, "effective\t%s\n", dateString(v.Effective))
	fmt.Fprintf(tw, "notice date\t%s\n", dateString(v.NoticeDate))
	fmt.Fprintf(tw, "published\t%s\n", v.Published.Format(time.RFC3339))
	fmt.Fprintf(tw, "author\t%s <%s>\n", v.Author.Name, v.Author.Email)
	fmt.Fprintf(tw, "commit\t%s\n", v.Commit)
	fmt.Fprintf(tw, "content\t%s\n", v.ContentHash)
	if v.Message != "" {
		fmt.Fprintf(tw, "message\t%s\n", strings.ReplaceAll(v.Message, "\n", "\n\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return showContents(out, v, fsys)
}

// showContents lists the documents, clauses and templates of fsys.
func showContents(out io.Writer, v *versions.Version, fsys fs.FS) error {
	o, err := store.OutlineOf(v, fsys)
	if err != nil {
		return err
	}
	for _, d := range o.Documents {
		fmt.Fprintf(out, "\ndocument %s: %s\n", d.ID, d.Title)
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		for _, c := range d.Clauses {
			fmt.Fprintf(tw, "  %s\t%s\n", c.ID, c.Title)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(o.Templates) > 0 {
		fmt.Fprintf(out, "\ntemplates: %s\n", strings.Join(o.Templates, ", "))
	}
	return nil
}
