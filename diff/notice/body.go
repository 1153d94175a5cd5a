package notice

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/termsmith/termsmith/diff"
)

// Text returns the plain-text body of the e-mail: the letter, with legal's
// summary and the overview of the changes where the store's template puts
// them; the redline is in the attached PDF. A preview starts with a line
// that says it is a draft.
func (n *Notice) Text() string {
	l, w := n.letter(), n.words
	var sb strings.Builder
	if n.Report.Preview {
		sb.WriteString(wrap(w.DraftNote, 72) + "\n\n")
	}
	sb.WriteString(l.salutation + "\n\n")
	overview := func() {
		sb.WriteString(w.Summary + "\n\n")
		n.overviewText(&sb)
		sb.WriteString("\n" + wrap(w.Attachment, 72) + "\n\n")
	}
	placed := false
	for _, p := range l.body {
		switch p.kind {
		case summaryBlock:
			if sum := summaryParas(n.Report.Summary); len(sum) > 0 {
				sb.WriteString(w.InShort + "\n\n")
				for _, q := range sum {
					sb.WriteString(textPara(q) + "\n\n")
				}
			}
		case changesBlock:
			overview()
			placed = true
		default:
			sb.WriteString(textPara(p) + "\n\n")
		}
	}
	if !placed {
		overview()
	}
	sb.WriteString(l.closing + "\n\n")
	sb.WriteString(strings.Join(l.signature, "\n") + "\n")
	if len(l.enclosures) > 0 {
		sb.WriteString("\n" + w.Enclosures + ":\n")
		for _, e := range l.enclosures {
			sb.WriteString(wrapIndent("- "+e, 72, "  ") + "\n")
		}
	}
	return sb.String()
}

// overviewText writes the overview: a table of the changed clauses, then
// the renumbered runs and the typographic changes, each under a heading.
func (n *Notice) overviewText(sb *strings.Builder) {
	w, ov := n.words, n.Report.Overview()
	if len(ov.Rows) > 0 {
		tw := tabwriter.NewWriter(sb, 0, 4, 3, ' ', 0)
		fmt.Fprintf(tw, "%s\t%s\t%s\n", w.Number, w.Title, w.Change)
		for _, r := range ov.Rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Number, r.Title, r.Kind)
		}
		tw.Flush()
	}
	if len(ov.Renumbering) > 0 {
		sb.WriteString("\n" + w.Renumbering + ":\n")
		for _, s := range ov.Renumbering {
			sb.WriteString("- " + s + "\n")
		}
	}
	if len(ov.Typographic) > 0 {
		sb.WriteString("\n" + w.Typographic + ":\n")
		for _, r := range ov.Typographic {
			sb.WriteString("- " + strings.TrimSpace(r.Number+" "+r.Title) + "\n")
		}
		sb.WriteString(wrap(w.TypographicTip, 72) + "\n")
	}
}

func textPara(p para) string {
	s := plain(p.spans)
	switch p.kind {
	case bulletBlock:
		return wrapIndent("- "+s, 72, "  ")
	case quoteBlock:
		// Quoted as e-mail quotes: every line starts with "> ".
		return wrapIndent("> "+s, 72, "> ")
	}
	return wrap(s, 72)
}

// wrap breaks s into lines of at most width characters at spaces, keeping
// the line breaks it has.
func wrap(s string, width int) string { return wrapIndent(s, width, "") }

// wrapIndent is wrap with indent before every line but the first.
func wrapIndent(s string, width int, indent string) string {
	var sb strings.Builder
	for k, line := range strings.Split(s, "\n") {
		if k > 0 {
			sb.WriteString("\n" + indent)
		}
		n := 0
		for i, word := range strings.Fields(line) {
			wl := len([]rune(word))
			if i > 0 {
				if n+1+wl > width-len(indent) {
					sb.WriteString("\n" + indent)
					n = 0
				} else {
					sb.WriteByte(' ')
					n++
				}
			}
			sb.WriteString(word)
			n += wl
		}
	}
	return sb.String()
}

