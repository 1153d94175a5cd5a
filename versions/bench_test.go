package versions

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// The benchmark store: 3 documents of 20 clauses of about 1.5 KB each, a
// size like the example terms. Each published version changes one clause.
const (
	benchDocs       = 3
	benchClauses    = 20
	benchVersions   = 1000
	benchParagraphs = 12
)

func benchFiles() map[string]string {
	files := fixture()
	delete(files, "clauses/terms/document.yaml")
	delete(files, "clauses/terms/definities.md")
	for d := 0; d < benchDocs; d++ {
		var manifest strings.Builder
		fmt.Fprintf(&manifest, "title: Document %d\nclauses:\n", d)
		for c := 0; c < benchClauses; c++ {
			id := fmt.Sprintf("d%d-c%d", d, c)
			fmt.Fprintf(&manifest, "  - %s\n", id)
			files[fmt.Sprintf("clauses/doc%d/%s.md", d, id)] = benchClause(id, 0)
		}
		files[fmt.Sprintf("clauses/doc%d/document.yaml", d)] = manifest.String()
	}
	return files
}

func benchClause(id string, rev int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nid: %s\ntitle: ARTIKEL %s\n---\n\n", id, strings.ToUpper(id))
	for p := 0; p < benchParagraphs; p++ {
		fmt.Fprintf(&b, "%d. De Leverancier spant zich in om de Dienst beschikbaar te houden; revisie %d van lid %d.\n\n", p+1, rev, p+1)
	}
	return b.String()
}

// benchPublish publishes version i of the benchmark series: it rewrites one
// clause and takes effect a month after the previous version.
func benchPublish(tb testing.TB, r *Repo, i int) {
	d, c := i%benchDocs, (i/benchDocs)%benchClauses
	id := fmt.Sprintf("d%d-c%d", d, c)
	writeFiles(tb, r.Dir(), map[string]string{fmt.Sprintf("clauses/doc%d/%s.md", d, id): benchClause(id, i+1)})
	commit(tb, r)
	eff := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 31*i)
	_, err := r.Publish(PublishOptions{
		ID: benchID(i), Effective: eff, NoticeDate: eff.AddDate(0, 0, -30),
		Now: now.Add(time.Duration(i) * time.Minute),
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func benchID(i int) string { return fmt.Sprintf("v%04d", i) }

var bench1000 struct {
	once sync.Once
	dir  string
	err  error
}

// store1000 returns a store with benchVersions published versions, built
// once per test binary run.
func store1000(b *testing.B) string {
	bench1000.once.Do(func() {
		dir, err := os.MkdirTemp("", "termsmith-bench-")
		if err != nil {
			bench1000.err = err
			return
		}
		bench1000.dir = dir
		if _, err := Init(dir, ""); err != nil {
			bench1000.err = err
			return
		}
		writeFiles(b, dir, benchFiles())
		r, err := Open(dir)
		if err != nil {
			bench1000.err = err
			return
		}
		start := time.Now()
		for i := 0; i < benchVersions; i++ {
			benchPublish(b, r, i)
		}
		b.Logf("built a store of %d versions in %v", benchVersions, time.Since(start))
	})
	if bench1000.err != nil {
		b.Fatal(bench1000.err)
	}
	return bench1000.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench1000.dir != "" {
		os.RemoveAll(bench1000.dir)
	}
	os.Exit(code)
}

// BenchmarkPublish publishes one version (60 content files) per operation,
// in a store that grows by one version each time.
func BenchmarkPublish(b *testing.B) {
	dir := b.TempDir()
	if _, err := Init(dir, ""); err != nil {
		b.Fatal(err)
	}
	writeFiles(b, dir, benchFiles())
	r, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		benchPublish(b, r, i)
	}
}

// BenchmarkReadVersion opens the 1,000-version store as a new process would
// and reads one version's full content from git objects.
func BenchmarkReadVersion(b *testing.B) {
	dir := store1000(b)
	i := 0
	b.ResetTimer()
	for b.Loop() {
		r, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		fsys, err := r.FS(benchID(i * 7 % benchVersions))
		if err != nil {
			b.Fatal(err)
		}
		n := readAll(b, fsys)
		if n < benchDocs*benchClauses {
			b.Fatalf("read %d files", n)
		}
		i++
	}
}

// BenchmarkReadInForce is what a command does by default in the
// 1,000-version store: open it, find the version in force on a date, read
// its full content.
func BenchmarkReadInForce(b *testing.B) {
	dir := store1000(b)
	b.ResetTimer()
	for b.Loop() {
		r, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		v, err := r.InForce(time.Date(2060, 6, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			b.Fatal(err)
		}
		fsys, err := r.VersionFS(v)
		if err != nil {
			b.Fatal(err)
		}
		readAll(b, fsys)
	}
}

// BenchmarkList opens the 1,000-version store and lists every version's
// full record.
func BenchmarkList(b *testing.B) {
	dir := store1000(b)
	b.ResetTimer()
	for b.Loop() {
		r, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		list, err := r.List()
		if err != nil || len(list) != benchVersions {
			b.Fatalf("List: %d versions, %v", len(list), err)
		}
	}
}

func readAll(b *testing.B, fsys fs.FS) int {
	n := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		_, err = fs.ReadFile(fsys, p)
		n++
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkVerify opens the 1,000-version store and verifies it: every tag,
// every version's content hash, the whole index history.
func BenchmarkVerify(b *testing.B) {
	dir := store1000(b)
	b.ResetTimer()
	for b.Loop() {
		r, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		_, problems, err := r.Verify()
		if err != nil || len(problems) > 0 {
			b.Fatalf("Verify = %v, %v", problems, err)
		}
	}
}
