// Events tied directly to each entity (taking part, being part of a track, and so on), in
// date order: earliest possible day first, then the less precise date before the precise.
// The event and the fact that ties it in are visible on $asOf and $knownAt, and the event has
// one of $eventStatuses on $asOf when any are given.
UNWIND $ids AS id
MATCH (e:Entity {id: id})-[r]-(ev:Event)
WHERE visible.fact(r) AND visible.entity(ev)
  AND (size($eventStatuses) = 0 OR visible.eventStatus(ev) IN $eventStatuses)
WITH DISTINCT id, ev
ORDER BY coalesce(ev.dateStart, date('0001-01-01')), ev.dateEnd DESC, ev.id
RETURN id, collect(ev) AS events
