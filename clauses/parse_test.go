package clauses

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/termsmith/termsmith/internal/golden"
)

// TestParseGolden parses each testdata/parse/*.md and compares the dumped
// clause model with its .golden file.
func TestParseGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/parse/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Parse(filepath.Base(file), src)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, strings.TrimSuffix(file, ".md")+".golden", []byte(dump(c)))
		})
	}
}

// TestParseErrors checks that bad clause files fail with a message naming
// the file, the line and the problem.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"no front matter", "# Title\n", "c.md:1: missing front matter"},
		{"unclosed front matter", "---\nid: x\ntitle: X\n", "c.md:1: front matter is not closed"},
		{"bad yaml", "---\nid: x\ntitle: [X\n---\n", "c.md:2: invalid YAML"},
		{"unknown key", "---\nid: x\ntitle: X\nauthor: me\n---\n", "c.md:4: invalid YAML: unknown key \"author\""},
		{"no id", "---\ntitle: X\n---\n", "c.md:2: front matter has no id"},
		{"id is a path", "---\nid: ../x\ntitle: X\n---\n", `c.md:2: invalid id "../x"`},
		{"id is absolute", "---\ntitle: X\nid: /etc/passwd\n---\n", `c.md:3: invalid id "/etc/passwd"`},
		{"no title", "---\nid: x\n---\n", "c.md:2: front matter has no title"},
		{"invalid utf-8", "---\nid: x\ntitle: X\n---\n\nab\xffcd\n", "c.md:6: invalid UTF-8"},
		{"bad condition", "---\nid: x\ntitle: X\nwhen: hosting in\n---\n", `c.md:4: condition "hosting in"`},
		{"bad label", "---\nid: x\ntitle: X\n---\n\n1. <!-- id: A/B -->\n   tekst\n", `c.md:6: invalid id "A/B"`},
		{"unclosed group", "---\nid: x\ntitle: X\n---\n\n<!-- when: hosting in services -->\nTekst.\n", "c.md:6: <!-- when: hosting in services --> is never closed"},
		{"stray end", "---\nid: x\ntitle: X\n---\n\nTekst.\n\n<!-- end -->\n", "c.md:8: <!-- end --> without an open"},
		{"raw html", "---\nid: x\ntitle: X\n---\n\n<div>x</div>\n", "c.md:6: HTML is not allowed"},
		{"inline html", "---\nid: x\ntitle: X\n---\n\nA <b>b</b> c.\n", `c.md:6: inline HTML "<b>" is not allowed`},
		{"code block", "---\nid: x\ntitle: X\n---\n\n```\ncode\n```\n", "c.md:6: a code block is not allowed"},
		{"bad numbering", "---\nid: x\ntitle: X\n---\n\n<!-- numbering: \"{x}.\" -->\n1. a\n", "c.md:6: numbering pattern \"{x}.\": unknown counter {x}"},
		{"bad ref", "---\nid: x\ntitle: X\n---\n\nZie [hier](#Foo/Bar).\n", `c.md:6: invalid reference target "#Foo/Bar"`},
		{"unknown directive", "---\nid: x\ntitle: X\n---\n\n<!-- id: a; colour: red -->\nTekst.\n", `c.md:6: unknown directive "colour: red"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.md", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestParseAcceptsBOMAndCRLF checks that a byte-order mark and Windows line
// ends parse like plain LF files.
func TestParseAcceptsBOMAndCRLF(t *testing.T) {
	plain := "---\nid: x\ntitle: X\n---\n\n1. Een\n   twee.\n"
	crlf := "\uFEFF" + strings.ReplaceAll(plain, "\n", "\r\n")
	a, err := Parse("a.md", []byte(plain))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("a.md", []byte(crlf))
	if err != nil {
		t.Fatal(err)
	}
	if dump(a) != dump(b) {
		t.Errorf("CRLF+BOM parse differs:\n%s\nvs\n%s", dump(a), dump(b))
	}
}

// TestParseLoneCarriageReturns checks that a file with classic Mac OS line
// ends (a carriage return alone, found by FuzzParse) parses like the same
// file with LF line ends, and that an error in it names the same line:
// YAML counts a lone CR as a line end, and so must the line numbers.
func TestParseLoneCarriageReturns(t *testing.T) {
	good := "---\nid: x\ntitle: X\n---\n\n1. Een\n   twee.\n"
	a, err := Parse("a.md", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("a.md", []byte(strings.ReplaceAll(good, "\n", "\r")))
	if err != nil {
		t.Fatal(err)
	}
	if dump(a) != dump(b) {
		t.Errorf("CR line ends parse differently:\n%s\nvs\n%s", dump(a), dump(b))
	}
	bad := "---\nid: x\ntitle: X\nwhen: [\n---\n"
	_, errLF := Parse("a.md", []byte(bad))
	_, errCR := Parse("a.md", []byte(strings.ReplaceAll(bad, "\n", "\r")))
	if errLF == nil || errCR == nil || errLF.Error() != errCR.Error() {
		t.Errorf("errors differ:\nLF: %v\nCR: %v", errLF, errCR)
	}
}

// TestNormalizeNFC checks that text is read in normalisation form C, so
// that "één" with combining accents (NFD) reads, renders and compares as
// the precomposed characters, with the same lines.
func TestNormalizeNFC(t *testing.T) {
	nfd := "---\nid: x\ntitle: \"e\u0301e\u0301n\"\n---\n\n1. E\u0301e\u0301n regel\n   en nog e\u0301e\u0301n.\n"
	nfc := "---\nid: x\ntitle: \"\u00e9\u00e9n\"\n---\n\n1. \u00c9\u00e9n regel\n   en nog \u00e9\u00e9n.\n"
	a, err := Parse("a.md", []byte(nfd))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("a.md", []byte(nfc))
	if err != nil {
		t.Fatal(err)
	}
	if dump(a) != dump(b) {
		t.Errorf("NFD reads differently from NFC:\n%s\nvs\n%s", dump(a), dump(b))
	}
	if a.Title != "\u00e9\u00e9n" {
		t.Errorf("title %q is not NFC", a.Title)
	}
}

// TestParseLinks checks that a block keeps the texts of its external
// links, and only those: a reference to a clause is a Ref, not a link.
func TestParseLinks(t *testing.T) {
	src := "---\nid: x\ntitle: X\n---\n\nSee the [World Wide\nWeb](https://w3.org), [our **Privacy** Statement](/privacy) and [1.2](#y).\n\n### The [Handbook](/handbook)\n\n| a | b |\n|---|---|\n| [Acme](https://acme.test) | [](https://x.test) |\n\nNo links.\n"
	c, err := Parse("clauses/terms/x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, b := range c.Body {
		got = append(got, b.Links)
	}
	want := [][]string{{"World Wide Web", "our Privacy Statement"}, {"Handbook"}, {"Acme"}, nil}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links: got %q, want %q", got, want)
	}
}

func FuzzCollapseSpace(f *testing.F) {
	// want is the rune-by-rune definition.
	want := func(s string) string {
		var sb strings.Builder
		space := false
		for _, r := range s {
			if r == ' ' || r == '\t' || r == '\n' || r == '\u00a0' {
				if !space {
					sb.WriteByte(' ')
				}
				space = true
				continue
			}
			space = false
			sb.WriteRune(r)
		}
		return sb.String()
	}
	for _, s := range []string{"", "a b", "a  b", "a\tb", "a\nb", "a\u00a0b", " \u00a0 a\u00a0\u00a0", "é\u00a0è", "\xc2", "a\xc2 b", "€  5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // Parse refuses text that is not UTF-8
		}
		if got, w := collapseSpace(s), want(s); got != w {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, w)
		}
	})
}

// FuzzDirectiveComment checks comment and directive against the regular
// expressions that defined them.
func FuzzDirectiveComment(f *testing.F) {
	commentRE := regexp.MustCompile(`^\s*<!--([\s\S]*?)-->\s*$`)
	keyRE := regexp.MustCompile(`^\s*(id|when|number|numbering|end)\b\s*:?\s*(.*?)\s*$`)
	for _, s := range []string{"<!-- id: x -->", " <!--id x-->\n", "<!-->", "<!--->", "<!---->", "<!-- a --> -->", "<!-- numbering: {a}. -->",
		"<!-- numberx: 1 -->", "<!-- end -->", "<!-- when: hosting in services; id: 'y' -->", "<!-- id-foo -->", "<!-- id: : x\r -->", "x <!-- id: y -->"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		text, ok := comment(raw)
		m := commentRE.FindStringSubmatch(raw)
		if ok != (m != nil) || ok && text != m[1] {
			t.Fatalf("comment(%q) = %q, %v; the expression gives %q", raw, text, ok, m)
		}
		if strings.Contains(raw, "\n") {
			return // a directive's parts are split at line breaks
		}
		key, val, ok := directive(raw)
		km := keyRE.FindStringSubmatch(raw)
		if ok != (km != nil) || ok && (key != km[1] || val != km[2]) {
			t.Fatalf("directive(%q) = %q, %q, %v; the expression gives %q", raw, key, val, ok, km)
		}
	})
}
