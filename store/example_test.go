package store_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/termsmith/termsmith/render"
	"github.com/termsmith/termsmith/store"
)

// Example uses termsmith as a library: make a store from the SmartTrackers
// example, read the terms in force, render one customer's agreement, and
// see what the change from the first version means for that customer.
func Example() {
	dir, err := os.MkdirTemp("", "termsmith-example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	root := filepath.Join(dir, "terms")
	if err := store.Create(root, "smarttrackers", time.Time{}, io.Discard); err != nil {
		panic(err)
	}
	// The store as it is on 1 August 2026.
	s := store.Open(root, func() time.Time { return time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC) })

	terms, err := s.Content(store.Selector{}) // the version in force
	if err != nil {
		panic(err)
	}
	customer, err := s.Customer("zorggroep-de-linde")
	if err != nil {
		panic(err)
	}
	path, err := store.RenderAgreement(terms, customer, render.PDF, filepath.Join(dir, "out"))
	if err != nil {
		panic(err)
	}
	rel, _ := filepath.Rel(dir, path)
	fmt.Println("in force:", terms.Version, "effective", terms.Effective.Format(time.DateOnly))
	fmt.Println("wrote", filepath.ToSlash(rel))

	reports, err := s.Diff("2026-01-01", "2026-07-01", customer.ID, false)
	if err != nil {
		panic(err)
	}
	r := reports[0]
	fmt.Println("notice dated", r.NoticeDate.Format(time.DateOnly)+", objection until", r.Deadline.Format(time.DateOnly))
	for _, c := range r.Changes[:3] {
		fmt.Printf("%s %s\n", c.Kind, c.Heading())
	}
	// Output:
	// in force: 2026-07-01 effective 2026-07-01
	// wrote out/zorggroep-de-linde/2026-07-01/agreement.pdf
	// notice dated 2026-05-15, objection until 2026-06-30
	// modified 1.1 H – DEFINITIES
	// modified 3.1 – TOTSTANDKOMING EN UITVOERING OVEREENKOMST
	// modified 3.4 A – TOTSTANDKOMING EN UITVOERING OVEREENKOMST
}
