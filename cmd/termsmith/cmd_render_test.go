package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/termsmith/termsmith/internal/longtest"
)

// fixtureStore is the render package's test store: two customers, a DPA
// with a Ja/Nee table, an addendum.
const fixtureStore = "../../render/testdata/store"

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRenderAndOfferExitStatus(t *testing.T) {
	dir := t.TempDir()
	store := []string{"--store", fixtureStore, "-o", dir}
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"render", "acme"}, 0, ""},
		{[]string{"render"}, 2, "give a CUSTOMER or --all"},
		{[]string{"render", "acme", "--all"}, 2, "give a CUSTOMER or --all"},
		{[]string{"render", "acme", "--format", "docx"}, 2, `unknown format "docx"`},
		{[]string{"render", "nosuch"}, 2, `unknown customer "nosuch"`},
		{[]string{"render", "acme", "--shard", "1/2"}, 2, "--shard needs --all"},
		{[]string{"render", "--all", "--shard", "0/2"}, 2, "use I/N"},
		{[]string{"render", "--all", "--shard", "3/2"}, 2, "use I/N"},
		{[]string{"render", "--all", "--jobs", "0"}, 2, "--jobs 0"},
		{[]string{"render", "acme", "--version", "1", "--at", "2026-01-01"}, 2, "use one of"},
		{[]string{"render", "acme", "--bogus"}, 2, "unknown flag"},
		{[]string{"offer", "acme"}, 0, ""},
		{[]string{"offer"}, 2, "accepts 1 arg"},
		{[]string{"offer", "nosuch"}, 2, `unknown customer "nosuch"`},
		{[]string{"offer", "globex"}, 2, "customers/globex.yaml: offer.number is required"},
	} {
		code, _, stderr := run(t, append(c.args, store...)...)
		if code != c.code || !strings.Contains(stderr, c.err) {
			t.Errorf("termsmith %s: exit %d, stderr %q; want exit %d and %q", strings.Join(c.args, " "), code, stderr, c.code, c.err)
		}
	}
}

func TestRenderAllNeedsAStoreWithCustomers(t *testing.T) {
	if code, _, stderr := run(t, "render", "--all", "--store", t.TempDir()); code != 2 || !strings.Contains(stderr, "termsmith.yaml") {
		t.Errorf("a directory that is not a store: exit %d, %q; want exit 2", code, stderr)
	}
	store := t.TempDir()
	if err := os.CopyFS(store, os.DirFS(fixtureStore)); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(store, "customers"))
	code, _, stderr := run(t, "render", "--all", "--store", store, "-o", t.TempDir())
	if code != 1 || !strings.Contains(stderr, "the store has no customers") {
		t.Errorf("a store without customers: exit %d, %q; want exit 1", code, stderr)
	}
}

// TestRenderAllMatchesOneByOne renders every customer in parallel and
// checks each file against a render of that customer alone: workers share
// the loaded terms, and must not disturb one another (run with -race).
func TestRenderAllMatchesOneByOne(t *testing.T) {
	all, one := t.TempDir(), t.TempDir()
	code, stdout, stderr := run(t, "render", "--all", "--jobs", "4", "--store", fixtureStore, "-o", all)
	if code != 0 {
		t.Fatalf("render --all: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "rendered 2 agreement(s) from the working tree") {
		t.Errorf("summary: %q", stderr)
	}
	paths := strings.Fields(stdout)
	if len(paths) != 2 || paths[0] != filepath.Join(all, "acme", "working", "agreement.pdf") {
		t.Fatalf("paths written: %q, want acme's then globex's", paths)
	}
	for _, id := range []string{"acme", "globex"} {
		if code, _, stderr := run(t, "render", id, "--store", fixtureStore, "-o", one); code != 0 {
			t.Fatalf("render %s: %s", id, stderr)
		}
		a, _ := os.ReadFile(filepath.Join(all, id, "working", "agreement.pdf"))
		b, _ := os.ReadFile(filepath.Join(one, id, "working", "agreement.pdf"))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: the --all file (%d bytes) differs from the single render (%d bytes)", id, len(a), len(b))
		}
	}
}

