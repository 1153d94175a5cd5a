// Package buildinfo names the build of termsmith that is running: the
// module version and the VCS revision it was built from, as Go records them
// in the binary. PDFs, JSON outputs and `termsmith --version` carry the
// same string, so a byte-identical promise can name the build that keeps it.
package buildinfo

import (
	"runtime/debug"
	"strings"
	"sync"
)

// String returns "termsmith VERSION (REVISION[, modified])": VERSION is
// the module version ("(devel)" for a build from a checkout) and REVISION
// the first 12 hex digits of the commit, when Go recorded them.
var String = sync.OnceValue(func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "termsmith (unknown build)"
	}
	return format(info)
})

func format(info *debug.BuildInfo) string {
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	var rev string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	var extra []string
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		extra = append(extra, rev)
	}
	if modified {
		extra = append(extra, "modified")
	}
	if len(extra) == 0 {
		return "termsmith " + version
	}
	return "termsmith " + version + " (" + strings.Join(extra, ", ") + ")"
}
