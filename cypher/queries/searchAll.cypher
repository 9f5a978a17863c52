// search without a kind filter. The index itself keeps only the best $first + 100 hits, so a
// common word does not turn every matching entity into a row to sort (204 ms to 61 ms for
// "Northern Person 17" at 100k entities). Below the cut, hits whose scores tie with the
// last one kept are left out in the index's order, not by id. An entity merged away is not
// a hit: its name and aliases are the kept entity's aliases.
CALL db.index.fulltext.queryNodes('entity_text', $lucene, {limit: $first + 100}) YIELD node, score
WHERE visible.unmerged(node)
RETURN node AS entity, score
ORDER BY score DESC, node.id
LIMIT $first
