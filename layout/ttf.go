package layout

import (
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strings"
)

// ttf is a TrueType face as the PDF needs it, parsed once per process:
// glyph per BMP rune, advance widths, the glyph outlines and the values of
// a font descriptor. It also writes subsets of the face (subset), the font
// program a document embeds.
//
// Why not gofpdf's own font handling: gofpdf parses the whole font file
// again for every document, marshals a 65,536-entry width table to JSON
// to name it, subsets it and compresses the subset and a 128 KB
// CID-to-glyph map with a new zlib writer each time — about 3 ms and
// 4.5 MB per face and document, more than the rest of an agreement's PDF
// together. termsmith parses each face once, lets gofpdf draw with core
// fonts as placeholders (faceFonts), and the finishing step writes the
// real font objects from the subset made here, reused for the next
// document that uses the same characters (metrics.objects).
type ttf struct {
	name       string // PostScript name
	tables     map[string][]byte
	upem       int
	numGlyphs  int
	numHMetric int
	gid        []uint16 // per BMP rune; 0 without a glyph
	adv        []uint16 // per glyph, font units
	lsb        []int16  // per glyph
	loca       []uint32 // numGlyphs+1 offsets into glyf
	glyf       []byte

	// Font descriptor values, in 1/1000 em.
	ascent, descent, capHeight int
	italicAngle, stemV, flags  int
	bbox                       [4]int
	missingWidth               int
}

// errTTF is returned for a font file this parser does not understand.
func errTTF(format string, args ...any) error {
	return fmt.Errorf("truetype: "+format, args...)
}

func u16(b []byte, at int) int { return int(binary.BigEndian.Uint16(b[at:])) }
func i16(b []byte, at int) int { return int(int16(binary.BigEndian.Uint16(b[at:]))) }
func u32(b []byte, at int) int { return int(binary.BigEndian.Uint32(b[at:])) }

// parseTTF parses a TrueType font file (glyf outlines, not CFF).
func parseTTF(data []byte) (t *ttf, err error) {
	defer func() {
		if r := recover(); r != nil { // a short table: an index out of range
			t, err = nil, errTTF("malformed font: %v", r)
		}
	}()
	if len(data) < 12 || (u32(data, 0) != 0x00010000 && u32(data, 0) != 0x74727565) {
		return nil, errTTF("not a TrueType font")
	}
	t = &ttf{tables: map[string][]byte{}}
	n := u16(data, 4)
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		tag := string(data[rec : rec+4])
		off, size := u32(data, rec+8), u32(data, rec+12)
		if off+size > len(data) {
			return nil, errTTF("table %q outside the file", tag)
		}
		t.tables[tag] = data[off : off+size]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "post", "name", "OS/2"} {
		if t.tables[tag] == nil {
			return nil, errTTF("no %q table", tag)
		}
	}
	head, hhea, post, os2 := t.tables["head"], t.tables["hhea"], t.tables["post"], t.tables["OS/2"]
	t.upem = u16(head, 18)
	if t.upem == 0 {
		return nil, errTTF("units per em is 0")
	}
	t.numGlyphs = u16(t.tables["maxp"], 4)
	t.numHMetric = u16(hhea, 34)
	if t.numHMetric == 0 || t.numHMetric > t.numGlyphs {
		return nil, errTTF("bad number of horizontal metrics")
	}
	scale := func(v int) int { return int(math.Round(float64(v) * 1000 / float64(t.upem))) }

	hmtx := t.tables["hmtx"]
	t.adv = make([]uint16, t.numGlyphs)
	t.lsb = make([]int16, t.numGlyphs)
	for g := 0; g < t.numGlyphs; g++ {
		if g < t.numHMetric {
			t.adv[g] = uint16(u16(hmtx, 4*g))
			t.lsb[g] = int16(i16(hmtx, 4*g+2))
		} else {
			t.adv[g] = t.adv[t.numHMetric-1]
			t.lsb[g] = int16(i16(hmtx, 4*t.numHMetric+2*(g-t.numHMetric)))
		}
	}
	loca := t.tables["loca"]
	t.loca = make([]uint32, t.numGlyphs+1)
	for g := range t.loca {
		if u16(head, 50) == 0 {
			t.loca[g] = uint32(u16(loca, 2*g)) * 2
		} else {
			t.loca[g] = uint32(u32(loca, 4*g))
		}
	}
	t.glyf = t.tables["glyf"]
	if int(t.loca[t.numGlyphs]) > len(t.glyf) {
		return nil, errTTF("loca points past glyf")
	}
	if err := t.parseCmap(); err != nil {
		return nil, err
	}

	// The descriptor, as gofpdf computed it.
	t.bbox = [4]int{scale(i16(head, 36)), scale(i16(head, 38)), scale(i16(head, 40)), scale(i16(head, 42))}
	t.ascent, t.descent = scale(i16(hhea, 4)), scale(i16(hhea, 6))
	weight := u16(os2, 4)
	t.capHeight = t.ascent
	if u16(os2, 0) > 1 {
		t.capHeight = scale(i16(os2, 88))
	}
	t.stemV = 50 + int(math.Pow(float64(weight)/65.0, 2))
	t.italicAngle = i16(post, 4)
	t.flags = 4 // symbolic: glyphs are addressed by CID, not a standard encoding
	if t.italicAngle != 0 {
		t.flags |= 64
	}
	if weight >= 600 {
		t.flags |= 262144
	}
	if u32(post, 12) != 0 {
		t.flags |= 1
	}
	t.missingWidth = scale(int(t.adv[0]))
	t.name = t.postScriptName()
	return t, nil
}

