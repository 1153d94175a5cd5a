package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/layout"
	"github.com/termsmith/termsmith/store"
)

type offerOptions struct {
	*globalOptions
	customer    string
	attachTerms bool
	sel         store.Selector
	outDir      string
}

func newOfferCmd(g *globalOptions) *cobra.Command {
	opts := &offerOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "offer CUSTOMER",
		Short: "Write a customer's offer as a PDF",
		Long: `Offer writes a customer's offer as a PDF from the customer's offer (number,
date, optional start) and line_items, and the offer section of termsmith.yaml:

  - the offer number, its date and the date it is valid until (the date plus
    offer_validity_days), non-binding ("vrijblijvend") where the terms say so;
  - both parties, and the supplier's contact person;
  - the line items grouped by period (one-off, per month, per quarter, per
    year): service and description, quantity with its unit, unit price, VAT
    rate and amount; per period the subtotal, the VAT per rate and the total;
    amounts are exact decimals, each line rounded to the cent;
  - when the agreement starts, its term, renewal and notice period, the
    payment term and the bank account, each with the article of the terms
    it comes from;
  - the terms version that applies — the version in force on the offer's
    date, or --version V, or the version in force on --at DATE; the working
    tree in a store with no published version — enclosed in full (art. 6:234
    BW) unless --attach-terms=false;
  - an acceptance block for the customer to sign.

It writes DIR/<customer>/offer-<number>.pdf, or with --attach-terms=false
DIR/<customer>/offer-<number>-without-terms.pdf, through a temporary file
renamed into place, and prints the path on standard output. The same data
gives a byte-identical file: the PDF is dated with the offer's date.

A line item or configuration value that cannot be used (a price that is not
an amount, NaN, a negative quantity, an unknown period, a bad IBAN) is an
error naming the file and line; nothing is written and the exit status is 2.`,
		Example: `  termsmith offer acme
  termsmith offer acme --attach-terms=false -o offers
  termsmith offer acme --version 2026-01-01`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			opts.customer = a[0]
			return runOffer(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.attachTerms, "attach-terms", true, "enclose the full terms (--attach-terms=false: refer to them only)")
	addContentFlags(cmd, &opts.sel)
	cmd.Flags().StringVarP(&opts.outDir, "output", "o", "out", "write under `DIR`")
	return cmd
}

func runOffer(opts *offerOptions) error {
	layout.Preload() // while the terms are read
	path, err := opts.store().Offer(opts.customer, opts.sel, opts.attachTerms, opts.outDir)
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.out, path)
	return nil
}
