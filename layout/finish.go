package layout

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/klauspost/compress/zlib"
)

// The finishing step turns the PDF that gofpdf wrote (through maroto) into
// the file termsmith ships, a PDF/A-1b document:
//
//   - the page content streams, written uncompressed, are compressed with
//     a reused zlib writer (gofpdf allocates a new one, about a megabyte of
//     state, per page), the pages' contents without the font selections
//     that change nothing (compactContent). The writer is klauspost's: in
//     a fresh process the standard library's spent more time in page
//     faults on its new tables than compressing. One writer on one core is
//     as fast as one per core: a second writer's fresh memory (each page a
//     copy-on-write of the zero page, with a TLB shoot-down sent to the
//     other core) costs what the second core gains;
//   - the header says PDF 1.4 and is followed by a binary comment;
//   - the document information dictionary is written again from Options,
//     with an XMP metadata stream that says the same (and pdfaid part 1,
//     conformance B);
//   - the catalog gets the sRGB output intent, the language, the outline
//     (bookmarks) and no EmbeddedFiles (gofpdf writes an empty one);
//   - pages get their link annotations (contents entries, URLs);
//   - the trailer gets an /ID derived from the file's content.
//
// It understands only gofpdf's own layout — a classic cross-reference
// table, objects "n 0 obj" in order, stream dictionaries "<</Length n>>" —
// and fails on anything else: a file that is not what termsmith promises
// is an error, not a silent fallback. It is deterministic: the same input
// and metadata give the same bytes.

// sRGB is the output intent's ICC profile: sRGB IEC 61966-2.1, ICC
// version 2.3 (PDF/A-1 takes ICC version 2 profiles), from Debian's
// icc-profiles-free under the zlib licence (icc/LICENSE.txt).
//
//go:embed icc/sRGB.icc
var sRGB []byte

// iccStream is the profile compressed, made once.
var iccStream = sync.OnceValue(func() []byte { return deflate(sRGB) })

// docMeta is what the finishing step adds to a PDF.
type docMeta struct {
	title, author, subject, keywords, creator string
	lang                                      string
	date                                      time.Time
	outline                                   []outlineItem
	annots                                    [][]annot // per page, in page order
	// fonts are the real font objects of each face, by the name of the
	// core font gofpdf draws it with ("Times-Bold"): see faceFonts.
	fonts map[string]*fontObjs
}

// outlineItem is one bookmark.
type outlineItem struct {
	level int
	title string
	page  int     // from 1
	top   float64 // PDF points from the bottom of the page
}

// annot is a link annotation: a rectangle in PDF points and either a URI
// or a place in the document.
type annot struct {
	x1, y1, x2, y2 float64
	uri            string
	page           int // target page, from 1, when uri is empty
	top            float64
}

// compressors are zlib writers at the fastest level, reused: a new one is
// about a megabyte of state.
var compressors = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// deflate returns data compressed as a zlib stream.
func deflate(data []byte) []byte {
	zw := compressors.Get().(*zlib.Writer)
	defer compressors.Put(zw)
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	zw.Reset(&b)
	zw.Write(data) // a bytes.Buffer does not fail
	zw.Close()
	return b.Bytes()
}

// The patterns finish reads gofpdf's objects with, compiled on first use:
// nothing is compiled when the process starts (termsmith --help).
var (
	reRoot     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Root (\d+) 0 R`) })
	reInfo     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Info (\d+) 0 R`) })
	rePages    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Pages (\d+) 0 R`) })
	reKids     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Kids \[([0-9 R]*)\]`) })
	reContents = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Contents (\d+) 0 R`) })
	reRef      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\d+) 0 R`) })
)

// finish rewrites pdf as described above. It compacts the page streams in
// pdf in place: the caller must not use pdf afterwards.
func finish(pdf []byte, meta *docMeta) ([]byte, error) {
	f, err := readGofpdf(pdf)
	if err != nil {
		return nil, err
	}
	if len(f.pages) < len(meta.annots) {
		return nil, fmt.Errorf("%d pages, %d with annotations", len(f.pages), len(meta.annots))
	}
	add, err := f.additions(meta)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(len(pdf)/3 + len(sRGB))
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, add.next) // where each object starts in out
	if err := f.rewrite(&out, offsets, meta, add); err != nil {
		return nil, err
	}
	add.write(&out, offsets, meta, f.pages)
	f.writeXref(&out, offsets, add.next)
	return out.Bytes(), nil
}

