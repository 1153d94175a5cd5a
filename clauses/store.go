package clauses

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/termsmith/termsmith/internal/lazy"
)

// ConfigFile is the store configuration's path; its presence makes a
// directory a termsmith store.
const ConfigFile = "termsmith.yaml"

// MaxFileSize bounds every store file, so a runaway file fails clearly
// instead of exhausting memory.
const MaxFileSize = 1 << 20

// Config is the store configuration, termsmith.yaml.
type Config struct {
	Supplier          Supplier           `yaml:"supplier"`
	Language          string             `yaml:"language"`            // "nl" or "en"
	NoticePeriodDays  int                `yaml:"notice_period_days"`  // default 30
	OfferValidityDays int                `yaml:"offer_validity_days"` // default 30
	VATPercent        string             `yaml:"vat_percent"`         // default "21": the offer lines' default VAT rate
	Offer             OfferConfig        `yaml:"offer"`
	Numbering         Numbering          `yaml:"numbering"`
	Services          []Service          `yaml:"services"`
	Variables         map[string]VarDecl `yaml:"variables"`
	Publisher         Person             `yaml:"publisher"` // author of published versions
	Branch            string             `yaml:"branch"`    // the publishing branch; default main
	Lint              LintConfig         `yaml:"lint"`
	SMTP              SMTPConfig         `yaml:"smtp"` // where notices are sent through
	Notices           NoticeConfig       `yaml:"notices"`
}

// NoticeConfig is how the store's own terms govern change notices.
type NoticeConfig struct {
	// Objection is the customer's right to object to changed terms, as the
	// terms grant it: "until-effective" (until the day before the new terms
	// take effect), "none" (the terms give no objection right), or "N days"
	// (N days after the notice date). Empty: not declared.
	Objection string `yaml:"objection"`
}

// The kinds of objection rule (see NoticeConfig.Objection).
const (
	ObjectionUntilEffective = "until-effective"
	ObjectionNone           = "none"
	ObjectionDays           = "days"
)

// Objection is a parsed objection rule.
type Objection struct {
	Kind string // ObjectionUntilEffective, ObjectionNone, ObjectionDays; "" when not declared
	Days int    // for ObjectionDays
}

// String returns the rule as it is written in termsmith.yaml.
func (o Objection) String() string {
	if o.Kind == ObjectionDays {
		return strconv.Itoa(o.Days) + " days"
	}
	return o.Kind
}

// ParseObjection parses an objection rule: "until-effective", "none" or
// "N days" (N at least 1); "" is the undeclared rule.
func ParseObjection(s string) (Objection, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "":
		return Objection{}, nil
	case ObjectionUntilEffective, ObjectionNone:
		return Objection{Kind: s}, nil
	}
	if n, unit, ok := strings.Cut(s, " "); ok && (unit == "days" || unit == "day") {
		if d, err := strconv.Atoi(n); err == nil && d >= 1 {
			return Objection{Kind: ObjectionDays, Days: d}, nil
		}
	}
	return Objection{}, fmt.Errorf("notices.objection %q: use until-effective, none or \"N days\"", s)
}

// Rule returns the parsed objection rule (checked when the
// configuration was loaded).
func (n NoticeConfig) Rule() Objection {
	o, _ := ParseObjection(n.Objection)
	return o
}

// Supplier is the party that publishes the terms.
type Supplier struct {
	LegalName string `yaml:"legal_name"`
	TradeName string `yaml:"trade_name"`
	Address   string `yaml:"address"`
	KvK       string `yaml:"kvk"`
	VATID     string `yaml:"vat_id"`
	Email     string `yaml:"email"`
	Place     string `yaml:"place"` // where the supplier signs
	Signatory Person `yaml:"signatory"`
}

// Person is a named person: a signatory, a contact, a publisher.
type Person struct {
	Name  string `yaml:"name"`
	Title string `yaml:"title"`
	Email string `yaml:"email"`
	Phone string `yaml:"phone"`
}

// OfferConfig is what a store's offers say beyond the customer's line
// items, each statement with the clause of the terms it comes from.
// Package offer checks and uses it; docs/format.md describes it.
type OfferConfig struct {
	NonBinding bool        `yaml:"non_binding"` // the terms make offers non-binding ("vrijblijvend")
	Clause     string      `yaml:"clause"`      // the clause on offers: validity, non-binding
	Start      OfferTerm   `yaml:"start"`       // when the agreement starts unless the offer gives a date
	Payment    OfferTerm   `yaml:"payment"`     // the payment term
	IBAN       string      `yaml:"iban"`
	Contact    Person      `yaml:"contact"` // who answers the customer's questions
	Contracts  []OfferTerm `yaml:"contracts"`
	Line       int         `yaml:"-"` // line of "offer:" in termsmith.yaml
}

