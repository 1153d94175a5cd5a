package lazy

import "testing"

func TestRegexp(t *testing.T) {
	re := Regexp(`^a+$`)
	if !re().MatchString("aaa") || re().MatchString("b") {
		t.Error("the lazily compiled expression does not match as regexp.MustCompile would")
	}
	if first, again := re(), re(); first != again {
		t.Error("each call compiled the expression again")
	}
	defer func() {
		if recover() == nil {
			t.Error("an invalid expression did not panic on first use")
		}
	}()
	Regexp(`(`)()
}
