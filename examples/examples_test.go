package examples

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/golden"
)

// seedDir is where the seed documents live: examples/sources in this
// repository.
var seedDir = "sources"

// store loads an example store with its templates and customers.
func store(t *testing.T, name string) (*clauses.Store, map[string]*agreement.Template, map[string]*agreement.Customer) {
	t.Helper()
	fsys, err := Store(name)
	if err != nil {
		t.Fatal(err)
	}
	st, err := clauses.Load(fsys)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := st.Err(); err != nil {
		t.Fatalf("%s has problems:\n%v", name, err)
	}
	tmpls, err := agreement.LoadTemplates(fsys)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	custs, err := agreement.LoadCustomers(fsys)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return st, tmpls, custs
}

func assemble(t *testing.T, name, customer string) *agreement.Agreement {
	t.Helper()
	st, tmpls, custs := store(t, name)
	c, ok := custs[customer]
	if !ok {
		t.Fatalf("%s has no customer %q", name, customer)
	}
	doc, err := agreement.Assemble(st, tmpls[c.Template], c)
	if err != nil {
		t.Fatalf("%s, customer %s: %v", name, customer, err)
	}
	return doc
}

func TestNames(t *testing.T) {
	if got, want := Names(), []string{"smarttrackers", "tracksavers"}; !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	if _, err := Store("nope"); err == nil {
		t.Error("Store(\"nope\") succeeded; want an error for an unknown example")
	}
}

// TestExamplesAssemble checks that every example loads without problems
// and assembles for every customer, and that the customers differ: in the
// clauses that apply to them and in their text.
func TestExamplesAssemble(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			st, tmpls, custs := store(t, name)
			if len(custs) < 3 {
				t.Errorf("%d customers; an example needs at least three", len(custs))
			}
			applies := map[string]bool{}
			texts := map[string]string{}
			for _, id := range slices.Sorted(maps.Keys(custs)) {
				c := custs[id]
				doc, err := agreement.Assemble(st, tmpls[c.Template], c)
				if err != nil {
					t.Errorf("customer %s: %v", id, err)
					continue
				}
				var ids []string
				for _, p := range doc.Parts {
					for _, b := range p.Blocks {
						ids = append(ids, b.ID)
					}
				}
				applies[strings.Join(ids, " ")] = true
				if prev, dup := texts[doc.PlainText()]; dup {
					t.Errorf("customers %s and %s get the same agreement text", prev, id)
				}
				texts[doc.PlainText()] = id
			}
			if len(applies) < 2 {
				t.Errorf("every customer gets the same clauses; the customers should differ in what applies")
			}
		})
	}
}

// TestGoldenPlainText compares each customer's assembled agreement, as
// plain text, with testdata/<example>/<customer>.txt.
func TestGoldenPlainText(t *testing.T) {
	for _, name := range Names() {
		_, _, custs := store(t, name)
		for _, id := range slices.Sorted(maps.Keys(custs)) {
			t.Run(name+"/"+id, func(t *testing.T) {
				golden.Check(t, filepath.Join("testdata", name, id+".txt"), []byte(assemble(t, name, id).PlainText()))
			})
		}
	}
}

// faithfulness describes how an example relates to its seed: which seed
// lines are not clause text and why, and where the example deliberately
// differs in form but not in words.
type faithfulness struct {
	example  string
	seed     string
	customer string // everything applies; the values reproduce the seed

	// skip: seed lines that are not clause text, with the reason.
	skip map[int]string
	// headings: seed lines that are a document's heading. The assembled
	// document prints them from document.yaml (label, separator, title);
	// they are compared case-insensitively, since the seed capitalises
	// one ("BIJLAGE 1").
	headings []heading
	// prose: seed lines that start with an enumeration mark inside a
	// sentence, which stays text (it is not a computed number).
	prose map[int]string
	// split: a mark in the middle of a seed line that is now a computed
	// item number; the line, the mark and why.
	split []mark
	// fill: seed text written differently in the store, with the reason.
	fill []fill
	// table: seed lines holding a table whose columns the extraction
	// interleaved; its cells are compared by their words, not by line
	// order.
	table *tableRegion
}

