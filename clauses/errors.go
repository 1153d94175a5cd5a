package clauses

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/termsmith/termsmith/internal/lazy"
)

// Error is a problem in a store file, located by file and line.
type Error struct {
	File string // path inside the store, slash-separated
	Line int    // 1-based; 0 when the problem concerns the whole file
	Msg  string
	// Kind classifies a Store problem (ProblemDuplicateID,
	// ProblemManifest) or an error (KindInvalidValue); empty for others.
	Kind string
}

// KindInvalidValue marks a value in a store or customer file that is not a
// valid value of its type — money that is not an amount, an impossible
// date, a number out of range — wherever it is found: while a file is
// loaded or while an agreement or offer is assembled. The CLI exits with
// status 2 for it in every command (docs/reliability.md).
const KindInvalidValue = "invalid-value"

// HasKind reports whether err, or any error it wraps or joins, is an
// *Error of kind.
func HasKind(err error, kind string) bool {
	if e, ok := err.(*Error); ok && e.Kind == kind {
		return true
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return HasKind(u.Unwrap(), kind)
	case interface{ Unwrap() []error }:
		for _, x := range u.Unwrap() {
			if HasKind(x, kind) {
				return true
			}
		}
	}
	return false
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
	yamlLineRE   = lazy.Regexp(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlTypeRE   = lazy.Regexp(` in type [\w.*\[\]]+$`)
	yamlDecodeRE = lazy.Regexp("^cannot unmarshal (!!\\w+|[^ ]+)(?: `.*`)? into (\\S+)$")
	yamlMapKeyRE = lazy.Regexp(`^invalid map key: .*$`)
	yamlFieldRE  = lazy.Regexp(`^field (.+) not found$`)
)

// yamlTagWords names YAML's core tags for an author.
var yamlTagWords = map[string]string{
	"!!str": "text", "!!int": "a number", "!!float": "a number", "!!bool": "true or false",
	"!!null": "an empty value", "!!seq": "a list", "!!map": "a mapping (key: value)",
	"!!timestamp": "a date", "!!binary": "binary data",
}

// goTypeWord names what a Go type holds for an author: a message never
// names a Go type.
func goTypeWord(t string) string {
	t = strings.TrimLeft(t, "*")
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map[") || strings.Contains(t, "."):
		return "a mapping (key: value)"
	case t == "string":
		return "text"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"), strings.HasPrefix(t, "float"):
		return "a number"
	}
	return "another kind of value"
}

// yamlMessage rewrites a decoder message for an author: what was found
// and what was expected, without the file's content (a file that is not
// what it should be — a link to another file, say — is never echoed) and
// without Go types.
func yamlMessage(msg string) string {
	if m := yamlDecodeRE().FindStringSubmatch(msg); m != nil {
		found, ok := yamlTagWords[m[1]]
		if !ok {
			found = "a value"
		}
		return found + " where " + goTypeWord(m[2]) + " is expected"
	}
	if yamlMapKeyRE().MatchString(msg) {
		return "a key that is not text"
	}
	msg = yamlTypeRE().ReplaceAllString(msg, "")
	if m := yamlFieldRE().FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown key %q", m[1])
	}
	return msg
}

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
	if m := yamlLineRE().FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{File: file, Line: firstLine + n - 1, Msg: "invalid YAML: " + yamlMessage(m[2])}
	}
	return &Error{File: file, Line: firstLine, Msg: "invalid YAML: " + yamlMessage(strings.TrimPrefix(msg, "yaml: "))}
}
