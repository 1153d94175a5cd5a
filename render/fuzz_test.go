package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/internal/fuzzguard"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// FuzzAgreementMarkdown puts a fuzzed value where customer values go in
// the fixture customer's agreement — the address, the legal name, the
// signatory, a variable's value inside a paragraph, in a list item and in
// a table cell — and checks that the Markdown, read by a CommonMark
// parser with GFM tables and strikethrough, has exactly the block
// structure (headings and their levels, paragraphs, tables and their
// rows, lists) of the same agreement with a plain value: no value can add
// a heading, an article, a list, a table row or a code block.
func FuzzAgreementMarkdown(f *testing.F) {
	for _, s := range []string{
		"Dorpsstraat 2\n\n## 99. EXTRA ARTIKEL\n\nDe klant betaalt alles.",
		"x\n# kop", "1. lijst", "12) lijst", "- punt", "+ punt", "* punt", "---", "===", "***",
		"| a | b |\n|---|---|\n| c | d |", "<script>alert(1)</script>", "<u>onderstreept</u>",
		"`code`", "```\ncode\n```", "~~~\ncode", "    ingesprongen", "\ttab", "a\r\n# kop", "a\rb",
		"&amp; &lt; &#35;", "~~doorgehaald~~", "[link](https://x)", "![plaatje](x.png)", "a\\", "a  \nb",
		"einde #", "\u2028## kop", "\u0085# kop", "> citaat", "<!-- commentaar -->", "x\f# kop", "x\v# kop",
	} {
		f.Add(s)
	}
	plain := assemble(f, "acme")
	want := mdStructure(f, withValue(plain, "waarde"))
	f.Fuzz(func(t *testing.T, v string) {
		if len(v) > 4096 {
			t.Skip("values over 4 KiB")
		}
		defer fuzzguard.Start(t)()
		got := mdStructure(t, withValue(plain, v))
		if got != want {
			t.Errorf("value %q changes the Markdown's structure:\n%s\nwant:\n%s", v, got, want)
		}
	})
}

// withValue returns the Markdown of doc with v in every customer value and
// in the first text of every paragraph, item and table cell. doc is
// copied, not changed.
func withValue(doc *agreement.Agreement, v string) []byte {
	d := *doc
	c := *doc.Customer
	c.LegalName, c.Address, c.Place = v, v, v
	c.Signatory.Name, c.Signatory.Title = v, v
	d.Customer = &c
	var cp func([]*agreement.Block) []*agreement.Block
	cp = func(bs []*agreement.Block) []*agreement.Block {
		out := make([]*agreement.Block, len(bs))
		for i, b := range bs {
			nb := *b
			if len(b.Inlines) > 0 {
				nb.Inlines = append([]agreement.Inline{{Text: v}}, b.Inlines...)
			}
			if len(b.Rows) > 0 {
				nb.Rows = make([][][]agreement.Inline, len(b.Rows))
				for r, row := range b.Rows {
					nb.Rows[r] = make([][]agreement.Inline, len(row))
					for k, cell := range row {
						nb.Rows[r][k] = append([]agreement.Inline{{Text: v}}, cell...)
					}
				}
			}
			nb.Children = cp(b.Children)
			out[i] = &nb
		}
		return out
	}
	d.Parts = make([]*agreement.Part, len(doc.Parts))
	for i, p := range doc.Parts {
		np := *p
		np.Blocks = cp(p.Blocks)
		d.Parts[i] = &np
	}
	out, err := AgreementMarkdown(&d)
	if err != nil {
		panic(err)
	}
	return out
}

var mdReader = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// mdStructure lists the block nodes of a Markdown text, one per line and
// indented by depth, with a heading's level and a table's row count.
func mdStructure(t testing.TB, src []byte) string {
	doc := mdReader.Parser().Parse(text.NewReader(src))
	var b strings.Builder
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		depth := 0
		for p := n.Parent(); p != nil; p = p.Parent() {
			depth++
		}
		fmt.Fprintf(&b, "%s%s", strings.Repeat("  ", depth), n.Kind())
		switch n := n.(type) {
		case *ast.Heading:
			fmt.Fprintf(&b, " %d", n.Level)
		case *east.Table:
			fmt.Fprintf(&b, " %d rows", n.ChildCount())
		}
		b.WriteString("\n")
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