type heading struct {
	line  int
	doc   string
	sep   string // between label and title
	title bool   // the template's title is this heading too
}

type mark struct {
	line   int
	mark   string
	reason string
}

type fill struct {
	line      int
	seed, doc string
	reason    string
}

type tableRegion struct {
	from, to int    // seed lines, inclusive
	header   string // the table's first header cell in the store
}

var smarttrackers = faithfulness{
	example:  "smarttrackers",
	seed:     "smarttrackers.txt",
	customer: "van-dijk-installatietechniek",
	skip: map[int]string{
		5:    "version line: the version and its effective date come from the published version",
		701:  "page footer",
		1087: "page footer",
	},
	headings: []heading{
		{line: 3, doc: "terms", title: true},
		{line: 914, doc: "dpa", sep: ": "},
		{line: 1142, doc: "dpa-appendix-a", sep: " – "},
		{line: 1257, doc: "dpa-appendix-b", sep: " – "},
		{line: 1266, doc: "data-act", sep: ": "},
	},
	prose: map[int]string{
		715:  "15.7 enumerates (i)–(iii) inside its sentence",
		1116: "DPA 9.2 enumerates i)–ii) inside its sentence",
	},
	split: []mark{
		{496, "a)", "11.2's four kinds of direct damage stand alone: a list now"},
		{502, "b)", "11.2, as above"},
		{506, "c)", "11.2, as above"},
		{510, "d)", "11.2, as above"},
		{993, "ii)", "DPA 4.8's second item runs on in the line of the first"},
		{1029, "●", "DPA 5.1's third bullet runs on in the line of the second"},
		{1218, "●", "Appendix A.4's fourth bullet starts at the end of the third's line"},
	},
	fill: []fill{
		{1295, "[twee (2) maanden ]", "twee (2) maanden", "the fill-in is the variable overstap_opzegtermijn, whose default prints these words"},
	},
	table: &tableRegion{from: 1373, to: 1407, header: "Uitputtende lijst A"},
}

var tracksavers = faithfulness{
	example:  "tracksavers",
	seed:     "tracksavers.txt",
	customer: "bloemenhuis-de-linde",
	skip: map[int]string{
		1: "the web page's title",
		3: "the web site's navigation",
	},
	headings: []heading{
		{line: 5, doc: "voorwaarden", title: true},
		{line: 22, doc: "hoofdstuk-a", sep: ". "},
		{line: 312, doc: "hoofdstuk-b", sep: ". "},
		{line: 389, doc: "hoofdstuk-c", sep: ". "},
		{line: 432, doc: "hoofdstuk-d", sep: ". "},
	},
	split: []mark{
		{180, "g.", "A.11: item g. runs on in the line of item f."},
	},
}

var faithfulnessSpecs = []faithfulness{smarttrackers, tracksavers}

// TestFaithful checks that each example, assembled for a customer to whom
// everything applies, says what its seed says: every sentence of the seed,
// in order, word for word after white space is normalised, with nothing
// added — apart from the numbers, which are computed now, and the
// deliberate differences each spec lists with its reason.
func TestFaithful(t *testing.T) {
	for _, spec := range faithfulnessSpecs {
		t.Run(spec.example, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(seedDir, spec.seed))
			if err != nil {
				t.Fatalf("the seed is read from %s: %v", seedDir, err)
			}
			doc := assemble(t, spec.example, spec.customer)
			seed, headings, tableWords := spec.seedText(t, string(src))
			plain := doc.PlainText()
			plain = spec.checkHeadings(t, doc, headings, plain)
			plain = spec.checkTable(t, doc, tableWords, plain)
			if err := compare(seed, normalizePlain(plain)); err != nil {
				t.Error(err)
			}
		})
	}
}

// seedWord is a word of the seed with the line it is on.
type seedWord struct {
	word string
	line int
}

