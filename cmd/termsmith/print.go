package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// printLines prints each of lines on w, one a line: the paths a command
// wrote.
func printLines(w io.Writer, lines []string) {
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

// endSummary ends a batch's summary line on w: with a newline when nothing
// failed, else with the failures, one per line (errSilent: exit status 1).
func endSummary(w io.Writer, failures []string) error {
	if len(failures) == 0 {
		fmt.Fprintln(w)
		return nil
	}
	fmt.Fprintf(w, "; %d failed:\n", len(failures))
	for _, f := range failures {
		fmt.Fprintln(w, "  "+strings.ReplaceAll(f, "\n", "\n    "))
	}
	return errSilent
}

// printJSON prints v on w as indented JSON, the one form of every --json
// output; escapeHTML escapes <, > and & as encoding/json does by default.
func printJSON(w io.Writer, v any, escapeHTML bool) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(escapeHTML)
	return enc.Encode(v)
}
