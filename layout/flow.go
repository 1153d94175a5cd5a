package layout

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Flow lays out a document as a flow of blocks — paragraphs of styled runs,
// headings, tables and fixed boxes — on A4 pages, and writes it as a PDF
// through maroto (see Flow.PDF). It is the layout engine of the agreement
// and offer PDFs, and of any other document termsmith prints (change
// notices):
//
//	f := layout.NewFlow(layout.Options{Title: "Wijzigingsbericht", Date: effective,
//		Header: "Wijzigingsbericht", PageLabel: "pagina {current} van {total}"})
//	top := f.Heading(1, layout.Run{Text: "Wijzigingen"})
//	f.Paragraph(layout.Para{Runs: []layout.Run{
//		{Text: "oude tekst", Strike: true, Color: layout.Red},
//		{Text: " nieuwe tekst", Underline: true, Color: layout.Green},
//	}})
//	f.Table(layout.Table{Header: true, Borders: true, Rows: rows})
//	pdf, err := f.PDF()
//
// The Flow breaks paragraphs into lines itself (maroto cannot split a row
// across pages nor mix styles in one text) and paginates them: a paragraph
// continues on the next page, keeping at least two lines together on each
// side of a break where it can; a heading is never the last thing on a
// page; table rows are not split unless taller than a page, and a table's
// header row is repeated on the next page. All lengths are millimetres and
// font sizes points. A Flow is not safe for concurrent use; separate Flows
// are.
type Flow struct {
	opt     Options
	m       *metrics
	width   float64 // width of the text area, mm
	bands   []*band
	anchors []*Anchor // anchors waiting for the next band
	before  float64   // space waiting for the next band
	newPage bool      // the next band starts a new page
	used    [numFaces]bool
	pages   []pageRange // set by Layout
	outline []outlineEntry
	headers []headerChange // SetHeader calls, in band order
	err     error

	wordBuf []word // scratch for words: see mark and release
	fragBuf []frag
}

// Options are the document-wide settings of a Flow.
type Options struct {
	Title    string   // PDF title metadata
	Author   string   // PDF author metadata
	Subject  string   // PDF subject metadata
	Keywords []string // PDF keywords metadata
	// Date is written into the PDF as its creation and modification date.
	// Take it from the data (a version's effective date), never from the
	// clock, so that the same input gives the same bytes.
	Date time.Time

	Header      string // running header, left; empty for none
	HeaderRight string // running header, right
	Footer      string // running footer, left
	// PageLabel is the page number pattern printed at the bottom right,
	// with {current} and {total}: "pagina {current} van {total}".
	PageLabel string
	// NoHeaderOnFirstPage leaves the running header off page 1 (a cover).
	NoHeaderOnFirstPage bool
	// FontSize is the body text size in points; default 10.
	FontSize float64
	// Lang is the document's language, a store's "nl" or "en" or any BCP 47
	// tag: the PDF's /Lang and XMP dc:language ("nl" is written "nl-NL").
	Lang string
}

// Color is an RGB colour; the zero value is black.
type Color struct{ R, G, B uint8 }

// Colours for redlines and rules.
var (
	Black = Color{}
	Gray  = Color{110, 110, 110}
	Red   = Color{190, 20, 20}
	Green = Color{0, 120, 40}
	Blue  = Color{20, 60, 170}
)

// Run is a piece of text with one style. A "\n" in Text breaks the line;
// other runs of white space are one space.
type Run struct {
	Text      string
	Bold      bool
	Italic    bool
	Underline bool
	Strike    bool
	Color     Color
	// Link makes the text a link to this URI (https://…, mailto:…).
	Link string
	// GoTo makes the text a link to an anchor in the document (a
	// cross-reference to the clause it names).
	GoTo *Anchor
}

// Align is the horizontal alignment of a paragraph's lines.
type Align uint8

// The alignments.
const (
	AlignLeft Align = iota
	AlignRight
	AlignCenter
)

