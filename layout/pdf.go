package layout

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"
	"github.com/termsmith/termsmith/internal/buildinfo"
)

// pageRange is one laid-out page: bands[start:end], after the repeated
// bands (a table header continued from the page before).
type pageRange struct {
	start, end int
	repeat     []*band
}

// Layout paginates the flow and returns the number of pages. After it,
// every Anchor knows its page. PDF calls it; call it yourself to learn
// page numbers without writing the PDF.
func (f *Flow) Layout() int {
	f.pages = f.pages[:0]
	n := len(f.bands)
	for i := 0; i < n; {
		start := i
		y := 0.0
		rep := f.bands[i].repeat
		for _, b := range rep {
			y += b.h
		}
		lastBreak := -1 // the page may end after this band
		j := i
		for ; j < n; j++ {
			b := f.bands[j]
			h := b.h
			if j > start {
				if b.newPage {
					break
				}
				h += b.before
				if y+h > bodyHeight {
					if lastBreak >= start {
						j = lastBreak + 1
					}
					break
				}
			}
			y += h
			if !b.keepNext {
				lastBreak = j
			}
		}
		f.pages = append(f.pages, pageRange{start: start, end: j, repeat: rep})
		y = 0
		for _, b := range rep {
			y += b.h
		}
		for k := start; k < j; k++ {
			b := f.bands[k]
			if k > start {
				y += b.before
			}
			for _, a := range b.anchors {
				a.page, a.y = len(f.pages), y
			}
			y += b.h
		}
		i = j
	}
	// Anchors added after the last block point at the last page.
	for _, a := range f.anchors {
		a.page = max(len(f.pages), 1)
	}
	return max(len(f.pages), 1)
}

// gofpdfDefaults guards gofpdf's package-level default dates, which a new
// document copies when it is created: documents with different dates may
// be made concurrently. gofpdfDate is the date they are set to. Documents
// of that date — every document of a batch of one version — are created
// under the read lock, together; another date takes the write lock to
// change the defaults.
var (
	gofpdfDefaults sync.RWMutex
	gofpdfDate     time.Time
)

// newMaroto creates a maroto document whose gofpdf document is dated date.
func newMaroto(cfg *entity.Config, date time.Time) core.Maroto {
	gofpdfDefaults.RLock()
	if gofpdfDate.Equal(date) {
		defer gofpdfDefaults.RUnlock()
		return maroto.New(cfg)
	}
	gofpdfDefaults.RUnlock()
	gofpdfDefaults.Lock()
	defer gofpdfDefaults.Unlock()
	gofpdf.SetDefaultCreationDate(date)
	gofpdf.SetDefaultModificationDate(date)
	gofpdfDate = date
	return maroto.New(cfg)
}

func init() {
	// Fonts and other catalogs in a fixed order: byte-identical output.
	gofpdf.SetDefaultCatalogSort(true)
}

// PDF lays out the flow and returns the PDF. The same flow gives the same
// bytes: the date comes from Options.Date and nothing depends on the clock,
// map order or randomness.
func (f *Flow) PDF() ([]byte, error) {
	raw, meta, err := f.draw()
	if err != nil {
		return nil, err
	}
	out, err := finish(raw, meta)
	if err != nil {
		return nil, fmt.Errorf("pdf: finishing the file that gofpdf wrote: %w", err)
	}
	return out, nil
}

