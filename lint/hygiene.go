package lint

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/termsmith/termsmith/clauses"
	"go.yaml.in/yaml/v3"
)

// checkHiddenCharacters reports every character that shows nothing, or
// something other than itself, in every store file lint reads: control
// characters, bidirectional controls, zero-width characters and soft
// hyphens (clauses.Invisible). They hide text or a change in it — two
// versions that differ only by one look the same in a redline — and they
// break words and lines where a reader cannot see why. Each finding names
// the file, the line and the column (in characters); a character written
// as a YAML escape ("\u200B") is found at the start of its value. (A
// Markdown character reference such as &#8203; is not decoded: clause
// text shows it as written.)
func checkHiddenCharacters(l *linter) {
	files := []string{clauses.ConfigFile}
	for _, d := range l.st.Documents {
		files = append(files, d.File)
	}
	for _, t := range l.tmpls {
		files = append(files, t.File)
	}
	for _, c := range l.custs {
		files = append(files, c.File)
	}
	clauseFiles := map[string]bool{}
	for _, c := range l.st.SortedClauses() {
		files = append(files, c.File)
		clauseFiles[c.File] = true
	}
	sort.Strings(files)
	for i, file := range files {
		if i > 0 && file == files[i-1] {
			continue
		}
		src, err := clauses.ReadFile(l.fsys, file)
		if err != nil {
			continue // it was read once to load the store
		}
		typed := l.typedHidden(file, src)
		// YAML: the file, or a clause file's front matter (from line 2).
		yamlSrc, first := src, 1
		if _, ok := clauseFiles[file]; ok {
			rest, ok := bytes.CutPrefix(src, []byte("---\n"))
			end := bytes.Index(rest, []byte("\n---"))
			if !ok || end < 0 {
				continue
			}
			yamlSrc, first = rest[:end+1], 2
		}
		var doc yaml.Node
		if yaml.NewDecoder(bytes.NewReader(yamlSrc)).Decode(&doc) != nil {
			continue
		}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			line := first + n.Line - 1
			if n.Kind == yaml.ScalarNode && !typed[line] {
				if r, what, ok := firstHidden(n.Value); ok {
					l.hidden(file, line, n.Column, r, what, " (written as an escape)")
				}
			}
			for _, ch := range n.Content {
				walk(ch)
			}
		}
		walk(&doc)
	}
}

// typedHidden reports every hidden character typed in src as it is, and
// returns the lines that hold one.
func (l *linter) typedHidden(file string, src []byte) map[int]bool {
	lines := map[int]bool{}
	for n, line := range strings.Split(string(src), "\n") {
		col := 0
		for _, r := range line {
			col++
			if what, bad := clauses.Invisible(r); bad {
				l.hidden(file, n+1, col, r, what, "")
				lines[n+1] = true
			}
		}
	}
	return lines
}

func (l *linter) hidden(file string, line, col int, r rune, what, how string) {
	l.findings = append(l.findings, Finding{
		File: file, Line: line, Column: col, Rule: "hidden-character", Severity: Error,
		Message: fmt.Sprintf("hidden character U+%04X (%s)%s: it changes or hides text without showing; remove it", r, what, how),
	})
}

// firstHidden returns the first clauses.Invisible character in s.
func firstHidden(s string) (rune, string, bool) {
	for _, r := range s {
		if what, bad := clauses.Invisible(r); bad {
			return r, what, true
		}
	}
	return 0, "", false
}