// Para is a paragraph: runs of styled text broken into lines, with an
// optional hanging label (a clause number or bullet).
type Para struct {
	Runs []Run
	// Label is printed at Indent on the first line; the text of every line
	// starts at Indent+LabelWidth (a hanging indent). If the label is wider,
	// the first line's text starts after it.
	Label      []Run
	Indent     float64
	LabelWidth float64
	Size       float64 // font size in points; 0: Options.FontSize
	Leading    float64 // line height as a multiple of the size; 0: 1.4
	Align      Align
	// SpaceBefore is added above the paragraph, except at the top of a page.
	SpaceBefore float64
	// KeepWithNext keeps the paragraph on the page of the block after it.
	KeepWithNext bool
	// PageRef prints the page of the anchor at the right margin of the last
	// line, after a dotted leader: a table of contents entry.
	PageRef *Anchor
}

// Anchor is a place in a Flow whose page is known after layout: a heading
// that a table of contents refers to.
type Anchor struct {
	page int
	y    float64 // top of its band, below the top of the page body, mm
}

// Page returns the anchor's page, counting from 1, once the Flow is laid
// out (Layout or PDF); 0 before.
func (a *Anchor) Page() int { return a.page }

// Page geometry, in mm.
const (
	pageWidth    = 210.0
	pageHeight   = 297.0
	marginLeft   = 25.0
	marginRight  = 20.0
	marginTop    = 12.0
	marginBottom = 16.0
	headerHeight = 12.0
	footerHeight = 8.0
	contentWidth = pageWidth - marginLeft - marginRight
	// bodyHeight is the height available to the flow on each page. A hair
	// is kept back so that maroto, summing the same rows, never finds a
	// page a rounding error too full.
	bodyHeight = pageHeight - marginTop - marginBottom - headerHeight - footerHeight - 0.01

	defaultSize    = 10.0
	defaultLeading = 1.4
	cellPadX       = 1.5
	cellPadY       = 1.2
	pageRefWidth   = 12.0
)

// band is one horizontal slice of the flow — a line of text, a table row
// slice, a box — the unit of pagination.
type band struct {
	h        float64
	before   float64 // space above; dropped at the top of a page
	keepNext bool    // no page break between this band and the next
	newPage  bool    // this band starts a page
	ops      []op
	anchors  []*Anchor
	repeat   []*band // bands repeated above this one when it starts a page (a table header)
	goTo     *Anchor // the band is a link to this anchor (a contents entry)
	// quote marks a band of a quotation: a rule is drawn at barX beside
	// it, joined to the bar of the band above when that is quoted too.
	quote bool
	barX  float64
}

type opKind uint8

const (
	opText opKind = iota
	opLine
	opPageRef
)

// op is one drawing operation of a band; positions are relative to the
// band's top left corner.
type op struct {
	kind   opKind
	x, y   float64 // text: start of the baseline; line: first point; page ref: right end of the baseline
	x2, y2 float64 // line: second point
	text   string
	face   face
	size   float64
	color  Color
	thick  float64 // line thickness
	dashed bool
	anchor *Anchor
	link   string  // text: a link to this URI
	goTo   *Anchor // text: a link to this anchor
}

// NewFlow starts an empty document.
func NewFlow(opt Options) *Flow {
	if opt.FontSize == 0 {
		opt.FontSize = defaultSize
	}
	f := &Flow{opt: opt, width: contentWidth}
	f.m, f.err = loadFonts()
	return f
}

// Width returns the width of the text area in mm.
func (f *Flow) Width() float64 { return f.width }

// Space adds vertical space before the next block; it is dropped at the
// top of a page.
func (f *Flow) Space(mm float64) { f.before += mm }

// PageBreak starts the next block on a new page.
func (f *Flow) PageBreak() {
	if len(f.bands) > 0 {
		f.newPage = true
	}
}

// NewAnchor returns an anchor for the next block added: its Page is the
// page that block starts on.
func (f *Flow) NewAnchor() *Anchor {
	a := &Anchor{}
	f.anchors = append(f.anchors, a)
	return a
}

