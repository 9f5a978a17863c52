// How many entities the graph holds before an import, from the counts store (no scan). With
// none, every row of the file is new and the importer skips reading stored hashes.
MATCH (e:Entity)
RETURN count(e) AS n
