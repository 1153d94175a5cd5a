package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

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

// versionJSON is the --json form of a version: the documented field list.
type versionJSON struct {
	ID          string     `json:"id"`
	Effective   string     `json:"effective"`
	NoticeDate  string     `json:"notice_date"`
	Published   string     `json:"published"`
	Author      personJSON `json:"author"`
	Message     string     `json:"message"`
	ContentHash string     `json:"content_hash"`
	Commit      string     `json:"commit"`
	Tag         string     `json:"tag"`
	Status      string     `json:"status"`
}

type personJSON struct {
	Name  string `json:"name"`
	Email string `json:"email"`
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
	repo, err := opts.store().Repo()
	if err != nil {
		return err
	}
	list, err := repo.List()
	if err != nil {
		return err
	}
	inForce := ""
	if v, err := repo.InForce(date); err == nil {
		inForce = v.ID
	}
	status := func(v *versions.Version) string {
		switch {
		case v.ID == inForce:
			return "in force"
		case v.Effective.After(versions.Day(date)):
			return "scheduled"
		default:
			return "superseded"
		}
	}
	if opts.json {
		out := make([]versionJSON, len(list))
		for i, v := range list {
			out[i] = versionJSON{
				ID: v.ID, Effective: dateString(v.Effective), NoticeDate: dateString(v.NoticeDate),
				Published: v.Published.Format(time.RFC3339), Author: personJSON{v.Author.Name, v.Author.Email},
				Message: v.Message, ContentHash: v.ContentHash, Commit: v.Commit, Tag: v.Tag, Status: status(v),
			}
		}
		enc := json.NewEncoder(opts.out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(list) == 0 {
		fmt.Fprintln(opts.errOut, "no version has been published yet")
		return nil
	}
	tw := tabwriter.NewWriter(opts.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tEFFECTIVE\tNOTICE\tPUBLISHED\tAUTHOR\tSTATUS")
	for _, v := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", v.ID, dateString(v.Effective), dateString(v.NoticeDate),
			v.Published.Format(time.RFC3339), v.Author.Name, status(v))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if inForce == "" {
		fmt.Fprintf(opts.errOut, "no version is in force on %s\n", dateString(versions.Day(date)))
	}
	return nil
}
