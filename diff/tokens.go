package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termsmith/termsmith/agreement"
)

// token is one unit of the word diff: a word, a run of white space, a
// punctuation mark, a cross-reference or a separator between paragraphs or
// table cells. Tokens compare by key; text is what is printed.
type token struct {
	key  string
	text string
}

// isSpace reports whether t is white space (a space or a paragraph or cell
// separator), which never carries a change on its own.
func (t token) isSpace() bool {
	return t.key == " " || t.key == sepPara || t.key == sepCell
}

// isWord reports whether t is a word or a cross-reference.
func (t token) isWord() bool {
	if strings.HasPrefix(t.key, refPrefix) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t.key)
	return isWordRune(r) || r == '€'
}

// Keys of the tokens that are not plain text.
const (
	refPrefix = "\x00ref:" // + target id: a cross-reference, whatever number it prints
	sepPara   = "\n"       // between the paragraphs of a clause, and between table rows
	sepCell   = "\x00|"    // between the cells of a table row
)

var (
	spaceToken = token{key: " ", text: " "}
	paraToken  = token{key: sepPara, text: "\n"}
	// breakToken is a hard line break (an address block): white space to
	// the comparison, a line end when printed.
	breakToken = token{key: " ", text: "\n"}
	cellToken  = token{key: sepCell, text: " | "}
)

// tokenizer turns inline runs into tokens. White space is collapsed across
// runs, and trimmed at the start and end of a paragraph.
type tokenizer struct {
	out []token
}

// space adds one white-space token unless the text so far ends in one.
func (z *tokenizer) space() {
	if n := len(z.out); n > 0 && !z.out[n-1].isSpace() {
		z.out = append(z.out, spaceToken)
	}
}

// sep ends a paragraph (or table cell) with separator s.
func (z *tokenizer) sep(s token) {
	z.trimSpace()
	if len(z.out) > 0 {
		z.out = append(z.out, s)
	}
}

// brk adds a hard line break, which takes the place of white space.
func (z *tokenizer) brk() {
	n := len(z.out)
	switch {
	case n == 0 || z.out[n-1].key == sepPara || z.out[n-1].key == sepCell:
	case z.out[n-1].key == " ":
		z.out[n-1] = breakToken
	default:
		z.out = append(z.out, breakToken)
	}
}

func (z *tokenizer) trimSpace() {
	for n := len(z.out); n > 0 && z.out[n-1].key == " "; n = len(z.out) {
		z.out = z.out[:n-1]
	}
}

// ref adds a cross-reference: compared by its target, printed as its number.
func (z *tokenizer) ref(id, text string) {
	z.out = append(z.out, token{key: refPrefix + id, text: text})
}

// sink receives the content of a unit: the tokenizer makes its tokens, the
// normalizer its comparison key. Both see the same calls, so two units have
// the same key exactly when their tokens have the same keys.
type sink interface {
	text(s string)
	ref(id, text string)
	space()
	brk() // a hard line break: white space when compared
	sep(t token)
}

// feedInlines passes a paragraph of inline runs to s. Styles are ignored:
// emphasis is not a change of the terms, so neighbouring runs of text go
// as one text ("**Klant**en" is the word "Klanten").
func feedInlines(s sink, in []agreement.Inline) {
	for i := 0; i < len(in); i++ {
		x := in[i]
		switch {
		case x.Break:
			s.brk()
		case x.Ref != "":
			s.ref(x.Ref, x.Text)
		case i+1 < len(in) && isText(in[i+1]):
			var sb strings.Builder
			for ; i < len(in) && isText(in[i]); i++ {
				sb.WriteString(in[i].Text)
			}
			i--
			s.text(sb.String())
		default:
			s.text(x.Text)
		}
	}
}

func isText(x agreement.Inline) bool { return !x.Break && x.Ref == "" }

// normalizer builds the comparison keys of the units of a document in one
// buffer: text with white space collapsed to one space and trimmed at the
// ends of paragraphs, a cross-reference as NUL "ref:" id NUL, and the
// separators' keys. It is the concatenation of the keys of the tokens the
// tokenizer would make (with a NUL after each reference), without making
// them.
type normalizer struct {
	buf     []byte
	start   int  // where the current unit's key starts in buf
	spaced  bool // the key is empty or ends in white space or a separator
	pending bool // a space is due before the next text
	newline bool // the space due is a line break (printer only)
}

func (n *normalizer) begin() { n.start, n.spaced, n.pending = len(n.buf), true, false }

// printer is a sink that prints a unit's text as the tokenizer's tokens
// would print it, without making them.
type printer struct {
	normalizer
}

func (p *printer) ref(_, text string) {
	p.flush()
	p.buf = append(p.buf, text...)
}

