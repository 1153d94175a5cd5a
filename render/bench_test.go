package render

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkAgreementPDF renders one SmartTrackers agreement — cover,
// contents, terms, DPA with appendices, Data Act addendum, signatures —
// with the fonts already loaded. Besides ns/op it reports the CPU time per
// agreement, which stays honest when other processes share the machine;
// run it on one core with -cpu 1 (see docs/benchmarks.md).
func BenchmarkAgreementPDF(b *testing.B) {
	doc := exampleDocument(b, "smarttrackers", "zorggroep-de-linde")
	pdf, err := AgreementPDF(doc) // loads the fonts
	if err != nil {
		b.Fatal(err)
	}
	f, _ := agreementFlow(doc)
	pages := f.Layout()
	b.ReportAllocs()
	start := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := AgreementPDF(doc); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(len(pdf))/1024, "KiB")
}

// BenchmarkAgreementLayout is the part of BenchmarkAgreementPDF that is
// termsmith's own: line breaking and pagination, without writing the PDF.
func BenchmarkAgreementLayout(b *testing.B) {
	doc := exampleDocument(b, "smarttrackers", "zorggroep-de-linde")
	if _, err := AgreementPDF(doc); err != nil { // loads the fonts
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		f, err := agreementFlow(doc)
		if err != nil {
			b.Fatal(err)
		}
		f.Layout()
	}
}
