package agreement

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/termsmith/termsmith/clauses"
	"go.yaml.in/yaml/v3"
)

// DefaultTemplate is the template a customer gets unless its file names
// another.
const DefaultTemplate = "agreement"

// Template says which documents make up an agreement, in what order, and
// when each applies. It lives in templates/<id>.yaml.
type Template struct {
	ID       string            `yaml:"-"`
	File     string            `yaml:"-"`
	Title    string            `yaml:"title"`
	Parts    []PartSpec        `yaml:"parts"`
	Defaults map[string]string `yaml:"defaults"` // variable defaults that override the config's
}

// PartSpec is one entry of a template.
type PartSpec struct {
	Document string `yaml:"document"`
	When     string `yaml:"when"`
	Line     int    `yaml:"-"`
}

// Customer is one customer's data file, customers/<id>.yaml.
type Customer struct {
	ID        string            `yaml:"-"`
	File      string            `yaml:"-"`
	LegalName string            `yaml:"legal_name"`
	Address   string            `yaml:"address"`
	KvK       string            `yaml:"kvk"`
	Place     string            `yaml:"place"` // where the customer signs; defaults to the address's town
	Contact   clauses.Person    `yaml:"contact"`
	Signatory clauses.Person    `yaml:"signatory"`
	Template  string            `yaml:"template"` // default "agreement"
	Services  []string          `yaml:"services"`
	Values    map[string]string `yaml:"values"`
	DPA       map[string]string `yaml:"dpa"` // answers, read as variables dpa.<key>
	LineItems []LineItem        `yaml:"line_items"`
	Offer     OfferInfo         `yaml:"offer"`
	lines     map[string]int
}

// LineItem is one line of an offer, as written; package offer parses and
// prices it (docs/format.md).
type LineItem struct {
	Service     string `yaml:"service"`
	Description string `yaml:"description"` // what the service is, printed under it
	Quantity    string `yaml:"quantity"`    // a decimal number: 25, 1,5
	Unit        string `yaml:"unit"`        // "gebruiker/gebruikers", "uur": singular/plural
	UnitPrice   string `yaml:"unit_price"`  // euro amount excl. VAT, up to four decimals
	Period      string `yaml:"period"`      // eenmalig, maand, kwartaal, jaar
	VAT         string `yaml:"vat"`         // percentage or "verlegd"; default the store's vat_percent
	Line        int    `yaml:"-"`           // line in the customer file
}

var lineItemKeys = []string{"service", "description", "quantity", "unit", "unit_price", "period", "vat"}

// UnmarshalYAML decodes a line item strictly and records its line.
func (li *LineItem) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a line item is a mapping of %s", n.Line, strings.Join(lineItemKeys, ", "))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !slices.Contains(lineItemKeys, k.Value) {
			return fmt.Errorf("line %d: unknown key %q in a line item (keys: %s)", k.Line, k.Value, strings.Join(lineItemKeys, ", "))
		}
	}
	type plain LineItem
	if err := n.Decode((*plain)(li)); err != nil {
		return err
	}
	li.Line = n.Line
	return nil
}

// OfferInfo numbers and dates a customer's offer.
type OfferInfo struct {
	Number string `yaml:"number"`
	Date   string `yaml:"date"`  // YYYY-MM-DD
	Start  string `yaml:"start"` // YYYY-MM-DD: the agreement's start, when agreed; optional
}

// Line returns the line of a top-level key in the customer file, or 0.
func (c *Customer) Line(key string) int { return c.lines[key] }

// LoadTemplates reads every templates/<id>.yaml (or .yml, in any case);
// other files there are not templates and are left alone.
func LoadTemplates(fsys fs.FS) (map[string]*Template, error) {
	out := map[string]*Template{}
	var errs []error
	err := eachYAML(fsys, "templates", false, func(id, file string, src []byte) {
		t := &Template{ID: id, File: file}
		if err := clauses.DecodeYAML(file, src, t); err != nil {
			errs = append(errs, err)
			return
		}
		lines := keyLines(src)
		if t.Title == "" {
			errs = append(errs, &clauses.Error{File: file, Line: 1, Msg: "template has no title"})
		}
		if len(t.Parts) == 0 {
			errs = append(errs, &clauses.Error{File: file, Line: lines["parts"], Msg: "template has no parts"})
		}
		partLines := listLines(src, "parts", "document:")
		for i := range t.Parts {
			if i < len(partLines) {
				t.Parts[i].Line = partLines[i]
			}
			if w := t.Parts[i].When; w != "" {
				if _, err := clauses.ParseCondition(w); err != nil {
					errs = append(errs, &clauses.Error{File: file, Line: t.Parts[i].Line, Msg: err.Error()})
				}
			}
		}
		out[id] = t
	})
	if err != nil {
		return nil, err
	}
	return out, errors.Join(errs...)
}

// LoadCustomers reads every customers/<id>.yaml (or .yml, in any case).
// Customers are read from the working tree, not from a published version:
// a customer's data changes without changing the terms. Every other entry
// in customers/ — a file with another extension, a directory, a name that
// is not an id — is an error, so that no customer is ever skipped in
// silence. The error lists every file that could not be used, one per
// line; the customers that could are returned with it.
func LoadCustomers(fsys fs.FS) (map[string]*Customer, error) {
	out := map[string]*Customer{}
	var errs []error
	err := eachYAML(fsys, "customers", true, func(id, file string, src []byte) {
		c, err := parseCustomer(id, file, src)
		if err != nil {
			errs = append(errs, err)
			return
		}
		out[id] = c
	})
	// A file that cannot be read (or whose name is not an id) is one
	// failure among the customers; the others are still returned.
	return out, errors.Join(err, errors.Join(errs...))
}

