// Command admincsv writes the synthetic data set of `diplograph generate -n N -seed S` as CSV
// files for `neo4j-admin database import full`, and prints the --nodes/--relationships
// arguments that load them. scripts/bench-import uses it to measure the bulk-load ceiling.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/diplograph/diplograph/datagen"
)

func main() {
	n := flag.Int("n", 10000, "entities (about 5n facts)")
	seed := flag.Uint64("seed", 1, "generator seed")
	dir := flag.String("o", "admin-csv", "output directory")
	flag.Parse()
	files, err := datagen.WriteAdminCSV(*dir, datagen.Generate(*n, *seed))
	if err != nil {
		fmt.Fprintln(os.Stderr, "admincsv:", err)
		os.Exit(1)
	}
	for _, f := range files.Nodes {
		fmt.Printf("--nodes=%s\n", f)
	}
	for _, f := range files.Relationships {
		fmt.Printf("--relationships=%s\n", f)
	}
}
