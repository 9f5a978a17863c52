// Appended to entityFilter.cypher. /*SORT_KEY*/, /*AFTER*/ and /*ORDER*/ are replaced by an
// allow-listed sort expression, comparison and direction (see entitySorts); everything else
// is a parameter. Keyset pagination: the cursor holds the last row's sort key and id.
WITH e, /*SORT_KEY*/ AS key
WHERE $after IS NULL
   OR key /*AFTER*/ $afterKey
   OR (key = $afterKey AND e.id > $afterID)
RETURN e AS entity, key
ORDER BY key /*ORDER*/, e.id
LIMIT $first + 1
