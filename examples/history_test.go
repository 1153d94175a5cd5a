package examples

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/golden"
	"github.com/termsmith/termsmith/lint"
)

// applyHistory copies example name into a temporary directory and applies
// its history up to and including version id, the way termsmith init does
// before publishing each version. It returns the directory: the store's
// working tree as it is when version id is published.
func applyHistory(t *testing.T, name, id string) string {
	t.Helper()
	base, err := Store(name)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, base); err != nil {
		t.Fatal(err)
	}
	history, err := History(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range history {
		if err := Apply(name, dir, v); err != nil {
			t.Fatal(err)
		}
		if v.ID == id {
			return dir
		}
	}
	t.Fatalf("%s has no version %q", name, id)
	return ""
}

// laterVersions returns every version of an example after the first.
func laterVersions(t *testing.T, name string) []Version {
	t.Helper()
	history, err := History(name)
	if err != nil {
		t.Fatal(err)
	}
	return history[1:]
}

// TestHistoryVersions checks each example's history: at least two
// versions, effective dates in order, every later version announced at
// least 30 days ahead (publish refuses less), and an overlay whose every
// file really changes or adds something — a copy identical to the file it
// replaces would hide nothing, but would make the list of changed files in
// docs/examples.md lie.
func TestHistoryVersions(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			history, err := History(name)
			if err != nil {
				t.Fatal(err)
			}
			if len(history) < 2 {
				t.Fatalf("%d published versions; an example needs the seed's version and a later one", len(history))
			}
			dir := t.TempDir()
			base, _ := Store(name)
			if err := os.CopyFS(dir, base); err != nil {
				t.Fatal(err)
			}
			var prev time.Time
			for i, v := range history {
				effective, err := time.Parse(time.DateOnly, v.Effective)
				if err != nil {
					t.Fatalf("version %s: %v", v.ID, err)
				}
				if i > 0 {
					if !effective.After(prev) {
						t.Errorf("version %s takes effect %s, not after the version before it", v.ID, v.Effective)
					}
					notice, err := time.Parse(time.DateOnly, v.NoticeDate)
					if err != nil {
						t.Fatalf("version %s: notice date: %v", v.ID, err)
					}
					if days := effective.Sub(notice).Hours() / 24; days < 30 {
						t.Errorf("version %s: %v days between notice and effective date; the notice period is 30", v.ID, days)
					}
					if !strings.Contains(v.Message, " ") {
						t.Errorf("version %s: the message %q does not summarise the changes", v.ID, v.Message)
					}
					overlay, err := Overlay(name, v)
					if err != nil {
						t.Fatal(err)
					}
					n := 0
					if err := fs.WalkDir(overlay, ".", func(p string, d fs.DirEntry, err error) error {
						if err != nil || d.IsDir() {
							return err
						}
						n++
						data, _ := fs.ReadFile(overlay, p)
						if old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p))); err == nil && bytes.Equal(old, data) {
							t.Errorf("version %s: overlay file %s is identical to the version before", v.ID, p)
						}
						return nil
					}); err != nil {
						t.Fatalf("version %s: overlay %q: %v", v.ID, v.Overlay, err)
					}
					if n == 0 && len(v.Remove) == 0 {
						t.Errorf("version %s changes no file", v.ID)
					}
				}
				prev = effective
				if err := Apply(name, dir, v); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// loadDir loads a store from a directory with its templates and customers.
