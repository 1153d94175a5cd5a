//go:build unix

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/termsmith/termsmith/examples"
)

// BenchmarkNoticeAll1000 writes the notices of 1,000 customers (copies of
// the SmartTrackers example's customers, each with its own name and
// contact) from the example's first to its last version, as
// "termsmith notice FROM TO --all" does: PDF, e-mail and JSON each.
// Target: ≤ 20 s on the 2-core benchmark machine.
func BenchmarkNoticeAll1000(b *testing.B) {
	history, err := examples.History("smarttrackers")
	if err != nil {
		b.Fatal(err)
	}
	if len(history) < 2 {
		b.Skip("the smarttrackers example has one published version; nothing to compare")
	}
	from, to := history[0], history[len(history)-1]
	dir := b.TempDir()
	store := filepath.Join(dir, "store")
	var errOut bytes.Buffer
	if code := Main([]string{"init", store, "--example", "smarttrackers"}, io.Discard, &errOut); code != 0 {
		b.Fatalf("init: %s", errOut.String())
	}
	entries, err := os.ReadDir(filepath.Join(store, "customers"))
	if err != nil {
		b.Fatal(err)
	}
	var originals [][]byte
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(store, "customers", e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		originals = append(originals, data)
	}
	sort.Slice(originals, func(i, j int) bool { return bytes.Compare(originals[i], originals[j]) < 0 })
	for i := len(originals); i < 1000; i++ {
		src := string(originals[i%len(originals)])
		var out []string
		for _, line := range strings.Split(src, "\n") {
			switch {
			case strings.HasPrefix(line, "legal_name:"):
				line = fmt.Sprintf("legal_name: Klant %04d B.V.", i)
			case strings.HasPrefix(line, "contact:"):
				line = fmt.Sprintf("contact: {name: Contact %04d, email: contact%04d@example.test}", i, i)
			}
			out = append(out, line)
		}
		name := filepath.Join(store, "customers", fmt.Sprintf("klant-%04d.yaml", i))
		if err := os.WriteFile(name, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	g := &globalOptions{storeDir: store, out: io.Discard, errOut: &errOut}
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	runs := 0
	for i := 0; b.Loop(); i++ {
		runs++
		errOut.Reset()
		opts := &noticeOptions{globalOptions: g, from: from.ID, to: to.ID, date: to.NoticeDate,
			batch: batch{all: true, jobs: runtime.NumCPU()}, outDir: filepath.Join(dir, fmt.Sprintf("out%d", i))}
		if err := runNotice(opts); err != nil {
			b.Fatalf("%v\n%s", err, errOut.String())
		}
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano()+after.Stime.Nano()-before.Utime.Nano()-before.Stime.Nano()) / time.Duration(runs)
	b.ReportMetric(cpu.Seconds(), "cpu-s/run")
	b.ReportMetric(float64(after.Maxrss)/1024, "peak-RSS-MiB")
	b.Log(strings.TrimSpace(errOut.String()))
}

// TestNoticeAllMatchesOneByOne writes the notices of nine customers (the
// SmartTrackers example's three, each copied twice under another id) with
// notice --all --jobs 4 and checks every file against the notice of that
// customer written alone: the workers share the loaded versions and must
// not disturb one another. CI runs it, with TestRenderAllMatchesOneByOne,
// under -race.
func TestNoticeAllMatchesOneByOne(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	if code, _, stderr := run(t, "init", dir, "--example", "smarttrackers"); code != 0 {
		t.Fatal(stderr)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "customers"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		id := strings.TrimSuffix(e.Name(), ".yaml")
		data, err := os.ReadFile(filepath.Join(dir, "customers", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		for i := range 2 {
			copyID := fmt.Sprintf("%s-%d", id, i)
			if err := os.WriteFile(filepath.Join(dir, "customers", copyID+".yaml"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, copyID)
		}
	}
	all, one := t.TempDir(), t.TempDir()
	args := []string{"--store", dir, "notice", "2026-01-01", "2026-07-01", "--date", "2026-05-15"}
	code, _, stderr := run(t, append(args, "--all", "--jobs", "4", "-o", all)...)
	if code != 0 || !strings.Contains(stderr, "wrote 9 preview notice(s)") {
		t.Fatalf("notice --all: exit %d: %s", code, stderr)
	}
	for _, id := range ids {
		if code, _, stderr := run(t, append(args, "--customer", id, "-o", one)...); code != 0 {
			t.Fatalf("notice --customer %s: %s", id, stderr)
		}
		for _, ext := range []string{".pdf", ".eml", ".json"} {
			name := filepath.Join(id, "notice-2026-01-01-2026-07-01"+ext)
			a, _ := os.ReadFile(filepath.Join(all, name))
			b, _ := os.ReadFile(filepath.Join(one, name))
			if len(a) == 0 || !bytes.Equal(a, b) {
				t.Errorf("%s: the --all file (%d bytes) differs from the one written alone (%d bytes)", name, len(a), len(b))
			}
		}
	}
}