// seedText returns the seed's words in order, without the lines the spec
// skips, the headings and the table, which it returns apart.
func (spec faithfulness) seedText(t *testing.T, src string) (words []seedWord, headings map[int]string, table []string) {
	t.Helper()
	headings = map[int]string{}
	isHeading := map[int]bool{}
	for _, h := range spec.headings {
		isHeading[h.line] = true
	}
	used := map[string]bool{}
	for i, line := range strings.Split(src, "\n") {
		n := i + 1
		line = strings.Join(strings.Fields(line), " ")
		switch {
		case spec.skip[n] != "":
			continue
		case isHeading[n]:
			headings[n] = line
			continue
		case spec.table != nil && n >= spec.table.from && n <= spec.table.to:
			table = append(table, strings.Fields(line)...)
			continue
		}
		if spec.prose[n] == "" {
			line = stripMarker(line)
		}
		for k, s := range spec.split {
			if s.line != n {
				continue
			}
			fields := strings.Fields(line)
			at := slices.Index(fields, s.mark)
			if at < 0 {
				t.Errorf("seed line %d: the split mark %q is not on the line", n, s.mark)
				continue
			}
			line = strings.Join(slices.Delete(fields, at, at+1), " ")
			used[fmt.Sprint("split", k)] = true
		}
		for k, f := range spec.fill {
			if f.line != n {
				continue
			}
			if !strings.Contains(line, f.seed) {
				t.Errorf("seed line %d: %q is not on the line", n, f.seed)
			}
			line = strings.Replace(line, f.seed, f.doc, 1)
			used[fmt.Sprint("fill", k)] = true
		}
		for _, w := range strings.Fields(line) {
			words = append(words, seedWord{w, n})
		}
	}
	for k := range spec.split {
		if !used[fmt.Sprint("split", k)] {
			t.Errorf("split mark on seed line %d was not found", spec.split[k].line)
		}
	}
	for k := range spec.fill {
		if !used[fmt.Sprint("fill", k)] {
			t.Errorf("fill-in on seed line %d was not found", spec.fill[k].line)
		}
	}
	return words, headings, table
}

// markerRE matches a number or bullet at the start of a line: 11.6.,
// 3.1.Een, 3.2, A.1, 12., A., a., a), (i), i), ●.
var markerRE = regexp.MustCompile(`^(?:\d{1,3}\.\d{1,3}\.?(?:\s+|(\p{Lu}))|[A-Z]\.\d{1,2}\.?\s+|\d{1,3}\.\s+|[A-Za-z][.)]\s+|\((?:[ivx]+|[a-z])\)\s+|[ivx]+[.)]\s+|[●❖•○■]\s*)`)

// stripMarker removes a computed number or bullet from the start of line.
func stripMarker(line string) string {
	m := markerRE.FindStringSubmatchIndex(line)
	if m == nil {
		return line
	}
	if m[2] >= 0 { // "3.1.Een": keep the glued capital
		return line[m[2]:]
	}
	return line[m[1]:]
}

// normalizePlain strips the numbers and bullets from the start of each
// line of an assembled plain text, and the table cell separators.
func normalizePlain(plain string) string {
	var out []string
	for _, line := range strings.Split(plain, "\n") {
		line = strings.Join(strings.Fields(strings.ReplaceAll(line, "|", " ")), " ")
		if line = stripMarker(line); line != "" {
			out = append(out, line)
		}
	}
	return strings.Join(out, " ")
}