// gofpdfFile is a PDF as gofpdf writes it, read as far as finish needs:
// its cross-reference table, its objects in file order, the catalog, the
// document information and the pages.
type gofpdfFile struct {
	pdf     []byte
	xrefAt  int         // where the cross-reference table starts
	entries []byte      // the table's entries, 20 bytes each
	size    int         // the number of entries, the free object 0 included
	objs    []pdfObject // the objects in use, in file order
	at      []int       // the offset of each object by number; 0 if free
	root    int         // the catalog
	info    int         // the document information dictionary
	tree    int         // the page tree
	pages   []int       // the page objects, in page order
}

// pdfObject is an object in use: its number and where it starts.
type pdfObject struct{ num, at int }

// readGofpdf reads the trailer, the cross-reference table and the page
// tree of pdf; anything but gofpdf's own layout is an error.
func readGofpdf(pdf []byte) (*gofpdfFile, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.")) {
		return nil, fmt.Errorf("no PDF header")
	}
	// The trailer: "startxref\n<offset>\n%%EOF".
	sx := bytes.LastIndex(pdf, []byte("startxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("no startxref")
	}
	xrefAt, err := strconv.Atoi(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(pdf[sx+len("startxref\n"):]), []byte("%%EOF")))))
	if err != nil || xrefAt <= 0 || xrefAt >= sx {
		return nil, fmt.Errorf("bad startxref")
	}
	// The table: "xref\n0 <n>\n" and n entries of 20 bytes.
	rest := pdf[xrefAt:]
	if !bytes.HasPrefix(rest, []byte("xref\n0 ")) {
		return nil, fmt.Errorf("no classic xref table")
	}
	nl := bytes.IndexByte(rest[7:], '\n')
	if nl < 0 {
		return nil, fmt.Errorf("bad xref header")
	}
	n, err := strconv.Atoi(string(rest[7 : 7+nl]))
	if err != nil || n < 1 {
		return nil, fmt.Errorf("bad xref size")
	}
	f := &gofpdfFile{pdf: pdf, xrefAt: xrefAt, entries: rest[7+nl+1:], size: n, at: make([]int, n)}
	if len(f.entries) < n*20 {
		return nil, fmt.Errorf("short xref table")
	}
	trailer := pdf[xrefAt+7+nl+1+n*20 : sx]
	f.root, f.info = refIn(reRoot(), trailer), refIn(reInfo(), trailer)
	if f.root <= 0 || f.root >= n || f.info <= 0 || f.info >= n {
		return nil, fmt.Errorf("trailer without /Root or /Info")
	}
	f.objs = make([]pdfObject, 0, n)
	for i := 1; i < n; i++ {
		e := f.entries[i*20 : i*20+20]
		if e[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off <= 0 || off >= xrefAt {
			return nil, fmt.Errorf("bad xref entry %d", i)
		}
		f.objs = append(f.objs, pdfObject{i, off})
		f.at[i] = off
	}
	sort.Slice(f.objs, func(i, j int) bool { return f.objs[i].at < f.objs[j].at })
	if len(f.objs) == 0 {
		return nil, fmt.Errorf("no objects")
	}
	f.tree = refIn(rePages(), f.body(f.root))
	if f.tree <= 0 || f.tree >= n || f.at[f.tree] == 0 {
		return nil, fmt.Errorf("catalog without /Pages")
	}
	kids := reKids().FindSubmatch(f.body(f.tree))
	if kids == nil {
		return nil, fmt.Errorf("page tree without /Kids")
	}
	for _, m := range reRef().FindAllSubmatch(kids[1], -1) {
		k, err := strconv.Atoi(string(m[1]))
		if err != nil || k <= 0 || k >= n || f.at[k] == 0 {
			return nil, fmt.Errorf("page tree: bad page reference %q", m[0])
		}
		f.pages = append(f.pages, k)
	}
	if len(f.pages) == 0 {
		return nil, fmt.Errorf("no pages")
	}
	return f, nil
}

