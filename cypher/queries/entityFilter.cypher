// The filter shared by entities.cypher and entitiesCount.cypher; entityQuery joins them.
// /*HINT*/ and /*SEEK*/ are an allow-listed index hint and predicate on the sort key, or
// nothing (see entitySorts).
MATCH (e:Entity) /*HINT*/
WHERE /*SEEK*/ (size($kinds) = 0 OR e.kind IN $kinds)
  AND ($name IS NULL OR toLower(e.name) CONTAINS $name
       OR any(a IN e.aliases WHERE toLower(a) CONTAINS $name))
  AND ($asOf IS NULL OR e.dateStart IS NULL OR e.dateStart <= $asOf)
  AND ($track IS NULL OR EXISTS {
        MATCH (e)-[r]-(t:Entity {id: $track})
        WHERE $asOf IS NULL OR coalesce(r.validFromStart, $asOf) <= $asOf
      } OR EXISTS {
        MATCH (e)-[r1]-(m:Entity)-[r2:PART_OF|ADDRESSES]->(t:Entity {id: $track})
        WHERE m.kind IN ['Event', 'Proposal', 'Body', 'Track']
          AND ($asOf IS NULL OR (coalesce(r1.validFromStart, $asOf) <= $asOf AND coalesce(m.dateStart, $asOf) <= $asOf))
      })
  AND ($conflict IS NULL OR EXISTS {
        MATCH (e)-[r]-(c:Conflict {id: $conflict})
      } OR EXISTS {
        MATCH (e)-[]-(m:Entity)-[:PART_OF|ADDRESSES]->(c:Conflict {id: $conflict})
        WHERE m.kind IN ['Event', 'Proposal', 'Body', 'Track']
      })
  AND ($relatedTo IS NULL OR EXISTS {
        MATCH (e)-[r]-(o:Entity {id: $relatedTo})
        WHERE $relType IS NULL OR type(r) = $relType
      })
