package layout

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestCompactContent(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{
			name: "maroto's three selections before each piece",
			in: "BT /F1 10.00 Tf ET\nBT /F1 10.00 Tf ET\nBT /F1 10.00 Tf ET\nBT 70.87 752.14 Td (a) Tj ET\n" +
				"BT /F1 10.00 Tf ET\nBT /F1 10.00 Tf ET\nBT 70.87 740.00 Td (b) Tj ET\n",
			want: "BT /F1 10.00 Tf ET\nBT 70.87 752.14 Td (a) Tj ET\nBT 70.87 740.00 Td (b) Tj ET\n",
		},
		{
			name: "another font or size is kept",
			in:   "BT /F1 10.00 Tf ET\nBT /F2 10.00 Tf ET\nBT /F2 12.00 Tf ET\nBT /F2 12.00 Tf ET\n",
			want: "BT /F1 10.00 Tf ET\nBT /F2 10.00 Tf ET\nBT /F2 12.00 Tf ET\n",
		},
		{
			name: "Q restores the font q saved",
			in:   "BT /F1 10.00 Tf ET\nq BT /F2 9.00 Tf ET\nBT /F2 9.00 Tf ET\nQ\nBT /F2 9.00 Tf ET\nBT /F1 10.00 Tf ET\n",
			want: "BT /F1 10.00 Tf ET\nq BT /F2 9.00 Tf ET\nQ\nBT /F2 9.00 Tf ET\nBT /F1 10.00 Tf ET\n",
		},
		{
			name: "a font selected inside a text object counts",
			in:   "BT /F1 10.00 Tf 0 0 Td (x) Tj /F2 10.00 Tf ET\nBT /F2 10.00 Tf ET\nBT /F1 10.00 Tf ET\n",
			want: "BT /F1 10.00 Tf 0 0 Td (x) Tj /F2 10.00 Tf ET\nBT /F1 10.00 Tf ET\n",
		},
		{
			name: "strings that look like operators",
			in:   "BT /F1 10.00 Tf ET\nBT 0 0 Td (Q \\) BT /F2 9 Tf ET \\(q\n) Tj ET\nBT /F1 10.00 Tf ET\nBT 0 0 Td <20512054> Tj ET\nBT /F1 10.00 Tf ET\n",
			want: "BT /F1 10.00 Tf ET\nBT 0 0 Td (Q \\) BT /F2 9 Tf ET \\(q\n) Tj ET\nBT 0 0 Td <20512054> Tj ET\n",
		},
		{
			name: "nested parentheses in a string",
			in:   "BT /F1 10 Tf ET\nBT 0 0 Td (a (b) c) Tj ET\nBT /F1 10 Tf ET\n",
			want: "BT /F1 10 Tf ET\nBT 0 0 Td (a (b) c) Tj ET\n",
		},
		{
			name: "an unknown font is never assumed",
			in:   "q BT /F1 10 Tf ET\nQ\nBT /F1 10 Tf ET\n",
			want: "q BT /F1 10 Tf ET\nQ\nBT /F1 10 Tf ET\n",
		},
		{
			name: "a Tf with odd operands makes the font unknown",
			in:   "BT /F1 10 Tf ET\nBT /F1 Tf ET\nBT /F1 10 Tf ET\n",
			want: "BT /F1 10 Tf ET\nBT /F1 Tf ET\nBT /F1 10 Tf ET\n",
		},
		{
			name: "an inline image stops the compaction",
			in:   "BT /F1 10 Tf ET\nBI /W 1 ID \x00)( EI\nBT /F1 10 Tf ET\n",
			want: "BT /F1 10 Tf ET\nBI /W 1 ID \x00)( EI\nBT /F1 10 Tf ET\n",
		},
		{
			name: "drawing between selections keeps the font",
			in:   "BT /F1 10 Tf ET\n0.431 G\n70.87 783.78 m 538.58 783.78 l S\n[2.83 2.83] 0.00 d\nBT /F1 10 Tf ET\n",
			want: "BT /F1 10 Tf ET\n0.431 G\n70.87 783.78 m 538.58 783.78 l S\n[2.83 2.83] 0.00 d\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(compactContent([]byte(tc.in))); got != tc.want {
				t.Errorf("compactContent:\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// fontsShown returns, for each text-showing operator in a content stream,
// the font in force: what a viewer draws with. It tracks the state as a
// viewer does, independently of compactContent's pattern.
func fontsShown(src []byte) []string {
	var (
		out      []string
		font     string
		saved    []string
		operands []pdfTok
	)
	z := tokenizer{src: src}
	for {
		t, ok := z.next()
		if !ok {
			break
		}
		if t.kind != tokOperator {
			operands = append(operands, t)
			continue
		}
		switch string(src[t.start:t.end]) {
		case "Tf":
			font = ""
			if len(operands) == 2 {
				font = string(src[operands[0].start:operands[1].end])
			}
		case "q":
			saved = append(saved, font)
		case "Q":
			font = ""
			if n := len(saved); n > 0 {
				font, saved = saved[n-1], saved[:n-1]
			}
		case "Tj", "TJ", "'", "\"":
			out = append(out, font)
		}
		operands = operands[:0]
	}
	return out
}

// contentStreams returns the data of the streams in a file gofpdf wrote
// (uncompressed: "<</Length n>>").
func contentStreams(pdf []byte) [][]byte {
	var out [][]byte
	for _, m := range regexp.MustCompile(`<</Length (\d+)>>\nstream\n`).FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		out = append(out, pdf[m[1]:m[1]+n])
	}
	return out
}

func TestCompactContentKeepsWhatIsDrawn(t *testing.T) {
	f := NewFlow(Options{Title: "t", Header: "Kop", Footer: "Voet"})
	f.Heading(1, Run{Text: "Artikel 1. Definities", Bold: true})
	for i := range 40 {
		f.Paragraph(Para{Runs: []Run{
			{Text: strings.Repeat("Een zin met woorden. ", 5+i)},
			{Text: "vet", Bold: true},
			{Text: " en (haakjes) \\ terug ", Italic: true},
			{Text: "grijs", Color: Color{R: 110, G: 110, B: 110}},
		}})
	}
	raw, _, err := f.draw()
	if err != nil {
		t.Fatal(err)
	}
	streams := contentStreams(raw)
	if len(streams) < 3 {
		t.Fatalf("%d content streams, want one per page", len(streams))
	}
	for i, s := range streams {
		got := compactContent(bytes.Clone(s))
		if len(got) > len(s)*2/3 {
			t.Errorf("stream %d: %d bytes compacted to %d; the repeated font selections should be gone", i, len(s), len(got))
		}
		a, b := fontsShown(s), fontsShown(got)
		if len(a) == 0 || strings.Join(a, "|") != strings.Join(b, "|") {
			t.Fatalf("stream %d: the fonts of the text shown changed:\n%v\n%v", i, a, b)
		}
	}
}

// FuzzCompactContent checks that compaction never changes the font any
// text is shown in, whatever the stream holds.
func FuzzCompactContent(f *testing.F) {
	f.Add([]byte("BT /F1 10.00 Tf ET\nBT /F1 10.00 Tf ET\nBT 1 2 Td (a) Tj ET\n"))
	f.Add([]byte("BT /F1 10 Tf ET\nq BT /F2 9 Tf ET\nQ\nBT /F1 10 Tf ET\n(x) Tj"))
	f.Add([]byte("BT /F1 10 Tf ET\n(a\\) BT /F2 1 Tf ET)Tj BT /F1 10 Tf ET<41>Tj"))
	f.Fuzz(func(t *testing.T, src []byte) {
		got := compactContent(bytes.Clone(src))
		if len(got) > len(src) {
			t.Fatalf("compaction grew the stream: %d bytes to %d", len(src), len(got))
		}
		a, b := fontsShown(src), fontsShown(got)
		if strings.Join(a, "\x00") != strings.Join(b, "\x00") {
			t.Fatalf("the fonts of the text shown changed:\n%q\n%q\n%q", src, a, b)
		}
	})
}

func BenchmarkCompactContent(b *testing.B) {
	f := NewFlow(Options{Title: "t", Header: "Kop", Footer: "Voet"})
	for i := range 200 {
		f.Paragraph(Para{Runs: []Run{{Text: strings.Repeat("Een zin met woorden. ", 5+i%20)}, {Text: "vet", Bold: true}}})
	}
	raw, _, err := f.draw()
	if err != nil {
		b.Fatal(err)
	}
	streams := contentStreams(raw)
	n := 0
	for _, s := range streams {
		n += len(s)
	}
	b.SetBytes(int64(n))
	work := make([]byte, 0, n)
	for b.Loop() {
		for _, s := range streams {
			compactContent(append(work[:0], s...))
		}
	}
}
