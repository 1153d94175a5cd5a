package main

import (
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/internal/buildinfo"
	"github.com/termsmith/termsmith/ledger"
	"github.com/termsmith/termsmith/store"
)

type noticeProofOptions struct {
	*globalOptions
	from, to, customer string
	all                bool
	dir                string
	json               bool
}

func newNoticeProofCmd(g *globalOptions) *cobra.Command {
	opts := &noticeProofOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "proof FROM TO (CUSTOMER | --all) [-o DIR] [--json]",
		Short: "Show the proof that a customer was sent the change notice: the ledger's record and the kept message",
		Long: `Proof prints what the store holds to prove that customer CUSTOMER was sent
the change notice from published version FROM to TO: the proof-of-notice
ledger's record of it (status, when the server accepted it, from and to
which address, the Message-ID, the server's reply, the objection deadline
the letter gave, the SHA-256 of the message and of each attachment) and
whether the copy notice send kept of the message, in
DIR/<customer>/notice-FROM-TO.<UTC time>.eml, is the message the ledger
recorded: its exact bytes, its From, To, Message-ID and Date, and each
attachment decoded.

--json prints one object: customer, from, to, attempts, the deciding
attempt as the ledger records it (attempt), copy, checks (an array of
{what, ok, detail}) and proven.

With --all, every customer the ledger has a record of is checked the same
way and listed, one line each: the status, when it was sent, to which
address, and "proven", or what is missing; --json prints an array of the
objects above.

Exit status: 0 when the notice was sent and the kept copy matches the
ledger in every check (with --all: for every customer listed); 1 when it
was not sent, or the copy is missing or differs; 2 when the ledger has no
notice for the customer, or for unusable input.`,
		Example: `  termsmith notice proof 2026-01-01 2026-07-01 zorggroep-de-linde
  termsmith notice proof 2026-01-01 2026-07-01 zorggroep-de-linde -o /archive/notices --json
  termsmith notice proof 2026-01-01 2026-07-01 --all`,
		Args: args(cobra.RangeArgs(2, 3)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.from, opts.to = a[0], a[1]
			if len(a) == 3 {
				opts.customer = a[2]
			}
			if opts.all == (opts.customer != "") {
				return unusable(errors.New("give a CUSTOMER or --all"))
			}
			if opts.all {
				return runNoticeProofs(opts)
			}
			return runNoticeProof(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.all, "all", false, "check every customer the ledger has a record of")
	cmd.Flags().StringVarP(&opts.dir, "output", "o", "out", "the `DIR` notice send kept the messages in")
	cmd.Flags().BoolVar(&opts.json, "json", false, "print JSON")
	return cmd
}

func runNoticeProof(opts *noticeProofOptions) error {
	p, err := opts.store().Proof(opts.from, opts.to, opts.customer, opts.dir)
	if err != nil {
		return err
	}
	a := p.Attempt
	if opts.json {
		if err := printJSON(opts.out, proofJSONOf(p), true); err != nil {
			return err
		}
	} else {
		tw := tabwriter.NewWriter(opts.out, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "customer\t%s\n", p.Customer)
		fmt.Fprintf(tw, "notice\t%s → %s\n", p.From, p.To)
		fmt.Fprintf(tw, "status\t%s (%d attempt(s) recorded)\n", a.Status, p.Attempts)
		if !a.Finished.IsZero() {
			fmt.Fprintf(tw, "when (UTC)\t%s, by %s: %s\n", a.Finished.UTC().Format(time.RFC3339), a.Server, a.Reply)
		}
		fmt.Fprintf(tw, "from\t%s\n", a.Sender)
		fmt.Fprintf(tw, "to\t%s\n", a.Recipient)
		fmt.Fprintf(tw, "message-id\t<%s>\n", a.MessageID)
		fmt.Fprintf(tw, "dated\t%s\n", a.Date.UTC().Format(time.RFC3339))
		fmt.Fprintf(tw, "objection deadline\t%s\n", dash(a.Deadline))
		fmt.Fprintf(tw, "message\t%d bytes, SHA-256 %s\n", a.MessageBytes, a.MessageSHA256)
		for _, f := range a.Attachments {
			fmt.Fprintf(tw, "attachment\t%s, %d bytes, SHA-256 %s\n", f.Name, f.Bytes, f.SHA256)
		}
		fmt.Fprintf(tw, "kept copy\t%s\n", p.Copy)
		if err := tw.Flush(); err != nil {
			return err
		}
		tw = tabwriter.NewWriter(opts.out, 0, 4, 2, ' ', 0)
		for _, c := range p.Checks {
			result := "matches"
			switch {
			case c.OK:
			case c.What == "kept copy":
				result = "NOT FOUND"
			default:
				result = "DIFFERS: " + c.Detail
			}
			fmt.Fprintf(tw, "  %s\t%s\n", c.What, result)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if !p.Proven() {
		fmt.Fprintf(opts.errOut, "not proven: the notice to %s is %s and its kept copy %s\n", p.Customer, a.Status, copyState(p))
		return errSilent
	}
	fmt.Fprintf(opts.errOut, "proven: %s was sent the notice %s → %s on %s, and the kept copy is the message recorded\n",
		p.Customer, p.From, p.To, a.Finished.UTC().Format(time.RFC3339))
	return nil
}

// proofJSON is the --json form of a proof; its field names are documented.
type proofJSON struct {
	Generator string             `json:"generator"`
	Customer  string             `json:"customer"`
	From      string             `json:"from"`
	To        string             `json:"to"`
	Attempts  int                `json:"attempts"`
	Attempt   *ledger.Attempt    `json:"attempt"`
	Copy      string             `json:"copy"`
	Checks    []store.ProofCheck `json:"checks"`
	Proven    bool               `json:"proven"`
}

func proofJSONOf(p *store.Proof) proofJSON {
	return proofJSON{buildinfo.String(), p.Customer, p.From, p.To, p.Attempts, p.Attempt, p.Copy, p.Checks, p.Proven()}
}

// runNoticeProofs checks the proof of every customer the ledger has a
// record of.
func runNoticeProofs(opts *noticeProofOptions) error {
	proofs, err := opts.store().Proofs(opts.from, opts.to, opts.dir)
	if err != nil {
		return err
	}
	proven := 0
	for _, p := range proofs {
		if p.Proven() {
			proven++
		}
	}
	if opts.json {
		out := make([]proofJSON, len(proofs))
		for i, p := range proofs {
			out[i] = proofJSONOf(p)
		}
		if err := printJSON(opts.out, out, true); err != nil {
			return err
		}
	} else {
		tw := tabwriter.NewWriter(opts.out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "CUSTOMER\tSTATUS\tSENT (UTC)\tADDRESS\tPROOF")
		for _, p := range proofs {
			a, sent, proof := p.Attempt, "-", "proven"
			if !a.Finished.IsZero() && a.Status == ledger.Sent {
				sent = a.Finished.UTC().Format(time.RFC3339)
			}
			if !p.Proven() {
				proof = "not proven: " + a.Status + ", kept copy " + copyState(p)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Customer, a.Status, sent, a.Recipient, proof)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	fmt.Fprintf(opts.errOut, "notice %s → %s: %d of %d customer(s) in the ledger proven\n", opts.from, opts.to, proven, len(proofs))
	if proven < len(proofs) {
		return errSilent
	}
	return nil
}

// copyState says in a few words how the kept copy compares.
func copyState(p *store.Proof) string {
	for _, c := range p.Checks {
		if !c.OK {
			if c.What == "kept copy" {
				return "was not found (" + p.Copy + ")"
			}
			return "differs from the ledger (" + c.What + ")"
		}
	}
	return "matches the ledger"
}
