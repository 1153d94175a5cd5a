package render

import (
	"bytes"
	"html"
	"strings"

	"github.com/termsmith/termsmith/agreement"
	"github.com/termsmith/termsmith/clauses"
)

// htmlStyle is the page's stylesheet: for the screen, and for print a
// page break before every part and before the signatures, A4 margins, no
// link colour, and headings kept with what follows.
const htmlStyle = `body{font-family:"Noto Serif","Source Serif 4",Georgia,"Times New Roman",serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45;color:#111}
h1{font-size:1.9em;margin-bottom:.2em}.version,.docid,.role{color:#666}
table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #777;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#e8e8e8}table.parties th,table.parties td,table.signatures td{border:none;padding:.1em 1.5em .1em 0}
table.parties th{background:none;color:#666;font-weight:normal}
.item{display:grid;grid-template-columns:auto 1fr;column-gap:.6em}.item>.num{grid-column:1;min-width:2.2em}.item>:not(.num){grid-column:2}
.item>p:first-of-type,.item p{margin:.25em 0}h3 .num{display:inline-block;min-width:2.6em}
nav ol{list-style:none;padding-left:0}nav ol ol{padding-left:1.5em}a{color:#1a3c9a}
blockquote{margin:.6em 0 .6em 1.2em;padding-left:1em;border-left:2px solid #888}
@page{size:A4;margin:20mm 20mm 18mm 25mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt;color:#000}a{color:inherit;text-decoration:none}
section.part,section.signatures{break-before:page}h2,h3,h4{break-after:avoid}tr,.item>.num{break-inside:avoid}p{orphans:2;widows:2}thead{display:table-header-group}}
`