// OfferTerm is one statement of an offer with its source clause: a text
// (Start), a duration or {{variable}} (Payment), or a contract's term,
// renewal and notice period for the services it lists (Contracts).
type OfferTerm struct {
	Text     string   `yaml:"text"`
	Term     string   `yaml:"term"`
	Renewal  string   `yaml:"renewal"`
	Notice   string   `yaml:"notice"`
	Services []string `yaml:"services"`
	Clause   string   `yaml:"clause"`
}

// Service is something a customer can buy; conditions test it with
// "id in services".
type Service struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
}

// VarDecl declares a variable.
type VarDecl struct {
	Type        string `yaml:"type"` // text, date, money, number, duration, yesno
	Default     string `yaml:"default"`
	Description string `yaml:"description"`
}

// VarTypes lists the variable types.
var VarTypes = []string{"text", "date", "money", "number", "duration", "yesno"}

// LintConfig tunes lint for a store.
type LintConfig struct {
	// Names are capitalised words and phrases that are names, not defined
	// terms: the supplier, laws, institutions, products.
	Names []string `yaml:"names"`
}

// Manifest is a document manifest, clauses/<id>/document.yaml: one
// document (the terms, an annex, an appendix) and its clauses in order.
type Manifest struct {
	ID        string    `yaml:"-"`
	File      string    `yaml:"-"`
	Label     string    `yaml:"label"` // "Bijlage 1", "Appendix A"; how references to the document print
	Title     string    `yaml:"title"`
	Numbering Numbering `yaml:"numbering"`
	Clauses   []string  `yaml:"clauses"`
	Lines     []int     `yaml:"-"` // line of each entry in Clauses
}

// Store is the content of a termsmith store: configuration, documents and
// clauses. Templates and customers are read by package agreement.
type Store struct {
	Config    Config
	Documents map[string]*Manifest
	Clauses   map[string]*Clause // every clause and labelled block id → its clause
	// Problems are defects that do not stop the store from being read but
	// that lint reports and assembly refuses: duplicate ids, manifests that
	// name missing clauses, clause files no manifest lists.
	Problems []*Error
}

// fileKind names what a file that is not a regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	default:
		return "a special file"
	}
}

