// The filter shared by entities.cypher and entitiesCount.cypher; entityQuery joins them.
// /*HINT*/ and /*SEEK*/ are an allow-listed index hint and predicate on the sort key, or
// nothing (see entitySorts). Entities, and the facts that tie them to a track, a conflict or
// another entity, count when visible on $asOf and $knownAt (cypher/visibility.go).
MATCH (e:Entity) /*HINT*/
WHERE /*SEEK*/ (size($kinds) = 0 OR e.kind IN $kinds)
  AND ($name IS NULL OR toLower(e.name) CONTAINS $name
       OR any(a IN e.aliases WHERE toLower(a) CONTAINS $name))
  AND visible.entity(e)
  AND ($track IS NULL OR EXISTS {
        MATCH (e)-[r]-(t:Entity {id: $track})
        WHERE visible.fact(r)
      } OR EXISTS {
        MATCH (e)-[r1]-(m:Entity)-[r2:PART_OF|ADDRESSES]->(t:Entity {id: $track})
        WHERE m.kind IN ['Event', 'Proposal', 'Body', 'Track']
          AND visible.fact(r1) AND visible.fact(r2) AND visible.entity(m)
      })
  AND ($conflict IS NULL OR EXISTS {
        MATCH (e)-[r]-(c:Conflict {id: $conflict})
        WHERE visible.fact(r)
      } OR EXISTS {
        MATCH (e)-[r1]-(m:Entity)-[r2:PART_OF|ADDRESSES]->(c:Conflict {id: $conflict})
        WHERE m.kind IN ['Event', 'Proposal', 'Body', 'Track']
          AND visible.fact(r1) AND visible.fact(r2) AND visible.entity(m)
      })
  AND ($relatedTo IS NULL OR EXISTS {
        MATCH (e)-[r]-(o:Entity {id: $relatedTo})
        WHERE ($relType IS NULL OR type(r) = $relType) AND visible.fact(r)
      })
