package layout

import "bytes"

// compactContent removes from a page's content stream the font selections
// that change nothing, in place, and returns what is left. maroto selects
// the font three times before every piece of text, each time as a text
// object of its own ("BT /F… 10.00 Tf ET", 56 bytes), whether or not the
// font is already the one in force: about half of what gofpdf writes for a
// page. A text object that only selects the font in force is dropped;
// everything else is kept byte for byte.
//
// The font is part of the graphics state: it lasts across text objects,
// is saved by q and restored by Q. The stream is read as PDF tokens (a
// literal string, with its escapes and nested parentheses, is one token,
// whatever bytes it holds), so a string that contains "Tf" or "Q" cannot
// mislead it, and a font selected any other way is tracked too. Content
// it does not understand leaves the font unknown, so that nothing after
// it is dropped.
func compactContent(src []byte) []byte {
	var (
		out    = src[:0] // written behind the reading: the kept bytes move forward
		copied int       // src[:copied] is decided
		font   []byte    // the operands of the Tf in force; nil if unknown
		saved  [][]byte  // the fonts q saved
		// The operands of the operator being read: how many, where the
		// first starts, and the last two.
		nargs, first int
		prev, last   pdfTok
		// A text object that so far only selected a font: where its BT
		// starts, and the font in force before it.
		bt     = -1
		before []byte
		onlyTf bool
	)
	z := tokenizer{src: src}
	for {
		t, ok := z.next()
		if !ok {
			break
		}
		if t.kind != tokOperator {
			if nargs == 0 {
				first = t.start
			}
			nargs++
			prev, last = last, t
			continue
		}
		op := src[t.start:t.end]
		start := t.start
		if nargs > 0 {
			start = first
		}
		n := nargs
		nargs = 0
		wasBT := bt >= 0
		switch string(op) {
		case "BT":
			bt, before, onlyTf = start, font, false
			if n > 0 {
				bt = -1
			}
			continue
		case "Tf":
			font = nil
			if n == 2 && prev.kind == tokName && last.kind == tokOther {
				font = src[prev.start:last.end]
			}
			if wasBT && !onlyTf && font != nil {
				onlyTf = true
				continue
			}
		case "ET":
			if wasBT && onlyTf && n == 0 && before != nil && bytes.Equal(before, font) {
				// Drop "BT … Tf ET" and the line break after it.
				end := t.end
				if end < len(src) && src[end] == '\n' {
					end++
				}
				out = append(out, src[copied:bt]...)
				copied = end
			}
		case "q":
			saved = append(saved, font)
		case "Q":
			font = nil
			if k := len(saved); k > 0 {
				font, saved = saved[k-1], saved[:k-1]
			}
		case "BI", "ID":
			// An inline image's data is not tokens: keep the rest as it is.
			return append(out, src[copied:]...)
		}
		bt = -1
	}
	return append(out, src[copied:]...)
}

// The kinds of content-stream tokens compactContent tells apart.
const (
	tokOperator = iota // a keyword: BT, Tf, q, …
	tokName            // /Name
	tokString          // (…) or <…>
	tokArray           // [ or ]
	tokOther           // a number, a dictionary delimiter
)

// pdfTok is a token: its kind and where it is in the stream.
type pdfTok struct {
	kind       int
	start, end int
}

// The classes of bytes the tokenizer tells apart.
const (
	byteRegular = iota
	byteSpace
	byteDelimiter
)

var byteClass = func() (t [256]uint8) {
	for _, c := range []byte(" \n\r\t\f\x00") {
		t[c] = byteSpace
	}
	for _, c := range []byte("()<>[]{}/%") {
		t[c] = byteDelimiter
	}
	return t
}()

// tokenizer reads the tokens of a content stream. It does not fail: bytes
// it cannot read are tokens of kind tokOther.
type tokenizer struct {
	src []byte
	i   int
}

// next returns the next token, and false at the end.
func (z *tokenizer) next() (pdfTok, bool) {
	src, i := z.src, z.i
	for i < len(src) {
		c := src[i]
		if byteClass[c] == byteSpace {
			i++
			continue
		}
		if c == '%' { // a comment, to the end of the line
			for i < len(src) && src[i] != '\n' && src[i] != '\r' {
				i++
			}
			continue
		}
		start := i
		kind := tokOther
		switch {
		case c == '(':
			kind, i = tokString, endOfString(src, i)
		case (c == '<' || c == '>') && i+1 < len(src) && src[i+1] == c: // << or >>
			i += 2
		case c == '<':
			kind = tokString
			if k := bytes.IndexByte(src[i:], '>'); k >= 0 {
				i += k + 1
			} else {
				i = len(src)
			}
		case c == '/':
			kind = tokName
			i++
			for i < len(src) && byteClass[src[i]] == byteRegular {
				i++
			}
		case byteClass[c] == byteDelimiter: // [ ] { } ) >
			kind, i = tokArray, i+1
		default:
			for i < len(src) && byteClass[src[i]] == byteRegular {
				i++
			}
			if !(c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9') {
				kind = tokOperator
			}
		}
		z.i = i
		return pdfTok{kind, start, i}, true
	}
	z.i = i
	return pdfTok{}, false
}

// endOfString returns the index after the literal string that starts at
// src[i] == '(': parentheses nest, a backslash escapes the next byte.
func endOfString(src []byte, i int) int {
	// Most strings hold neither parentheses nor backslashes: the first
	// ")" ends them.
	if k := bytes.IndexByte(src[i+1:], ')'); k >= 0 {
		s := src[i+1 : i+1+k]
		if bytes.IndexByte(s, '(') < 0 && bytes.IndexByte(s, '\\') < 0 {
			return i + 1 + k + 1
		}
	}
	depth := 0
	for ; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(src)
}