// object returns the text of the k-th object in file order, up to the
// next object (or the cross-reference table).
func (f *gofpdfFile) object(k int) []byte {
	end := f.xrefAt
	if k+1 < len(f.objs) {
		end = f.objs[k+1].at
	}
	return f.pdf[f.objs[k].at:end]
}

// body returns the text of object num, up to the next object.
func (f *gofpdfFile) body(num int) []byte {
	return f.object(sort.Search(len(f.objs), func(k int) bool { return f.objs[k].at > f.at[num] }) - 1)
}

// additions are the numbers of the objects finish adds after gofpdf's,
// numbered from the size of gofpdf's table on, in the order they are
// given out.
type additions struct {
	next                  int // the number the next new object gets
	metadata, intent, icc int // the XMP metadata, the output intent and its profile
	annots                []annotObj
	pageAnnots            map[int][]int // page object -> its annotation objects
	outlines              int           // the outline's root; 0 without an outline
	outlineItems          []int
	fonts                 map[int]fontNums // by the number of gofpdf's stand-in font
}

// annotObj is a link annotation and its object number.
type annotObj struct {
	num int
	a   annot
}

func (a *additions) newObj() int { a.next++; return a.next - 1 }

// additions numbers the objects finish adds for meta: metadata, output
// intent, link annotations, the outline and, for each of gofpdf's fonts —
// the Times placeholders of faceFonts — the six objects of the face it
// stands for, a type 0 font that takes the placeholder's number.
func (f *gofpdfFile) additions(meta *docMeta) (*additions, error) {
	a := &additions{next: f.size, pageAnnots: map[int][]int{}, fonts: map[int]fontNums{}}
	a.metadata, a.intent, a.icc = a.newObj(), a.newObj(), a.newObj()
	for p, as := range meta.annots {
		for _, an := range as {
			if an.uri == "" && (an.page < 1 || an.page > len(f.pages)) {
				continue
			}
			num := a.newObj()
			a.pageAnnots[f.pages[p]] = append(a.pageAnnots[f.pages[p]], num)
			a.annots = append(a.annots, annotObj{num, an})
		}
	}
	if len(meta.outline) > 0 {
		a.outlines = a.newObj()
		a.outlineItems = make([]int, 0, len(meta.outline))
		for range meta.outline {
			a.outlineItems = append(a.outlineItems, a.newObj())
		}
	}
	for k, o := range f.objs {
		b := f.object(k)
		head := strconv.Itoa(o.num) + " 0 obj\n<</Type /Font\n/BaseFont /"
		if !bytes.HasPrefix(b, []byte(head)) {
			continue
		}
		name, _, _ := bytes.Cut(b[len(head):], []byte("\n"))
		fo := meta.fonts[string(name)]
		if fo == nil {
			return nil, fmt.Errorf("font %s: not a face termsmith draws with", name)
		}
		a.fonts[o.num] = fontNums{objs: fo, font: o.num, cidFont: a.newObj(), toUnicode: a.newObj(), descriptor: a.newObj(),
			cidToGID: a.newObj(), file: a.newObj(), cidSet: a.newObj()}
	}
	if len(a.fonts) != len(meta.fonts) {
		return nil, fmt.Errorf("%d fonts in the file, %d faces used", len(a.fonts), len(meta.fonts))
	}
	return a, nil
}

