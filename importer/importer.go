// Package importer turns an existing terms document — plain text extracted
// from a PDF or a web page, or Markdown — into termsmith documents and
// clause files.
//
// It joins hard-wrapped lines, drops repeated page footers and version
// lines, recognises article headings, typed sub-clause numbers (1.1.,
// 3.2, 3.1.Een), lettered and roman lists (A., a., a), (i), i)) and bullets
// (●, ❖, •), and turns them into structure: one clause file per article,
// sub-clauses as labelled top-level list items, lists as nested lists.
// Typed cross-references to the document's own articles and sub-clauses
// become links. Whatever it cannot decide with confidence it keeps as text
// and lists in Result.Reports, so an author can finish the job by hand.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/lazy"
	"go.yaml.in/yaml/v3"
)

// Options tune an import.
type Options struct {
	// Markdown reads the input as Markdown; otherwise a name ending in .md
	// or .markdown decides.
	Markdown bool
	// DocIDs gives documents their ids, by label ("Bijlage 1") or, for a
	// document without a label, by title. Other documents get the slug of
	// their label; the first unlabelled one is "terms".
	DocIDs map[string]string
	// Taken are ids the target store already uses; new ids avoid them.
	Taken map[string]bool
	// Default is the target store's default numbering; documents write
	// only what differs from it. When empty, the first document's own
	// numbering becomes the default.
	Default clauses.Numbering
	// Existing makes the import a re-import: the text is a new version of
	// this document, whose ids its matching clauses keep (see MatchNodes).
	Existing *Existing
	// Overrides correct re-import matches: a new clause, by its title or
	// the id a fresh import gives it, → the existing id it continues, or
	// "" to make it a new clause.
	Overrides map[string]string
}

// Result is an imported document set.
type Result struct {
	Name      string            // the input's name, as given
	Language  string            // "nl" or "en", guessed from the text
	Version   string            // the version line's date, "1 januari 2026", if the input has one
	Numbering clauses.Numbering // the default numbering: the store's, or the first document's
	Documents []*Document
	Reports   []Report // lines the import could not decide, by line
	// Mapping is, on re-import, what became of each clause and labelled
	// sub-clause: kept, renamed, moved, added or removed.
	Mapping []Match
}

// Document is one imported document: the terms, an annex, an appendix.
type Document struct {
	ID       string
	Label    string // "Bijlage 1"; empty for the main terms
	Title    string
	Line     int      // where it starts in the input
	Manifest []byte   // its document.yaml
	Clauses  []Clause // in order
}

// Clause is one imported clause file.
type Clause struct {
	ID       string
	Title    string
	Numbered bool
	Line     int    // where it starts in the input
	Markdown []byte // the whole file: front matter and body
}

// Report is a line the import could not decide, and what it did instead.
type Report struct {
	Line int
	Msg  string
}

// String prints the report as "line N: message".
func (r Report) String() string { return fmt.Sprintf("line %d: %s", r.Line, r.Msg) }

// File is one file the import writes into a store.
type File struct {
	Path string // slash-separated, relative to the store
	Data []byte
}

// Files returns the documents' files: clauses/<doc>/document.yaml and one
// clauses/<doc>/<id>.md per clause, in document order.
func (r *Result) Files() []File {
	var out []File
	for _, d := range r.Documents {
		dir := path.Join("clauses", d.ID)
		out = append(out, File{Path: path.Join(dir, "document.yaml"), Data: d.Manifest})
		for _, c := range d.Clauses {
			out = append(out, File{Path: path.Join(dir, c.ID+".md"), Data: c.Markdown})
		}
	}
	return out
}

