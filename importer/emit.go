package importer

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/termsmith/termsmith/internal/lazy"
	"go.yaml.in/yaml/v3"
)

// wrapWidth is where clause text is wrapped, so that files read and diff
// well in a forge.
const wrapWidth = 80

// yamlScalar quotes s for YAML only when it needs quoting.
func yamlScalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// manifest writes a document's document.yaml.
func (imp *importer) manifest(d *doc) []byte {
	var sb strings.Builder
	if d.label != "" {
		sb.WriteString("label: " + yamlScalar(d.label) + "\n")
	}
	title := d.title
	if title == "" {
		title = d.label
	}
	if title == "" {
		title = imp.name
	}
	sb.WriteString("title: " + yamlScalar(title) + "\n")
	n := d.numbering
	if n.article != "" || n.levels != nil || n.bullets != nil {
		sb.WriteString("numbering:\n")
		if n.article != "" {
			sb.WriteString("  article: " + strconv.Quote(n.article) + "\n")
		}
		if n.levels != nil {
			sb.WriteString("  levels: " + quoteList(n.levels) + "\n")
		}
		if n.bullets != nil {
			sb.WriteString("  bullets: " + quoteList(n.bullets) + "\n")
		}
	}
	sb.WriteString("clauses:\n")
	for _, a := range d.articles {
		sb.WriteString("  - " + a.id + "\n")
	}
	return []byte(sb.String())
}

type frontMatter struct {
	ID       string `yaml:"id"`
	Title    string `yaml:"title,omitempty"`
	Numbered *bool  `yaml:"numbered,omitempty"`
}

// clauseFile writes one article as a clause file.
func (imp *importer) clauseFile(d *doc, a *article) []byte {
	fm := frontMatter{ID: a.id, Title: a.title}
	if !a.numbered {
		f := false
		fm.Numbered = &f
	}
	head, _ := yaml.Marshal(fm)
	w := &mdWriter{imp: imp, dotPin: strings.HasSuffix(imp.levels(d)[0], ".")}
	w.sb.WriteString("---\n")
	w.sb.Write(head)
	w.sb.WriteString("---\n")
	w.blocks(a.body, "")
	return []byte(w.sb.String())
}

// levels returns the effective list patterns of a document.
func (imp *importer) levels(d *doc) []string {
	if d.numbering.levels != nil {
		return d.numbering.levels
	}
	return imp.def.Levels
}

type mdWriter struct {
	imp    *importer
	sb     strings.Builder
	dotPin bool
}

// blocks writes blocks, each preceded by a blank line, indented by indent.
func (w *mdWriter) blocks(blocks []*block, indent string) {
	for i, b := range blocks {
		if i > 0 && b.quote != 0 && blocks[i-1].quote == b.quote {
			// The next paragraph of the same quotation.
			w.sb.WriteString(indent + ">\n")
			w.para(b, indent+"> ", indent+"> ")
			continue
		}
		w.sb.WriteString("\n")
		if i > 0 && b.kind == bList && blocks[i-1].kind == bList && b.numbering == "" {
			// Two lists in a row would merge into one in Markdown.
			w.sb.WriteString(indent + "<!-- -->\n\n")
		}
		w.block(b, indent)
	}
}

func (w *mdWriter) block(b *block, indent string) {
	switch b.kind {
	case bPara:
		if b.quote != 0 {
			w.para(b, indent+"> ", indent+"> ")
			return
		}
		w.para(b, indent, indent)
	case bHeading:
		w.sb.WriteString(indent + "### " + w.inline(b) + "\n")
	case bTable:
		w.table(b, indent)
	case bList:
		if b.numbering != "" {
			w.sb.WriteString(indent + "<!-- numbering: " + strconv.Quote(b.numbering) + " -->\n")
		}
		for i, it := range b.items {
			if i > 0 {
				w.sb.WriteString("\n")
			}
			w.item(b, i, it, indent)
		}
	}
}

func (w *mdWriter) item(list *block, i int, it *block, indent string) {
	mark := "-"
	if list.style.ordered() {
		n := i + 1
		if it.position > 0 {
			n = it.position
		}
		mark = strconv.Itoa(n) + "."
	}
	inner := indent + strings.Repeat(" ", len(mark)+1)
	var dirs []string
	if it.label != "" {
		dirs = append(dirs, "id: "+it.label)
	}
	if it.pin != "" {
		pin := it.pin
		if w.dotPin {
			pin += "."
		}
		dirs = append(dirs, "number: "+pin)
	}
	kids := it.kids
	if w.empty(kids) {
		// An item with no text ("a)" alone on a line) cannot carry a
		// directive: nothing would follow it.
		dirs = nil
	}
	w.sb.WriteString(indent + mark + " ")
	if len(dirs) > 0 {
		w.sb.WriteString("<!-- " + strings.Join(dirs, "; ") + " -->\n")
		if len(kids) > 0 && kids[0].kind == bPara {
			w.para(kids[0], inner, inner)
			kids = kids[1:]
		}
	} else if len(kids) > 0 && kids[0].kind == bPara {
		if q := kids[0].quote; q != 0 {
			// An item that opens with a quotation: "1. > …".
			w.sb.WriteString("> ")
			w.para(kids[0], "", inner+"> ")
			kids = kids[1:]
			for len(kids) > 0 && kids[0].quote == q {
				w.sb.WriteString(inner + ">\n")
				w.para(kids[0], inner+"> ", inner+"> ")
				kids = kids[1:]
			}
		} else {
			w.para(kids[0], "", inner)
			kids = kids[1:]
		}
	} else {
		w.sb.WriteString("\n")
	}
	w.blocks(kids, inner)
}