// rewrite writes gofpdf's objects to out in their order, each changed as
// finish says: fonts replaced, the catalog and information written anew,
// annotations added to their pages, plain streams compressed (the pages'
// contents compacted first).
func (f *gofpdfFile) rewrite(out *bytes.Buffer, offsets []int, meta *docMeta, add *additions) error {
	contents := make(map[int]bool, len(f.pages)) // the pages' content streams
	for _, p := range f.pages {
		if m := reContents().FindSubmatch(f.body(p)); m != nil {
			k, _ := strconv.Atoi(string(m[1]))
			contents[k] = true
		}
	}
	for k, o := range f.objs {
		obj := f.object(k)
		start := strconv.Itoa(o.num) + " 0 obj\n"
		if !bytes.HasPrefix(obj, []byte(start)) {
			return fmt.Errorf("object %d is not where the xref says", o.num)
		}
		if r, ok := add.fonts[o.num]; ok {
			writeFontObjects(out, offsets, r)
			continue
		}
		offsets[o.num] = out.Len()
		switch {
		case o.num == f.root:
			out.WriteString(start)
			writeCatalog(out, meta, f.tree, add.metadata, add.intent, add.outlines)
			out.WriteString("endobj\n")
		case o.num == f.info:
			out.WriteString(start)
			writeInfo(out, meta)
			out.WriteString("endobj\n")
		case add.pageAnnots[o.num] != nil:
			d := bytes.LastIndex(obj, []byte(">>\nendobj"))
			if d < 0 {
				return fmt.Errorf("page object %d: no end of dictionary", o.num)
			}
			out.Write(obj[:d])
			out.WriteString("\n/Annots [")
			for i, a := range add.pageAnnots[o.num] {
				if i > 0 {
					out.WriteByte(' ')
				}
				fmt.Fprintf(out, "%d 0 R", a)
			}
			out.WriteString("]")
			out.Write(obj[d:])
		default:
			data, end, err := plainStream(obj, o.num)
			if err != nil {
				return err
			}
			if data == nil {
				out.Write(obj)
				break
			}
			if contents[o.num] {
				data = compactContent(data)
			}
			z := deflate(data)
			fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, len(z))
			out.Write(z)
			out.Write(obj[end:])
		}
	}
	return nil
}

// write writes the added objects that are not fonts: the XMP metadata,
// the output intent and its profile, the link annotations and the outline.
func (a *additions) write(out *bytes.Buffer, offsets []int, meta *docMeta, pages []int) {
	// The XMP metadata, not compressed (PDF/A asks that it be readable
	// without decoding).
	xmp := xmpPacket(meta)
	offsets[a.metadata] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Type /Metadata /Subtype /XML /Length %d>>\nstream\n", a.metadata, len(xmp))
	out.Write(xmp)
	out.WriteString("\nendstream\nendobj\n")
	offsets[a.intent] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /DestOutputProfile %d 0 R>>\nendobj\n", a.intent, a.icc)
	icc := iccStream()
	offsets[a.icc] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</N 3 /Filter /FlateDecode /Length %d>>\nstream\n", a.icc, len(icc))
	out.Write(icc)
	out.WriteString("\nendstream\nendobj\n")

	for _, ao := range a.annots {
		an := ao.a
		offsets[ao.num] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n<</Type /Annot /Subtype /Link /F 4 /Border [0 0 0] /Rect [%s %s %s %s] ", ao.num, num(an.x1), num(an.y1), num(an.x2), num(an.y2))
		if an.uri != "" {
			out.WriteString("/A <</S /URI /URI ")
			writeASCIIString(out, an.uri)
			out.WriteString(">>")
		} else {
			fmt.Fprintf(out, "/Dest [%d 0 R /XYZ null %s null]", pages[an.page-1], num(an.top))
		}
		out.WriteString(">>\nendobj\n")
	}
	if a.outlines > 0 {
		writeOutline(out, offsets, meta.outline, a.outlines, a.outlineItems, pages)
	}
}

// writeXref ends out with the cross-reference table of its size objects,
// gofpdf's free entries kept, and the trailer with an /ID that is a
// digest of everything written before it: the same document always has
// the same /ID, and another document another.
func (f *gofpdfFile) writeXref(out *bytes.Buffer, offsets []int, size int) {
	sum := sha256.Sum256(out.Bytes())
	id := fmt.Sprintf("%x", sum[:16])
	xref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n", size)
	out.Write(f.entries[:20]) // the free entry 0
	for i := 1; i < size; i++ {
		if i < f.size && f.entries[i*20+17] != 'n' {
			out.Write(f.entries[i*20 : i*20+20])
			continue
		}
		fmt.Fprintf(out, "%010d 00000 n \n", offsets[i])
	}
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\n", size, f.root, f.info, id, id)
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", xref)
}

