package diff

import (
	"bytes"
	"html/template"
	"sync"
)

// Colours of the redline in HTML: deletions struck through in red,
// insertions underlined in blue, as in the notice PDF.
const (
	DeleteColor = "#be1414"
	InsertColor = "#143caa"
)

// htmlTemplates are parsed on first use, not when the process starts.
var htmlTemplates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"kind": func(w *Words, k Kind) string { return w.Kinds[k] },
		// gap: a deletion directly followed by an insertion gets a space
		// between them, so that "14" → "30" never reads "1430".
		"gap": func(segs []Segment, i int) bool {
			return i > 0 && segs[i].Op == Insert && segs[i-1].Op == Delete
		},
	}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Heading}}</title>
<style>
body { font-family: sans-serif; max-width: 50em; margin: 2em auto; line-height: 1.4; }
table.summary { border-collapse: collapse; }
table.summary th, table.summary td { border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
del { color: ` + DeleteColor + `; text-decoration: line-through; }
ins { color: ` + InsertColor + `; text-decoration: underline; }
table.redline { border-collapse: collapse; margin: 0 0 1em 0; }
table.redline td { border: 1px solid #999; padding: 0.2em 0.5em; vertical-align: top; white-space: pre-wrap; }
tr.delete td { text-decoration: line-through; }
.clause { white-space: pre-wrap; margin: 0 0 1em 0; }
</style>
</head>
<body>
<h1>{{.Heading}}</h1>
{{template "summary" .}}
{{template "redline" .}}
</body>
</html>
{{define "summary"}}<h2>{{.Words.Summary}}</h2>
{{if .Changes}}{{with .Overview}}{{if .Rows}}<table class="summary">
<tr><th>{{$.Words.Number}}</th><th>{{$.Words.Title}}</th><th>{{$.Words.Change}}</th></tr>
{{range .Rows}}<tr><td>{{.Number}}</td><td>{{.Title}}</td><td>{{.Kind}}</td></tr>
{{end}}</table>
{{end}}{{if .Renumbering}}<h3>{{$.Words.Renumbering}}</h3>
<ul>{{range .Renumbering}}<li>{{.}}</li>{{end}}</ul>
{{end}}{{if .Typographic}}<h3>{{$.Words.Typographic}}</h3>
<p>{{$.Words.TypographicTip}}</p>
<ul>{{range .Typographic}}<li>{{.Number}} {{.Title}}</li>{{end}}</ul>
{{end}}{{end}}{{else}}<p>{{.Words.NoChanges}}</p>
{{end}}{{end}}
{{define "redline"}}{{if .Changes}}<h2>{{.Words.Redline}}</h2>
<p><del>{{.Words.LegendDel}}</del>, <ins>{{.Words.LegendIns}}</ins>{{.Words.Legend}}</p>
{{range .Changes}}{{$segs := .Redline $.Words.Elided}}{{if $segs}}<h3>{{.Heading}} ({{kind $.Words .Kind}})</h3>
{{with .TableRedline}}<table class="redline">
{{range .}}<tr class="{{.Op}}">{{range .Cells}}<td>{{template "segs" .}}</td>{{end}}</tr>
{{end}}</table>
{{else}}<p class="clause">{{template "segs" $segs}}</p>
{{end}}{{end}}{{end}}{{end}}{{end}}
{{define "segs"}}{{range $i, $s := .}}{{if gap $ $i}} {{end}}{{if eq .Op "delete"}}<del>{{.Text}}</del>{{else if eq .Op "insert"}}<ins>{{.Text}}</ins>{{else}}{{.Text}}{{end}}{{end}}{{end}}`))
})

type htmlData struct {
	Lang, Heading string
	Words         *Words
	Changes       []Change
	Overview      *Overview
}

func (r *Report) htmlData() htmlData {
	w := WordsFor(r.Language)
	heading := w.Changes + " " + r.From + " → " + r.To
	if r.Customer != nil {
		heading += ", " + r.Customer.LegalName
	}
	return htmlData{Lang: r.Language, Heading: heading, Words: w, Changes: r.Changes, Overview: r.Overview()}
}

// HTML returns the report as a self-contained HTML page: the summary table
// and the redline of every changed clause (<del> and <ins>).
func (r *Report) HTML() ([]byte, error) {
	var buf bytes.Buffer
	if err := htmlTemplates().ExecuteTemplate(&buf, "page", r.htmlData()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SummaryHTML returns the summary table alone, as an HTML fragment, for
// an e-mail body.
func (r *Report) SummaryHTML() (template.HTML, error) {
	var buf bytes.Buffer
	if err := htmlTemplates().ExecuteTemplate(&buf, "summary", r.htmlData()); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}
