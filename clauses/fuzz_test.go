package clauses

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/internal/fuzzguard"
)

// maxFuzzInput bounds fuzzed inputs: real clause files are a few
// kilobytes, and the store refuses anything over MaxFileSize anyway.
const maxFuzzInput = 64 << 10

// addClauseSeeds adds every clause file of the example stores (both
// versions of each, read from ../examples: package examples imports this
// one, so its embedded FS cannot be used here) and of testdata/parse.
func addClauseSeeds(f *testing.F) {
	n := 0
	for _, root := range []string{"../examples", "testdata/parse"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			f.Add(src)
			n++
			return nil
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	if n < 50 {
		f.Fatalf("only %d seed clause files found; the example stores should give over 100", n)
	}
	// The corners the parser documents: BOM and CRLF, directives, groups,
	// deep nesting, a table, emphasis inside references, variables.
	for _, s := range []string{
		"\uFEFF---\r\nid: x\r\ntitle: X\r\n---\r\n\r\n1. Een\r\n   twee.\r\n",
		"---\nid: x\nnumbered: false\n---\n\n<!-- when: a in services -->\nTekst {{v}} en {{check dpa.x}}.\n<!-- end -->\n",
		"---\nid: x\ntitle: X\n---\n\n1. <!-- id: y; when: not a in services; number: 9.9 -->\n   <!-- numbering: \"({i})\" -->\n   1. a\n   2. b\n",
		"---\nid: x\ntitle: X\n---\n\n- - - - - - - - diep\n",
		"---\nid: x\ntitle: X\n---\n\n| a | b |\n|---|---|\n| {{check x}} | [**z**](#z) |\n",
		"---\nid: x\ntitle: X\n---\n\nZie *[artikel 2](#y)* en <u>dit</u>\\\nregel<br>.\n",
	} {
		f.Add([]byte(s))
	}
}

// FuzzParse parses arbitrary clause files. Beyond not panicking it checks
// that an error is a located *Error naming the file and a line inside it,
// that an accepted file
// parses to the same model every time (parse → dump is deterministic), that
// a byte-order mark and CRLF line ends do not change the model, that every
// id in the model is a valid id (ids become file names and anchors), and
// that every line number lies inside the file.
func FuzzParse(f *testing.F) {
	addClauseSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > maxFuzzInput {
			t.Skip()
		}
		defer fuzzguard.Start(t)()
		const file = "clauses/terms/fuzz.md"
		c, err := Parse(file, src)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) || ce.File != file {
				t.Fatalf("error %q (%T) is not an *Error naming %s", err, err, file)
			}
			if !strings.HasPrefix(err.Error(), file+":") {
				t.Fatalf("error %q does not start with the file name", err)
			}
			if lines := lineCount(src); ce.Line < 0 || ce.Line > lines {
				t.Fatalf("error %q names line %d, outside 0..%d", err, ce.Line, lines)
			}
			return
		}
		got := dump(c)
		again, err := Parse(file, src)
		if err != nil {
			t.Fatalf("second parse failed: %v", err)
		}
		if d := dump(again); d != got {
			t.Fatalf("two parses differ:\n%s\nvs\n%s", got, d)
		}
		if !bytes.HasPrefix(src, []byte("\uFEFF")) && !bytes.ContainsRune(src, '\r') {
			crlf := append([]byte("\uFEFF"), bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))...)
			other, err := Parse(file, crlf)
			if err != nil {
				t.Fatalf("accepted with LF, refused with BOM and CRLF: %v", err)
			}
			if d := dump(other); d != got {
				t.Fatalf("BOM and CRLF change the model:\n%s\nvs\n%s", got, d)
			}
		}
		if !ValidID(c.ID) {
			t.Fatalf("accepted clause id %q is not a valid id", c.ID)
		}
		lines := lineCount(src)
		if c.Line < 1 || c.Line > lines {
			t.Fatalf("clause line %d outside 1..%d", c.Line, lines)
		}
		Walk(c.Body, func(b *Block) {
			if b.ID != "" && !ValidID(b.ID) {
				t.Fatalf("accepted label %q is not a valid id", b.ID)
			}
			if b.Line < 1 || b.Line > lines {
				t.Fatalf("%s at line %d, outside 1..%d:\n%s", b.Kind, b.Line, lines, got)
			}
			for _, in := range b.Inlines {
				if in.Kind == Ref && !ValidID(in.Target) {
					t.Fatalf("accepted reference target %q is not a valid id", in.Target)
				}
			}
		})
	})
}

// lineCount counts the lines of a file as error messages number them:
// LF, CRLF and a lone CR each end a line.
func lineCount(src []byte) int {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return 1 + bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r"))
}

// FuzzDecodeYAML decodes a YAML store file — seeded with every YAML file of
// the example stores and the corners of the bounded reader (aliases,
// anchors inside themselves, several documents, merge keys) — as a
// configuration, as a document manifest and as untyped data. It must give
// a *Error naming the file and a line inside it, or a value, and never
// more than the bounds allow: a value decoded from an accepted document
// holds at most MaxYAMLValues values.
func FuzzDecodeYAML(f *testing.F) {
	err := filepath.WalkDir("../examples", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		src, err := os.ReadFile(p)
		f.Add(src)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n", "a: &x [1, *x]\n", "a: 1\n---\nb: 2\n",
		"a: 1\n...\nb: [\n", "base: &b {x: 1}\nitems: [*b, {<<: *b, y: 2}]\n", "*x\n", "? [a]\n: b\n",
		"supplier: {legal_name: [1]}\n", "\uFEFFa: 1\r\nb: 2\r\n", "a: !!binary ZZZ\n", "a: \"\\u202e\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > maxFuzzInput {
			t.Skip("inputs over 64 KiB")
		}
		defer fuzzguard.Start(t)()
		norm, err := Normalize("f.yaml", src)
		if err != nil {
			return
		}
		lines := bytes.Count(norm, []byte("\n")) + 1
		var cfg Config
		var doc Manifest
		var data any
		for _, v := range []any{&cfg, &doc, &data} {
			err := DecodeYAML("f.yaml", norm, v)
			if err == nil {
				continue
			}
			var e *Error
			if !errors.As(err, &e) || e.File != "f.yaml" || e.Line < 0 || e.Line > lines {
				t.Fatalf("error %v: not a *Error naming f.yaml and a line in 1..%d", err, lines)
			}
			// The input's own text, quoted, may hold anything.
			msg := quoted.ReplaceAllString(e.Msg, `""`)
			if strings.Contains(msg, "clauses.") || strings.Contains(msg, "map[") || strings.Contains(msg, "[]") {
				t.Fatalf("error %q names a Go type", e.Msg)
			}
		}
		if data != nil && countValues(data) > MaxYAMLValues {
			t.Fatalf("decoded %d values", countValues(data))
		}
	})
}

// quoted matches a Go-quoted string in a message: "0[]".
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// countValues counts the values of decoded untyped YAML, stopping past
// the limit.
func countValues(v any) int {
	n := 1
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			if n += countValues(x); n > MaxYAMLValues {
				return n
			}
		}
	case map[string]any:
		for _, x := range v {
			n += 1 + countValues(x)
			if n > MaxYAMLValues {
				return n
			}
		}
	}
	return n
}
