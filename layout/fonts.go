package layout

import (
	_ "embed"
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
)

// The text faces are Noto Serif (SIL Open Font License 1.1,
// fonts/LICENSE-NotoSerif.txt), a face made for running text with lining,
// tabular figures and a zero without a slash, made by fonts/build.py:
// subset, unhinted, with the symbols Noto Serif lacks (❖, ✓, ☐, ●,
// arrows) merged in from DejaVu Sans (Bitstream Vera licence,
// fonts/LICENSE-DejaVu.txt). One file per face. termsmith parses them
// itself (ttf.go), once per process, and the finishing step embeds in
// each PDF a subset of each face it uses (fontobj.go); gofpdf never sees
// the files (see faceFonts).
var (
	//go:embed fonts/NotoSerif-Regular.ttf
	regularTTF []byte
	//go:embed fonts/NotoSerif-Bold.ttf
	boldTTF []byte
	//go:embed fonts/NotoSerif-Italic.ttf
	italicTTF []byte
	//go:embed fonts/NotoSerif-BoldItalic.ttf
	boldItalicTTF []byte
)

// face is one embedded font file.
type face uint8

const (
	faceRegular face = iota
	faceBold
	faceItalic
	faceBoldItalic
	numFaces
)

// faceFonts are the fonts gofpdf is told to draw each face with: the
// Times core fonts, as placeholders. Text reaches gofpdf already encoded
// as two-byte codes, the UTF-16 of its characters (cidText), which gofpdf
// writes into the page content as it is: maroto passes text of a family
// other than Arial, Helvetica, Courier, Symbol and ZapfDingbats through
// untranslated, and gofpdf writes the bytes of text in a core font as they
// are. The finishing step replaces each placeholder font object by the
// real face: a CIDFontType2 font with Identity-H encoding — a code is a
// CID — and a CIDToGIDMap from each CID, a Unicode code point, to its
// glyph in the face's subset. So gofpdf neither parses, measures nor
// subsets the 290 KB faces for every document (about 3 ms and 4.5 MB per
// face and document when it did), and the subsets termsmith makes are
// reused by the documents that use the same characters.
var faceFonts = [numFaces]struct {
	family   string
	style    fontstyle.Type
	baseFont string // the name gofpdf writes for the placeholder
	ttf      []byte
}{
	{"times", fontstyle.Normal, "Times-Roman", regularTTF},
	{"times", fontstyle.Bold, "Times-Bold", boldTTF},
	{"times", fontstyle.Italic, "Times-Italic", italicTTF},
	{"times", fontstyle.BoldItalic, "Times-BoldItalic", boldItalicTTF},
}

// cidText encodes s (BMP runes only: see sanitize) as the two-byte codes
// of the faces' Identity-H encoding: big-endian UTF-16 code units.
func cidText(buf []byte, s string) []byte {
	for _, r := range s {
		buf = append(buf, byte(r>>8), byte(r))
	}
	return buf
}

// textFace returns the face for bold and italic.
func textFace(bold, italic bool) face {
	switch {
	case bold && italic:
		return faceBoldItalic
	case bold:
		return faceBold
	case italic:
		return faceItalic
	}
	return faceRegular
}

// ptToMM converts points to millimetres, the unit of every layout length.
const ptToMM = 25.4 / 72

// metrics are the faces, read once per process from the font files
// (ttf.go), and their advance widths.
type metrics struct {
	width [numFaces][]uint16 // per BMP rune, in 1/1000 em; 0 without a glyph
	fonts [numFaces]*ttf
}

var (
	fontOnce  sync.Once
	fontErr   error
	fontTable *metrics
)

// loadFonts parses the embedded fonts once per process: about a
// millisecond for the four faces.
func loadFonts() (*metrics, error) {
	fontOnce.Do(func() {
		m := &metrics{}
		for i, ff := range faceFonts {
			t, err := parseTTF(ff.ttf)
			if err != nil {
				fontErr = fmt.Errorf("embedded font %s %q: %w", ff.family, ff.style, err)
				return
			}
			w := make([]uint16, 0x10000)
			for r := rune(0x20); r < 0x10000; r++ {
				if g := t.gid[r]; g != 0 && (r < 0xD800 || r >= 0xE000) {
					w[r] = uint16(t.width(int(g)))
				}
			}
			m.width[i], m.fonts[i] = w, t
		}
		fontTable = m
	})
	return fontTable, fontErr
}

// Preload starts parsing the embedded fonts on another core, for a process
// that will lay out a document once it has read what goes in it: the
// fonts are then ready when the layout starts.
func Preload() { go loadFonts() }

// Unsupported returns the first character of s that the document faces
// have no glyph for, and false if they can print all of it; control
// characters, which print as spaces, are never unsupported. Text with a
// character they lack would print as an empty box: render reports it as
// an error naming the source line instead.
func Unsupported(s string) (rune, bool) {
	m, err := loadFonts()
	if err != nil {
		r, _ := utf8.DecodeRuneInString(s)
		return r, s != ""
	}
	gid := m.fonts[faceRegular].gid
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f && gid[c] == 0 {
				return rune(c), true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x10000 || gid[r] == 0 {
			return r, true
		}
		i += n - 1
	}
	return 0, false
}

// units returns the advance of s in face f, in 1/1000 em.
func (m *metrics) units(f face, s string) int {
	n := 0
	w := m.width[f]
	for _, r := range s {
		if r < 0x10000 {
			n += int(w[r])
		}
	}
	return n
}

// textWidth returns the width of s in face f at size points, in mm.
func (m *metrics) textWidth(f face, size float64, s string) float64 {
	return float64(m.units(f, s)) * size / 1000 * ptToMM
}

// sanitize replaces what the PDF writer cannot take: control characters
// become spaces, and runes outside the Basic Multilingual Plane and bytes
// that are not UTF-8 become U+FFFD (gofpdf indexes widths by BMP rune and
// reads its input as UTF-8 without checking it).
func sanitize(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; {
		c := s[i]
		if c < utf8.RuneSelf {
			clean = c >= 0x20 && c != 0x7f
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		clean = !(r == utf8.RuneError && n == 1) && r < 0x10000
		i += n
	}
	if clean {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			out = append(out, r)
		case r < 0x20 || r == 0x7f:
			out = append(out, ' ')
		case r >= 0x10000:
			out = append(out, 0xFFFD)
		default:
			out = append(out, r) // U+FFFD for a byte that is not UTF-8
		}
	}
	return string(out)
}

// DefaultSize is the body text size in points when Options.FontSize is 0.
const DefaultSize = defaultSize

// Baseline returns the distance in mm from the top of a line of text of
// size points, at the default leading, to its baseline: where a Canvas
// draws text that should stand on the same line as a paragraph's.
func Baseline(size float64) float64 {
	return baseline(size, size*ptToMM*defaultLeading)
}

// TextWidth returns the width in mm of runs at size points, in the faces
// their Bold and Italic choose, as the Flow measures them.
func (f *Flow) TextWidth(size float64, runs ...Run) float64 {
	w := 0.0
	for _, r := range runs {
		w += f.m.textWidth(textFace(r.Bold, r.Italic), size, sanitize(r.Text))
	}
	return w
}
