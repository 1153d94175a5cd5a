package main

import (
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/termsmith/termsmith/render"
	"github.com/termsmith/termsmith/templates"
)

// shardCustomers loads the store's customers for a batch (--all) and
// returns the sorted ids of shard i of n. Customer files that do not load
// are failures like any other, returned one per line, so the rest of the
// batch still runs.
func shardCustomers(storeDir string, shard, shards int) (custs map[string]*templates.Customer, ids, failures []string) {
	custs, err := templates.LoadCustomers(os.DirFS(storeDir))
	for id := range custs {
		if render.InShard(id, shard, shards) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	if err != nil {
		failures = strings.Split(err.Error(), "\n")
	}
	return custs, ids, failures
}

// forEach runs work(i) for every i in [0, n) on jobs goroutines, counting
// each finished item on the progress bar.
func forEach(n, jobs int, p *progress, work func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(jobs, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				work(i)
				p.done()
			}
		}()
	}
	wg.Wait()
	p.finish()
}
