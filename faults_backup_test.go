package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// testBackupAndRestore dumps the fault tests' database with scripts/neo4j-local (neo4j-admin),
// wipes it, loads the dump, and finds the same graph: every node and relationship with all
// its properties, the audit trail included.
func testBackupAndRestore(t *testing.T, db *faultNeo4j) {
	before := graphSnapshot(t, db)
	if len(before) < 100 {
		t.Fatalf("only %d nodes and relationships to back up; the seed should give hundreds", len(before))
	}
	dir := t.TempDir()
	db.script(t, "dump", dir)
	if fi, err := os.Stat(filepath.Join(dir, "neo4j.dump")); err != nil || fi.Size() == 0 {
		t.Fatalf("no dump written: %v", err)
	}
	db.cypher(t, `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`, nil)
	if n := db.count(t, `MATCH (n) RETURN count(n)`, nil); n != 0 {
		t.Fatalf("wipe left %d nodes", n)
	}
	db.script(t, "load", dir)
	after := graphSnapshot(t, db)
	if !slices.Equal(before, after) {
		t.Errorf("restored graph differs: %d items before, %d after", len(before), len(after))
		for _, s := range before {
			if _, found := slices.BinarySearch(after, s); !found {
				t.Errorf("missing after restore: %.300s", s)
				break
			}
		}
	}
	t.Logf("restored %d nodes and relationships with their properties", len(after))
}

// graphSnapshot lists every node and relationship with its labels or type and all its
// properties, sorted (fmt prints maps in key order, so equal graphs give equal lists).
func graphSnapshot(t *testing.T, db *faultNeo4j) []string {
	t.Helper()
	var out []string
	for _, r := range db.cypher(t, `MATCH (n) RETURN labels(n), properties(n)`, nil) {
		out = append(out, fmt.Sprint("node ", r.Values[0], r.Values[1]))
	}
	for _, r := range db.cypher(t, `MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)`, nil) {
		out = append(out, fmt.Sprint("rel ", r.Values[0], r.Values[1], r.Values[2], r.Values[3]))
	}
	slices.Sort(out)
	return out
}
