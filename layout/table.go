package layout

import (
	"math"
	"strings"
)

// Table is a table of styled text: Rows[r][c] holds the runs of a cell.
type Table struct {
	Rows [][][]Run
	// Columns gives each column a relative width and an alignment. When
	// every column has a Width, widths are in proportion to them; otherwise
	// columns are sized to their content.
	Columns     []Column
	Header      bool    // the first row is a header: bold, shaded, repeated after a page break
	Borders     bool    // draw cell borders
	Indent      float64 // left indent, mm
	Size        float64 // font size in points; 0: Options.FontSize
	SpaceBefore float64 // space above, mm; dropped at the top of a page
}

// Column is the width and alignment of a table column.
type Column struct {
	Width float64
	Align Align
}

var (
	borderColor = Color{90, 90, 90}
	headerShade = Color{232, 232, 232}
)

// Table adds a table. Rows are kept whole unless taller than a page.
func (f *Flow) Table(t Table) {
	ncol := 0
	for _, row := range t.Rows {
		ncol = max(ncol, len(row))
	}
	if ncol == 0 {
		return
	}
	size := t.Size
	if size == 0 {
		size = f.opt.FontSize
	}
	lh := size * ptToMM * 1.3
	avail := f.width - t.Indent
	defer f.release(f.mark())

	cells := f.tableWords(t, ncol, size)
	widths := f.columnWidths(t, cells, ncol, avail)

	var header []*band
	for r := range cells {
		lines := make([][][]word, ncol)
		nl := 1
		for c := 0; c < ncol; c++ {
			inner := widths[c] - 2*cellPadX
			if len(cells[r][c]) > 0 {
				lines[c] = breakLines(f.m, cells[r][c], inner, inner)
				nl = max(nl, len(lines[c]))
			}
		}
		isHeader := r == 0 && t.Header
		for k := 0; k < nl; k++ {
			h, top := lh, 0.0
			if k == 0 {
				h += cellPadY
				top = cellPadY
			}
			if k == nl-1 {
				h += cellPadY
			}
			b := &band{h: h}
			if r == 0 && k == 0 {
				b.before = t.SpaceBefore
			}
			if isHeader {
				b.ops = append(b.ops, op{kind: opLine, x: t.Indent, y: h / 2, x2: t.Indent + avail, y2: h / 2, thick: h, color: headerShade})
			}
			base := top + baseline(size, lh)
			x := t.Indent
			for c := 0; c < ncol; c++ {
				if k < len(lines[c]) {
					line := lines[c][k]
					b.ops = f.placeLine(b.ops, line, cellX(t, c, x, widths[c], line), base)
				}
				x += widths[c]
			}
			if t.Borders {
				b.ops = borderOps(b.ops, t.Indent, avail, widths, h, k == 0, k == nl-1)
			}
			// A row stays whole; the header stays with the first row.
			b.keepNext = k < nl-1 || isHeader
			if t.Header && r > 0 {
				b.repeat = header
			}
			f.add(b)
			if isHeader {
				header = append(header, b)
			}
		}
	}
}

// tableWords splits every cell of t into words once, ncol cells a row;
// the header's cells are bold.
func (f *Flow) tableWords(t Table, ncol int, size float64) [][][]word {
	cells := make([][][]word, len(t.Rows))
	for r, row := range t.Rows {
		cells[r] = make([][]word, ncol)
		for c := 0; c < ncol && c < len(row); c++ {
			runs := row[c]
			if r == 0 && t.Header {
				bold := make([]Run, len(runs))
				for i, x := range runs {
					x.Bold = true
					bold[i] = x
				}
				runs = bold
			}
			cells[r][c] = f.words(runs, size)
		}
	}
	return cells
}

// cellX is where a line of column c starts, in the column that starts at
// x and is width wide, as the column is aligned.
func cellX(t Table, c int, x, width float64, line []word) float64 {
	align := AlignLeft
	if c < len(t.Columns) {
		align = t.Columns[c].Align
	}
	switch align {
	case AlignRight:
		return x + width - cellPadX - lineWidth(line)
	case AlignCenter:
		return x + (width-lineWidth(line))/2
	}
	return x + cellPadX
}

