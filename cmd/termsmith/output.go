package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// prepareOutput checks the way from the output directory dir to file, a
// path under it whose names come from data (customer ids, version ids,
// offer numbers), before anything is written. A name below dir must not be
// a symbolic link: a link left there could send the file anywhere. It
// returns undo, which removes the directories between dir and file that
// do not exist yet (the write will make them), so that a write that fails
// leaves nothing behind; undo removes only directories that are empty.
func prepareOutput(dir, file string) (undo func(), err error) {
	rel, err := filepath.Rel(dir, filepath.Dir(file))
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return nil, fmt.Errorf("refusing to write %s outside %s", file, dir)
	}
	var missing []string
	p := dir
	for _, name := range strings.Split(rel, string(filepath.Separator)) {
		if name == "." {
			continue
		}
		p = filepath.Join(p, name)
		if len(missing) > 0 {
			missing = append(missing, p)
			continue
		}
		fi, err := os.Lstat(p)
		switch {
		case err != nil:
			// Missing, or not reachable (a file on the way): the write
			// makes it or reports why it cannot.
			missing = append(missing, p)
		case fi.Mode()&fs.ModeSymlink != 0:
			return nil, fmt.Errorf("%s is a symbolic link; termsmith writes only inside %s, not through links", p, dir)
		}
	}
	// dir itself may be missing too: the write makes it.
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		for d := dir; ; d = filepath.Dir(d) {
			if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
				break
			}
			missing = append([]string{d}, missing...)
		}
	}
	return func() {
		for i := len(missing) - 1; i >= 0; i-- {
			os.Remove(missing[i])
		}
	}, nil
}
