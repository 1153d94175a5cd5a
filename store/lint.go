package store

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/diff/notice"
	"github.com/termsmith/termsmith/internal/lazy"
	"github.com/termsmith/termsmith/lint"
)

// Lint checks the working tree or, when sel chooses content, that
// content with the working tree's customers (LintFS). A store that cannot
// be read is unusable input.
func (s *Store) Lint(sel Selector) (*lint.Report, error) {
	fsys := s.Work()
	if sel != (Selector{}) {
		content, _, err := s.ContentFS(sel)
		if err != nil {
			return nil, err
		}
		fsys = s.WithCustomers(content)
	}
	rep, err := LintFS(fsys)
	return rep, Unusable(err)
}

// LintFS checks fsys as termsmith lint does: package lint's rules, and the
// store's notice letters (letters/notice.<lang>.md), which must parse and
// cite only clauses and documents of the same content (rule "letter").
func LintFS(fsys fs.FS) (*lint.Report, error) {
	rep, err := lint.Run(fsys)
	if err != nil {
		return nil, err
	}
	st, err := clauses.Load(fsys)
	if err != nil {
		return nil, err
	}
	rep.Findings = append(rep.Findings, letterFindings(fsys, st)...)
	sort.SliceStable(rep.Findings, func(i, j int) bool {
		a, b := rep.Findings[i], rep.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return rep, nil
}

// fileLine splits an error "file:line: message".
var fileLine = lazy.Regexp(`^([^:\s]+):(\d+): (.*)$`)

// letterFindings parses and checks every notice letter of fsys.
func letterFindings(fsys fs.FS, st *clauses.Store) []lint.Finding {
	entries, err := fs.ReadDir(fsys, "letters")
	if err != nil {
		return nil
	}
	var out []lint.Finding
	add := func(file string, err error) {
		f := lint.Finding{File: file, Rule: "letter", Severity: lint.Error, Message: err.Error()}
		if m := fileLine().FindStringSubmatch(err.Error()); m != nil {
			f.File, f.Message = m[1], m[3]
			f.Line, _ = strconv.Atoi(m[2])
		}
		out = append(out, f)
	}
	for _, e := range entries {
		name := e.Name()
		lang, ok := strings.CutSuffix(strings.TrimPrefix(name, "notice."), ".md")
		if e.IsDir() || !strings.HasPrefix(name, "notice.") || !ok {
			continue
		}
		file := path.Join("letters", name)
		data, err := clauses.ReadFile(fsys, file)
		if err != nil {
			add(file, err)
			continue
		}
		l, err := notice.ParseLetter(file, lang, data)
		if err != nil {
			add(file, err)
			continue
		}
		for _, err := range l.Check(st) {
			add(file, err)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// lintErrors returns the findings of severity error, one error each.
func lintErrors(rep *lint.Report) []error {
	var errs []error
	for _, f := range rep.Findings {
		if f.Severity == lint.Error {
			errs = append(errs, fmt.Errorf("%s", f.String()))
		}
	}
	return errs
}
