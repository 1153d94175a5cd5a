package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

// tree lists every path under root with a file's content, sorted.
func tree(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out = append(out, rel+" -> "+target)
		case d.IsDir():
			out = append(out, rel+"/")
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out = append(out, rel+": "+string(data))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestWriteFile(t *testing.T) {
	root := t.TempDir()
	d := New(filepath.Join(root, "out", "deep"))
	if err := d.WriteFile(d.Join("acme/2026/agreement.pdf"), []byte("one")); err != nil {
		t.Fatal(err)
	}
	// Overwriting replaces the file whole.
	if err := d.WriteFile(d.Join("acme/2026/agreement.pdf"), []byte("two")); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(tree(t, root), "\n")
	want := strings.Join([]string{"./", "out/", "out/deep/", "out/deep/acme/", "out/deep/acme/2026/", "out/deep/acme/2026/agreement.pdf: two"}, "\n")
	if got != want {
		t.Errorf("tree:\n%s\nwant:\n%s", got, want)
	}
	mask := syscall.Umask(0)
	syscall.Umask(mask)
	if fi, err := os.Stat(d.Join("acme/2026/agreement.pdf")); err != nil || fi.Mode().Perm() != 0o644&^os.FileMode(mask) {
		t.Errorf("file mode %v, %v; want %v: readable like any file written by the user", fi.Mode().Perm(), err, 0o644&^os.FileMode(mask))
	}
}

// TestRefuses checks the one rule for staying inside the output directory:
// nothing outside it, nothing through a link below it, nothing over a
// file on the way; and that a refusal writes nothing.
func TestRefuses(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	for _, p := range []string{"out/a", "outside"} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("../outside", "out/link"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("out/file", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../outside/x", "out/a/x.pdf"); err != nil {
		t.Fatal(err)
	}
	before := tree(t, root)
	d := New("out")
	for _, tc := range []struct{ path, want string }{
		{"out/../outside/x", "refusing to write out/../outside/x outside out"},
		{"outside/x", "refusing to write outside/x outside out"},
		{"out", "refusing to write out outside out"},
		{"/tmp/x", "outside out"},
		{"out/link/x", "out/link is a symbolic link; termsmith writes only inside out, not through links"},
		{"out/link/deeper/x", "out/link is a symbolic link"},
		{"out/a/x.pdf", "out/a/x.pdf is a symbolic link"},
		{"out/file/x", "cannot write out/file/x: out/file is not a directory"},
		{"out/a", "cannot write out/a: it exists and is not a regular file"},
	} {
		err := d.WriteAll([]File{{Path: "out/new/ok", Data: []byte("ok")}, {Path: tc.path, Data: []byte("x")}})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("write %s: %v, want %q", tc.path, err, tc.want)
		}
	}
	if err := New("out/file/sub").WriteFile("out/file/sub/x", nil); err == nil || err.Error() != "cannot write out/file/sub/x: out/file is not a directory" {
		t.Errorf("an output directory under a file: %v", err)
	}
	if after := tree(t, root); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("a refused write changed the tree:\n%s", strings.Join(after, "\n"))
	}
	// The output directory itself may be a link: the user chose it.
	if err := New("out/link").WriteFile("out/link/y", []byte("y")); err != nil {
		t.Errorf("writing into a linked output directory: %v", err)
	}
	if data, err := os.ReadFile("outside/y"); err != nil || string(data) != "y" {
		t.Errorf("outside/y = %q, %v", data, err)
	}
}

