package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/internal/buildinfo"
	"github.com/termsmith/termsmith/versions"
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
		Long: `Verify checks every version tag: that the tag object, the record in its
message, the commit it points at and every tree and blob of the content are
intact (each object re-hashed, as git fsck would), that the record agrees
with its tag, that no two versions take effect on the same date, and that
the content has the recorded content hash. Each problem is printed as
"VERSION: KIND: DETAIL"; KIND is one of tag-corrupt, date-clash,
content-changed, object-corrupt. Every command that reads versions makes the
same checks and refuses to run on a store that fails them.

Exit status 1 when a problem is found.

--json prints {"generator", "versions": N, "problems": [{"version", "kind",
"detail"}]}; generator is the build, as termsmith --version prints it.`,
		Example: `  termsmith verify
  termsmith --store /srv/terms verify --json`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return runVerify(opts) },
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print JSON")
	return cmd
}

func runVerify(opts *verifyOptions) error {
	repo, err := opts.store().Repo()
	if err != nil {
		return err
	}
	n, problems, err := repo.Verify()
	if err != nil {
		return err
	}
	if opts.json {
		out := struct {
			Generator string             `json:"generator"`
			Versions  int                `json:"versions"`
			Problems  []versions.Problem `json:"problems"`
		}{buildinfo.String(), n, append([]versions.Problem{}, problems...)}
		if err := printJSON(opts.out, out, true); err != nil {
			return err
		}
	} else {
		for _, p := range problems {
			fmt.Fprintln(opts.out, p)
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(opts.errOut, "verify: %d problem(s) in a store of %d version(s)\n", len(problems), n)
		return errSilent
	}
	if !opts.json {
		fmt.Fprintf(opts.out, "%d version(s) verified: tags and content intact\n", n)
	}
	return nil
}
