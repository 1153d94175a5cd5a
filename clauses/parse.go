package clauses

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/termsmith/termsmith/internal/lazy"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/unicode/norm"
)

// IDPattern is what a stable id looks like: lower-case letters, digits and
// hyphens, starting with a letter or digit. Ids name files and anchors, so a
// path separator or ".." can never be one.
var IDPattern = lazy.Regexp(`^[a-z0-9][a-z0-9-]*$`)

// ValidID reports whether s is a well-formed id.
func ValidID(s string) bool { return len(s) <= MaxIDLength && IDPattern().MatchString(s) }

type frontMatter struct {
	ID       string   `yaml:"id"`
	Title    string   `yaml:"title"`
	When     string   `yaml:"when"`
	Numbered *bool    `yaml:"numbered"`
	Number   string   `yaml:"number"`
	Defines  []string `yaml:"defines"`
}

// md is the Markdown parser, made on first use.
var md = sync.OnceValue(func() goldmark.Markdown { return goldmark.New(goldmark.WithExtensions(extension.Table)) })

// Normalize checks that src is UTF-8 and removes a byte-order mark and
// carriage returns, so CRLF files read like LF files. A carriage return
// alone (classic Mac OS line ends) is a line end too, as YAML and
// CommonMark read it, so that line numbers count it. The text is put in
// Unicode normalisation form C: "één" typed as e + combining accent reads,
// renders and compares like "één" typed as one character each, and the
// fonts, which have no combining marks, show it. Normalisation never adds
// or removes a line.
func Normalize(file string, src []byte) ([]byte, error) {
	if !utf8.Valid(src) {
		line := 1 + bytes.Count(src[:invalidAt(src)], []byte("\n"))
		return nil, errorf(file, line, "invalid UTF-8")
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if !norm.NFC.IsNormal(src) {
		src = norm.NFC.Bytes(src)
	}
	return src, nil
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// Parse reads one clause file. file is its path in the store, used in errors.
func Parse(file string, src []byte) (*Clause, error) {
	src, err := Normalize(file, src)
	if err != nil {
		return nil, err
	}
	fmSrc, body, bodyLine, err := splitFrontMatter(file, src)
	if err != nil {
		return nil, err
	}
	var fm frontMatter
	if err := decodeYAML(file, 2, fmSrc, &fm); err != nil {
		return nil, err
	}
	c := &Clause{
		ID: fm.ID, Title: strings.TrimSpace(fm.Title), When: strings.TrimSpace(fm.When),
		Numbered: fm.Numbered == nil || *fm.Numbered, Number: fm.Number,
		Defines: fm.Defines, File: file, Line: keyLine(fmSrc, "id") + 1,
	}
	switch {
	case c.ID == "":
		return nil, errorf(file, 2, "front matter has no id")
	case !ValidID(c.ID):
		return nil, errorf(file, c.Line, "invalid id %q: use lower-case letters, digits and hyphens", c.ID)
	case c.Numbered && c.Title == "":
		return nil, errorf(file, 2, "front matter has no title (an unnumbered section says numbered: false)")
	}
	if c.When != "" {
		if _, err := ParseCondition(c.When); err != nil {
			return nil, errorf(file, keyLine(fmSrc, "when")+1, "%v", err)
		}
	}
	p := &parser{file: file, src: body, lineOffset: bodyLine - 1}
	p.lineStarts = lineStarts(body)
	doc := md().Parser().Parse(text.NewReader(body))
	blocks, err := p.blocks(doc)
	if err != nil {
		return nil, err
	}
	c.Body = blocks
	return c, nil
}

// splitFrontMatter separates the --- delimited YAML front matter from the
// Markdown body; bodyLine is the file line the body starts on.
func splitFrontMatter(file string, src []byte) (fm, body []byte, bodyLine int, err error) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, nil, 0, errorf(file, 1, "missing front matter: a clause file starts with a --- line")
	}
	rest := src[4:]
	line := 2
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l, end = rest[off:], len(rest)
		} else {
			l, end = rest[off:off+end], off+end+1
		}
		if string(bytes.TrimRight(l, " \t")) == "---" {
			return rest[:off], rest[end:], line + 1, nil
		}
		off = end
		line++
	}
	return nil, nil, 0, errorf(file, 1, "front matter is not closed by a --- line")
}

