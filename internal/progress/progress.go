// Package progress draws a progress bar on standard error while a batch
// runs (render --all, notice --all, notice send) when it is a terminal;
// otherwise it draws nothing, so that logs and scripts see only the
// summary.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

// Bar is a progress bar of a batch of a known number of items.
type Bar struct {
	w     io.Writer
	label string
	total int
	on    bool
	n     atomic.Int64
	mu    sync.Mutex
}

// New returns a bar labelled label for total items, drawn on w when w is
// a terminal.
func New(w io.Writer, label string, total int) *Bar {
	return newBar(w, label, total, IsTerminal(w))
}

func newBar(w io.Writer, label string, total int, on bool) *Bar {
	return &Bar{w: w, label: label, total: total, on: on}
}

// Done counts one finished item; workers call it concurrently.
func (p *Bar) Done() {
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

// Finish clears the bar.
func (p *Bar) Finish() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// IsTerminal reports whether w is a terminal (a character device).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
