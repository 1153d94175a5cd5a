package progress

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
)

func TestBar(t *testing.T) {
	var b bytes.Buffer
	p := newBar(&b, "rendering", 4, true)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() { defer wg.Done(); p.Done() }()
	}
	wg.Wait()
	if !strings.Contains(b.String(), "\rrendering [==============================] 4/4") {
		t.Errorf("progress on a terminal: %q", b.String())
	}
	if !strings.Contains(b.String(), "\rrendering [=======                       ] 1/4") {
		t.Errorf("progress on a terminal after the first item: %q", b.String())
	}
	p.Finish()
	if !strings.HasSuffix(b.String(), "\r\033[K") {
		t.Error("the bar is not cleared at the end")
	}
	b.Reset()
	p = New(&b, "rendering", 4)
	p.Done()
	p.Finish()
	if b.Len() != 0 {
		t.Errorf("progress without a terminal: %q, want nothing", b.String())
	}
}

func TestIsTerminal(t *testing.T) {
	if IsTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is not a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "f")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(f) {
		t.Error("a regular file is not a terminal")
	}
}
