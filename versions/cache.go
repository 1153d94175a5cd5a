package versions

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/gitrefs"
)

// The version cache spares a command from reading and decoding every tag
// object of a store with many versions: .git/termsmith/versions.cache maps
// each tag object's hash to the record it holds (or to "not a version"),
// one tab-separated line per tag object. A tag object's hash names its
// content, so a line stays true for as long as the object is intact,
// whatever the refs do; the refs themselves are read every time. It is only
// a cache: deleting it costs one slower command, which writes it again.
// What a command then reads of a version (FS) checks that version's tag
// object against the line, and verify never uses the cache, so an edited
// line cannot pass for a published record.
const cacheName = "versions.cache"

// cacheHeader is the first line; it changes whenever the lines' meaning does.
const cacheHeader = "termsmith versions cache 2"

// cacheEntry is one tag object: not a version, or a version's record.
type cacheEntry struct {
	NotVersion bool
	rec        record
}

func (r *Repo) cachePath() string { return filepath.Join(r.gitDir, gitrefs.TmpDir, cacheName) }

// loadCache reads the cache; a missing, unreadable or outdated one is empty,
// and so is a line that does not parse.
func (r *Repo) loadCache() map[string]*cacheEntry {
	out := map[string]*cacheEntry{}
	data, err := os.ReadFile(r.cachePath())
	if err != nil || len(data) > 64<<20 {
		return out
	}
	text := string(data)
	header, rest, _ := strings.Cut(text, "\n")
	if header != cacheHeader {
		return out
	}
	for line := range strings.Lines(rest) {
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		switch {
		case len(f) == 2 && f[1] == "-":
			out[f[0]] = &cacheEntry{NotVersion: true}
		case len(f) == 11:
			e := &cacheEntry{rec: record{ID: f[1], Effective: f[2], NoticeDate: f[3], Published: f[4], ContentHash: f[5], Commit: f[6]}}
			var err1, err2, err3, err4 error
			e.rec.Author.Name, err1 = strconv.Unquote(f[7])
			e.rec.Author.Email, err2 = strconv.Unquote(f[8])
			e.rec.Message, err3 = strconv.Unquote(f[9])
			e.rec.Summary, err4 = strconv.Unquote(f[10])
			if err1 == nil && err2 == nil && err3 == nil && err4 == nil {
				out[f[0]] = e
			}
		}
	}
	return out
}

// saveCache writes the cache by temporary file and rename; a store that
// cannot be written (read-only, full) simply has no cache.
func (r *Repo) saveCache(entries map[string]*cacheEntry) {
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(cacheHeader + "\n")
	for _, k := range keys {
		e := entries[k]
		if e.NotVersion {
			b.WriteString(k + "\t-\n")
			continue
		}
		c := e.rec
		b.WriteString(strings.Join([]string{k, c.ID, c.Effective, c.NoticeDate, c.Published, c.ContentHash, c.Commit,
			strconv.Quote(c.Author.Name), strconv.Quote(c.Author.Email), strconv.Quote(c.Message), strconv.Quote(c.Summary)}, "\t") + "\n")
	}
	dir := filepath.Dir(r.cachePath())
	if os.MkdirAll(dir, 0o777) != nil {
		return
	}
	f, err := os.CreateTemp(dir, "cache-*")
	if err != nil {
		return
	}
	_, err = f.WriteString(b.String())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), r.cachePath())
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

func entryOf(v *Version) *cacheEntry { return &cacheEntry{rec: v.record()} }

// version turns an entry back into a Version; a malformed entry is nil.
func (e *cacheEntry) version(tag plumbing.Hash) *Version {
	c := e.rec
	v := &Version{ID: c.ID, Author: clauses.Person{Name: c.Author.Name, Email: c.Author.Email},
		Message: c.Message, Summary: c.Summary, ContentHash: c.ContentHash, Commit: c.Commit, Tag: tag.String()}
	var err1, err2, err3 error
	v.Effective, err1 = time.Parse(DateLayout, c.Effective)
	v.NoticeDate, err2 = time.Parse(DateLayout, c.NoticeDate)
	v.Published, err3 = time.Parse(time.RFC3339, c.Published)
	if err1 != nil || err2 != nil || err3 != nil || len(v.Commit) != 40 {
		return nil
	}
	return v
}