// outlineEntry is a bookmark: a title at an anchor.
type outlineEntry struct {
	level  int
	title  string
	anchor *Anchor
}

// Outline adds a bookmark to the PDF's outline, at level (1 for the top)
// pointing at the anchor. Bookmarks appear in the order they are added; a
// bookmark nests under the last one added with a lower level.
func (f *Flow) Outline(level int, title string, a *Anchor) {
	f.outline = append(f.outline, outlineEntry{level: max(level, 1), title: title, anchor: a})
}

// headerChange is a running header that applies from band on.
type headerChange struct {
	band int
	text string
}

// SetHeader changes the left running header from the page on which the
// next block starts (a part of a document after a page break): pages
// before it keep Options.Header or the header set before.
func (f *Flow) SetHeader(text string) {
	f.headers = append(f.headers, headerChange{band: len(f.bands), text: text})
}

// Place sets the anchor a at the next block added, like NewAnchor.
func (f *Flow) Place(a *Anchor) { f.anchors = append(f.anchors, a) }

// Keep lays out the blocks that add adds on one page if they fit on one.
func (f *Flow) Keep(add func()) {
	start := len(f.bands)
	add()
	for i := start; i < len(f.bands)-1; i++ {
		f.bands[i].keepNext = true
	}
}

// Quote lays out the blocks that add adds as a quotation: a thin vertical
// rule at x runs beside them, unbroken from their first line to their
// last on each page, so that a quotation reads as one in black and white.
// The caller indents the quoted blocks to the right of x.
func (f *Flow) Quote(x float64, add func()) {
	start := len(f.bands)
	add()
	for _, b := range f.bands[start:] {
		b.quote, b.barX = true, x
	}
}

// quoteRuleWidth is the thickness of a quotation's rule, mm.
const quoteRuleWidth = 0.5

// quoteRule returns the op that draws the quotation rule beside band i,
// on a page that starts with band start; ok is false for a band that is
// not quoted. Below a quoted band on the same page the rule also spans
// the space between them, so that one quotation has one unbroken rule.
func (f *Flow) quoteRule(i, start int) (rule op, ok bool) {
	b := f.bands[i]
	if !b.quote {
		return op{}, false
	}
	top := 0.0
	if prev := f.bands[max(i-1, 0)]; i > start && prev.quote && prev.barX == b.barX {
		top = -b.before
	}
	return op{kind: opLine, x: b.barX, y: top, x2: b.barX, y2: b.h, thick: quoteRuleWidth, color: Gray}, true
}

// Heading adds a bold heading of level 1 (largest) to 3, kept with the
// block after it, and returns its anchor for a table of contents.
func (f *Flow) Heading(level int, runs ...Run) *Anchor {
	size, before, after := 11.0, 4.0, 1.5
	switch level {
	case 1:
		size, before, after = 15, 0, 4
	case 2:
		size, before, after = 12.5, 6, 2.5
	}
	a := f.NewAnchor()
	bold := make([]Run, len(runs))
	for i, r := range runs {
		r.Bold = true
		bold[i] = r
	}
	f.Paragraph(Para{Runs: bold, Size: size, Leading: 1.3, SpaceBefore: before, KeepWithNext: true})
	f.Space(after)
	return a
}

// add appends a band, giving it the pending space, page break and anchors.
func (f *Flow) add(b *band) {
	b.before += f.before
	f.before = 0
	if f.newPage {
		b.newPage = true
		f.newPage = false
	}
	if len(f.anchors) > 0 {
		b.anchors = f.anchors
		f.anchors = nil
	}
	f.bands = append(f.bands, b)
}

// style is how a piece of text is drawn.
type style struct {
	face   face
	size   float64
	color  Color
	under  bool
	strike bool
	link   string
	goTo   *Anchor
}

