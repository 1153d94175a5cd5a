package clauses

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/termsmith/termsmith/internal/lazy"
)

// MaxIDLength is the longest id, in bytes (ids are ASCII).
const MaxIDLength = 80

// IDProblem says what is wrong with an id that ValidID refuses, for a
// message such as `invalid customer id "x": <problem>`; "" for a valid id.
func IDProblem(s string) string {
	switch {
	case ValidID(s):
		return ""
	case s == "":
		return "an id cannot be empty"
	case len(s) > MaxIDLength && IDPattern().MatchString(s):
		return fmt.Sprintf("it is %d characters long; the limit is %d", len(s), MaxIDLength)
	case len(s) > MaxIDLength:
		return fmt.Sprintf("use lower-case letters, digits and hyphens, at most %d", MaxIDLength)
	default:
		return "use lower-case letters, digits and hyphens"
	}
}

// QuoteID quotes an id, or a name that should have been one, for a
// message: control and invisible characters escaped, and cut short when
// it is much longer than an id may be.
func QuoteID(s string) string {
	if len(s) > 2*MaxIDLength {
		cut := MaxIDLength
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return fmt.Sprintf("%q… (%d bytes)", s[:cut], len(s))
	}
	return fmt.Sprintf("%q", s)
}

// Invisible reports whether r is a character that shows nothing, or
// something other than itself, where it stands: a C0 or C1 control
// character (tab and line feed excepted), DEL, a bidirectional control
// (U+202A–U+202E, U+2066–U+2069, and the marks U+200E, U+200F, U+061C),
// a zero-width character (U+200B–U+200D, U+2060, U+FEFF) or a soft
// hyphen (U+00AD). Such characters hide text or a change in it; name
// says which it is.
func Invisible(r rune) (name string, invisible bool) {
	switch {
	case r == '\t' || r == '\n':
		return "", false
	case r < 0x20 || r == 0x7f:
		return "control character", true
	case r >= 0x80 && r < 0xa0:
		return "C1 control character", true
	case r == 0xad:
		return "soft hyphen", true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return "bidirectional control", true
	case r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff:
		return "zero-width character", true
	}
	return "", false
}

// Visible returns s with every Invisible character written as \u{XXXX}
// (tabs and line feeds are kept), so that what a terminal shows is what
// the text holds and no control sequence reaches it.
func Visible(s string) string { return escapeRunes(s, false) }

// VisibleName is Visible for a name that must stay on one line (a file
// name in a message or a summary): tabs and line feeds are escaped too,
// and bytes that are not UTF-8 as \x{XX}.
func VisibleName(s string) string { return escapeRunes(s, true) }

func escapeRunes(s string, oneLine bool) string {
	escape := func(r rune) bool {
		_, bad := Invisible(r)
		return bad || oneLine && (r == '\t' || r == '\n' || r == utf8.RuneError)
	}
	if !strings.ContainsFunc(s, escape) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1 && oneLine:
			fmt.Fprintf(&b, `\x{%02X}`, s[i])
		case escape(r) && r != utf8.RuneError:
			fmt.Fprintf(&b, `\u{%04X}`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// dateShape is what a date looks like: YYYY-MM-DD.
var dateShape = lazy.Regexp(`^(\d{4})-(\d{2})-(\d{2})$`)

// ParseDate parses a YYYY-MM-DD date (UTC midnight). A date in that form
// that does not exist — 2026-02-30, 2026-13-01 — is refused as impossible,
// saying why; anything else is refused for its form.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err == nil {
		return t, nil
	}
	m := dateShape().FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, fmt.Errorf("date %s: use YYYY-MM-DD", QuoteID(s))
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 {
		return time.Time{}, fmt.Errorf("date %q does not exist: there is no month %d", s, mo)
	}
	if d < 1 {
		return time.Time{}, fmt.Errorf("date %q does not exist: there is no day %d", s, d)
	}
	days := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Time{}, fmt.Errorf("date %q does not exist: %s %d has %d days", s, time.Month(mo), y, days)
}
