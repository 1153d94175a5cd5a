package layout

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// fontObjs is what the finishing step writes for one face of one
// document, besides what gofpdf wrote: a CIDFontType2 font whose CIDs are
// the Unicode code points gofpdf writes into the page content (its
// Identity-H encoding of UTF-16), mapped to the glyphs of a subset of the
// face made for the characters the document uses.
type fontObjs struct {
	baseFont string // subset tag + PostScript name: "ABCDEF+NotoSerif-Bold"
	font     *ttf
	widths   []byte // the /W array
	cidToGID []byte // the CIDToGIDMap stream, compressed
	cidSet   []byte // the CIDSet stream, compressed
	file     []byte // the font program, compressed
	fileLen  int    // its length uncompressed
}

// fontCacheSize is how many rune sets per face are kept: documents of one
// batch (render --all) mostly use the same characters.
const fontCacheSize = 8

var fontCache struct {
	sync.Mutex
	entries [numFaces][]fontCacheEntry // most recently used last
}

type fontCacheEntry struct {
	runes []rune
	objs  *fontObjs
}

// objects returns the font objects of face fc for runes (sorted, without
// duplicates), from the cache when a document used the same runes.
func (m *metrics) objects(fc face, runes []rune) *fontObjs {
	fontCache.Lock()
	es := fontCache.entries[fc]
	for i, e := range es {
		if slices.Equal(e.runes, runes) {
			copy(es[i:], es[i+1:])
			es[len(es)-1] = e
			fontCache.Unlock()
			return e.objs
		}
	}
	fontCache.Unlock()

	objs := m.makeObjects(fc, runes)
	fontCache.Lock()
	es = fontCache.entries[fc]
	if len(es) == fontCacheSize {
		es = es[1:]
	}
	fontCache.entries[fc] = append(es, fontCacheEntry{runes: slices.Clone(runes), objs: objs})
	fontCache.Unlock()
	return objs
}

// makeObjects subsets face fc to runes and writes its objects.
func (m *metrics) makeObjects(fc face, runes []rune) *fontObjs {
	t := m.fonts[fc]
	sub := t.subset(runes)
	o := &fontObjs{font: t, fileLen: len(sub.font)}

	// The subset tag: six capitals from a digest of the runes, so that
	// the same characters give the same name.
	h := sha256.New()
	for _, r := range runes {
		h.Write([]byte{byte(r >> 16), byte(r >> 8), byte(r)})
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	o.baseFont = string(tag) + "+" + t.name

	var cids []rune // runes with a glyph: the CIDs present
	for _, r := range runes {
		if _, ok := sub.gids[r]; ok {
			cids = append(cids, r)
		}
	}
	maxCID := 0
	if len(cids) > 0 {
		maxCID = int(cids[len(cids)-1])
	}
	gidMap := make([]byte, 2*(maxCID+1))
	set := make([]byte, maxCID/8+1)
	set[0] |= 0x80 // CID 0: .notdef
	for _, c := range cids {
		g := sub.gids[c]
		gidMap[2*c], gidMap[2*c+1] = byte(g>>8), byte(g)
		set[c/8] |= 0x80 >> (c % 8)
	}

	// /W: runs of consecutive CIDs, each with its widths.
	var w bytes.Buffer
	w.WriteByte('[')
	for i := 0; i < len(cids); {
		j := i + 1
		for j < len(cids) && cids[j] == cids[j-1]+1 {
			j++
		}
		if i > 0 {
			w.WriteByte(' ')
		}
		w.WriteString(strconv.Itoa(int(cids[i])))
		w.WriteString(" [")
		for k := i; k < j; k++ {
			if k > i {
				w.WriteByte(' ')
			}
			w.WriteString(strconv.Itoa(int(m.width[fc][cids[k]])))
		}
		w.WriteByte(']')
		i = j
	}
	w.WriteByte(']')
	o.widths = w.Bytes()

	o.cidToGID = deflate(gidMap)
	o.cidSet = deflate(set)
	o.file = deflate(sub.font)
	return o
}

// fontNums are the object numbers of one face in a PDF.
type fontNums struct {
	objs                                 *fontObjs
	font, cidFont, toUnicode, descriptor int
	cidToGID, file, cidSet               int
}

// identityToUnicode maps every two-byte code to the same Unicode code
// point: a code is the UTF-16 of the character it shows (cidText).
const identityToUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
	"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
	"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
	"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
	"1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n" +
	"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"

// toUnicodeStream is identityToUnicode compressed, made once.
var toUnicodeStream = sync.OnceValue(func() []byte { return deflate([]byte(identityToUnicode)) })

// writeFontObjects writes the objects of one face of a document: the
// type 0 font (in place of gofpdf's placeholder), its CID font, ToUnicode
// map, descriptor, CIDToGIDMap, font program and CIDSet.
func writeFontObjects(out *bytes.Buffer, offsets []int, n fontNums) {
	o, t := n.objs, n.objs.font
	offsets[n.font] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>\nendobj\n",
		n.font, o.baseFont, n.cidFont, n.toUnicode)
	offsets[n.cidFont] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /DW %d /W ",
		n.cidFont, o.baseFont, n.descriptor, t.missingWidth)
	out.Write(o.widths)
	fmt.Fprintf(out, " /CIDToGIDMap %d 0 R>>\nendobj\n", n.cidToGID)
	offsets[n.descriptor] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /Ascent %d /Descent %d /CapHeight %d /StemV %d /MissingWidth %d /FontFile2 %d 0 R /CIDSet %d 0 R>>\nendobj\n",
		n.descriptor, o.baseFont, t.flags, t.bbox[0], t.bbox[1], t.bbox[2], t.bbox[3], t.italicAngle, t.ascent, t.descent, t.capHeight, t.stemV, t.missingWidth, n.file, n.cidSet)
	writeStream := func(num int, dict string, data []byte) {
		offsets[num] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n<<%s/Filter /FlateDecode /Length %d>>\nstream\n", num, dict, len(data))
		out.Write(data)
		out.WriteString("\nendstream\nendobj\n")
	}
	writeStream(n.toUnicode, "", toUnicodeStream())
	writeStream(n.cidToGID, "", o.cidToGID)
	writeStream(n.file, fmt.Sprintf("/Length1 %d ", o.fileLen), o.file)
	writeStream(n.cidSet, "", o.cidSet)
}
