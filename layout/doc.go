// Package layout is termsmith's page layout engine: it lays out a flow of
// styled paragraphs, headings, tables and fixed boxes on A4 pages and
// writes them as a PDF/A-1b file through maroto, with embedded fonts, a
// running header and footer, page numbers, an outline and links.
//
// It knows nothing of clauses, templates or agreements: render uses it for
// agreements and offers, diff/notice for change notices and redlines.
//
//   - flow.go: the Flow, paragraphs, line breaking, words and styles;
//   - table.go: tables and fixed boxes drawn on a Canvas;
//   - pdf.go: pagination and drawing through maroto;
//   - fonts.go: the embedded text faces (fonts/) and their metrics;
//   - finish.go: the finishing step that compresses the PDF and makes it
//     PDF/A-1b (XMP, output intent with the sRGB profile in icc/, /ID,
//     /Lang, outline, link annotations).
//
// Output is deterministic: the same flow gives the same bytes.
package layout