// keyLine returns the 1-based line of a top-level key in a YAML text, or 1.
func keyLine(src []byte, key string) int {
	for i, l := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(l, key+":") {
			return i + 1
		}
	}
	return 1
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

type parser struct {
	file       string
	src        []byte
	lineStarts []int
	lineOffset int
	// links collects the texts of the external links met while reading a
	// block's inlines, for the block's Links.
	links []string
}

// takeLinks returns the link texts collected since the last call.
func (p *parser) takeLinks() []string {
	l := p.links
	p.links = nil
	return l
}

func (p *parser) line(offset int) int {
	lo, hi := 0, len(p.lineStarts)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if p.lineStarts[mid] <= offset {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1 + p.lineOffset
}

// nodeLine finds the line a node starts on: its own first segment, or that
// of its first descendant with one.
func (p *parser) nodeLine(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return p.line(c.Lines().At(0).Start)
		}
		if t, ok := c.(*ast.Text); ok {
			return p.line(t.Segment.Start)
		}
	}
	if n.PreviousSibling() != nil {
		return p.nodeLine(n.PreviousSibling())
	}
	if n.Parent() != nil && n.Parent().Kind() != ast.KindDocument {
		return p.nodeLine(n.Parent())
	}
	return 1 + p.lineOffset
}

// directives is what a directive comment (<!-- id: x -->) sets.
type directives struct {
	id, when, number, numbering string
	end                         bool
	line                        int
}

func (d directives) empty() bool {
	return d.id == "" && d.when == "" && d.number == "" && d.numbering == "" && !d.end
}

// asciiSpace is what \s matches in a regular expression: the white space
// around a directive and its parts.
const asciiSpace = " \t\n\f\r"

// comment returns the text inside an HTML comment that is all of raw but
// white space: "<!-- id: x -->" gives " id: x ".
func comment(raw string) (string, bool) {
	s := strings.Trim(raw, asciiSpace)
	if len(s) < len("<!---->") || !strings.HasPrefix(s, "<!--") || !strings.HasSuffix(s, "-->") {
		return "", false
	}
	return s[len("<!--") : len(s)-len("-->")], true
}

// directive reads one part of a directive comment, "key: value" or
// "key value" (the colon is optional), for the keys id, when, number,
// numbering and end.
func directive(part string) (key, val string, ok bool) {
	s := strings.TrimLeft(part, asciiSpace)
	n := 0
	for n < len(s) && (s[n] == '_' || s[n] >= '0' && s[n] <= '9' || s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z') {
		n++
	}
	switch key = s[:n]; key {
	case "id", "when", "number", "numbering", "end":
	default:
		return "", "", false
	}
	s = strings.TrimLeft(s[n:], asciiSpace)
	s = strings.TrimPrefix(s, ":")
	return key, strings.Trim(s, asciiSpace), true
}

// parseDirectives reads a comment such as "<!-- id: opzegging; when: hosting
// in services -->". ok is false for a comment that is not a directive: such
// comments are notes for authors and are skipped.
func (p *parser) parseDirectives(raw string, line int) (d directives, ok bool, err error) {
	text, isComment := comment(raw)
	if !isComment {
		return d, false, nil
	}
	d.line = line
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == '\n' }) {
		if strings.TrimSpace(part) == "" {
			continue
		}
		key, val, isDirective := directive(part)
		if !isDirective {
			if d.empty() {
				return d, false, nil // an ordinary comment
			}
			return d, false, errorf(p.file, line, "unknown directive %q (known: id, when, number, numbering, end)", strings.TrimSpace(part))
		}
		val = unquote(val)
		switch key {
		case "id":
			if !ValidID(val) {
				return d, false, errorf(p.file, line, "invalid id %q: use lower-case letters, digits and hyphens", val)
			}
			d.id = val
		case "when":
			if _, err := ParseCondition(val); err != nil {
				return d, false, errorf(p.file, line, "%v", err)
			}
			d.when = val
		case "number":
			d.number = val
		case "numbering":
			if err := CheckPattern(val); err != nil {
				return d, false, errorf(p.file, line, "%v", err)
			}
			d.numbering = val
		case "end":
			d.end = true
		}
		if key != "end" && val == "" {
			return d, false, errorf(p.file, line, "directive %q has no value", key)
		}
	}
	return d, !d.empty(), nil
}

