// Events tied to an entity or track, whose date may fall between $fromStart and $toEnd
// (an event known only to the month counts for every day of it), in date order: earliest
// possible day first (a date known only to be "not after" some day has no first day, and
// comes first), the less precise date before the more precise; an open bound (no dateStart
// or dateEnd) is open in the range too. The event and the
// fact that ties it in are visible on $asOf and $knownAt (cypher/visibility.go), and the event
// has one of $eventStatuses on $asOf when any are given.
// An id that was merged away (by $knownAt) resolves, through its redirect, to the entity it
// was merged into, here rather than in a statement of its own. No row: no entity has the id.
OPTIONAL MATCH (redirect:Redirect {id: $id})
WITH coalesce(visible.mergedInto(redirect), $id) AS xID
MATCH (x:Entity {id: xID})
CALL (x) {
  MATCH (x)-[r]-(ev:Event)
  WHERE visible.fact(r) AND visible.entity(ev)
    AND (size($eventStatuses) = 0 OR visible.eventStatus(ev) IN $eventStatuses)
    AND ($fromStart IS NULL OR coalesce(ev.dateEnd, $fromStart) >= $fromStart)
    AND ($toEnd IS NULL OR coalesce(ev.dateStart, $toEnd) <= $toEnd)
  WITH DISTINCT ev
  ORDER BY coalesce(ev.dateStart, date('0001-01-01')), ev.dateEnd DESC, ev.id
  LIMIT $first
  RETURN collect(ev) AS events
}
RETURN events
