package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bigMarkdown builds a Markdown document of about size bytes from the
// sponsors terms: its articles repeated with numbered titles, so that
// every article is distinct.
func bigMarkdown(tb testing.TB, size int) []byte {
	tb.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "realworld", "sponsors", "a.md"))
	if err != nil {
		tb.Fatal(err)
	}
	body := string(src)
	body = body[strings.Index(body, "### 2."):]
	var sb strings.Builder
	sb.WriteString("# Big Terms\n\n")
	for n := 1; sb.Len() < size; n++ {
		sb.WriteString(strings.ReplaceAll(body, "### ", fmt.Sprintf("### Part %d ", n)))
	}
	return []byte(sb.String())
}

// BenchmarkImport100KB imports a 100 KB Markdown document.
func BenchmarkImport100KB(b *testing.B) {
	src := bigMarkdown(b, 100<<10)
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		if _, err := Import("big.md", src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReimport100KB re-imports a 100 KB document over its first
// import, with a word changed in every article: matching and writing.
func BenchmarkReimport100KB(b *testing.B) {
	src := bigMarkdown(b, 100<<10)
	r1, err := Import("big.md", src, Options{})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	writeStore(b, dir, append(r1.Files(), File{Path: "termsmith.yaml", Data: r1.Config("X")}))
	st, err := loadStoreForTest(dir)
	if err != nil {
		b.Fatal(err)
	}
	ex := &Existing{Doc: "terms"}
	for _, id := range st.Documents["terms"].Clauses {
		ex.Clauses = append(ex.Clauses, st.Clauses[id])
	}
	v2 := []byte(strings.ReplaceAll(string(src), "Sponsored Developer", "Sponsored Maintainer"))
	b.SetBytes(int64(len(v2)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := Import("big2.md", v2, Options{Existing: ex})
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range r.Mapping {
			if m.Kind == Added || m.Kind == Removed {
				b.Fatalf("re-import lost a clause: %s", m)
			}
		}
	}
}