// draw lays the flow out and draws it with maroto: the file gofpdf
// writes, and what finish adds to it.
func (f *Flow) draw() ([]byte, *docMeta, error) {
	if f.err != nil {
		return nil, nil, f.err
	}
	f.Layout()
	pageHeaders, footers := f.running()
	date := f.opt.Date
	if date.IsZero() {
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	runes := f.usedRunes(pageHeaders, footers)
	// The faces used, each with a subset of its characters, made on
	// another core while maroto draws the pages.
	fontObjects := make(map[string]*fontObjs)
	var fontsMade sync.WaitGroup
	fontsMade.Go(func() {
		for fc := faceRegular; fc < numFaces; fc++ {
			if fc == faceRegular || !runes[fc].empty() { // regular: maroto's default font
				fontObjects[faceFonts[fc].baseFont] = f.m.objects(fc, runes[fc].runes())
			}
		}
	})
	defer fontsMade.Wait() // before meta, which holds the objects, is read
	b := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(marginLeft).WithRightMargin(marginRight).
		WithTopMargin(marginTop).WithBottomMargin(marginBottom).
		WithSequentialMode().
		WithCompression(false). // see compactPDF
		WithDefaultFont(&props.Font{Family: faceFonts[faceRegular].family, Style: faceFonts[faceRegular].style, Size: f.opt.FontSize}).
		WithCreationDate(date)
	// Title, author and the rest are written by finish, in the information
	// dictionary and in XMP alike; the page numbers are in the footer's
	// ops (maroto would measure them with the stand-in fonts).
	cfg := b.Build()

	m := newMaroto(cfg, date)

	if err := m.RegisterHeader(row.New(headerHeight).Add(col.New(12).Add(&opsComponent{pages: pageHeaders}))); err != nil {
		return nil, nil, fmt.Errorf("pdf header: %w", err)
	}
	if err := m.RegisterFooter(row.New(footerHeight).Add(col.New(12).Add(&opsComponent{pages: footers}))); err != nil {
		return nil, nil, fmt.Errorf("pdf footer: %w", err)
	}
	// A page is one row: its bands one below the other, each after the
	// space above it (none for the first).
	meta := &docMeta{
		title: f.opt.Title, author: f.opt.Author, subject: f.opt.Subject,
		keywords: strings.Join(f.opt.Keywords, ", "), creator: buildinfo.String(),
		lang: langTag(f.opt.Lang), date: date,
		annots: make([][]annot, len(f.pages)),
		fonts:  fontObjects,
	}
	parts := make([]opsPart, 0, len(f.bands)+len(f.pages))
	for pi, p := range f.pages {
		first := len(parts)
		y := 0.0
		for _, b := range p.repeat {
			parts = append(parts, opsPart{ops: b.ops, dy: y})
			meta.annots[pi] = f.links(meta.annots[pi], b, y)
			y += b.h
		}
		for i := p.start; i < p.end; i++ {
			b := f.bands[i]
			if i > p.start {
				y += b.before
			}
			parts = append(parts, opsPart{ops: b.ops, dy: y})
			if rule, ok := f.quoteRule(i, p.start); ok {
				parts = append(parts, opsPart{ops: []op{rule}, dy: y})
			}
			meta.annots[pi] = f.links(meta.annots[pi], b, y)
			y += b.h
		}
		m.AddPages(page.New().Add(row.New(y).Add(col.New(12).Add(&opsComponent{parts: parts[first:len(parts):len(parts)]}))))
	}
	for _, e := range f.outline {
		meta.outline = append(meta.outline, outlineItem{level: e.level, title: e.title, page: e.anchor.page, top: pageY(e.anchor.y) + 2})
	}
	doc, err := m.Generate()
	if err != nil {
		return nil, nil, fmt.Errorf("pdf: %w", err)
	}
	return doc.GetBytes(), meta, nil
}

// running returns the ops of each page's running header — the one in
// force at its first band; none on the first page with
// NoHeaderOnFirstPage — and of its footer ("pagina N van M").
func (f *Flow) running() (headers, footers [][]op) {
	headerFor := make(map[string][]op) // made once per text
	headers = make([][]op, len(f.pages))
	h, k := f.opt.Header, 0
	for i, p := range f.pages {
		for k < len(f.headers) && f.headers[k].band <= p.start {
			h = f.headers[k].text
			k++
		}
		ops, ok := headerFor[h]
		if !ok {
			ops = f.headerOps(h)
			headerFor[h] = ops
		}
		if i > 0 || !f.opt.NoHeaderOnFirstPage {
			headers[i] = ops
		}
	}
	footers = make([][]op, len(f.pages))
	for i := range f.pages {
		footers[i] = f.footerOps(i+1, len(f.pages))
	}
	return headers, footers
}

// usedRunes returns the characters drawn in each face — in the bands, the
// headers and the footers — for the face's subset.
func (f *Flow) usedRunes(headers, footers [][]op) [numFaces]runeSet {
	var runes [numFaces]runeSet
	add := func(ops []op) {
		for i := range ops {
			switch o := &ops[i]; o.kind {
			case opText:
				runes[o.face].addString(o.text)
			case opPageRef:
				runes[o.face].addString("0123456789")
			}
		}
	}
	for _, b := range f.bands {
		add(b.ops)
	}
	for _, ops := range headers {
		add(ops)
	}
	for _, ops := range footers {
		add(ops)
	}
	return runes
}

// langTag is the BCP 47 tag written for a store's language: Dutch as
// spoken in the Netherlands for "nl", other languages as they are.
func langTag(lang string) string {
	if lang == "nl" {
		return "nl-NL"
	}
	return lang
}

// mmToPt converts millimetres to PDF points.
const mmToPt = 72 / 25.4

// pageX and pageY convert a position in the page body (mm from its top
// left corner) to PDF page coordinates (points from the bottom left).
func pageX(x float64) float64 { return (marginLeft + x) * mmToPt }
func pageY(y float64) float64 { return (pageHeight - marginTop - headerHeight - y) * mmToPt }

// links appends the link annotations of band b, dy below the top of the
// page body: the whole band for a contents entry, the text of each op
// with a URI.
func (f *Flow) links(as []annot, b *band, dy float64) []annot {
	if b.goTo != nil {
		as = append(as, annot{x1: pageX(0), y1: pageY(dy + b.h), x2: pageX(f.width), y2: pageY(dy),
			page: b.goTo.page, top: pageY(b.goTo.y) + 2})
	}
	for i := range b.ops {
		o := &b.ops[i]
		if o.kind != opText || o.link == "" && (o.goTo == nil || o.goTo.page == 0) {
			continue // not a link, or to an anchor that was never placed
		}
		s := o.size * ptToMM
		w := f.m.textWidth(o.face, o.size, strings.TrimRight(o.text, " "))
		a := annot{x1: pageX(o.x), y1: pageY(dy + o.y + 0.25*s), x2: pageX(o.x + w), y2: pageY(dy + o.y - 0.8*s), uri: o.link}
		if o.goTo != nil {
			a.page, a.top = o.goTo.page, pageY(o.goTo.y)+2
		}
		as = append(as, a)
	}
	return as
}

const footerSize = 8.0

// headerOps draws a running header: text on the left, Options.HeaderRight
// on the right, on a baseline above a rule.
func (f *Flow) headerOps(text string) []op {
	if text == "" && f.opt.HeaderRight == "" {
		return nil
	}
	defer f.release(f.mark())
	var ops []op
	base := headerHeight - 5.5
	ops = f.placeLine(ops, f.words([]Run{{Text: text, Color: Gray}}, footerSize), 0, base)
	if f.opt.HeaderRight != "" {
		right := f.words([]Run{{Text: f.opt.HeaderRight, Color: Gray}}, footerSize)
		ops = f.placeLine(ops, right, f.width-lineWidth(right), base)
	}
	return append(ops, op{kind: opLine, x: 0, y: base + 2, x2: f.width, y2: base + 2, thick: 0.2, color: Gray})
}

// footerOps draws a rule at the bottom of the body and, just below it,
// the footer text on the left and the page label of page (of total) on
// the right.
func (f *Flow) footerOps(page, total int) []op {
	if f.opt.Footer == "" && f.opt.PageLabel == "" {
		return nil
	}
	defer f.release(f.mark())
	ops := []op{{kind: opLine, x: 0, y: footerHeight - 1, x2: f.width, y2: footerHeight - 1, thick: 0.2, color: Gray}}
	base := footerHeight + footerSize*ptToMM
	if f.opt.Footer != "" {
		ops = f.placeLine(ops, f.words([]Run{{Text: f.opt.Footer, Color: Gray}}, footerSize), 0, base)
	}
	if f.opt.PageLabel != "" {
		label := strings.NewReplacer("{current}", strconv.Itoa(page), "{total}", strconv.Itoa(total)).Replace(f.opt.PageLabel)
		words := f.words([]Run{{Text: label, Color: Gray}}, footerSize)
		ops = f.placeLine(ops, words, f.width-lineWidth(words), base)
	}
	return ops
}

// runeSet is a set of BMP runes.
type runeSet struct{ bits *[0x10000 / 64]uint64 }

func (s *runeSet) addString(text string) {
	if s.bits == nil {
		s.bits = new([0x10000 / 64]uint64)
	}
	for _, r := range text {
		if r < 0x10000 {
			s.bits[r>>6] |= 1 << (r & 63)
		}
	}
}

func (s *runeSet) empty() bool { return s.bits == nil }

// runes returns the set's runes in order.
func (s *runeSet) runes() []rune {
	var out []rune
	if s.bits == nil {
		return out
	}
	for i, w := range s.bits {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, rune(i*64+b))
			w &^= 1 << b
		}
	}
	return out
}

