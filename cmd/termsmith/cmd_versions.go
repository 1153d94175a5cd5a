package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/versions"
)

type versionsOptions struct {
	*globalOptions
	json bool
	at   string
}

func newVersionsCmd(g *globalOptions) *cobra.Command {
	opts := &versionsOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "versions",
		Short: "List the published versions and the one in force",
		Long: `List every published version, by effective date, with its status on a
date (default today): "in force", "superseded" (an earlier version) or
"scheduled" (not yet in force).

--json prints an array of objects with the fields id, effective,
notice_date (YYYY-MM-DD), published (RFC 3339), author {name, email},
message, content_hash, commit, tag and status.`,
		Example: `  termsmith versions
  termsmith versions --at 2026-03-01
  termsmith versions --json | jq -r '.[] | select(.status == "in force") | .id'`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return runVersions(opts) },
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print JSON")
	cmd.Flags().StringVar(&opts.at, "at", "", "the `DATE` (YYYY-MM-DD) to report the status on (default today)")
	return cmd
}

func runVersions(opts *versionsOptions) error {
	date := clock()
	if opts.at != "" {
		d, err := versions.ParseDate(opts.at)
		if err != nil {
			return unusable(fmt.Errorf("--at: %w", err))
		}
		date = d
	}
	list, inForce, err := opts.store().Versions(date)
	if err != nil {
		return err
	}
	if opts.json {
		return printJSON(opts.out, list, true)
	}
	if len(list) == 0 {
		fmt.Fprintln(opts.errOut, "no version has been published yet")
		return nil
	}
	tw := tabwriter.NewWriter(opts.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tEFFECTIVE\tNOTICE\tPUBLISHED\tAUTHOR\tSTATUS")
	for _, v := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", v.ID, v.Effective, v.NoticeDate, v.Published, v.Author.Name, v.Status)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if inForce == "" {
		fmt.Fprintf(opts.errOut, "no version is in force on %s\n", dateString(versions.Day(date)))
	}
	return nil
}
