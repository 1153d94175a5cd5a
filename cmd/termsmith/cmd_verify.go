package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"
)

type verifyOptions struct {
	*globalOptions
	json bool
}

func newVerifyCmd(g *globalOptions) *cobra.Command {
	opts := &verifyOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check that the published versions are intact",
		Long: `Verify checks every published version: that its tag still points at the
commit and tag object it was published with, that the content read from
that commit still has the recorded content hash, and that the version index
has only ever had records added. Each problem is printed as
"VERSION: KIND: DETAIL"; KIND is one of tag-missing, tag-moved, tag-changed,
content-changed, object-missing, index-rewritten.

Exit status 1 when a problem is found.

--json prints {"versions": N, "problems": [{"version", "kind", "detail"}]}.`,
		Example: `  termsmith verify
  termsmith --store /srv/terms verify --json`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return runVerify(opts) },
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print JSON")
	return cmd
}

type problemJSON struct {
	Version string `json:"version"`
	Kind    string `json:"kind"`
	Detail  string `json:"detail"`
}

func runVerify(opts *verifyOptions) error {
	repo, err := opts.openStore()
	if err != nil {
		return err
	}
	problems, err := repo.Verify()
	if err != nil {
		return err
	}
	// Verify reports a record that cannot be read; the count is then short.
	list, _ := repo.List()
	if opts.json {
		out := struct {
			Versions int           `json:"versions"`
			Problems []problemJSON `json:"problems"`
		}{len(list), []problemJSON{}}
		for _, p := range problems {
			out.Problems = append(out.Problems, problemJSON{p.Version, string(p.Kind), p.Detail})
		}
		enc := json.NewEncoder(opts.out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		for _, p := range problems {
			fmt.Fprintln(opts.out, p)
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(opts.errOut, "verify: %d problem(s) in a store of %d version(s)\n", len(problems), len(list))
		return errSilent
	}
	if !opts.json {
		fmt.Fprintf(opts.out, "%d version(s) verified: tags and content intact\n", len(list))
	}
	return nil
}
