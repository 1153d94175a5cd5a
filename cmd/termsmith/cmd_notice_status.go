package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/termsmith/termsmith/diff/notice"
	"github.com/termsmith/termsmith/store"
	"github.com/termsmith/termsmith/store/terms"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/ledger"
	"github.com/termsmith/termsmith/templates"
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

// noticeStatus is one customer's line of notice status; the JSON field
// names are documented in the command's help and do not change.
type noticeStatus struct {
	Customer  string `json:"customer"`
	Status    string `json:"status"`
	Changes   int    `json:"changes"`
	When      string `json:"when,omitempty"`
	Recipient string `json:"recipient,omitempty"`
	MessageID string `json:"message_id,omitempty"`
	Reply     string `json:"reply,omitempty"`
	Deadline  string `json:"deadline,omitempty"`
	InTime    bool   `json:"in_time"`
	Error     string `json:"error,omitempty"`
}

// notSent is the status of a customer with changes and no record.
const notSent = "not sent"

func runNoticeStatus(opts *noticeStatusOptions) error {
	st := opts.store()
	if _, err := st.Repo(); err != nil {
		return err
	}
	cfg, err := st.Config()
	if err != nil {
		return err
	}
	old, err := st.Resolve(opts.from)
	if err != nil {
		return err
	}
	new, err := st.Resolve(opts.to)
	if err != nil {
		return err
	}
	if !old.Effective.Before(new.Effective) {
		return unusable(fmt.Errorf("version %s does not take effect before version %s: give the older version first", old.Version, new.Version))
	}
	led, err := openLedger(st.Dir(), cfg)
	if err != nil {
		return err
	}
	records, err := led.All(old.Version, new.Version)
	if err != nil {
		return err
	}
	today := st.Today()
	lastDay := notice.PolicyOf(old.Store.Config, new.Store.Config).LastDay(new.Effective)
	open := !today.After(lastDay)

	list, failures := st.Customers()
	custs := map[string]*templates.Customer{}
	ids := []string{}
	for _, c := range list {
		custs[c.ID] = c
		ids = append(ids, c.ID)
	}
	for id := range records {
		if custs[id] == nil {
			ids = append(ids, id) // a customer removed since: the record still counts
		}
	}
	sort.Strings(ids)
	rows := make([]noticeStatus, len(ids))
	forEach(len(ids), runtime.NumCPU(), newProgress(opts.errOut, "status", len(ids), false), func(i int) {
		rows[i] = customerStatus(old, new, custs[ids[i]], ids[i], records[ids[i]], today, open)
	})
	overdue := 0
	for _, r := range rows {
		if r.Status != ledger.Sent && r.Status != "no changes" && !r.InTime {
			overdue++
		}
	}

	if opts.json {
		out, err := json.MarshalIndent(struct {
			From           string         `json:"from"`
			To             string         `json:"to"`
			Effective      string         `json:"effective"`
			Today          string         `json:"today"`
			LastNoticeDate string         `json:"last_notice_date"`
			Customers      []noticeStatus `json:"customers"`
		}{old.Version, new.Version, new.Effective.Format(time.DateOnly), today.Format(time.DateOnly), lastDay.Format(time.DateOnly), rows}, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(opts.out, "%s\n", out)
	} else {
		tw := tabwriter.NewWriter(opts.out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "CUSTOMER\tSTATUS\tWHEN (UTC)\tADDRESS\tDEADLINE\tIN TIME")
		for _, r := range rows {
			inTime := "-"
			switch {
			case r.Status == ledger.Sent || r.Status == "no changes":
			case r.InTime:
				inTime = "yes, until " + lastDay.Format(time.DateOnly)
			default:
				inTime = "no: the last day was " + lastDay.Format(time.DateOnly)
			}
			status := r.Status
			if r.Error != "" {
				status += ": " + strings.SplitN(r.Error, "\n", 2)[0]
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Customer, status, dash(r.When), dash(r.Recipient), dash(r.Deadline), inTime)
		}
		tw.Flush()
	}
	fmt.Fprintf(opts.errOut, "notice %s → %s, effective %s: last day to give notice %s\n", old.Version, new.Version, new.Effective.Format(time.DateOnly), lastDay.Format(time.DateOnly))
	if len(failures) > 0 {
		fmt.Fprintln(opts.errOut, "customers that do not load:\n  "+strings.Join(failures, "\n  "))
	}
	if overdue > 0 {
		return fmt.Errorf("%d customer(s) have not been sent a notice and the last day to give notice, %s, has passed", overdue, lastDay.Format(time.DateOnly))
	}
	if len(failures) > 0 {
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

// customerStatus is one customer's status: from the ledger when it has a
// record, else from the customer's changes.
func customerStatus(old, new *terms.Content, c *templates.Customer, id string, rec *ledger.Record, today time.Time, open bool) noticeStatus {
	s := noticeStatus{Customer: id, InTime: open}
	if c != nil {
		r, err := store.Compare(old, new, c, today)
		if err != nil {
			s.Status, s.Error = "error", err.Error()
			return s
		}
		s.Changes = len(r.Changes)
		if !r.Deadline.IsZero() {
			s.Deadline = r.Deadline.Format(time.DateOnly)
		}
	}
	switch {
	case rec != nil:
		s.Status = rec.Status()
		a := rec.Sent()
		if a == nil {
			a = rec.Last()
		}
		s.When = a.Started.Format(time.RFC3339)
		if !a.Finished.IsZero() {
			s.When = a.Finished.Format(time.RFC3339)
		}
		s.Recipient, s.MessageID, s.Reply = a.Recipient, a.MessageID, a.Reply
		if s.Status == ledger.Sent {
			s.Deadline, s.InTime = a.Deadline, true
		}
	case c == nil:
		s.Status = "error"
		s.Error = errors.New("no customer file").Error()
	case s.Changes == 0:
		s.Status, s.Deadline, s.InTime = "no changes", "", true
	default:
		s.Status = notSent
		s.Recipient = c.Contact.Email
	}
	return s
}
