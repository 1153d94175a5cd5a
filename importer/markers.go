package importer

import (
	"strconv"
	"strings"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/lazy"
)

// styleKind is a way of numbering list items.
type styleKind int

const (
	sNone       styleKind = iota
	sDotted               // 11.2. — a sub-clause: article number, dot, counter
	sUpperDot             // A.
	sLowerDot             // a.
	sLowerParen           // a)
	sLowerPar2            // (a)
	sRomanDot             // i.
	sRomanParen           // i)
	sRomanPar2            // (i)
	sDecDot               // 1.
	sDecParen             // 1)
	sBullet               // ●, ❖, •
	sOrdered              // a Markdown ordered list: the pattern comes from the configuration
)

// style is the numbering style of a list; glyph is the bullet character.
type style struct {
	kind  styleKind
	glyph string
}

func (s style) ordered() bool { return s.kind != sBullet && s.kind != sNone }

// pattern returns the numbering pattern that prints this style, or "" when
// the style leaves the pattern to the configuration.
func (s style) pattern(dot bool) string {
	switch s.kind {
	case sDotted:
		if dot {
			return "{parent}.{1}."
		}
		return "{parent}.{1}"
	case sUpperDot:
		return "{A}."
	case sLowerDot:
		return "{a}."
	case sLowerParen:
		return "{a})"
	case sLowerPar2:
		return "({a})"
	case sRomanDot:
		return "{i}."
	case sRomanParen:
		return "{i})"
	case sRomanPar2:
		return "({i})"
	case sDecDot:
		return "{1}."
	case sDecParen:
		return "{1})"
	case sBullet:
		return s.glyph
	}
	return ""
}

// format prints the marker of the n-th item, as the source would type it.
func (s style) format(n int) string {
	p := s.pattern(true)
	if p == "" {
		return ""
	}
	return clauses.FormatNumber(p, n, "")
}

// cand is one reading of a line-start marker.
type cand struct {
	style style
	value int
}

// marker is a recognised line-start marker with its readings.
type marker struct {
	typed  string // as typed: "11.6.", "A.", "(i)", "●"
	rest   string // the text after it
	cands  []cand
	parent int  // sDotted: the article number
	dot    bool // sDotted: typed with a trailing dot
	letter string
	// article is set for "A.1 Title" (an appendix article).
	article bool
}

var (
	dottedRE     = lazy.Regexp(`^(\d{1,3})\.(\d{1,3})(\.?)(?:\s+(.*))?$`)
	dottedGlueRE = lazy.Regexp(`^(\d{1,3})\.(\d{1,3})\.(\p{Lu}.*)$`)
	letterNumRE  = lazy.Regexp(`^([A-Z])\.(\d{1,2})\.?\s+(\S.*)$`)
	decimalRE    = lazy.Regexp(`^(\d{1,3})([.)])\s+(\S.*)$`)
	letterRE     = lazy.Regexp(`^([A-Za-z])([.)])(?:\s+(.*))?$`)
	romanRE      = lazy.Regexp(`^([ivxl]{2,6})([.)])(?:\s+(.*))?$`)
	paren2RE     = lazy.Regexp(`^\(([a-z]|[ivxl]{2,6})\)(?:\s+(.*))?$`)
	bulletRE     = lazy.Regexp(`^([●❖•○■▪◦➢►✓·])\s*(.*)$`)
)

// parseMarker recognises a numbering or bullet marker at the start of a
// line. It only reads the line; whether the marker really starts an item
// depends on what comes before, and the builder decides that.
func parseMarker(text string) (marker, bool) {
	if m := dottedGlueRE().FindStringSubmatch(text); m != nil {
		p, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		return marker{typed: m[1] + "." + m[2] + ".", rest: m[3], parent: p, dot: true,
			cands: []cand{{style{kind: sDotted}, n}}}, true
	}
	if m := dottedRE().FindStringSubmatch(text); m != nil {
		p, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		return marker{typed: m[1] + "." + m[2] + m[3], rest: m[4], parent: p, dot: m[3] == ".",
			cands: []cand{{style{kind: sDotted}, n}}}, true
	}
	if m := letterNumRE().FindStringSubmatch(text); m != nil {
		n, _ := strconv.Atoi(m[2])
		return marker{typed: m[1] + "." + m[2], rest: m[3], letter: m[1], article: true,
			cands: []cand{{style{}, n}}}, true
	}
	if m := decimalRE().FindStringSubmatch(text); m != nil {
		n, _ := strconv.Atoi(m[1])
		k := sDecDot
		if m[2] == ")" {
			k = sDecParen
		}
		return marker{typed: m[1] + m[2], rest: m[3], cands: []cand{{style{kind: k}, n}}}, true
	}
	if m := letterRE().FindStringSubmatch(text); m != nil {
		c := m[1]
		var out []cand
		switch {
		case m[2] == "." && c >= "a" && c <= "z":
			out = append(out, cand{style{kind: sLowerDot}, int(c[0]-'a') + 1})
			if v := romanValue(c); v > 0 {
				out = append(out, cand{style{kind: sRomanDot}, v})
			}
		case m[2] == "." && c >= "A" && c <= "Z":
			out = append(out, cand{style{kind: sUpperDot}, int(c[0]-'A') + 1})
		case m[2] == ")" && c >= "a" && c <= "z":
			out = append(out, cand{style{kind: sLowerParen}, int(c[0]-'a') + 1})
			if v := romanValue(c); v > 0 {
				out = append(out, cand{style{kind: sRomanParen}, v})
			}
		default:
			return marker{}, false
		}
		return marker{typed: c + m[2], rest: m[3], cands: out}, true
	}
	if m := romanRE().FindStringSubmatch(text); m != nil {
		v := romanValue(m[1])
		if v == 0 {
			return marker{}, false
		}
		k := sRomanDot
		if m[2] == ")" {
			k = sRomanParen
		}
		return marker{typed: m[1] + m[2], rest: m[3], cands: []cand{{style{kind: k}, v}}}, true
	}
	if m := paren2RE().FindStringSubmatch(text); m != nil {
		c := m[1]
		var out []cand
		if len(c) == 1 {
			out = append(out, cand{style{kind: sLowerPar2}, int(c[0]-'a') + 1})
		}
		if v := romanValue(c); v > 0 {
			out = append(out, cand{style{kind: sRomanPar2}, v})
		}
		if len(out) == 0 {
			return marker{}, false
		}
		return marker{typed: "(" + c + ")", rest: m[2], cands: out}, true
	}
	if m := bulletRE().FindStringSubmatch(text); m != nil {
		return marker{typed: m[1], rest: m[2], cands: []cand{{style{kind: sBullet, glyph: m[1]}, 0}}}, true
	}
	return marker{}, false
}

// romanValue reads a lower-case roman numeral up to 49, or returns 0.
func romanValue(s string) int {
	for n := 1; n < 50; n++ {
		if strings.ToLower(clauses.FormatNumber("{I}", n, "")) == s {
			return n
		}
	}
	return 0
}
