package layout

import "bytes"

// compactContent returns a page's content stream without the font
// selections that change nothing. maroto selects the font three times
// before every piece of text, each time as a text object of its own
// ("BT /F… 10.00 Tf ET", 56 bytes), whether or not the font is already
// the one in force: about half of what gofpdf writes for a page. A text
// object that only selects the font in force is dropped; everything else
// is kept byte for byte.
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
		out      = make([]byte, 0, len(src))
		copied   int      // src[:copied] is decided
		font     []byte   // the operands of the Tf in force; nil if unknown
		saved    [][]byte // the fonts q saved
		operands []pdfTok // of the operator being read
		// A text object that so far only selected a font: where its BT
		// starts, and the font in force before it.
		bt     = -1
		before []byte
		onlyTf bool
	)
	for t := range pdfTokens(src) {
		if t.kind != tokOperator {
			operands = append(operands, t)
			continue
		}
		op, args := string(src[t.start:t.end]), operands
		operands = operands[:0]
		start := t.start
		if len(args) > 0 {
			start = args[0].start
		}
		wasBT := bt >= 0
		switch op {
		case "BT":
			bt, before, onlyTf = start, font, false
			if len(args) > 0 {
				bt = -1
			}
			continue
		case "Tf":
			if len(args) == 2 && args[0].kind == tokName && args[1].kind == tokOther {
				font = src[args[0].start:args[1].end]
			} else {
				font = nil
			}
			if wasBT && !onlyTf && font != nil {
				onlyTf = true
				continue
			}
		case "ET":
			if wasBT && onlyTf && len(args) == 0 && before != nil && bytes.Equal(before, font) {
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
			if n := len(saved); n > 0 {
				font, saved = saved[n-1], saved[:n-1]
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

// pdfTokens yields the tokens of a content stream. It does not fail: bytes
// it cannot read are tokens of kind tokOther.
func pdfTokens(src []byte) func(yield func(pdfTok) bool) {
	return func(yield func(pdfTok) bool) {
		i := 0
		for i < len(src) {
			c := src[i]
			switch {
			case isPDFSpace(c):
				i++
				continue
			case c == '%': // a comment, to the end of the line
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
			case c == '<' && i+1 < len(src) && src[i+1] == '<', c == '>' && i+1 < len(src) && src[i+1] == '>':
				i += 2
			case c == '<':
				kind = tokString
				for i < len(src) && src[i] != '>' {
					i++
				}
				i = min(i+1, len(src))
			case c == '[' || c == ']' || c == '{' || c == '}' || c == ')' || c == '>':
				kind, i = tokArray, i+1
			case c == '/':
				kind = tokName
				i++
				for i < len(src) && !isPDFSpace(src[i]) && !isPDFDelimiter(src[i]) {
					i++
				}
			default:
				for i < len(src) && !isPDFSpace(src[i]) && !isPDFDelimiter(src[i]) {
					i++
				}
				if c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9' {
					kind = tokOther
				} else {
					kind = tokOperator
				}
			}
			if !yield(pdfTok{kind, start, i}) {
				return
			}
		}
	}
}

// endOfString returns the index after the literal string that starts at
// src[i] == '(': parentheses nest, a backslash escapes the next byte.
func endOfString(src []byte, i int) int {
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

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}