// The HTML body uses inline styles only: many mail programs drop <style>.
var htmlBody = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.45; color: #111;">
{{if .Draft}}<p style="border: 2px solid #111; padding: 6px 10px; font-weight: bold;">{{.Draft}}</p>
{{end}}<p>{{.Salutation}}</p>
{{range .Body}}{{if .Summary}}{{if $.InShort}}<h2 style="font-size: 16px;">{{$.Words.InShort}}</h2>
{{range $.InShort}}{{if .Bullet}}<ul><li>{{.HTML}}</li></ul>{{else if .Quote}}{{template "quote" .}}{{else}}<p>{{.HTML}}</p>{{end}}
{{end}}{{end}}{{else if .Changes}}{{template "overview" $}}{{else if .Bullet}}<ul><li>{{.HTML}}</li></ul>
{{else if .Quote}}{{template "quote" .}}
{{else}}<p>{{.HTML}}</p>
{{end}}{{end}}{{if not .Placed}}{{template "overview" $}}{{end}}<p>{{.Closing}}</p>
<p>{{range $i, $s := .Signature}}{{if $i}}<br>{{end}}{{$s}}{{end}}</p>
{{if .Enclosures}}<p>{{.Words.Enclosures}}:</p>
<ul>{{range .Enclosures}}<li>{{.}}</li>{{end}}</ul>
{{end}}</body>
</html>
{{define "quote"}}<blockquote style="margin: 0 0 1em 1em; padding-left: 0.8em; border-left: 3px solid #777;">{{.HTML}}</blockquote>
{{end}}{{define "overview"}}<h2 style="font-size: 16px;">{{.Words.Summary}}</h2>
{{with .Overview}}{{if .Rows}}<table style="border-collapse: collapse;">
<tr>{{range $.Header}}<th style="border: 1px solid #999; padding: 3px 8px; text-align: left; background: #e8e8e8;">{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr><td style="border: 1px solid #999; padding: 3px 8px; vertical-align: top;">{{.Number}}</td><td style="border: 1px solid #999; padding: 3px 8px; vertical-align: top;">{{.Title}}</td><td style="border: 1px solid #999; padding: 3px 8px; vertical-align: top;">{{.Kind}}</td></tr>
{{end}}</table>
{{end}}{{if .Renumbering}}<p>{{$.Words.Renumbering}}:</p>
<ul>{{range .Renumbering}}<li>{{.}}</li>{{end}}</ul>
{{end}}{{if .Typographic}}<p>{{$.Words.Typographic}}:</p>
<ul>{{range .Typographic}}<li>{{.Number}} {{.Title}}</li>{{end}}</ul>
<p>{{$.Words.TypographicTip}}</p>
{{end}}{{end}}<p>{{.Words.Attachment}}</p>
{{end}}`))
})

type htmlPara struct {
	Summary, Changes, Bullet, Quote bool
	HTML                            template.HTML
}

func toHTML(p para) htmlPara {
	var sb strings.Builder
	for _, s := range p.spans {
		t := strings.ReplaceAll(template.HTMLEscapeString(s.text), "\n", "<br>")
		if s.bold {
			t = "<strong>" + t + "</strong>"
		}
		sb.WriteString(t)
	}
	return htmlPara{Summary: p.kind == summaryBlock, Changes: p.kind == changesBlock, Bullet: p.kind == bulletBlock, Quote: p.kind == quoteBlock, HTML: template.HTML(sb.String())}
}

// HTML returns the HTML body of the e-mail: the letter, legal's summary
// and the overview of the changes.
func (n *Notice) HTML() (string, error) {
	l, w := n.letter(), n.words
	data := struct {
		Lang, Subject, Draft, Salutation, Closing string
		Words                                     *words
		Body, InShort                             []htmlPara
		Placed                                    bool
		Overview                                  *diff.Overview
		Header, Signature, Enclosures             []string
	}{Lang: n.Report.Language, Subject: n.Subject(), Salutation: l.salutation, Closing: l.closing, Words: w,
		Overview: n.Report.Overview(), Header: []string{w.Number, w.Title, w.Change}, Signature: l.signature, Enclosures: l.enclosures}
	if n.Report.Preview {
		data.Draft = w.DraftNote
	}
	for _, p := range l.body {
		data.Body = append(data.Body, toHTML(p))
		data.Placed = data.Placed || p.kind == changesBlock
	}
	for _, p := range summaryParas(n.Report.Summary) {
		data.InShort = append(data.InShort, toHTML(p))
	}
	var buf bytes.Buffer
	if err := htmlBody().Execute(&buf, data); err != nil {
		return "", err
	}
	return buf.String(), nil
}