func loadDir(t *testing.T, dir string) (*clauses.Store, map[string]*agreement.Template, map[string]*agreement.Customer) {
	t.Helper()
	fsys := os.DirFS(dir)
	st, err := clauses.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Err(); err != nil {
		t.Fatalf("the store has problems:\n%v", err)
	}
	tmpls, err := agreement.LoadTemplates(fsys)
	if err != nil {
		t.Fatal(err)
	}
	custs, err := agreement.LoadCustomers(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return st, tmpls, custs
}

// TestLaterVersions applies each later version of each example, as init
// does before publishing it, and checks that the store loads without
// problems, that lint finds no errors (publish would refuse them) and
// exactly the warnings in testdata/lint/<example>-<version>.golden, and
// that every customer's agreement assembles to the text in
// testdata/<example>-<version>/<customer>.golden.
func TestLaterVersions(t *testing.T) {
	for _, name := range Names() {
		for _, v := range laterVersions(t, name) {
			t.Run(name+"/"+v.ID, func(t *testing.T) {
				dir := applyHistory(t, name, v.ID)
				st, tmpls, custs := loadDir(t, dir)

				rep, err := lint.Run(os.DirFS(dir))
				if err != nil {
					t.Fatal(err)
				}
				if n := rep.Errors(); n > 0 {
					t.Errorf("lint reports %d errors; publish would refuse this version", n)
				}
				var findings strings.Builder
				for _, f := range rep.Findings {
					findings.WriteString(f.String() + "\n")
				}
				golden.Check(t, filepath.Join("testdata", "lint", name+"-"+v.ID+".golden"), []byte(findings.String()))

				if len(custs) == 0 {
					t.Fatal("no customers")
				}
				for _, id := range slices.Sorted(maps.Keys(custs)) {
					c := custs[id]
					doc, err := agreement.Assemble(st, tmpls[c.Template], c)
					if err != nil {
						t.Errorf("customer %s: %v", id, err)
						continue
					}
					golden.Check(t, filepath.Join("testdata", name+"-"+v.ID, id+".golden"), []byte(doc.PlainText()))
				}
			})
		}
	}
}

// assembled returns each customer's agreement, as plain text, in example
// name at version id.
func assembled(t *testing.T, name, id string) map[string]string {
	t.Helper()
	st, tmpls, custs := loadDir(t, applyHistory(t, name, id))
	out := map[string]string{}
	for cid, c := range custs {
		doc, err := agreement.Assemble(st, tmpls[c.Template], c)
		if err != nil {
			t.Fatalf("customer %s: %v", cid, err)
		}
		out[cid] = doc.PlainText()
	}
	return out
}

// change is one thing a version must say, or no longer say, for a
// customer: the changes docs/examples.md lists, checked in the assembled
// text so that a golden rewritten with -update cannot quietly lose one.
type change struct {
	what     string
	customer string
	has      []string // lines (or parts of lines) the text must contain
	hasNot   []string // text that must be gone
}

var secondVersionChanges = map[string][]change{
	"smarttrackers": {
		{what: "new article 4 renumbers the articles after it", customer: "van-dijk-installatietechniek",
			has:    []string{"4. BESCHIKBAARHEID EN ONDERSTEUNING", "5. GEBRUIK VAN DATA", "12. AANSPRAKELIJKHEID", "16. NADERE BEPALINGEN PROGRAMMATUUR", "17. TOEPASSELIJK RECHT EN GESCHILLEN"},
			hasNot: []string{"4. GEBRUIK VAN DATA", "16. TOEPASSELIJK RECHT EN GESCHILLEN"}},
		{what: "cross-references follow the renumbering", customer: "van-dijk-installatietechniek",
			has: []string{"overeenkomstig Artikel 15.2,", "dit artikel 16 zijn uitsluitend", "genoemd in artikel 16.11 direct", "het in artikel 16.17 bepaalde", "leden van dit artikel 12, laten", "onderhoud als bedoeld in artikel 16.4 dat"}},
		{what: "the availability target applies only to the software", customer: "kompas-hr-advies",
			has:    []string{"4. BESCHIKBAARHEID EN ONDERSTEUNING", "4.3. [Niet van toepassing]", "4.4. De in dit artikel genoemde streefwaarden"},
			hasNot: []string{"99,5%"}},
		{what: "liability cap: the default", customer: "van-dijk-installatietechniek",
			has:    []string{"meer bedragen dan € 150.000."},
			hasNot: []string{"100,000", "honderdduizend"}},
		{what: "liability cap: a negotiated value", customer: "zorggroep-de-linde",
			has: []string{"meer bedragen dan € 250.000."}},
		{what: "payment term", customer: "van-dijk-installatietechniek",
			has: []string{"binnen een termijn van veertien (14) dagen na factuurdatum betalen"}},
		{what: "the pinned 11.6 is gone", customer: "van-dijk-installatietechniek",
			has: []string{"12.6. De aansprakelijkheid van SmartTrackers voor schade door dood", "12.7. De uitsluitingen en beperkingen"}},
		{what: "sub-clause moved from Gebruik van data to Intellectuele eigendomsrechten", customer: "van-dijk-installatietechniek",
			has:    []string{"6.3. Klant blijft rechthebbende van de Gegevens."},
			hasNot: []string{"5.9. "}},
		{what: "changed definition", customer: "van-dijk-installatietechniek",
			has: []string{"H. Programmatuur: de Dienst bestaande uit de softwarefunctionaliteit van SmartTrackers, waaronder de webapplicatie"}},
		{what: "Appendix B is a table with the new sub-processor", customer: "zorggroep-de-linde",
			has: []string{"Subverwerker | Doel van de verwerking | Locatie | Doorgifte buiten de EER", "Lexa Language Services Inc. |"}},
		{what: "defects fixed", customer: "van-dijk-installatietechniek",
			has: []string{"Bijlage 2: Addendum Dataverordening", "opgenomen in Appendix B.", "de in artikel 2.1 van dit Addendum genoemde Opzegtermijn", "binnen de Opzegtermijn aan het verzoek", "voor meerdere jaren vast te zetten."},
			hasNot: []string{"Leverancier", "Webapplicatie", "Kennisgevingsperiode", "Dienstenovereenkomst", "Verwerkersverantwoordelijke", "Dataverorderdening",
				"Bijlage B", "deze Overeenkomst.", "Iedere", "AVG)).."}},
	},
	"tracksavers": {
		{what: "new article A.7 renumbers the articles after it", customer: "bloemenhuis-de-linde",
			has:    []string{"7. Digitale toegankelijkheid", "8. Meerwerk", "15. Aansprakelijkheid", "22. Overige bepalingen", "meerwerk als bedoeld in artikel 8,"},
			hasNot: []string{"7. Meerwerk", "21. Overige bepalingen"}},
		{what: "liability cap", customer: "kaashandel-van-leeuwen",
			has:    []string{"maximaal € 2.500,- inclusief BTW."},
			hasNot: []string{"€ 750,-"}},
		{what: "payment term", customer: "fysiotherapie-duinzicht",
			has: []string{"c. Er geldt een betalingstermijn van dertig (30) dagen na factuurdatum"}},
		{what: "sub-clause moved from Overige bepalingen to Prijzen en tarieven", customer: "bloemenhuis-de-linde",
			has:    []string{"d. Tracksavers is te allen tijde gerechtigd haar prijzen en tarieven te wijzigen.", "a. Tracksavers heeft te allen tijde het recht deze voorwaarden te wijzigen"},
			hasNot: []string{"tarieven de wijzigen"}},
		{what: "changed definition, and IE-Rechten defined", customer: "bloemenhuis-de-linde",
			has: []string{"a. Opdrachtgever: de natuurlijke persoon die handelt in de uitoefening van een beroep of bedrijf, of de rechtspersoon,", "f. IE-Rechten: alle rechten van intellectuele eigendom"}},
		{what: "defects fixed", customer: "bloemenhuis-de-linde",
			has:    []string{"JMDJ Beheer BV, handelend onder de naam Tracksavers", "ten aanzien van dergelijke andere onvolkomenheden, is Tracksavers gerechtigd"},
			hasNot: []string{"Opdrachtgeversauteursrecht", "(hierna: “Tracksavers”", "voorvloeiende", "Tracksavers’s", "ten behoeven", "de adviseren", "door hem vervaardigde"}},
	},
}

// TestSecondVersionChanges checks the changes of each example's second
// version in the assembled text, and that the first version still says
// what the second one changes (so the check is about the change, not about
// text that was always there).
func TestSecondVersionChanges(t *testing.T) {
	for _, name := range Names() {
		specs, ok := secondVersionChanges[name]
		if !ok {
			t.Errorf("%s: no changes listed for its second version", name)
			continue
		}
		history, err := History(name)
		if err != nil {
			t.Fatal(err)
		}
		before := assembled(t, name, history[0].ID)
		after := assembled(t, name, history[1].ID)
		for _, c := range specs {
			t.Run(name+"/"+c.what, func(t *testing.T) {
				text, ok := after[c.customer]
				if !ok {
					t.Fatalf("no customer %q", c.customer)
				}
				changed := false
				for _, s := range c.has {
					if !strings.Contains(text, s) {
						t.Errorf("version %s, customer %s: %q is missing", history[1].ID, c.customer, s)
					}
					changed = changed || !strings.Contains(before[c.customer], s)
				}
				for _, s := range c.hasNot {
					if strings.Contains(text, s) {
						t.Errorf("version %s, customer %s: %q is still there", history[1].ID, c.customer, s)
					}
					changed = changed || strings.Contains(before[c.customer], s)
				}
				if !changed {
					t.Errorf("version %s already says all this for %s: the check tests no change", history[0].ID, c.customer)
				}
			})
		}
	}
}

// TestApplyRefuses checks that a remove list cannot reach outside the
// store and that removing a file that is not there is an error, not a
// silent no-op.
func TestApplyRefuses(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "store")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(tmp, "outside.txt")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"../outside.txt", outside, ".", "clauses/terms/nope.md"} {
		err := Apply("smarttrackers", dir, Version{ID: "x", Remove: []string{f}})
		if err == nil {
			t.Errorf("Apply removed %q without an error", f)
		}
	}
	if _, err := os.Stat(outside); err != nil {
		t.Errorf("a file outside the store was removed: %v", err)
	}
}

