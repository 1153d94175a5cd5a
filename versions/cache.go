package versions

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/termsmith/termsmith/clauses"
)

// The version cache spares a command from reading and decoding every tag
// object of a store with many versions: .git/termsmith/versions.json maps
// each tag object's hash to the record it holds (or to "not a version").
// A tag object's hash names its content, so an entry stays true for as long
// as the object is intact, whatever the refs do; the refs themselves are
// read every time. It is only a cache: deleting it costs one slower command,
// which writes it again. What a command then reads of a version (FS) checks
// that version's tag object against the entry, and verify never uses the
// cache, so an edited entry cannot pass for a published record.
const cacheName = "versions.json"

// cacheFormat changes whenever the entries' meaning does.
const cacheFormat = 1

type cacheFile struct {
	Format  int                    `json:"format"`
	Entries map[string]*cacheEntry `json:"entries"` // by tag object hash
}

type cacheEntry struct {
	NotVersion bool   `json:"not_version,omitempty"`
	ID         string `json:"id,omitempty"`
	Effective  string `json:"effective,omitempty"`
	NoticeDate string `json:"notice_date,omitempty"`
	Published  string `json:"published,omitempty"`
	Author     person `json:"author"`
	Message    string `json:"message,omitempty"`
	Summary    string `json:"summary,omitempty"`
	Content    string `json:"content_hash,omitempty"`
	Commit     string `json:"commit,omitempty"`
}

func (r *Repo) cachePath() string { return filepath.Join(r.gitDir, tmpDir, cacheName) }

// loadCache reads the cache; a missing, unreadable or outdated one is empty.
func (r *Repo) loadCache() map[string]*cacheEntry {
	data, err := os.ReadFile(r.cachePath())
	if err != nil || len(data) > 64<<20 {
		return map[string]*cacheEntry{}
	}
	var f cacheFile
	if json.Unmarshal(data, &f) != nil || f.Format != cacheFormat || f.Entries == nil {
		return map[string]*cacheEntry{}
	}
	return f.Entries
}

// saveCache writes the cache by temporary file and rename; a store that
// cannot be written (read-only, full) simply has no cache.
func (r *Repo) saveCache(entries map[string]*cacheEntry) {
	data, err := json.Marshal(cacheFile{Format: cacheFormat, Entries: entries})
	if err != nil {
		return
	}
	dir := filepath.Dir(r.cachePath())
	if os.MkdirAll(dir, 0o777) != nil {
		return
	}
	f, err := os.CreateTemp(dir, "cache-*")
	if err != nil {
		return
	}
	_, err = f.Write(data)
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

func entryOf(v *Version) *cacheEntry {
	rec := v.record()
	return &cacheEntry{ID: rec.ID, Effective: rec.Effective, NoticeDate: rec.NoticeDate, Published: rec.Published,
		Author: rec.Author, Message: rec.Message, Summary: rec.Summary, Content: rec.ContentHash, Commit: rec.Commit}
}

// version turns an entry back into a Version; a malformed entry is nil.
func (e *cacheEntry) version(tag plumbing.Hash) *Version {
	v := &Version{ID: e.ID, Author: clauses.Person{Name: e.Author.Name, Email: e.Author.Email},
		Message: e.Message, Summary: e.Summary, ContentHash: e.Content, Commit: e.Commit, Tag: tag.String()}
	var err1, err2, err3 error
	v.Effective, err1 = ParseDate(e.Effective)
	v.NoticeDate, err2 = ParseDate(e.NoticeDate)
	v.Published, err3 = time.Parse(time.RFC3339, e.Published)
	if err1 != nil || err2 != nil || err3 != nil || CheckID(v.ID) != nil || !hashPattern.MatchString(v.Commit) {
		return nil
	}
	return v
}