// DocumentIDs returns the document ids, sorted.
func (s *Store) DocumentIDs() []string {
	ids := make([]string, 0, len(s.Documents))
	for id := range s.Documents {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// ReadFile reads a store file, bounded by MaxFileSize, checked for UTF-8
// and normalised (see Normalize). Only a regular file is opened (a link to
// one is followed): anything else — a named pipe, a device, a socket, a
// directory — is refused before it is opened, since opening a named pipe
// or reading a device can block for ever.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errorf(name, 0, "%s, not a regular file; a store holds only regular files", fileKind(st.Mode()))
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, errorf(name, 0, "%s, not a regular file; a store holds only regular files", fileKind(st.Mode()))
	} else if err == nil && st.Size() > MaxFileSize {
		return nil, errorf(name, 0, "file is %d bytes; the limit is %d", st.Size(), MaxFileSize)
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if buf.Len() > MaxFileSize {
		return nil, errorf(name, 0, "file is larger than the limit of %d bytes", MaxFileSize)
	}
	return Normalize(name, buf.Bytes())
}

// LoadConfig reads and checks termsmith.yaml.
func LoadConfig(fsys fs.FS) (Config, error) {
	var cfg Config
	src, err := ReadFile(fsys, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, fmt.Errorf("not a termsmith store: %s not found", ConfigFile)
	}
	if err != nil {
		return cfg, err
	}
	if err := DecodeYAML(ConfigFile, src, &cfg); err != nil {
		return cfg, err
	}
	return cfg, cfg.check(src)
}

func (c *Config) check(src []byte) error {
	line := func(key string) int { return keyLine(src, key) }
	if c.Language == "" {
		c.Language = "nl"
	}
	if c.Language != "nl" && c.Language != "en" {
		return errorf(ConfigFile, line("language"), "language %q: use nl or en", c.Language)
	}
	if c.NoticePeriodDays == 0 {
		c.NoticePeriodDays = 30
	}
	if c.OfferValidityDays == 0 {
		c.OfferValidityDays = 30
	}
	if c.VATPercent == "" {
		c.VATPercent = "21"
	}
	if !vatRE().MatchString(c.VATPercent) {
		return errorf(ConfigFile, line("vat_percent"), "vat_percent %q: write a percentage from 0 to 100 with at most two decimals, e.g. 21 or 9", c.VATPercent)
	}
	if c.NoticePeriodDays < 0 || c.OfferValidityDays < 0 {
		return errorf(ConfigFile, 0, "notice_period_days and offer_validity_days cannot be negative")
	}
	if c.NoticePeriodDays > 3650 || c.OfferValidityDays > 3650 {
		return errorf(ConfigFile, 0, "notice_period_days and offer_validity_days are at most 3650 (ten years)")
	}
	c.Offer.Line = line("offer")
	if _, err := ParseObjection(c.Notices.Objection); err != nil {
		return errorf(ConfigFile, line("notices"), "%v", err)
	}
	if c.Supplier.LegalName == "" {
		return errorf(ConfigFile, line("supplier"), "supplier.legal_name is required")
	}
	for _, p := range append([]string{c.Numbering.Article}, append(c.Numbering.Levels, c.Numbering.Bullets...)...) {
		if p == "" {
			continue
		}
		if err := CheckPattern(p); err != nil {
			return errorf(ConfigFile, line("numbering"), "%v", err)
		}
	}
	c.Numbering = c.Numbering.Merge(DefaultNumbering)
	for _, s := range c.Services {
		if !ValidID(s.ID) {
			return errorf(ConfigFile, line("services"), "service id %q: use lower-case letters, digits and hyphens", s.ID)
		}
	}
	for name, v := range c.Variables {
		if !validVarName(name) {
			return errorf(ConfigFile, line("variables"), "variable name %q: use lower-case letters, digits, _ and . (for dpa.x)", name)
		}
		if !contains(VarTypes, v.Type) {
			return errorf(ConfigFile, line("variables"), "variable %q: type %q is not one of %s", name, v.Type, strings.Join(VarTypes, ", "))
		}
	}
	return nil
}

// vatRE is a VAT percentage: 0 to 100, at most two decimals.
var vatRE = lazy.Regexp(`^(100|\d{1,2}([.,]\d{1,2})?)$`)

// ServiceIDs returns the ids of the configured services.
func (c *Config) ServiceIDs() []string {
	out := make([]string, len(c.Services))
	for i, s := range c.Services {
		out[i] = s.ID
	}
	return out
}

func validVarName(s string) bool {
	if s == "" || len(s) > 80 {
		return false
	}
	for i, r := range s {
		ok := r >= 'a' && r <= 'z' || r == '_' || (i > 0 && (r >= '0' && r <= '9' || r == '.'))
		if !ok {
			return false
		}
	}
	return true
}

// ValidVarName reports whether s is a well-formed variable name.
func ValidVarName(s string) bool { return validVarName(s) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parseJob is one clause file to read and parse, and what came of it.
type parseJob struct {
	doc, file string
	clause    *Clause
	err       error
}

// parseAll reads and parses every job's file, on as many goroutines as
// there are cores; each job gets its own result, so the outcome does not
// depend on the order they finish in.
func parseAll(fsys fs.FS, jobs []parseJob) {
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				j := &jobs[i]
				src, err := ReadFile(fsys, j.file)
				if err != nil {
					j.err = err
					continue
				}
				j.clause, j.err = Parse(j.file, src)
			}
		})
	}
	wg.Wait()
}

// Load reads a store from fsys: the working tree (os.DirFS) or a published
// version read from git. Syntax errors in any file are returned together;
// semantic defects are collected in Store.Problems.
func Load(fsys fs.FS) (*Store, error) {
	cfg, err := LoadConfig(fsys)
	if err != nil {
		return nil, err
	}
	s := &Store{Config: cfg, Documents: map[string]*Manifest{}, Clauses: map[string]*Clause{}}
	dirs, err := fs.ReadDir(fsys, "clauses")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return s, nil
		}
		return nil, err
	}
	var errs []error
	var jobs []parseJob
	listed := map[string]string{} // clause id → document id
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		docID := d.Name()
		dir := path.Join("clauses", docID)
		if !ValidID(docID) {
			errs = append(errs, errorf(dir, 0, "document directory name %q: use lower-case letters, digits and hyphens", docID))
			continue
		}
		doc, err := loadDocument(fsys, docID)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s.Documents[docID] = doc
		for i, id := range doc.Clauses {
			if prev, dup := listed[id]; dup {
				s.problem(ProblemDuplicateID, doc.File, doc.Lines[i], "clause %q is listed twice (also in document %q)", id, prev)
				continue
			}
			listed[id] = docID
		}
		files, err := fs.ReadDir(fsys, dir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, f := range files {
			if f.IsDir() || !strings.HasSuffix(f.Name(), ".md") {
				continue
			}
			jobs = append(jobs, parseJob{doc: docID, file: path.Join(dir, f.Name())})
		}
	}
	// Parsing is most of the time a command spends loading terms: the
	// files are parsed on every core, then added in their fixed order.
	parseAll(fsys, jobs)
	for _, j := range jobs {
		if j.err != nil {
			errs = append(errs, j.err)
			continue
		}
		j.clause.Doc = j.doc
		s.addClause(j.clause)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	s.checkManifests(listed)
	return s, nil
}

