// Package names checks the plain names termsmith accepts from data where
// they become file names, refs or record fields: checked by hand rather
// than by regular expressions such as ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$,
// whose compiled programs hold one copy of the class per repetition and
// take a quarter of a millisecond each to compile in every process.
package names

// Plain reports whether s is 1 to max bytes of ASCII letters, digits,
// '.', '_' and '-', starting with a letter or digit.
func Plain(s string, max int) bool {
	if s == "" || len(s) > max || !alnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !alnum(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// Hex reports whether s is exactly n lower-case hexadecimal digits.
func Hex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func alnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
