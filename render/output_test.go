package render

import (
	"path/filepath"
	"strconv"
	"testing"
)

func TestPathsStayInsideTheOutputDirectory(t *testing.T) {
	p, err := AgreementPath("out", "acme", "", PDF)
	if err != nil || p != filepath.Join("out", "acme", "working", "agreement.pdf") {
		t.Errorf("AgreementPath: %q, %v", p, err)
	}
	p, err = OfferPath("out", "acme", "2026-0042", true)
	if err != nil || p != filepath.Join("out", "acme", "offer-2026-0042.pdf") {
		t.Errorf("OfferPath: %q, %v", p, err)
	}
	p, err = OfferPath("out", "acme", "2026-0042", false)
	if err != nil || p != filepath.Join("out", "acme", "offer-2026-0042-without-terms.pdf") {
		t.Errorf("OfferPath without terms: %q, %v", p, err)
	}
	for _, bad := range [][2]string{{"../x", "v1"}, {"acme", ".."}, {"acme", "a/b"}, {"", "v1"}, {".hidden", "v1"}} {
		if p, err := AgreementPath("out", bad[0], bad[1], PDF); err == nil {
			t.Errorf("AgreementPath(%q, %q) = %q, want an error", bad[0], bad[1], p)
		}
	}
	if p, err := OfferPath("out", "acme", "../../etc/passwd", true); err == nil {
		t.Errorf("OfferPath accepted %q", p)
	}
}

func TestShardsSplitCustomersStably(t *testing.T) {
	const n = 4
	counts := make([]int, n)
	for i := range 1000 {
		id := "klant-" + strconv.Itoa(i)
		shards := 0
		for s := 1; s <= n; s++ {
			if InShard(id, s, n) {
				shards++
				counts[s-1]++
			}
		}
		if shards != 1 {
			t.Fatalf("%s is in %d shards, want exactly 1", id, shards)
		}
	}
	for s, c := range counts {
		if c < 150 || c > 350 {
			t.Errorf("shard %d/%d has %d of 1000 customers, want about 250", s+1, n, c)
		}
	}
	// A customer is in exactly one shard of N, and one shard holds all.
	in := 0
	for i := 1; i <= 3; i++ {
		if InShard("acme", i, 3) {
			in++
		}
	}
	if in != 1 || !InShard("acme", 1, 1) {
		t.Errorf("acme is in %d of 3 shards, or not in the only shard of 1", in)
	}
}
