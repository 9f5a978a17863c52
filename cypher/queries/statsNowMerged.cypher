// One branch of the census as the graph stands now: the duplicates that merges kept, by kind
// (labelled :Merged, few); cypher/stats.go takes them off the count store's numbers.
MATCH (e:Merged)
RETURN 'merged' AS of, e.kind AS name, count(e) AS n
