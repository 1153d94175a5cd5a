package render

import (
	"bytes"
	"testing"
)

func TestAgreementHTML(t *testing.T) {
	out, err := AgreementHTML(assemble(t, "acme"))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "acme-agreement.html", out)
	for _, want := range []string{
		`<a href="#limiet">2.1</a>`,              // a cross-reference is a link…
		`<div class="item" id="limiet">`,         // …to the labelled sub-clause
		`<u>geheimhoudingsplicht</u>`,            // inline underline
		`<strong>€ 100.000</strong>`,             // a filled variable, bold
		`<td>Gezondheid</td><td>x</td><td></td>`, // the Ja/Nee table for this customer
		`<meta name="viewport" content="width=device-width, initial-scale=1">`,
		`@media print{`, `section.part,section.signatures{break-before:page}`, // a page per part in print
		`@page{size:A4;margin:`,
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("HTML lacks %s", want)
		}
	}
}