// checkManifests records where the manifests and the clause files
// disagree — a listed clause without a file, a label or another
// document's clause listed, a clause listed nowhere (listed: clause id →
// document id) — and an id that is also a document's.
func (s *Store) checkManifests(listed map[string]string) {
	for _, id := range s.DocumentIDs() {
		doc := s.Documents[id]
		for i, cid := range doc.Clauses {
			c, ok := s.Clauses[cid]
			switch {
			case !ok:
				s.problem(ProblemManifest, doc.File, doc.Lines[i], "clause %q has no clause file", cid)
			case c.ID != cid:
				s.problem(ProblemManifest, doc.File, doc.Lines[i], "%q is a sub-clause label in %s, not a clause", cid, c.File)
			case c.Doc != id:
				s.problem(ProblemManifest, doc.File, doc.Lines[i], "clause %q lives in document %q (%s)", cid, c.Doc, c.File)
			}
		}
	}
	for _, c := range s.SortedClauses() {
		check := func(id string, line int) {
			if d, clash := s.Documents[id]; clash && s.Clauses[id] == c {
				s.problem(ProblemDuplicateID, c.File, line, "id %q is also a document (%s); a reference to it is ambiguous", id, d.File)
			}
		}
		check(c.ID, c.Line)
		Walk(c.Body, func(b *Block) {
			if b.ID != "" {
				check(b.ID, b.Line)
			}
		})
	}
	for _, c := range s.SortedClauses() {
		if _, ok := listed[c.ID]; !ok {
			s.problem(ProblemManifest, c.File, c.Line, "clause %q is not listed in %s/document.yaml", c.ID, path.Dir(c.File))
		}
	}
}

// addClause indexes a clause and its labelled blocks, recording duplicates.
func (s *Store) addClause(c *Clause) {
	add := func(id string, line int) {
		if prev, dup := s.Clauses[id]; dup {
			s.problem(ProblemDuplicateID, c.File, line, "duplicate id %q (also in %s)", id, prev.File)
			return
		}
		s.Clauses[id] = c
	}
	add(c.ID, c.Line)
	Walk(c.Body, func(b *Block) {
		if b.ID != "" {
			add(b.ID, b.Line)
		}
	})
}

func (s *Store) problem(kind, file string, line int, format string, args ...any) {
	e := errorf(file, line, format, args...)
	e.Kind = kind
	s.Problems = append(s.Problems, e)
}

// SortedClauses returns every clause once, ordered by file path.
func (s *Store) SortedClauses() []*Clause {
	seen := map[*Clause]bool{}
	var out []*Clause
	for _, c := range s.Clauses {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// Err returns the store's problems as one error, or nil.
func (s *Store) Err() error {
	errs := make([]error, len(s.Problems))
	for i, p := range s.Problems {
		errs[i] = p
	}
	return errors.Join(errs...)
}

// Walk calls f for every block in blocks, depth first, in document order.
func Walk(blocks []*Block, f func(*Block)) {
	for _, b := range blocks {
		f(b)
		Walk(b.Children, f)
	}
}

func loadDocument(fsys fs.FS, id string) (*Manifest, error) {
	file := path.Join("clauses", id, "document.yaml")
	src, err := ReadFile(fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errorf(path.Dir(file), 0, "document directory has no document.yaml")
	}
	if err != nil {
		return nil, err
	}
	doc := &Manifest{ID: id, File: file}
	if err := DecodeYAML(file, src, doc); err != nil {
		return nil, err
	}
	if doc.Title == "" {
		return nil, errorf(file, 1, "document has no title")
	}
	for _, p := range append([]string{doc.Numbering.Article}, append(doc.Numbering.Levels, doc.Numbering.Bullets...)...) {
		if p == "" {
			continue
		}
		if err := CheckPattern(p); err != nil {
			return nil, errorf(file, keyLine(src, "numbering"), "%v", err)
		}
	}
	// Find the line of each clause entry for error messages.
	lines := strings.Split(string(src), "\n")
	from := keyLine(src, "clauses")
	for _, cid := range doc.Clauses {
		l := from
		for i := from; i < len(lines); i++ {
			if strings.Contains(lines[i], cid) {
				l = i + 1
				from = i + 1
				break
			}
		}
		if !ValidID(cid) {
			return nil, errorf(file, l, "invalid clause id %q: use lower-case letters, digits and hyphens", cid)
		}
		doc.Lines = append(doc.Lines, l)
	}
	return doc, nil
}
