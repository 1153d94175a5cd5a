package lint

import (
	"fmt"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/termsmith/termsmith/examples"
)

// BenchmarkRunSmartTrackers lints the SmartTrackers example with 2,000
// customers, the scale operations work at: customer checks are per
// customer, numbering is computed once per kind of customer.
func BenchmarkRunSmartTrackers(b *testing.B) {
	src, err := examples.Store("smarttrackers")
	if err != nil {
		b.Fatal(err)
	}
	fsys := fstest.MapFS{}
	err = fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 2000 {
		services := []string{"[software]", "[advies]", "[software, advies]"}[i%3]
		yes := []string{"ja", "nee"}[i%2]
		fsys[fmt.Sprintf("customers/klant-%04d.yaml", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(`legal_name: Klant %d B.V.
address: Weg %d, Utrecht
kvk: "%08d"
contact: {name: A, email: a@klant%d.nl}
signatory: {name: A, title: Directeur}
services: %s
dpa: {ras: nee, strafrechtelijk: nee, gezondheid: %s, seksuele_geaardheid: nee, vakbond: nee, genetisch: nee}
`, i, i, i, i, services, yes))}
	}
	b.ResetTimer()
	for range b.N {
		if _, err := Run(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
