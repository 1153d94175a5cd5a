package store

import (
	"errors"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/termsmith/termsmith/agreement"
)

// TestForCustomers runs a batch in which one customer writes two files,
// one has nothing to write and one fails, and checks that every customer
// was done once and that the files keep the customers' order.
func TestForCustomers(t *testing.T) {
	var custs []*agreement.Customer
	for _, id := range []string{"a", "b", "c", "d"} {
		custs = append(custs, &agreement.Customer{ID: id})
	}
	var done atomic.Int64
	b := ForCustomers(custs, 3, func() { done.Add(1) }, func(c *agreement.Customer) ([]string, error) {
		switch c.ID {
		case "b":
			return nil, nil
		case "c":
			return nil, errors.New("no template")
		}
		return []string{c.ID + ".pdf", c.ID + ".eml"}, nil
	})
	if done.Load() != 4 {
		t.Errorf("done called %d times, want 4", done.Load())
	}
	want := &Batch{Files: []string{"a.pdf", "a.eml", "d.pdf", "d.eml"}, Written: 2, Unchanged: 1, Failures: []string{"c: no template"}}
	if !reflect.DeepEqual(b, want) {
		t.Errorf("ForCustomers = %+v, want %+v", b, want)
	}
}