// parseCmap fills gid from the Unicode cmap: format 12 where there is one,
// else format 4.
func (t *ttf) parseCmap() error {
	cmap := t.tables["cmap"]
	var f4, f12 []byte
	for i := 0; i < u16(cmap, 2); i++ {
		rec := 4 + 8*i
		pid, eid, off := u16(cmap, rec), u16(cmap, rec+2), u32(cmap, rec+4)
		if pid != 0 && !(pid == 3 && (eid == 1 || eid == 10)) {
			continue
		}
		switch u16(cmap, off) {
		case 4:
			f4 = cmap[off:]
		case 12:
			f12 = cmap[off:]
		}
	}
	t.gid = make([]uint16, 0x10000)
	switch {
	case f12 != nil:
		for i := 0; i < u32(f12, 12); i++ {
			g := 16 + 12*i
			start, end, glyph := u32(f12, g), u32(f12, g+4), u32(f12, g+8)
			for c := start; c <= end && c < 0x10000; c++ {
				if gi := glyph + c - start; gi < t.numGlyphs {
					t.gid[c] = uint16(gi)
				}
			}
		}
	case f4 != nil:
		segs := u16(f4, 6) / 2
		ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
		for s := 0; s < segs; s++ {
			start, end := u16(f4, starts+2*s), u16(f4, ends+2*s)
			delta, ro := u16(f4, deltas+2*s), u16(f4, ranges+2*s)
			for c := start; c <= end && c < 0xFFFF; c++ {
				g := 0
				if ro == 0 {
					g = (c + delta) & 0xFFFF
				} else if g = u16(f4, ranges+2*s+ro+2*(c-start)); g != 0 {
					g = (g + delta) & 0xFFFF
				}
				if g < t.numGlyphs {
					t.gid[c] = uint16(g)
				}
			}
		}
	default:
		return errTTF("no Unicode cmap (format 4 or 12)")
	}
	return nil
}

// postScriptName returns name id 6 (Windows, English), or "Font".
func (t *ttf) postScriptName() string {
	nt := t.tables["name"]
	strs := u16(nt, 4)
	for i := 0; i < u16(nt, 2); i++ {
		rec := 6 + 12*i
		if u16(nt, rec) != 3 || u16(nt, rec+6) != 6 {
			continue
		}
		l, off := u16(nt, rec+8), u16(nt, rec+10)
		b := nt[strs+off : strs+off+l]
		var s strings.Builder
		for k := 0; k+1 < len(b); k += 2 {
			c := rune(u16(b, k))
			if c > ' ' && c < 0x7f && !strings.ContainsRune("[](){}<>/%", c) {
				s.WriteRune(c)
			}
		}
		if s.Len() > 0 {
			return s.String()
		}
	}
	return "Font"
}

// width returns the advance of glyph g in 1/1000 em.
func (t *ttf) width(g int) int {
	return int(math.Round(float64(t.adv[g]) * 1000 / float64(t.upem)))
}

// glyph returns the outline data of glyph g.
func (t *ttf) glyph(g int) []byte {
	return t.glyf[t.loca[g]:t.loca[g+1]]
}

// Composite glyph flags.
const (
	compArgWords   = 0x0001
	compScale      = 0x0008
	compMore       = 0x0020
	compXYScale    = 0x0040
	compTwoByTwo   = 0x0080
	compComponents = 10 // the components start after the glyph header
)

// components calls fn with the offset, in the glyph's data, of each
// component glyph index of a composite glyph.
func components(data []byte, fn func(at int)) {
	if len(data) < compComponents || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return
	}
	at := compComponents
	for at+4 <= len(data) {
		flags := u16(data, at)
		fn(at + 2)
		at += 4
		if flags&compArgWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&compScale != 0:
			at += 2
		case flags&compXYScale != 0:
			at += 4
		case flags&compTwoByTwo != 0:
			at += 8
		}
		if flags&compMore == 0 {
			return
		}
	}
}

// subset is a font program holding the glyphs of some runes, renumbered:
// glyph 0 (.notdef), then the runes' glyphs and the glyphs their
// composites use, in the order of the original glyph numbers.
type subset struct {
	font []byte          // the TrueType file
	gids map[rune]uint16 // rune -> glyph in font
}

