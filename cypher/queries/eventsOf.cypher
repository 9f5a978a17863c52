// Events tied directly to each entity (taking part, being part of a track, and so on), in
// date order: earliest possible day first, then the less precise date before the precise.
UNWIND $ids AS id
MATCH (e:Entity {id: id})-[r]-(ev:Event)
WHERE ($asOf IS NULL OR coalesce(ev.dateStart, $asOf) <= $asOf)
  AND (r.status <> 'retracted' OR ($asOf IS NOT NULL AND date(r.retractedAt) > $asOf))
WITH DISTINCT id, ev
ORDER BY ev.dateStart, ev.dateEnd DESC, ev.id
RETURN id, collect(ev) AS events