// frag is a piece of a word in one style. Its text is src[at:at+len(text)]
// when src is set: placeLine joins the frags and spaces of a stretch that
// stand side by side in one run's text by slicing it, not copying.
type frag struct {
	text string
	src  string
	at   int
	st   style
	w    float64
}

// word is text between spaces, possibly in several styles ("**Klant**'s").
type word struct {
	frags     []frag
	w         float64
	space     float64 // width of the space after the word; 0 if none
	spaceSt   style
	hardBreak bool // a line break follows
}

// words splits runs into words and measures them. The words and frags
// are appended to the Flow's scratch arrays, and their text is sliced from
// the runs', so that a paragraph costs few allocations: they are valid
// until the caller hands the mark taken before back to release.
func (f *Flow) words(runs []Run, size float64) []word {
	n := 1
	for _, r := range runs {
		n += strings.Count(r.Text, " ") + 1
	}
	out := slices.Grow(f.wordBuf, n)
	frags := slices.Grow(f.fragBuf, n+n/4)
	w0 := len(out) // this call's words are out[w0:]
	var cur word
	f0 := len(frags) // index in frags of the current word's first frag
	for _, r := range runs {
		base := style{face: textFace(r.Bold, r.Italic), size: size, color: r.Color, under: r.Underline, strike: r.Strike, link: r.Link, goTo: r.GoTo}
		text := sanitize(r.Text)
		units := f.m.width[base.face]
		spaceW := float64(units[' ']) * size / 1000 * ptToMM
		// The frag being read: text[start:i], fu units wide.
		start, fu := -1, 0
		for i := 0; i <= len(text); {
			// Printable ASCII other than the space: the common case.
			if i < len(text) && text[i] > ' ' && text[i] < utf8.RuneSelf {
				if start < 0 {
					start, fu = i, 0
				}
				for ; i < len(text) && text[i] > ' ' && text[i] < utf8.RuneSelf; i++ {
					fu += int(units[text[i]])
				}
				continue
			}
			c, n := rune(0), 1
			if i < len(text) {
				if c = rune(text[i]); c >= utf8.RuneSelf {
					c, n = utf8.DecodeRuneInString(text[i:])
				}
			}
			brk := i == len(text) || c == '\n'
			space := !brk && (c == ' ' || c == '\t' || c >= utf8.RuneSelf && c != 0xA0 && unicode.IsSpace(c) || c < utf8.RuneSelf && asciiSpace(c))
			if !brk && !space {
				if start < 0 {
					start, fu = i, 0
				}
				if c < 0x10000 {
					fu += int(units[c])
				}
				i += n
				continue
			}
			// The end of a frag.
			if start >= 0 {
				w := float64(fu) * size / 1000 * ptToMM
				frags = append(frags, frag{text: text[start:i], src: text, at: start, st: base, w: w})
				cur.w += w
				start = -1
			}
			if i == len(text) {
				break
			}
			i += n
			if brk {
				if len(frags) == f0 && len(out) > w0 && !out[len(out)-1].hardBreak {
					out[len(out)-1].hardBreak = true
					out[len(out)-1].space = 0
					continue
				}
				cur.hardBreak = true
				if len(frags) == f0 {
					// An empty line: a word of no width.
					frags = append(frags, frag{st: base})
				}
			} else if len(frags) == f0 {
				// Runs of spaces are one space, after the previous word.
				if len(out) > w0 && !out[len(out)-1].hardBreak && out[len(out)-1].space == 0 {
					out[len(out)-1].space, out[len(out)-1].spaceSt = spaceW, base
				}
				continue
			}
			cur.frags = frags[f0:len(frags):len(frags)]
			out = append(out, cur)
			cur = word{}
			f0 = len(frags)
			if space {
				out[len(out)-1].space, out[len(out)-1].spaceSt = spaceW, base
			}
		}
	}
	if len(frags) > f0 {
		cur.frags = frags[f0:len(frags):len(frags)]
		out = append(out, cur)
	}
	if n := len(out); n > w0 {
		out[n-1].space = 0
	}
	f.wordBuf, f.fragBuf = out, frags
	return out[w0:len(out):len(out)]
}