// plainStream returns the data of object num if it is a stream that
// gofpdf wrote uncompressed ("<</Length n>>"), and where the data ends in
// obj; nil for any other object.
func plainStream(obj []byte, num int) (data []byte, end int, err error) {
	head := []byte(strconv.Itoa(num) + " 0 obj\n<</Length ")
	if !bytes.HasPrefix(obj, head) {
		return nil, 0, nil
	}
	lenEnd := bytes.Index(obj[len(head):], []byte(">>\nstream\n"))
	if lenEnd < 0 {
		return nil, 0, nil
	}
	length, err := strconv.Atoi(string(obj[len(head) : len(head)+lenEnd]))
	if err != nil {
		// A dictionary with more keys (a filter already): kept as it is.
		return nil, 0, nil
	}
	s := len(head) + lenEnd + len(">>\nstream\n")
	if s+length > len(obj) || !bytes.HasPrefix(obj[s+length:], []byte("\nendstream")) {
		return nil, 0, fmt.Errorf("object %d: stream length mismatch", num)
	}
	return obj[s : s+length], s + length, nil
}

// refIn returns the object number of the first reference re finds in b, or 0.
func refIn(re *regexp.Regexp, b []byte) int {
	m := re.FindSubmatch(b)
	if m == nil {
		return 0
	}
	k, _ := strconv.Atoi(string(m[1]))
	return k
}

// num writes a coordinate with two decimals, without trailing zeros.
func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// writeCatalog writes the document catalog.
func writeCatalog(out *bytes.Buffer, meta *docMeta, pages, metadata, intent, outlines int) {
	fmt.Fprintf(out, "<<\n/Type /Catalog\n/Pages %d 0 R\n/Metadata %d 0 R\n/OutputIntents [%d 0 R]\n", pages, metadata, intent)
	if meta.lang != "" {
		out.WriteString("/Lang ")
		writeASCIIString(out, meta.lang)
		out.WriteByte('\n')
	}
	if outlines > 0 {
		fmt.Fprintf(out, "/Outlines %d 0 R\n/PageMode /UseOutlines\n", outlines)
	}
	out.WriteString("/ViewerPreferences <</DisplayDocTitle true>>\n>>\n")
}

// pdfDate is a date as the information dictionary writes it.
func pdfDate(t time.Time) string { return t.UTC().Format("D:20060102150405Z") }

// xmpDate is a date as XMP writes it.
func xmpDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// producer names the software that wrote the PDF, in Info and in XMP.
const producer = "termsmith (maroto v2, gofpdf)"

// writeInfo writes the document information dictionary.
func writeInfo(out *bytes.Buffer, meta *docMeta) {
	out.WriteString("<<\n")
	for _, kv := range [...][2]string{
		{"Title", meta.title}, {"Author", meta.author}, {"Subject", meta.subject},
		{"Keywords", meta.keywords}, {"Creator", meta.creator}, {"Producer", producer},
	} {
		if kv[1] == "" {
			continue
		}
		out.WriteString("/" + kv[0] + " ")
		writeTextString(out, kv[1])
		out.WriteByte('\n')
	}
	d := pdfDate(meta.date)
	fmt.Fprintf(out, "/CreationDate (%s)\n/ModDate (%s)\n>>\n", d, d)
}

// writeTextString writes s as a PDF text string: UTF-16BE with a byte
// order mark, in hex.
func writeTextString(out *bytes.Buffer, s string) {
	out.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(out, "%04X", u)
	}
	out.WriteByte('>')
}

// writeASCIIString writes s as a literal string, escaping what must be;
// bytes outside printable ASCII are written as octal escapes.
func writeASCIIString(out *bytes.Buffer, s string) {
	out.WriteByte('(')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '(' || c == ')' || c == '\\':
			out.WriteByte('\\')
			out.WriteByte(c)
		case c < 0x20 || c > 0x7e:
			fmt.Fprintf(out, "\\%03o", c)
		default:
			out.WriteByte(c)
		}
	}
	out.WriteByte(')')
}