// brk prints a hard line break as a line end.
func (p *printer) brk() {
	p.space()
	if p.pending {
		p.newline = true
	}
}

func (p *printer) sep(t token) {
	p.pending, p.newline = false, false
	if len(p.buf) > p.start {
		p.buf = append(p.buf, t.text...)
		p.spaced = true
	}
}

func (n *normalizer) space() {
	if !n.spaced {
		n.pending = true
	}
}

func (n *normalizer) flush() {
	if n.pending {
		if n.newline {
			n.buf = append(n.buf, '\n')
		} else {
			n.buf = append(n.buf, ' ')
		}
		n.pending, n.newline = false, false
	}
	n.spaced = false
}

// brk is white space in a comparison key.
func (n *normalizer) brk() { n.space() }

func (n *normalizer) text(s string) {
	run := 0 // start of the run of non-space text not yet appended
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if r == ' ' || (r >= utf8.RuneSelf || r < ' ') && unicode.IsSpace(r) {
			if run < i {
				n.flush()
				n.buf = append(n.buf, s[run:i]...)
			}
			n.space()
			run = i + size
		}
		i += size
	}
	if run < len(s) {
		n.flush()
		n.buf = append(n.buf, s[run:]...)
	}
}

func (n *normalizer) ref(id, _ string) {
	n.flush()
	n.buf = append(n.buf, refPrefix...)
	n.buf = append(n.buf, id...)
	n.buf = append(n.buf, 0)
}

func (n *normalizer) sep(t token) {
	n.pending = false
	if len(n.buf) > n.start {
		n.buf = append(n.buf, t.key...)
		n.spaced = true
	}
}

// text splits s into words, white space and punctuation. A word is a run of
// letters, digits and marks, joined by inner hyphens, dots, apostrophes,
// slashes and at-signs ("e-mail", "15.11", "’s-Hertogenbosch",
// "info@example.nl"), and by inner commas between digits ("1.250,50"). A
// euro sign before an amount belongs to it: "€ 100.000" is one token, so a
// changed amount reads "[-€ 100.000-]{+€ 150.000+}".
func (z *tokenizer) text(s string) {
	if cap(z.out)-len(z.out) < len(s)/3 {
		z.out = append(make([]token, 0, len(z.out)+len(s)/3+4), z.out...)
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == ' ' || (r >= utf8.RuneSelf || r < ' ') && unicode.IsSpace(r):
			z.space()
			i += size
		case isWordRune(r):
			j := wordEnd(s, i)
			z.word(s[i:j])
			i = j
		case elision(s, i, size):
			j := wordEnd(s, i+size)
			z.word(s[i:j])
			i = j
		default:
			z.out = append(z.out, token{key: s[i : i+size], text: s[i : i+size]})
			i += size
		}
	}
}

// word adds a word, joining it to a preceding currency sign.
func (z *tokenizer) word(w string) {
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(r) {
		n := len(z.out)
		switch {
		case n >= 1 && z.out[n-1].key == "€":
			z.out = z.out[:n-1]
			w = "€" + w
		case n >= 2 && z.out[n-1] == spaceToken && (z.out[n-2].key == "€" || z.out[n-2].key == "EUR"):
			w = z.out[n-2].key + " " + w
			z.out = z.out[:n-2]
		}
	}
	z.out = append(z.out, token{key: w, text: w})
}

// elision reports whether the apostrophe at s[i] starts a word: ’s and ’t
// as in "’s-Hertogenbosch" and "’t Gooi".
func elision(s string, i, size int) bool {
	if r, _ := utf8.DecodeRuneInString(s[i:]); r != '’' && r != '\'' {
		return false
	}
	rest := s[i+size:]
	if len(rest) == 0 || (rest[0] != 's' && rest[0] != 't') {
		return false
	}
	next, _ := utf8.DecodeRuneInString(rest[1:])
	return len(rest) == 1 || !isWordRune(next)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// wordEnd returns the end of the word starting at s[i].
func wordEnd(s string, i int) int {
	prevDigit := false
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			prevDigit = unicode.IsDigit(r)
			i += size
			continue
		}
		next, nsize := utf8.DecodeRuneInString(s[i+size:])
		if nsize == 0 || !isWordRune(next) {
			return i
		}
		switch r {
		case '-', '‑', '.', '’', '\'', '/', '@', '_':
		case ',':
			if !prevDigit || !unicode.IsDigit(next) {
				return i
			}
		default:
			return i
		}
		i += size
	}
	return i
}

// tokenString joins the printed text of tokens.
func tokenString(ts []token) string {
	n := 0
	for _, t := range ts {
		n += len(t.text)
	}
	var sb strings.Builder
	sb.Grow(n)
	for _, t := range ts {
		sb.WriteString(t.text)
	}
	return sb.String()
}
