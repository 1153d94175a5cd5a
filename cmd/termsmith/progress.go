package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

// progress draws a progress bar on standard error while a batch (--all)
// runs, when standard error is a terminal; otherwise it prints nothing, so
// logs and scripts see only the summary.
type progress struct {
	w     io.Writer
	label string
	total int
	on    bool
	n     atomic.Int64
	mu    sync.Mutex
}

func newProgress(w io.Writer, label string, total int, terminal bool) *progress {
	return &progress{w: w, label: label, total: total, on: terminal}
}

// done counts one finished item; workers call it concurrently.
func (p *progress) done() {
	n := int(p.n.Add(1))
	if !p.on {
		return
	}
	const width = 30
	filled := width * n / max(p.total, 1)
	p.mu.Lock()
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d", p.label, strings.Repeat("=", filled), strings.Repeat(" ", width-filled), n, p.total)
	p.mu.Unlock()
}

// finish clears the bar.
func (p *progress) finish() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// stderrIsTerminal reports whether w is a terminal (a character device).
func stderrIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
