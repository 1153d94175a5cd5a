package clauses

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestDecodeYAMLBounds checks that a YAML document whose aliases expand
// beyond MaxYAMLValues, or that holds more values itself, is refused with
// the file, the line and the limit — quickly and without the memory the
// expansion would take — and that aliases within the limit still decode.
func TestDecodeYAMLBounds(t *testing.T) {
	item := "{service: software, quantity: 1, unit_price: \"100.00\", period: maand}"
	// 1,000 line items behind one anchor, repeated by 200,000 aliases: the
	// issue's 1 MiB customer file, which decoded to gigabytes.
	flat := "line_items: &items [" + strings.TrimSuffix(strings.Repeat(item+", ", 1000), ", ") + "]\n" +
		"more:\n" + strings.Repeat("  - *items\n", 50_000)
	// Nested: each level doubles the one below (a "billion laughs").
	var nested strings.Builder
	nested.WriteString("a0: &a0 [x, x]\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&nested, "a%d: &a%d [*a%d, *a%d]\n", i, i, i-1, i-1)
	}
	tests := []struct {
		name, src, want string
	}{
		{"flat aliases", flat, fmt.Sprintf("c.yaml:13: alias *items expands the document beyond the limit of %d values", MaxYAMLValues)},
		{"nested aliases", nested.String(), "c.yaml:15: alias *a13 expands the document beyond the limit of"},
		{"too many values", strings.Repeat("- a\n", MaxYAMLValues), fmt.Sprintf("c.yaml:%d: the document holds more than %d values", MaxYAMLValues, MaxYAMLValues)},
		{"aliases to long text", "a: &t " + strings.Repeat("x", 150_000) + "\nb: [" + strings.Repeat("*t, ", 10) + "]\n",
			fmt.Sprintf("c.yaml:2: alias *t expands the document beyond the limit of %d bytes of text", MaxFileSize)},
		{"an alias inside its own anchor", "a: &x [1, *x]\n", "c.yaml:1: alias *x refers to a value that contains it"},
		{"a second document", "a: 1\n---\nb: 2\n", "c.yaml:2: a second YAML document starts here; a file holds one document"},
		{"an empty second document", "a: 1\n---\n", "c.yaml:2: a second YAML document"},
		{"a syntax error in the second document", "a: 1\n...\nb: [\n", "c.yaml:2: invalid YAML"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			var v map[string]any
			err := DecodeYAML("c.yaml", []byte(tc.src), &v)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error starting with %q", err, tc.want)
			}
			if _, ok := err.(*Error); !ok {
				t.Errorf("error %T is not a *clauses.Error", err)
			}
			// The parsed tree of a ≤1 MiB text, not its expansion.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 400<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
			if took > 10*time.Second {
				t.Errorf("took %v", took)
			}
		})
	}

	// Within the limit, aliases and merge keys decode as YAML says.
	var ok struct {
		Base  map[string]int   `yaml:"base"`
		Items []map[string]int `yaml:"items"`
	}
	src := "base: &b {x: 1}\nitems:\n  - *b\n  - {<<: *b, y: 2}\n"
	if err := DecodeYAML("c.yaml", []byte(src), &ok); err != nil {
		t.Fatal(err)
	}
	if len(ok.Items) != 2 || ok.Items[0]["x"] != 1 || ok.Items[1]["y"] != 2 || ok.Items[1]["x"] != 1 {
		t.Errorf("decoded %+v", ok)
	}
	// Exactly the limit is accepted: a list and its items.
	var list []string
	if err := DecodeYAML("c.yaml", []byte(strings.Repeat("- a\n", MaxYAMLValues-1)), &list); err != nil {
		t.Errorf("a document of exactly %d values: %v", MaxYAMLValues, err)
	}
}

// TestParseFrontMatterOneDocument checks that clause front matter is read
// by the same bounded reader, with the file's line numbers: a second
// document in it ("--- {…}" does not close the front matter) and an alias
// cycle are refused.
func TestParseFrontMatterOneDocument(t *testing.T) {
	for src, want := range map[string]string{
		"---\nid: x\ntitle: X\n--- {a: 1}\n---\n\nTekst.\n":    "c.md:4: a second YAML document starts here",
		"---\nid: x\ntitle: X\nwhen: &w [*w]\n---\n\nTekst.\n": "c.md:4: alias *w refers to a value that contains it",
	} {
		if _, err := Parse("c.md", []byte(src)); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
	}
}