var entityRE = lazy.Regexp(`^&#?[A-Za-z0-9]+;`)

// escape makes plain text safe as Markdown inline text: emphasis, code,
// link and HTML marks, and an ampersand that would start an entity.
func escape(s string) string {
	if !strings.ContainsAny(s, "\\*_`[]<>&") {
		return s
	}
	var sb strings.Builder
	for i, r := range s {
		switch {
		case strings.ContainsRune("\\*_`[]<>", r):
			sb.WriteByte('\\')
		case r == '&' && entityRE().MatchString(s[i:]):
			sb.WriteByte('\\')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// dangerousStartRE matches words that would start a list, heading, quote,
// rule or setext underline at the start of a line.
var dangerousStartRE = lazy.Regexp(`^(\d{1,9}[.)]|[-+*]|#{1,6}|>|=+|-{2,}|\x60{3,}|~{3,})$`)

// token is a word of a paragraph; a link with a space inside stays one.
type token struct {
	text string
	brk  bool // a hard line break follows
}

func (w *mdWriter) tokens(b *block) []token {
	var out []token
	var cur strings.Builder
	push := func() {
		if cur.Len() > 0 {
			out = append(out, token{text: cur.String()})
			cur.Reset()
		}
	}
	for _, p := range b.pieces {
		switch {
		case p.brk:
			push()
			if len(out) > 0 {
				out[len(out)-1].brk = true
			}
		case p.target != "":
			// A link is one word, glued to what touches it: "[14.2](#x),".
			cur.WriteString("[" + w.text(p) + "](#" + p.target + ")")
		default:
			for _, r := range w.text(p) {
				if r == ' ' {
					push()
					continue
				}
				cur.WriteRune(r)
			}
		}
	}
	push()
	return out
}

func (w *mdWriter) text(p piece) string {
	if p.md {
		return p.text
	}
	return escape(p.text)
}

func (w *mdWriter) inline(b *block) string {
	var parts []string
	for _, s := range b.segs {
		if s.md {
			parts = append(parts, s.text)
		} else {
			parts = append(parts, escape(s.text))
		}
	}
	return strings.Join(parts, " ")
}

// para writes a paragraph wrapped at wrapWidth: the first line starts
// with first (already written when first is ""), the rest with indent.
func (w *mdWriter) para(b *block, first, indent string) {
	toks := w.tokens(b)
	if len(toks) == 0 {
		w.sb.WriteString(first + "\n")
		return
	}
	// A paragraph must not open with a list marker or a heading mark.
	if t := &toks[0]; dangerousStartRE().MatchString(t.text) && !b.mdText() {
		t.text = escapeStart(t.text)
	}
	line := first
	width := utf8.RuneCountInString(first)
	if first == "" {
		width = utf8.RuneCountInString(indent)
	}
	empty := true
	for i, t := range toks {
		n := utf8.RuneCountInString(t.text)
		if !empty && width+1+n > wrapWidth && !dangerousStartRE().MatchString(t.text) {
			w.sb.WriteString(line + "\n")
			line, width, empty = indent, utf8.RuneCountInString(indent), true
		}
		if !empty {
			line += " "
			width++
		}
		line += t.text
		width += n
		empty = false
		if t.brk && i < len(toks)-1 {
			w.sb.WriteString(line + "\\\n")
			line, width, empty = indent, utf8.RuneCountInString(indent), true
			if dangerousStartRE().MatchString(toks[i+1].text) && !b.mdText() {
				toks[i+1].text = escapeStart(toks[i+1].text)
			}
		}
	}
	w.sb.WriteString(line + "\n")
}

// empty reports whether blocks hold no text at all.
func (w *mdWriter) empty(blocks []*block) bool {
	for _, b := range blocks {
		if b.kind != bPara || len(w.tokens(b)) > 0 {
			return false
		}
	}
	return true
}

func (b *block) mdText() bool {
	for _, p := range b.pieces {
		if p.md {
			return true
		}
	}
	return false
}

// escapeStart escapes the mark that would make a word start a block.
func escapeStart(s string) string {
	if s == "" {
		return s
	}
	if s[0] >= '0' && s[0] <= '9' {
		return s[:len(s)-1] + `\` + s[len(s)-1:]
	}
	return `\` + s
}

// table writes a pipe table; every row gets the header's number of cells.
func (w *mdWriter) table(b *block, indent string) {
	width := len(b.rows[0])
	for i, row := range b.rows {
		cells := make([]string, width)
		for j := range cells {
			if j < len(row) {
				cells[j] = row[j]
			}
			if cells[j] == "" {
				cells[j] = " "
			}
		}
		w.sb.WriteString(indent + "| " + strings.Join(cells, " | ") + " |\n")
		if i == 0 {
			w.sb.WriteString(indent + strings.Repeat("|---", width) + "|\n")
		}
	}
}
