package names

import (
	"regexp"
	"strings"
	"testing"
)

// The checks accept exactly what the regular expressions they replace
// accepted.
func TestPlainAndHexMatchTheirExpressions(t *testing.T) {
	plain := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	hex := regexp.MustCompile(`^[0-9a-f]{40}$`)
	inputs := []string{"", "a", "A", "0", "-a", ".a", "_a", "a-b.c_d", "a b", "a/b", "é", "aé", "a\n",
		strings.Repeat("a", 63), strings.Repeat("a", 64), strings.Repeat("a", 65),
		strings.Repeat("0", 40), strings.Repeat("f", 40), strings.Repeat("F", 40), strings.Repeat("0", 39), strings.Repeat("0", 41), strings.Repeat("g", 40)}
	for _, s := range inputs {
		if got, want := Plain(s, 64), plain.MatchString(s); got != want {
			t.Errorf("Plain(%q, 64) = %v, the expression says %v", s, got, want)
		}
		if got, want := Hex(s, 40), hex.MatchString(s); got != want {
			t.Errorf("Hex(%q, 40) = %v, the expression says %v", s, got, want)
		}
	}
}

func FuzzPlain(f *testing.F) {
	plain := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)
	f.Add("a-b")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Plain(s, 100), plain.MatchString(s); got != want {
			t.Fatalf("Plain(%q, 100) = %v, the expression says %v", s, got, want)
		}
	})
}
