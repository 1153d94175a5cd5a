// Package i18n chooses a document's fixed words by its language: the
// tables of labels in render, diff and diff/notice are looked up the same
// way, with the same fallback.
package i18n

// Default is the language of a document whose language has no table of
// its own: the store's default language (clauses.Config) is Dutch too.
const Default = "nl"

// Pick returns the table of lang, or the Default language's table when
// lang has none.
func Pick[T any](tables map[string]*T, lang string) *T {
	if t, ok := tables[lang]; ok {
		return t
	}
	return tables[Default]
}
