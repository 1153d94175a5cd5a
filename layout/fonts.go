package layout

import (
	_ "embed"
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/phpdave11/gofpdf"
	"golang.org/x/image/font/sfnt"
)

// The text faces are Noto Serif (SIL Open Font License 1.1,
// fonts/LICENSE-NotoSerif.txt), a face made for running text with lining,
// tabular figures and a zero without a slash, made by fonts/build.py:
// subset, unhinted, with the symbols Noto Serif lacks (❖, ✓, ☐, ●,
// arrows) merged in from DejaVu Sans (Bitstream Vera licence,
// fonts/LICENSE-DejaVu.txt). One file per face: a PDF embeds one font per
// face it uses, and each font costs gofpdf a parse and a subset per
// document.
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

var faceFonts = [numFaces]struct {
	family string
	style  fontstyle.Type
	ttf    []byte
}{
	{"serif", fontstyle.Normal, regularTTF},
	{"serif", fontstyle.Bold, boldTTF},
	{"serif", fontstyle.Italic, italicTTF},
	{"serif", fontstyle.BoldItalic, boldItalicTTF},
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

// metrics are the advance widths of every face, read once per process.
// Widths come from gofpdf itself, so text measured here lands exactly
// where gofpdf draws it.
type metrics struct {
	width  [numFaces][]uint16 // per BMP rune, in 1/1000 em; 0 without a glyph
	custom [numFaces]*entity.CustomFont
}

var (
	fontOnce  sync.Once
	fontErr   error
	fontTable *metrics
)

// loadFonts parses the embedded fonts once per process.
func loadFonts() (*metrics, error) {
	fontOnce.Do(func() {
		m := &metrics{}
		gofpdfDefaults.RLock() // gofpdf.New reads the default dates
		pdf := gofpdf.New("P", "mm", "A4", "")
		gofpdfDefaults.RUnlock()
		var buf sfnt.Buffer
		for i, ff := range faceFonts {
			f, err := sfnt.Parse(ff.ttf)
			if err != nil {
				fontErr = fmt.Errorf("embedded font %s %q: %w", ff.family, ff.style, err)
				return
			}
			pdf.AddUTF8FontFromBytes(ff.family, string(ff.style), ff.ttf)
			pdf.SetFont(ff.family, string(ff.style), 10)
			if err := pdf.Error(); err != nil {
				fontErr = fmt.Errorf("embedded font %s %q: %w", ff.family, ff.style, err)
				return
			}
			w := make([]uint16, 0x10000)
			var one [1]rune
			for r := rune(0x20); r < 0x10000; r++ {
				if r >= 0xD800 && r < 0xE000 {
					continue
				}
				gi, err := f.GlyphIndex(&buf, r)
				if err != nil || gi == 0 {
					continue
				}
				one[0] = r
				w[r] = uint16(pdf.GetStringSymbolWidth(string(one[:])))
			}
			m.width[i] = w
			m.custom[i] = &entity.CustomFont{Family: ff.family, Style: ff.style, Bytes: ff.ttf}
		}
		fontTable = m
	})
	return fontTable, fontErr
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
