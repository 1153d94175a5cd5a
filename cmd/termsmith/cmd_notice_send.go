package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/internal/progress"
	"github.com/termsmith/termsmith/ledger"
	"github.com/termsmith/termsmith/mailer"
	"github.com/termsmith/termsmith/store"
)

type noticeSendOptions struct {
	*globalOptions
	batch
	from, to string
	resend   []string
	outDir   string
	tries    int
	backoff  time.Duration
}

func newNoticeSendCmd(g *globalOptions) *cobra.Command {
	opts := &noticeSendOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "send FROM TO (--customer C | --all)",
		Short: "Send change notices by e-mail and record each in the proof-of-notice ledger",
		Long: `Send e-mails each customer with changes from published version FROM to TO
their change notice, dated now: the letter and summary as text and HTML,
with the notice PDF and the customer's full agreement under TO attached,
from the supplier's address to the customer's primary contact. There is no
--date: a notice that is sent is dated when it is sent (use termsmith
notice --date for previews).

The SMTP server is TERMSMITH_SMTP_URL — smtp://user:password@host:587
(STARTTLS, which a server that is not on this machine must offer) or
smtps://user:password@host:465 (implicit TLS) — or else smtp.url in
termsmith.yaml, without the password, which comes from the environment
variable smtp.password_env (default TERMSMITH_SMTP_PASSWORD).

Every attempt is recorded in the store's proof-of-notice ledger (the git
branch termsmith/ledger; see termsmith notice status and docs/notices.md)
before the message is handed to the server, then updated with the outcome:
sent, with the server's reply; failed (a 5xx reply, or 4xx after --tries
transactions, waiting --backoff and then twice as long each time); or
unknown, when the connection broke after the message was handed over. A
customer whose record is sent or unknown is never sent to again, so
re-running send after a crash or a failure sends only what is missing;
--resend C sends C one more time (for an unknown that the operator
checked). The exact bytes of each message sent are kept in
DIR/<customer>/notice-FROM-TO.<time>.eml.

Exit status: 0 when every customer with changes has been sent a notice; 1
when any send failed or is unknown (now or from an earlier run), or the
run stopped (the server could
not be reached); 2 for unusable input (flags, store, SMTP settings).`,
		Example: `  TERMSMITH_SMTP_URL=smtps://notices:secret@mail.example.nl termsmith notice send 2026-01-01 2026-07-01 --all
  termsmith notice send 2026-01-01 2026-07-01 --customer acme
  termsmith notice send 2026-01-01 2026-07-01 --customer acme --resend acme`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.from, opts.to = a[0], a[1]
			return runNoticeSend(opts)
		},
	}
	opts.addFlags(cmd, "send the notice of", "build `N` notices at a time (they are sent one at a time)", false, false)
	cmd.Flags().StringSliceVar(&opts.resend, "resend", nil, "send customer `C` again although the ledger has a sent or unknown attempt")
	cmd.Flags().StringVarP(&opts.outDir, "output", "o", "out", "keep a copy of each message sent under `DIR`")
	cmd.Flags().IntVar(&opts.tries, "tries", 5, "SMTP transactions per message on temporary failures (4xx)")
	cmd.Flags().DurationVar(&opts.backoff, "backoff", 2*time.Second, "wait `D` after the first temporary failure, doubling after each")
	return cmd
}

func runNoticeSend(opts *noticeSendOptions) error {
	if err := opts.check("--customer C"); err != nil {
		return err
	}
	if opts.tries < 1 || opts.backoff < 0 {
		return unusable(errors.New("--tries must be 1 or more, --backoff not negative"))
	}
	sn, err := opts.store().Sender(store.SendRequest{From: opts.from, To: opts.to, Customer: opts.customer, Resend: opts.resend,
		Dir: opts.outDir, Jobs: opts.jobs, Tries: opts.tries, Backoff: opts.backoff, Getenv: os.Getenv})
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := progress.New(opts.errOut, "sending", sn.Len())
	start := time.Now()
	sent := sn.Run(ctx, bar.Done)
	bar.Finish()
	for _, r := range sent.Results {
		switch a := r.Attempt; r.Status {
		case ledger.Sent, ledger.Failed, ledger.Unknown:
			fmt.Fprintf(opts.out, "%s\t%s\t%s\t<%s>\t%s\n", r.Customer, r.Status, a.Recipient, a.MessageID, a.Reply)
		case mailer.Skipped:
			if a != nil {
				fmt.Fprintf(opts.out, "%s\t%s\t%s earlier (%s to %s); --resend %s to send again\n", r.Customer, r.Status, a.Status, a.Started.Format(time.RFC3339), a.Recipient, r.Customer)
			}
		}
	}
	count := sent.Count
	fmt.Fprintf(opts.errOut, "notices %s → %s via %s: %d sent, %d failed, %d unknown, %d already sent or unknown, %d without changes, %d not built, %d not attempted; in %.1fs\n",
		sn.From, sn.To, sn.Server, count[ledger.Sent], count[ledger.Failed], count[ledger.Unknown], count[mailer.Skipped],
		count[mailer.NoChanges], count[mailer.BuildFailed], count[mailer.NotTried], time.Since(start).Seconds())
	for _, f := range sent.Failures {
		fmt.Fprintln(opts.errOut, "  "+strings.ReplaceAll(f, "\n", "\n    "))
	}
	if sent.Err != nil {
		return fmt.Errorf("sending stopped: %w", sent.Err)
	}
	if sent.Unresolved > 0 {
		fmt.Fprintf(opts.errOut, "%d customer(s) have an attempt of unknown outcome: check the server's logs, then send --resend C or leave it (termsmith notice status)\n", sent.Unresolved)
	}
	if !sent.Complete() {
		return errSilent
	}
	return nil
}
