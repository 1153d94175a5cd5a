package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/termsmith/termsmith/versions"
)

type shareOptions struct {
	*globalOptions
	remote string
}

func newPushCmd(g *globalOptions) *cobra.Command {
	opts := &shareOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "push",
		Short: "Send the publishing branch and the version tags to a remote",
		Long: `Push sends the publishing branch, the proof-of-notice ledger (the branch
termsmith/ledger) and every tag to the remote (origin by default), as
git push origin main termsmith/ledger --tags would. Tags are never forced: when
the remote has a version of the same id with other content (a colleague
published it first), the remote refuses and push says so.

Authentication as git users expect it: SSH remotes use the SSH agent, or the
key file in TERMSMITH_SSH_KEY (passphrase in TERMSMITH_SSH_PASSWORD); HTTPS
remotes take a token from TERMSMITH_GIT_TOKEN (user TERMSMITH_GIT_USER,
default "git").`,
		Example: `  git remote add origin git@github.com:acme/terms.git
  termsmith push
  TERMSMITH_GIT_TOKEN=… termsmith push --remote gitea`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			msg, err := opts.store().Push(opts.remote)
			if err != nil {
				return err
			}
			fmt.Fprintf(opts.out, "%s: %s\n", opts.remote, msg)
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.remote, "remote", versions.DefaultRemote, "the `REMOTE` to push to")
	return cmd
}

func newPullCmd(g *globalOptions) *cobra.Command {
	opts := &shareOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "pull",
		Short: "Fetch the publishing branch and the version tags from a remote",
		Long: `Pull fetches the publishing branch, the proof-of-notice ledger and every
tag from the remote (origin by default) and fast-forwards the branches (and the working tree, when the
branch is checked out and clean). Before anything is fetched it compares the
remote's tags with the local ones: a version the remote has under the same
id with another value is refused, naming it, and nothing changes. A branch
that has diverged is left for you to merge with git. Authentication as for
push.`,
		Example: `  termsmith pull
  termsmith pull --remote upstream`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			msg, err := opts.store().Pull(opts.remote)
			if err != nil {
				return err
			}
			fmt.Fprintf(opts.out, "%s: %s\n", opts.remote, msg)
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.remote, "remote", versions.DefaultRemote, "the `REMOTE` to pull from")
	return cmd
}

func newMigrateCmd(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Convert a store made by an older termsmith to the current layout",
		Long: `Migrate converts a store whose versions were listed in refs/termsmith/versions
(termsmith before versions became tags on the publishing branch): the
working tree is committed on the branch main on top of the latest published
version, and the old index ref is removed. The version tags are kept as
they are. A store in the current layout is left alone.`,
		Example: `  termsmith migrate && termsmith verify`,
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			msg, err := g.store().Migrate()
			if err != nil {
				return err
			}
			fmt.Fprintln(g.out, msg)
			return nil
		},
	}
	return cmd
}
