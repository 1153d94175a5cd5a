package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/render"
	"github.com/termsmith/termsmith/templates"
)

type offerOptions struct {
	*globalOptions
	customer    string
	attachTerms bool
	contentFlags
	outDir string
}

func newOfferCmd(g *globalOptions) *cobra.Command {
	opts := &offerOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "offer CUSTOMER",
		Short: "Write a customer's offer as a PDF",
		Long: `Offer writes DIR/<customer>/offer-<number>.pdf from the customer's offer
(number and date) and line_items: the offer number, its date and the date it
is valid until (the date plus offer_validity_days of termsmith.yaml, default
30), both parties, the line items (service, quantity, unit price, period,
amount), the subtotal excluding VAT, the VAT (vat_percent, default 21) and
the total, in euro; the terms version that applies — the version in force
on the offer's date, or --version V, or the version in force on --at DATE;
the working tree in a store with no published version — and an acceptance
block for the customer to sign. With --attach-terms the
customer's full agreement is attached as an annex.

The file is written to a temporary file and renamed into place; its path is
printed on standard output. The same data gives a byte-identical file: the
PDF is dated with the offer's date.`,
		Example: `  termsmith offer acme
  termsmith offer acme --attach-terms -o offers`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.customer = a[0]
			return runOffer(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.attachTerms, "attach-terms", false, "attach the full terms as an annex")
	addContentFlags(cmd, &opts.contentFlags)
	cmd.Flags().StringVarP(&opts.outDir, "output", "o", "out", "write under `DIR`")
	return cmd
}

func runOffer(opts *offerOptions) error {
	c, err := templates.LoadCustomer(os.DirFS(opts.storeDir), opts.customer)
	if err != nil {
		return unusable(err)
	}
	date, err := render.OfferDate(c)
	if err != nil {
		return err
	}
	path, err := render.OfferPath(opts.outDir, c.ID, c.Offer.Number)
	if err != nil {
		return &clauses.Error{File: c.File, Line: c.Line("offer"), Msg: "offer.number: " + err.Error()}
	}
	// By default the terms are those in force on the offer's date, so that
	// the same offer always attaches the same terms; a store without
	// published versions offers its working tree.
	src := opts.contentFlags
	if src == (contentFlags{}) {
		if _, v, err := opts.content(contentFlags{}); err == nil && v != nil {
			src.at = date.Format(time.DateOnly)
		}
	}
	t, err := opts.loadTerms(src)
	if err != nil {
		return err
	}
	doc, err := t.assemble(c)
	if err != nil {
		return err
	}
	cfg := t.store.Config
	pdf, err := render.OfferPDF(render.Offer{
		Document:     doc,
		VATPercent:   cfg.VATPercent,
		ValidityDays: cfg.OfferValidityDays,
		AttachTerms:  opts.attachTerms,
	})
	if err != nil {
		return err
	}
	undo, err := prepareOutput(opts.outDir, path)
	if err != nil {
		return err
	}
	if err := render.WriteFile(path, pdf); err != nil {
		undo()
		return err
	}
	fmt.Fprintln(opts.out, path)
	return nil
}
