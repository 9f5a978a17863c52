// The changes that involve one id, as the entity written or as the other party (a fact's
// end, a merge's duplicate), newest first. Ids sort by time.
CALL () {
  MATCH (c:Change {entityId: $id}) RETURN c
  UNION
  MATCH (c:Change {counterpartId: $id}) RETURN c
}
RETURN c AS change
ORDER BY c.id DESC
LIMIT $first
