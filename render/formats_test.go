package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func TestAgreementHTML(t *testing.T) {
	out, err := AgreementHTML(assemble(t, "acme"))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "acme-agreement.html", out)
	for _, want := range []string{
		`<a href="#limiet">2.1</a>`,              // a cross-reference is a link…
		`<div class="item" id="limiet">`,         // …to the labelled sub-clause
		`<u>geheimhoudingsplicht</u>`,            // inline underline
		`<strong>€ 100.000</strong>`,             // a filled variable, bold
		`<td>Gezondheid</td><td>x</td><td></td>`, // the Ja/Nee table for this customer
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		`@media print{`, `section.part,section.signatures{break-before:page}`, // a page per part in print
		`@page{size:A4;margin:`,
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("HTML lacks %s", want)
		}
	}
}

func TestAgreementMarkdown(t *testing.T) {
	doc := assemble(t, "acme")
	out, err := AgreementMarkdown(doc)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "acme-agreement.md", out)
	if err := checkWords(doc, strings.NewReplacer("\\", "", "*", "", "<u>", "", "</u>", "", "|", " ").Replace(string(out))); err != nil {
		t.Error(err)
	}
}

func TestMarkdownEscapesNumbersAndMarkup(t *testing.T) {
	for in, want := range map[string]string{
		"1.":    `1\.`,
		"12)":   `12\)`,
		"1.1.":  "1.1.",
		"-":     `\-`,
		"A.":    "A.",
		"(iii)": "(iii)",
		"●":     "●",
	} {
		if got := mdNumber(in); got != want {
			t.Errorf("mdNumber(%q) = %q, want %q", in, got, want)
		}
	}
	if got := mdEscape("a*b_c[d]|e<f"); got != `a\*b\_c\[d\]\|e\<f` {
		t.Errorf("mdEscape: %q", got)
	}
}

func TestWriteFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "acme", "2026-01-01", "agreement.pdf")
	if err := WriteFile(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two" {
		t.Errorf("file holds %q, want the second write", b)
	}
	mask := syscall.Umask(0)
	syscall.Umask(mask)
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o644&^os.FileMode(mask) {
		t.Errorf("file mode %v, want %v: readable like any file written by the user", st.Mode().Perm(), 0o644&^os.FileMode(mask))
	}
	deep := filepath.Join(dir, "a", "b", "c", "agreement.md")
	if err := WriteFile(deep, []byte("x")); err != nil {
		t.Errorf("writing under three new directories: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("%d files in the directory, want only agreement.pdf (no temporary files)", len(entries))
	}
	// A failed write leaves nothing: the target is a directory.
	if err := WriteFile(dir, []byte("x")); err == nil {
		t.Error("writing over a directory succeeded")
	}
	if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) == 0 {
		t.Fatal("the parent directory vanished")
	}
}

func TestPathsStayInsideTheOutputDirectory(t *testing.T) {
	p, err := AgreementPath("out", "acme", "", PDF)
	if err != nil || p != filepath.Join("out", "acme", "working", "agreement.pdf") {
		t.Errorf("AgreementPath: %q, %v", p, err)
	}
	p, err = OfferPath("out", "acme", "2026-0042", true)
	if err != nil || p != filepath.Join("out", "acme", "offer-2026-0042.pdf") {
		t.Errorf("OfferPath: %q, %v", p, err)
	}
	p, err = OfferPath("out", "acme", "2026-0042", false)
	if err != nil || p != filepath.Join("out", "acme", "offer-2026-0042-without-terms.pdf") {
		t.Errorf("OfferPath without terms: %q, %v", p, err)
	}
	for _, bad := range [][2]string{{"../x", "v1"}, {"acme", ".."}, {"acme", "a/b"}, {"", "v1"}, {".hidden", "v1"}} {
		if p, err := AgreementPath("out", bad[0], bad[1], PDF); err == nil {
			t.Errorf("AgreementPath(%q, %q) = %q, want an error", bad[0], bad[1], p)
		}
	}
	if p, err := OfferPath("out", "acme", "../../etc/passwd", true); err == nil {
		t.Errorf("OfferPath accepted %q", p)
	}
}

func TestShardsSplitCustomersStably(t *testing.T) {
	const n = 4
	counts := make([]int, n)
	for i := range 1000 {
		id := "klant-" + strconv.Itoa(i)
		shards := 0
		for s := 1; s <= n; s++ {
			if InShard(id, s, n) {
				shards++
				counts[s-1]++
			}
		}
		if shards != 1 {
			t.Fatalf("%s is in %d shards, want exactly 1", id, shards)
		}
	}
	for s, c := range counts {
		if c < 150 || c > 350 {
			t.Errorf("shard %d/%d has %d of 1000 customers, want about 250", s+1, n, c)
		}
	}
	// The shard is a function of the id alone.
	if InShard("acme", 1, 3) != InShard("acme", 1, 3) || !(InShard("acme", 1, 1)) {
		t.Error("shards are not stable")
	}
}
