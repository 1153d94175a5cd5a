package render

import (
	"fmt"
	"hash/fnv"
	"path/filepath"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/internal/names"
)

// Format is an output format of an agreement.
type Format string

// The formats.
const (
	PDF      Format = "pdf"
	HTML     Format = "html"
	Markdown Format = "md"
)

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case PDF, HTML, Markdown:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: use pdf, html or md", s)
}

// Agreement renders an assembled agreement in format f.
func Agreement(doc *agreement.Agreement, f Format) ([]byte, error) {
	switch f {
	case HTML:
		return AgreementHTML(doc)
	case Markdown:
		return AgreementMarkdown(doc)
	}
	return AgreementPDF(doc)
}

// WorkingVersion is the version directory of documents rendered from the
// working tree rather than a published version.
const WorkingVersion = "working"

// safeName is what a path element from data may look like: customer ids,
// version ids and offer numbers. No separators, no "..", no leading dot.
func safeName(s string) bool { return names.Plain(s, 100) }

// join joins path elements under dir, refusing any element that could
// leave dir or hide a file.
func join(dir string, elems ...string) (string, error) {
	parts := []string{dir}
	for _, e := range elems {
		if !safeName(e) || e == "." || e == ".." || filepath.Clean(e) != e {
			return "", fmt.Errorf("%q cannot be used in a file name", e)
		}
		parts = append(parts, e)
	}
	return filepath.Join(parts...), nil
}

// AgreementPath is where a customer's agreement goes:
// DIR/<customer>/<version>/agreement.<format>, with version "working" for
// the working tree.
func AgreementPath(dir, customer, version string, f Format) (string, error) {
	if version == "" {
		version = WorkingVersion
	}
	return join(dir, customer, version, "agreement."+string(f))
}

// OfferPath is where a customer's offer goes: DIR/<customer>/offer-<number>.pdf
// with the terms enclosed, offer-<number>-without-terms.pdf without them:
// two different documents never share a name.
func OfferPath(dir, customer, number string, withTerms bool) (string, error) {
	if !safeName(number) {
		return "", fmt.Errorf("%q cannot be used in a file name", number)
	}
	name := "offer-" + number + ".pdf"
	if !withTerms {
		name = "offer-" + number + "-without-terms.pdf"
	}
	return join(dir, customer, name)
}

// InShard reports whether a customer belongs to shard i of n, counting
// from 1 (1 ≤ i ≤ n), as in --shard 2/4. The shard depends only on the id
// (FNV-1a), so adding or removing a customer never moves another one to a
// different shard.
func InShard(id string, i, n int) bool {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32()%uint32(n)) == i-1
}