// checkHeadings compares the seed's document headings with the assembled
// parts and removes the printed headings from plain.
func (spec faithfulness) checkHeadings(t *testing.T, doc *agreement.Agreement, seed map[int]string, plain string) string {
	t.Helper()
	lines := strings.Split(plain, "\n")
	remove := func(s string) {
		for i, l := range lines {
			if l == s {
				lines = slices.Delete(lines, i, i+1)
				return
			}
		}
		t.Errorf("heading %q is not in the plain text", s)
	}
	remove(doc.Title)
	next := 0
	for _, h := range spec.headings {
		at := slices.IndexFunc(doc.Parts, func(p *agreement.Part) bool { return p.ID == h.doc })
		if at < 0 {
			t.Errorf("seed line %d: document %q is not in the agreement", h.line, h.doc)
			continue
		}
		if at < next {
			t.Errorf("seed line %d: document %q is out of order", h.line, h.doc)
		}
		next = at
		p := doc.Parts[at]
		printed := p.Title
		if p.Label != "" {
			printed = p.Label + h.sep + p.Title
		}
		if !strings.EqualFold(printed, seed[h.line]) {
			t.Errorf("seed line %d: heading %q, the agreement has %q", h.line, seed[h.line], printed)
		}
		if h.title && !strings.EqualFold(doc.Title, seed[h.line]) {
			t.Errorf("seed line %d: title %q, the agreement has %q", h.line, seed[h.line], doc.Title)
		}
		remove(p.Heading())
	}
	return strings.Join(lines, "\n")
}

// checkTable compares the cells of the table the extraction interleaved
// with the seed's words: each cell's words appear in the seed region in
// order, and together the cells hold exactly the region's words. The
// table's rows are then removed from plain.
func (spec faithfulness) checkTable(t *testing.T, doc *agreement.Agreement, seedWords []string, plain string) string {
	t.Helper()
	if spec.table == nil {
		return plain
	}
	var table *agreement.Block
	for _, p := range doc.Parts {
		agreement.Walk(p.Blocks, func(b *agreement.Block) {
			if b.Kind == agreement.Table && len(b.Rows) > 0 && len(b.Rows[0]) > 0 && agreement.InlineText(b.Rows[0][0]) == spec.table.header {
				table = b
			}
		})
	}
	if table == nil {
		t.Fatalf("no table with header %q in the agreement", spec.table.header)
	}
	var cellWords []string
	for r, row := range table.Rows {
		cells := make([]string, len(row))
		for c, cell := range row {
			cells[c] = agreement.InlineText(cell)
			words := strings.Fields(cells[c])
			if !subsequence(words, seedWords) {
				t.Errorf("table row %d, cell %d: %q is not in the seed's table lines %d–%d in this order", r+1, c+1, cells[c], spec.table.from, spec.table.to)
			}
			cellWords = append(cellWords, words...)
		}
		printed := strings.TrimSpace(strings.Join(cells, " | ")) + "\n"
		if !strings.Contains(plain, printed) {
			t.Fatalf("table row %d is not in the plain text as %q", r+1, printed)
		}
		plain = strings.Replace(plain, printed, "", 1)
	}
	a, b := slices.Sorted(slices.Values(cellWords)), slices.Sorted(slices.Values(seedWords))
	if !slices.Equal(a, b) {
		t.Errorf("the table's cells and the seed's table lines %d–%d hold different words:\ncells: %v\nseed:  %v", spec.table.from, spec.table.to, a, b)
	}
	return plain
}

// subsequence reports whether words appear in all, in order.
func subsequence(words, all []string) bool {
	i := 0
	for _, w := range all {
		if i < len(words) && words[i] == w {
			i++
		}
	}
	return i == len(words)
}

var sentenceEndRE = regexp.MustCompile(`[.;:!?]["”’)]*$`)