// Config returns a termsmith.yaml for a new store holding the import: the
// supplier's legal name, the language and the numbering found. The author
// completes it (address, services, variables).
func (r *Result) Config(supplier string) []byte {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# Written by termsmith import from %s.\n", path.Base(r.Name))
	sb.WriteString("# Complete the supplier, the services customers buy and the variables\n")
	sb.WriteString("# the clauses use; see docs/format.md.\n")
	sb.WriteString("supplier:\n")
	sb.WriteString("  legal_name: " + yamlScalar(supplier) + "\n")
	sb.WriteString("language: " + r.Language + "\n")
	sb.WriteString("numbering:\n")
	sb.WriteString("  article: " + strconv.Quote(r.Numbering.Article) + "\n")
	sb.WriteString("  levels: " + quoteList(r.Numbering.Levels) + "\n")
	sb.WriteString("  bullets: " + quoteList(r.Numbering.Bullets) + "\n")
	return []byte(sb.String())
}

// Template returns a templates/agreement.yaml that includes every imported
// document unconditionally; the author adds the when: conditions.
func (r *Result) Template() []byte {
	var sb strings.Builder
	title := r.Name
	if len(r.Documents) > 0 && r.Documents[0].Title != "" {
		title = r.Documents[0].Title
	}
	sb.WriteString("title: " + yamlScalar(title) + "\n")
	sb.WriteString("parts:\n")
	for _, d := range r.Documents {
		sb.WriteString("  - document: " + d.ID + "\n")
	}
	return []byte(sb.String())
}

// reporter collects the import's reports.
type reporter struct{ list []Report }

func (r *reporter) add(line int, format string, args ...any) {
	r.list = append(r.list, Report{Line: line, Msg: fmt.Sprintf(format, args...)})
}

type importer struct {
	name     string
	opts     Options
	r        *reporter
	docs     []*doc
	lang     string
	markdown bool
	taken    idSet
	def      clauses.Numbering
	anchors  anchorMap

	// Re-import.
	presetArt               map[*article]string
	presetItem              map[*block]string
	artMatches, itemMatches []Match
	matchArts               []*article
	matchItems              []*block
}