// scratch marks how much of the Flow's scratch arrays is in use.
type scratch struct{ words, frags int }

// mark returns the scratch in use now, for release.
func (f *Flow) mark() scratch { return scratch{len(f.wordBuf), len(f.fragBuf)} }

// release frees the words made since m for reuse: the caller no longer
// looks at them.
func (f *Flow) release(m scratch) {
	f.wordBuf, f.fragBuf = f.wordBuf[:m.words], f.fragBuf[:m.frags]
}

// asciiSpace reports whether an ASCII c other than ' ', '\t' and '\n' is
// white space: '\v', '\f' or '\r'.
func asciiSpace(c rune) bool { return c == '\v' || c == '\f' || c == '\r' }

// splitWord cuts a word wider than max into pieces that fit.
func splitWord(m *metrics, w word, max float64) []word {
	var out []word
	var cur word
	for _, fr := range w.frags {
		for i := 0; i < len(fr.text); {
			_, n := utf8.DecodeRuneInString(fr.text[i:])
			cw := m.textWidth(fr.st.face, fr.st.size, fr.text[i:i+n])
			if cur.w+cw > max && cur.w > 0 {
				out = append(out, cur)
				cur = word{}
			}
			if k := len(cur.frags); k > 0 && cur.frags[k-1].st == fr.st {
				last := &cur.frags[k-1]
				if end := last.at + len(last.text); last.src != "" && last.src == fr.src && end == fr.at+i {
					last.text = last.src[last.at : end+n]
				} else {
					last.text += fr.text[i : i+n]
					last.src = ""
				}
				last.w += cw
			} else {
				p := frag{text: fr.text[i : i+n], st: fr.st, w: cw}
				if fr.src != "" {
					p.src, p.at = fr.src, fr.at+i
				}
				cur.frags = append(cur.frags, p)
			}
			cur.w += cw
			i += n
		}
	}
	cur.space, cur.spaceSt, cur.hardBreak = w.space, w.spaceSt, w.hardBreak
	return append(out, cur)
}

// breakLines breaks words into lines: first is the width of the first
// line, rest of the others. Lines are slices of words, which it may change
// in place to split a word wider than a line.
func breakLines(m *metrics, words []word, first, rest float64) [][]word {
	lines := make([][]word, 0, 1+len(words)/8)
	start, x, avail := 0, 0.0, first
	for i := 0; i < len(words); i++ {
		w := words[i]
		if i > start && x+words[i-1].space+w.w > avail {
			lines = append(lines, words[start:i:i])
			start, x, avail = i, 0, rest
		}
		if i == start && w.w > avail {
			pieces := splitWord(m, w, avail)
			for _, p := range pieces[:len(pieces)-1] {
				lines = append(lines, []word{p})
				avail = rest
			}
			words[i] = pieces[len(pieces)-1]
			w = words[i]
		}
		if i > start {
			x += words[i-1].space
		}
		x += w.w
		if w.hardBreak {
			lines = append(lines, words[start:i+1:i+1])
			start, x, avail = i+1, 0, rest
		}
	}
	if start < len(words) || len(lines) == 0 {
		lines = append(lines, words[start:len(words):len(words)])
	}
	return lines
}

// lineWidth is the width of a line's words and the spaces between them.
func lineWidth(line []word) float64 {
	w := 0.0
	for i, wd := range line {
		w += wd.w
		if i < len(line)-1 {
			w += wd.space
		}
	}
	return w
}

// baseline returns the baseline's distance from the top of a line.
func baseline(size, lineHeight float64) float64 {
	s := size * ptToMM
	return (lineHeight-s)/2 + 0.78*s
}

