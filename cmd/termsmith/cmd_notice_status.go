package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/internal/buildinfo"
	"github.com/termsmith/termsmith/ledger"
	"github.com/termsmith/termsmith/store"
)

type noticeStatusOptions struct {
	*globalOptions
	from, to string
	json     bool
}

func newNoticeStatusCmd(g *globalOptions) *cobra.Command {
	opts := &noticeStatusOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "status FROM TO [--json]",
		Short: "Show per customer whether the change notice was sent, from the proof-of-notice ledger",
		Long: `Status prints, for every customer of the working tree, what the
proof-of-notice ledger (see termsmith notice send) records of the notice
from published version FROM to TO:

  sent        the server accepted it: when (UTC), to which address, with
              which Message-ID and reply, and the objection deadline the
              letter gave
  failed      the last attempt was refused or never reached the server
  unknown     an attempt was handed to the server but no reply was
              recorded: check the server's logs, then send --resend C
  not sent    no attempt yet
  no changes  the customer's agreement does not change: no notice is due

and whether a notice not yet sent can still be given in time: TO takes
effect on its effective date, and a notice must be given the notice period
before it, so the last day to send is the effective date minus the period.
For a customer not yet sent, the deadline shown is the one a notice sent
today would give.

--json prints one object: from, to, effective, today, last_notice_date
and customers, an array of {customer, status, changes, when, recipient,
message_id, reply, deadline, in_time, error}.

termsmith notice proof checks the messages send kept against the ledger.

Exit status: 1 when a customer that needs a notice has not been sent one
(failed, unknown or not sent) and the last day to give notice has passed;
0 otherwise; 2 for unusable input.`,
		Example: `  termsmith notice status 2026-01-01 2026-07-01
  termsmith notice status 2026-01-01 2026-07-01 --json | jq '.customers[] | select(.status != "sent")'`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.from, opts.to = a[0], a[1]
			return runNoticeStatus(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print JSON")
	return cmd
}

func runNoticeStatus(opts *noticeStatusOptions) error {
	n, err := opts.store().NoticeStatus(opts.from, opts.to)
	if err != nil {
		return err
	}
	lastDay := n.LastDay.Format(time.DateOnly)
	if opts.json {
		err := printJSON(opts.out, struct {
			Generator      string                 `json:"generator"`
			From           string                 `json:"from"`
			To             string                 `json:"to"`
			Effective      string                 `json:"effective"`
			Today          string                 `json:"today"`
			LastNoticeDate string                 `json:"last_notice_date"`
			Customers      []store.CustomerStatus `json:"customers"`
		}{buildinfo.String(), n.Old.Version, n.New.Version, n.New.Effective.Format(time.DateOnly), n.Today.Format(time.DateOnly), lastDay, n.Customers}, true)
		if err != nil {
			return err
		}
	} else {
		tw := tabwriter.NewWriter(opts.out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "CUSTOMER\tSTATUS\tWHEN (UTC)\tADDRESS\tDEADLINE\tIN TIME")
		for _, r := range n.Customers {
			inTime := "-"
			switch {
			case r.Status == ledger.Sent || r.Status == store.NoChanges:
			case r.InTime:
				inTime = "yes, until " + lastDay
			default:
				inTime = "no: the last day was " + lastDay
			}
			status := r.Status
			if r.Error != "" {
				status += ": " + strings.SplitN(r.Error, "\n", 2)[0]
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Customer, status, dash(r.When), dash(r.Recipient), dash(r.Deadline), inTime)
		}
		tw.Flush()
	}
	fmt.Fprintf(opts.errOut, "notice %s → %s, effective %s: last day to give notice %s\n", n.Old.Version, n.New.Version, n.New.Effective.Format(time.DateOnly), lastDay)
	if len(n.Failures) > 0 {
		fmt.Fprintln(opts.errOut, "customers that do not load:\n  "+strings.Join(n.Failures, "\n  "))
	}
	if overdue := n.Overdue(); overdue > 0 {
		return fmt.Errorf("%d customer(s) have not been sent a notice and the last day to give notice, %s, has passed", overdue, lastDay)
	}
	if len(n.Failures) > 0 {
		return errSilent
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