// xmlEscape escapes text for XML character data.
var xmlEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace

// xmpPacket returns the XMP metadata: the same title, author, subject,
// keywords, tools and dates as the information dictionary, the language,
// and the PDF/A identification.
func xmpPacket(meta *docMeta) []byte {
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	if meta.title != "" {
		b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + xmlEscape(meta.title) + "</rdf:li></rdf:Alt></dc:title>\n")
	}
	if meta.author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + xmlEscape(meta.author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if meta.subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + xmlEscape(meta.subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if meta.lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + xmlEscape(meta.lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	b.WriteString("</rdf:Description>\n")
	d := xmpDate(meta.date)
	b.WriteString(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` + "\n")
	if meta.creator != "" {
		b.WriteString("<xmp:CreatorTool>" + xmlEscape(meta.creator) + "</xmp:CreatorTool>\n")
	}
	b.WriteString("<xmp:CreateDate>" + d + "</xmp:CreateDate>\n<xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n<xmp:MetadataDate>" + d + "</xmp:MetadataDate>\n")
	b.WriteString("</rdf:Description>\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n")
	b.WriteString("<pdf:Producer>" + xmlEscape(producer) + "</pdf:Producer>\n")
	if meta.keywords != "" {
		b.WriteString("<pdf:Keywords>" + xmlEscape(meta.keywords) + "</pdf:Keywords>\n")
	}
	b.WriteString("</rdf:Description>\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">` + "\n")
	b.WriteString("<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	// Room for an editor to change the packet in place, as XMP suggests.
	for range 8 {
		b.WriteString(strings.Repeat(" ", 99) + "\n")
	}
	b.WriteString(`<?xpacket end="w"?>`)
	return b.Bytes()
}

// writeOutline writes the outline: items nest by level, in document
// order; the first level is open.
func writeOutline(out *bytes.Buffer, offsets []int, items []outlineItem, root int, nums []int, pages []int) {
	parent := make([]int, len(items)) // index of the parent item, -1 for the root
	var stack []int
	for i, it := range items {
		for len(stack) > 0 && items[stack[len(stack)-1]].level >= it.level {
			stack = stack[:len(stack)-1]
		}
		parent[i] = -1
		if len(stack) > 0 {
			parent[i] = stack[len(stack)-1]
		}
		stack = append(stack, i)
	}
	children := make(map[int][]int) // parent index (-1: root) -> item indexes
	for i, p := range parent {
		children[p] = append(children[p], i)
	}
	// Visible items: the top level and the children of open (top-level)
	// items.
	visible := len(children[-1])
	for _, c := range children[-1] {
		visible += len(children[c])
	}
	top := children[-1]
	offsets[root] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>\nendobj\n", root, nums[top[0]], nums[top[len(top)-1]], visible)
	for i, it := range items {
		offsets[nums[i]] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n<</Title ", nums[i])
		writeTextString(out, it.title)
		p := root
		if parent[i] >= 0 {
			p = nums[parent[i]]
		}
		fmt.Fprintf(out, " /Parent %d 0 R", p)
		sib := children[parent[i]]
		k := sortSearchInts(sib, i)
		if k > 0 {
			fmt.Fprintf(out, " /Prev %d 0 R", nums[sib[k-1]])
		}
		if k+1 < len(sib) {
			fmt.Fprintf(out, " /Next %d 0 R", nums[sib[k+1]])
		}
		if kids := children[i]; len(kids) > 0 {
			count := len(kids)
			if parent[i] >= 0 {
				count = -count // deeper levels start closed
			}
			fmt.Fprintf(out, " /First %d 0 R /Last %d 0 R /Count %d", nums[kids[0]], nums[kids[len(kids)-1]], count)
		}
		page := min(max(it.page, 1), len(pages))
		fmt.Fprintf(out, " /Dest [%d 0 R /XYZ null %s null]>>\nendobj\n", pages[page-1], num(it.top))
	}
}

// sortSearchInts returns the index of x in the sorted slice a.
func sortSearchInts(a []int, x int) int { return sort.SearchInts(a, x) }