// subset makes a font program with the glyphs of runes (sorted, without
// duplicates). Runes without a glyph are left out.
func (t *ttf) subset(runes []rune) *subset {
	keep := map[int]bool{0: true}
	var add func(g int)
	add = func(g int) {
		if keep[g] {
			return
		}
		keep[g] = true
		components(t.glyph(g), func(at int) {
			if c := u16(t.glyph(g), at); c < t.numGlyphs {
				add(c)
			}
		})
	}
	for _, r := range runes {
		if r < 0x10000 && t.gid[r] != 0 {
			add(int(t.gid[r]))
		}
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Ints(old)
	newID := make(map[int]int, len(old))
	for i, g := range old {
		newID[g] = i
	}

	var glyf, loca, hmtx []byte
	for _, g := range old {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		hmtx = binary.BigEndian.AppendUint16(hmtx, t.adv[g])
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(t.lsb[g]))
		d := t.glyph(g)
		start := len(glyf)
		glyf = append(glyf, d...)
		components(d, func(at int) {
			binary.BigEndian.PutUint16(glyf[start+at:], uint16(newID[u16(d, at)]))
		})
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))

	s := &subset{gids: make(map[rune]uint16, len(runes))}
	var cmapRunes []rune
	for _, r := range runes {
		if r < 0x10000 && t.gid[r] != 0 {
			s.gids[r] = uint16(newID[int(t.gid[r])])
			cmapRunes = append(cmapRunes, r)
		}
	}

	head := append([]byte(nil), t.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := append([]byte(nil), t.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(old)))
	maxp := append([]byte(nil), t.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(old)))
	post := append([]byte(nil), t.tables["post"][:32]...)
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names

	s.font = assembleTTF(map[string][]byte{
		"OS/2": t.tables["OS/2"], "cmap": cmap4(cmapRunes, s.gids), "glyf": glyf,
		"head": head, "hhea": hhea, "hmtx": hmtx, "loca": loca, "maxp": maxp,
		"name": t.tables["name"], "post": post,
	})
	return s
}

// cmap4 returns a cmap table with one Windows Unicode subtable of format 4
// mapping runes (sorted) to their glyphs: one segment per stretch of
// consecutive runes, glyphs through the glyph array.
func cmap4(runes []rune, gids map[rune]uint16) []byte {
	type seg struct{ start, end int }
	var segs []seg
	for _, r := range runes {
		if n := len(segs); n > 0 && segs[n-1].end == int(r)-1 {
			segs[n-1].end = int(r)
		} else {
			segs = append(segs, seg{int(r), int(r)})
		}
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF})
	n := len(segs)
	var ends, starts, deltas, ranges, glyphs []byte
	for i, s := range segs {
		ends = binary.BigEndian.AppendUint16(ends, uint16(s.end))
		starts = binary.BigEndian.AppendUint16(starts, uint16(s.start))
		if s.start == 0xFFFF {
			deltas = binary.BigEndian.AppendUint16(deltas, 1)
			ranges = binary.BigEndian.AppendUint16(ranges, 0)
			continue
		}
		deltas = binary.BigEndian.AppendUint16(deltas, 0)
		// From this segment's idRangeOffset entry to its first glyph.
		ranges = binary.BigEndian.AppendUint16(ranges, uint16(2*(n-i)+len(glyphs)))
		for c := s.start; c <= s.end; c++ {
			glyphs = binary.BigEndian.AppendUint16(glyphs, gids[rune(c)])
		}
	}
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	sr := 2 << es
	sub := binary.BigEndian.AppendUint16(nil, 4)
	sub = binary.BigEndian.AppendUint16(sub, uint16(16+8*n+len(glyphs)))
	sub = binary.BigEndian.AppendUint16(sub, 0) // language
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*n))
	sub = binary.BigEndian.AppendUint16(sub, uint16(sr))
	sub = binary.BigEndian.AppendUint16(sub, uint16(es))
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*n-sr))
	sub = append(sub, ends...)
	sub = append(sub, 0, 0)
	sub = append(append(append(append(sub, starts...), deltas...), ranges...), glyphs...)
	out := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(out, sub...)
}

// assembleTTF writes a TrueType file of the tables, in tag order, each
// 4-byte aligned, with checksums and head's checkSumAdjustment.
func assembleTTF(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	n := len(tags)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	out := binary.BigEndian.AppendUint32(nil, 0x00010000)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint16(out, uint16(16<<es))
	out = binary.BigEndian.AppendUint16(out, uint16(es))
	out = binary.BigEndian.AppendUint16(out, uint16(16*n-16<<es))
	off := 12 + 16*n
	headAt := 0
	for _, tag := range tags {
		d := tables[tag]
		out = append(out, tag...)
		out = binary.BigEndian.AppendUint32(out, checksum(d))
		out = binary.BigEndian.AppendUint32(out, uint32(off))
		out = binary.BigEndian.AppendUint32(out, uint32(len(d)))
		if tag == "head" {
			headAt = off
		}
		off += (len(d) + 3) &^ 3
	}
	for _, tag := range tags {
		out = append(out, tables[tag]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

// checksum is the TrueType table checksum: the sum of big-endian uint32s,
// the last one padded with zeros.
func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