// unquote removes one pair of matching quotes around a whole value.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

func (d directives) apply(b *Block) {
	setGiven([]*string{&b.ID, &b.When, &b.Number, &b.Numbering}, d)
}

// setGiven sets each of id, when, number and numbering that d gives.
func setGiven(dst []*string, d directives) {
	for i, v := range []string{d.id, d.when, d.number, d.numbering} {
		if v != "" {
			*dst[i] = v
		}
	}
}

// blocks converts the children of a container node.
func (p *parser) blocks(parent ast.Node) ([]*Block, error) {
	type frame struct {
		group *Block
		out   []*Block
	}
	stack := []frame{{}}
	var pending directives
	add := func(b *Block) {
		pending.apply(b)
		pending = directives{}
		top := &stack[len(stack)-1]
		top.out = append(top.out, b)
	}
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		line := p.nodeLine(n)
		switch n := n.(type) {
		case *ast.HTMLBlock:
			raw := p.segments(n.Lines())
			if n.HasClosure() {
				raw += string(n.ClosureLine.Value(p.src))
			}
			d, ok, err := p.parseDirectives(raw, line)
			if err != nil {
				return nil, err
			}
			if !ok {
				if strings.HasPrefix(strings.TrimSpace(raw), "<!--") {
					continue // a note for authors
				}
				return nil, errorf(p.file, line, "HTML is not allowed in clause text (only <u>, <br> and <!-- directive --> comments)")
			}
			switch {
			case d.end:
				if len(stack) == 1 {
					return nil, errorf(p.file, line, "<!-- end --> without an open <!-- when: … --> group")
				}
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				top.group.Children = top.out
				stack[len(stack)-1].out = append(stack[len(stack)-1].out, top.group)
			case d.when != "" && d.id == "" && d.number == "" && d.numbering == "" && !firstInItem(n):
				// A standalone when opens a group that an end closes; as the
				// first line of a list item it applies to the item.
				stack = append(stack, frame{group: &Block{Kind: Group, Line: line, When: d.when}})
			default:
				if !pending.empty() {
					return nil, errorf(p.file, line, "two directive comments in a row; combine them as <!-- id: x; when: y -->")
				}
				pending = d
			}
		case *ast.Paragraph, *ast.TextBlock:
			b := &Block{Kind: Paragraph, Line: line}
			inl, d, err := p.inlines(n, line)
			if err != nil {
				return nil, err
			}
			b.Inlines, b.Links = inl, p.takeLinks()
			d.apply(b)
			if len(b.Inlines) == 0 {
				// A paragraph that held only a directive.
				pending = mergeDirectives(pending, d)
				continue
			}
			add(b)
		case *ast.Heading:
			inl, _, err := p.inlines(n, line)
			if err != nil {
				return nil, err
			}
			add(&Block{Kind: Heading, Line: line, Inlines: inl, Links: p.takeLinks()})
		case *ast.List:
			b, err := p.list(n, line)
			if err != nil {
				return nil, err
			}
			add(b)
		case *east.Table:
			b, err := p.table(n, line)
			if err != nil {
				return nil, err
			}
			add(b)
		case *ast.ThematicBreak:
			return nil, errorf(p.file, line, "a horizontal rule (---, ***) is not allowed in clause text")
		case *ast.FencedCodeBlock:
			return nil, errorf(p.file, line-1, "a code block is not allowed in clause text")
		case *ast.CodeBlock:
			return nil, errorf(p.file, line, "a code block is not allowed in clause text (indent nested lists under the item text)")
		case *ast.Blockquote:
			// A quotation — of a law, a policy, another document — keeps
			// its own paragraphs and lists and prints as a quotation.
			kids, err := p.blocks(n)
			if err != nil {
				return nil, err
			}
			if len(kids) == 0 {
				continue // an empty ">" line quotes nothing
			}
			add(&Block{Kind: Quote, Line: line, Children: kids})
		default:
			return nil, errorf(p.file, line, "unsupported Markdown %s", n.Kind())
		}
	}
	if len(stack) > 1 {
		g := stack[len(stack)-1].group
		return nil, errorf(p.file, g.Line, "<!-- when: %s --> is never closed by <!-- end -->", g.When)
	}
	if !pending.empty() {
		return nil, errorf(p.file, pending.line, "directive comment is not followed by a block it could apply to")
	}
	return stack[0].out, nil
}

