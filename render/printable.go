package render

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/layout"
)

// printable checks that the PDF faces can print every character of an
// assembled document — its clauses, the customer's and the supplier's
// details — and returns an error naming the first place that holds one
// they cannot (docs/rendering.md, "Fonts": Latin with its extensions,
// Greek, Cyrillic, punctuation, currency and the symbols), rather than
// printing it as an empty box. The CLI exits with status 2 for it.
func printable(doc *agreement.Agreement) error {
	var err error
	check := func(file string, line int, what, s string) {
		if err != nil {
			return
		}
		if r, bad := layout.Unsupported(s); bad {
			name := fmt.Sprintf("U+%04X", r)
			if unicode.IsPrint(r) {
				name += " " + strconv.QuoteRune(r)
			}
			err = &clauses.Error{File: file, Line: line, Kind: clauses.KindInvalidValue,
				Msg: fmt.Sprintf("%s: character %s cannot be printed: the PDF font has no glyph for it (it covers Latin, Greek and Cyrillic; see docs/rendering.md)", what, name)}
		}
	}
	for _, p := range doc.Parts {
		check("clauses/"+p.ID+"/document.yaml", 0, "title", p.Heading())
		agreement.Walk(p.Blocks, func(b *agreement.Block) {
			file, line := splitSource(b.Source)
			check(file, line, "title", b.Title)
			inlines := func(in []agreement.Inline) {
				for _, x := range in {
					what := "text"
					if x.Var != "" {
						what = "variable " + x.Var
					}
					check(file, line, what, x.Text)
				}
			}
			inlines(b.Inlines)
			for _, row := range b.Rows {
				for _, cell := range row {
					inlines(cell)
				}
			}
		})
	}
	if c := doc.Customer; c != nil {
		for _, kv := range [][2]string{{"legal_name", c.LegalName}, {"address", c.Address}, {"kvk", c.KvK}, {"place", c.Place},
			{"contact", c.Contact.Name + c.Contact.Title}, {"signatory", c.Signatory.Name + c.Signatory.Title}} {
			check(c.File, c.Line(kv[0]), kv[0], kv[1])
		}
	}
	s := doc.Supplier
	for _, kv := range [][2]string{{"supplier.legal_name", s.LegalName}, {"supplier.trade_name", s.TradeName}, {"supplier.address", s.Address},
		{"supplier.place", s.Place}, {"supplier.signatory", s.Signatory.Name + s.Signatory.Title}} {
		check(clauses.ConfigFile, 0, kv[0], kv[1])
	}
	return err
}

// splitSource splits a block's "file:line".
func splitSource(src string) (string, int) {
	i := strings.LastIndexByte(src, ':')
	if i < 0 {
		return src, 0
	}
	n, err := strconv.Atoi(src[i+1:])
	if err != nil {
		return src, 0
	}
	return src[:i], n
}
