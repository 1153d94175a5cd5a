package clauses

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/termsmith/termsmith/internal/lazy"
)

// Numbering says how a document numbers its articles and its list levels.
// A pattern is text with one counter in braces:
//
//	{1} 1, 2, 3   {A} A, B, C   {a} a, b, c   {I} I, II   {i} i, ii
//
// and optionally {parent}, the reference number of the enclosing article or
// item: "{parent}.{1}." numbers sub-clauses 11.1., 11.2. A pattern without a
// counter is a bullet ("●").
type Numbering struct {
	Article string   `yaml:"article"` // e.g. "{1}." or "A.{1}"
	Levels  []string `yaml:"levels"`  // ordered lists, by depth: "{parent}.{1}.", "{A}.", "{a}.", "({i})"
	Bullets []string `yaml:"bullets"` // bullet lists, by depth: "●", "○"
}

// DefaultNumbering is used where the store configuration and the document
// manifest say nothing.
var DefaultNumbering = Numbering{
	Article: "{1}.",
	Levels:  []string{"{parent}.{1}.", "{A}.", "{a}.", "({i})", "{1}."},
	Bullets: []string{"●", "○", "■"},
}

// Merge returns n with empty fields taken from def.
func (n Numbering) Merge(def Numbering) Numbering {
	if n.Article == "" {
		n.Article = def.Article
	}
	if len(n.Levels) == 0 {
		n.Levels = def.Levels
	}
	if len(n.Bullets) == 0 {
		n.Bullets = def.Bullets
	}
	return n
}

var counterRE = lazy.Regexp(`\{(1|A|a|I|i|parent)\}`)
var braceRE = lazy.Regexp(`\{[^}]*\}`)

// CheckPattern reports whether p is a valid numbering pattern.
func CheckPattern(p string) error {
	if strings.TrimSpace(p) == "" {
		return fmt.Errorf("empty numbering pattern")
	}
	counters := 0
	for _, m := range braceRE().FindAllString(p, -1) {
		if !counterRE().MatchString(m) {
			return fmt.Errorf("numbering pattern %q: unknown counter %s (use {1}, {A}, {a}, {I}, {i} or {parent})", p, m)
		}
		if m != "{parent}" {
			counters++
		}
	}
	if counters > 1 {
		return fmt.Errorf("numbering pattern %q: more than one counter", p)
	}
	return nil
}

// FormatNumber expands pattern for the n-th (1-based) item; parent is the
// enclosing reference number.
func FormatNumber(pattern string, n int, parent string) string {
	return counterRE().ReplaceAllStringFunc(pattern, func(m string) string {
		switch m {
		case "{1}":
			return strconv.Itoa(n)
		case "{A}":
			return alpha(n, 'A')
		case "{a}":
			return alpha(n, 'a')
		case "{I}":
			return roman(n)
		case "{i}":
			return strings.ToLower(roman(n))
		default:
			return parent
		}
	})
}

// IsBullet reports whether a pattern has no counter.
func IsBullet(pattern string) bool {
	for _, m := range counterRE().FindAllString(pattern, -1) {
		if m != "{parent}" {
			return false
		}
	}
	return true
}

// NestsParent reports whether a pattern includes the parent number.
func NestsParent(pattern string) bool { return strings.Contains(pattern, "{parent}") }

func alpha(n int, base rune) string {
	var out []rune
	for n > 0 {
		n--
		out = append([]rune{base + rune(n%26)}, out...)
		n /= 26
	}
	return string(out)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var sb strings.Builder
	for i, v := range vals {
		for n >= v {
			sb.WriteString(syms[i])
			n -= v
		}
	}
	return sb.String()
}