// borderOps appends the borders of one line of a row, width wide and h
// high, to ops: the rules between the columns, and above the row's first
// line (top) and below its last (bottom).
func borderOps(ops []op, indent, width float64, widths []float64, h float64, top, bottom bool) []op {
	const th = 0.2
	x := indent
	for c := 0; c <= len(widths); c++ {
		ops = append(ops, op{kind: opLine, x: x, y: 0, x2: x, y2: h, thick: th, color: borderColor})
		if c < len(widths) {
			x += widths[c]
		}
	}
	if top {
		ops = append(ops, op{kind: opLine, x: indent, y: 0, x2: indent + width, y2: 0, thick: th, color: borderColor})
	}
	if bottom {
		ops = append(ops, op{kind: opLine, x: indent, y: h, x2: indent + width, y2: h, thick: th, color: borderColor})
	}
	return ops
}

// columnWidths divides avail among the columns: in proportion to the
// given widths, or else by their content — each its natural width when
// they all fit on one line, else balanced (below) — never narrower than
// its longest word where that fits.
func (f *Flow) columnWidths(t Table, cells [][][]word, ncol int, avail float64) []float64 {
	widths := make([]float64, ncol)
	fixed := len(t.Columns) >= ncol
	total := 0.0
	for c := 0; c < ncol && fixed; c++ {
		if t.Columns[c].Width <= 0 {
			fixed = false
		}
		total += t.Columns[c].Width
	}
	if fixed {
		for c := range widths {
			widths[c] = avail * t.Columns[c].Width / total
		}
		return widths
	}
	natural := make([]float64, ncol)
	least := make([]float64, ncol)
	for _, row := range cells {
		for c, ws := range row {
			line := 0.0
			for i, w := range ws {
				line += w.w
				if i < len(ws)-1 {
					line += w.space
				}
				least[c] = max(least[c], w.w+2*cellPadX)
			}
			natural[c] = max(natural[c], line+2*cellPadX, 4*cellPadX)
			least[c] = max(least[c], 4*cellPadX)
		}
	}
	// Narrow columns (a Ja/Nee mark) get room to breathe when it fits.
	const narrow = 14.0
	if float64(ncol)*narrow < avail/2 {
		for c := range natural {
			least[c] = max(least[c], narrow)
			natural[c] = max(natural[c], narrow)
		}
	}
	sumNat, sumLeast := 0.0, 0.0
	for c := range natural {
		sumNat += natural[c]
		sumLeast += least[c]
	}
	switch {
	case sumNat <= avail:
		for c := range widths {
			widths[c] = natural[c] + (avail-sumNat)*natural[c]/sumNat
		}
	case sumLeast >= avail:
		for c := range widths {
			widths[c] = avail * least[c] / sumLeast
		}
	default:
		// Two candidates: by content (each column its longest word, the
		// rest in proportion to how much more its text needs: the
		// fewest lines, roughly) and balanced (every column the same
		// width, up to what its content needs on one line and at least
		// its longest word: two parallel lists side by side are as wide
		// as each other, not 20/80 because one is longer). The table
		// takes the most balanced blend of the two that costs at most two
		// lines, or a tenth, more than the best blend.
		byContent := make([]float64, ncol)
		extra := sumNat - sumLeast
		for c := range byContent {
			byContent[c] = least[c] + (avail-sumLeast)*(natural[c]-least[c])/extra
		}
		balanced := balancedWidths(natural, least, avail)
		const steps = 10
		blend := func(k int) []float64 {
			w := make([]float64, ncol)
			for c := range w {
				w[c] = byContent[c] + (balanced[c]-byContent[c])*float64(k)/steps
			}
			return w
		}
		lines := make([]int, steps+1)
		best := math.MaxInt
		for k := range lines {
			lines[k] = f.tableLines(cells, blend(k))
			best = min(best, lines[k])
		}
		for k := steps; k >= 0; k-- {
			if lines[k] <= best+max(2, best/10) {
				return blend(k)
			}
		}
		return byContent
	}
	return widths
}