func toProps(c Color) *props.Color {
	return &props.Color{Red: int(c.R), Green: int(c.G), Blue: int(c.B)}
}

// opsComponent is a maroto component that draws ops through the provider:
// text with AddText, rules, underlines and borders with AddLine. It draws
// a whole page, so that maroto handles one row per page, not one per line.
type opsComponent struct {
	parts    []opsPart
	pages    [][]op // when set, the ops of each page in turn (a running header), not parts
	rendered int
	colors   []*props.Color // the colours handed to maroto so far, made once each
	buf      []byte         // scratch for cidText
}

// opsPart is the ops of one band, dy below the top of the component.
type opsPart struct {
	ops []op
	dy  float64
}

// SetConfig implements core.Component; the ops need no configuration.
func (c *opsComponent) SetConfig(*entity.Config) {}

// GetStructure implements core.Component for maroto's debugging tree.
func (c *opsComponent) GetStructure() *node.Node[core.Structure] {
	n := 0
	for _, p := range c.parts {
		n += len(p.ops)
	}
	return node.New(core.Structure{Type: "termsmith-ops", Value: n})
}

// GetHeight is never used for sizing: every row has a fixed height.
func (c *opsComponent) GetHeight(core.Provider, *entity.Cell) float64 { return 0 }

// Render draws the ops in the cell maroto gives the row.
func (c *opsComponent) Render(prov core.Provider, cell *entity.Cell) {
	c.rendered++
	if c.pages != nil {
		if c.rendered <= len(c.pages) {
			c.draw(c.pages[c.rendered-1], 0, prov, cell)
		}
		return
	}
	for _, p := range c.parts {
		c.draw(p.ops, p.dy, prov, cell)
	}
}

