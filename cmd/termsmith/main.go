// Command termsmith manages general terms and conditions as code: clause
// files in a git-backed store, rendered per customer, versioned and diffed.
package main

import "os"

func main() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) }
