package diff

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/internal/golden"
	"github.com/termsmith/termsmith/store/terms"
)

// fixture is a pair of versions of a test store, and its customers.
type fixture struct {
	old, new  *terms.Content
	customers map[string]*agreement.Customer
	comment   string
}

// loadCase reads testdata/base.txtar and a case archive over it: files at
// the top of the case apply to both versions, files under old/ and new/ to
// one of them.
func loadCase(t testing.TB, file string) *fixture {
	t.Helper()
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	c, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	oldFS, newFS := fstest.MapFS{}, fstest.MapFS{}
	for _, f := range base.Files {
		oldFS[f.Name] = &fstest.MapFile{Data: f.Data}
		newFS[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	for _, f := range c.Files {
		switch {
		case strings.HasPrefix(f.Name, "old/"):
			oldFS[strings.TrimPrefix(f.Name, "old/")] = &fstest.MapFile{Data: f.Data}
		case strings.HasPrefix(f.Name, "new/"):
			newFS[strings.TrimPrefix(f.Name, "new/")] = &fstest.MapFile{Data: f.Data}
		default:
			oldFS[f.Name] = &fstest.MapFile{Data: f.Data}
			newFS[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	fx := &fixture{comment: string(c.Comment)}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	if fx.old, err = terms.LoadVersion(oldFS, "v1", day("2026-01-01"), day("2025-11-01")); err != nil {
		t.Fatal(err)
	}
	if fx.new, err = terms.LoadVersion(newFS, "v2", day("2026-07-01"), day("2026-05-01")); err != nil {
		t.Fatal(err)
	}
	if fx.customers, err = agreement.LoadCustomers(newFS); err != nil {
		t.Fatal(err)
	}
	return fx
}

// compare returns the report for customer id ("reference" for the
// reference customer), without a notice date.
func (fx *fixture) compare(t testing.TB, id string) *Report {
	t.Helper()
	var c *agreement.Customer
	if id != "reference" {
		if c = fx.customers[id]; c == nil {
			t.Fatalf("no customer %s", id)
		}
	}
	r, err := ReportFor(fx.old, fx.new, c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// wants reads the "want <customer>: kind id, …" lines of a case comment.
func wants(comment string) map[string]string {
	out := map[string]string{}
	for _, l := range strings.Split(comment, "\n") {
		if rest, ok := strings.CutPrefix(l, "want "); ok {
			who, list, _ := strings.Cut(rest, ":")
			out[who] = strings.TrimSpace(list)
		}
	}
	return out
}

func summary(changes []Change) string {
	parts := make([]string, len(changes))
	for i, c := range changes {
		parts[i] = string(c.Kind) + " " + c.ID
	}
	return strings.Join(parts, ", ")
}

// TestCases runs every testdata/cases/*.txtar: for each customer named in
// its "want" lines, the kinds and ids of the changes must be exactly those
// listed, every change's segments must spell its old and new text, and the
// text redline must match <case>.golden.
func TestCases(t *testing.T) {
	files, err := filepath.Glob("testdata/cases/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			fx := loadCase(t, file)
			want := wants(fx.comment)
			if len(want) == 0 {
				t.Fatal("the case has no want lines")
			}
			ids := make([]string, 0, len(want))
			for id := range want {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			var out strings.Builder
			for _, id := range ids {
				r := fx.compare(t, id)
				if got := summary(r.Changes); got != want[id] {
					t.Errorf("%s: changes\n got: %s\nwant: %s", id, got, want[id])
				}
				for _, c := range r.Changes {
					checkSegments(t, c.OldText, c.NewText, c.Segments)
				}
				fmt.Fprintf(&out, "== %s\n%s\n", id, r.Text())
			}
			golden.Check(t, strings.TrimSuffix(file, ".txtar")+".golden", []byte(out.String()))
		})
	}
}

// TestJSONAndHTML checks the JSON and HTML forms of one customer's report
// against golden files: the documented JSON fields, null for unknown dates,
// and the HTML summary table and redline with <del> and <ins>.
func TestJSONAndHTML(t *testing.T) {
	fx := loadCase(t, "testdata/cases/moved-edited.txtar")
	r, err := ReportFor(fx.old, fx.new, fx.customers["beta"])
	if err != nil {
		t.Fatal(err)
	}
	// The notice's data, as package notice's policy fills it in: the old
	// version's period, and objection until the new terms take effect.
	r.NoticeDate, r.PeriodDays = fx.new.NoticeDate, fx.old.Store.Config.NoticePeriodDays
	r.Objection, r.Deadline = fx.old.Store.Config.Notices.Rule(), day("2026-06-30")
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/moved-edited.json", js)
	page, err := r.HTML()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/moved-edited.html", page)

	ref := fx.compare(t, "reference")
	js, err = ref.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{`"customer": null`, `"notice_date": null`, `"objection_deadline": null`} {
		if !strings.Contains(string(js), field) {
			t.Errorf("reference JSON lacks %s", field)
		}
	}
}