// Import reads one terms document. name is used in errors and reports and,
// by its extension, to tell Markdown from text. Input that cannot be read
// at all — invalid UTF-8, malformed front matter, an invalid id — is an
// error naming the line; anything else is imported, with reports.
func Import(name string, src []byte, opts Options) (*Result, error) {
	src, err := clauses.Normalize(name, src)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, fmt.Errorf("%s: the input is empty", name)
	}
	labels := make([]string, 0, len(opts.DocIDs))
	for label := range opts.DocIDs {
		labels = append(labels, label)
	}
	sort.Strings(labels)
	for _, label := range labels {
		if id := opts.DocIDs[label]; !clauses.ValidID(id) {
			return nil, fmt.Errorf("document id %q for %q: use lower-case letters, digits and hyphens", id, label)
		}
	}
	imp := &importer{name: name, opts: opts, r: &reporter{}}
	ext := strings.ToLower(path.Ext(name))
	imp.markdown = opts.Markdown || ext == ".md" || ext == ".markdown"
	lines := splitLines(src)
	var fm mdFront
	if imp.markdown {
		if fm, err = lexMarkdown(name, lines, imp.r); err != nil {
			return nil, err
		}
	}
	imp.lang = language(lines)
	version := markSkipped(lines, imp.r)
	if !imp.markdown {
		markTOC(lines, imp.r)
		tableHints(lines, imp.r)
	}
	b := &builder{r: imp.r, lines: lines, width: localWidth(lines), markdown: imp.markdown}
	b.wrapped = !imp.markdown && hardWrapped(lines)
	b.artLevel = articleLevel(lines)
	b.run()
	imp.docs = b.docs
	if len(imp.docs) == 0 {
		return nil, fmt.Errorf("%s: no text found", name)
	}
	if fm.Title != "" && imp.docs[0].label == "" {
		imp.docs[0].title = fm.Title
	}
	if fm.ID != "" {
		if imp.opts.DocIDs == nil {
			imp.opts.DocIDs = map[string]string{}
		}
		imp.opts.DocIDs[imp.docs[0].name()] = fm.ID
	}
	if imp.opts.Existing != nil {
		if err := imp.matchExisting(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := imp.assignIDs(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	imp.numbering()
	if imp.markdown {
		imp.linkAnchors()
	}
	imp.link()
	res := &Result{Name: name, Language: imp.lang, Version: version, Numbering: imp.def}
	if imp.opts.Existing != nil {
		res.Mapping = imp.mapping()
	}
	for _, d := range imp.docs {
		out := &Document{ID: d.id, Label: d.label, Title: d.title, Line: d.line, Manifest: imp.manifest(d)}
		for _, a := range d.articles {
			c := Clause{ID: a.id, Title: a.title, Numbered: a.numbered, Line: a.line, Markdown: imp.clauseFile(d, a)}
			file := path.Join("clauses", d.id, a.id+".md")
			_, err := clauses.Parse(file, c.Markdown)
			var ce *clauses.Error
			if err != nil && imp.markdown && errors.As(err, &ce) {
				// Markdown input may hold what clause files do not allow
				// (raw HTML, an image, a block quote, a rule): the article
				// is then written as plain text, and reported.
				plainArticle(a.body)
				c.Markdown = imp.clauseFile(d, a)
				if _, err = clauses.Parse(file, c.Markdown); err == nil {
					imp.r.add(a.line, "%s; the article's text was imported as plain text, without its Markdown", ce.Msg)
				}
			}
			// The import's own output must read back; a failure here is a
			// bug in the import, reported rather than written.
			if err != nil {
				return nil, fmt.Errorf("%s:%d: the import wrote a clause file that does not parse: %w", name, a.line, err)
			}
			out.Clauses = append(out.Clauses, c)
		}
		res.Documents = append(res.Documents, out)
	}
	sort.SliceStable(imp.r.list, func(i, j int) bool { return imp.r.list[i].Line < imp.r.list[j].Line })
	res.Reports = imp.r.list
	return res, nil
}

// plainArticle marks every text of blocks as plain text, to be escaped
// when written, rather than Markdown written as is.
func plainArticle(blocks []*block) {
	for _, b := range blocks {
		for i := range b.segs {
			b.segs[i].md = false
		}
		for i := range b.pieces {
			b.pieces[i].md = false
		}
		plainArticle(b.items)
		plainArticle(b.kids)
	}
}

// commonWords are frequent function words, by language.
var commonWords = map[string]string{
	"de": "nl", "het": "nl", "van": "nl", "een": "nl", "en": "nl", "zijn": "nl", "voor": "nl", "wordt": "nl", "niet": "nl", "op": "nl",
	"the": "en", "of": "en", "and": "en", "are": "en", "for": "en", "to": "en", "be": "en", "not": "en", "on": "en",
}

// language guesses the language of the text from its most common words.
func language(lines []srcLine) string {
	nl, en := 0, 0
	for _, l := range lines {
		for _, w := range strings.Fields(l.text) {
			switch commonWords[w] {
			case "nl":
				nl++
			case "en":
				en++
			}
		}
	}
	if en > nl {
		return "en"
	}
	return "nl"
}

// mdFront is what the import uses of a Markdown input's front matter.
type mdFront struct {
	ID    string
	Title string
}

// decodeFront reads front matter: id and title are used; any other key —
// a site's redirect_from, layout or versions — is not terms content and
// is reported as ignored. The YAML itself must be well formed.
func decodeFront(name string, src []byte, fm *mdFront, r *reporter) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return clauses.YAMLError(name, 2, err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return &clauses.Error{File: name, Line: m.Line + 1, Msg: "front matter is not a mapping of keys to values"}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch k.Value {
		case "id", "title":
			if v.Kind != yaml.ScalarNode {
				return &clauses.Error{File: name, Line: v.Line + 1, Msg: fmt.Sprintf("front matter %s is not text", k.Value)}
			}
			if k.Value == "id" {
				fm.ID = v.Value
			} else {
				fm.Title = v.Value
			}
		default:
			r.add(k.Line+1, "front matter key %q ignored: it is not terms content", k.Value)
		}
	}
	return nil
}

var (
	tableDelimRE = lazy.Regexp(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
	liquidRE     = lazy.Regexp(`\{\{[^{}]*\}\}|\{%[^{}]*%\}`)
)

// tableCells splits a pipe-table row into its cells, as Markdown; an
// escaped pipe (\|) stays inside its cell.
func tableCells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	if strings.HasSuffix(row, "|") && !strings.HasSuffix(row, "\\|") {
		row = row[:len(row)-1]
	}
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteString("\\|")
			i++
		case row[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

// liquid defuses a web site's template placeholders ("{{ site.data.x }}",
// "{% data reusables.x %}"): they are no termsmith variables, so they are
// kept as text in single braces and reported.
func liquid(l *srcLine, r *reporter) {
	if !liquidRE().MatchString(l.text) {
		return
	}
	for _, m := range liquidRE().FindAllString(l.text, -1) {
		r.add(l.n, "site template placeholder %q kept as text: replace it with the text it stands for", m)
	}
	fix := func(s string) string {
		return liquidRE().ReplaceAllStringFunc(s, func(m string) string {
			return "{" + strings.TrimSpace(strings.Trim(m, "{}%")) + "}"
		})
	}
	l.text, l.raw = fix(l.text), fix(l.raw)
}

var (
	mdHeadingRE = lazy.Regexp(`^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$`)
	mdItemRE    = lazy.Regexp(`^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$`)
	mdQuoteRE   = lazy.Regexp(`^ {0,3}> ?(.*)$`)
)

// lexMarkdown reads the front matter and marks headings, list items and
// hard breaks in Markdown input; lines keep their text for the builder.
func lexMarkdown(name string, lines []srcLine, r *reporter) (mdFront, error) {
	var fm mdFront
	start := 0
	if len(lines) > 0 && strings.TrimRight(lines[0].raw, " \t") == "---" {
		end := -1
		for i := 1; i < len(lines); i++ {
			if strings.TrimRight(lines[i].raw, " \t") == "---" {
				end = i
				break
			}
		}
		if end < 0 {
			return fm, &clauses.Error{File: name, Line: 1, Msg: "front matter is not closed by a --- line"}
		}
		var src strings.Builder
		for _, l := range lines[1:end] {
			src.WriteString(l.raw + "\n")
		}
		if err := decodeFront(name, []byte(src.String()), &fm, r); err != nil {
			return fm, err
		}
		if fm.ID != "" && !clauses.ValidID(fm.ID) {
			line := 2
			for i, l := range lines[1:end] {
				if strings.HasPrefix(l.raw, "id:") {
					line = i + 2
				}
			}
			return fm, &clauses.Error{File: name, Line: line, Msg: fmt.Sprintf("invalid id %q: use lower-case letters, digits and hyphens", fm.ID)}
		}
		for i := 0; i <= end; i++ {
			lines[i].skip = true
		}
		start = end + 1
	}
	var indents []int
	inComment := false
	for i := start; i < len(lines); i++ {
		l := &lines[i]
		raw := l.raw
		if inComment {
			l.skip = true
			inComment = !strings.Contains(raw, "-->")
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(raw), "<!--") {
			l.md, l.text = mdComment, strings.TrimSpace(raw)
			inComment = !strings.Contains(raw, "-->")
			continue
		}
		if strings.HasSuffix(raw, "\\") {
			l.hardBreak = true
			l.text = strings.TrimSpace(strings.TrimSuffix(l.text, "\\"))
		} else if strings.HasSuffix(raw, "  ") {
			l.hardBreak = true
		}
		if l.text != "" && strings.Contains(l.text, "{") {
			liquid(l, r)
			raw = l.raw
		}
		if m := mdQuoteRE().FindStringSubmatch(raw); m != nil {
			// A block quote: the text after ">" is Markdown of its own
			// (paragraphs, a list), written back inside a quote.
			l.md, l.text = mdQuote, clean(m[1])
			if l.hardBreak {
				l.text = strings.TrimSpace(strings.TrimSuffix(l.text, "\\"))
			}
			dropComments(l, r)
			indents = nil
			continue
		}
		if m := mdHeadingRE().FindStringSubmatch(raw); m != nil {
			l.md, l.mdLevel, l.text = mdHeading, len(m[1]), clean(m[2])
			indents = nil
			continue
		}
		if i > start && (lines[i-1].md == mdTable || lines[i-1].md == mdTableDelim) && strings.Contains(raw, "|") && l.text != "" {
			l.md, l.mdLevel, l.cells = mdTable, 1, tableCells(l.text)
			continue
		}
		if i+1 < len(lines) && strings.Contains(raw, "|") && tableDelimRE().MatchString(lines[i+1].raw) {
			l.md, l.cells = mdTable, tableCells(l.text)
			lines[i+1].md = mdTableDelim
			i++
			indents = nil
			continue
		}
		if m := mdItemRE().FindStringSubmatch(raw); m != nil {
			w := len(strings.ReplaceAll(m[1], "\t", "    "))
			for len(indents) > 0 && w < indents[len(indents)-1] {
				indents = indents[:len(indents)-1]
			}
			if len(indents) == 0 || w > indents[len(indents)-1] {
				indents = append(indents, w)
			}
			l.md, l.mdLevel, l.mdOrdered, l.text = mdItem, len(indents)-1, m[2][0] >= '0' && m[2][0] <= '9', clean(m[3])
			if l.hardBreak {
				l.text = strings.TrimSpace(strings.TrimSuffix(l.text, "\\"))
			}
			dropComments(l, r)
			// An item whose text starts on the next line ("1." then the
			// text indented, or a directive comment first) is kept; an
			// item with no text at all is dropped.
			if l.text == "" && !continuedItem(lines, i) {
				l.md = mdNone
			}
			continue
		}
		if l.text != "" && !strings.HasPrefix(raw, " ") && !strings.HasPrefix(raw, "\t") && i > 0 && lines[i-1].text == "" {
			indents = nil
		}
		dropComments(l, r)
	}
	return fm, nil
}

// articleLevel returns the heading level of a Markdown document's
// articles: the shallowest level below # that the document uses at least
// twice (a lone ## above ### sections is a section of its own), or the
// shallowest used at all.
func articleLevel(lines []srcLine) int {
	count := map[int]int{}
	for _, l := range lines {
		if l.md == mdHeading && l.mdLevel >= 2 {
			count[l.mdLevel]++
		}
	}
	for lv := 2; lv <= 6; lv++ {
		if count[lv] >= 2 {
			return lv
		}
	}
	for lv := 2; lv <= 6; lv++ {
		if count[lv] > 0 {
			return lv
		}
	}
	return 2
}

// continuedItem reports whether the line after item line i holds its
// text: indented, not blank, and not itself an item, a heading or a
// comment.
func continuedItem(lines []srcLine, i int) bool {
	if i+1 >= len(lines) {
		return false
	}
	next := lines[i+1].raw
	return (strings.HasPrefix(next, " ") || strings.HasPrefix(next, "\t")) && clean(next) != "" &&
		!mdItemRE().MatchString(next) && !mdHeadingRE().MatchString(next) && !strings.HasPrefix(strings.TrimSpace(next), "<!--")
}

var mdCommentRE = lazy.Regexp(`<!--.*?-->`)

// dropComments removes the HTML comments inside a line of Markdown text,
// such as a directive after a list item's marker ("1. <!-- id: x -->"):
// the import writes its own labels, and a second directive in a row would
// not parse.
func dropComments(l *srcLine, r *reporter) {
	if !strings.Contains(l.text, "<!--") {
		return
	}
	if text := clean(mdCommentRE().ReplaceAllString(l.text, " ")); text != l.text {
		l.text = text
		r.add(l.n, "HTML comment dropped")
	}
}