// TestWriteAllIsAllOrNothing makes the last rename of a group fail (its
// target is a non-empty directory, created after the check) and checks
// that the files renamed before it, the temporary files and the
// directories made are gone, while a file that existed keeps its place.
func TestWriteAllIsAllOrNothing(t *testing.T) {
	root := t.TempDir()
	d := New(filepath.Join(root, "out"))
	if err := d.WriteFile(d.Join("c/old.txt"), []byte("old")); err != nil {
		t.Fatal(err)
	}
	before := tree(t, root)
	files := []File{
		{Path: d.Join("c/new/a.pdf"), Data: []byte("a")},
		{Path: d.Join("c/new/b.eml"), Data: []byte("b")},
		{Path: d.Join("c/new/c.json"), Data: []byte("c")},
	}
	// A rename over a non-empty directory fails on every platform.
	blockRename = func(target string) {
		if strings.HasSuffix(target, "c.json") {
			os.MkdirAll(filepath.Join(target, "x"), 0o755)
		}
	}
	defer func() { blockRename = nil }()
	err := d.WriteAll(files)
	if err == nil {
		t.Fatal("the group was written although a rename failed")
	}
	blockRename = nil
	// What remains is what the test put in the way.
	want := append(before, "out/c/new/", "out/c/new/c.json/", "out/c/new/c.json/x/")
	sort.Strings(want)
	if after := tree(t, root); strings.Join(after, "\n") != strings.Join(want, "\n") {
		t.Errorf("a failed group left:\n%s\nwant:\n%s", strings.Join(after, "\n"), strings.Join(want, "\n"))
	}
	os.RemoveAll(d.Join("c/new"))
	// And a group that succeeds writes every file.
	if err := d.WriteAll(files); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if data, err := os.ReadFile(f.Path); err != nil || !strings.HasSuffix(f.Path, string(data)+filepath.Ext(f.Path)) {
			t.Errorf("%s = %q, %v", f.Path, data, err)
		}
	}
}

// TestWriteFailureRemovesWhatItMade writes into a read-only directory: the
// write fails and the directories made on the way are removed.
func TestWriteFailureRemovesWhatItMade(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root may write to a read-only directory")
	}
	root := t.TempDir()
	ro := filepath.Join(root, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(ro, 0o755)
	d := New(filepath.Join(root, "out"))
	err := d.WriteAll([]File{{Path: d.Join("a/b/one"), Data: []byte("1")}, {Path: filepath.Join(root, "out", "..", "ro", "x")}})
	if err == nil || !strings.Contains(err.Error(), "outside") {
		t.Fatalf("write outside: %v", err)
	}
	d = New(ro)
	err = d.WriteFile(d.Join("a/b/one"), []byte("1"))
	if !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("write into a read-only directory: %v", err)
	}
	if got := tree(t, root); strings.Join(got, "\n") != "./\nro/" {
		t.Errorf("a failed write left:\n%s", strings.Join(got, "\n"))
	}
}

func TestWriteFSAndRemove(t *testing.T) {
	root := t.TempDir()
	d := New(root)
	fsys := fstest.MapFS{
		"termsmith.yaml":      {Data: []byte("cfg")},
		"clauses/terms/a.md":  {Data: []byte("a")},
		"customers/acme.yaml": {Data: []byte("acme")},
	}
	if err := d.WriteFS(fsys); err != nil {
		t.Fatal(err)
	}
	if err := d.Remove(d.Join("clauses/terms/a.md"), d.Join("missing")); err != nil {
		t.Fatal(err)
	}
	if err := d.Remove(filepath.Join(root, "..", "x")); err == nil {
		t.Error("Remove outside the directory succeeded")
	}
	got := strings.Join(tree(t, root), "\n")
	want := "./\nclauses/\nclauses/terms/\ncustomers/\ncustomers/acme.yaml: acme\ntermsmith.yaml: cfg"
	if got != want {
		t.Errorf("tree:\n%s\nwant:\n%s", got, want)
	}
}

func TestBuild(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "store")
	fail := errors.New("build failed")
	if err := Build(dir, func(tmp string) error {
		if err := New(tmp).WriteFile(filepath.Join(tmp, "half"), nil); err != nil {
			return err
		}
		return fail
	}); !errors.Is(err, fail) {
		t.Fatalf("Build = %v, want the build's error", err)
	}
	if got := tree(t, root); strings.Join(got, "\n") != "./" {
		t.Errorf("a failed build left:\n%s", strings.Join(got, "\n"))
	}
	if err := os.Mkdir(dir, 0o755); err != nil { // an empty directory is replaced
		t.Fatal(err)
	}
	if err := Build(dir, func(tmp string) error { return New(tmp).WriteFile(filepath.Join(tmp, "f"), []byte("f")) }); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tree(t, root), "\n"); got != "./\nstore/\nstore/f: f" {
		t.Errorf("tree after Build:\n%s", got)
	}
}

func TestSlashPath(t *testing.T) {
	for name, want := range map[string]bool{
		"clauses/terms/a.md": true, "a": true,
		"": false, ".": false, "../a": false, "a/../b": false, "/a": false, "a//b": false, "a/./b": false, "a..b/c": false,
	} {
		if got := SlashPath(name); got != want {
			t.Errorf("SlashPath(%q) = %v, want %v", name, got, want)
		}
	}
}
