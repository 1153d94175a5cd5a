package clauses

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Error is a problem in a store file, located by file and line.
type Error struct {
	File string // path inside the store, slash-separated
	Line int    // 1-based; 0 when the problem concerns the whole file
	Msg  string
	// Kind classifies a Store problem: ProblemDuplicateID or
	// ProblemManifest; empty for other errors.
	Kind string
}

// The kinds of Store problems.
const (
	ProblemDuplicateID = "duplicate-id" // an id used twice, a clause listed twice
	ProblemManifest    = "manifest"     // a manifest and the clause files disagree
)

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

var (
	yamlLineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlTypeRE = regexp.MustCompile(` in type [\w.]+$`)
)

// YAMLError turns an error from the YAML decoder into an *Error located in
// file, where the YAML text starts at line firstLine of the file.
func YAMLError(file string, firstLine int, err error) *Error {
	msg := err.Error()
	// A TypeError lists one problem per line; report the first, it is
	// enough to find the spot.
	if first, rest, ok := strings.Cut(msg, "\n"); ok && strings.HasSuffix(first, ":") {
		msg, _, _ = strings.Cut(rest, "\n")
	}
	msg = strings.TrimSpace(msg)
	// "field colour not found in type clauses.Config": the Go type means
	// nothing to an author.
	msg = yamlTypeRE.ReplaceAllString(msg, "")
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{File: file, Line: firstLine + n - 1, Msg: "invalid YAML: " + m[2]}
	}
	return &Error{File: file, Line: firstLine, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}
