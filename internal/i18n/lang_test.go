package i18n

import "testing"

func TestPick(t *testing.T) {
	nl, en := "Artikel", "Article"
	tables := map[string]*string{"nl": &nl, "en": &en}
	for lang, want := range map[string]string{"en": en, "nl": nl, "de": nl, "": nl} {
		if got := *Pick(tables, lang); got != want {
			t.Errorf("Pick(%q) = %q, want %q", lang, got, want)
		}
	}
}
