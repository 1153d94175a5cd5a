package clauses

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// MaxYAMLValues bounds the values (mappings, lists, scalars) one YAML
// document may hold, counting every value an alias repeats as often as it
// is repeated; the text of those values is bounded by MaxFileSize in the
// same way. An alias is a pointer in the parsed tree but a copy once
// decoded and rendered, so a small file of aliases to a large value could
// otherwise decode or render to gigabytes: with the bounds, aliases never
// make a document larger than a file without them could be.
const MaxYAMLValues = 100_000

// DecodeYAML decodes a YAML store file strictly: unknown keys are errors,
// the file holds exactly one document (an empty file is an empty one), and
// the document, with every alias expanded, holds at most MaxYAMLValues
// values. Every YAML text termsmith reads goes through here or through
// the front matter of Parse.
func DecodeYAML(file string, src []byte, v any) error {
	return decodeYAML(file, 1, src, v)
}

// decodeYAML decodes src, which starts at line firstLine of file.
func decodeYAML(file string, firstLine int, src []byte, v any) error {
	if len(src) > MaxFileSize {
		return errorf(file, 0, "file is %d bytes; the limit is %d", len(src), MaxFileSize)
	}
	if len(src) < MaxYAMLValues && bytes.IndexByte(src, '*') < 0 {
		// Without an alias, and with fewer bytes than values allowed, the
		// document cannot exceed the bounds: one pass (front matter).
		dec := yaml.NewDecoder(bytes.NewReader(src))
		dec.KnownFields(true)
		if err := dec.Decode(v); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return YAMLError(file, firstLine, err)
		}
		return oneDocument(file, firstLine, dec)
	}
	// First the tree, in which an alias is a pointer: its size is bounded
	// by the text's. Decoding into v is what expands the aliases.
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return YAMLError(file, firstLine, err)
	}
	if err := oneDocument(file, firstLine, dec); err != nil {
		return err
	}
	if err := checkYAMLSize(file, firstLine, &doc); err != nil {
		return err
	}
	dec = yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return YAMLError(file, firstLine, err)
	}
	return nil
}

// oneDocument returns an error if dec, past the first document, holds
// another one.
func oneDocument(file string, firstLine int, dec *yaml.Decoder) error {
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return errorf(file, firstLine+next.Line-1, "a second YAML document starts here; a file holds one document")
	case !errors.Is(err, io.EOF):
		return YAMLError(file, firstLine, err)
	}
	return nil
}

// yamlSize is the size of a YAML value with its aliases expanded: the
// values it holds (itself included) and the bytes of their text.
type yamlSize struct{ values, bytes int }

func (s yamlSize) add(t yamlSize) yamlSize {
	return yamlSize{min(s.values+t.values, MaxYAMLValues+1), min(s.bytes+t.bytes, MaxFileSize+1)}
}

func (s yamlSize) fits() bool { return s.values <= MaxYAMLValues && s.bytes <= MaxFileSize }

// checkYAMLSize refuses a document that, with its aliases expanded, holds
// more than MaxYAMLValues values or more than MaxFileSize bytes of text —
// more than a file without aliases could — naming the line where a limit
// is crossed: the alias that crosses it, or the value.
func checkYAMLSize(file string, firstLine int, doc *yaml.Node) error {
	c := yamlCounter{sizes: map[*yaml.Node]yamlSize{}, open: map[*yaml.Node]bool{}}
	total, err := c.size(doc)
	if err != nil {
		return errorf(file, firstLine+err.line-1, "%s", err.msg)
	}
	if total.fits() {
		return nil
	}
	limit := fmt.Sprintf("%d values", MaxYAMLValues)
	if total.values <= MaxYAMLValues {
		limit = fmt.Sprintf("%d bytes of text", MaxFileSize)
	}
	// Walk in document order to the value or alias that crosses the limit.
	n, count := doc, c.own(doc)
	for {
		var next *yaml.Node
		for _, ch := range n.Content {
			target := ch
			if ch.Kind == yaml.AliasNode {
				target = ch.Alias
			}
			if t := count.add(c.sizes[target]); t.fits() {
				count = t
				continue
			}
			if ch.Kind == yaml.AliasNode {
				return errorf(file, firstLine+ch.Line-1, "alias *%s expands the document beyond the limit of %s", ch.Value, limit)
			}
			next = ch
			break
		}
		if next == nil || len(next.Content) == 0 {
			if next != nil {
				n = next
			}
			return errorf(file, firstLine+n.Line-1, "the document holds more than %s (the limit, counting what aliases repeat)", limit)
		}
		n = next
		count = count.add(c.own(n))
	}
}

// yamlCounter computes the size of YAML values with their aliases
// expanded, once per value; sizes saturate just above the limits.
type yamlCounter struct {
	sizes map[*yaml.Node]yamlSize
	open  map[*yaml.Node]bool // values being counted: an alias to one is a cycle
}

type yamlSizeError struct {
	line int
	msg  string
}

// own is the size of n without its content.
func (c *yamlCounter) own(n *yaml.Node) yamlSize {
	if n.Kind == yaml.DocumentNode {
		return yamlSize{} // the document is not a value; its content is
	}
	return yamlSize{1, len(n.Value)}
}

func (c *yamlCounter) size(n *yaml.Node) (yamlSize, *yamlSizeError) {
	if s, ok := c.sizes[n]; ok {
		return s, nil
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return yamlSize{}, &yamlSizeError{n.Line, "alias *" + n.Value + " names no anchor"}
		}
		if c.open[n.Alias] {
			return yamlSize{}, &yamlSizeError{n.Line, "alias *" + n.Value + " refers to a value that contains it"}
		}
		return c.size(n.Alias)
	}
	c.open[n] = true
	total := c.own(n)
	for _, ch := range n.Content {
		s, err := c.size(ch)
		if err != nil {
			return yamlSize{}, err
		}
		total = total.add(s)
	}
	delete(c.open, n)
	c.sizes[n] = total
	return total, nil
}
