UNWIND $ids AS id
OPTIONAL MATCH (redirect:Redirect {id: id})
WITH id, coalesce(redirect.mergedInto, id) AS target
MATCH (e:Entity {id: target})
RETURN id, e AS entity