// LoadCustomer reads one customer by id, from customers/<id>.yaml or
// customers/<id>.yml (the extension in any case).
func LoadCustomer(fsys fs.FS, id string) (*Customer, error) {
	if p := clauses.IDProblem(id); p != "" {
		return nil, fmt.Errorf("invalid customer id %s: %s", clauses.QuoteID(id), p)
	}
	entries, err := fs.ReadDir(fsys, "customers")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if stem, ok := yamlStem(e.Name()); ok && stem == id {
			files = append(files, path.Join("customers", e.Name()))
		}
	}
	switch len(files) {
	case 0:
		return nil, fmt.Errorf("unknown customer %q: %s does not exist", id, path.Join("customers", id+".yaml"))
	case 1:
	default:
		return nil, &clauses.Error{File: files[1], Msg: fmt.Sprintf("customer %q is also in %s; keep one file", id, files[0])}
	}
	src, err := clauses.ReadFile(fsys, files[0])
	if err != nil {
		return nil, err
	}
	return parseCustomer(id, files[0], src)
}

// yamlStem returns the name without its extension if the extension is
// .yaml or .yml, in any case.
func yamlStem(name string) (string, bool) {
	ext := path.Ext(name)
	switch strings.ToLower(ext) {
	case ".yaml", ".yml":
		return strings.TrimSuffix(name, ext), true
	}
	return "", false
}

func parseCustomer(id, file string, src []byte) (*Customer, error) {
	c := &Customer{ID: id, File: file}
	if err := clauses.DecodeYAML(file, src, c); err != nil {
		return nil, err
	}
	c.lines = keyLines(src)
	required := []struct{ key, val string }{
		{"legal_name", c.LegalName}, {"address", c.Address}, {"kvk", c.KvK},
		{"contact.name", c.Contact.Name}, {"contact.email", c.Contact.Email},
		{"signatory.name", c.Signatory.Name}, {"signatory.title", c.Signatory.Title},
	}
	for _, r := range required {
		if strings.TrimSpace(r.val) == "" {
			top, _, _ := strings.Cut(r.key, ".")
			return nil, &clauses.Error{File: file, Line: c.lines[top], Msg: "missing required field " + r.key}
		}
	}
	if !strings.Contains(c.Contact.Email, "@") {
		return nil, &clauses.Error{File: file, Line: c.lines["contact"], Msg: fmt.Sprintf("contact.email %q is not an e-mail address", c.Contact.Email)}
	}
	if c.Template == "" {
		c.Template = DefaultTemplate
	}
	for _, s := range c.Services {
		if !clauses.ValidID(s) {
			return nil, &clauses.Error{File: file, Line: c.lines["services"], Msg: fmt.Sprintf("service %q: use lower-case letters, digits and hyphens", s)}
		}
	}
	return c, nil
}

// eachYAML calls f for every <id>.yaml or <id>.yml file in dir, sorted by
// name. A YAML file whose name is not an id, two files of one id, and a
// file that does not read are errors; so is every other entry when strict
// is set. A name with a control or invisible character never reaches a
// message as it is (clauses.VisibleName).
func eachYAML(fsys fs.FS, dir string, strict bool, f func(id, file string, src []byte)) error {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var errs []error
	seen := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		file := path.Join(dir, clauses.VisibleName(name))
		stem, isYAML := yamlStem(name)
		switch {
		case clauses.VisibleName(name) != name:
			errs = append(errs, &clauses.Error{File: file, Msg: "the file name holds a control or invisible character or bytes that are not UTF-8; rename the file"})
			continue
		case e.IsDir() && strict:
			errs = append(errs, &clauses.Error{File: file, Msg: fmt.Sprintf("a directory; files in %s/ are <id>.yaml files, directly in it", dir)})
			continue
		case e.IsDir():
			continue
		case !isYAML && strict:
			errs = append(errs, &clauses.Error{File: file, Msg: fmt.Sprintf("not a YAML file; files in %s/ are <id>.yaml (or .yml)", dir)})
			continue
		case !isYAML:
			continue
		}
		if p := clauses.IDProblem(stem); p != "" {
			errs = append(errs, &clauses.Error{File: file, Msg: fmt.Sprintf("file name %s is not a valid id: %s", clauses.QuoteID(stem), p)})
			continue
		}
		if prev, dup := seen[stem]; dup {
			errs = append(errs, &clauses.Error{File: file, Msg: fmt.Sprintf("%q is also in %s; keep one file", stem, prev)})
			continue
		}
		seen[stem] = file
		src, err := clauses.ReadFile(fsys, file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		f(stem, file, src)
	}
	return errors.Join(errs...)
}

// keyLines maps each top-level YAML key to its line.
func keyLines(src []byte) map[string]int {
	out := map[string]int{}
	for i, l := range strings.Split(string(src), "\n") {
		if l == "" || l[0] == ' ' || l[0] == '#' || l[0] == '-' {
			continue
		}
		if k, _, ok := strings.Cut(l, ":"); ok {
			out[strings.TrimSpace(k)] = i + 1
		}
	}
	return out
}

// listLines returns the lines, after the top-level key, of entries holding
// marker: the line of each "- document: x" under "parts:".
func listLines(src []byte, key, marker string) []int {
	var out []int
	in := false
	for i, l := range strings.Split(string(src), "\n") {
		if len(l) > 0 && l[0] != ' ' && l[0] != '-' && l[0] != '#' {
			in = strings.HasPrefix(l, key+":")
			continue
		}
		if in && strings.Contains(l, marker) {
			out = append(out, i+1)
		}
	}
	return out
}
