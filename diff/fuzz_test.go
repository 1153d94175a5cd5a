package diff

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/examples"
	"github.com/termsmith/termsmith/internal/fuzzguard"
	"github.com/termsmith/termsmith/store/terms"
)

// fuzzVersion is one version of the SmartTrackers example: its files and
// the version loaded from them.
type fuzzVersion struct {
	files fstest.MapFS
	src   *terms.Content
}

// fuzzVersions returns the SmartTrackers example's two versions: the store
// as embedded, and that store with the 2026-07-01 overlay applied.
func fuzzVersions(tb testing.TB) (v1, v2 fuzzVersion) {
	history, err := examples.History("smarttrackers")
	if err != nil || len(history) < 2 {
		tb.Fatalf("the SmartTrackers history: %v (%d versions)", err, len(history))
	}
	read := func(fsys fs.FS, into fstest.MapFS) {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(fsys, p)
			into[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	base, err := examples.Store("smarttrackers")
	if err != nil {
		tb.Fatal(err)
	}
	v1.files, v2.files = fstest.MapFS{}, fstest.MapFS{}
	read(base, v1.files)
	read(base, v2.files)
	overlay, err := examples.Overlay("smarttrackers", history[1])
	if err != nil {
		tb.Fatal(err)
	}
	read(overlay, v2.files)
	for _, name := range history[1].Remove {
		delete(v2.files, name)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	if v1.src, err = terms.LoadVersion(v1.files, "2026-01-01", day("2026-01-01"), day("2025-11-14")); err != nil {
		tb.Fatal(err)
	}
	if v2.src, err = terms.LoadVersion(v2.files, "2026-07-01", day("2026-07-01"), day("2026-05-15")); err != nil {
		tb.Fatal(err)
	}
	return v1, v2
}

// with returns the version with one clause replaced by the clause file
// src: the clause with src's id, or a new clause at the end of the terms.
// The store is changed in memory, as clauses.Load would read it from the
// changed files (FuzzAssemble fuzzes the loader itself). ok is false when
// src is not a clause file, or when one of its ids is already another
// clause's or a document's: assembly refuses such a store.
func (v fuzzVersion) with(src []byte) (*terms.Content, bool) {
	old := v.src.Store
	c, err := clauses.Parse("clauses/terms/fuzz.md", src)
	if err != nil {
		return nil, false
	}
	replaced := old.Clauses[c.ID]
	if replaced != nil && replaced.ID != c.ID {
		return nil, false // the id of a labelled sub-clause
	}
	doc := "terms"
	if replaced != nil {
		doc = replaced.Doc
	}
	c.Doc = doc
	st := &clauses.Store{Config: old.Config, Documents: map[string]*clauses.Manifest{}, Clauses: map[string]*clauses.Clause{}}
	for id, d := range old.Documents {
		st.Documents[id] = d
	}
	for id, other := range old.Clauses {
		if other != replaced {
			st.Clauses[id] = other
		}
	}
	ok := true
	add := func(id string) {
		if st.Clauses[id] != nil || st.Documents[id] != nil {
			ok = false
		}
		st.Clauses[id] = c
	}
	add(c.ID)
	clauses.Walk(c.Body, func(b *clauses.Block) {
		if b.ID != "" {
			add(b.ID)
		}
	})
	if !ok {
		return nil, false
	}
	if replaced == nil {
		d := *st.Documents[doc]
		d.Clauses = append(append([]string(nil), d.Clauses...), c.ID)
		d.Lines = append(append([]int(nil), d.Lines...), 1)
		st.Documents[doc] = &d
	}
	out := *v.src
	out.Store = st
	return &out, true
}

// FuzzDiff compares, for the reference customer and for one real customer,
// the SmartTrackers example's first version with one clause replaced by a
// fuzzed text against its second version with one clause replaced by
// another. It is seeded with every clause of the example paired with its
// text in the other version. A pair that assembles must compare without
// panicking; each version compared with itself must have no changes; every
// change's redline must spell its old and new text; the report must come
// out the same twice, and print as text, JSON and HTML.
func FuzzDiff(f *testing.F) {
	v1, v2 := fuzzVersions(f)
	clauseFiles := func(files fstest.MapFS) map[string][]byte {
		out := map[string][]byte{}
		for name, file := range files {
			if strings.HasPrefix(name, "clauses/") && strings.HasSuffix(name, ".md") {
				c, err := clauses.Parse(name, file.Data)
				if err != nil {
					f.Fatal(err)
				}
				out[c.ID] = file.Data
			}
		}
		return out
	}
	old, new := clauseFiles(v1.files), clauseFiles(v2.files)
	for id, src := range old {
		if other, ok := new[id]; ok {
			f.Add(src, other)
		} else {
			f.Add(src, src)
		}
	}
	for id, src := range new {
		if _, ok := old[id]; !ok {
			f.Add([]byte("---\nid: nieuw\ntitle: NIEUW\n---\n\nTekst.\n"), src)
		}
	}
	f.Add([]byte("---\nid: aansprakelijkheid\ntitle: AANSPRAKELIJKHEID\n---\n\n1. Een *twee* drie.\n2. Vier.\n"),
		[]byte("---\nid: aansprakelijkheid\ntitle: AANSPRAKELIJKHEID\n---\n\n1. Vier.\n2. Een **twee**\n   drie.\n"))
	custs, err := agreement.LoadCustomers(v2.files)
	if err != nil || custs["zorggroep-de-linde"] == nil {
		f.Fatalf("the example's customers: %v", err)
	}

	f.Fuzz(func(t *testing.T, a, b []byte) {
		if len(a) > 64<<10 || len(b) > 64<<10 {
			t.Skip()
		}
		defer fuzzguard.Start(t)()
		old, ok1 := v1.with(a)
		new, ok2 := v2.with(b)
		if !ok1 || !ok2 {
			return // FuzzParse covers clause files that do not parse
		}
		// The reference customer gets every part: all invariants. A real
		// customer (the software only): the redlines.
		for i, c := range []*agreement.Customer{terms.Reference(old, new), custs["zorggroep-de-linde"]} {
			od, err := old.Assemble(c)
			if err != nil {
				continue
			}
			nd, err := new.Assemble(c)
			if err != nil {
				continue
			}
			changes := Compare(od, nd)
			for _, ch := range changes {
				switch ch.Kind {
				case Added, Removed, Modified, Moved, Renumbered:
				default:
					t.Fatalf("change %s has kind %q", ch.ID, ch.Kind)
				}
				checkSegments(t, ch.OldText, ch.NewText, ch.Segments)
			}
			if i > 0 {
				continue
			}
			if ch := Compare(od, od); len(ch) != 0 {
				t.Fatalf("the old document compared with itself has %d changes: %s", len(ch), summary(ch))
			}
			if ch := Compare(nd, nd); len(ch) != 0 {
				t.Fatalf("the new document compared with itself has %d changes: %s", len(ch), summary(ch))
			}
			r := &Report{From: old.Version, To: new.Version, Language: nd.Language, Title: nd.Title,
				NoticeDate: new.NoticeDate, Effective: new.Effective, PeriodDays: old.Store.Config.NoticePeriodDays, Changes: changes}
			j1, err := r.JSON()
			if err != nil {
				t.Fatal(err)
			}
			r.Changes = Compare(od, nd)
			if j2, _ := r.JSON(); !bytes.Equal(j1, j2) {
				t.Fatal("two comparisons give different JSON")
			}
			if _, err := r.HTML(); err != nil {
				t.Fatal(err)
			}
			_ = r.Text()
		}
	})
}
