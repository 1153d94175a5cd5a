package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word of a text, or a stand-in for a reference or variable.
type token struct {
	word       string // as written, without the punctuation around it
	off, end   int    // byte offsets in the text
	start      bool   // first word of a sentence, line, item or cell
	afterParen bool   // right after "("
	opaque     bool   // a reference, variable or check mark
	place      bool   // a Dutch place name written ’s-Gravenhage
}

var bullets = "●○■▪•❖◦–"

// tokenize splits text into words. A word is letters and digits, with
// hyphens and apostrophes inside it ("Log-in-gegevens", "Euro’s"). A word
// starts a sentence at the start of the text, after . ! ? :, after a line
// break and after a bullet.
func tokenize(s string) []token {
	var toks []token
	start, paren := true, false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		place := (r == '’' || r == '\'') && strings.HasPrefix(s[i+n:], "s-")
		switch {
		case r == opaqueMark:
			toks = append(toks, token{opaque: true, off: i, end: i + n})
			start, paren = false, false
			i += n
		case isWordRune(r) || place:
			j := i + n
			if place {
				j += 2
			}
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				if r2 == '-' || r2 == '\'' || r2 == '’' {
					if r3, _ := utf8.DecodeRuneInString(s[j+n2:]); j+n2 < len(s) && isWordRune(r3) {
						j += n2
						continue
					}
				}
				break
			}
			toks = append(toks, token{word: s[i:j], off: i, end: j, start: start, afterParen: paren, place: place})
			start, paren = false, false
			i = j
		default:
			switch {
			case r == '.' && abbreviation(s, toks, i):
				// "U.S. Federal", "e.g. Stripe": no new sentence.
			case strings.ContainsRune(".!?:", r), r == breakMark, strings.ContainsRune(bullets, r):
				start = true
			case r == '(':
				paren = true
			}
			i += n
		}
	}
	return toks
}

// abbreviation reports whether the full stop at s[i] ends a dotted
// abbreviation such as "U.S." or "e.g.": it follows a single letter that
// follows another full stop.
func abbreviation(s string, toks []token, i int) bool {
	if len(toks) == 0 {
		return false
	}
	t := toks[len(toks)-1]
	r, _ := utf8.DecodeRuneInString(t.word)
	return t.end == i && utf8.RuneCountInString(t.word) == 1 && unicode.IsLetter(r) && t.off > 0 && s[t.off-1] == '.'
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// capitalised reports whether a word starts with an upper-case letter.
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// allCaps reports whether a word has letters and none of them lower-case:
// an abbreviation such as AVG, BW or ISO.
func allCaps(w string) bool {
	letters := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// mixedCase reports whether a word has an upper-case letter after a
// lower-case one, as names do: SmartTrackers, KvK, SaaS; or starts with an
// abbreviation run into a word: OAuth, IPv6 — but not the Dutch IJ of
// IJsland, one capital letter written as two.
func mixedCase(w string) bool {
	lower := false
	upper := 0 // leading upper-case letters
	for _, r := range w {
		if r == '-' {
			return false
		}
		if unicode.IsUpper(r) && lower {
			return true
		}
		if unicode.IsUpper(r) && !lower {
			upper++
		}
		if unicode.IsLower(r) && !lower && upper >= 2 && !strings.HasPrefix(w, "IJ") {
			return true
		}
		lower = lower || unicode.IsLower(r)
	}
	return false
}

func isNumber(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// isIdentifier reports whether a word numbers something: "1", "B", "IV".
func isIdentifier(w string) bool {
	if isNumber(w) {
		return true
	}
	if utf8.RuneCountInString(w) == 1 && capitalised(w) {
		return true
	}
	return strings.Trim(w, "IVX") == "" && len(w) <= 4
}

// stem reduces a word to a key that its plural and inflected forms share:
// Klant/Klanten, Partij/Partijen, Eindgebruiker/Eindgebruikers,
// Verwerking/Verwerkingen/Verwerken/Verwerkte, Werkzaamheid/Werkzaamheden.
// English plurals in -es share the key too: Service/Services. It also
// drops a possessive ’s.
func stem(w string) string {
	s := strings.ToLower(w)
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf)+2 {
			s = strings.TrimSuffix(s, suf)
			break
		}
	}
	switch {
	case strings.HasSuffix(s, "heden"):
		return strings.TrimSuffix(s, "heden") + "heid"
	case strings.HasSuffix(s, "ies") && len(s) > 5:
		return strings.TrimSuffix(s, "ies") + "y"
	}
	for _, suf := range []string{"ingen", "ing", "en", "te", "s", "e"} {
		if strings.HasSuffix(s, suf) && utf8.RuneCountInString(s)-len(suf) >= 3 {
			s = strings.TrimSuffix(s, suf)
			if suf == "s" && strings.HasSuffix(s, "e") && utf8.RuneCountInString(s) > 3 {
				// An English plural in -es: Services and Service,
				// Licences and Licence.
				s = strings.TrimSuffix(s, "e")
			}
			return s
		}
	}
	return s
}

// stems returns the keys of the words of a phrase.
func stems(phrase string) []string {
	var out []string
	for _, t := range tokenize(phrase) {
		if !t.opaque {
			out = append(out, stem(t.word))
		}
	}
	return out
}

// connectors may join the words of a capitalised phrase: "Software as a
// Service", "Bank of England" is not one of them, nor are "en" and "of":
// they join two phrases ("Safari en Firefox"), not the words of one.
var connectors = map[string]bool{
	"van": true, "de": true, "der": true, "het": true, "in": true, "voor": true, "op": true,
	"as": true, "a": true, "an": true, "the": true, "for": true,
}

// determiners are words that, capitalised mid-sentence, are a slip of the
// pen rather than a new term: "Klant en Iedere Eindgebruiker".
var determiners = map[string]bool{
	"iedere": true, "ieder": true, "elke": true, "elk": true, "deze": true, "dit": true, "die": true,
	"dat": true, "alle": true, "geen": true, "enige": true, "een": true, "de": true, "het": true,
	"zijn": true, "haar": true, "hun": true, "onze": true, "uw": true, "any": true, "each": true,
	"every": true, "all": true, "this": true, "that": true, "such": true, "the": true, "its": true,
}
