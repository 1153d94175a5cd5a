package notice

import (
	"sort"
	"testing"

	"github.com/termsmith/termsmith/diff"
	"github.com/termsmith/termsmith/diff/internal/examplepairs"
)

// exampleNotice returns the notice of the SmartTrackers example's customer
// with the most changes, from its first to its last version.
func exampleNotice(b testing.TB) *Notice {
	b.Helper()
	srcs, custs, err := examplepairs.Versions("smarttrackers")
	if err != nil {
		b.Fatal(err)
	}
	if len(srcs) < 2 {
		b.Skip("the smarttrackers example has one published version; nothing to compare")
	}
	old, new := srcs[0], srcs[len(srcs)-1]
	ids := make([]string, 0, len(custs))
	for id := range custs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var best *diff.Report
	for _, id := range ids {
		r, err := newReport(old, new, custs[id], new.Effective.AddDate(0, 0, -new.Store.Config.NoticePeriodDays))
		if err != nil {
			b.Fatal(err)
		}
		if best == nil || len(r.Changes) > len(best.Changes) {
			best = r
		}
	}
	n, err := New(best, new.Store.Config.Supplier, testLetter(b, new, best.Language))
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkNoticePDF lays out and writes one notice PDF: letter, summary
// and redline. Target: ≤ 30 ms.
func BenchmarkNoticePDF(b *testing.B) {
	n := exampleNotice(b)
	for b.Loop() {
		if _, err := n.PDF(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNoticeBuild builds all three files of one notice: PDF, e-mail
// with the PDF attached, JSON.
func BenchmarkNoticeBuild(b *testing.B) {
	n := exampleNotice(b)
	for b.Loop() {
		if _, err := n.Build(); err != nil {
			b.Fatal(err)
		}
	}
}
