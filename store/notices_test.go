package store

import (
	"path/filepath"
	"reflect"
	"testing"
)

// TestNoticesWriteAll checks that a batch of notices writes what Write
// writes for each customer, in the customers' order.
func TestNoticesWriteAll(t *testing.T) {
	s := example(t, "2026-08-01")
	run, err := s.Notices(NoticeRequest{From: "2026-01-01", To: "2026-07-01", Date: day("2026-05-15")})
	if err != nil {
		t.Fatal(err)
	}
	custs, _ := s.Customers()
	out := t.TempDir()
	b := run.WriteAll(custs, out, 2, nil)
	var want []string
	for _, c := range custs {
		one := t.TempDir()
		files, err := run.Write(c, one)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			rel, _ := filepath.Rel(one, f)
			want = append(want, filepath.Join(out, rel))
		}
	}
	if !reflect.DeepEqual(b.Files, want) || b.Written+b.Unchanged != len(custs) || len(b.Failures) != 0 {
		t.Errorf("WriteAll = %+v, want the files %v", b, want)
	}
}
