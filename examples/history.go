package examples

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"time"

	"github.com/termsmith/termsmith/clauses"
	"github.com/termsmith/termsmith/internal/output"
)

// Version is one published version in an example's history.
type Version struct {
	ID         string    `yaml:"id"`
	Effective  string    `yaml:"effective"`   // YYYY-MM-DD
	NoticeDate string    `yaml:"notice_date"` // YYYY-MM-DD
	Published  time.Time `yaml:"published"`   // the publish time recorded in git
	Message    string    `yaml:"message"`
	// Overlay names a directory beside versions.yaml whose files replace or
	// add to the store before this version is published; Remove lists store
	// files to delete. The first version has neither.
	Overlay string   `yaml:"overlay"`
	Remove  []string `yaml:"remove"`
}

// History returns an example's published versions, oldest first.
func History(name string) ([]Version, error) {
	file := path.Join("history", name, "versions.yaml")
	src, err := fs.ReadFile(FS, file)
	if err != nil {
		return nil, fmt.Errorf("example %q has no history: %w", name, err)
	}
	var h struct {
		Versions []Version `yaml:"versions"`
	}
	if err := clauses.DecodeYAML(file, src, &h); err != nil {
		return nil, err
	}
	for i, v := range h.Versions {
		if v.ID == "" || v.Effective == "" || v.Published.IsZero() {
			return nil, fmt.Errorf("%s: version %d needs id, effective and published", file, i+1)
		}
		if (i == 0) != (v.Overlay == "" && len(v.Remove) == 0) {
			return nil, fmt.Errorf("%s: only the first version comes without an overlay", file)
		}
	}
	return h.Versions, nil
}

// Overlay returns the files a version changes or adds.
func Overlay(name string, v Version) (fs.FS, error) {
	return fs.Sub(FS, path.Join("history", name, v.Overlay))
}

// Apply turns the store in directory dir from the version before v into v:
// it writes every file of v's overlay into dir (replacing or adding, with
// mode 0644) and deletes the files v removes. The first version of a
// history has no overlay and changes nothing. Customer files in the overlay
// are written too: customers are not versioned, so the working tree keeps
// the customer files of the latest version applied.
func Apply(name, dir string, v Version) error {
	if v.Overlay == "" && len(v.Remove) == 0 {
		return nil
	}
	out := output.New(dir)
	if v.Overlay != "" {
		overlay, err := Overlay(name, v)
		if err != nil {
			return err
		}
		if err := out.WriteFS(overlay); err != nil {
			return fmt.Errorf("example %s, version %s: %w", name, v.ID, err)
		}
	}
	for _, f := range v.Remove {
		if !output.SlashPath(f) {
			return fmt.Errorf("example %s, version %s: remove %q: not a path inside the store", name, v.ID, f)
		}
		if _, err := os.Lstat(out.Join(f)); err != nil {
			return fmt.Errorf("example %s, version %s: %w", name, v.ID, err)
		}
		if err := out.Remove(out.Join(f)); err != nil {
			return fmt.Errorf("example %s, version %s: %w", name, v.ID, err)
		}
	}
	return nil
}
