// Package lint checks a termsmith store the way a careful reviewer would:
// ids and references that break assembly, variables and conditions that do
// not fit the configuration, and drafting defects in the text — capitalised
// words used as defined terms but never defined, definitions never used,
// annexes named wrongly, numbers typed or pinned by hand.
//
// Every finding names a file and a line. Findings of severity "error" make a
// store unfit to publish; "warning" findings are drafting defects that a
// faithful import of a legacy document may still carry.
package lint

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sort"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
)

// The severities of a finding.
const (
	Error   = "error"   // breaks assembly or is ambiguous; publish refuses it
	Warning = "warning" // a drafting defect; publish accepts it
)

// Finding is one problem lint found. The JSON field names are part of the
// documented --json output and do not change.
type Finding struct {
	File     string `json:"file"`             // path inside the store, slash-separated
	Line     int    `json:"line"`             // 1-based; 0 when the finding concerns the whole file
	Column   int    `json:"column,omitempty"` // 1-based, in characters; 0 (left out) when the finding concerns the whole line
	Rule     string `json:"rule"`             // stable rule name, e.g. "dangling-ref"
	Severity string `json:"severity"`         // Error or Warning
	Message  string `json:"message"`
}

// String formats the finding as "file:line: severity: message [rule]",
// or "file:line:column: …" when it has a column.
func (f Finding) String() string {
	loc := f.File
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	if f.Line > 0 && f.Column > 0 {
		loc = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
	}
	return fmt.Sprintf("%s: %s: %s [%s]", loc, f.Severity, f.Message, f.Rule)
}

// Report is the result of linting a store.
type Report struct {
	Findings []Finding // sorted by file, line, rule and message
}

// Errors counts the findings of severity Error.
func (r *Report) Errors() int { return r.count(Error) }

// Warnings counts the findings of severity Warning.
func (r *Report) Warnings() int { return r.count(Warning) }

func (r *Report) count(sev string) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

// Rules lists every rule name lint can report, in the order docs/lint.md
// describes them.
var Rules = []string{
	"duplicate-id", "manifest", "dangling-ref", "stale-ref-text", "template-part",
	"unknown-variable", "missing-variable", "invalid-value", "unused-variable", "unknown-field",
	"undefined-term", "unused-term", "duplicate-term", "ambiguous-term", "annex-name",
	"pinned-number", "duplicate-number", "typed-number", "hidden-character", "invalid-email", "letter",
}

// Run lints the store in fsys: the working tree (os.DirFS) or a version
// read from git. The error is only for input lint cannot use at all: a
// directory that is not a store, or a syntax error in any store file.
// Everything else is a finding.
func Run(fsys fs.FS) (*Report, error) {
	st, err := clauses.Load(fsys)
	if err != nil {
		return nil, err
	}
	tmpls, err := agreement.LoadTemplates(fsys)
	if err != nil {
		return nil, err
	}
	custs, err := agreement.LoadCustomers(fsys)
	if err != nil {
		return nil, err
	}
	l := newLinter(fsys, st, tmpls, custs)
	for _, check := range []func(*linter){
		checkStore,
		checkTemplates,
		checkReferences,
		checkConditions,
		checkVariables,
		checkCustomers,
		checkNumbers,
		checkTypedNumbers,
		checkTerms,
		checkAnnexNames,
		checkHiddenCharacters,
		checkEmails,
	} {
		check(l)
	}
	return &Report{Findings: l.sorted()}, nil
}

// linter holds the store being linted and the findings so far.
type linter struct {
	fsys     fs.FS
	st       *clauses.Store
	cfg      clauses.Config
	tmpls    map[string]*agreement.Template
	custs    map[string]*agreement.Customer
	findings []Finding
	srcs     map[string][]byte // store files read for line numbers
}

func newLinter(fsys fs.FS, st *clauses.Store, tmpls map[string]*agreement.Template, custs map[string]*agreement.Customer) *linter {
	return &linter{fsys: fsys, st: st, cfg: st.Config, tmpls: tmpls, custs: custs, srcs: map[string][]byte{}}
}

func (l *linter) report(file string, line int, rule, sev, format string, args ...any) {
	l.findings = append(l.findings, Finding{File: file, Line: line, Rule: rule, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

func (l *linter) errorf(file string, line int, rule, format string, args ...any) {
	l.report(file, line, rule, Error, format, args...)
}

func (l *linter) warnf(file string, line int, rule, format string, args ...any) {
	l.report(file, line, rule, Warning, format, args...)
}

// sorted returns the findings sorted, without duplicates: several
// customers can lead to the same finding.
func (l *linter) sorted() []Finding {
	fs := append([]Finding(nil), l.findings...)
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && f == fs[i-1] {
			continue
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// customerIDs returns the customer ids, sorted.
func (l *linter) customerIDs() []string { return slices.Sorted(maps.Keys(l.custs)) }