// TestHistoryFilesEmbedded checks that every file under history/ is in
// the binary: a file the embed pattern missed would vanish from
// termsmith init --example.
func TestHistoryFilesEmbedded(t *testing.T) {
	var onDisk, embedded []string
	if err := filepath.WalkDir("history", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			onDisk = append(onDisk, filepath.ToSlash(p))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := fs.WalkDir(FS, "history", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			embedded = append(embedded, path.Clean(p))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(onDisk, embedded) {
		t.Errorf("history files on disk %v, embedded %v", onDisk, embedded)
	}
}

// TestOneNumberPerVersion checks, for every version of every example, that
// an article or numbered item has one number for every customer: what does
// not apply to a customer is a visible gap, and what follows it keeps its
// number (the goldens above show the gaps in full).
func TestOneNumberPerVersion(t *testing.T) {
	for _, name := range Names() {
		history, err := History(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range history {
			t.Run(name+"/"+v.ID, func(t *testing.T) {
				st, tmpls, custs := loadDir(t, applyHistory(t, name, v.ID))
				number, who := map[string]string{}, map[string]string{}
				gaps := 0
				for _, id := range slices.Sorted(maps.Keys(custs)) {
					c := custs[id]
					doc, err := agreement.Assemble(st, tmpls[c.Template], c)
					if err != nil {
						t.Fatalf("customer %s: %v", id, err)
					}
					for _, p := range doc.Parts {
						agreement.Walk(p.Blocks, func(b *agreement.Block) {
							if b.Ref == "" || b.Kind != agreement.Article && b.Kind != agreement.Item {
								return
							}
							if b.NotApplicable {
								gaps++
							}
							key := p.ID + ":" + b.ID
							if n, ok := number[key]; ok && n != b.Number {
								t.Errorf("%s is %s for %s and %s for %s", key, n, who[key], b.Number, id)
							}
							number[key], who[key] = b.Number, id
						})
					}
				}
				if gaps == 0 && name == "smarttrackers" {
					t.Error("no gaps: an advice-only customer misses the software article")
				}
			})
		}
	}
}