// benchStore makes a store with the SmartTrackers terms (its working tree)
// and n generated customers that vary in services and DPA answers.
func benchStore(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../examples/smarttrackers")); err != nil {
		b.Skipf("example store: %v", err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "customers")); err != nil {
		b.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "customers"), 0o755); err != nil {
		b.Fatal(err)
	}
	yn := func(i, bit int) string {
		if i>>bit&1 == 1 {
			return "ja"
		}
		return "nee"
	}
	for i := range n {
		services := "[software]"
		switch i % 4 {
		case 1:
			services = "[software, advies]"
		case 2:
			services = "[advies]"
		}
		src := fmt.Sprintf(`legal_name: Klant %04d B.V.
address: Dorpsstraat %d, 3811 AB Amersfoort
kvk: "%08d"
contact: {name: Contact %d, email: contact%d@klant.nl}
signatory: {name: Directeur %d, title: Directeur}
services: %s
values:
  overstap_opzegtermijn: %d months
dpa: {ras: %s, strafrechtelijk: %s, gezondheid: %s, seksuele_geaardheid: %s, vakbond: %s, genetisch: %s}
line_items:
  - {service: SmartTrackers Professional, quantity: %d, unit: licentie/licenties, unit_price: "149.00", period: maand}
offer: {number: "2026-%04d", date: 2026-11-02}
`, i, i+1, 30000000+i, i, i, i, services, 1+i%6, yn(i, 0), yn(i, 1), yn(i, 2), yn(i, 3), yn(i, 4), yn(i, 5), 1+i%50, i)
		if err := os.WriteFile(filepath.Join(dir, "customers", fmt.Sprintf("klant-%04d.yaml", i)), []byte(src), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkRenderAll runs "termsmith render --all" over generated stores of
// 250 and 1,000 customers in a child process, and reports the wall time
// and CPU time, and the child's peak RSS: the time should grow with the
// customers, the memory not. See docs/benchmarks.md.
func BenchmarkRenderAll(b *testing.B) {
	for _, n := range []int{250, 1000} {
		b.Run(fmt.Sprintf("customers=%d", n), func(b *testing.B) {
			store := benchStore(b, n)
			var rss int64
			var wall, cpu time.Duration
			for i := 0; i < b.N; i++ {
				out := filepath.Join(b.TempDir(), "out")
				cmd := exec.Command(os.Args[0], "-test.run=^TestRenderAllChild$")
				cmd.Env = append(os.Environ(), "TERMSMITH_RENDER_ALL="+store+string(os.PathListSeparator)+out)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				start := time.Now()
				if err := cmd.Run(); err != nil {
					b.Fatalf("render --all: %v\n%s", err, stderr.String())
				}
				wall += time.Since(start)
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					rss = max(rss, ru.Maxrss) // KiB on Linux
				}
				files, _ := filepath.Glob(filepath.Join(out, "*", "working", "agreement.pdf"))
				if len(files) != n {
					b.Fatalf("%d agreements written, want %d", len(files), n)
				}
			}
			b.ReportMetric(wall.Seconds()/float64(b.N), "s/run")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/run")
			b.ReportMetric(float64(rss)/1024, "peak-RSS-MiB")
		})
	}
}

// TestRenderAllChild is the child process of BenchmarkRenderAll: it runs
// render --all on the store named in TERMSMITH_RENDER_ALL, and is skipped
// otherwise.
func TestRenderAllChild(t *testing.T) {
	env := os.Getenv("TERMSMITH_RENDER_ALL")
	if env == "" {
		t.Skip("the child process of BenchmarkRenderAll")
	}
	store, out, _ := strings.Cut(env, string(os.PathListSeparator))
	if code := Main([]string{"render", "--all", "--store", store, "-o", out}, io.Discard, os.Stderr); code != 0 {
		t.Fatalf("render --all: exit %d", code)
	}
}

// TestBatchSurvivesBadCustomerFile puts a customer file whose name is not
// an id (customers/Acme.Corp.yaml) beside good ones and checks that render
// --all and notice --all list it as a failure (exit 1) and still write
// every other customer's files: one bad file used to make the customer
// loader return no customers at all, so nothing was rendered.
func TestBatchSurvivesBadCustomerFile(t *testing.T) {
	longtest.Skip(t)
	store := t.TempDir()
	if err := os.CopyFS(store, os.DirFS(fixtureStore)); err != nil {
		t.Fatal(err)
	}
	bad := "legal_name: Acme Corp\n"
	if err := os.WriteFile(filepath.Join(store, "customers", "Acme.Corp.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, stdout, stderr := run(t, "render", "--all", "--store", store, "-o", out)
	if code != 1 || !strings.Contains(stderr, `customers/Acme.Corp.yaml: file name "Acme.Corp" is not a valid id`) {
		t.Errorf("render --all: exit %d, stderr %q; want exit 1 and the bad file listed", code, stderr)
	}
	for _, id := range []string{"acme", "globex"} {
		if !strings.Contains(stdout, filepath.Join(out, id, "working", "agreement.pdf")) {
			t.Errorf("render --all did not render %s beside the bad file:\n%s", id, stdout)
		}
	}

	dir := filepath.Join(t.TempDir(), "s")
	if code, _, stderr := run(t, "init", dir, "--example", "smarttrackers"); code != 0 {
		t.Fatal(stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "customers", "Acme.Corp.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = run(t, "--store", dir, "notice", "2026-01-01", "2026-07-01", "--all", "--date", "2026-05-15", "-o", out)
	if code != 1 || !strings.Contains(stderr, "Acme.Corp.yaml") {
		t.Errorf("notice --all: exit %d, stderr %q; want exit 1 and the bad file listed", code, stderr)
	}
	if !strings.Contains(stdout, "zorggroep-de-linde/notice-2026-01-01-2026-07-01.pdf") {
		t.Errorf("notice --all wrote no notice beside the bad file:\n%s", stdout)
	}
}