// compare checks that the seed's sentences follow each other in plain,
// each exactly where the previous one ended: no sentence missing, changed
// or moved, and no text added.
func compare(seed []seedWord, plain string) error {
	rest := plain
	for start := 0; start < len(seed); {
		end := start
		for end < len(seed)-1 && !sentenceEndRE.MatchString(seed[end].word) {
			end++
		}
		var words []string
		for _, w := range seed[start : end+1] {
			words = append(words, w.word)
		}
		sentence := strings.Join(words, " ")
		rest = strings.TrimLeft(rest, " ")
		switch at := strings.Index(rest, sentence); {
		case at < 0:
			return fmt.Errorf("seed lines %d–%d: sentence missing or changed:\n  seed:  %q\n  store: %q", seed[start].line, seed[end].line, sentence, clip(rest, len(sentence)+40))
		case at > 0:
			return fmt.Errorf("seed line %d: text that is not in the seed comes first: %q", seed[start].line, clip(rest, at))
		}
		rest = rest[len(sentence):]
		if rest != "" && rest[0] != ' ' {
			return fmt.Errorf("seed line %d: the sentence ends differently: %q", seed[end].line, clip(rest, 60))
		}
		start = end + 1
	}
	if rest = strings.TrimSpace(rest); rest != "" {
		return fmt.Errorf("text that is not in the seed at the end: %q", clip(rest, 200))
	}
	return nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n < len(s) && !isBoundary(s, n) {
		n++
	}
	return s[:n] + "…"
}

func isBoundary(s string, i int) bool { return i >= len(s) || s[i]&0xC0 != 0x80 }

// TestCompareCatchesMutations proves the faithfulness check fails when the
// assembled text loses, changes, moves or gains words.
func TestCompareCatchesMutations(t *testing.T) {
	spec := smarttrackers
	src, err := os.ReadFile(filepath.Join(seedDir, spec.seed))
	if err != nil {
		t.Fatalf("the seed is read from %s: %v", seedDir, err)
	}
	doc := assemble(t, spec.example, spec.customer)
	seed, headings, tableWords := spec.seedText(t, string(src))
	plain := spec.checkTable(t, doc, tableWords, spec.checkHeadings(t, doc, headings, doc.PlainText()))
	if err := compare(seed, normalizePlain(plain)); err != nil {
		t.Fatalf("the unchanged text must pass: %v", err)
	}
	mutations := []struct {
		name string
		f    func(string) string
	}{
		{"a word changed", func(s string) string {
			return strings.Replace(s, "uitsluitend aansprakelijk worden gehouden", "uitsluitend aansprakelijk kunnen worden gehouden", 1)
		}},
		{"a word dropped", func(s string) string {
			return strings.Replace(s, "niet-exclusief, niet-overdraagbaar", "niet-exclusief,", 1)
		}},
		{"a typo fixed", func(s string) string { return strings.Replace(s, "aanvaard in verband", "aanvaardt in verband", 1) }},
		{"a sentence dropped", func(s string) string {
			return strings.Replace(s, "Alle tarieven zijn exclusief btw en in euro’s.", "", 1)
		}},
		{"two sentences swapped", func(s string) string {
			a := "Klant blijft rechthebbende van de Gegevens."
			b := "Klant bepaalt zelf en is verantwoordelijk voor welke"
			return strings.Replace(s, a+" "+b, b+" "+a, 1)
		}},
		{"a sentence added", func(s string) string {
			return strings.Replace(s, "Alle tarieven zijn exclusief btw en in euro’s.", "Alle tarieven zijn exclusief btw en in euro’s. Ook reiskosten.", 1)
		}},
		{"a duplicated number's text dropped", func(s string) string {
			return strings.Replace(s, "De uitsluitingen en beperkingen van de aansprakelijkheid van SmartTrackers,", "", 1)
		}},
	}
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			mutated := m.f(plain)
			if mutated == plain {
				t.Fatal("the mutation did not apply; the test text must contain what it changes")
			}
			if err := compare(seed, normalizePlain(mutated)); err == nil {
				t.Error("compare accepted the mutated text")
			}
		})
	}
}

// TestExampleFiles checks that every file of the examples is embedded:
// a file the embed pattern missed would silently vanish from the binary.
func TestExampleFiles(t *testing.T) {
	for _, name := range Names() {
		var onDisk, embedded []string
		if err := filepath.WalkDir(name, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				onDisk = append(onDisk, filepath.ToSlash(p))
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if err := fs.WalkDir(FS, name, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				embedded = append(embedded, p)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(onDisk, embedded) {
			t.Errorf("%s: files on disk %v, embedded %v", name, onDisk, embedded)
		}
	}
}