// placeLine appends the ops that draw line at x on the given baseline:
// one text op per stretch of one face, size and colour, and the underline
// and strike-through lines. A stretch whose words and spaces stand side by
// side in one run's text is a slice of it; only others are copied.
func (f *Flow) placeLine(ops []op, line []word, x, base float64) []op {
	var (
		cur    op // the text op being built; kind opLine while there is none
		src    string
		from   int    // cur's text is src[from:to] while copied is false
		to     int    //
		copied bool   // cur's text is buf
		buf    []byte //
		under  deco
		strike deco
	)
	cur.kind = opLine
	flush := func() {
		if cur.kind == opText {
			if copied {
				cur.text = string(buf)
			} else {
				cur.text = src[from:to]
			}
			ops = append(ops, cur)
			cur.kind = opLine
		}
	}
	piece := func(fr *frag) {
		st := &fr.st
		if fr.text != "" {
			switch {
			case cur.kind != opText || cur.face != st.face || cur.color != st.color || cur.size != st.size || cur.link != st.link || cur.goTo != st.goTo:
				flush()
				cur = op{kind: opText, x: x, y: base, face: st.face, size: st.size, color: st.color, link: st.link, goTo: st.goTo}
				f.used[st.face] = true
				if copied = fr.src == ""; copied {
					buf = append(buf[:0], fr.text...)
				} else {
					src, from, to = fr.src, fr.at, fr.at+len(fr.text)
				}
			case !copied && fr.src == "" && fr.text == " " && to < len(src) && src[to] == ' ':
				to++ // the space after a word, in its run's text
			case !copied && fr.src != "" && fr.at == to && fr.src == src:
				to += len(fr.text)
			default:
				if !copied {
					buf = append(buf[:0], src[from:to]...)
					copied = true
				}
				buf = append(buf, fr.text...)
			}
		}
		if st.under || under.on {
			ops = under.next(ops, st.under, *st, x, base, underlineAt)
		}
		if st.strike || strike.on {
			ops = strike.next(ops, st.strike, *st, x, base, strikeAt)
		}
		x += fr.w
	}
	for i := range line {
		wd := &line[i]
		for k := range wd.frags {
			piece(&wd.frags[k])
		}
		if i < len(line)-1 && wd.space > 0 {
			piece(&frag{text: " ", st: wd.spaceSt, w: wd.space})
		}
	}
	flush()
	ops = under.end(ops, x, base, underlineAt)
	return strike.end(ops, x, base, strikeAt)
}

// Underline and strike-through positions, in ems below the baseline.
const (
	underlineAt = 0.13
	strikeAt    = -0.27
)

// deco is an underline or strike-through being drawn along a line.
type deco struct {
	on    bool
	x     float64
	color Color
	size  float64
}

// next continues, ends or starts the line at x for a piece in style st.
func (d *deco) next(ops []op, on bool, st style, x, base, dy float64) []op {
	if d.on && (!on || d.color != st.color || d.size != st.size) {
		ops = d.end(ops, x, base, dy)
	}
	if on && !d.on {
		*d = deco{on: true, x: x, color: st.color, size: st.size}
	}
	return ops
}

// end draws the line from where it started to x.
func (d *deco) end(ops []op, x, base, dy float64) []op {
	if d.on && x > d.x {
		s := d.size * ptToMM
		ops = append(ops, op{kind: opLine, x: d.x, y: base + dy*s, x2: x, y2: base + dy*s, thick: 0.055 * s, color: d.color})
	}
	d.on = false
	return ops
}

