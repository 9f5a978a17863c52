// $lucene is built by luceneQuery from escaped terms; user text never reaches Lucene raw.
// With kinds to keep, every hit is read: a cut before the filter could leave too few. An
// entity merged away is not a hit: its name and aliases are the kept entity's aliases.
CALL db.index.fulltext.queryNodes('entity_text', $lucene) YIELD node, score
WHERE (size($kinds) = 0 OR node.kind IN $kinds) AND visible.unmerged(node)
RETURN node AS entity, score
ORDER BY score DESC, node.id
LIMIT $first