// Canvas draws the content of a Box. Positions are mm from the box's top
// left corner; y of text is its baseline.
type Canvas struct {
	f      *Flow
	b      *band
	Width  float64 // the box's width: the text area's
	Height float64 // the box's height; 0 when it is as tall as its content
	bottom float64 // lowest point drawn
}

// Box adds a block whose content draw places itself: a signature block, a
// form. A height of 0 makes the box as tall as what draw draws. The box is
// never split across pages.
func (f *Flow) Box(height float64, draw func(c *Canvas)) {
	b := &band{h: height}
	c := &Canvas{f: f, b: b, Width: f.width, Height: height}
	draw(c)
	if height <= 0 {
		b.h = c.bottom
	}
	f.add(b)
}

// TextWidth returns the width of runs set on one line at size points.
func (c *Canvas) TextWidth(size float64, runs ...Run) float64 {
	defer c.f.release(c.f.mark())
	return lineWidth(c.f.words(noBreaks(runs), size))
}

// Text draws runs on one line starting at x on the baseline y.
func (c *Canvas) Text(x, y, size float64, runs ...Run) {
	defer c.f.release(c.f.mark())
	c.b.ops = c.f.placeLine(c.b.ops, c.f.words(noBreaks(runs), size), x, y)
	c.bottom = max(c.bottom, y+0.3*size*ptToMM)
}

// TextBox draws runs broken into lines of at most width, the first line's
// top at y, and returns the height used.
func (c *Canvas) TextBox(x, y, width, size float64, runs ...Run) float64 {
	lh := size * ptToMM * defaultLeading
	defer c.f.release(c.f.mark())
	lines := breakLines(c.f.m, c.f.words(runs, size), width, width)
	for i, line := range lines {
		c.b.ops = c.f.placeLine(c.b.ops, line, x, y+float64(i)*lh+baseline(size, lh))
	}
	h := float64(len(lines)) * lh
	c.bottom = max(c.bottom, y+h)
	return h
}

// Line draws a horizontal or vertical line.
func (c *Canvas) Line(x1, y1, x2, y2, thickness float64, col Color) {
	c.b.ops = append(c.b.ops, op{kind: opLine, x: x1, y: y1, x2: x2, y2: y2, thick: thickness, color: col})
	c.bottom = max(c.bottom, y1+thickness/2, y2+thickness/2)
}

func noBreaks(runs []Run) []Run {
	out := make([]Run, len(runs))
	for i, r := range runs {
		r.Text = strings.ReplaceAll(r.Text, "\n", " ")
		out[i] = r
	}
	return out
}

// balancedWidths gives every column the same width, clamped to between
// its least and its natural width, at the level where they fill avail.
func balancedWidths(natural, least []float64, avail float64) []float64 {
	fill := func(level float64) float64 {
		sum := 0.0
		for c := range natural {
			sum += min(natural[c], max(least[c], level))
		}
		return sum
	}
	lo, hi := 0.0, avail
	for range 60 {
		if mid := (lo + hi) / 2; fill(mid) < avail {
			lo = mid
		} else {
			hi = mid
		}
	}
	w := make([]float64, len(natural))
	sum := 0.0
	for c := range w {
		w[c] = min(natural[c], max(least[c], hi))
		sum += w[c]
	}
	w[len(w)-1] += avail - sum // rounding
	return w
}

// tableLines is the number of lines the rows of cells take in columns of
// widths: each row as many as its fullest cell.
func (f *Flow) tableLines(cells [][][]word, widths []float64) int {
	n := 0
	for _, row := range cells {
		nl := 1
		for c, ws := range row {
			if len(ws) > 0 {
				inner := widths[c] - 2*cellPadX
				nl = max(nl, len(breakLines(f.m, ws, inner, inner)))
			}
		}
		n += nl
	}
	return n
}
