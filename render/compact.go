package render

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"sort"
	"strconv"
	"sync"
)

// compactPDF compresses the uncompressed content streams of a PDF that
// gofpdf wrote, and rewrites its cross-reference table.
//
// gofpdf can compress streams itself, but it allocates a new zlib writer
// (about a megabyte of state) for every page, which made compression the
// largest single cost of rendering an agreement. Here one writer per
// goroutine is reused. The rewrite only understands gofpdf's own layout —
// a classic xref table, objects "n 0 obj" in order, stream dictionaries
// "<</Length n>>" — and returns the input unchanged if anything differs,
// which is a valid, larger PDF.
func compactPDF(pdf []byte) []byte {
	out, err := compact(pdf)
	if err != nil {
		return pdf
	}
	return out
}

// compressor is a zlib writer and the buffer it writes to, reused.
type compressor struct {
	w   *zlib.Writer
	out bytes.Buffer
}

var compressors = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return &compressor{w: w}
}}

func compact(pdf []byte) ([]byte, error) {
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
	entries := rest[7+nl+1:]
	if len(entries) < n*20 {
		return nil, fmt.Errorf("short xref table")
	}
	type object struct{ num, at int }
	objs := make([]object, 0, n)
	for i := 1; i < n; i++ {
		e := entries[i*20 : i*20+20]
		if e[17] != 'n' {
			continue
		}
		at, err := strconv.Atoi(string(e[:10]))
		if err != nil || at <= 0 || at >= xrefAt {
			return nil, fmt.Errorf("bad xref entry %d", i)
		}
		objs = append(objs, object{i, at})
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].at < objs[j].at })
	if len(objs) == 0 {
		return nil, fmt.Errorf("no objects")
	}

	cz := compressors.Get().(*compressor)
	defer compressors.Put(cz)
	zw, z := cz.w, &cz.out
	var out bytes.Buffer
	out.Grow(len(pdf) / 3)
	out.Write(pdf[:objs[0].at])
	offsets := make([]int, n)
	for k, o := range objs {
		end := xrefAt
		if k+1 < len(objs) {
			end = objs[k+1].at
		}
		obj := pdf[o.at:end]
		offsets[o.num] = out.Len()
		head := []byte(strconv.Itoa(o.num) + " 0 obj\n<</Length ")
		if !bytes.HasPrefix(obj, []byte(strconv.Itoa(o.num)+" 0 obj\n")) {
			return nil, fmt.Errorf("object %d is not where the xref says", o.num)
		}
		if !bytes.HasPrefix(obj, head) {
			out.Write(obj)
			continue
		}
		lenEnd := bytes.Index(obj[len(head):], []byte(">>\nstream\n"))
		if lenEnd < 0 {
			out.Write(obj)
			continue
		}
		length, err := strconv.Atoi(string(obj[len(head) : len(head)+lenEnd]))
		if err != nil {
			// A dictionary with more keys (a filter already): keep it.
			out.Write(obj)
			continue
		}
		start := len(head) + lenEnd + len(">>\nstream\n")
		if start+length > len(obj) || !bytes.HasPrefix(obj[start+length:], []byte("\nendstream")) {
			return nil, fmt.Errorf("object %d: stream length mismatch", o.num)
		}
		z.Reset()
		zw.Reset(z)
		zw.Write(obj[start : start+length])
		if err := zw.Close(); err != nil {
			return nil, err
		}
		fmt.Fprintf(&out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, z.Len())
		out.Write(z.Bytes())
		out.Write(obj[start+length:])
	}
	newXref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n", n)
	out.Write(entries[:20]) // the free entry 0
	for i := 1; i < n; i++ {
		e := entries[i*20 : i*20+20]
		if e[17] != 'n' {
			out.Write(e)
			continue
		}
		fmt.Fprintf(&out, "%010d %s", offsets[i], e[11:])
	}
	out.Write(pdf[xrefAt+7+nl+1+n*20 : sx])
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", newXref)
	return out.Bytes(), nil
}