// list converts a list: each item a block whose children are its blocks;
// directives written as an item's first line belong to the item.
func (p *parser) list(n *ast.List, line int) (*Block, error) {
	b := &Block{Kind: List, Line: line, Ordered: n.IsOrdered()}
	for it := n.FirstChild(); it != nil; it = it.NextSibling() {
		item := &Block{Kind: Item, Line: p.nodeLine(it)}
		kids, err := p.blocks(it)
		if err != nil {
			return nil, err
		}
		if len(kids) > 0 && kids[0].Kind == Paragraph {
			first := kids[0]
			item.ID, item.When, item.Number = first.ID, first.When, first.Number
			first.ID, first.When, first.Number = "", "", ""
		}
		item.Children = kids
		b.Children = append(b.Children, item)
	}
	return b, nil
}

// table converts a table: rows of cells, each cell its inline text.
func (p *parser) table(n *east.Table, line int) (*Block, error) {
	b := &Block{Kind: Table, Line: line}
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells [][]Inline
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			inl, _, err := p.inlines(cell, p.nodeLine(row))
			if err != nil {
				return nil, err
			}
			cells = append(cells, inl)
		}
		b.Rows = append(b.Rows, cells)
	}
	b.Links = p.takeLinks()
	return b, nil
}

// firstInItem reports whether n opens a list item.
func firstInItem(n ast.Node) bool {
	_, ok := n.Parent().(*ast.ListItem)
	return ok && n.PreviousSibling() == nil
}

func mergeDirectives(a, b directives) directives {
	setGiven([]*string{&a.id, &a.when, &a.number, &a.numbering}, b)
	if a.line == 0 {
		a.line = b.line
	}
	return a
}

func (p *parser) segments(lines *text.Segments) string {
	var sb strings.Builder
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		sb.Write(s.Value(p.src))
	}
	return sb.String()
}

// inlines converts the inline children of n. Directive comments found among
// them are returned, not kept as text.
func (p *parser) inlines(n ast.Node, line int) ([]Inline, directives, error) {
	w := &inlineWalker{p: p, line: line}
	if err := w.walk(n, 0); err != nil {
		return nil, directives{}, err
	}
	return finishInlines(w.out), w.dirs, nil
}

type inlineWalker struct {
	p         *parser
	line      int
	out       []Inline
	underline int
	dirs      directives
}

func (w *inlineWalker) text(s string, style Style) {
	if w.underline > 0 {
		style |= Underline
	}
	w.out = append(w.out, Inline{Kind: Text, Text: s, Style: style})
}

func (w *inlineWalker) walk(n ast.Node, style Style) error {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			w.line = w.p.line(c.Segment.Start)
			w.text(string(c.Segment.Value(w.p.src)), style)
			switch {
			case c.HardLineBreak():
				w.out = append(w.out, Inline{Kind: Break})
			case c.SoftLineBreak():
				w.text(" ", style)
			}
		case *ast.String:
			w.text(string(c.Value), style)
		case *ast.CodeSpan:
			if err := w.walk(c, style); err != nil {
				return err
			}
		case *ast.Emphasis:
			s := style | Italic
			if c.Level >= 2 {
				s = style | Bold
			}
			if err := w.walk(c, s); err != nil {
				return err
			}
		case *ast.Link:
			dest := string(c.Destination)
			if strings.HasPrefix(dest, "#") {
				target := dest[1:]
				if !ValidID(target) {
					return errorf(w.p.file, w.line, "invalid reference target %q: use an id of lower-case letters, digits and hyphens", dest)
				}
				sub := &inlineWalker{p: w.p, line: w.line}
				if err := sub.walk(c, 0); err != nil {
					return err
				}
				w.out = append(w.out, Inline{Kind: Ref, Target: target, Text: plain(sub.out), Style: style, Keep: string(c.Title) == "keep"})
				continue
			}
			// An external link keeps its text; the address is not printed.
			// Its text is recorded: it names another document or place.
			n := len(w.out)
			if err := w.walk(c, style); err != nil {
				return err
			}
			if text := plain(w.out[n:]); text != "" {
				w.p.links = append(w.p.links, text)
			}
		case *ast.AutoLink:
			w.text(string(c.URL(w.p.src)), style)
		case *ast.RawHTML:
			raw := w.p.segments(c.Segments)
			switch strings.ToLower(strings.ReplaceAll(raw, " ", "")) {
			case "<u>":
				w.underline++
				continue
			case "</u>":
				if w.underline > 0 {
					w.underline--
				}
				continue
			case "<br>", "<br/>":
				w.out = append(w.out, Inline{Kind: Break})
				continue
			}
			d, ok, err := w.p.parseDirectives(raw, w.line)
			if err != nil {
				return err
			}
			if ok {
				w.dirs = mergeDirectives(w.dirs, d)
				continue
			}
			if strings.HasPrefix(raw, "<!--") {
				continue
			}
			return errorf(w.p.file, w.line, "inline HTML %q is not allowed (only <u>, </u> and <br>)", raw)
		case *ast.Image:
			return errorf(w.p.file, w.line, "images are not allowed in clause text")
		default:
			if err := w.walk(c, style); err != nil {
				return err
			}
		}
	}
	return nil
}

