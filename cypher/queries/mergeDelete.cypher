// The duplicate stops being an entity; its facts were re-created on the kept entity.
MATCH (d:Entity {id: $dup})
DETACH DELETE d
