// Package preflight validates PDF files as PDF/A-1b with Apache PDFBox
// Preflight, for tests. Preflight is Java: Debian's libpdfbox2-java,
// libactivation-java, libjaxb-api-java and default-jre-headless (.ci/run
// installs them). One call starts one Java process for all its files.
package preflight

import (
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// jars are the class path of Preflight as Debian installs it.
var jars = []string{"pdfbox2", "fontbox2", "preflight", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"}

// javaDir is where Debian puts Java libraries.
const javaDir = "/usr/share/java"

// Available returns nil when java and Preflight's jars are installed, and
// otherwise an error that says what is missing and how to install it.
func Available() error {
	const install = "install with: apt-get install -y libpdfbox2-java libactivation-java libjaxb-api-java default-jre-headless"
	if _, err := exec.LookPath("java"); err != nil {
		return fmt.Errorf("java not found; %s", install)
	}
	for _, j := range jars {
		if _, err := os.Stat(filepath.Join(javaDir, j+".jar")); err != nil {
			return fmt.Errorf("%s.jar not found in %s; %s", j, javaDir, install)
		}
	}
	return nil
}

// report is Preflight's XML output in group mode.
type report struct {
	Files []struct {
		Name   string `xml:"name,attr"`
		Valid  bool   `xml:"isValid"`
		Errors []struct {
			Code    string `xml:"code"`
			Details string `xml:"details"`
		} `xml:"errors>error"`
	} `xml:"preflight"`
}

// Check validates each PDF (file name without directory → content) in
// one run of Preflight, writing the files into dir. It returns, for each
// file that is not valid PDF/A-1b, Preflight's errors as "code: details"
// lines; an empty map when all are valid. The error is for a run that
// did not happen or gave no verdict on a file.
func Check(dir string, pdfs map[string][]byte) (map[string][]string, error) {
	if err := Available(); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(pdfs))
	for name := range pdfs {
		names = append(names, name)
	}
	sort.Strings(names)
	var list strings.Builder
	for _, name := range names {
		if filepath.Base(name) != name {
			return nil, fmt.Errorf("file name %q has a directory", name)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, pdfs[name], 0o644); err != nil {
			return nil, err
		}
		list.WriteString(path + "\n")
	}
	listFile := filepath.Join(dir, "preflight-files.txt")
	if err := os.WriteFile(listFile, []byte(list.String()), 0o644); err != nil {
		return nil, err
	}
	cp := make([]string, len(jars))
	for i, j := range jars {
		cp[i] = filepath.Join(javaDir, j+".jar")
	}
	cmd := exec.Command("java", "-cp", strings.Join(cp, ":"), "org.apache.pdfbox.preflight.Validator_A1b", "xml", "group", listFile)
	out, err := cmd.CombinedOutput()
	// Preflight exits non-zero when a file is not valid: the verdict is
	// in the XML it writes beside the list.
	data, rerr := os.ReadFile(listFile + ".preflight.xml")
	if rerr != nil {
		if err != nil {
			return nil, fmt.Errorf("preflight: %v\n%s", err, out)
		}
		return nil, fmt.Errorf("preflight wrote no result: %w\n%s", rerr, out)
	}
	var r report
	if err := xml.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("preflight result: %w", err)
	}
	failed := make(map[string][]string)
	seen := make(map[string]bool)
	for _, f := range r.Files {
		seen[f.Name] = true
		if f.Valid {
			continue
		}
		lines := []string{}
		for _, e := range f.Errors {
			lines = append(lines, e.Code+": "+e.Details)
		}
		failed[f.Name] = lines
	}
	for _, name := range names {
		if !seen[name] {
			return nil, errors.New("preflight gave no verdict on " + name)
		}
	}
	return failed, nil
}
