package agreement

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/golden"
)

func loadFixture(t *testing.T, fsys fs.FS) (*clauses.Store, map[string]*Template, map[string]*Customer) {
	t.Helper()
	st, err := clauses.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := LoadTemplates(fsys)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := LoadCustomers(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return st, ts, cs
}

// TestAssembleGolden assembles the fixture store for each customer and
// compares the plain text with testdata/<customer>.golden: numbering across
// sub-headings, nested patterns, conditions on parts, clauses and items,
// cross-references, variables from the customer and from defaults.
func TestAssembleGolden(t *testing.T) {
	st, ts, cs := loadFixture(t, os.DirFS("testdata/store"))
	for id, c := range cs {
		t.Run(id, func(t *testing.T) {
			doc, err := Assemble(st, ts[c.Template], c)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", id+".golden"), []byte(doc.PlainText()))
		})
	}
}

// TestAssembleIDs checks the stable ids of assembled blocks: clause ids,
// author labels, and positional ids for the rest.
func TestAssembleIDs(t *testing.T) {
	st, ts, cs := loadFixture(t, os.DirFS("testdata/store"))
	doc, err := Assemble(st, ts["agreement"], cs["alfa"])
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	Walk(doc.Parts[0].Blocks, func(b *Block) {
		if b.Kind == Article || b.Kind == Item {
			got = append(got, b.ID+"="+b.Number)
		}
	})
	want := "aansprakelijkheid=1. cap=1.1. aansprakelijkheid/2=1.2. aansprakelijkheid/2/1=A. aansprakelijkheid/2/2=B. " +
		"redelijke-kosten=C. redelijke-kosten/1=(i) redelijke-kosten/2=(ii) aansprakelijkheid/3=1.3. aansprakelijkheid/4=1.4. hosting=2. hosting/1=2.1. " +
		"duur=3. duur/1=3.1. opzegging=3.2."
	if g := strings.Join(got, " "); g != want {
		t.Errorf("ids:\n got %s\nwant %s", g, want)
	}
}

// TestAssembleErrors checks that assembly fails clearly, naming file and
// line, on a missing value, an unknown variable, a dangling reference, a
// reference to a clause this customer does not get, and an unknown
// template document.
func TestAssembleErrors(t *testing.T) {
	base := fstest.MapFS{}
	for _, name := range []string{"termsmith.yaml", "clauses/terms/document.yaml", "clauses/terms/duur.md", "templates/agreement.yaml", "customers/alfa.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata/store", name))
		if err != nil {
			t.Fatal(err)
		}
		base[name] = &fstest.MapFile{Data: data}
	}
	base["clauses/terms/document.yaml"] = &fstest.MapFile{Data: []byte("title: T\nclauses: [duur, extra]\n")}
	base["templates/agreement.yaml"] = &fstest.MapFile{Data: []byte("title: T\nparts:\n  - document: terms\n")}
	tests := []struct {
		name, extra, template, want string
	}{
		{"missing value", "Start op {{start}}.", "", `clauses/terms/extra.md:6: variable "start" has no value`},
		{"unknown variable", "Prijs {{prijs}}.", "", `clauses/terms/extra.md:6: unknown variable "prijs"`},
		{"dangling reference", "Zie [9.9](#nergens).", "", `clauses/terms/extra.md:6: reference to unknown id "nergens"`},
		{"reference to an unnumbered block", "Zie [x](#duur/1).", "", `invalid reference target`},
		{"unknown document", "Tekst.", "title: T\nparts:\n  - document: terms\n  - document: bijlage\n", `templates/agreement.yaml:4: unknown document "bijlage"`},
		{"unknown condition field", "<!-- when: land == \"BE\" -->\nTekst.\n<!-- end -->", "", `clauses/terms/extra.md:6: condition "land == \"BE\"": unknown field "land"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range base {
				fsys[k] = v
			}
			fsys["clauses/terms/extra.md"] = &fstest.MapFile{Data: []byte("---\nid: extra\ntitle: EXTRA\n---\n\n" + tt.extra + "\n")}
			if tt.template != "" {
				fsys["templates/agreement.yaml"] = &fstest.MapFile{Data: []byte(tt.template)}
			}
			st, err := clauses.Load(fsys)
			if err != nil {
				if strings.Contains(err.Error(), tt.want) {
					return
				}
				t.Fatal(err)
			}
			ts, err := LoadTemplates(fsys)
			if err != nil {
				t.Fatal(err)
			}
			c, err := LoadCustomer(fsys, "alfa")
			if err != nil {
				t.Fatal(err)
			}
			c.Values = map[string]string{}
			_, err = Assemble(st, ts["agreement"], c)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Assemble error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

// TestCustomerErrors checks that a bad customer file names the file, the
// line and the problem.
func TestCustomerErrors(t *testing.T) {
	good := "legal_name: A\naddress: B\nkvk: \"1\"\ncontact: {name: C, email: c@d.nl}\nsignatory: {name: E, title: F}\n"
	tests := []struct{ name, id, src, want string }{
		{"missing field", "x", strings.Replace(good, "kvk: \"1\"\n", "", 1), "customers/x.yaml: missing required field kvk"},
		{"missing nested field", "x", strings.Replace(good, "title: F", "title: \"\"", 1), "customers/x.yaml:5: missing required field signatory.title"},
		{"bad email", "x", strings.Replace(good, "c@d.nl", "nobody", 1), `customers/x.yaml:4: contact.email "nobody" is not an e-mail address`},
		{"unknown key", "x", good + "colour: red\n", "customers/x.yaml:6: invalid YAML: unknown key \"colour\""},
		{"unknown line item key", "x", good + "line_items:\n  - {service: S, quantity: 1}\n  - {service: S, colour: red}\n", "customers/x.yaml:8: invalid YAML: unknown key \"colour\" in a line item"},
		{"line item not a mapping", "x", good + "line_items:\n  - S\n", "customers/x.yaml:7: invalid YAML: a line item is a mapping"},
		{"path as id", "../x", good, `invalid customer id "../x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"customers/x.yaml": {Data: []byte(tt.src)}}
			_, err := LoadCustomer(fsys, tt.id)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadCustomer error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

// NumbersByID maps every numbered article and item of doc to its number,
// and marks the gaps: "aansprakelijkheid/2/2=B. (gap)".
func numbersByID(doc *Agreement) map[string]string {
	out := map[string]string{}
	for _, p := range doc.Parts {
		Walk(p.Blocks, func(b *Block) {
			if b.Number != "" && !clauses.IsBullet(b.Number) {
				out[p.ID+":"+b.ID] = b.Number
			}
		})
	}
	return out
}

// TestAssembleOneNumberPerVersion checks that a clause or item has the
// same number for every customer: what does not apply is a visible gap,
// and what follows keeps its number.
func TestAssembleOneNumberPerVersion(t *testing.T) {
	st, ts, cs := loadFixture(t, os.DirFS("testdata/store"))
	seen := map[string]string{} // id → number
	who := map[string]string{}
	gaps := 0
	for _, id := range []string{"alfa", "beta"} {
		doc, err := Assemble(st, ts["agreement"], cs[id])
		if err != nil {
			t.Fatal(err)
		}
		for k, n := range numbersByID(doc) {
			if prev, ok := seen[k]; ok && prev != n {
				t.Errorf("%s is %s for %s and %s for %s", k, prev, who[k], n, id)
			}
			seen[k], who[k] = n, id
		}
		Walk(doc.Parts[0].Blocks, func(b *Block) {
			if !b.NotApplicable {
				return
			}
			gaps++
			text := b.Title
			if b.Kind == Item {
				text = InlineText(b.Children[0].Inlines)
			}
			if text != "[Niet van toepassing]" || len(b.Children) > 1 {
				t.Errorf("%s: gap %q with %d children", b.ID, text, len(b.Children))
			}
		})
	}
	if gaps == 0 {
		t.Error("no gaps: the fixture must have a customer that misses a numbered article and items")
	}
}
