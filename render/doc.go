// Package render turns an assembled document (agreement.Agreement) into the
// files people receive: the agreement PDF with cover, table of contents,
// terms, annexes and signature page; the offer PDF; and the same agreement
// as HTML or Markdown for web publishing and golden tests.
//
// PDFs are laid out by package layout, termsmith's layout engine over
// maroto, which breaks styled text into lines and pages itself and writes
// PDF/A-1b; change notices use it too.
//
// Output is deterministic: the same inputs give byte-identical files. Dates
// come from the data (a version's effective date, an offer's date), never
// from the clock.
package render