func plain(in []Inline) string {
	var sb strings.Builder
	for _, x := range in {
		sb.WriteString(x.Text)
	}
	return strings.TrimSpace(collapseSpace(sb.String()))
}

var varRE = lazy.Regexp(`\{\{\s*(check\s+)?([^{}]*?)\s*\}\}`)

// finishInlines merges neighbouring text of one style, collapses white
// space and splits out {{variables}}.
func finishInlines(in []Inline) []Inline {
	// Neighbouring text of one style joined, in one allocation each.
	merged := make([]Inline, 0, len(in))
	for i := 0; i < len(in); {
		x := in[i]
		j := i + 1
		if x.Kind == Text {
			n := len(x.Text)
			for j < len(in) && in[j].Kind == Text && in[j].Style == x.Style {
				n += len(in[j].Text)
				j++
			}
			if j > i+1 {
				var sb strings.Builder
				sb.Grow(n)
				for _, y := range in[i:j] {
					sb.WriteString(y.Text)
				}
				x.Text = sb.String()
			}
		}
		merged = append(merged, x)
		i = j
	}
	var out []Inline
	for _, x := range merged {
		if x.Kind != Text {
			out = append(out, x)
			continue
		}
		s := collapseSpace(x.Text)
		for strings.Contains(s, "{{") {
			loc := varRE().FindStringSubmatchIndex(s)
			if loc == nil {
				break
			}
			if loc[0] > 0 {
				out = append(out, Inline{Kind: Text, Text: s[:loc[0]], Style: x.Style})
			}
			kind := Var
			if loc[2] >= 0 {
				kind = Check
			}
			out = append(out, Inline{Kind: kind, Target: s[loc[4]:loc[5]], Style: x.Style})
			s = s[loc[1]:]
		}
		if s != "" {
			out = append(out, Inline{Kind: Text, Text: s, Style: x.Style})
		}
	}
	// Trim the white space at the ends of the run.
	for len(out) > 0 && out[0].Kind == Text {
		out[0].Text = strings.TrimLeft(out[0].Text, " ")
		if out[0].Text != "" {
			break
		}
		out = out[1:]
	}
	for len(out) > 0 && out[len(out)-1].Kind == Text {
		last := &out[len(out)-1]
		last.Text = strings.TrimRight(last.Text, " ")
		if last.Text != "" {
			break
		}
		out = out[:len(out)-1]
	}
	return out
}

// collapseSpace replaces each run of spaces, tabs, line breaks and no-break
// spaces with one space.
func collapseSpace(s string) string {
	// Most text has single spaces only: nothing to do.
	clean := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\t' || c == '\n' || c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
			clean = false
		case c == ' ' && i+1 < len(s) && s[i+1] == ' ':
			clean = false
		}
		if !clean {
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		w := 1
		if c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0 { // U+00A0, no-break space
			w = 2
		}
		if c == ' ' || c == '\t' || c == '\n' || w == 2 {
			if !space {
				b = append(b, ' ')
			}
			space = true
			i += w - 1
			continue
		}
		space = false
		b = append(b, c)
	}
	return string(b)
}