// Paragraph adds a paragraph.
func (f *Flow) Paragraph(p Para) {
	size := p.Size
	if size == 0 {
		size = f.opt.FontSize
	}
	leading := p.Leading
	if leading == 0 {
		leading = defaultLeading
	}
	lh := size * ptToMM * leading
	base := baseline(size, lh)
	defer f.release(f.mark())
	textX := p.Indent + p.LabelWidth
	right := f.width
	if p.PageRef != nil {
		right -= pageRefWidth
	}
	firstX := textX
	var labelOps []op
	if len(p.Label) > 0 {
		lw := f.words(p.Label, size)
		if len(lw) > 0 {
			ll := breakLines(f.m, lw, f.width, f.width)[0]
			labelOps = f.placeLine(nil, ll, p.Indent, base)
			if end := p.Indent + lineWidth(ll) + f.m.textWidth(faceRegular, size, " "); end > firstX {
				firstX = end
			}
		}
	}
	ws := f.words(p.Runs, size)
	lines := breakLines(f.m, ws, right-firstX, right-textX)
	n := len(lines)
	for i, line := range lines {
		x := textX
		if i == 0 {
			x = firstX
		}
		switch p.Align {
		case AlignRight:
			x = right - lineWidth(line)
		case AlignCenter:
			x += (right - x - lineWidth(line)) / 2
		}
		b := &band{h: lh, goTo: p.PageRef}
		if i == 0 {
			b.before = p.SpaceBefore
			b.ops = labelOps
		}
		b.ops = f.placeLine(b.ops, line, x, base)
		if i == n-1 && p.PageRef != nil {
			end := x + lineWidth(line) + 1.5
			if stop := f.width - pageRefWidth + 2; end < stop {
				b.ops = append(b.ops, op{kind: opLine, x: end, y: base, x2: stop, y2: base, thick: 0.25, color: Gray, dashed: true})
			}
			b.ops = append(b.ops, op{kind: opPageRef, x: f.width, y: base, face: faceRegular, size: size, anchor: p.PageRef})
			f.used[faceRegular] = true
		}
		// Widows and orphans: no break after the first line nor before the
		// last, so that at least two lines stand together on each page.
		b.keepNext = i == 0 && n > 1 || i == n-2 || (i == n-1 && p.KeepWithNext)
		f.add(b)
	}
}

// Rule adds a horizontal line across the text area.
func (f *Flow) Rule(thickness float64, c Color) {
	f.add(&band{h: 1 + thickness, ops: []op{{kind: opLine, x: 0, y: 0.5, x2: f.width, y2: 0.5, thick: thickness, color: c}}})
}

// linkPattern finds web addresses and e-mail addresses in text.
var linkPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`https?://[^\s<>"]*[^\s<>".,;:!?'’”)\]]|\bwww\.[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/[^\s<>"]*[^\s<>".,;:!?'’”)\]])?|\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b`)
})

// mayLink reports whether s can hold a match of linkPattern: every match
// contains "://", "www." or "@". The pattern backtracks on every word
// (an e-mail address may start anywhere), so most text is better not
// handed to it at all.
func mayLink(s string) bool {
	return strings.Contains(s, "://") || strings.Contains(s, "www.") || strings.IndexByte(s, '@') >= 0
}

// Linkify returns runs with every web address (https://…, www.…) and
// e-mail address in their text made a link: www. addresses link to
// https://, e-mail addresses to mailto:. Runs that are links already
// are kept as they are.
func Linkify(runs []Run) []Run {
	var out []Run
	for i, r := range runs {
		var loc [][]int
		if mayLink(r.Text) {
			loc = linkPattern().FindAllStringIndex(r.Text, -1)
		}
		if r.Link != "" || r.GoTo != nil || loc == nil {
			if out != nil {
				out = append(out, r)
			}
			continue
		}
		if out == nil {
			out = append(make([]Run, 0, len(runs)+2*len(loc)), runs[:i]...)
		}
		at := 0
		for _, m := range loc {
			if m[0] > at {
				plain := r
				plain.Text = r.Text[at:m[0]]
				out = append(out, plain)
			}
			link := r
			link.Text = r.Text[m[0]:m[1]]
			switch {
			case strings.HasPrefix(link.Text, "http"):
				link.Link = link.Text
			case strings.HasPrefix(link.Text, "www."):
				link.Link = "https://" + link.Text
			default:
				link.Link = "mailto:" + link.Text
			}
			out = append(out, link)
			at = m[1]
		}
		if at < len(r.Text) {
			plain := r
			plain.Text = r.Text[at:]
			out = append(out, plain)
		}
	}
	if out == nil {
		return runs
	}
	return out
}