// color returns col for maroto, which only reads it.
func (c *opsComponent) color(col Color) *props.Color {
	for _, pc := range c.colors {
		if pc.Red == int(col.R) && pc.Green == int(col.G) && pc.Blue == int(col.B) {
			return pc
		}
	}
	pc := toProps(col)
	c.colors = append(c.colors, pc)
	return pc
}

// draw draws ops dy below the top of cell.
func (c *opsComponent) draw(ops []op, dy float64, p core.Provider, cell *entity.Cell) {
	// maroto only reads these during a call: one of each serves every op.
	var tp props.Text
	var lp props.Line
	var tc, lc entity.Cell
	for i := range ops {
		o := &ops[i]
		switch o.kind {
		case opText, opPageRef:
			text, x := o.text, o.x
			if o.kind == opPageRef {
				text = strconv.Itoa(o.anchor.page)
				x -= fontTable.textWidth(o.face, o.size, text)
			}
			if text == "" {
				continue
			}
			ff := faceFonts[o.face]
			s := o.size * ptToMM
			tp = props.Text{Family: ff.family, Style: ff.style, Size: o.size, Align: align.Left}
			if o.color != Black {
				tp.Color = c.color(o.color)
			}
			// Wide enough that maroto, measuring the codes with the
			// placeholder's widths, never breaks the line.
			tc = entity.Cell{X: cell.X + x, Y: cell.Y + dy + o.y - s, Width: 1e9, Height: s}
			c.buf = cidText(c.buf[:0], text)
			p.AddText(string(c.buf), &tc, &tp)
		case opLine:
			lp = props.Line{Thickness: o.thick, Color: c.color(o.color), Style: linestyle.Solid, SizePercent: 100}
			if o.dashed {
				lp.Style = linestyle.Dashed
			}
			lc = entity.Cell{X: cell.X + min(o.x, o.x2), Y: cell.Y + dy + min(o.y, o.y2)}
			if o.x == o.x2 {
				lp.Orientation = orientation.Vertical
				lc.Height = max(o.y, o.y2) - min(o.y, o.y2)
			} else {
				lp.Orientation = orientation.Horizontal
				lc.Width = max(o.x, o.x2) - min(o.x, o.x2)
			}
			p.AddLine(&lc, &lp)
		}
	}
}
