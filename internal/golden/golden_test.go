package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckMatches checks that identical output passes and that the
// comparison reads the file at the path given.
func TestCheckMatches(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	Check(t, path, []byte("a\nb\n"))
}

// TestCheckReportsDifference checks that a difference fails the test and
// names the first differing line.
func TestCheckReportsDifference(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\nb\nc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{TB: t}
	Check(rec, path, []byte("a\nB\nc\n"))
	if !rec.failed || !strings.Contains(rec.msg, "line 2:") || !strings.Contains(rec.msg, `got  "B"`) {
		t.Errorf("Check did not report line 2: failed=%v msg=%q", rec.failed, rec.msg)
	}
}

type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msg = fmt.Sprintf(format, args...)
}

func (r *recorder) Helper() {}