// AgreementHTML renders an assembled agreement as one HTML page: cover
// information, a linked table of contents, the parts with ids for every
// article and labelled sub-clause (cross-references are links), and the
// signature blocks.
func AgreementHTML(doc *agreement.Agreement) ([]byte, error) {
	l := labelsFor(doc.Language)
	var b bytes.Buffer
	e := html.EscapeString
	b.WriteString("<!DOCTYPE html>\n<html lang=\"" + e(doc.Language) + "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	title := doc.Title
	if doc.Customer != nil {
		title += " — " + doc.Customer.LegalName
	}
	b.WriteString("<title>" + e(title) + "</title>\n")
	b.WriteString("<meta name=\"generator\" content=\"termsmith\">\n<meta name=\"document-id\" content=\"" + DocumentID(doc) + "\">\n")
	b.WriteString("<style>\n" + htmlStyle + "</style>\n</head>\n<body>\n")

	b.WriteString("<header>\n<h1>" + e(doc.Title) + "</h1>\n")
	b.WriteString("<p class=\"version\">" + e(l.Version+" "+versionText(doc, l)) + "</p>\n")
	if doc.Customer != nil {
		b.WriteString("<table class=\"parties\">\n<tr><th>" + e(l.Supplier) + "</th><th>" + e(l.Customer) + "</th></tr>\n")
		for _, row := range partyRows(doc, l) {
			b.WriteString("<tr><td>" + e(row[0]) + "</td><td>" + e(row[1]) + "</td></tr>\n")
		}
		b.WriteString("</table>\n")
	}
	b.WriteString("<p class=\"docid\">" + e(l.DocumentID+" "+DocumentID(doc)) + "</p>\n</header>\n")

	b.WriteString("<nav>\n<h2>" + e(l.Contents) + "</h2>\n<ol>\n")
	for _, p := range doc.Parts {
		b.WriteString("<li><a href=\"#" + e(p.ID) + "\">" + e(p.Heading()) + "</a>")
		var sub []string
		for _, c := range p.Blocks {
			if c.Kind == agreement.Article || c.Kind == agreement.Section && c.Title != "" {
				sub = append(sub, "<li><a href=\"#"+e(c.ID)+"\">"+e(strings.TrimSpace(c.Number+" "+c.Title))+"</a></li>")
			}
		}
		if len(sub) > 0 {
			b.WriteString("\n<ol>\n" + strings.Join(sub, "\n") + "\n</ol>\n")
		}
		b.WriteString("</li>\n")
	}
	if doc.Customer != nil {
		b.WriteString("<li><a href=\"#ondertekening\">" + e(l.Signatures) + "</a></li>\n")
	}
	b.WriteString("</ol>\n</nav>\n<main>\n")

	for _, p := range doc.Parts {
		b.WriteString("<section class=\"part\" id=\"" + e(p.ID) + "\">\n<h2>" + e(p.Heading()) + "</h2>\n")
		htmlBlocks(&b, p.Blocks)
		b.WriteString("</section>\n")
	}
	b.WriteString("</main>\n")

	if doc.Customer != nil {
		s, c := doc.Supplier, doc.Customer
		b.WriteString("<section class=\"signatures\" id=\"ondertekening\">\n<h2>" + e(l.Signatures) + "</h2>\n<p>" + e(l.SignIntro) + "</p>\n")
		b.WriteString("<table class=\"signatures\">\n<tr><td class=\"role\">" + e(l.Supplier) + "</td><td class=\"role\">" + e(l.Customer) + "</td></tr>\n")
		b.WriteString("<tr><td><strong>" + e(l.On+" "+s.LegalName) + "</strong></td><td><strong>" + e(l.On+" "+c.LegalName) + "</strong></td></tr>\n")
		for _, f := range [][3]string{
			{l.Name, s.Signatory.Name, c.Signatory.Name},
			{l.Function, s.Signatory.Title, c.Signatory.Title},
			{l.Place, s.Place, customerPlace(c)},
			{l.Date, "", ""},
			{l.Signature, "", ""},
		} {
			b.WriteString("<tr><td>" + e(f[0]) + ": " + e(f[1]) + "</td><td>" + e(f[0]) + ": " + e(f[2]) + "</td></tr>\n")
		}
		b.WriteString("</table>\n</section>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return b.Bytes(), nil
}

// partyRows are the lines of the parties block: supplier and customer side
// by side.
func partyRows(doc *agreement.Agreement, l *labels) [][2]string {
	s, c := doc.Supplier, doc.Customer
	supplier := s.LegalName
	if s.TradeName != "" && s.TradeName != s.LegalName {
		supplier += " (" + s.TradeName + ")"
	}
	rows := [][2]string{{supplier, c.LegalName}, {s.Address, c.Address}, {kv(l.KvK, s.KvK), kv(l.KvK, c.KvK)}}
	if s.VATID != "" {
		rows = append(rows, [2]string{kv(l.VATID, s.VATID), ""})
	}
	return rows
}

// htmlID is an id attribute for blocks whose id is stable and linkable:
// clauses and labelled sub-clauses.
func htmlID(b *agreement.Block) string {
	if b.Kind == agreement.Article || b.Kind == agreement.Section || b.Labelled {
		return " id=\"" + html.EscapeString(b.ID) + "\""
	}
	return ""
}

func htmlBlocks(b *bytes.Buffer, bs []*agreement.Block) {
	e := html.EscapeString
	for _, x := range bs {
		switch x.Kind {
		case agreement.Article, agreement.Section:
			b.WriteString("<section class=\"" + x.Kind.String() + "\"" + htmlID(x) + ">\n")
			if x.Number != "" || x.Title != "" {
				b.WriteString("<h3>")
				if x.Number != "" {
					b.WriteString("<span class=\"num\">" + e(x.Number) + "</span> ")
				}
				b.WriteString(e(x.Title) + "</h3>\n")
			}
			htmlBlocks(b, x.Children)
			b.WriteString("</section>\n")
		case agreement.Item:
			b.WriteString("<div class=\"item\"" + htmlID(x) + "><span class=\"num\">" + e(x.Number) + "</span>\n")
			htmlBlocks(b, x.Children)
			b.WriteString("</div>\n")
		case agreement.Paragraph:
			b.WriteString("<p" + htmlID(x) + ">" + htmlInlines(x.Inlines) + "</p>\n")
		case agreement.Heading:
			b.WriteString("<h4" + htmlID(x) + ">" + htmlInlines(x.Inlines) + "</h4>\n")
		case agreement.Quote:
			b.WriteString("<blockquote" + htmlID(x) + ">\n")
			htmlBlocks(b, x.Children)
			b.WriteString("</blockquote>\n")
		case agreement.Table:
			b.WriteString("<table" + htmlID(x) + ">\n")
			for i, row := range x.Rows {
				cell := "td"
				if i == 0 {
					cell = "th"
				}
				b.WriteString("<tr>")
				for _, c := range row {
					b.WriteString("<" + cell + ">" + htmlInlines(c) + "</" + cell + ">")
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		}
	}
}

func htmlInlines(in []agreement.Inline) string {
	var sb strings.Builder
	for _, x := range in {
		if x.Break {
			sb.WriteString("<br>\n")
			continue
		}
		t := html.EscapeString(x.Text)
		if x.Ref != "" {
			t = "<a href=\"#" + html.EscapeString(x.Ref) + "\">" + t + "</a>"
		}
		if x.Style&clauses.Underline != 0 {
			t = "<u>" + t + "</u>"
		}
		if x.Style&clauses.Italic != 0 {
			t = "<em>" + t + "</em>"
		}
		if x.Style&clauses.Bold != 0 {
			t = "<strong>" + t + "</strong>"
		}
		sb.WriteString(t)
	}
	return sb.String()
}
