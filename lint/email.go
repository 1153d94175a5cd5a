package lint

import (
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/mailaddr"
)

// checkEmails reports every e-mail address in termsmith.yaml and the
// customer files that termsmith could not send to or from: notices go to
// the customer's contact from the supplier's address, and an address that
// net/mail does not read back as the same bare address could carry a
// header or another recipient into the message (rule invalid-email).
// Empty optional addresses are not findings; required ones are checked
// where the files are loaded.
func checkEmails(l *linter) {
	check := func(file string, line int, field, addr string) {
		if addr == "" {
			return
		}
		if _, err := mailaddr.Parse(addr); err != nil {
			l.errorf(file, line, "invalid-email", "%s %q is not a valid e-mail address: %v", field, addr, err)
		}
	}
	cfg := clauses.ConfigFile
	check(cfg, l.yamlLine(cfg, "supplier", "email"), "supplier.email", l.cfg.Supplier.Email)
	check(cfg, l.yamlLine(cfg, "supplier", "signatory"), "supplier.signatory.email", l.cfg.Supplier.Signatory.Email)
	check(cfg, l.yamlLine(cfg, "publisher"), "publisher.email", l.cfg.Publisher.Email)
	for _, id := range l.customerIDs() {
		c := l.custs[id]
		check(c.File, c.Line("contact"), "contact.email", c.Contact.Email)
		check(c.File, c.Line("signatory"), "signatory.email", c.Signatory.Email)
	}
}
